"""The offline caps: how much of a member's points and stored value one till lets them spend in a
day beyond what HQ has confirmed (docs/architecture.md, "Offline caps"). Every spend goes through
`check`: a sale's points offset and stored-value tender (checkout) and a gift bought with points
(members.redeem_gift); so two offline tills can never let a member spend more than twice the
policy's bound between them (issue 22, defect 4). Coupons need no day cap: each is redeemed once
per till and HQ reconciles a coupon used at two tills."""

from __future__ import annotations

from datetime import date, datetime

from .errors import InvalidInput


def spent_today(uow, member_id: str, day: date) -> tuple[int, int]:
    """(points, stored value in fen) the member spent at this till since the start of `day` that
    HQ has not confirmed yet: the same figures the sale reads in its transaction (sale_book)."""
    return uow.ledgers.spent_since(member_id, datetime(day.year, day.month, day.day))


def check(
    caps: dict | None,
    points_spent_today: int,
    stored_value_spent_today: int,
    points: int = 0,
    stored_value_fen: int = 0,
) -> None:
    """Refuse (InvalidInput) a spend of `points` / `stored_value_fen` that would take what the
    member spent here today past the store's caps (no cap set: no limit)."""
    caps = caps or {}
    limit = caps.get("points_per_day")
    if points and limit and points_spent_today + points > limit:
        raise InvalidInput("offline_caps.points_per_day", limit=limit, left=max(0, limit - points_spent_today))
    limit_fen = caps.get("stored_value_fen_per_day")
    if stored_value_fen and limit_fen and stored_value_spent_today + stored_value_fen > limit_fen:
        raise InvalidInput(
            "offline_caps.stored_value_per_day",
            limit_fen=limit_fen,
            left_fen=max(0, limit_fen - stored_value_spent_today),
        )

"""Earning rules of the member app (issue 18, from the seeds), read from the chain's lifecycle
settings (`lifecycle:<chain>`, written by the console's benefits page), never from code:

* daily sign-in (签到): `sign_in_points` is the amount for day 1, 2, … of a streak (the seeds'
  "3 days in a row: 5 more, 7 days: 10 more" is a list such as [5, 5, 10, 10, 10, 10, 20]);
  after its last day the streak either keeps the last amount (`sign_in_after` "cap") or starts
  again at day 1 (`"cycle"`);
* referral (邀请): `referral_points` {"inviter": n, "invitee": m}: both sides are rewarded when the
  invitee registers with the inviter's code (the seeds: 20 and 10);
* profile completion (完善资料): `profile_points` {"points": n, "fields": [...]}: once per member,
  when every configured field is filled; the unique benefit grant (member, "profile", "") makes
  it once, however often the profile is saved.

The point-of-sale rules (member day, birthday multiplier) are the points programme's, shared with
the tills (pos_app/domain/rules.py)."""

from __future__ import annotations

from typing import Any

from pos_app.domain.errors import RuleError

PROFILE_FIELDS = ("name", "birthday", "gender", "address", "email")
SIGN_IN_AFTER = ("cap", "cycle")
MAX_POINTS = 100_000


def sign_in_points(amounts: list[int] | tuple[int, ...], after: str, streak: int) -> int:
    """Points for day `streak` (1, 2, …) of a sign-in streak."""
    if not amounts or streak < 1:
        return 0
    if after == "cycle":
        return int(amounts[(streak - 1) % len(amounts)])
    return int(amounts[min(streak, len(amounts)) - 1])


def profile_complete(fields: list[str], values: dict[str, Any]) -> bool:
    """Every configured field has a value (a blank text is not a value)."""
    return bool(fields) and all(str(values.get(f) or "").strip() for f in fields)


def _whole(value: Any, high: int = MAX_POINTS) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= high


def validate(settings: dict[str, Any]) -> dict[str, Any]:
    """The earning settings (sign_in_points, sign_in_after, referral_points, profile_points),
    checked; RuleError (earning.*) on a bad one."""
    out: dict[str, Any] = {}
    if "sign_in_points" in settings or "sign_in_after" in settings:
        amounts = settings.get("sign_in_points")
        after = settings.get("sign_in_after", "cap")
        if (
            not isinstance(amounts, list)
            or not 1 <= len(amounts) <= 31
            or not all(_whole(a, 10_000) for a in amounts)
            or after not in SIGN_IN_AFTER
        ):
            raise RuleError("earning.sign_in_invalid")
        out["sign_in_points"], out["sign_in_after"] = list(amounts), after
    if "referral_points" in settings:
        ref = settings["referral_points"]
        if (
            not isinstance(ref, dict)
            or set(ref) - {"inviter", "invitee"}
            or not all(_whole(ref.get(k, 0)) for k in ("inviter", "invitee"))
        ):
            raise RuleError("earning.referral_invalid")
        out["referral_points"] = {"inviter": ref.get("inviter", 0), "invitee": ref.get("invitee", 0)}
    if "profile_points" in settings:
        prof = settings["profile_points"]
        if (
            not isinstance(prof, dict)
            or not _whole(prof.get("points", 0))
            or not isinstance(prof.get("fields", []), list)
            or set(prof.get("fields", [])) - set(PROFILE_FIELDS)
        ):
            raise RuleError("earning.profile_invalid")
        if prof.get("points", 0) and not prof.get("fields"):
            raise RuleError("earning.profile_invalid")
        out["profile_points"] = {
            "points": prof.get("points", 0),
            "fields": [f for f in PROFILE_FIELDS if f in prof.get("fields", [])],
        }
    return out

"""The chain's rules as the lifecycle reads them: the points programme and the tiers (catalogue
rows, as tills receive them, parsed into the same domain values the till prices with), and the
lifecycle settings (benefits, reminders, send limits) kept at HQ."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from pos_app.domain.rules import PointsProgram, Tier, program_from_value

from ..models import SETTING_VALUE, CatalogueRow, Setting

_catalogue = CatalogueRow.__table__
# read by every push (Core, built once: the ORM's statement handling cost more than the read)
_PROGRAM = select(_catalogue.c.data).where(
    _catalogue.c.chain_id == bindparam("chain"),
    _catalogue.c.kind == "settings",
    _catalogue.c.key == "points_program",
    _catalogue.c.store_code == "",
)


def points_program(s: Session, chain_id: str) -> PointsProgram:
    """The chain's points programme (catalogue setting `points_program`); the defaults without one."""
    if s.new or s.dirty:  # as the ORM's autoflush would: a row written in this session is read
        s.flush()
    data = s.connection().execute(_PROGRAM, {"chain": chain_id}).scalar()
    return program_from_value((data or {}).get("value"))  # the till's parser too


def tiers(s: Session, chain_id: str) -> dict[str, Tier]:
    """The chain's tiers by code (catalogue kind `tiers`); a single `regular` tier without any."""
    rows = s.scalars(
        select(CatalogueRow.data).where(CatalogueRow.chain_id == chain_id, CatalogueRow.kind == "tiers")
    ).all()
    out = {
        r["code"]: Tier(
            r["code"],
            r.get("name", r["code"]),
            int(r.get("rank", 0)),
            int(r.get("discount_percent", 0)),
            int(r.get("points_multiplier_pct", 100)),
            int(r.get("min_spend_12m_fen", 0)),
            int(r.get("min_points_12m", 0)),
        )
        for r in rows
    }
    return out or {"regular": Tier("regular", "regular", 0)}


DEFAULT_SETTINGS: dict[str, Any] = {
    "reminder_days": 7,  # remind members this many days before points lapse
    "birthday_notice_days": 3,  # tell members of their birthday gift this many days ahead
    "messages_per_member_per_day": 3,  # send limit
    "benefits": {},  # welcome / post_purchase / birthday / tier_upgrade: see benefits.py
    # earning rules of the member app (hq/members.py)
    "sign_in_points": [5, 5, 10, 10, 15, 15, 30],  # day 1..7 of a streak, then the last a day
    "referral_points": {"inviter": 200, "invitee": 100},  # both sides of a referral
}


def stored_lifecycle_settings(s: Session, chain_id: str) -> dict[str, Any]:
    """What the chain stored of its lifecycle settings (no defaults), its row locked until the
    transaction ends: read this, change it, then `store_lifecycle_settings`."""
    import json

    row = s.get(Setting, f"lifecycle:{chain_id}", with_for_update=True)
    return json.loads(row.value) if row is not None else {}


def store_lifecycle_settings(s: Session, chain_id: str, stored: dict[str, Any]) -> None:
    import json

    s.merge(Setting(key=f"lifecycle:{chain_id}", value=json.dumps(stored, ensure_ascii=False)))


def lifecycle_settings(s: Session, chain_id: str) -> dict[str, Any]:
    """HQ's lifecycle settings for the chain (hq_settings `lifecycle:<chain>`, JSON), over the defaults."""
    import json

    if s.new or s.dirty:  # as the ORM's autoflush would: a value written in this session is read
        s.flush()
    raw = s.connection().execute(SETTING_VALUE, {"key": f"lifecycle:{chain_id}"}).scalar()
    out = dict(DEFAULT_SETTINGS)
    if raw is not None:
        out.update(json.loads(raw))
    return out

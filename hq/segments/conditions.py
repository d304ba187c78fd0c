"""A segment's condition tree (issue 19, item 3): AND/OR groups of field-operator-value over a
registry of member facts and tags (the shape Mautic, Unomi, Saleor and Medusa use), validated by
pydantic, compiled to ONE SQL statement over `member_facts` with an EXISTS per tag condition. Adding a field is one line of `FIELDS`.

Money values are fen (integers); day values are whole days; `recency_days` and `joined_days`
are compared against stored dates (`last_visit`, `joined_on`), so the indexes serve them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import and_, false, func, not_, or_, select, true

from pos_app.domain.errors import DomainError

from ..models_segments import MemberFact, MemberTag

F = MemberFact.__table__
T = MemberTag.__table__

Op = Literal["eq", "ne", "gt", "gte", "lt", "lte", "between", "in", "has", "has_not"]
NUMERIC_OPS = ("eq", "ne", "gt", "gte", "lt", "lte", "between")
TEXT_OPS = ("eq", "ne", "in")


class SegmentError(DomainError):
    """A condition tree refused (code segment.*)."""


@dataclass(frozen=True)
class FieldDef:
    kind: str  # int | money | days_since | text | bool | tag
    column: Any = None  # the SQL column (days_since: the date column)
    ops: tuple[str, ...] = NUMERIC_OPS
    choices: tuple[str, ...] = ()


FIELDS: dict[str, FieldDef] = {
    "recency_days": FieldDef("days_since", F.c.last_visit),
    "frequency_365": FieldDef("int", F.c.frequency_365),
    "monetary_365": FieldDef("money", F.c.monetary_365_fen),
    "visits_total": FieldDef("int", F.c.visits_total),
    "spend_total": FieldDef("money", F.c.spend_total_fen),
    "avg_ticket": FieldDef("money", F.c.avg_ticket_fen),
    "usual_gap_days": FieldDef("int", F.c.usual_gap_days),
    "weekend_pct": FieldDef("int", F.c.weekend_pct),
    "joined_days": FieldDef("days_since", F.c.joined_on),
    "tier": FieldDef("text", F.c.tier_code, TEXT_OPS),
    "favourite_store": FieldDef("text", F.c.favourite_store, TEXT_OPS),
    "favourite_category": FieldDef("text", F.c.favourite_category, TEXT_OPS),
    "points": FieldDef("int", F.c.points),
    "points_expiring_30d": FieldDef("int", F.c.points_expiring_30d),
    "stored_value": FieldDef("money", F.c.principal_fen + F.c.bonus_fen),
    "r_score": FieldDef("int", F.c.r_score),
    "f_score": FieldDef("int", F.c.f_score),
    "m_score": FieldDef("int", F.c.m_score),
    "rfm_group": FieldDef("text", F.c.rfm_group, TEXT_OPS),
    "consent": FieldDef("bool", F.c.consent, ("eq",)),
    "tag": FieldDef("tag", None, ("has", "has_not")),
}
MAX_ITEMS, MAX_DEPTH = 20, 3
Scalar = int | str | bool


class Condition(BaseModel):
    model_config = ConfigDict(extra="forbid")
    field: str = Field(max_length=32)
    op: Op
    value: Scalar | list[Scalar] | None = Field(default=None)

    @field_validator("value")
    @classmethod
    def _short(cls, v):
        if isinstance(v, list) and len(v) > 50:
            raise ValueError("too many values")
        if isinstance(v, str) and len(v) > 64:
            raise ValueError("value too long")
        return v


class Group(BaseModel):
    model_config = ConfigDict(extra="forbid")
    match: Literal["all", "any"] = "all"
    items: list[Condition | Group] = Field(default_factory=list, max_length=MAX_ITEMS)


def parse(definition: Any) -> Group:
    """The tree from its JSON shape; every field, operator and value checked (SegmentError)."""
    try:
        group = Group.model_validate(definition)
    except ValidationError:
        raise SegmentError("segment.invalid") from None
    _check(group, 1)
    return group


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not -(10**15) <= value <= 10**15:
        raise SegmentError("segment.value_invalid")
    return value


def _check(group: Group, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise SegmentError("segment.too_deep", depth=MAX_DEPTH)
    for item in group.items:
        if isinstance(item, Group):
            _check(item, depth + 1)
            continue
        spec = FIELDS.get(item.field)
        if spec is None:
            raise SegmentError("segment.unknown_field", field=item.field[:32])
        if item.op not in spec.ops:
            raise SegmentError("segment.op_invalid", field=item.field, op=item.op)
        v = item.value
        if item.op == "between":
            if not isinstance(v, list) or len(v) != 2:
                raise SegmentError("segment.value_invalid")
            _int(v[0]), _int(v[1])
        elif item.op == "in":
            if not isinstance(v, list) or not v or not all(isinstance(x, str) for x in v):
                raise SegmentError("segment.value_invalid")
        elif spec.kind in ("int", "money", "days_since"):
            _int(v)
        elif spec.kind == "bool":
            if not isinstance(v, bool):
                raise SegmentError("segment.value_invalid")
        elif not isinstance(v, str) or not v:
            raise SegmentError("segment.value_invalid")


def _numeric(column, op: str, v: Any):
    if op == "between":
        lo, hi = sorted(v)
        return column.between(lo, hi)
    return {
        "eq": column == v,
        "ne": column != v,
        "gt": column > v,
        "gte": column >= v,
        "lt": column < v,
        "lte": column <= v,
    }[op]


def _days_since(column, op: str, v: Any, today: date):
    """`days since <date column> op v`, as a comparison of the date (a never-seen date is
    infinitely long ago: it satisfies gt/gte/ne only)."""

    def on(n: int) -> date:
        return today - timedelta(days=n)

    if op == "between":
        lo, hi = sorted(v)
        return column.between(on(hi), on(lo))
    cond = {
        "eq": column == on(v),
        "ne": column != on(v),
        "gt": column < on(v),
        "gte": column <= on(v),
        "lt": column > on(v),
        "lte": column >= on(v),
    }[op]
    return or_(cond, column.is_(None)) if op in ("gt", "gte", "ne") else cond


def _compile(group: Group, today: date):
    parts = []
    for item in group.items:
        if isinstance(item, Group):
            parts.append(_compile(item, today))
            continue
        spec = FIELDS[item.field]
        if spec.kind == "tag":
            exists = select(T.c.member_id).where(T.c.member_id == F.c.member_id, T.c.tag == str(item.value)).exists()
            parts.append(exists if item.op == "has" else not_(exists))
        elif spec.kind == "days_since":
            parts.append(_days_since(spec.column, item.op, item.value, today))
        elif spec.kind == "text":
            if item.op == "in":
                parts.append(spec.column.in_([str(x) for x in item.value]) if isinstance(item.value, list) else false())
            else:
                parts.append(spec.column == item.value if item.op == "eq" else spec.column != item.value)
        elif spec.kind == "bool":
            parts.append(spec.column.is_(true()) if item.value else spec.column.is_not(true()))
        else:
            parts.append(_numeric(spec.column, item.op, item.value))
    if not parts:
        return true() if group.match == "all" else false()
    return and_(*parts) if group.match == "all" else or_(*parts)


def condition(group: Group, today: date):
    """The tree's condition over one member_facts row (the chain not included)."""
    return _compile(group, today)


def where(group: Group, chain_id: str, today: date):
    """The tree as one WHERE clause over member_facts (no join: consent, tier and balances are
    copied there by the nightly job)."""
    return and_(F.c.chain_id == chain_id, _compile(group, today))


def source():
    return F


def count_query(group: Group, chain_id: str, today: date):
    return select(func.count()).select_from(source()).where(where(group, chain_id, today))


def members_query(group: Group, chain_id: str, today: date):
    return select(F.c.member_id).select_from(source()).where(where(group, chain_id, today))


def count(hq, chain_id: str, definition: Any, today: date | None = None) -> int:
    group = parse(definition)
    with hq.tx() as s:
        return int(s.execute(count_query(group, chain_id, today or hq.clock().date())).scalar())

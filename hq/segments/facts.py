"""Member facts kept current (issue 19, item 1): what segments, tags and dashboards read, never
the raw events.

* After ingest (`add_to_rollups`, called by the applier, hq/applier.py, in its own transaction
  for many pushes at once, soon after they commit): the pushes' member-day figures go to
  `member_months`, their baskets to `member_stores` and `member_categories`, and each buyer's
  `member_facts` row moves (visits, spend, first and last visit): on PostgreSQL all of it, with
  member_days, in one statement (`_ROLLUPS_PG`), on SQLite by one upsert per table.
* Nightly (`member_facts` job, hq/jobs/runs.py; by member-id range like the expiry job): each
  range's facts are recomputed whole from the rollups and the members' balances (windows over
  the last 365 days, favourites, points expiring in 30 days, stored value); then, once every
  range is done, RFM quintile scores, the RFM group and the automatic tags, range by range.
  Set-based: one UPDATE of the facts per range and phase (facts, then scores and group), the
  same SQL on PostgreSQL and SQLite (SQLAlchemy Core), a dialect switch only for date arithmetic.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, case, cast, delete, func, insert, literal, literal_column, select, update
from sqlalchemy.orm import Session
from sqlalchemy.types import Date, Integer

from ..base import bulk_upsert
from ..jobs.lifecycle_jobs import member_range
from ..jobs.runs import Context, job
from ..models import CatalogueRow, Member, MemberDay, PointsLot
from ..models_segments import MemberCategory, MemberFact, MemberMonth, MemberStore, MemberTag

F = MemberFact.__table__
D = MemberDay.__table__
MM = MemberMonth.__table__
MS = MemberStore.__table__
MC = MemberCategory.__table__
T = MemberTag.__table__
M = Member.__table__
L = PointsLot.__table__
EXPIRING_DAYS = 30


def pg(s: Session) -> bool:
    return s.get_bind().dialect.name == "postgresql"


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_of(s: Session, column):
    """SQL: the first day of the column's month, as a date."""
    if pg(s):
        return cast(func.date_trunc(literal_column("'month'"), column), Date)
    return func.strftime(literal_column("'%Y-%m-01'"), column)


def days_between(s: Session, later, earlier):
    """SQL: whole days from `earlier` to `later` (dates)."""
    if pg(s):
        return later - earlier
    return cast(func.julianday(later) - func.julianday(earlier), Integer)


def idiv(a, b):
    """SQL integer division (both dialects divide integers as integers; SQLAlchemy's `//` would
    add FLOOR, `/` a cast to a decimal)."""
    return a.self_group().op("/", return_type=Integer)(b.self_group()).self_group()


def is_weekend(s: Session, column):
    if pg(s):
        return func.extract("isodow", column).in_((6, 7))
    return func.strftime("%w", column).in_(("0", "6"))


def as_date(s: Session, column):
    return cast(column, Date) if pg(s) else func.date(column)


# ---- after ingest (the applier) --------------------------------------------------------------------
def at_ingest(
    s: Session,
    chain_id: str,
    days: dict[tuple[str, date], list[int]],
    baskets: list[tuple[str, str, int, list[dict[str, Any]]]],
) -> None:
    """Figures of sales into the rollups: `days` (member, day) -> [spend, points, sales]
    (refunds negative); `baskets`: (member, store, payable, lines) of the sales (synthetic data
    writes them so; a push's go through the applier, already added up: `add_to_rollups`)."""
    stores: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    lines: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for member_id, store_code, payable, basket in baskets:
        stores[(member_id, store_code or "")][0] += 1
        stores[(member_id, store_code or "")][1] += payable
        for line in basket:
            if line.get("product_id"):
                amount = line.get("net_fen", line.get("gross_fen", 0))
                lines[(member_id, str(line["product_id"]))][0] += amount if isinstance(amount, int) else 0
                lines[(member_id, str(line["product_id"]))][1] += 1
    add_to_rollups(s, chain_id, days, stores, lines)


def add_to_rollups(
    s: Session,
    chain_id: str,
    days: dict[tuple[str, date], list[int]],
    stores: dict[tuple[str, str], list[int]],
    lines: dict[tuple[str, str], list[int]],
    member_days: bool = False,
) -> None:
    """Figures of many pushes into the rollups (see the module docstring), one upsert per table:
    `days` (member, day) -> [spend, points, sales] to member_months and member_facts (and to
    member_days too with `member_days`); `stores` (member, store) -> [visits, spend] to
    member_stores; `lines` (member, product) -> [amount, lines] to member_categories by the
    products' categories. On PostgreSQL one statement for every table (`_rollups_pg`)."""
    if pg(s):
        _rollups_pg(s, chain_id, days, stores, lines, member_days)
        return
    if member_days:
        from ..lifecycle.tiers import add_member_days

        add_member_days(s, days)
    if days:
        months: dict[tuple[str, date], list[int]] = defaultdict(lambda: [0, 0, 0])
        facts: dict[str, list] = {}
        for (member_id, day), (spend, points, sales) in sorted(days.items()):
            m = months[(member_id, month_start(day))]
            m[0] += spend
            m[1] += points
            m[2] += sales
            f = facts.setdefault(member_id, [0, 0, None, None])
            f[0] += sales
            f[1] += spend
            if sales > 0:
                f[2] = day if f[2] is None else min(f[2], day)
                f[3] = day if f[3] is None else max(f[3], day)
        bulk_upsert(
            s,
            MM,
            [
                dict(member_id=m, month=d, spend_fen=v[0], points_earned=v[1], sales=v[2])
                for (m, d), v in sorted(months.items())
            ],
            [MM.c.member_id, MM.c.month],
            add=["spend_fen", "points_earned", "sales"],
        )
        bulk_upsert(
            s,
            F,
            [
                dict(
                    member_id=m,
                    chain_id=chain_id,
                    visits_total=v[0],
                    spend_total_fen=v[1],
                    frequency_365=v[0],
                    monetary_365_fen=v[1],
                    first_visit=v[2],
                    last_visit=v[3],
                )
                for m, v in sorted(facts.items())
            ],
            [F.c.member_id],
            add=["visits_total", "spend_total_fen", "frequency_365", "monetary_365_fen"],
            set_=lambda ex: {
                "first_visit": case(
                    (F.c.first_visit.is_(None), ex.first_visit),
                    (ex.first_visit.is_(None), F.c.first_visit),
                    (ex.first_visit < F.c.first_visit, ex.first_visit),
                    else_=F.c.first_visit,
                ),
                "last_visit": case(
                    (F.c.last_visit.is_(None), ex.last_visit),
                    (ex.last_visit.is_(None), F.c.last_visit),
                    (ex.last_visit > F.c.last_visit, ex.last_visit),
                    else_=F.c.last_visit,
                ),
            },
        )
    if stores:
        bulk_upsert(
            s,
            MS,
            [dict(member_id=m, store_code=c, visits=v[0], spend_fen=v[1]) for (m, c), v in sorted(stores.items())],
            [MS.c.member_id, MS.c.store_code],
            add=["visits", "spend_fen"],
        )
    if lines:
        products = {p for _, p in lines}
        category = {
            k: str((d or {}).get("category_id") or "")[:32]
            for k, d in s.execute(
                select(CatalogueRow.key, CatalogueRow.data).where(
                    CatalogueRow.chain_id == chain_id,
                    CatalogueRow.kind == "products",
                    CatalogueRow.store_code == "",
                    CatalogueRow.key.in_(sorted(products)),
                )
            )
        }
        cats: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        for (member_id, product), (amount, n) in lines.items():
            c = category.get(product)
            if c:
                cats[(member_id, c)][0] += amount
                cats[(member_id, c)][1] += n
        bulk_upsert(
            s,
            MC,
            [dict(member_id=m, category_id=c, spend_fen=v[0], lines=v[1]) for (m, c), v in sorted(cats.items())],
            [MC.c.member_id, MC.c.category_id],
            add=["spend_fen", "lines"],
        )


def _added(table, *columns: str) -> str:
    return ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in columns)


def _facts_defaults() -> dict[str, Any]:
    """member_facts' columns an applier's new row leaves at their defaults, with those defaults."""
    given = {"member_id", "chain_id", "visits_total", "spend_total_fen", "frequency_365", "monetary_365_fen"}
    given |= {"first_visit", "last_visit"}
    return {
        c.name: getattr(c.default, "arg", None)
        for c in F.columns
        if c.name not in given and c.default is not None and getattr(c.default, "is_scalar", False)
    }


_FACTS_DEFAULTS = _facts_defaults()

# the applier's rollups on PostgreSQL as one statement: the member-day figures sent once (one JSON
# parameter) and added to member_days, and, grouped by SQL, to member_months and member_facts; the
# stores' and the lines' figures (the lines' products joined to their categories) likewise
_ROLLUPS_PG = f"""
WITH d AS (
    SELECT * FROM json_to_recordset(CAST(:days AS json)) AS d(m text, d date, s bigint, p bigint, n bigint)
), days_ AS (
    INSERT INTO member_days (member_id, day, spend_fen, points_earned, sales)
    SELECT m, d, s, p, n FROM d WHERE :with_days ORDER BY m, d
    ON CONFLICT (member_id, day) DO UPDATE SET {_added("member_days", "spend_fen", "points_earned", "sales")}
), months AS (
    INSERT INTO member_months (member_id, month, spend_fen, points_earned, sales)
    SELECT m, CAST(date_trunc('month', d) AS date), sum(s), sum(p), sum(n) FROM d GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (member_id, month) DO UPDATE SET {_added("member_months", "spend_fen", "points_earned", "sales")}
), facts AS (
    INSERT INTO member_facts (member_id, chain_id, visits_total, spend_total_fen, frequency_365, monetary_365_fen,
                              first_visit, last_visit{"".join(", " + c for c in _FACTS_DEFAULTS)})
    SELECT m, :chain, sum(n), sum(s), sum(n), sum(s), min(d) FILTER (WHERE n > 0), max(d) FILTER (WHERE n > 0)
           {"".join(", :f_" + c for c in _FACTS_DEFAULTS)}
    FROM d GROUP BY m ORDER BY m
    ON CONFLICT (member_id) DO UPDATE SET
        {_added("member_facts", "visits_total", "spend_total_fen", "frequency_365", "monetary_365_fen")},
        first_visit = CASE WHEN member_facts.first_visit IS NULL THEN excluded.first_visit
                           WHEN excluded.first_visit IS NULL THEN member_facts.first_visit
                           WHEN excluded.first_visit < member_facts.first_visit THEN excluded.first_visit
                           ELSE member_facts.first_visit END,
        last_visit = CASE WHEN member_facts.last_visit IS NULL THEN excluded.last_visit
                          WHEN excluded.last_visit IS NULL THEN member_facts.last_visit
                          WHEN excluded.last_visit > member_facts.last_visit THEN excluded.last_visit
                          ELSE member_facts.last_visit END
), stores_ AS (
    INSERT INTO member_stores (member_id, store_code, visits, spend_fen)
    SELECT m, c, v, s FROM json_to_recordset(CAST(:stores AS json)) AS t(m text, c text, v bigint, s bigint)
    ORDER BY m, c
    ON CONFLICT (member_id, store_code) DO UPDATE SET {_added("member_stores", "visits", "spend_fen")}
), lines_ AS MATERIALIZED (  -- each line's product looked up by the catalogue's key (never a scan of the products)
    SELECT l.m, (
        SELECT left(cat.data ->> 'category_id', 32) FROM catalogue cat
        WHERE cat.chain_id = :chain AND cat.kind = 'products' AND cat.key = l.p AND cat.store_code = ''
    ) AS c, l.a, l.n
    FROM json_to_recordset(CAST(:lines AS json)) AS l(m text, p text, a bigint, n bigint)
), categories AS (
    INSERT INTO member_categories (member_id, category_id, spend_fen, lines)
    SELECT m, c, sum(a), sum(n) FROM lines_ WHERE c <> '' GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (member_id, category_id) DO UPDATE SET {_added("member_categories", "spend_fen", "lines")}
)
SELECT 1
"""


def _rollups_pg(
    s: Session,
    chain_id: str,
    days: dict[tuple[str, date], list[int]],
    stores: dict[tuple[str, str], list[int]],
    lines: dict[tuple[str, str], list[int]],
    member_days: bool,
) -> None:
    from pydantic_core import to_json
    from sqlalchemy import text

    if not (days or stores or lines):
        return
    s.connection().execute(
        text(_ROLLUPS_PG),
        {
            "days": to_json([{"m": m, "d": d, "s": f[0], "p": f[1], "n": f[2]} for (m, d), f in days.items()]).decode(),
            "stores": to_json([{"m": m, "c": c, "v": f[0], "s": f[1]} for (m, c), f in stores.items()]).decode(),
            "lines": to_json([{"m": m, "p": p, "a": f[0], "n": f[1]} for (m, p), f in lines.items()]).decode(),
            "chain": chain_id,
            "with_days": member_days,
            **{f"f_{c}": v for c, v in _FACTS_DEFAULTS.items()},
        },
    )


# ---- nightly ------------------------------------------------------------------------------------------
def recompute_range(s: Session, lower: str, upper: str, day: date) -> int:
    """Recompute the facts of the members in (lower, upper] from the rollups and balances, by ONE
    UPDATE of each fact row: the member-day figures from one aggregate over the range's
    member_days, the balances and tier from members (both joined in one sub-select, the
    aggregate outer-joined: a member without member days keeps its figures), favourites and
    expiring points by indexed look-ups per member (correlated sub-selects on the key's prefix).
    One statement, not one per source: each UPDATE writes a new version of every row (no HOT:
    indexed columns), and the versions a night leaves are what a segment's scan of the facts
    reads until they are reused (bench analytics, 2026-12-01: five a night made the facts table
    five times its live size)."""
    conn = s.connection()
    in_range = and_(M.c.id > lower, M.c.id <= upper)
    missing = select(M.c.id, M.c.chain_id).where(
        in_range, ~select(F.c.member_id).where(F.c.member_id == M.c.id).exists()
    )
    conn.execute(insert(F).from_select(["member_id", "chain_id"], missing))
    me = F.c.member_id
    start = day - timedelta(days=365)
    f_range = and_(F.c.member_id > lower, F.c.member_id <= upper)
    bought = D.c.sales > 0
    in_window = and_(D.c.day > start, D.c.day <= day)
    visit = and_(bought, in_window)

    def count_if(cond):
        return func.sum(case((cond, 1), else_=0))

    agg = (
        select(
            D.c.member_id.label("m"),
            count_if(visit).label("freq"),
            func.sum(case((in_window, D.c.spend_fen), else_=0)).label("money"),
            count_if(and_(visit, is_weekend(s, D.c.day))).label("weekend"),
            func.min(case((bought, D.c.day))).label("first"),
            func.max(case((and_(bought, D.c.day <= day), D.c.day))).label("last"),
            func.min(case((visit, D.c.day))).label("first_in_window"),
            func.sum(D.c.sales).label("visits"),
            func.sum(D.c.spend_fen).label("spend"),
        )
        .where(D.c.member_id > lower, D.c.member_id <= upper)
        .group_by(D.c.member_id)
        .subquery()
    )
    src = (
        select(
            M.c.id,
            M.c.created_at,
            M.c.tier_code,
            M.c.consent,
            M.c.points,
            M.c.principal_fen,
            M.c.bonus_fen,
            agg.c.m,
            agg.c.freq,
            agg.c.money,
            agg.c.weekend,
            agg.c.first,
            agg.c.last,
            agg.c.first_in_window,
            agg.c.visits,
            agg.c.spend,
        )
        .select_from(M.outerjoin(agg, agg.c.m == M.c.id))
        .where(in_range)
        .subquery()
    )
    has_days = src.c.m.is_not(None)

    def from_days(value, column):  # the aggregate's value, or the fact as it was (no member days)
        return case((has_days, value), else_=column)

    return conn.execute(
        update(F)
        .where(f_range, src.c.id == me)
        .values(
            joined_on=as_date(s, src.c.created_at),
            tier_code=src.c.tier_code,
            consent=src.c.consent,
            points=src.c.points,
            principal_fen=src.c.principal_fen,
            bonus_fen=src.c.bonus_fen,
            computed_on=day,
            frequency_365=from_days(src.c.freq, F.c.frequency_365),
            monetary_365_fen=from_days(src.c.money, F.c.monetary_365_fen),
            first_visit=from_days(src.c.first, F.c.first_visit),
            last_visit=from_days(src.c.last, F.c.last_visit),
            visits_total=from_days(src.c.visits, F.c.visits_total),
            spend_total_fen=from_days(src.c.spend, F.c.spend_total_fen),
            avg_ticket_fen=from_days(
                case((src.c.visits > 0, idiv(src.c.spend, src.c.visits)), else_=0), F.c.avg_ticket_fen
            ),
            weekend_pct=from_days(
                case((src.c.freq > 0, idiv(src.c.weekend * 100, src.c.freq)), else_=0), F.c.weekend_pct
            ),
            usual_gap_days=from_days(
                case(
                    (src.c.freq > 1, idiv(days_between(s, src.c.last, src.c.first_in_window), src.c.freq - 1)),
                    else_=0,
                ),
                F.c.usual_gap_days,
            ),
            points_expiring_30d=func.coalesce(
                select(func.sum(L.c.remaining))
                .where(
                    L.c.member_id == me,
                    L.c.remaining > 0,
                    L.c.expires_on > day,
                    L.c.expires_on <= day + timedelta(days=EXPIRING_DAYS),
                )
                .scalar_subquery(),
                0,
            ),
            favourite_store=func.coalesce(
                select(MS.c.store_code)
                .where(MS.c.member_id == me)
                .order_by(MS.c.visits.desc(), MS.c.store_code)
                .limit(1)
                .scalar_subquery(),
                "",
            ),
            favourite_category=func.coalesce(
                select(MC.c.category_id)
                .where(MC.c.member_id == me, MC.c.spend_fen > 0)
                .order_by(MC.c.spend_fen.desc(), MC.c.category_id)
                .limit(1)
                .scalar_subquery(),
                "",
            ),
            favourite_category_pct=func.coalesce(
                select(idiv(func.max(MC.c.spend_fen) * 100, func.nullif(func.sum(MC.c.spend_fen), 0)))
                .where(MC.c.member_id == me, MC.c.spend_fen > 0)
                .scalar_subquery(),
                0,
            ),
        )
    ).rowcount


def cut_points(s: Session, chain_id: str, column, n: int) -> list:
    """The 20/40/60/80 % values of `column` among the chain's members who bought in the last 365
    days (n of them), ascending (one ORDER BY … OFFSET per cut, through the (chain, column) index)."""
    cuts = []
    for k in (1, 2, 3, 4):
        cuts.append(
            s.connection()
            .execute(
                select(column)
                .where(F.c.chain_id == chain_id, F.c.frequency_365 > 0)
                .order_by(column)
                .offset(max(0, n * k // 5 - 1))
                .limit(1)
            )
            .scalar()
        )
    return cuts


def _score(column, cuts: list):
    """1..5: above how many cut points the value lies (ties stay in the lower quintile)."""
    return case(*[(column <= c, i + 1) for i, c in enumerate(cuts)], else_=5)


RFM_GROUPS = (
    "important_value",
    "important_develop",
    "important_retain",
    "important_win_back",
    "general_value",
    "general_develop",
    "general_retain",
    "general_win_back",
)


def rfm_group_expr(r_score=F.c.r_score, f_score=F.c.f_score, m_score=F.c.m_score):
    """The standard eight RFM groups: each of R, F and M high (score ≥ 3) or low (the scores:
    the stored ones, or the expressions that set them in the same UPDATE)."""
    r, f, m = r_score >= 3, f_score >= 3, m_score >= 3
    return case(
        (F.c.frequency_365 == 0, ""),
        (and_(r, f, m), "important_value"),
        (and_(r, ~f, m), "important_develop"),
        (and_(~r, f, m), "important_retain"),
        (and_(~r, ~f, m), "important_win_back"),
        (and_(r, f, ~m), "general_value"),
        (and_(r, ~f, ~m), "general_develop"),
        (and_(~r, f, ~m), "general_retain"),
        else_="general_win_back",
    )


def score_range(s: Session, lower: str, upper: str, day: date, cuts: dict[str, dict[str, list]]) -> int:
    """RFM scores and group, and the automatic tags, of the members in (lower, upper]."""
    from .tags import AUTO_TAGS, auto_tag_rules

    conn = s.connection()
    f_range = and_(F.c.member_id > lower, F.c.member_id <= upper)
    scored = [chain_id for chain_id, c in cuts.items() if c]
    for chain_id in scored:  # scores and group in one UPDATE (one new version of each row)
        c = cuts[chain_id]
        r = case((F.c.frequency_365 == 0, 0), else_=_score(F.c.last_visit, c["r"]))
        f = case((F.c.frequency_365 == 0, 0), else_=_score(F.c.frequency_365, c["f"]))
        m = case((F.c.frequency_365 == 0, 0), else_=_score(F.c.monetary_365_fen, c["m"]))
        conn.execute(
            update(F)
            .where(f_range, F.c.chain_id == chain_id)
            .values(r_score=r, f_score=f, m_score=m, rfm_group=rfm_group_expr(r, f, m))
        )
    conn.execute(update(F).where(f_range, F.c.chain_id.not_in(scored)).values(rfm_group=rfm_group_expr()))
    conn.execute(delete(T).where(T.c.member_id > lower, T.c.member_id <= upper, T.c.source == "auto"))
    now = datetime_of(day)
    n = 0
    for tag, rule in auto_tag_rules(day).items():
        assert tag in AUTO_TAGS
        manual = select(T.c.member_id).where(T.c.member_id == F.c.member_id, T.c.tag == tag).exists()
        n += conn.execute(
            insert(T).from_select(
                ["member_id", "tag", "chain_id", "source", "at", "by"],
                select(F.c.member_id, literal(tag), F.c.chain_id, literal("auto"), literal(now), literal("rule")).where(
                    f_range, rule, ~manual
                ),
            )
        ).rowcount
    return n


def datetime_of(day: date):
    from datetime import datetime

    return datetime.combine(day, datetime.min.time())


def vacuum(s: Session) -> None:
    """PostgreSQL: VACUUM (ANALYZE) the facts and tags after the night rewrote them, on a
    connection of its own (VACUUM runs outside a transaction). The job leaves two dead versions
    of every member's row (one UPDATE a phase, on indexed columns: no HOT; five before
    2026-12-01, which kept the table at ~5x its live size: 974 MB at 1M members); at 1M
    members, before the autovacuum came, 5M dead rows (1.2 GB for 250 MB of facts) and the
    statistics of a table still empty made a segment count read the lot: 6.8 s instead of
    ~0.1 s (bench analytics, 2026-12-01)."""
    bind = s.get_bind()
    if bind.dialect.name != "postgresql" or not hasattr(bind, "connect"):
        return
    with bind.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.exec_driver_sql(f"VACUUM (ANALYZE) {F.name}, {T.name}")


@job("member_facts")
def member_facts(s: Session, ctx: Context, cursor: str) -> tuple[str | None, int]:
    """Phase `f|<id>`: recompute the facts range by range; phase `s|<id>`: RFM scores, groups and
    automatic tags range by range, with the chain's quintile cut points (computed once the facts
    are all current; computed again after a resume, from the same facts); phase `v|`: vacuum()."""
    phase, _, after = cursor.partition("|") if cursor else ("f", "|", "")
    if phase == "v":
        vacuum(s)
        return None, 0
    upper = member_range(s, after, ctx.limit)
    if phase == "f":
        if upper is None:
            return "s|", 0
        return f"f|{upper}", recompute_range(s, after, upper, ctx.day)
    if upper is None:
        return "v|", 0
    if "cuts" not in ctx.cache:
        cuts = {}
        for chain_id, n in s.connection().execute(
            select(F.c.chain_id, func.count()).where(F.c.frequency_365 > 0).group_by(F.c.chain_id)
        ):
            cuts[chain_id] = {
                "r": cut_points(s, chain_id, F.c.last_visit, n),
                "f": cut_points(s, chain_id, F.c.frequency_365, n),
                "m": cut_points(s, chain_id, F.c.monetary_365_fen, n),
            }
        ctx.cache["cuts"] = cuts
    return f"s|{upper}", score_range(s, after, upper, ctx.day, ctx.cache["cuts"])


def refresh(hq, day: date, limit: int = 5000) -> Any:
    """Run the nightly facts job for `day` now (again if it ran): tests, the demo, the bench."""
    from ..jobs.runs import run_job
    from . import analytics  # noqa: F401 (registers analytics_figures)

    result = run_job(hq, "member_facts", day.isoformat(), rerun=True, limit=limit)
    run_job(hq, "analytics_figures", day.isoformat(), rerun=True)
    return result

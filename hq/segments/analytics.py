"""The analytics pages' figures (issue 19, item 5), each from the rollups and facts (member_facts,
member_months, member_categories, points_lots), never the events: members total / new / active / dormant by month,
monthly retention cohorts, tier contribution, repurchase rate, average-ticket and
purchase-frequency histograms (integer fen / visit-day buckets), category preference, points liability by expiry month and stored-value
liability (principal / bonus). Every figure is a list of rows: the chart draws them, the table
under it shows them, the CSV export writes them."""

from __future__ import annotations

import csv
import io
import json
from contextlib import contextmanager
from datetime import date

from sqlalchemy import Date, and_, case, cast, func, literal_column, select, text, union_all

from ..jobs.runs import Context, job
from ..models import CatalogueRow, PointsLot
from ..models_segments import MemberCategory, MemberFact, MemberMonth
from .facts import month_of

F = MemberFact.__table__
MM = MemberMonth.__table__
L = PointsLot.__table__
MC = MemberCategory.__table__
DORMANT_MONTHS = 2


def _months(today: date, n: int) -> list[date]:
    out, y, m = [], today.year, today.month
    for _ in range(n):
        out.append(date(y, m, 1))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out[::-1]


def _key(value) -> str:
    return str(value)[:7]


@contextmanager
def _tx(source):
    """`source` is HQ (a transaction of its own) or a session (the nightly job's)."""
    if hasattr(source, "tx"):
        with source.tx() as s:
            yield s
    else:
        yield source


def _next_month(s, column):
    if s.bind.dialect.name == "postgresql":
        return cast(column + text("interval '1 month'"), Date)
    return func.date(column, literal_column("'+1 month'"))


def members_over_time(hq, chain_id: str, today: date, months: int = 12) -> list[dict]:
    """Per month: members at its end, new in it, active (bought in it), dormant (joined before it,
    no purchase in it or the month before)."""
    span = _months(today, months + 1)
    with _tx(hq) as s:
        joined = {
            _key(m): int(n)
            for m, n in s.execute(
                select(month_of(s, F.c.joined_on), func.count())
                .where(F.c.chain_id == chain_id)
                .group_by(month_of(s, F.c.joined_on))
            )
        }
        before = int(s.scalar(select(func.count()).where(F.c.chain_id == chain_id, F.c.joined_on < span[1])))
        active = {
            _key(m): int(n)
            for m, n in s.execute(
                select(MM.c.month, func.count())
                .select_from(MM.join(F, F.c.member_id == MM.c.member_id))
                .where(F.c.chain_id == chain_id, MM.c.month >= span[0], MM.c.sales > 0)
                .group_by(MM.c.month)
            )
        }
        bought = and_(MM.c.sales > 0, MM.c.month >= span[0])
        shifted = union_all(
            select(MM.c.member_id, MM.c.month.label("m")).where(bought),
            select(MM.c.member_id, _next_month(s, MM.c.month).label("m")).where(bought),
        ).subquery()
        recent = {
            _key(m): int(n)
            for m, n in s.execute(
                select(shifted.c.m, func.count(func.distinct(shifted.c.member_id)))
                .select_from(shifted.join(F, F.c.member_id == shifted.c.member_id))
                .where(F.c.chain_id == chain_id, F.c.joined_on < shifted.c.m)
                .group_by(shifted.c.m)
            )
        }
    rows, total = [], before
    for month in span[1:]:
        k = _key(month)
        new = joined.get(k, 0)
        old = total
        total += new
        rows.append(
            {
                "month": k,
                "total": total,
                "new": new,
                "active": active.get(k, 0),
                "dormant": max(0, old - recent.get(k, 0)),
            }
        )
    return rows


def cohorts(hq, chain_id: str, today: date, months: int = 12) -> list[dict]:
    """Per first-purchase month: its members and the share (%) who bought in each month after."""
    span = _months(today, months)
    with _tx(hq) as s:
        cohort = month_of(s, F.c.first_visit)
        sizes = {
            _key(c): int(n)
            for c, n in s.execute(
                select(cohort, func.count())
                .where(F.c.chain_id == chain_id, F.c.first_visit >= span[0])
                .group_by(cohort)
            )
        }
        cells = {
            (_key(c), _key(m)): int(n)
            for c, m, n in s.execute(
                select(cohort, MM.c.month, func.count())
                .select_from(MM.join(F, F.c.member_id == MM.c.member_id))
                .where(F.c.chain_id == chain_id, F.c.first_visit >= span[0], MM.c.sales > 0)
                .group_by(cohort, MM.c.month)
            )
        }
    keys = [_key(m) for m in span]
    rows = []
    for i, c in enumerate(keys):
        size = sizes.get(c, 0)
        row = {"cohort": c, "members": size}
        for j, m in enumerate(keys[i:]):
            row[f"m{j}"] = round(100 * cells.get((c, m), 0) / size, 1) if size else 0.0
        rows.append(row)
    return rows


def _catalogue(s, chain_id: str, kind: str) -> list[tuple[str, dict]]:
    """The chain's catalogue rows of one kind (tiers, categories): key and data, to name what
    the facts hold by code as the chain calls it."""
    rows = s.execute(
        select(CatalogueRow.key, CatalogueRow.data).where(
            CatalogueRow.chain_id == chain_id, CatalogueRow.store_code == "", CatalogueRow.kind == kind
        )
    )
    return [(key, data if isinstance(data, dict) else {}) for key, data in rows]


def tiers(hq, chain_id: str) -> list[dict]:
    """Per tier: members, spend over 365 days, and their shares (% of members, % of spend), with
    the tier's name as the chain calls it (its code where the catalogue has none), lowest tier first."""
    with _tx(hq) as s:
        catalogue = {
            key: (int(data.get("rank") or 0), str(data.get("name") or key))
            for key, data in _catalogue(s, chain_id, "tiers")
        }
        data = [
            (t or "-", int(n), int(x or 0))
            for t, n, x in s.execute(
                select(F.c.tier_code, func.count(), func.sum(F.c.monetary_365_fen))
                .where(F.c.chain_id == chain_id)
                .group_by(F.c.tier_code)
                .order_by(F.c.tier_code)
            )
        ]
    data.sort(key=lambda row: (catalogue.get(row[0], (10**9, ""))[0], row[0]))
    members = sum(n for _, n, _ in data) or 1
    spend = sum(x for *_, x in data) or 1
    return [
        {
            "tier": t,
            "tier_name": catalogue.get(t, (0, t))[1],
            "members": n,
            "spend_fen": x,
            "members_pct": round(100 * n / members, 1),
            "spend_pct": round(100 * x / spend, 1),
        }
        for t, n, x in data
    ]


def liability(hq, chain_id: str) -> dict:
    """Points held and stored value (principal, bonus) summed from the facts; points left in lots
    by expiry month. Reconciles to the ledgers when the facts are current (tests)."""
    with _tx(hq) as s:
        points, principal, bonus = (
            int(v or 0)
            for v in s.execute(
                select(func.sum(F.c.points), func.sum(F.c.principal_fen), func.sum(F.c.bonus_fen)).where(
                    F.c.chain_id == chain_id
                )
            ).one()
        )
        month = month_of(s, L.c.expires_on)
        chain_members = select(F.c.member_id).where(F.c.chain_id == chain_id)
        by_month = [
            (_key(m) if m is not None else "-", int(n))
            for m, n in s.execute(
                select(month, func.sum(L.c.remaining))
                .where(L.c.remaining > 0, L.c.member_id.in_(chain_members))
                .group_by(month)
                .order_by(month)
            )
        ]
    return {"points": points, "principal_fen": principal, "bonus_fen": bonus, "points_by_expiry": by_month}


def repurchase(hq, chain_id: str, today: date, months: int = 12) -> list[dict]:
    """Per month (the last `months` whose next month is over): members who bought in it, how many
    of them bought again in the next month, and that share (%), from `member_months`."""
    span = _months(today, months + 2)[:-2]
    a, b = MM.alias("a"), MM.alias("b")
    with _tx(hq) as s:
        found = {
            _key(m): (int(n), int(again))
            for m, n, again in s.execute(
                select(a.c.month, func.count(), func.count(b.c.member_id))
                .select_from(
                    a.join(F, F.c.member_id == a.c.member_id).outerjoin(
                        b,
                        and_(b.c.member_id == a.c.member_id, b.c.month == _next_month(s, a.c.month), b.c.sales > 0),
                    )
                )
                .where(F.c.chain_id == chain_id, a.c.sales > 0, a.c.month >= span[0])
                .group_by(a.c.month)
            )
        }
    rows = []
    for month in span:
        n, again = found.get(_key(month), (0, 0))
        rows.append(
            {"month": _key(month), "buyers": n, "again": again, "rate_pct": round(100 * again / n, 1) if n else 0.0}
        )
    return rows


# histogram buckets: lower bounds (the last bucket is open); average ticket in integer fen
TICKET_EDGES_FEN = (0, 2000, 5000, 10000, 20000, 50000, 100000)
FREQUENCY_EDGES = (1, 2, 3, 4, 6, 12, 24)  # visit days in the last 365


def _histogram(hq, chain_id: str, column, edges: tuple[int, ...], lo: str, hi: str) -> list[dict]:
    """Members who bought in the last 365 days, counted by bucket of `column` (one GROUP BY on
    member_facts); `lo`/`hi` name the bounds (`hi` exclusive, empty for the open last bucket)."""
    bucket = case(*((column < e, i) for i, e in enumerate(edges[1:])), else_=len(edges) - 1)
    with _tx(hq) as s:
        counts = {
            int(k): int(n)
            for k, n in s.execute(
                select(bucket, func.count()).where(F.c.chain_id == chain_id, F.c.frequency_365 > 0).group_by(bucket)
            )
        }
    total = sum(counts.values()) or 1
    return [
        {
            lo: e,
            hi: edges[i + 1] if i + 1 < len(edges) else "",
            "members": counts.get(i, 0),
            "members_pct": round(100 * counts.get(i, 0) / total, 1),
        }
        for i, e in enumerate(edges)
    ]


def ticket_histogram(hq, chain_id: str) -> list[dict]:
    """Average ticket (spend / visits over 365 days, integer fen) by bucket."""
    return _histogram(hq, chain_id, F.c.avg_ticket_fen, TICKET_EDGES_FEN, "from_fen", "to_fen")


def frequency_histogram(hq, chain_id: str) -> list[dict]:
    """Purchase frequency (visit days in the last 365) by bucket."""
    return _histogram(hq, chain_id, F.c.frequency_365, FREQUENCY_EDGES, "from_days", "to_days")


def categories(hq, chain_id: str, top: int = 12) -> list[dict]:
    """Per category: the members whose favourite it is (member_facts) and their share, and the
    sales in it (member_categories, all time) and their share; the `top` categories by sales,
    each named as the chain's catalogue names it."""
    with _tx(hq) as s:
        names = {key: str(data.get("name") or key) for key, data in _catalogue(s, chain_id, "categories")}
        fav = {
            c: int(n)
            for c, n in s.execute(
                select(F.c.favourite_category, func.count())
                .where(F.c.chain_id == chain_id, F.c.favourite_category != "")
                .group_by(F.c.favourite_category)
            )
        }
        spend = {
            c: int(x or 0)
            for c, x in s.execute(
                select(MC.c.category_id, func.sum(MC.c.spend_fen))
                .select_from(MC.join(F, F.c.member_id == MC.c.member_id))
                .where(F.c.chain_id == chain_id)
                .group_by(MC.c.category_id)
            )
        }
    members, sales = sum(fav.values()) or 1, sum(spend.values()) or 1
    keys = sorted(set(fav) | set(spend), key=lambda c: (-spend.get(c, 0), -fav.get(c, 0), c))[:top]
    return [
        {
            "category": c,
            "category_name": names.get(c, c),
            "favourite_members": fav.get(c, 0),
            "favourite_pct": round(100 * fav.get(c, 0) / members, 1),
            "sales_fen": spend.get(c, 0),
            "sales_pct": round(100 * spend.get(c, 0) / sales, 1),
        }
        for c in keys
    ]


FIGURES = ("members", "cohorts", "tiers", "repurchase", "tickets", "frequency", "categories", "totals", "slipping")


def compute_figures(source, chain_id: str, today: date) -> dict:
    """Every figure of the analytics page: the charts, the liability (`totals`: as `liability()`
    sums it; `liability`: its rows by expiry month) and the members slipping away (their count and
    the 20 most valuable) — each a read of a million members' facts at chain scale, so the nightly
    job stores them and the page reads the stored ones."""
    from .alerts import slipping_members

    totals = liability(source, chain_id)
    n, slipping = slipping_members(source, chain_id, today)
    return {
        "day": today.isoformat(),
        "members": members_over_time(source, chain_id, today),
        "cohorts": cohorts(source, chain_id, today),
        "tiers": tiers(source, chain_id),
        "repurchase": repurchase(source, chain_id, today),
        "tickets": ticket_histogram(source, chain_id),
        "frequency": frequency_histogram(source, chain_id),
        "categories": categories(source, chain_id),
        "totals": totals,
        "liability": liability_rows(totals),
        "slipping": {
            "count": n,
            "members": [
                {
                    "member_id": m.member_id,
                    "last_visit": m.last_visit.isoformat(),
                    "days_since": m.days_since,
                    "usual_gap_days": m.usual_gap_days,
                    "monetary_365_fen": m.monetary_365_fen,
                }
                for m in slipping
            ],
        },
    }


def stored_figures(hq, chain_id: str) -> dict | None:
    """The chain's figures as the nightly job left them (None: not computed yet)."""
    from ..models import Setting

    with hq.tx() as s:
        row = s.get(Setting, f"analytics:{chain_id}"[:64])
        figures = json.loads(row.value) if row is not None else None
    # stored before a figure was added: as if not computed yet
    return figures if figures is not None and all(k in figures for k in FIGURES) else None


def figures(hq, chain_id: str, today: date) -> dict:
    """What the analytics page shows: the stored figures, or (never computed) computed now."""
    return stored_figures(hq, chain_id) or compute_figures(hq, chain_id, today)


@job("analytics_figures")
def analytics_figures(s, ctx: Context, cursor: str):
    """The chain's figures (`compute_figures`), one chain a chunk, kept as one JSON row: the
    analytics page reads it instead of aggregating a million members' facts and months at each
    request (the page says the day they are as of); the counts of the segments page
    (`segments.refresh_counts`: every segment's members, the members per tag); and the
    campaigns' window sums through the day (`campaigns.store_results`)."""
    from ..models import Chain, Setting
    from .campaigns import store_results
    from .segments import refresh_counts

    chain_id = s.scalar(select(Chain.id).where(Chain.id > cursor).order_by(Chain.id).limit(1))
    if chain_id is None:
        return None, 0
    value = json.dumps(compute_figures(s, chain_id, ctx.day), ensure_ascii=False)
    key = f"analytics:{chain_id}"[:64]
    row = s.get(Setting, key)
    if row is None:
        s.add(Setting(key=key, value=value))
    else:
        row.value = value
    refresh_counts(s, chain_id, ctx.day, ctx.now)
    store_results(s, chain_id, ctx.day)
    return chain_id, 1


def liability_rows(report: dict) -> list[dict]:
    """`liability()`'s points by expiry month as rows (the chart, its table, the export)."""
    return [{"expires": m, "points": n} for m, n in report["points_by_expiry"]]


def to_xlsx(rows: list[dict], title: str) -> bytes:
    """The same rows as `to_csv`, one sheet, numbers as numbers (openpyxl)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    if rows:
        sheet.append(list(rows[0]))
        for r in rows:
            sheet.append(list(r.values()))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    if rows:
        w = csv.DictWriter(out, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return out.getvalue()

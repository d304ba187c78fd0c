"""Issue 19: facts kept at ingest and by the nightly job, tags, the condition compiler (SQLite
and PostgreSQL), holdout, the confidence interval, liability reconciled to the ledgers."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from hq.demo import load_demo
from hq.models import CatalogueRow, PointsEntry, PointsLot, StoredValueEntry
from hq.models_segments import MemberFact, MemberTag
from hq.segments import analytics, campaigns, conditions, facts, segments, synthetic, tags
from hq.segments.stats import lift_ci
from hq.service import HQ
from hq.services import audit
from sync.protocol import EnrolRequest, PushRequest
from tests.sync.conftest import event, pg_admin_url, pg_url, sqlite_url  # noqa: F401

NOW = datetime(2026, 11, 23, 10)
DAY = date(2026, 11, 22)
ACTOR = audit.Actor("demo", None, "tester")


@pytest.fixture(params=["sqlite_url", pytest.param("pg_url", marks=pytest.mark.postgres)])
def chain(request):
    hq = HQ(request.getfixturevalue(request.param), lambda: NOW)
    load_demo(hq, NOW, stores=("S001", "S002"), products=200, members=300)
    for code in ("S001", "S002"):
        hq.create_till(code, "001")
    synthetic.history(hq, "demo", DAY - timedelta(days=119), 120, seed=3)
    facts.refresh(hq, DAY, limit=70)  # several ranges
    yield hq
    hq.close()


def fact(hq, member_id: str) -> MemberFact:
    with hq.tx() as s:
        row = s.get(MemberFact, member_id)
        s.expunge(row)
        return row


def test_a_pushed_sale_moves_the_facts_at_ingest_and_the_job_recomputes_them(sqlite_url):
    hq = HQ(sqlite_url, lambda: NOW)
    load_demo(hq, NOW, products=200, members=50)
    code = hq.create_till("S001", "001")[1]
    token = hq.enrol(EnrolRequest(code=code)).token
    lines = [{"line_no": 1, "product_id": "P000001", "qty": 2, "net_fen": 700, "gross_fen": 700}]
    hq.push_as(
        token,
        PushRequest.model_validate(
            {
                "version": 1,
                "events": [
                    event(1, member_id="M00000005", payable_fen=700, lines=lines, at="2026-11-21T10:00:00"),
                    event(2, member_id="M00000005", payable_fen=300, at="2026-11-22T10:00:00"),
                ],
            }
        ),
    )
    with hq.tx() as s:  # the day HQ booked the sales on (its member-day rollup)
        from hq.models import MemberDay

        (day,) = s.scalars(select(MemberDay.day).where(MemberDay.member_id == "M00000005"))
    f = fact(hq, "M00000005")
    assert (f.visits_total, f.spend_total_fen, f.last_visit, f.first_visit) == (2, 1000, day, day)
    facts.refresh(hq, day)
    f = fact(hq, "M00000005")
    assert (f.visits_total, f.spend_total_fen, f.frequency_365, f.avg_ticket_fen) == (2, 1000, 1, 500)
    assert f.favourite_store == "S001" and f.favourite_category != "" and f.favourite_category_pct == 100
    assert f.r_score >= 1 and f.rfm_group != ""  # scored (one buyer: every quintile is his)
    hq.close()


def test_condition_trees_compile_to_one_query_that_counts_what_python_counts(chain):
    hq = chain
    with hq.tx() as s:
        rows = [
            (r.member_id, r.last_visit, r.monetary_365_fen, r.tier_code, r.frequency_365)
            for r in s.scalars(select(MemberFact).where(MemberFact.chain_id == "demo"))
        ]
        loyal = set(s.scalars(select(MemberTag.member_id).where(MemberTag.tag == "loyal")))
    tree = {
        "match": "all",
        "items": [
            {"field": "recency_days", "op": "lte", "value": 20},
            {"field": "monetary_365", "op": "gte", "value": 20000},
            {
                "match": "any",
                "items": [
                    {"field": "tier", "op": "in", "value": ["gold", "platinum"]},
                    {"field": "tag", "op": "has", "value": "loyal"},
                ],
            },
            {"field": "frequency_365", "op": "between", "value": [3, 400]},
            {"field": "consent", "op": "eq", "value": True},
        ],
    }
    expected = {
        m
        for m, last, money, tier, freq in rows
        if last is not None
        and last >= DAY - timedelta(days=20)
        and money >= 20000
        and (tier in ("gold", "platinum") or m in loyal)
        and 3 <= freq <= 400
    }
    assert 0 < len(expected) < len(rows)
    assert conditions.count(hq, "demo", tree, today=DAY) == len(expected)
    never = {"match": "all", "items": [{"field": "recency_days", "op": "gt", "value": 10000}]}
    assert conditions.count(hq, "demo", never, today=DAY) == sum(1 for r in rows if r[1] is None)
    assert conditions.count(hq, "demo", {"match": "any", "items": []}, today=DAY) == 0
    assert conditions.count(hq, "demo", {"match": "all", "items": []}, today=DAY) == len(rows)


@pytest.mark.parametrize(
    "tree, code",
    [
        ({"match": "all", "items": [{"field": "phone", "op": "eq", "value": "1"}]}, "segment.unknown_field"),
        ({"match": "all", "items": [{"field": "tier", "op": "gt", "value": "gold"}]}, "segment.op_invalid"),
        (
            {"match": "all", "items": [{"field": "points", "op": "gt", "value": "1; drop table"}]},
            "segment.value_invalid",
        ),
        (
            {
                "match": "all",
                "items": [{"match": "any", "items": [{"match": "all", "items": [{"match": "all", "items": []}]}]}],
            },
            "segment.too_deep",
        ),
        ({"match": "xor", "items": []}, "segment.invalid"),
    ],
)
def test_a_bad_tree_is_refused_with_its_code(tree, code):
    with pytest.raises(conditions.SegmentError) as e:
        conditions.parse(tree)
    assert e.value.code == code


def test_automatic_tags_follow_their_rules_and_manual_tags_are_audited_and_kept(chain):
    hq = chain
    with hq.tx() as s:
        dormant = set(s.scalars(select(MemberTag.member_id).where(MemberTag.tag == "dormant")))
        quiet = set(s.scalars(select(MemberFact.member_id).where(MemberFact.last_visit <= DAY - timedelta(days=60))))
        loyal = set(s.scalars(select(MemberTag.member_id).where(MemberTag.tag == "loyal")))
        frequent = set(
            s.scalars(
                select(MemberFact.member_id).where(
                    MemberFact.frequency_365 >= 12, MemberFact.last_visit > DAY - timedelta(days=60)
                )
            )
        )
    assert quiet and dormant >= quiet and loyal == frequent and loyal
    assert tags.add_manual(hq, ACTOR, ["M00000001", "M00000002"], "vip客户") == 2
    facts.refresh(hq, DAY)  # the job keeps manual tags
    assert ("vip客户", "manual") in tags.member_tags(hq, "M00000001")
    with hq.tx() as s:
        from hq.models import AuditEntry

        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "tags.added")) == 1
    with pytest.raises(tags.TagError):
        tags.add_manual(hq, ACTOR, ["M00000001"], "bad tag; --")
    assert tags.remove_manual(hq, ACTOR, ["M00000001"], "vip客户") == 1


def test_the_holdout_is_deterministic_and_near_its_share():
    ids = [f"M{n:08d}" for n in range(20000)]
    control = [m for m in ids if campaigns.in_control("camp-1", m, 10)]
    assert control == [m for m in ids if campaigns.in_control("camp-1", m, 10)]
    assert 1800 < len(control) < 2200
    assert not any(campaigns.in_control("camp-1", m, 0) for m in ids)
    assert control != [m for m in ids if campaigns.in_control("camp-2", m, 10)]


def test_the_confidence_interval_matches_a_hand_computed_example():
    # treated spend per member (fen) 100, 200, 300: mean 200, sample variance 10000;
    # control 100, 100, 100, 300: mean 150, sample variance 10000.
    # diff 50; SE = sqrt(10000/3 + 10000/4) = 76.376…; half-width 1.96 × SE = 149.697…
    lift = lift_ci(3, 600, 140000, 4, 600, 120000)
    assert (lift.diff_fen, lift.low_fen, lift.high_fen) == (50, -100, 200)
    assert (lift.incremental_fen, lift.incremental_low_fen, lift.incremental_high_fen) == (150, -299, 599)
    assert not lift.significant
    assert lift_ci(0, 0, 0, 4, 600, 120000) is None
    strong = lift_ci(3, 3000, 3000020000 // 1000, 3, 300, 30200)
    assert strong.low_fen > 0 and strong.significant


def test_a_campaign_snapshots_its_audience_holds_out_its_control_and_measures_lift(chain):
    hq = chain
    sid = segments.save_segment(
        hq, ACTOR, "常客", {"match": "all", "items": [{"field": "frequency_365", "op": "gte", "value": 5}]}
    )
    cid = campaigns.create(
        hq,
        ACTOR,
        name="回头券",
        segment_id=sid,
        action="coupon",
        params={"template_id": "CT01", "valid_days": 14},
        holdout_pct=20,
    )
    treated, control = campaigns.launch(hq, ACTOR, cid)
    audience = conditions.count(
        hq, "demo", {"match": "all", "items": [{"field": "frequency_365", "op": "gte", "value": 5}]}
    )
    assert treated + control == audience and control > 0
    r = campaigns.results(hq, "demo", cid)
    assert (r.treat.members, r.control.members, r.coupons_issued) == (treated, control, treated)
    with pytest.raises(campaigns.CampaignError):
        campaigns.launch(hq, ACTOR, cid)
    with hq.tx() as s:  # purchases in the window: results from member_days
        from hq.models import MemberDay
        from hq.models_segments import CampaignMember

        groups = dict(
            s.execute(
                select(CampaignMember.member_id, CampaignMember.grp).where(CampaignMember.campaign_id == cid)
            ).all()
        )
        treat_ids = sorted(m for m, g in groups.items() if g == "treat")[:3]
        control_ids = sorted(m for m, g in groups.items() if g == "control")[:2]
        for m, spend in zip(treat_ids + control_ids, (1000, 2000, 3000, 500, 1500)):
            s.merge(
                MemberDay(member_id=m, day=NOW.date() + timedelta(days=2), spend_fen=spend, points_earned=0, sales=1)
            )
    r = campaigns.results(hq, "demo", cid)
    assert (r.treat.buyers, r.treat.spend_fen, r.control.buyers, r.control.spend_fen) == (3, 6000, 2, 2000)
    assert r.lift == lift_ci(treated, 6000, 1000**2 + 2000**2 + 3000**2, control, 2000, 500**2 + 1500**2)
    with hq.tx() as s:  # the coupons are in the feed for the tills' next pull
        from hq.models import ChangeRow

        assert (
            s.scalar(select(func.count()).select_from(ChangeRow).where(ChangeRow.kind == "member_coupons")) >= treated
        )
    budget = campaigns.create(
        hq, ACTOR, name="积分", segment_id=sid, action="points", params={"points": 10}, holdout_pct=0, budget=7
    )
    assert campaigns.launch(hq, ACTOR, budget) == (7, 0)


def test_liability_from_the_rollups_equals_the_ledgers_to_the_fen(chain):
    hq = chain
    from hq.jobs.runs import run_job

    run_job(hq, "points_expiry", DAY.isoformat())
    facts.refresh(hq, DAY)
    report = analytics.liability(hq, "demo")
    with hq.tx() as s:
        points = s.scalar(select(func.sum(PointsEntry.delta)))
        principal, bonus = s.execute(
            select(func.sum(StoredValueEntry.principal_fen), func.sum(StoredValueEntry.bonus_fen))
        ).one()
        lots = s.scalar(select(func.sum(PointsLot.remaining)))
    assert report["points"] == points and report["principal_fen"] == principal and report["bonus_fen"] == bonus
    assert sum(n for _, n in report["points_by_expiry"]) == lots
    months = analytics.members_over_time(hq, "demo", DAY)  # the other figures, on both dialects
    assert len(months) == 12 and months[-1]["total"] == 300 and months[-1]["active"] > 0
    cohorts = analytics.cohorts(hq, "demo", DAY)
    assert any(r["members"] and r["m0"] == 100.0 for r in cohorts)
    by_tier = analytics.tiers(hq, "demo")
    assert sum(r["members"] for r in by_tier) == 300
    # the chart names a tier as the chain does (the catalogue's name), not by its code
    with hq.tx() as s:
        names = {
            k: d["name"]
            for k, d in s.execute(
                select(CatalogueRow.key, CatalogueRow.data).where(
                    CatalogueRow.chain_id == "demo", CatalogueRow.kind == "tiers", CatalogueRow.store_code == ""
                )
            )
        }
    assert names and all(r["tier_name"] == names[r["tier"]] != r["tier"] for r in by_tier)
    assert [r["tier"] for r in by_tier][:2] == ["regular", "silver"]  # lowest tier first, by rank


def test_alerts_name_a_valuable_member_slipping_away_and_a_store_whose_returns_jump(chain):
    hq = chain
    from hq.models import StoreDay
    from hq.segments import alerts

    with hq.tx() as s:
        f = s.get(MemberFact, "M00000007")
        f.m_score, f.frequency_365, f.usual_gap_days, f.last_visit = 5, 30, 5, DAY - timedelta(days=20)
        g = s.get(MemberFact, "M00000008")  # same, but back within twice its gap
        g.m_score, g.frequency_365, g.usual_gap_days, g.last_visit = 5, 30, 12, DAY - timedelta(days=20)
        for n in range(1, 36):
            day = DAY + timedelta(days=1) - timedelta(days=n)
            s.merge(
                StoreDay(
                    store_code="S002",
                    day=day,
                    sales=100,
                    refunds=8 if n <= 7 else 1,
                    sales_fen=0,
                    refunds_fen=0,
                    member_sales=0,
                    points_earned=0,
                    points_spent=0,
                )
            )
            s.merge(
                StoreDay(
                    store_code="S001",
                    day=day,
                    sales=100,
                    refunds=2,
                    sales_fen=0,
                    refunds_fen=0,
                    member_sales=0,
                    points_earned=0,
                    points_spent=0,
                )
            )
    n, slipping = alerts.slipping_members(hq, "demo", DAY + timedelta(days=1), limit=1000)
    ids = {m.member_id for m in slipping}
    assert "M00000007" in ids and "M00000008" not in ids and n == len(slipping)
    assert all(m.days_since > 2 * m.usual_gap_days for m in slipping)
    jumps = alerts.return_jumps(hq, DAY + timedelta(days=1))
    assert [j.store_code for j in jumps] == ["S002"] and jumps[0].rate_7_pct == 8.0

    # staff who subscribed get the day's alerts in their notification list; the others do not
    from hq.jobs.runs import run_job
    from hq.models import Staff

    with hq.tx() as s:
        for sid, active in (("st-sub", True), ("st-not", True), ("st-gone", False)):
            s.add(
                Staff(
                    id=sid,
                    chain_id="demo",
                    username=sid,
                    display_name=sid,
                    role="marketing",
                    store_codes=[],
                    password_hash="x",
                    active=active,
                    created_at=NOW,
                )
            )
    alerts.subscribe(hq, "demo", "st-sub", True)
    alerts.subscribe(hq, "demo", "st-gone", True)
    alerts.subscribe(hq, "demo", "st-not", True)
    alerts.subscribe(hq, "demo", "st-not", False)
    assert alerts.subscribed(hq, "demo", "st-sub") and not alerts.subscribed(hq, "demo", "st-not")
    day = (DAY + timedelta(days=1)).isoformat()
    run_job(hq, "analytics_alerts", day)
    run_job(hq, "analytics_alerts", day, rerun=True)  # a re-run replaces the day's note
    assert alerts.notifications(hq, "st-sub") == [{"day": day, "slipping": n, "returns": ["S002"]}]
    assert alerts.notifications(hq, "st-not") == [] and alerts.notifications(hq, "st-gone") == []


def test_the_store_day_rollup_of_a_day_equals_its_events_summed_here(chain):
    hq = chain
    from hq.jobs.runs import run_job
    from hq.models import EventRow, Store, StoreDay, TillRow

    run_job(hq, "daily_rollups", DAY.isoformat(), rerun=True)
    start = datetime.combine(DAY, datetime.min.time())
    with hq.tx() as s:
        tills = dict(s.execute(select(TillRow.id, Store.code).join(Store)).all())
        expected: dict[str, list[int]] = {}
        for till, payload in s.execute(
            select(EventRow.till_id, EventRow.payload).where(
                EventRow.kind == "sale", EventRow.at >= start, EventRow.at < start + timedelta(days=1)
            )
        ):
            e = expected.setdefault(tills.get(till, ""), [0, 0, 0])
            e[0] += 1
            e[1] += payload["payable_fen"]
            e[2] += payload["points_earned"]
        got = {
            r.store_code: [r.sales, r.sales_fen, r.points_earned]
            for r in s.scalars(select(StoreDay).where(StoreDay.day == DAY))
            if r.sales
        }
    assert expected and got == expected


def test_a_daily_campaign_reaches_the_members_who_enter_its_segment_once(chain):
    hq = chain
    from hq.jobs.runs import run_job
    from hq.models_segments import CampaignMember

    sid = segments.save_segment(
        hq, ACTOR, "沉睡60天", {"match": "all", "items": [{"field": "tag", "op": "has", "value": "dormant"}]}
    )
    cid = campaigns.create(
        hq,
        ACTOR,
        name="归来券",
        segment_id=sid,
        action="coupon",
        params={"template_id": "CT01", "valid_days": 30},
        holdout_pct=10,
        trigger="daily",
    )
    treated, control = campaigns.launch(hq, ACTOR, cid)
    with hq.tx() as s:
        first = set(s.scalars(select(CampaignMember.member_id).where(CampaignMember.campaign_id == cid)))
        fresh = s.scalar(select(MemberFact.member_id).where(MemberFact.member_id.not_in(first)).limit(1))
        s.add(MemberTag(member_id=fresh, tag="dormant", chain_id="demo", source="manual", at=NOW, by="t"))
    run_job(hq, "campaign_triggers", (DAY + timedelta(days=1)).isoformat())
    run_job(hq, "campaign_triggers", (DAY + timedelta(days=2)).isoformat())
    with hq.tx() as s:
        after = list(s.scalars(select(CampaignMember.member_id).where(CampaignMember.campaign_id == cid)))
    assert len(after) == len(set(after)) == len(first) + 1 and fresh in after
    assert treated + control == len(first)


def test_the_repurchase_ticket_frequency_and_category_charts_count_what_python_counts(chain):
    """Each new chart's figures against the same rollups counted here in Python."""
    import bisect
    from collections import Counter

    from hq.models_segments import MemberCategory, MemberMonth

    hq = chain
    with hq.tx() as s:
        buys = {
            (m, month)
            for m, month in s.execute(select(MemberMonth.member_id, MemberMonth.month).where(MemberMonth.sales > 0))
        }
        facts_rows = s.execute(
            select(MemberFact.avg_ticket_fen, MemberFact.frequency_365, MemberFact.favourite_category).where(
                MemberFact.chain_id == "demo"
            )
        ).all()
        spend = Counter()
        for c, x in s.execute(select(MemberCategory.category_id, MemberCategory.spend_fen)):
            spend[c] += x
    rows = analytics.repurchase(hq, "demo", DAY)
    assert len(rows) == 12 and rows[-1]["month"] == "2026-09"  # October is its next month, and over
    for r in rows:
        month = date.fromisoformat(r["month"] + "-01")
        after = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        buyers = {m for m, mo in buys if mo == month}
        again = {m for m in buyers if (m, after) in buys}
        assert (r["buyers"], r["again"]) == (len(buyers), len(again)), r
        assert r["rate_pct"] == (round(100 * len(again) / len(buyers), 1) if buyers else 0.0)
    assert sum(r["again"] for r in rows) > 0 and any(0 < r["rate_pct"] < 100 for r in rows)

    bought = [(t, f) for t, f, _ in facts_rows if f > 0]
    for got, edges, at in (
        (analytics.ticket_histogram(hq, "demo"), analytics.TICKET_EDGES_FEN, 0),
        (analytics.frequency_histogram(hq, "demo"), analytics.FREQUENCY_EDGES, 1),
    ):
        expected = Counter(bisect.bisect_right(edges, row[at]) - 1 for row in bought)
        assert [r["members"] for r in got] == [expected.get(i, 0) for i in range(len(edges))]
        assert sum(r["members"] for r in got) == len(bought) and sum(1 for r in got if r["members"]) >= 2
    tickets = analytics.ticket_histogram(hq, "demo")
    assert tickets[1]["from_fen"] == 2000 and tickets[0]["to_fen"] == 2000 and tickets[-1]["to_fen"] == ""

    cats = analytics.categories(hq, "demo")
    favourite = Counter(c for *_, c in facts_rows if c)
    assert cats and all(r["favourite_members"] == favourite.get(r["category"], 0) for r in cats)
    assert all(r["sales_fen"] == spend[r["category"]] for r in cats)
    assert [r["sales_fen"] for r in cats] == sorted((r["sales_fen"] for r in cats), reverse=True)
    assert cats[0]["sales_fen"] == max(spend.values())
    from demo.chain import CATEGORIES  # named as the chain names them (香烟, not tobacco)

    named = {i: n for i, n, _ in CATEGORIES}
    assert all(r["category_name"] == named[r["category"]] != r["category"] for r in cats)
    figures = analytics.stored_figures(hq, "demo")  # the nightly job keeps them with the others
    assert figures is not None and figures["categories"] == cats and figures["repurchase"] == rows


def test_the_segments_page_lists_counts_as_last_counted_and_the_editor_counts_live(chain):
    """At a million members each count reads every member's facts: the page lists each segment's
    members and the members per tag as the nightly job (or the save, or the last use) counted
    them; the editor's count stays live."""
    from hq.jobs.runs import run_job
    from hq.models_segments import MemberTag

    hq = chain
    tree = {"match": "all", "items": [{"field": "frequency_365", "op": "gte", "value": 5}]}
    sid = segments.save_segment(hq, ACTOR, "常客", tree)
    saved = conditions.count(hq, "demo", tree)
    listed = {v.id: v for v in segments.list_segments(hq, "demo")}
    assert listed[sid].members == saved and listed[sid].counted_at == NOW  # counted as saved
    rfm = {v.name: v.members for v in listed.values() if v.builtin}
    with hq.tx() as s:
        by_group = dict(
            s.execute(select(MemberFact.rfm_group, func.count()).group_by(MemberFact.rfm_group)).all()  # type: ignore[arg-type]
        )
        assert rfm == {f"rfm.{g}": by_group.get(g, 0) for g in facts.RFM_GROUPS}
        newcomer = s.scalars(select(MemberFact).where(MemberFact.frequency_365 < 5).limit(1)).one()
        newcomer.frequency_365 = 40  # as ingest moves the facts during the day
        s.add(MemberTag(member_id=newcomer.member_id, tag="zz_direct", chain_id="demo", source="auto", at=NOW, by=""))
    assert conditions.count(hq, "demo", tree) == saved + 1  # the editor: live
    assert {v.id: v.members for v in segments.list_segments(hq, "demo")}[sid] == saved  # the page: as counted
    counted = tags.tag_counts(hq, "demo")
    assert "zz_direct" not in {t for t, _, _ in counted} and ("loyal", "auto") in {(t, src) for t, src, _ in counted}
    with hq.tx() as s:  # the stored tag counts are the tags' own
        stored = {(t, src): n for t, src, n in counted}
        live = {
            (t, src): n
            for t, src, n in s.execute(
                select(MemberTag.tag, MemberTag.source, func.count())
                .where(MemberTag.tag != "zz_direct")
                .group_by(MemberTag.tag, MemberTag.source)
            )
        }
        assert stored == live
    # manual tagging moves the stored counts at once (the automatic tag of that name gives way)
    loyal = stored[("loyal", "auto")]
    with hq.tx() as s:
        two = sorted(s.scalars(select(MemberTag.member_id).where(MemberTag.tag == "loyal").limit(2)))
    assert tags.add_manual(hq, ACTOR, two, "loyal") == 2
    moved = {(t, src): n for t, src, n in tags.tag_counts(hq, "demo")}
    assert moved[("loyal", "auto")] == loyal - 2 and moved[("loyal", "manual")] == 2
    tags.remove_manual(hq, ACTOR, two[:1], "loyal")
    assert {(t, src): n for t, src, n in tags.tag_counts(hq, "demo")}[("loyal", "manual")] == 1
    # the nightly job counts everything again
    run_job(hq, "analytics_figures", DAY.isoformat(), rerun=True)
    listed = {v.id: v for v in segments.list_segments(hq, "demo")}
    assert listed[sid].members == saved + 1
    assert ("zz_direct", "auto", 1) in tags.tag_counts(hq, "demo")


def test_the_analytics_page_reads_the_liability_and_slipping_members_the_nightly_job_stored(chain):
    """The liability and the members slipping away are reads of every member's facts: the nightly
    job stores them with the charts, equal to what `liability()` and `slipping_members()` say
    then; the page shows them as of that day."""
    from hq.jobs.runs import run_job
    from hq.segments import alerts

    hq = chain
    stored = analytics.figures(hq, "demo", DAY)
    assert stored["day"] == DAY.isoformat() and stored["totals"]["points"] > 0
    live = analytics.liability(hq, "demo")
    assert stored["totals"] == {**live, "points_by_expiry": [list(r) for r in live["points_by_expiry"]]}
    n, slipping = alerts.slipping_members(hq, "demo", DAY)
    assert stored["slipping"]["count"] == n
    assert [m["member_id"] for m in stored["slipping"]["members"]] == [m.member_id for m in slipping]
    with hq.tx() as s:
        s.get(MemberFact, "M00000003").points += 1000
    assert analytics.liability(hq, "demo")["points"] == live["points"] + 1000
    assert analytics.figures(hq, "demo", DAY)["totals"]["points"] == live["points"]  # as of the night
    run_job(hq, "analytics_figures", DAY.isoformat(), rerun=True)
    assert analytics.figures(hq, "demo", DAY)["totals"]["points"] == live["points"] + 1000


def test_a_coupon_campaign_splits_treats_and_feeds_as_the_holdout_budget_and_catchment_say(chain):
    """The campaign's split and coupons (set-based on PostgreSQL, row by row on SQLite) agree with
    in_control(), the budget (the first members by id), the coupons and each following store's
    feed; its redemptions count only its own used coupons."""
    from hq.models import ChangeRow, Coupon, StoreMember
    from hq.models_segments import CampaignMember

    hq = chain
    tree = {"match": "all", "items": [{"field": "frequency_365", "op": "gte", "value": 2}]}
    sid = segments.save_segment(hq, ACTOR, "两次以上", tree)
    cid = campaigns.create(
        hq,
        ACTOR,
        name="预算券",
        segment_id=sid,
        action="coupon",
        params={"template_id": "CT01", "valid_days": 14},
        holdout_pct=20,
        budget=25,
    )
    treated, control = campaigns.launch(hq, ACTOR, cid)
    audience_n = conditions.count(hq, "demo", tree)
    with hq.tx() as s:
        rows = s.execute(
            select(CampaignMember.member_id, CampaignMember.grp, CampaignMember.coupon_code)
            .where(CampaignMember.campaign_id == cid)
            .order_by(CampaignMember.member_id)
        ).all()
        audience = sorted(m for m, _, _ in rows)
        assert len(audience) == audience_n and control > 0
        assert [m for m, g, _ in rows if g == "control"] == [m for m in audience if campaigns.in_control(cid, m, 20)]
        others = [m for m in audience if not campaigns.in_control(cid, m, 20)]
        assert [m for m, g, _ in rows if g == "treat"] == others[:25] and treated == 25
        assert [m for m, g, _ in rows if g == "skipped"] == others[25:]
        codes = {code: m for m, g, code in rows if g == "treat"}
        assert all(code for m, g, code in rows if g == "treat") and not any(c for _, g, c in rows if g != "treat")
        coupons = s.execute(
            select(Coupon.code, Coupon.member_id, Coupon.template_id, Coupon.status).where(Coupon.code.in_(codes))
        ).all()
        assert {(c, m) for c, m, _, _ in coupons} == set(codes.items())
        assert {(t, st) for _, _, t, st in coupons} == {("CT01", "issued")}
        assert all(len(c) == 15 and c.startswith("C") for c in codes)
        fed = set(
            s.execute(
                select(ChangeRow.key, ChangeRow.store_code).where(
                    ChangeRow.kind == "member_coupons", ChangeRow.key.in_(codes)
                )
            ).all()
        )
        follows = set(
            s.execute(
                select(StoreMember.member_id, StoreMember.store_code).where(StoreMember.member_id.in_(codes.values()))
            ).all()
        )
        assert fed == {(c, store) for c, m in codes.items() for m2, store in follows if m2 == m} and fed
        # redeemed: one of its coupons and another coupon of the same template
        first = sorted(codes)[0]
        s.execute(Coupon.__table__.update().where(Coupon.code == first).values(status="used"))
        s.add(Coupon(code="CXOTHER", chain_id="demo", member_id=codes[first], template_id="CT01", status="used"))
    r = campaigns.results(hq, "demo", cid)
    assert (r.treat.members, r.control.members, r.coupons_issued, r.coupons_used) == (25, control, 25, 1)


def test_a_rerun_of_a_finished_period_runs_again_on_both_databases(chain):
    """`run_job(rerun=True)` of a done period: on PostgreSQL the insert's rowcount was -1 (its
    RETURNING), taken for "a fresh run", so the re-run returned the old result and did nothing."""
    from hq.jobs.runs import run_job

    again = run_job(chain, "analytics_figures", DAY.isoformat(), rerun=True)
    assert (again.status, again.runs) == ("done", 2)


def test_a_campaigns_window_is_summed_each_night_and_live_until_the_first(chain):
    """A 30-day window is ~1.8M member days at 1M members: the nightly job sums each campaign's
    window through its day and the results read that; a campaign it has not summed yet (launched
    since) is summed live."""
    from hq.jobs.runs import run_job
    from hq.models import MemberDay
    from hq.models_segments import CampaignMember

    hq = chain
    sid = segments.save_segment(
        hq, ACTOR, "常客", {"match": "all", "items": [{"field": "frequency_365", "op": "gte", "value": 5}]}
    )
    cid = campaigns.create(
        hq, ACTOR, name="夜算", segment_id=sid, action="coupon", params={"template_id": "CT01"}, holdout_pct=20
    )
    campaigns.launch(hq, ACTOR, cid)
    with hq.tx() as s:
        m = s.scalar(
            select(CampaignMember.member_id)
            .where(CampaignMember.campaign_id == cid, CampaignMember.grp == "treat")
            .limit(1)
        )
        s.merge(MemberDay(member_id=m, day=NOW.date() + timedelta(days=1), spend_fen=1000, points_earned=0, sales=1))
    r = campaigns.results(hq, "demo", cid)
    assert (r.through, r.treat.spend_fen, r.treat.buyers) == (None, 1000, 1)  # live
    day1 = NOW.date() + timedelta(days=1)
    run_job(hq, "analytics_figures", day1.isoformat())
    with hq.tx() as s:
        s.merge(MemberDay(member_id=m, day=day1 + timedelta(days=1), spend_fen=500, points_earned=0, sales=1))
    r = campaigns.results(hq, "demo", cid)
    assert (r.through, r.treat.spend_fen) == (day1, 1000)  # as the night summed it
    assert r.lift == lift_ci(r.treat.members, 1000, 1000**2, r.control.members, 0, 0)
    run_job(hq, "analytics_figures", (day1 + timedelta(days=1)).isoformat())
    r = campaigns.results(hq, "demo", cid)
    assert (r.through, r.treat.spend_fen, r.treat.buyers) == (day1 + timedelta(days=1), 1500, 1)


def test_a_groups_spend_per_member_is_shown_to_the_nearest_fen():
    from hq.segments.campaigns import per_member_fen

    assert per_member_fen(30000, 95) == 316  # 315.79 fen: ¥3.16, not ¥3.15
    assert per_member_fen(3000, 28) == 107  # 107.14
    assert per_member_fen(150, 100) == 2  # half up
    assert per_member_fen(0, 0) == 0

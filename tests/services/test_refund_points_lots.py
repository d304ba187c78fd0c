"""Points spent and then refunded go back to the lots they came from, with their original expiry
(issue 16, defect 16): before, a refund made a new lot with a new expiry, renewing points that
were about to lapse."""

from __future__ import annotations

from sqlalchemy import select

from hardware.member_code import demo_private_key, make_code
from pos_app.domain.points import PointsLot, apply_consumption, lots_to_restore
from pos_app.services import SaleSession, Tender, complete_sale, find_sale, refund
from pos_app.store.demo_data import ean13
from pos_app.store.models import PointsLotRow

RICE = ean13("69" + f"{20:010d}")
COLA = "6901939621257"


def lots_of(till, member_id):
    with till.uow() as uow:
        return {
            r.id: (r.remaining, r.expires_on, r.points)
            for r in uow.session.scalars(select(PointsLotRow).where(PointsLotRow.member_id == member_id))
        }


def member_with_two_lots(till):
    """A demo member with a phone key (n <= 200) whose oldest lot (300 points) lapses in 20 days."""
    for n in range(1, 201):
        member_id = f"M{n:08d}"
        lots = lots_of(till, member_id)
        if len(lots) == 2 and sorted(l[0] for l in lots.values())[1] >= 200:
            return member_id, lots
    raise AssertionError("the demo has members with two lots")


def sale_spending(till, cashier, clock, member_id, points):
    sale = SaleSession(till, cashier)
    for _ in range(3):
        sale.scan(RICE)
    sale.scan(COLA)
    sale.attach_member_code(make_code(demo_private_key(member_id), member_id, int(clock.now.timestamp())))
    view = sale.redeem_points(points)
    assert view.priced.points_spent == points
    return complete_sale(sale, [Tender("cash", view.priced.payable_fen, cash_given_fen=view.priced.payable_fen)])


def test_a_full_refund_puts_spent_points_back_in_their_lots_with_their_expiry(till, cashier, shift, clock):
    member_id, before = member_with_two_lots(till)
    oldest = min(before, key=lambda k: before[k][1])
    done = sale_spending(till, cashier, clock, member_id, 400)  # 300 from the oldest lot, 100 next
    after_sale = lots_of(till, member_id)
    assert after_sale[oldest][0] == before[oldest][0] - 300
    sale = find_sale(till, done.receipt_no)
    clock.now = clock.now.replace(hour=18)
    refund(till, cashier, done.receipt_no, {l.line_id: l.qty for l in sale.lines}, "9999")
    after_refund = lots_of(till, member_id)
    earned_lot = {k for k in after_sale if k not in before}  # the sale's own earned lot
    assert {k: v for k, v in after_refund.items() if k not in earned_lot} == before  # same lots, same expiry
    assert set(after_refund) == set(after_sale)  # and no new lot


def test_a_partial_refund_gives_back_to_the_lots_in_the_order_they_were_spent(till, cashier, shift, clock):
    member_id, before = member_with_two_lots(till)
    oldest = min(before, key=lambda k: before[k][1])
    newer = next(k for k in before if k != oldest)
    done = sale_spending(till, cashier, clock, member_id, 400)
    sale = find_sale(till, done.receipt_no)
    first = refund(till, cashier, done.receipt_no, {sale.lines[0].line_id: 1}, "9999")
    assert 0 < first.plan.points_restored < 400
    lots = lots_of(till, member_id)
    assert lots[oldest][0] == before[oldest][0] - 300 + min(300, first.plan.points_restored)
    rest = {l.line_id: l.qty_left for l in find_sale(till, done.receipt_no).lines if l.qty_left}
    refund(till, cashier, done.receipt_no, rest, "9999")
    lots = lots_of(till, member_id)
    assert lots[oldest] == before[oldest] and lots[newer] == before[newer]


def test_lots_to_restore_never_gives_a_lot_more_than_the_sale_took_from_it():
    taken = [("a", 300), ("b", 100)]
    assert lots_to_restore(taken, [], 250) == [("a", 250)]
    assert lots_to_restore(taken, [("a", 250)], 150) == [("a", 50), ("b", 100)]
    assert lots_to_restore(taken, [("a", 300), ("b", 100)], 20) == []  # HQ's lots, not ours
    lots = [PointsLot("a", clock_day(), 300, 0, None), PointsLot("b", clock_day(), 500, 400, None)]
    back = apply_consumption(lots, lots_to_restore(taken, [], 400), sign=+1)
    assert [l.remaining for l in back] == [300, 500]


def clock_day():
    from datetime import date

    return date(2026, 1, 1)

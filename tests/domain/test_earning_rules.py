"""Earning rules of the points programme (issue 18): the member day as a weekday or a day of the
month, the birthday multiplier in the programme's birthday period, no per-order birthday bonus.
The till and HQ read the programme through the same parser (`program_from_value`)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from pos_app.domain import PointsProgram, price_cart
from pos_app.domain.errors import RuleError
from pos_app.domain.rules import program_from_value

from .helpers import line, member


def earned(program: PointsProgram, when: datetime, birthday: date | None = None, fen: int = 5000) -> int:
    return price_cart([line("a", fen)], now=when, member=member(birthday=birthday), program=program).points_earned


def test_a_member_day_of_the_month_doubles_points_on_that_day_only():
    program = PointsProgram(member_day_of_month=15, member_day_multiplier_pct=200)
    assert earned(program, datetime(2026, 12, 15, 9)) == 100
    assert earned(program, datetime(2026, 12, 14, 9)) == 50
    assert earned(program, datetime(2026, 12, 16, 9)) == 50
    assert earned(program, datetime(2027, 2, 15, 9)) == 100


def test_a_member_day_past_a_short_month_s_end_falls_on_its_last_day():
    program = PointsProgram(member_day_of_month=31)
    assert [d for d in range(1, 31) if program.is_member_day(date(2026, 11, d))] == [30]
    assert [d for d in range(1, 29) if program.is_member_day(date(2026, 2, d))] == [28]
    assert program.is_member_day(date(2026, 12, 31)) and not program.is_member_day(date(2026, 12, 30))


def test_a_weekday_member_day_still_works_and_both_may_be_set():
    program = PointsProgram(member_day_weekday=2, member_day_of_month=1)
    assert earned(program, datetime(2026, 12, 2, 9)) == 100  # a Wednesday
    assert earned(program, datetime(2026, 12, 1, 9)) == 100  # the 1st (a Tuesday)
    assert earned(program, datetime(2026, 12, 3, 9)) == 50


@pytest.mark.parametrize(
    "scope, days",
    [
        ("day", {date(2026, 12, 9)}),
        ("week", {date(2026, 12, d) for d in range(7, 14)}),  # Monday 7 to Sunday 13 December
        ("month", {date(2026, 12, d) for d in range(1, 32)}),
    ],
)
def test_the_birthday_multiplier_applies_in_the_programme_s_birthday_period(scope, days):
    program = PointsProgram(birthday_multiplier_pct=300, birthday_scope=scope, spend_bands=())
    born = date(1990, 12, 9)
    got = {
        date(2026, m, d)
        for m, d in [(11, 30)] + [(12, d) for d in range(1, 32)] + [(1, 1)]
        if earned(program, datetime(2026, m, d, 12) if m != 1 else datetime(2027, 1, 1, 12), born) == 150
    }
    assert got == days


def test_no_order_earns_a_flat_birthday_bonus_however_many_orders_in_the_birthday_month():
    program = PointsProgram(birthday_multiplier_pct=200, birthday_bonus_points=500, spend_bands=())
    born = date(1990, 12, 9)
    orders = [earned(program, datetime(2026, 12, d, 12), born, fen=1000) for d in (1, 9, 20)]
    assert orders == [20, 20, 20]  # 10 yuan x 2, no +500 per order


def test_a_29_february_birthday_is_kept_on_the_28th_in_a_common_year():
    program = PointsProgram(birthday_scope="day")
    assert program.in_birthday_period(date(2000, 2, 29), date(2027, 2, 28))
    assert program.in_birthday_period(date(2000, 2, 29), date(2028, 2, 29))
    assert not program.in_birthday_period(date(2000, 2, 29), date(2028, 2, 28))


def test_the_stored_programme_is_parsed_the_same_by_till_and_hq():
    from hq.lifecycle.program import program_from_value as hq_parser
    from pos_app.services.till import _points_program as till_parser

    value = {
        "points_per_yuan": 2,
        "spend_bands": [[10000, 150]],
        "member_day_of_month": 8,
        "birthday_scope": "week",
        "non_earning_category_ids": ["tobacco"],
        "a_newer_hq_field": 1,
    }
    assert (
        till_parser(value)
        == hq_parser(value)
        == PointsProgram(
            points_per_yuan=2,
            spend_bands=((10000, 150),),
            member_day_of_month=8,
            birthday_scope="week",
            non_earning_category_ids=frozenset({"tobacco"}),
        )
    )


@pytest.mark.parametrize(
    "value, code",
    [
        ({"member_day_of_month": 0}, "program.member_day_invalid"),
        ({"member_day_of_month": 32}, "program.member_day_invalid"),
        ({"member_day_of_month": "15"}, "program.member_day_invalid"),
        ({"member_day_weekday": 7}, "program.member_day_invalid"),
        ({"birthday_scope": "year"}, "program.birthday_scope_unknown"),
    ],
)
def test_a_bad_member_day_or_birthday_scope_is_refused_with_a_code(value, code):
    with pytest.raises(RuleError) as refused:
        program_from_value(value)
    assert refused.value.code == code

"""Dates, money, counts and signature flags as plans and claims exports write them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from auditready.crossnote.values import find_date, parse_count, parse_date, parse_money, parse_signed


@pytest.mark.parametrize(
    "written",
    ["2024-09-05", "09/05/2024", "9/5/24", "09-05-2024", "Sep 5, 2024", "Sept. 5, 2024", "September 5, 2024",
     "5 September 2024", "05-Sep-2024", "2024-09-05 14:30:00", "09/05/2024 3:05 PM", "Thursday, September 5, 2024",
     datetime(2024, 9, 5, 14, 30), date(2024, 9, 5), "20240905"],
)
def test_dates(written):
    assert parse_date(written) == date(2024, 9, 5)


@pytest.mark.parametrize("written", ["", None, "n/a", "-", "not a date", "13/45/2024", float("nan")])
def test_unreadable_dates_are_none(written):
    assert parse_date(written) is None


def test_day_first_only_when_the_first_number_cannot_be_a_month():
    assert parse_date("25/01/2024") == date(2024, 1, 25)
    assert parse_date("01/02/2024") == date(2024, 1, 2)


def test_find_date_inside_text():
    assert find_date("Effective 01/15/2024 (initial plan)") == date(2024, 1, 15)
    assert find_date("Target Date: 3 months") is None


@pytest.mark.parametrize(
    ("written", "amount"),
    [("$1,234.50", 1234.5), ("(12.00)", -12.0), ("-$5", -5.0), ("USD 10", 10.0), ("0", 0.0), ("$0.00", 0.0),
     (104.16, 104.16), (90, 90.0), ("", None), (None, None), ("—", None), ("abc", None)],
)
def test_money(written, amount):
    assert parse_money(written) == amount


@pytest.mark.parametrize(("written", "count"), [("", 1), (None, 1), ("2", 2), ("2.0", 2), (3, 3), ("1.5", None), ("x", None)])
def test_counts_default_when_blank_and_refuse_fractions(written, count):
    assert parse_count(written, default=1) == count


@pytest.mark.parametrize(
    ("written", "signed"),
    [("Yes", True), ("Y", True), ("Signed", True), ("Active", True), ("01/16/2024", True), (date(2024, 1, 16), True),
     ("Electronically signed by D. Whitfield", True), ("No", False), ("Draft", False), ("Pending signature", False),
     ("Unsigned", False), ("", False), (None, False), ("maybe", False)],
)
def test_signed_flags(written, signed):
    assert parse_signed(written) is signed

"""Dates, clock times and durations as notes write them."""

from __future__ import annotations

from datetime import date

import pytest

from auditready.ingest.timeparse import find_dates, find_time_ranges, find_times, hhmm, parse_minutes

DATES = [
    ("03/04/2025", date(2025, 3, 4)),
    ("3/4/25", date(2025, 3, 4)),
    ("3-4-2025", date(2025, 3, 4)),
    ("03.04.2025", date(2025, 3, 4)),
    ("2025-03-04", date(2025, 3, 4)),
    ("2025/3/4", date(2025, 3, 4)),
    ("2025-03-04T14:00:00", date(2025, 3, 4)),
    ("March 4, 2025", date(2025, 3, 4)),
    ("Mar 4 2025", date(2025, 3, 4)),
    ("Mar. 4th, 2025", date(2025, 3, 4)),
    ("Sept 30, 2024", date(2024, 9, 30)),
    ("Tuesday, March 4, 2025", date(2025, 3, 4)),
    ("4 March 2025", date(2025, 3, 4)),
    ("4th of March 2025", date(2025, 3, 4)),
    ("04-Mar-2025", date(2025, 3, 4)),
    ("31/12/2024", date(2024, 12, 31)),
    ("2/29/2024", date(2024, 2, 29)),
]


@pytest.mark.parametrize(("written", "expected"), DATES)
def test_dates(written: str, expected: date) -> None:
    found = find_dates(f"on {written}, as noted")
    assert [f.value for f in found] == [expected]
    assert f"on {written}, as noted"[found[0].start : found[0].end] == written


@pytest.mark.parametrize(
    "text",
    ["2/29/2025", "13/13/2025", "F41.1", "90834-95", "1-2 drinks", "goal 3/4 met", "v2.3.2025x", "March 2025", "March 4"],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


RANGES = [
    ("2pm–2:53pm", "14:00", "14:53", True),
    ("2:00-2:53 PM", "14:00", "14:53", True),
    ("1:00-1:53 PM", "13:00", "13:53", True),
    ("11:45 AM - 12:40 PM", "11:45", "12:40", True),
    ("11:45-12:40 PM", "11:45", "12:40", True),
    ("11:30 AM-12:20", "11:30", "12:20", True),
    ("14:00 to 14:53", "14:00", "14:53", True),
    ("10:02–10:55", "10:02", "10:55", True),
    ("9:00 — 9:38", "09:00", "09:38", True),
    ("from 2 to 3 pm", "14:00", "15:00", True),
    ("10a-11a", "10:00", "11:00", True),
    ("noon to 12:50 pm", "12:00", "12:50", True),
    ("11:30-1:20", "11:30", "13:20", True),
    ("3:00-2:00 PM", "15:00", "14:00", False),
    ("11:00 PM - 12:30 AM", "23:00", "00:30", False),
]


@pytest.mark.parametrize(("text", "start", "end", "ordered"), RANGES)
def test_time_ranges(text: str, start: str, end: str, ordered: bool) -> None:
    (found,) = find_time_ranges(text)
    assert (hhmm(found.start), hhmm(found.end), found.ordered) == (start, end, ordered)


@pytest.mark.parametrize("text", ["3-4 times a week", "1-2 drinks", "pages 10-12", "2025-03-04", "90834-95", "score 12-15"])
def test_not_time_ranges(text: str) -> None:
    assert find_time_ranges(text) == []


def test_single_times_need_minutes_or_a_meridiem() -> None:
    assert [(t.hour, t.minute, t.meridiem) for t in find_times("at 2 PM, 14:30 or 9")] == [(2, 0, "pm"), (14, 30, None)]
    assert find_times("25:00 and 13:00 PM") == []


@pytest.mark.parametrize(
    ("text", "bare", "minutes"),
    [
        ("53 min", False, 53),
        ("45 minutes", False, 45),
        ("53-minute", False, 53),
        ("1 hr 5 min", False, 65),
        ("1 hour", False, 60),
        ("2 hours and 10 minutes", False, 130),
        ("60", True, 60),
        ("0:53", True, 53),
        ("38.0", True, 38),
    ],
)
def test_minutes(text: str, bare: bool, minutes: int) -> None:
    found = parse_minutes(text, bare_number=bare)
    assert found is not None and found.value == minutes


@pytest.mark.parametrize(("text", "bare"), [("60", False), ("0 min", False), ("900 minutes", False), ("about an hour", True)])
def test_not_minutes(text: str, bare: bool) -> None:
    assert parse_minutes(text, bare_number=bare) is None

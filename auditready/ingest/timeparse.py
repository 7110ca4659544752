"""Dates, clock times and durations as therapy notes write them.

Notes come from many EHRs and many hands: "03/04/2025", "3/4/25", "2025-03-04", "March 4,
2025", "4 Mar 2025"; "2:00 PM", "14:00", "2pm–2:53pm", "2:00-2:53 PM", "10:02 to 10:55";
"53 min", "1 hr 5 min". Every function here returns values with the character offsets they
were read from, so a field can point at its evidence. Values are validated (real calendar
dates, hours 0–23, minutes 0–59); anything else is not a match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?,?\s+)"

DATE_RE = re.compile(
    rf"""(?<![\w/.\-])(?:
        (?P<iy>(?:19|20)\d\d)[-/.](?P<im>\d{{1,2}})[-/.](?P<id>\d{{1,2}})(?:[T\s]\d{{1,2}}:\d\d(?::\d\d)?)?
      | (?P<na>\d{{1,2}})(?P<sep>[/.\-])(?P<nb>\d{{1,2}})(?P=sep)(?P<ny>(?:19|20)\d\d|\d\d)
      | {_WEEKDAY}?(?P<mn>{_MONTH})\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<my>(?:19|20)\d\d)
      | {_WEEKDAY}?(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+|-|\s+of\s+)(?P<dm>{_MONTH})\.?(?:,?\s+|-)(?P<dy>(?:19|20)\d\d|\d\d)
    )(?![\w/]|\.\d)""",
    re.IGNORECASE | re.VERBOSE,
)

# One clock time: "2:00 PM", "14:00", "2pm", "2 p.m.", "10a". A bare hour needs a meridiem.
_MERIDIEM = r"(?:[ap]\.?\s?m\b\.?|(?<=\d)[ap](?![a-z]))"
_TIME = r"(?:(?P<{p}h>\d{{1,2}})(?::(?P<{p}m>[0-5]\d)(?::[0-5]\d)?)?\s*(?P<{p}x>{mer})?|(?P<{p}noon>noon))"
_RANGE_SEP = r"\s*(?:-+|–|—|to|until|till|thru|through)\s*"
TIME_RANGE_RE = re.compile(
    r"(?<![\d:/.\-])(?:from\s+)?"
    + _TIME.format(p="a", mer=_MERIDIEM)
    + _RANGE_SEP
    + _TIME.format(p="b", mer=_MERIDIEM)
    + r"(?!\d|:\d)",
    re.IGNORECASE,
)
TIME_RE = re.compile(r"(?<![\d:/.\-])" + _TIME.format(p="t", mer=_MERIDIEM) + r"(?!\d|:\d|/)", re.IGNORECASE)

_DURATION_HM_RE = re.compile(
    r"(?<![\d.])(?P<h>\d{1,2})\s*(?:h|hr|hrs|hour|hours)\b\.?(?:\s*(?:and\s*)?(?P<m>\d{1,2})\s*(?:m|min|mins|minutes?)\b)?",
    re.IGNORECASE,
)
_DURATION_M_RE = re.compile(r"(?<![\d.:])(?P<m>\d{1,3})(?:\.0+)?\s*-?\s*(?:m|min|mins|minutes?)\b\.?", re.IGNORECASE)
_BARE_NUMBER_RE = re.compile(r"^\s*(?P<m>\d{1,3})(?:\.0+)?\s*$")
_CLOCK_DURATION_RE = re.compile(r"^\s*(?P<h>[0-3]):(?P<m>[0-5]\d)(?::00)?\s*$")

MAX_SESSION_MINUTES = 600  # a longer "duration" is a typo or not a session length
# A meridiem is carried over or flipped only if that yields a plausible session length;
# "3:00-2:00 PM" stays backwards (a typo a reader must resolve), not an 11-hour session.
_MAX_FLIP_MINUTES = 8 * 60


_THIS_YEAR = date.today().year


def _two_digit_year(value: int) -> int:
    # A two-digit year is this century unless that would put it more than a year ahead.
    return 2000 + value if 2000 + value <= _THIS_YEAR + 1 else 1900 + value


@dataclass(frozen=True, slots=True)
class Found:
    """A parsed value and the [start, end) offsets of the text it came from."""

    value: object
    start: int
    end: int


def _date_from_match(m: re.Match[str]) -> date | None:
    groups = m.groupdict()
    try:
        if groups["iy"]:
            return date(int(groups["iy"]), int(groups["im"]), int(groups["id"]))
        if groups["na"]:
            first, second = int(groups["na"]), int(groups["nb"])
            year = int(groups["ny"])
            if len(groups["ny"]) == 2:
                year = _two_digit_year(year)
            # US order (month first) unless only the day-first reading is a real date.
            if first > 12 >= second:
                return date(year, second, first)
            return date(year, first, second)
        if groups["mn"]:
            return date(int(groups["my"]), _MONTHS[groups["mn"].lower()[:3]], int(groups["md"]))
        if groups["dm"]:
            year = int(groups["dy"])
            if len(groups["dy"]) == 2:
                year = _two_digit_year(year)
            return date(year, _MONTHS[groups["dm"].lower()[:3]], int(groups["dd"]))
    except ValueError:
        return None
    return None


def find_dates(text: str, pos: int = 0, endpos: int | None = None) -> list[Found]:
    """Every valid calendar date in text[pos:endpos], in order."""
    found = []
    for m in DATE_RE.finditer(text, pos, len(text) if endpos is None else endpos):
        value = _date_from_match(m)
        if value is not None and 1900 <= value.year <= 2100:
            found.append(Found(value, m.start(), m.end()))
    return found


def first_date(text: str, pos: int = 0, endpos: int | None = None) -> Found | None:
    for m in DATE_RE.finditer(text, pos, len(text) if endpos is None else endpos):
        value = _date_from_match(m)
        if value is not None and 1900 <= value.year <= 2100:
            return Found(value, m.start(), m.end())
    return None


@dataclass(frozen=True, slots=True)
class ClockTime:
    """A written clock time before the morning/afternoon reading is settled."""

    hour: int
    minute: int
    meridiem: str | None  # "am", "pm" or None when not written
    padded: bool  # written with a leading zero ("09:00"), which reads as 24-hour time
    start: int
    end: int
    minute_written: bool = False


def _clock(m: re.Match[str], prefix: str) -> ClockTime | None:
    if m.group(prefix + "noon"):
        return ClockTime(12, 0, "pm", False, m.start(prefix + "noon"), m.end(prefix + "noon"), True)
    hour_text = m.group(prefix + "h")
    minute_text = m.group(prefix + "m")
    meridiem_text = m.group(prefix + "x")
    meridiem = None
    if meridiem_text:
        meridiem = "am" if meridiem_text.strip().lower().startswith("a") else "pm"
    hour = int(hour_text)
    minute = int(minute_text) if minute_text else 0
    if meridiem is not None and not 1 <= hour <= 12:
        return None
    if hour > 23:
        return None
    end = m.end(prefix + "x") if meridiem_text else m.end(prefix + "m") if minute_text else m.end(prefix + "h")
    return ClockTime(
        hour, minute, meridiem, hour_text.startswith("0") and len(hour_text) == 2,
        m.start(prefix + "h"), end, minute_text is not None,
    )  # fmt: skip


def _absolute(time: ClockTime, meridiem: str | None) -> int:
    hour = time.hour
    if meridiem == "am":
        hour = 0 if hour == 12 else hour
    elif meridiem == "pm":
        hour = hour if hour == 12 else hour + 12
    return hour * 60 + time.minute


def clock_value(time: ClockTime) -> int:
    """Minutes after midnight of one written time (see resolve_pair for pairs)."""
    return _absolute(time, time.meridiem) if time.meridiem else _clinic_hours(time)


def _clinic_hours(time: ClockTime) -> int:
    """A time written without am/pm: "1:00" to "6:59" is read as afternoon (therapy sessions
    are not held at 1 a.m.); a zero-padded or 13–23 hour is 24-hour time as written."""
    if not time.padded and 1 <= time.hour <= 6:
        return (time.hour + 12) * 60 + time.minute
    return time.hour * 60 + time.minute


def resolve_pair(start: ClockTime | None, end: ClockTime | None) -> tuple[int | None, int | None, bool]:
    """Minutes after midnight for a start and an end time, and whether end follows start.

    A meridiem written on only one side applies to the other ("2:00-2:53 PM") unless that
    puts the end before the start ("11:45-12:40 PM" is 11:45 AM); without any meridiem a
    backwards pair gets the afternoon reading of its end ("11:30-1:20" ends 13:20).
    """
    if start is None or end is None:
        one = start or end
        if one is None:
            return None, None, False
        value = clock_value(one)
        return (value, None, False) if start is not None else (None, value, False)
    if start.meridiem and end.meridiem:
        a, b = _absolute(start, start.meridiem), _absolute(end, end.meridiem)
    elif end.meridiem:
        b = _absolute(end, end.meridiem)
        a = _absolute(start, end.meridiem)
        other = _absolute(start, "am" if end.meridiem == "pm" else "pm")
        if a >= b and 0 < b - other <= _MAX_FLIP_MINUTES:
            a = other
    elif start.meridiem:
        a = _absolute(start, start.meridiem)
        b = _absolute(end, start.meridiem)
        other = _absolute(end, "pm" if start.meridiem == "am" else "am")
        if b <= a and 0 < other - a <= _MAX_FLIP_MINUTES:
            b = other
    else:
        a, b = _clinic_hours(start), _clinic_hours(end)
        if b <= a and end.hour < 12 and 0 < b + 12 * 60 - a <= _MAX_FLIP_MINUTES:
            b += 12 * 60
    return a, b, b > a


@dataclass(frozen=True, slots=True)
class TimeRange:
    start: int | None  # minutes after midnight
    end: int | None
    ordered: bool  # end follows start, so the difference is a duration
    start_span: tuple[int, int]
    end_span: tuple[int, int]
    span: tuple[int, int]


def find_time_ranges(text: str, pos: int = 0, endpos: int | None = None) -> list[TimeRange]:
    """"2:00-2:53 PM", "2pm–2:53pm", "10:02 to 10:55" in text[pos:endpos]."""
    ranges = []
    for m in TIME_RANGE_RE.finditer(text, pos, len(text) if endpos is None else endpos):
        a, b = _clock(m, "a"), _clock(m, "b")
        if a is None or b is None:
            continue
        # The end must look like a time; a bare start hour is fine only with a written
        # meridiem on one side ("2-3pm"), otherwise "3-4" is a count, not a time.
        if not (b.minute_written or b.meridiem):
            continue
        if not (a.minute_written or a.meridiem or b.meridiem):
            continue
        start, end, ordered = resolve_pair(a, b)
        ranges.append(TimeRange(start, end, ordered, (a.start, a.end), (b.start, b.end), (a.start, b.end)))
    return ranges


def find_times(text: str, pos: int = 0, endpos: int | None = None) -> list[ClockTime]:
    """Single clock times that carry minutes or a meridiem ("2:00 PM", "14:00", "2pm")."""
    found = []
    for m in TIME_RE.finditer(text, pos, len(text) if endpos is None else endpos):
        clock = _clock(m, "t")
        if clock is not None and (clock.minute_written or clock.meridiem):
            found.append(clock)
    return found


def hhmm(minutes_after_midnight: int) -> str:
    return f"{minutes_after_midnight // 60:02d}:{minutes_after_midnight % 60:02d}"


def parse_minutes(text: str, pos: int = 0, endpos: int | None = None, bare_number: bool = False) -> Found | None:
    """A duration in minutes: "53 min", "45 minutes", "53-minute", "1 hr 5 min", "1 hour";
    with `bare_number`, also "53" or "0:53" standing alone (a field labeled as minutes)."""
    stop = len(text) if endpos is None else endpos
    hours = _DURATION_HM_RE.search(text, pos, stop)
    mins = _DURATION_M_RE.search(text, pos, stop)
    if hours and (mins is None or hours.start() <= mins.start()):
        total = int(hours.group("h")) * 60 + int(hours.group("m") or 0)
        found = Found(total, hours.start(), hours.end())
    elif mins:
        found = Found(int(mins.group("m")), mins.start(), mins.end())
    elif bare_number:
        segment = text[pos:stop]
        bare = _BARE_NUMBER_RE.match(segment)
        clock = _CLOCK_DURATION_RE.match(segment)
        if bare:
            found = Found(int(bare.group("m")), pos + bare.start("m"), pos + bare.end("m"))
        elif clock:
            found = Found(int(clock.group("h")) * 60 + int(clock.group("m")), pos + clock.start("h"), pos + clock.end("m"))
        else:
            return None
    else:
        return None
    return found if 0 < found.value <= MAX_SESSION_MINUTES else None  # type: ignore[operator]

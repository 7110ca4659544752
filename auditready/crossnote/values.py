"""Cell values from plans and claims exports: dates, money, counts and yes/no flags.

Billing and EHR exports write the same value many ways ("$1,234.50", "(12.00)" for a negative
adjustment, "01/15/2024", "15-Jan-2024", an Excel date cell). Each parser returns None for a
blank or unreadable cell rather than guessing, and the caller decides what a missing value means.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from functools import lru_cache

# US exports write month first; day-first dates are read only when the first number cannot be
# a month (e.g. 25/01/2024).
_DATE_FORMATS = (
    "%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%m-%d-%Y", "%m/%d/%y", "%m-%d-%y", "%m.%d.%Y",
    "%d/%m/%Y", "%d-%b-%Y", "%d-%b-%y", "%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y",
    "%b %d, %Y", "%B %d, %Y", "%b. %d, %Y", "%Y%m%d",
)
_BLANKS = {"", "-", "—", "–", "n/a", "na", "none", "null", "nan", "nat"}
_DATE_IN_TEXT = re.compile(
    r"\b(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|"
    r"\d{1,2}[ -](?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*[ -]\d{2,4})\b",
    re.IGNORECASE,
)


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return str(value).strip().lower() in _BLANKS


def parse_date(value: object) -> date | None:
    """A date from a date/datetime cell or a date string; None when blank or unreadable."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return _parse_date_text(str(value))


@lru_cache(maxsize=1 << 14)
def _parse_date_text(raw: str) -> date | None:
    # Cached: a claims export of 100,000 rows holds a few hundred distinct dates, and trying
    # each format with strptime costs ~40 us a row.
    text = re.sub(r"\s+", " ", raw.strip())
    # Drop a time of day ("2024-01-15 10:00:00", "01/15/2024 3:05 PM") and a leading weekday.
    text = re.sub(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*([ap]\.?m\.?)?\s*$", "", text, flags=re.I)
    text = re.sub(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+", "", text, flags=re.I)
    text = re.sub(r"\b(Sept|sept|SEPT)\b\.?", "Sep", text)
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        return parsed if 1900 <= parsed.year <= 2100 else None
    return None


def find_date(text: str) -> date | None:
    """The first date written anywhere in a short text ("Effective 01/15/2024 (initial)")."""
    for match in _DATE_IN_TEXT.finditer(text or ""):
        found = parse_date(match.group(1))
        if found:
            return found
    return None


def parse_money(value: object) -> float | None:
    """An amount from "$1,234.50", "(12.00)" (negative), "-12", "USD 10", a number cell."""
    if is_blank(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip()
    negative = text.startswith("(") and text.endswith(")")
    cleaned = re.sub(r"[^0-9.\-]", "", text)
    if cleaned.startswith("-"):
        negative, cleaned = True, cleaned[1:]
    if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", cleaned):
        return None
    amount = float(cleaned)
    return -amount if negative else amount


def parse_count(value: object, default: int) -> int | None:
    """A whole count ("1", "2.0", a number cell); `default` when blank, None when unreadable."""
    if is_blank(value):
        return default
    try:
        number = float(str(value).strip().replace(",", ""))
    except ValueError:
        return None
    if not number.is_integer() or number < 0:
        return None
    return int(number)


# How plan exports say whether a plan is signed (a "Signed" or "Status" column).
_SIGNED_WORDS = {
    "y", "yes", "true", "1", "x", "signed", "complete", "completed", "final", "finalized",
    "locked", "active", "approved", "current",
}
_UNSIGNED_WORDS = {
    "n", "no", "false", "0", "unsigned", "not signed", "draft", "pending", "pending signature",
    "in progress", "incomplete", "awaiting signature", "open", "unlocked",
}


def parse_signed(value: object) -> bool:
    """Whether a plan's signature cell says it was signed. A date in the cell is a signing
    date; anything unrecognized counts as not signed (an auditor needs to see a signature)."""
    if is_blank(value):
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (date, datetime)):
        return True
    text = re.sub(r"\s+", " ", str(value).strip().lower())
    if text in _UNSIGNED_WORDS or re.search(r"\b(unsigned|not signed|draft|pending)\b", text):
        return False
    if text in _SIGNED_WORDS or parse_date(text) or find_date(text):
        return True
    return bool(re.search(r"\b(e-?signed|electronically signed|signed by|signed)\b", text))

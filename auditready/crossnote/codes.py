"""Claim-line code facts for reconciliation and schedules.

Time bands are not here: they are the pack's `cpt_time_bands` (criteria.md §2), read through
auditready/rules/cpt.py, so a note's `time_supports_code` finding, its claim's status and its
exposure are judged by one rule. Minutes are counted the same way too: start/stop when both
read, else the stated total (criteria.md §2).

- One unit per day: Novitas [P] 90832-90838, except POS 52 (partial hospitalization)
  https://www.novitas-solutions.com/webcenter/portal/MedicareJL/pagebyid?contentId=00026768
- Group codes (90853 group, 90849 multiple-family group) document one session in a note per
  member, all with the same times (criteria.md §2, L33632 participant count).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from auditready.models import Note
from auditready.rules.cpt import clock_duration, clock_to_minutes, minutes_support
from auditready.rules.cpt import supported_code as band_supported_code

ONE_UNIT_PER_DAY_CODES = frozenset({"90832", "90833", "90834", "90836", "90837", "90838"})
ONE_UNIT_EXEMPT_PLACES_OF_SERVICE = frozenset({"52"})
GROUP_CODES = frozenset({"90853", "90849"})

_CPT = re.compile(r"\b(\d{4}[0-9A-Z])\b")


def normalize_cpt(value: object) -> str:
    """"90834", "90834-95", "90834.0", "CPT 90834" -> "90834"; "" when no code is there."""
    if value is None:
        return ""
    found = _CPT.search(str(value).upper())
    return found.group(1) if found else ""


def session_minutes(note: Note) -> int | None:
    """Documented minutes: start/stop when both read, else the stated total."""
    clock = clock_duration(note.value("start"), note.value("end"))
    if clock is not None:
        return clock
    stated = note.value("minutes")
    if isinstance(stated, bool):
        return None
    if isinstance(stated, int) and stated >= 0:
        return stated
    text = str(stated or "").strip()
    return int(text) if text.isdigit() else None


def session_clock(note: Note) -> tuple[int, int] | None:
    """(start, end) in minutes after midnight when both clock times read and end > start."""
    if clock_duration(note.value("start"), note.value("end")) is None:
        return None
    return clock_to_minutes(note.value("start")), clock_to_minutes(note.value("end"))


def supported_for_billed(billed: str, minutes: int | None, bands: Mapping[str, Mapping[str, Any]]) -> str | None:
    """The code `minutes` support for a line billed as `billed`, never above it: `billed` when
    its band is reached (or the code is untimed, or no minutes are known: time cannot judge
    it), a lower code when only that is reached, None when no code is (e.g. under 16 min)."""
    if billed not in bands or minutes is None:
        return billed
    if minutes_support(billed, minutes, bands):
        return billed
    return band_supported_code(billed, minutes, bands)

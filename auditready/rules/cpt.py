"""Minutes and the CPT codes they support (criteria.md §2, midpoint rule).

The bands themselves are data: `cpt_time_bands` in the pack's parameters. A code's band runs from
just past its own midpoint to where the next code's band begins; the highest code of the family
whose minimum the minutes reach is the supported one. Exposure and claim matching use
`supported_code` too, so a note and its claim are judged by one rule.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_CPT = re.compile(r"\b(\d{4}[0-9A-Z])\b")
_CLOCK = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")
MINUTES_PER_DAY = 24 * 60


def note_cpt(note: Any) -> str | None:
    """The note's documented CPT code as five characters ("90837-95" -> "90837")."""
    value = note.value("cpt")
    found = _CPT.search(str(value)) if value is not None else None
    return found.group(1) if found else None


def clock_to_minutes(value: Any) -> int | None:
    """"13:05" -> 785; None for anything else."""
    found = _CLOCK.match(str(value)) if value is not None else None
    if not found:
        return None
    hours, minutes = int(found.group(1)), int(found.group(2))
    if hours > 23 or minutes > 59:
        return None
    return hours * 60 + minutes


def clock_duration(start: Any, end: Any) -> int | None:
    """Minutes from start to end ("HH:MM" 24-hour). None when either is unreadable or the end is
    not after the start (an AM/PM slip is more likely than a session across midnight)."""
    begin, finish = clock_to_minutes(start), clock_to_minutes(end)
    if begin is None or finish is None or finish <= begin:
        return None
    return finish - begin


def _family(bands: Mapping[str, Mapping[str, Any]], family: str) -> list[tuple[int, str]]:
    return sorted((band["min"], code) for code, band in bands.items() if band["family"] == family)


def _families(code: str, bands: Mapping[str, Mapping[str, Any]]) -> list[list[tuple[int, str]]]:
    """`code`'s family, then its fallback families in order, each as (minimum, code) sorted."""
    chain: list[list[tuple[int, str]]] = []
    family: str | None = bands[code]["family"]
    seen: set[str] = set()
    while family and family not in seen:
        seen.add(family)
        members = _family(bands, family)
        if not members:
            break
        chain.append(members)
        family = bands[members[0][1]].get("fallback_family")
    return chain


def supported_code(code: str, minutes: int, bands: Mapping[str, Mapping[str, Any]]) -> str | None:
    """The highest code of `code`'s family that `minutes` support; below the family's lowest
    minimum, the highest code of its fallback family (crisis -> individual); None when the
    minutes support no code at all (e.g. under 16 minutes of psychotherapy)."""
    if code not in bands:
        raise KeyError(f"{code} is not a timed code in this pack")
    for members in _families(code, bands):
        reached = [candidate for minimum, candidate in members if minimum <= minutes]
        if reached:
            return reached[-1]
    return None


def fewest_minutes(code: str, bands: Mapping[str, Mapping[str, Any]]) -> int:
    """The fewest minutes that support any code reachable from `code` (family or fallbacks)."""
    return min(members[0][0] for members in _families(code, bands))


def minutes_support(code: str, minutes: int, bands: Mapping[str, Mapping[str, Any]]) -> bool:
    """Whether `minutes` support billing `code`: the supported code is of the same family and
    needs at least as many minutes (billing below the time is never an audit finding)."""
    supported = supported_code(code, minutes, bands)
    if supported is None or bands[supported]["family"] != bands[code]["family"]:
        return False
    return bands[code]["min"] <= bands[supported]["min"]


def band_text(code: str, bands: Mapping[str, Mapping[str, Any]]) -> str:
    band = bands[code]
    return f"{band['min']}+ min" if band.get("max") is None else f"{band['min']}-{band['max']} min"

"""Impossible days: one clinician documenting sessions that overlap in time, or more minutes
of sessions in a day than a person can deliver.

- Overlap is physically impossible and always fails: two sessions of one clinician on one date
  whose start-end intervals intersect (back-to-back sessions, 10:00-10:53 then 10:53-11:45, do
  not). Notes with the same times are one session, not an overlap, when they are one client's
  (a note exported twice, an addendum) or a group session (90853/90849, or a note that says
  group therapy), where every member gets a note of the same times.
- The daily total fails above the pack's `max_minutes_per_day`. Auditors flag such days from
  the sum of time-based services: HHS OIG's "time dependent billing routine" flagged
  practitioners billing psychotherapy for "one or more 12-hour days", i.e. "more time than is
  feasible in a day" (OIG A-05-01-00068, Partnership Review of Psychotherapy Claims ... Illinois
  Medicaid, July 2002 [P, archived copy]
  https://archive.org/download/us-inspectors-general.bulk/us-inspectors-general.bulk.zip; same
  routine in A-05-02-00027). 720 minutes is therefore the cited default; a pack may lower it as
  a practice setting. The "impossible day" theory (sum of typical times > the day) is
  described by ACFE [S] https://www.acfe.com/acfe-insights-blog/blog-detail?s=impossible-day-health-care-fraud-schemes.
Group sessions count once toward the day's total. Only notes that document a session
(progress, intake) are placed on the schedule: a psychotherapy note repeats its session's time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from auditready.crossnote.codes import GROUP_CODES, normalize_cpt, session_clock, session_minutes
from auditready.crossnote.identity import clinician_key, normalize_id, person_key
from auditready.models import Note, Span
from auditready.rules.result import CheckResult, failed, not_applicable, passed

_GROUP_TEXT = re.compile(r"\bgroup\s+(psycho)?therapy\b|\bgroup\s+session\b|\bgroup\s+note\b", re.I)
SEARCHED = "the clinician's other notes on the same date: overlapping start/end times and the day's total minutes"


@dataclass(slots=True)
class _Session:
    note: Note
    clock: tuple[int, int] | None
    minutes: int | None
    client: str
    group: bool
    duplicates: list[Note] = field(default_factory=list)  # same session, other notes


def _is_group(note: Note) -> bool:
    return normalize_cpt(note.value("cpt")) in GROUP_CODES or bool(_GROUP_TEXT.search(note.text[:3000]))


def _client_key(note: Note) -> str:
    client_id = normalize_id(note.value("client_id"))
    return f"id:{client_id}" if client_id else person_key(note.value("client"))


def _hhmm(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# The note fields whose spans this check cites (see crossnote.EVIDENCE_FIELDS).
TIME_EVIDENCE_FIELDS = ("start", "end", "minutes")


def _time_evidence(note: Note) -> list[Span]:
    spans = []
    for name in TIME_EVIDENCE_FIELDS:
        found = note.fields.get(name)
        if found is not None and found.span is not None:
            spans.append(found.span)
    return spans


def _same_session(a: _Session, b: _Session) -> bool:
    if a.clock is None or a.clock != b.clock:
        return False
    return bool(a.client and a.client == b.client) or (a.group and b.group)


def check_schedules(notes: Sequence[Note], max_minutes_per_day: int) -> dict[str, CheckResult]:
    """`plausible_schedule` for each note (not_applicable when it cannot be placed)."""
    results: dict[str, CheckResult] = {}
    days: dict[tuple[str, date], list[_Session]] = {}
    for note in notes:
        clinician = clinician_key(note.value("clinician") or note.value("signer"))
        dos = note.value("date_of_service")
        clock = session_clock(note)
        minutes = session_minutes(note)
        if not clinician or not isinstance(dos, date) or minutes is None:
            results[note.id] = not_applicable(
                "the note lacks a clinician, a date of service or its time, so it cannot be placed on a schedule"
            )
            continue
        days.setdefault((clinician, dos), []).append(
            _Session(note, clock, minutes, _client_key(note), _is_group(note))
        )
    for (_clinician, dos), day_notes in days.items():
        sessions: list[_Session] = []
        for session in day_notes:
            twin = next((s for s in sessions if _same_session(s, session)), None)
            if twin is not None:
                twin.duplicates.append(session.note)
            else:
                sessions.append(session)
        total = sum(s.minutes or 0 for s in sessions)
        overlaps = _overlaps(sessions)
        for session in sessions:
            for note in [session.note, *session.duplicates]:
                results[note.id] = _judge(note, session, dos, total, len(sessions), overlaps, max_minutes_per_day)
    return results


def _overlaps(sessions: Sequence[_Session]) -> dict[int, list[_Session]]:
    """id(session) -> the sessions whose clock intervals intersect it."""
    timed = sorted((s for s in sessions if s.clock is not None), key=lambda s: s.clock)
    found: dict[int, list[_Session]] = {}
    for index, first in enumerate(timed):
        for second in timed[index + 1 :]:
            if second.clock[0] >= first.clock[1]:
                break
            found.setdefault(id(first), []).append(second)
            found.setdefault(id(second), []).append(first)
    return found


def _judge(
    note: Note,
    session: _Session,
    dos: date,
    total: int,
    count: int,
    overlaps: dict[int, list[_Session]],
    max_minutes_per_day: int,
) -> CheckResult:
    evidence = _time_evidence(note)
    problems = []
    for other in overlaps.get(id(session), []):
        problems.append(
            f"overlaps the session {_hhmm(other.clock[0])}-{_hhmm(other.clock[1])} in note {other.note.id} "
            f"by the same clinician on {dos.isoformat()}"
        )
    if total > max_minutes_per_day:
        problems.append(
            f"the clinician documented {total} minutes of sessions on {dos.isoformat()} across {count} "
            f"sessions, over the {max_minutes_per_day}-minute daily maximum"
        )
    if problems:
        own = f"this session ({_hhmm(session.clock[0])}-{_hhmm(session.clock[1])}) " if session.clock else "this session "
        return failed(own + "; ".join(problems), SEARCHED, evidence)
    overlap_part = "no overlapping session" if session.clock else "no clock times to check for overlaps"
    return passed(
        f"{overlap_part}; the clinician's documented total on {dos.isoformat()} is {total} "
        f"minutes across {count} sessions (maximum {max_minutes_per_day})",
        evidence,
    )

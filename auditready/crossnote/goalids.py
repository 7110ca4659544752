"""Goal and objective ids as plans write them and as notes cite them.

Plans number goals "1", "2" and objectives "1a", "1.1", "Objective 3"; notes cite them as
"Goal 2", "Objective 1b", "Obj. 1.1", "Goals 1 and 3" or "#2". Both sides are reduced to one
canonical id ("1b", "1.1") plus the kind the text named (goal or objective), so the reference
and the plan item meet whatever punctuation either used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

GOAL, OBJECTIVE = "goal", "objective"

_KIND_WORDS = {
    "goal": GOAL, "goals": GOAL, "ltg": GOAL, "problem": GOAL, "problems": GOAL,
    "objective": OBJECTIVE, "objectives": OBJECTIVE, "obj": OBJECTIVE, "stg": OBJECTIVE,
}
# One id: 1-2 digits, optionally a letter ("1b", "1.b", "1-b") or a sub-number ("1.1").
ID_PATTERN = r"\d{1,2}(?:\.\d{1,2}(?![\d])|[.\-]?[a-z](?![a-z]))?"
_ID = re.compile(rf"^\s*(?:#\s*)?({ID_PATTERN})\s*$", re.I)
# "Goal 2", "Goals #1, #3 and 4", "Objective 1b", "Obj. 1.1", "LTG 2", "STG 1a".
NOTE_REFERENCE = re.compile(
    rf"\b(?P<kind>goals?|objectives?|obj|ltg|stg|problems?)\.?\s*(?:#|no\.?|number)?\s*"
    rf"(?P<first>{ID_PATTERN})"
    rf"(?P<more>(?:\s*(?:,|&|/|and|or)\s*(?:#\s*)?{ID_PATTERN}(?![\w]))*)",
    re.I,
)
# A bare "#2" cites a goal only when no other numbered thing precedes it ("session #4").
HASH_REFERENCE = re.compile(rf"(?<![\w#])#\s?(?P<first>\d{{1,2}}[a-z]?)(?![\w])", re.I)
_NOT_GOAL_BEFORE_HASH = re.compile(
    r"(session|visit|appointment|appt|page|pg|item|question|q|unit|room|suite|apt|phq|gad|"
    r"claim|invoice|account|acct|ref|ticket|chart|mrn|id|step|week|day|module)\W*$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class GoalReference:
    kind: str | None  # goal | objective | None (a bare "#2")
    goal_id: str  # canonical
    start: int
    end: int


def canonical_goal_id(raw: object) -> str:
    """"Goal 2" -> "2"; "Objective 1b" / "1.b" / "1-B" -> "1b"; "1.1" -> "1.1"; "" if none."""
    text = str(raw or "").strip().lower()
    text = re.sub(
        r"^(?:long[- ]term\s+|short[- ]term\s+|treatment\s+)?(goals?|objectives?|obj\.?|ltg|stg|problems?)\b\.?",
        "",
        text,
    )
    text = re.sub(r"^\s*(#|no\.?|number)\s*", "", text).rstrip(" .:)")
    match = _ID.match(text)
    if not match:
        return ""
    found = match.group(1)
    if re.fullmatch(r"\d{1,2}[.\-][a-z]", found):
        found = found[:-2] + found[-1]
    if found.isdigit():
        return found.lstrip("0") or "0"
    return found


def kind_of(raw: object) -> str | None:
    """The kind a label names ("Objective 1b" -> objective), None for a bare id."""
    word = re.match(r"\s*([a-z]+)", str(raw or "").lower())
    return _KIND_WORDS.get(word.group(1)) if word else None


def _ids(first: str, more: str) -> list[str]:
    found = [canonical_goal_id(first)]
    found.extend(canonical_goal_id(extra) for extra in re.findall(ID_PATTERN, more or "", re.I))
    return [goal_id for goal_id in found if goal_id]


def references_in(text: str) -> list[GoalReference]:
    """Every goal/objective id a note cites, with the offsets of the citation."""
    found: list[GoalReference] = []
    for match in NOTE_REFERENCE.finditer(text):
        kind = _KIND_WORDS.get(match.group("kind").lower().rstrip("."))
        for goal_id in _ids(match.group("first"), match.group("more")):
            found.append(GoalReference(kind, goal_id, match.start(), match.end()))
    covered = [(ref.start, ref.end) for ref in found]
    for match in HASH_REFERENCE.finditer(text):
        if any(start <= match.start() < end for start, end in covered):
            continue
        if _NOT_GOAL_BEFORE_HASH.search(text[max(0, match.start() - 16) : match.start()]):
            continue
        found.append(GoalReference(None, canonical_goal_id(match.group("first")), match.start(), match.end()))
    return sorted(found, key=lambda ref: ref.start)

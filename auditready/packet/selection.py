"""Which of a client's documents go into a records packet, which are withheld, and why.

A records request (or pre-payment review) asks for the progress notes, assessment and treatment
plan behind the claims in a date range (domain/exports.md §3 need 9: "send only what was
asked"). Psychotherapy notes are withheld unless the client's specific authorization is on file:
45 CFR 164.508(a)(2) requires it for almost any disclosure, payment included, and 164.501
defines the notes (domain/criteria.md §3 items 1-3;
https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from auditready.models import Classification, Note

PROGRESS, PSYCHOTHERAPY, INTAKE, PLAN, OTHER = (
    "progress", "psychotherapy", "intake", "treatment_plan", "other")

# Order within one date of service: the assessment and plan a reviewer reads first, then the
# session notes.
TYPE_ORDER = {INTAKE: 0, PLAN: 1, PROGRESS: 2, PSYCHOTHERAPY: 3, OTHER: 4}

TYPE_LABELS = {
    PROGRESS: "Progress note",
    PSYCHOTHERAPY: "Psychotherapy note (authorized)",
    INTAKE: "Intake / assessment",
    PLAN: "Treatment plan",
    OTHER: "Other document",
}

HIPAA_SOURCE = "https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164"
WITHHELD_REASON = (
    "Psychotherapy note: disclosure, including to a payer, requires the client's specific "
    "authorization (45 CFR 164.508(a)(2); definition 45 CFR 164.501). A payer cannot condition "
    "payment on it; the progress note is the record that supports the claim."
)


@dataclass(slots=True)
class PacketItem:
    """One document going into the packet."""

    note: Note
    note_type: str
    date_of_service: date | None
    reason: str  # why it is in the packet (in window; plan in force at the window's start; ...)

    @property
    def source_path(self) -> str:
        return self.note.source.path

    @property
    def label(self) -> str:
        return TYPE_LABELS.get(self.note_type, self.note_type)


@dataclass(slots=True)
class LeftOut:
    """A document of this client that is not in the packet, with the reason (no text)."""

    note: Note
    note_type: str
    date_of_service: date | None
    reason: str
    citation: str = ""


@dataclass(slots=True)
class Selection:
    items: list[PacketItem] = field(default_factory=list)
    withheld: list[LeftOut] = field(default_factory=list)  # psychotherapy notes
    not_included: list[LeftOut] = field(default_factory=list)  # other types, undated notes


def effective_type(note: Note, classification: Classification) -> str:
    """The classifier's type, except that a note the export itself calls a psychotherapy note
    is one: withholding a note by mistake is fixable, disclosing one is not."""
    if note.value("declared_type") == PSYCHOTHERAPY:
        return PSYCHOTHERAPY
    return classification.note_type


def sort_key(note_type: str, dos: date | None, note: Note) -> tuple:
    return (dos or date.min, TYPE_ORDER.get(note_type, 9), note.source.path,
            note.source.page or 0, note.source.row or 0, note.id)


def _dos(note: Note) -> date | None:
    value = note.value("date_of_service")
    return value if isinstance(value, date) else None


def select_records(
    notes: list[Note],
    classifications: dict[str, Classification],
    start: date,
    end: date,
    include_psychotherapy: bool = False,
) -> Selection:
    """Progress notes dated in [start, end]; intakes and plans dated in it plus the latest of
    each dated before it (the assessment and plan in force when the window opens); psychotherapy
    notes in the window withheld unless `include_psychotherapy` (authorization checked by the
    caller)."""
    selection = Selection()
    latest_before: dict[str, tuple[date, Note]] = {}
    for note in notes:
        note_type = effective_type(note, classifications[note.id])
        dos = _dos(note)
        if note_type == PSYCHOTHERAPY:
            if dos is not None and not start <= dos <= end:
                continue
            if include_psychotherapy and dos is not None:
                selection.items.append(PacketItem(note, note_type, dos,
                                                  "psychotherapy note released under the client's authorization"))
            elif include_psychotherapy:
                selection.not_included.append(LeftOut(note, note_type, None,
                    "psychotherapy note without a date of service: cannot be placed in the window; "
                    "withheld even with an authorization"))
            else:
                selection.withheld.append(LeftOut(note, note_type, dos, WITHHELD_REASON, HIPAA_SOURCE))
            continue
        if dos is None:
            selection.not_included.append(LeftOut(note, note_type, None,
                "no date of service found in the note: it cannot be placed in the requested window"))
            continue
        if start <= dos <= end:
            if note_type in (PROGRESS, INTAKE, PLAN):
                selection.items.append(PacketItem(note, note_type, dos, "dated within the requested window"))
            else:
                selection.not_included.append(LeftOut(note, note_type, dos,
                    "not a progress note, assessment or treatment plan (e.g. a contact or "
                    "administrative note); add it yourself only if the request asks for it"))
        elif dos < start and note_type in (INTAKE, PLAN):
            best = latest_before.get(note_type)
            if best is None or (dos, note.id) > (best[0], best[1].id):
                latest_before[note_type] = (dos, note)
    opens_window = {item.note_type for item in selection.items if item.date_of_service == start}
    for note_type, (dos, note) in latest_before.items():
        if note_type in opens_window:
            continue  # a document dated on the first day already covers the whole window
        reason = ("the assessment in force when the window opens" if note_type == INTAKE
                  else "the treatment plan in force when the window opens")
        selection.items.append(PacketItem(note, note_type, dos, reason))
    selection.items.sort(key=lambda item: sort_key(item.note_type, item.date_of_service, item.note))
    selection.withheld.sort(key=lambda left: sort_key(left.note_type, left.date_of_service, left.note))
    selection.not_included.sort(key=lambda left: sort_key(left.note_type, left.date_of_service, left.note))
    return selection

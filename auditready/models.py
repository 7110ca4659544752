"""The data that flows between stages: plain dataclasses, JSON-serializable through `to_dict`.

Each stage is a function of the previous stage's data (see DESIGN.md "Data flow"):
ingest -> Document, split -> Note, classify/rules -> Finding, crossnote/exposure -> AuditResult.
Renderers read only AuditResult.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any

SCHEMA_VERSION = 1

# Input statuses in the intake table (audit.json "inputs").
PARSED, SKIPPED, ERROR = "parsed", "skipped", "error"

# Finding statuses.
PASS, FAIL, NOT_APPLICABLE = "pass", "fail", "not_applicable"

# Severities, from worst to mildest (DESIGN.md "Contracts").
SEVERITIES = ("fatal", "recode", "risk", "quality", "privacy")

# Note types produced by classify.
NOTE_TYPES = ("progress", "psychotherapy", "intake", "treatment_plan", "other")

# Verdicts per note.
UNSUPPORTED, AT_RISK, SUPPORTED = "unsupported", "at_risk", "supported"


@dataclass(frozen=True, slots=True)
class Span:
    """A character range [start, end) in a note's text, with the text it covers."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Locator:
    """Where a piece of text came from: path relative to the scanned root, 1-based page or row."""

    path: str
    page: int | None = None
    row: int | None = None


@dataclass(slots=True)
class DocumentPart:
    """One page (PDF), one body (DOCX, text) or one row (XLSX, CSV) of an input file.

    `columns` holds a row's cells already mapped to canonical field names (see
    ingest/columns.py); it is empty for page and body parts. `sheet` names the worksheet a
    workbook row came from (rows of different sheets can share a row number).
    """

    text: str
    page: int | None = None
    row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None


@dataclass(slots=True)
class Document:
    """The text of one input file (or one member of a zip), before it is split into notes."""

    path: str  # relative to the scanned root; zip members as "archive.zip!member.pdf"
    format: str  # pdf, docx, xlsx, csv, text
    parts: list[DocumentPart]
    tabular: bool = False  # rows are notes (XLSX/CSV) rather than pages of a running text
    # What was read only in part (e.g. scanned pages without text); becomes the intake reason.
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class InputRecord:
    """One row of the intake table: every input file appears exactly once."""

    path: str
    format: str
    status: str  # parsed | skipped | error
    notes: int = 0
    reason: str = ""
    size: int = 0
    sha256: str = ""


@dataclass(frozen=True, slots=True)
class ExtractedField:
    """A field value found in a note, with the span of note text it came from.

    `span` is None when the value came from a structured column rather than the note text;
    `origin` then names the column ("column:Date of Service").
    """

    value: Any
    span: Span | None = None
    origin: str = "text"


@dataclass(slots=True)
class Note:
    """One clinical document after splitting: its text, its locator and the fields found in it.

    `page_starts` maps text offsets to pages for multi-page notes: a list of (offset, page)
    in increasing offset order; evidence at offset o lies on the last page whose offset <= o.
    """

    id: str
    source: Locator
    text: str
    fields: dict[str, ExtractedField] = field(default_factory=dict)
    page_starts: list[tuple[int, int]] = field(default_factory=list)
    format: str = ""

    def value(self, name: str, default: Any = None) -> Any:
        found = self.fields.get(name)
        return default if found is None else found.value

    def page_at(self, offset: int) -> int | None:
        page = self.source.page
        for start, number in self.page_starts:
            if start <= offset:
                page = number
            else:
                break
        return page


@dataclass(slots=True)
class Classification:
    note_type: str
    confidence: float
    signals: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Finding:
    """The judgment of one rule on one note. Evidence is the text that satisfied (or, for a
    failure, contradicted) the criterion; `searched` says what was looked for when nothing was
    found, so a practice can check the judgment against the note."""

    criterion: str
    status: str  # pass | fail | not_applicable
    severity: str
    message: str
    rule_id: str = ""
    fix: str = ""
    evidence: list[Span] = field(default_factory=list)
    searched: str = ""
    citation: str = ""


@dataclass(slots=True)
class TreatmentGoal:
    goal_id: str  # "1", "2", "1b" as the plan writes it
    text: str
    kind: str = "goal"  # goal | objective: "Objective 3" and "Goal 3" can both exist in a plan


@dataclass(slots=True)
class TreatmentPlan:
    client: str
    effective: date | None
    review_by: date | None
    signed: bool
    goals: list[TreatmentGoal] = field(default_factory=list)
    source: Locator | None = None
    client_id: str = ""
    # False when the plans file has no goal columns: goal linkage then cannot be judged against
    # this plan (an empty `goals` with goals_listed=True means the plan itself lists none).
    goals_listed: bool = True


@dataclass(slots=True)
class Claim:
    claim_id: str
    client: str
    clinician: str
    date_of_service: date | None
    cpt: str
    paid: float | None = None
    billed: float | None = None
    allowed: float | None = None
    units: int = 1
    modifiers: str = ""
    payer: str = ""
    client_id: str = ""
    source: Locator | None = None
    place_of_service: str = ""  # POS 52 (partial hospitalization) is exempt from one unit/day


@dataclass(slots=True)
class Exposure:
    amount: float
    reason: str
    basis: str = ""  # which rule and which fee source produced the amount
    rule: str = ""  # machine-readable rule name (exposure.RULE_*), e.g. "downcode", "full:no_note"
    fee_source: str = ""  # "claims paid amount", "--fees file X", or the default table's label


@dataclass(slots=True)
class NoteResult:
    """A note as it appears in audit.json: locator, fields, type, findings, verdict, exposure."""

    id: str
    source: Locator
    client: str | None
    clinician: str | None
    credentials: str | None
    date_of_service: str | None
    start: str | None
    end: str | None
    minutes: int | None
    cpt: str | None
    note_type: str
    note_type_confidence: float
    note_type_signals: list[str] = field(default_factory=list)
    score: float | None = None
    verdict: str | None = None
    findings: list[Finding] = field(default_factory=list)
    exposure: Exposure | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    # The note's text, carried so the HTML report can show evidence in context; audit.json
    # leaves it out (evidence spans are there) to keep the contract file small.
    text: str | None = None


@dataclass(slots=True)
class CloneGroup:
    notes: list[str]
    similarity: float
    shared_passage: str = ""
    scope: str = ""  # "client" (copy-forward) or "clinician" (template across clients)


@dataclass(slots=True)
class ClaimResult:
    claim_id: str
    client: str
    clinician: str
    date_of_service: str | None
    cpt: str
    paid: float | None
    note_id: str | None
    status: str
    exposure: Exposure | None = None
    units: int = 1  # units billed on the line (units_over_one prices the extra units)
    billed: float | None = None  # billed charge, used for exposure only when `paid` is missing
    # The code the matched note's documented minutes support (criteria.md §2), when it differs
    # from `cpt` the payer reprices to it (status code_not_supported_by_time); None = no code.
    supported_cpt: str | None = None
    detail: str = ""  # why the claim got its status, in words (never note text)


@dataclass(slots=True)
class ClinicianSummary:
    clinician: str
    notes: int
    score: float | None
    verdicts: dict[str, int]
    exposure: dict[str, float | None]
    top_deficiencies: list[dict[str, Any]] = field(default_factory=list)
    # Share of notes with any fatal/recode failure (criteria.md §4 "claim-exposure rate").
    claim_exposure_rate: float | None = None
    # met/applicable over risk+quality criteria and the payers' pass marks it is held against.
    record_review: dict[str, Any] = field(default_factory=dict)
    # n, N, estimator details, rate interval, and why extrapolated dollars are absent if they are.
    extrapolation: dict[str, Any] = field(default_factory=dict)
    training_focus: list[str] = field(default_factory=list)


@dataclass(slots=True)
class AuditResult:
    tool: dict[str, str]
    pack: dict[str, str]
    inputs: list[InputRecord] = field(default_factory=list)
    notes: list[NoteResult] = field(default_factory=list)
    clones: list[CloneGroup] = field(default_factory=list)
    claims: list[ClaimResult] = field(default_factory=list)
    clinicians: list[ClinicianSummary] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)


def to_jsonable(value: Any) -> Any:
    """Dataclasses, dates, tuples and dicts as plain JSON values (dates as ISO 8601)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    return value

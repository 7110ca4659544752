"""The shape of one hand-written sample note and of what it is planted to trip.

A note is written once, as sections of text, and rendered by whichever writer owns its export
file. `expect` records the criterion outcomes the note was written to produce (criterion ids
from DESIGN.md "Criterion ids"); only outcomes that hold by construction are listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

# DESIGN.md "Criterion ids" (the contract every pack keeps).
CRITERIA = (
    "date_of_service", "time_documented", "time_supports_code", "diagnosis",
    "medical_necessity", "interventions", "client_response", "goal_linkage",
    "progress_toward_goals", "plan_next_steps", "risk_assessment", "signature",
    "signature_timely", "individualized_detail", "not_checkbox_only", "not_cloned",
    "treatment_plan_current", "telehealth_elements", "no_psychotherapy_content",
    "psychotherapy_note_separate",
)

# What an exemplary progress note satisfies by construction: times inside the code's band,
# named interventions, quoted response, named goal with measured progress, plan, risk screen,
# credentialed signature within two days. Plan currency and telehealth are added per note.
EXEMPLARY = {
    name: "pass"
    for name in (
        "date_of_service", "time_documented", "time_supports_code", "diagnosis",
        "medical_necessity", "interventions", "client_response", "goal_linkage",
        "progress_toward_goals", "plan_next_steps", "risk_assessment", "signature",
        "signature_timely", "individualized_detail", "not_checkbox_only", "not_cloned",
        "no_psychotherapy_content",
    )
}


def exemplary(**overrides: str) -> dict[str, str]:
    return {**EXEMPLARY, **overrides}


def d(text: str) -> date:
    return date.fromisoformat(text)


def t(text: str) -> time:
    return time.fromisoformat(text)


def dt(text: str) -> datetime:
    return datetime.fromisoformat(text)


@dataclass(frozen=True)
class ClaimSpec:
    """How the billing export shows this note's claim (when it differs from the plain case)."""

    units: int = 1
    cpt: str | None = None  # billed code, when it is not the note's code
    denied: bool = False
    kind: str = "matched"  # the claim situation (see README "Claims")


@dataclass(frozen=True)
class SampleNote:
    key: str  # stable id used in expected_situations.yaml: "<client>-<date>[-suffix]"
    client: str  # practice.CLIENTS key
    clinician: str  # practice.CLINICIANS key
    dos: date
    cpt: str | None
    sections: tuple[tuple[str, str], ...]
    signed_at: datetime | None
    start: time | None = None
    end: time | None = None
    stated_minutes: int | None = None  # exports that give a duration instead of clock times
    kind: str = "progress"  # progress | psychotherapy | intake
    telehealth: bool = False
    location: str = "Office"
    show_diagnosis: bool = True
    cosigned_at: datetime | None = None  # supervisor's co-signature (associate's notes)
    claim: ClaimSpec | None = field(default_factory=ClaimSpec)  # None: never billed
    expect: dict[str, str] = field(default_factory=dict)
    situation: str = ""

    @property
    def minutes(self) -> int | None:
        if self.start and self.end:
            start = self.start.hour * 60 + self.start.minute
            end = self.end.hour * 60 + self.end.minute
            return end - start
        return self.stated_minutes

    @property
    def narrative(self) -> str:
        """The sections as one text, the way a spreadsheet cell or a text export holds them."""
        return "\n".join(f"{heading}: {body}" if heading else body for heading, body in self.sections)


@dataclass(frozen=True)
class Placement:
    """Where a writer put a note: the file (relative to sample_data/), the note's 1-based
    position in that file (the n of auditready's note id "path#n"), and its first page or its
    row as a spreadsheet program numbers rows (header row included)."""

    note_key: str
    source: str
    note: int
    page: int | None = None
    row: int | None = None


def clock(value: time | None) -> str:
    """12-hour clock as EHRs print it: 9:05 AM."""
    if value is None:
        return ""
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d} {'AM' if value.hour < 12 else 'PM'}"


def us_date(value: date | datetime) -> str:
    return value.strftime("%m/%d/%Y")


def us_datetime(value: datetime) -> str:
    return f"{us_date(value)} {clock(value.time())}"

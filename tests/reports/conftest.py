"""Hand-built AuditResults for the exposure, summary and report tests.

The notes read like real progress notes (fictional clients and clinicians); every finding's
evidence is a real span of its note's text, found by searching the text, so highlighting,
de-identification and offsets are exercised the way a scan would exercise them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from auditready.exposure import assign_exposures, load_fees
from auditready.models import (
    AuditResult,
    ClaimResult,
    CloneGroup,
    Finding,
    InputRecord,
    Locator,
    NoteResult,
    Span,
)

CLIENTS = {
    "quintanilla": ("Marisol Quintanilla", "MRN-004417"),
    "oconnell": ("Dmitri O'Connell", "A99812"),
    "fairweather": ("Beatriz Fairweather", "CH-73310"),
}
WHITFIELD = "Dana Whitfield, LCSW"
OKAFOR = "Dr. Samuel Okafor, PsyD"


# criteria.md §2 in the shape of a pack's `cpt_time_bands` parameter (what the pipeline passes
# from the loaded pack). Kept here rather than loaded from scoring_models/common.yaml so these
# tests judge exposure arithmetic, not the pack file.
CRITERIA_MD_BANDS = {
    "90832": {"family": "individual", "min": 16, "max": 37},
    "90834": {"family": "individual", "min": 38, "max": 52},
    "90837": {"family": "individual", "min": 53, "max": None},
    "90833": {"family": "add_on", "min": 16, "max": 37},
    "90836": {"family": "add_on", "min": 38, "max": 52},
    "90838": {"family": "add_on", "min": 53, "max": None},
    "90839": {"family": "crisis", "min": 30, "max": None, "fallback_family": "individual"},
    "90846": {"family": "family", "min": 26, "max": None},
    "90847": {"family": "family", "min": 26, "max": None},
}


@pytest.fixture(scope="session")
def bands():
    return CRITERIA_MD_BANDS


@pytest.fixture(scope="session")
def default_fees():
    return load_fees()


def span(text: str, passage: str) -> Span:
    start = text.index(passage)
    return Span(start, start + len(passage), passage)


@dataclass
class NoteSpec:
    """A note plus the judgments a scan would have made of it."""

    id: str
    path: str
    client_key: str | None
    clinician: str | None
    date: str | None
    cpt: str | None
    minutes: int | None
    text: str
    verdict: str | None
    score: float | None
    failures: list[tuple[str, str, str, str | None, str]] = field(default_factory=list)
    passes: list[tuple[str, str, str]] = field(default_factory=list)
    note_type: str = "progress"
    start: str | None = None
    end: str | None = None
    page: int | None = 1
    row: int | None = None

    def build(self) -> NoteResult:
        findings = []
        for criterion, severity, passage in self.passes:
            findings.append(Finding(criterion, "pass", severity, f"Found {criterion.replace('_', ' ')}.",
                                    rule_id=criterion.upper()[:3] + "001", evidence=[span(self.text, passage)]))
        for criterion, severity, message, passage, fix in self.failures:
            evidence = [span(self.text, passage)] if passage else []
            findings.append(Finding(criterion, "fail", severity, message, rule_id=criterion.upper()[:3] + "002",
                                    fix=fix, evidence=evidence,
                                    searched="" if passage else f"{criterion.replace('_', ' ')} statements"))
        client, client_id = CLIENTS[self.client_key] if self.client_key else (None, None)
        fields = {"client": client, "client_id": client_id, "dob": "1984-02-11"} if client else {}
        return NoteResult(
            id=self.id, source=Locator(self.path, self.page, self.row), client=client, clinician=self.clinician,
            credentials=self.clinician.split(", ")[-1] if self.clinician and ", " in self.clinician else None,
            date_of_service=self.date, start=self.start, end=self.end, minutes=self.minutes, cpt=self.cpt,
            note_type=self.note_type, note_type_confidence=0.93, score=self.score, verdict=self.verdict,
            findings=findings, fields=fields, text=self.text,
        )


def progress_text(client: str, date: str, body: str, signature: str | None) -> str:
    first = client.split()[0]
    last = client.split()[-1]
    signed = f"\nElectronically signed by {signature} on {date}" if signature else ""
    return (f"PROGRESS NOTE\nClient: {last}, {first}    DOB: 02/11/1984\nDate of Service: {date}\n"
            f"{body.format(first=first, last=last, client=client)}{signed}\n")


def practice_notes() -> list[NoteResult]:
    q, o, f = (CLIENTS[k][0] for k in ("quintanilla", "oconnell", "fairweather"))
    n1 = progress_text(q, "2025-03-04",
                       "Time: 10:00-10:45 (45 min), CPT 90837\nDx: F33.1\n"
                       "{first} reports low mood 6/10 and missed two shifts at work this week.\n"
                       "Intervention: cognitive restructuring of 'I always fail'. {first}'s response: identified two "
                       "counter-examples.\nPlan: behavioral activation homework; next session 03/11.",
                       "Dana Whitfield, LCSW")
    n2 = progress_text(q, "2025-03-11",
                       "CPT 90837\nDx: F33.1\n{first} completed 2 of 3 activation tasks; mood 5/10.\n"
                       "Intervention: behavioral activation review.\nPlan: continue weekly.",
                       "Dana Whitfield, LCSW")
    n3 = progress_text(o, "2025-03-12",
                       "Time: 50 min, CPT 90834\nDx: F41.1\n{first} said: <script>alert(1)</script> "
                       "and \"=HYPERLINK(\\\"http://x\\\")\" were typed into the portal.\n"
                       "Worry 7/10 with insomnia.\nIntervention: worry postponement.\nPlan: sleep log.",
                       None)
    n4 = progress_text(o, "2025-03-05",
                       "Time: 13:00-13:48 (48 min), CPT 90834\nDx: F41.1\n"
                       "Mr. {last} reports worry 6/10 and avoids driving.\nIntervention: graded exposure hierarchy.\n"
                       "Response: completed first step with SUDS 7 to 3.\nPlan: practice daily.",
                       "Samuel Okafor, PsyD")
    n5 = progress_text(f, "2025-03-06",
                       "Time: 30 min, CPT 90832\nDx: F43.10\n{first} reports nightmares and passive "
                       "thoughts of not waking up.\nIntervention: grounding skills.\nPlan: next week.",
                       "Samuel Okafor, PsyD")
    intake = progress_text(f, "2025-02-20",
                           "Diagnostic evaluation, CPT 90791\nHistory: trauma in 2023.\nMSE: alert, oriented.\n"
                           "Dx: F43.10\nRecommendations: weekly CPT-informed therapy.", "Samuel Okafor, PsyD")
    process = (f"PSYCHOTHERAPY NOTE (private)\n{f} described a dream about the flood; therapist noted "
               "countertransference.\n")
    specs = [
        NoteSpec("exports/Quintanilla_Marisol.pdf#1", "exports/Quintanilla_Marisol.pdf", "quintanilla", WHITFIELD,
                 "2025-03-04", "90837", 45, n1, "at_risk", 88.9, start="10:00", end="10:45",
                 failures=[("time_supports_code", "recode", "45 min supports 90834 (38-52 min), not 90837 (53+ min).",
                            "Time: 10:00-10:45 (45 min), CPT 90837",
                            "Bill the code the documented minutes support, or document the full time.")],
                 passes=[("time_documented", "fatal", "Time: 10:00-10:45 (45 min)"),
                         ("interventions", "fatal", "cognitive restructuring"),
                         ("client_response", "risk", "identified two counter-examples"),
                         ("plan_next_steps", "quality", "behavioral activation homework"),
                         ("goal_linkage", "quality", "behavioral activation homework")]),
        NoteSpec("exports/Quintanilla_Marisol.pdf#2", "exports/Quintanilla_Marisol.pdf", "quintanilla", WHITFIELD,
                 "2025-03-11", "90837", None, n2, "unsupported", 61.5, page=2,
                 failures=[("time_documented", "fatal", "No session time found.", None,
                            "Document start and stop times or total psychotherapy minutes."),
                           ("goal_linkage", "quality", "No treatment-plan goal named.", None,
                            "Name the plan goal the session addressed.")],
                 passes=[("interventions", "fatal", "behavioral activation review"),
                         ("plan_next_steps", "quality", "continue weekly")]),
        NoteSpec("exports/oconnell-notes.docx#1", "exports/oconnell-notes.docx", "oconnell", WHITFIELD,
                 "2025-03-12", "90834", 50, n3, "unsupported", 70.0, page=None,
                 failures=[("signature", "fatal", "The note is not signed.", None,
                            "Sign every note with name and credentials."),
                           ("client_response", "risk", "No client response to the intervention.", None,
                            "Say how the client responded to each intervention.")],
                 passes=[("time_documented", "fatal", "Time: 50 min"),
                         ("interventions", "fatal", "worry postponement"),
                         ("medical_necessity", "risk", "Worry 7/10 with insomnia")]),
        NoteSpec("exports/okafor_march.xlsx#4", "exports/okafor_march.xlsx", "oconnell", OKAFOR,
                 "2025-03-05", "90834", 48, n4, "supported", 100.0, page=None, row=4, start="13:00", end="13:48",
                 passes=[("time_documented", "fatal", "Time: 13:00-13:48 (48 min)"),
                         ("time_supports_code", "recode", "Time: 13:00-13:48 (48 min), CPT 90834"),
                         ("interventions", "fatal", "graded exposure hierarchy"),
                         ("client_response", "risk", "completed first step with SUDS 7 to 3"),
                         ("goal_linkage", "quality", "practice daily")]),
        NoteSpec("exports/okafor_march.xlsx#5", "exports/okafor_march.xlsx", "fairweather", OKAFOR,
                 "2025-03-06", "90832", 30, n5, "at_risk", 75.0, page=None, row=5,
                 failures=[("risk_assessment", "risk",
                            "Passive death wish noted with no assessment of plan, intent or safety.",
                            "passive thoughts of not waking up",
                            "When risk is mentioned, assess ideation, plan, intent, means and protective factors."),
                           ("goal_linkage", "quality", "No treatment-plan goal named.", None,
                            "Name the plan goal the session addressed.")],
                 passes=[("time_documented", "fatal", "Time: 30 min"),
                         ("interventions", "fatal", "grounding skills")]),
        NoteSpec("exports/okafor_march.xlsx#2", "exports/okafor_march.xlsx", "fairweather", OKAFOR,
                 "2025-02-20", "90791", None, intake, "supported", 100.0, note_type="intake", page=None, row=2,
                 passes=[("diagnosis", "fatal", "Dx: F43.10")]),
        NoteSpec("exports/private/Fairweather process.txt#1", "exports/private/Fairweather process.txt",
                 "fairweather", OKAFOR, "2025-03-06", None, None, process, None, None,
                 note_type="psychotherapy", page=None),
    ]
    return [s.build() for s in specs]


def practice_inputs() -> list[InputRecord]:
    return [
        InputRecord("exports/Quintanilla_Marisol.pdf", "pdf", "parsed", 2, "", 51234, "ab" * 32),
        InputRecord("exports/oconnell-notes.docx", "docx", "parsed", 1, "", 18011, "cd" * 32),
        InputRecord("exports/okafor_march.xlsx", "xlsx", "parsed", 3, "", 9100, "ef" * 32),
        InputRecord("exports/private/Fairweather process.txt", "text", "parsed", 1, "", 300, "01" * 32),
        InputRecord("exports/scan_O'Connell_intake.pdf", "pdf", "error", 0,
                    "scanned PDF with no text layer (OCR it first)", 880000, "23" * 32),
        InputRecord("exports/Thumbs.db", "other", "skipped", 0, "not a note format", 20, "45" * 32),
    ]


def practice_result(notes: list[NoteResult] | None = None, claims: list[ClaimResult] | None = None) -> AuditResult:
    notes = practice_notes() if notes is None else notes
    return AuditResult(
        tool={"name": "auditready", "version": "0.1.0"},
        pack={"id": "common", "version": "2025.1"},
        inputs=practice_inputs(),
        notes=notes,
        clones=[CloneGroup(["exports/Quintanilla_Marisol.pdf#1", "exports/Quintanilla_Marisol.pdf#2"], 0.91,
                           "Marisol reports low mood; behavioral activation review.", "client")],
        claims=claims or [],
    )


def practice_claims() -> list[ClaimResult]:
    q, o, f = (CLIENTS[k][0] for k in ("quintanilla", "oconnell", "fairweather"))
    return [
        ClaimResult("C-1001", q, "Whitfield, Dana", "2025-03-04", "90837", 140.00,
                    "exports/Quintanilla_Marisol.pdf#1", "code_not_supported_by_time", supported_cpt="90834"),
        ClaimResult("C-1002", q, "Whitfield, Dana", "2025-03-11", "90837", 150.00,
                    "exports/Quintanilla_Marisol.pdf#2", "matched"),
        ClaimResult("C-1003", o, "Whitfield, Dana", "2025-03-12", "90834", 0.0,
                    "exports/oconnell-notes.docx#1", "denied"),
        ClaimResult("C-1004", o, "Samuel Okafor", "2025-03-05", "90834", 98.00,
                    "exports/okafor_march.xlsx#4", "matched"),
        ClaimResult("C-1005", f, "Samuel Okafor", "2025-03-06", "90832", 150.00,
                    "exports/okafor_march.xlsx#5", "units_over_one", units=2),
        ClaimResult("C-1006", f, "Samuel Okafor", "2025-03-13", "90834", 100.00, None, "no_note"),
        ClaimResult("C-1007", f, "Samuel Okafor", "2025-03-06", "90832", 80.00,
                    "exports/private/Fairweather process.txt#1", "psychotherapy_note_only"),
    ]


@pytest.fixture
def notes_result(bands, default_fees) -> AuditResult:
    """A scan without a claims file, exposures assigned."""
    result = practice_result()
    assign_exposures(result.notes, None, default_fees, bands)
    return result


@pytest.fixture
def claims_result(bands, default_fees) -> AuditResult:
    """The same notes with a claims file, exposures assigned."""
    result = practice_result(claims=practice_claims())
    assign_exposures(result.notes, result.claims, default_fees, bands)
    return result


def worked_example_notes_and_claims() -> tuple[list[NoteResult], list[ClaimResult]]:
    """money.md §3 as a scan would see it: 100 claims of one clinician, 98 with notes."""
    notes, claims = [], []

    def add(index, cpt, paid, status="matched", verdict="supported", minutes=60, failure=None):
        note_id = None
        if status != "no_note":
            note_id = f"park/notes.pdf#{index}"
            findings = [Finding("time_documented", "pass" if minutes else "fail", "fatal", "time")]
            if failure:
                findings.append(Finding(failure[0], "fail", failure[1], "failed"))
            notes.append(NoteResult(note_id, Locator("park/notes.pdf", index), "Client", "Lena Park, PhD", "PhD",
                                    "2025-01-10", None, None, minutes, cpt, "progress", 0.9, verdict=verdict,
                                    findings=findings))
        supported = "90834" if status == "code_not_supported_by_time" else None if status == "no_note" else cpt
        claims.append(ClaimResult(f"c{index}", "Client", "Park, Lena", "2025-01-10", cpt, paid, note_id, status,
                                  supported_cpt=supported))

    index = 0
    for _ in range(10):
        index += 1
        add(index, "90837", 154.29, "code_not_supported_by_time", "at_risk", 43, ("time_supports_code", "recode"))
    for _ in range(8):
        index += 1
        add(index, "90837", 154.29, verdict="unsupported", minutes=None)
    for _ in range(3):
        index += 1
        add(index, "90834", 104.16, verdict="unsupported", minutes=45, failure=("signature", "fatal"))
    for _ in range(2):
        index += 1
        add(index, "90791", 166.91, "no_note")
    for _ in range(77):
        index += 1
        add(index, "90834", 104.16, minutes=50)
    return notes, claims


@pytest.fixture
def worked_example(default_fees, bands):
    """money.md §3 with exposures assigned: (notes, claims)."""
    notes, claims = worked_example_notes_and_claims()
    assign_exposures(notes, claims, default_fees, bands)
    return notes, claims

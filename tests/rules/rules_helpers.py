"""Shared helpers of the rules tests: notes from hand-written text (fields extracted the way a
scan extracts them, then overridden where a case says so), and the rule-case files."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from auditready.ingest.fields import extract_fields
from auditready.models import Classification, ExtractedField, Locator, Note

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
CASES_DIR = HERE / "cases"
GOLDEN_DIR = HERE / "golden"
EXTERNAL_NOTES = REPO_ROOT.parent / "shared" / "external-notes"
DOMAIN_DOCS = REPO_ROOT.parent / "shared" / "domain"

# A progress note that meets every single-note criterion of every shipped pack.
GOOD_NOTE = """\
Progress Note
Client: Jordan Avery   DOB: 04/12/1988
Date of Service: 03/14/2025
Start: 10:02  End: 10:55
CPT: 90837
Diagnosis: F41.1 Generalized anxiety disorder

Subjective: Client reported 3 panic attacks this week (down from 5) and said "I left work early twice because my chest got tight." Sleeping about 5 hours per night; missed two days of work.
Objective: Tense posture; tearful when describing work; good eye contact.
Assessment: Anxiety continues to impair work attendance. Progress toward Goal 1 (reduce panic attacks to 1 per week): attacks down from 5 to 3 per week.
Interventions: Used cognitive restructuring with a thought record to challenge the thought that she will be fired; practiced diaphragmatic breathing in session. Extended session needed to complete the exposure exercise.
Response: Client was able to identify two alternative thoughts and rated anxiety 7/10 before and 3/10 after the breathing practice.
Risk: Denies SI/HI.
Plan: Continue weekly sessions; homework: daily thought record. Next session 03/21/2025.

Electronically signed by Dana Reyes, LCSW on 03/14/2025 16:02
"""


def make_note(text: str, fields: dict[str, Any] | None = None, note_id: str = "case.txt#1",
              path: str = "case.txt") -> Note:
    """A note as split_document would make it: text plus extracted fields. `fields` overrides
    extracted values as a structured column would (None removes a field)."""
    note = Note(id=note_id, source=Locator(path=path), text=text, fields=dict(extract_fields(text)))
    for name, value in (fields or {}).items():
        if value is None:
            note.fields.pop(name, None)
        else:
            note.fields[name] = ExtractedField(_coerce(name, value), None, origin=f"column:{name}")
    return note


def _coerce(name: str, value: Any) -> Any:
    if name in ("date_of_service", "signed_date", "dob") and isinstance(value, str):
        return date.fromisoformat(value)
    if name == "cpt" and isinstance(value, int):
        return str(value)
    return value


def classification(note_type: str) -> Classification:
    return Classification(note_type, 1.0, ["set by the test case"])


@dataclass
class Case:
    rule_id: str
    pack: str
    name: str
    text: str
    fields: dict[str, Any]
    note_type: str
    expect: str
    evidence: list[str] = field(default_factory=list)
    message: str | None = None
    severity: str | None = None
    # corpus cases: other notes of the scan and plans
    others: list[dict[str, Any]] = field(default_factory=list)
    plans: list[dict[str, Any]] | None = None


CASE_KEYS = {"pack", "name", "note", "fields", "note_type", "expect", "evidence", "message", "severity", "others", "plans"}


def load_cases() -> list[Case]:
    cases: list[Case] = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert set(data) <= {"rule", "pack", "cases"}, f"{path.name}: unknown top-level keys"
        assert data["rule"] == path.stem, f"{path.name}: rule {data['rule']} does not match the file name"
        for raw in data["cases"]:
            unknown = set(raw) - CASE_KEYS
            assert not unknown, f"{path.name}: unknown case keys {unknown}"
            evidence = raw.get("evidence") or []
            cases.append(Case(
                rule_id=data["rule"],
                pack=raw.get("pack", data.get("pack", "common")),
                name=raw["name"],
                text=raw["note"],
                fields=raw.get("fields") or {},
                note_type=raw.get("note_type", "progress"),
                expect=raw["expect"],
                evidence=[evidence] if isinstance(evidence, str) else list(evidence),
                message=raw.get("message"),
                severity=raw.get("severity"),
                others=raw.get("others") or [],
                plans=raw.get("plans"),
            ))
    return cases

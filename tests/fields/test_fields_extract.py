"""extract_fields on table-driven cases (fields_cases.yaml) and on whole notes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from auditready.ingest.fields import extract_fields
from fields_helpers import assert_spans_point_into, plain

CASES = yaml.safe_load((Path(__file__).parent / "fields_cases.yaml").read_text(encoding="utf-8"))


def _expected(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_field_case(case: dict) -> None:
    text = case["text"]
    fields = extract_fields(text)
    assert_spans_point_into(text, fields)
    found = {name: plain(field.value) for name, field in fields.items()}
    for name, value in (case.get("expect") or {}).items():
        assert name in found, f"{name} not found; got {found}"
        assert found[name] == _expected(value), f"{name}: {found[name]!r} != {value!r}"
    for name, snippet in (case.get("evidence") or {}).items():
        assert fields[name].span is not None and fields[name].span.text == str(snippet)
    for name in case.get("absent") or []:
        assert name not in found, f"{name} should be absent, got {found[name]!r}"


def test_cases_cover_every_contract_field() -> None:
    """The table exercises every field docs/internals.md names."""
    contract = {
        "client", "client_id", "dob", "clinician", "credentials", "date_of_service", "start", "end",
        "minutes", "cpt", "modifiers", "place_of_service", "telehealth", "diagnoses", "signer",
        "signer_credentials", "signed_date", "declared_type", "note_id",
    }  # fmt: skip
    covered = {name for case in CASES for name in (case.get("expect") or {})}
    assert contract <= covered, contract - covered


FULL_NOTE = """Sunrise Counseling, LLC
Psychotherapy Progress Note
Client: Jane Q. Doe    DOB: 01/02/1980    MRN: A12345
Date of Service: March 4, 2025    Time: 2:00-2:53 PM
Clinician: John Smith, LPC
CPT: 90837-95   POS: 10
Diagnosis: F41.1 Generalized anxiety disorder; F33.1 Major depressive disorder, recurrent
Session conducted via Zoom video; client located at home in Ohio.

Subjective: Client reported worry about her job. Next appointment Date: 03/18/2025.
Plan: Continue CBT weekly.

Electronically signed by John Smith, LPC on 03/06/2025 4:12 PM
"""


def test_full_note_reads_every_header_field() -> None:
    fields = extract_fields(FULL_NOTE)
    assert_spans_point_into(FULL_NOTE, fields)
    values = {name: plain(field.value) for name, field in fields.items()}
    assert values == {
        "client": "Jane Q. Doe",
        "dob": "1980-01-02",
        "client_id": "A12345",
        "declared_type": "progress",
        "date_of_service": "2025-03-04",
        "start": "14:00",
        "end": "14:53",
        "clock_minutes": 53,
        "minutes": 53,
        "clinician": "John Smith",
        "credentials": "LPC",
        "cpt": "90837",
        "cpt_codes": ["90837"],
        "modifiers": ["95"],
        "place_of_service": "10",
        "telehealth": True,
        "telehealth_modality": "video",
        "diagnoses": ["F41.1", "F33.1"],
        "signer": "John Smith",
        "signer_credentials": "LPC",
        "signed_date": "2025-03-06",
        "signed_time": "16:12",
        "signature_status": "signed",
    }


def test_header_less_narrative_finds_nothing_spurious() -> None:
    text = (
        "Client arrived on time and reported that the week had been difficult. She described "
        "3-4 arguments with her partner and said she slept 5 hours a night. We practiced "
        "cognitive restructuring for 20 minutes of the hour. She will track thoughts daily."
    )
    assert extract_fields(text) == {}


def test_empty_text() -> None:
    assert extract_fields("") == {}
    assert extract_fields("\n\n  \n") == {}


def test_windows_line_endings_keep_offsets() -> None:
    text = "Client: Jane Doe\r\nDate of Service: 03/04/2025\r\nCPT: 90834\r\n"
    fields = extract_fields(text)
    assert_spans_point_into(text, fields)
    assert fields["client"].value == "Jane Doe"
    assert fields["date_of_service"].value == date(2025, 3, 4)
    assert fields["cpt"].value == "90834"

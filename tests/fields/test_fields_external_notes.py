"""extract_fields and split_document on the public sample notes in ../shared/external-notes
(read at test time, never copied into the repository). The expectations are what a careful
reader sees in each note."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditready.ingest.fields import extract_fields
from auditready.ingest.split import split_document
from auditready.models import Document, DocumentPart
from fields_helpers import assert_spans_point_into, plain

# file-name prefix -> (fields expected with their values, fields that must be absent)
EXPECTED: dict[str, tuple[dict[str, object], list[str]]] = {
    # An intake in key: value form: no date, code, time, signature or diagnosis code
    # ("No previous diagnoses").
    "019": ({}, ["date_of_service", "cpt", "minutes", "start", "signer", "diagnoses", "signature_status"]),
    # SOAP note with goal tracking: "6 hours per night" is not a session length.
    "020": ({}, ["minutes", "date_of_service", "cpt", "diagnoses", "signer"]),
    # Signed SOAP note: the status says signed, no signer name is given.
    "021": (
        {"declared_type": "progress", "cpt": "90834", "diagnoses": ["F41.1", "F51.05"], "signature_status": "signed"},
        ["signer", "date_of_service", "minutes"],
    ),
    # Draft with placeholders: unsigned and incomplete (external-notes/README.md).
    "022": (
        {"declared_type": "progress", "cpt": "90834", "diagnoses": ["F41.1"], "signature_status": "draft"},
        ["signer", "signed_date", "date_of_service"],
    ),
    # Group note: the agenda's "(10 min)" items are not the session length.
    "023": ({}, ["minutes", "cpt", "date_of_service", "start"]),
    # Phone contact about a missed appointment: 10 minutes by phone; "tomorrow at 2 PM" is a
    # future appointment, not this contact's time.
    "024": (
        {"declared_type": "other", "minutes": 10, "telehealth": True, "telehealth_modality": "audio"},
        ["start", "date_of_service", "cpt"],
    ),
    # Narrative SOAP note with a full header.
    "032": (
        {
            "client": "Connor Client",
            "dob": "1992-02-02",
            "date_of_service": "2023-07-10",
            "start": "13:33",
            "end": "14:30",
            "minutes": 57,
            "clock_minutes": 57,
            "diagnoses": ["F32.1"],
        },
        ["cpt", "signer", "signature_status"],
    ),
    # Treatment plan: "sessions (60 minutes)" is the planned frequency, not a session length.
    "P020": ({}, ["minutes", "date_of_service", "cpt", "signer"]),
}


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if path.is_file())


def test_every_expected_file_is_present(external_notes: Path) -> None:
    names = [path.name for path in _files(external_notes)]
    for prefix in EXPECTED:
        assert any(name.startswith(prefix + "_") for name in names), prefix


def test_every_file_extracts_with_valid_spans(external_notes: Path) -> None:
    for path in _files(external_notes):
        text = path.read_text(encoding="utf-8")
        assert_spans_point_into(text, extract_fields(text))


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_fields_a_careful_reader_sees(external_notes: Path, prefix: str) -> None:
    path = next(p for p in _files(external_notes) if p.name.startswith(prefix + "_"))
    text = path.read_text(encoding="utf-8")
    fields = extract_fields(text)
    expected, absent = EXPECTED[prefix]
    values = {name: plain(field.value) for name, field in fields.items()}
    for name, value in expected.items():
        assert values.get(name) == value, f"{path.name}: {name} = {values.get(name)!r}, expected {value!r}"
    for name in absent:
        assert name not in values, f"{path.name}: {name} should be absent, got {values[name]!r}"


def test_each_sample_is_one_note(external_notes: Path) -> None:
    for path in _files(external_notes):
        if path.suffix != ".txt":
            continue
        text = path.read_text(encoding="utf-8")
        notes = split_document(Document(path.name, "text", [DocumentPart(text)]))
        assert len(notes) == 1, path.name
        assert notes[0].id == f"{path.name}#1"
        assert notes[0].text == text.strip("\n").rstrip()

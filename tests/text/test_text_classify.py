"""Note-type classification: hand-written notes (cases/classify.yaml) and the public sample notes
in ../shared/external-notes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from text_cases import case_params

from auditready.classify import classify
from auditready.models import NOTE_TYPES, ExtractedField, Locator, Note, Span


def _note(text: str, fields: dict | None = None, name: str = "note.txt") -> Note:
    extracted = {}
    for key, value in (fields or {}).items():
        # A declared type found in the text carries its span, as field extraction would set it.
        start = text.find("Psychotherapy Note") if key == "declared_type" else -1
        span = Span(start, start + 18, text[start:start + 18]) if start >= 0 else None
        extracted[key] = ExtractedField(value, span, "text" if span else "column:Note Type")
    return Note(id=f"{name}#1", source=Locator(name), text=text, fields=extracted)


@pytest.mark.parametrize("case", case_params("classify"))
def test_classify_case(case: dict) -> None:
    result = classify(_note(case["text"], case.get("fields")))
    assert result.note_type == case["expect"], result.signals
    assert result.note_type in NOTE_TYPES
    assert 0.0 <= result.confidence <= 1.0
    assert result.confidence >= case.get("min_confidence", 0.0), (result.confidence, result.signals)
    assert result.confidence <= case.get("max_confidence", 1.0), (result.confidence, result.signals)
    for expected in case.get("signals", []):
        assert any(expected in signal for signal in result.signals), result.signals
    assert result.signals and all(isinstance(s, str) and len(s) < 80 for s in result.signals)


EXTERNAL_EXPECTED = {
    "019_": "intake",
    "020_": "progress",
    "021_": "progress",
    "022_": "progress",
    "023_": "progress",
    "024_": "other",
    "032_": "progress",
    "P020_": "treatment_plan",
}


@pytest.mark.parametrize("prefix, expected", sorted(EXTERNAL_EXPECTED.items()))
def test_external_sample_notes(external_notes: Path, prefix: str, expected: str) -> None:
    [path] = sorted(external_notes.glob(f"{prefix}*.txt"))
    result = classify(_note(path.read_text(encoding="utf-8"), name=path.name))
    assert result.note_type == expected, (path.name, result.signals)
    assert result.confidence >= 0.75, (path.name, result.confidence, result.signals)


def test_declared_type_signal_names_its_source() -> None:
    note = _note("Psychotherapy Note\ntext", {"declared_type": "psychotherapy"})
    result = classify(note)
    assert result.signals == ["title 'Psychotherapy Note'"]
    column = Note(id="x#1", source=Locator("x.csv", row=2), text="text",
                  fields={"declared_type": ExtractedField("treatment_plan", None, "column:Type"),
                          "date_of_service": ExtractedField(date(2025, 1, 2))})
    assert classify(column).signals == ["declared type 'treatment_plan' (column:Type)"]


def test_unknown_declared_type_is_ignored() -> None:
    note = _note("Subjective: a\nObjective: b\nAssessment: c\nPlan: d", {"declared_type": "memo"})
    assert classify(note).note_type == "progress"

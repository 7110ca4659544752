"""Helpers shared by the field-extraction and splitting tests (imported by name: several test
folders have a conftest.py, so tests never import conftest)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from auditready.models import ExtractedField

REPO_ROOT = Path(__file__).resolve().parents[2]
EXTERNAL_NOTES = REPO_ROOT.parent / "shared" / "external-notes"


def plain(value: object) -> object:
    """A field value as YAML cases write it (dates as ISO strings)."""
    return value.isoformat() if isinstance(value, date) else value


def assert_spans_point_into(text: str, fields: dict[str, ExtractedField]) -> None:
    """Every text-derived field's evidence is the exact text at its offsets."""
    for name, found in fields.items():
        if found.span is None:
            assert found.origin.startswith("column:"), name
            continue
        assert 0 <= found.span.start < found.span.end <= len(text), name
        assert text[found.span.start : found.span.end] == found.span.text, name

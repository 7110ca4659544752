"""Damaged files and arbitrary text never crash, hang or leak.

Real PDF, DOCX, XLSX, CSV and zip files (fpdf2, python-docx, openpyxl, csv, zipfile) are
damaged the way downloads and disks damage them: bits flipped, cut short, junk inserted. Each
damaged file is read twice: by the scan's worker path (one worker under a time limit, so a
parser that hung would show up as a "took longer" row instead of hanging the test) and by
ingest_paths in this process (so an exception escaping a reader would fail the test). Every
file must get its intake row (parsed, skipped or error), no row may say that an unexpected
exception happened while reading, and no reason may quote the file's text.

The field parsers get arbitrary text built from note-like pieces: they must not raise, and
every span they return must index the text exactly.
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

from hardening_builders import csv_bytes, docx_bytes, note_text, pdf_bytes, table_rows, xlsx_bytes, zip_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditready.ingest import IngestOptions, ingest_paths
from auditready.ingest import timeparse
from auditready.ingest.fields import extract_fields
from auditready.rules import load_pack
from auditready.scanwork import read_and_judge, work_context

MARKER = "QZXVWMARKER"  # planted in every seed's note text
STATUSES = {"parsed", "skipped", "error"}


@cache
def seeds() -> dict[str, bytes]:
    text = note_text("Ana Diaz", 4, MARKER)
    rows = table_rows(3, MARKER)
    return {
        "pdf": pdf_bytes([text, note_text("Ana Diaz", 11, MARKER)]),
        "docx": docx_bytes(text),
        "xlsx": xlsx_bytes(rows),
        "csv": csv_bytes(rows),
        "zip": zip_bytes({"a/note.docx": docx_bytes(text), "a/note.pdf": pdf_bytes([text]), "rows.csv": csv_bytes(rows)}),
    }


@cache
def context():
    return work_context(IngestOptions(), load_pack("common"), clone_texts=True)


@st.composite
def damaged(draw, kind: str) -> bytes:
    data = bytearray(seeds()[kind])
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["flip", "truncate", "insert"]))
        if action == "flip" and data:
            index = draw(st.integers(0, len(data) - 1))
            data[index] ^= 1 << draw(st.integers(0, 7))
        elif action == "truncate" and data:
            del data[draw(st.integers(0, len(data) - 1)):]
        else:
            index = draw(st.integers(0, len(data)))
            data[index:index] = draw(st.binary(min_size=1, max_size=64))
    return bytes(data)


def _check_rows(rows, name: str) -> None:
    assert rows, "the file has no intake row"
    assert all(row.path == name or row.path.startswith(name + "!") for row in rows)
    for row in rows:
        assert row.status in STATUSES
        assert not row.reason.startswith("unexpected"), row.reason
        assert "took longer than" not in row.reason, f"{row.path}: the reader hung"
        assert MARKER not in row.reason
        if row.status != "parsed":
            assert row.reason and row.notes == 0


def _read_both_ways(kind: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"damaged.{kind}"
        path.write_bytes(data)
        scanned = read_and_judge([path], context(), jobs=1, file_timeout=60)
        _check_rows(scanned.inputs, path.name)
        assert sum(row.notes for row in scanned.inputs) == len(scanned.notes)
        ingested = ingest_paths([path], IngestOptions())
        _check_rows(ingested.inputs, path.name)
        assert [(r.path, r.status) for r in ingested.inputs] == [(r.path, r.status) for r in scanned.inputs]


FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


@FUZZ
@given(damaged("pdf"))
def test_damaged_pdf(data):
    _read_both_ways("pdf", data)


@FUZZ
@given(damaged("docx"))
def test_damaged_docx(data):
    _read_both_ways("docx", data)


@FUZZ
@given(damaged("xlsx"))
def test_damaged_xlsx(data):
    _read_both_ways("xlsx", data)


@FUZZ
@given(damaged("csv"))
def test_damaged_csv(data):
    _read_both_ways("csv", data)


@FUZZ
@given(damaged("zip"))
def test_damaged_zip(data):
    _read_both_ways("zip", data)


# ------------------------------------------------------------------------------ field parsers

PIECES = [
    "Date of Service:", "DOS", "03/04/2025", "3/4/25", "2025-03-04", "March 4, 2025", "31/02/2025", "Client:",
    "Ana Diaz", "Clinician:", "Dana Reyes, LCSW", "Start Time:", "10:00 AM", "End:", "10:53", "2pm-2:53pm",
    "noon", "53 min", "1 hr 5 min", "CPT", "90837", "90834-95", "Diagnosis:", "F41.1", "Signed", "/s/",
    "Electronically signed by", "on", "Telehealth", "POS 02", "\n", "\t", " ", ":", "-", ",", "(", ")",
    "Progress Note", "Psychotherapy Note", "Client ID:", "000123", "DOB:", "☒", "İ", "ß", "\u00a0",
]
note_like = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=40).map("".join)
PARSERS = settings(max_examples=150, deadline=None, derandomize=True)


@PARSERS
@given(note_like)
def test_extract_fields_spans_index_the_text(text):
    for name, found in extract_fields(text).items():
        span = found.span
        if span is not None:
            assert 0 <= span.start <= span.end <= len(text), name
            assert text[span.start:span.end] == span.text, name


@PARSERS
@given(note_like)
def test_timeparse_offsets_index_the_text(text):
    for found in timeparse.find_dates(text):
        assert 0 <= found.start < found.end <= len(text)
        assert timeparse.DATE_RE.fullmatch(text[found.start:found.end]) is not None
    for clock in timeparse.find_times(text):
        assert 0 <= clock.start < clock.end <= len(text) and 0 <= clock.hour <= 23
    for found in timeparse.find_time_ranges(text):
        assert 0 <= found.span[0] < found.span[1] <= len(text)
        assert found.start_span[0] == found.span[0] and found.end_span[1] == found.span[1]
    minutes = timeparse.parse_minutes(text, bare_number=True)
    if minutes is not None:
        assert 0 < minutes.value <= timeparse.MAX_SESSION_MINUTES
        assert 0 <= minutes.start < minutes.end <= len(text)

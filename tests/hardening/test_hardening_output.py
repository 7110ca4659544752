"""Output safety: reports private and all-or-nothing, no note text on the terminal.

The leak test plants a unique marker in the text of every note and in the content of broken
files, plugs in a reader (hardening_plugins.leak) whose exception message quotes the file's
bytes as library messages do, and runs `auditready scan` in a child process: the marker must
appear in the reports (it was read) and nowhere in what the process printed, its workers
included, nor in any intake reason.
"""

from __future__ import annotations

import json
import math
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from hardening_builders import HERE, build_practice, docx_bytes, note_text, run_cli, zip_bytes

from auditready.cli import main
from auditready.pipeline import ScanOptions, scan
from auditready.reports import write_reports

MARKER = "QZXMARKER"
ALL_FORMATS = {"json", "csv", "xlsx", "html"}


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _leftovers(out: Path) -> list[str]:
    return [p.name for p in out.rglob(".*") if p.name.endswith((".tmp", ".old"))]


def _pdf_with_a_bad_text_operator(text: str) -> bytes:
    """An fpdf2 PDF whose text operator got a name where a string belongs ("/QZXMARKER Tj"):
    pdfminer logs a warning that quotes it."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_compression(False)
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    pdf.cell(0, 10, text)
    pdf.ln()
    pdf.cell(0, 10, "Progress Note")
    data = bytes(pdf.output())
    return data.replace(f"({text}) Tj".encode(), f"/{text} Tj".encode())


def _hostile_folder(root: Path) -> Path:
    folder = build_practice(root / "exports", marker=MARKER, table_notes=4)
    broken = folder / "broken"
    broken.mkdir()
    whole = (folder / "pdf" / "note-2.pdf").read_bytes()
    (broken / "cut-short.pdf").write_bytes(whole[: len(whole) // 2])
    (broken / "operator.pdf").write_bytes(_pdf_with_a_bad_text_operator(MARKER + "PDF"))
    # No header row: the first row is a patient's data and must not be quoted as "headers".
    (broken / "no-header.csv").write_text(f"03/04/2025,{MARKER} Client,Dana Reyes,90837,short\n" * 3)
    (broken / "binary.csv").write_bytes(f"Date,Note\n03/04/2025,{MARKER}\n".encode() + b"\x00\x01\x02" * 20)
    (broken / "bad-xml.docx").write_bytes(zip_bytes({
        "[Content_Types].xml": b"<Types/>",
        "_rels/.rels": b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       b'<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                       b'relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": f"<w:document><w:body>{MARKER} <unclosed".encode(),
    }))
    (broken / "truncated.docx").write_bytes(docx_bytes(note_text("Eve Stone", 9, MARKER))[:900])
    (folder / "leaky.txt").write_text(note_text("Fay Moss", 14, MARKER))  # read by the leaky plugin
    return folder


@pytest.mark.parametrize("engine", ["pypdfium2", "pdfplumber"])
def test_no_note_text_on_the_terminal_or_in_reasons(tmp_path, engine):
    out = tmp_path / "out"
    run = run_cli(["leak", "text", "scan", str(_hostile_folder(tmp_path)), "--out", str(out), "--jobs", "2",
                   "--pdf-engine", engine], script=HERE / "hardening_plugins.py")
    assert run.returncode == 3, run.stderr
    assert "Report:" in run.stdout and "could not be read" in run.stdout  # the full summary was printed
    assert MARKER not in run.stdout
    assert MARKER not in run.stderr
    audit = json.loads((out / "audit.json").read_text())
    rows = {row["path"]: row for row in audit["inputs"]}
    assert all(MARKER not in row["reason"] for row in rows.values())
    assert rows["leaky.txt"]["status"] == "error"
    assert rows["leaky.txt"]["reason"] == "unexpected ValueError while reading this file (please report it)"
    assert rows["broken/no-header.csv"]["status"] == "skipped"
    # The marker was read: it is in the notes' evidence in the reports, where it belongs.
    assert MARKER in (out / "findings.csv").read_text(encoding="utf-8-sig")


def _scan(folder: Path, out: Path, *extra: str):
    return CliRunner().invoke(main, ["scan", str(folder), "--out", str(out), "--jobs", "1", "-q", *extra])


def test_reports_are_readable_by_their_owner_only(tmp_path):
    folder = build_practice(tmp_path / "exports", table_notes=3)
    out = tmp_path / "out"
    assert _scan(folder, out).exit_code == 3  # empty.docx cannot be read
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    assert stat.S_IMODE((out / "clinicians").stat().st_mode) == 0o700
    written = [p for p in out.rglob("*") if p.is_file()]
    assert {"audit.json", "audit.xlsx", "index.html", "notes.csv", "findings.csv"} <= {p.name for p in written}
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in written)
    assert _leftovers(out) == []


def test_a_run_that_cannot_finish_writing_leaves_the_previous_reports(tmp_path):
    folder = build_practice(tmp_path / "exports", table_notes=3)
    out = tmp_path / "out"
    assert _scan(folder, out).exit_code == 3
    # Something in the way of one report file (a folder with its name) makes the next run fail
    # after the other files were rendered: none of them may replace the previous ones.
    (out / "notes.csv").unlink()
    (out / "notes.csv").mkdir()
    before = _files(out)
    (folder / "pdf" / "note-3.pdf").unlink()  # the next run's reports would differ
    failed = _scan(folder, out)
    assert failed.exit_code == 1 and "Error:" in failed.output
    assert _files(out) == before
    assert _leftovers(out) == []


def test_a_renderer_that_fails_leaves_the_previous_reports(tmp_path):
    result = scan([build_practice(tmp_path / "exports", table_notes=3)], ScanOptions())
    out = tmp_path / "out"
    write_reports(result, out, ALL_FORMATS)
    before = _files(out)
    result.notes[0].score = math.nan  # audit.json refuses NaN: the JSON renderer raises
    with pytest.raises(ValueError):
        write_reports(result, out, ALL_FORMATS)
    assert _files(out) == before
    assert _leftovers(out) == []

"""Real input files for the hardening tests (fpdf2, python-docx, openpyxl, csv, zipfile), a small
mixed practice built from them, and a helper that runs the real command line in a child
process. Every name and sentence is invented. (A module of its own, not conftest.py: every test
folder has a conftest module, and importing one by name would find another folder's.)"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def note_text(client: str, day: int, marker: str = "", minutes: int = 53) -> str:
    end = 10 * 60 + minutes
    return (
        f"Progress Note\nClient: {client}\nDate of Service: 03/{day:02d}/2025\n"
        f"Clinician: Dana Reyes, LCSW\nStart Time: 10:00 AM  End Time: {end // 60}:{end % 60:02d} AM\n"
        f"CPT: 90837\nDiagnosis: F41.1\n"
        f"Subjective: client reported {day % 5 + 2} panic attacks this week {marker} and left work early twice.\n"
        f"Intervention: practiced paced breathing and cognitive restructuring of the thought 'I will faint'.\n"
        f"Response: client rated anxiety 8/10 before and 4/10 after the exercise.\n"
        f"Plan: next session in one week; homework is a daily worry log.\n"
        f"Electronically signed by Dana Reyes, LCSW on 03/{day:02d}/2025"
    )


def pdf_bytes(pages: list[str]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 5, text)
    return bytes(pdf.output())


def many_page_pdf(pages: int) -> bytes:
    """A genuine PDF of `pages` pages (one fpdf2 page copied by PDFium), for a file that really
    takes a while to read."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(pdf_bytes([note_text("Long Chart", 3)]))
    copy = pdfium.PdfDocument.new()
    copy.import_pages(source, [0] * pages)
    buffer = io.BytesIO()
    copy.save(buffer)
    copy.close()
    source.close()
    return buffer.getvalue()


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


TABLE_HEADER = ["Date of Service", "Client Name", "Clinician", "CPT Code", "Progress Note"]


def table_rows(count: int, marker: str = "", first_day: int = 1) -> list[list[str]]:
    rows = []
    for index in range(count):
        day = (first_day + index) % 28 + 1
        body = note_text(f"Row Client{index % 40}", day, marker).split("\n", 6)[-1]
        rows.append([f"03/{day:02d}/2025", f"Row Client{index % 40}", "Dana Reyes, LCSW", "90837", body])
    return rows


def xlsx_bytes(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(TABLE_HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(TABLE_HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def build_practice(folder: Path, marker: str = "", table_notes: int = 12) -> Path:
    """A mixed export: per-note PDFs, a chart PDF, DOCX, XLSX, CSV, a zip, an exact duplicate,
    an empty file and an unsupported file. Returns `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pdf").mkdir(exist_ok=True)
    for day in range(1, 4):
        (folder / "pdf" / f"note-{day}.pdf").write_bytes(pdf_bytes([note_text("Ana Diaz", day, marker)]))
    (folder / "pdf" / "chart.pdf").write_bytes(
        pdf_bytes([note_text("Ben Okafor", day, marker) for day in range(5, 9)]))
    (folder / "note-a.docx").write_bytes(docx_bytes(note_text("Cleo Sato", 10, marker)))
    (folder / "export.xlsx").write_bytes(xlsx_bytes(table_rows(table_notes, marker)))
    (folder / "export.csv").write_bytes(csv_bytes(table_rows(table_notes, marker, first_day=5)))
    (folder / "batch.zip").write_bytes(zip_bytes({
        "inner/note-z.docx": docx_bytes(note_text("Dev Patel", 12, marker)),
        "inner/note-z.pdf": pdf_bytes([note_text("Dev Patel", 13, marker)]),
    }))
    (folder / "z-copy-of-note-1.pdf").write_bytes((folder / "pdf" / "note-1.pdf").read_bytes())
    (folder / "empty.docx").write_bytes(b"")
    (folder / "scan.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200)
    return folder


def run_cli(args: list[str], script: Path | None = None, timeout: float = 240) -> subprocess.CompletedProcess:
    """`auditready ARGS` in a child process (or `python SCRIPT ARGS`), output captured."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    command = [sys.executable, str(script)] if script else [sys.executable, "-m", "auditready"]
    return subprocess.run(command + args, cwd=REPO_ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)


"""Word notes (python-docx) and the session-notes spreadsheet (openpyxl).

Office files are zip archives stamped with the time they were written; `freeze_zip` rewrites
them with fixed member timestamps and fixed document-property dates so that regenerating the
samples gives the same bytes.
"""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .model import SampleNote, clock, us_date, us_datetime
from .practice import CLIENTS, CLINICIANS, PRACTICE, SERVICE_NAMES

FIXED_STAMP = datetime(2025, 12, 31, 12, 0, 0)
_ZIP_STAMP = (2025, 12, 31, 12, 0, 0)
_W3CDTF = "2025-12-31T12:00:00Z"


def freeze_zip(path: Path) -> None:
    """Rewrite an OOXML file with fixed member timestamps and core-property dates."""
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info.filename)) for info in source.infolist()]
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rb"\g<1>" + _W3CDTF.encode() + rb"\g<2>", data)
            frozen = zipfile.ZipInfo(info.filename, date_time=_ZIP_STAMP)
            frozen.compress_type = zipfile.ZIP_DEFLATED
            frozen.external_attr = 0o644 << 16
            target.writestr(frozen, data)
    path.write_bytes(buffer.getvalue())


# --- Word ----------------------------------------------------------------------------------------


def _clinician_line(note: SampleNote) -> str:
    clinician = CLINICIANS[note.clinician]
    line = clinician.signed_name
    if clinician.credentials == "AMFT":
        line += " (Registered Associate Marriage and Family Therapist)"
    if clinician.supervisor:
        line += f"; clinical supervisor {CLINICIANS[clinician.supervisor].signed_name}"
    return line


def _long_date(note: SampleNote) -> str:
    return f"{note.dos.strftime('%B')} {note.dos.day}, {note.dos.year}"


def _time_text(note: SampleNote) -> str:
    return f"{clock(note.start)} – {clock(note.end)} ({note.minutes} min)"


def _signature_lines(note: SampleNote) -> list[str]:
    if note.signed_at is None:
        return ["Note status: DRAFT – not finalized"]
    clinician = CLINICIANS[note.clinician]
    lines = [f"Electronically signed by {clinician.signed_name} on {us_datetime(note.signed_at)}"]
    if note.cosigned_at is not None and clinician.supervisor:
        supervisor = CLINICIANS[clinician.supervisor]
        lines.append(f"Reviewed and co-signed by {supervisor.signed_name} (clinical supervisor) "
                     f"on {us_datetime(note.cosigned_at)}")
    return lines


def _labelled_paragraph(doc, label: str, text: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(text)


def _sections_as_headings(doc, note: SampleNote) -> None:
    for heading, body in note.sections:
        doc.add_heading(heading, level=2)
        doc.add_paragraph(body)


def write_note_docx(note: SampleNote, layout: str, path: Path) -> None:
    client = CLIENTS[note.client]
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    props = doc.core_properties
    props.author = CLINICIANS[note.clinician].name
    props.title = f"Progress note {client.name} {us_date(note.dos)}"
    props.created = props.modified = props.last_printed = FIXED_STAMP
    props.revision = 1
    props.last_modified_by = CLINICIANS[note.clinician].name

    if layout == "table":
        doc.add_heading(f"{PRACTICE} – Individual Progress Note", level=1)
        rows = [
            ("Client", client.name), ("DOB", client.dob), ("Client ID", client.client_id),
            ("Date of Service", us_date(note.dos)), ("Start Time", clock(note.start)),
            ("End Time", clock(note.end)),
            ("Service Code", f"{note.cpt} – {SERVICE_NAMES[note.cpt]}"),
            ("Location", note.location), ("Diagnosis", client.diagnosis),
            ("Clinician", _clinician_line(note)),
        ]
        table = doc.add_table(rows=len(rows), cols=2)
        table.style = "Table Grid"
        for row, (label, value) in zip(table.rows, rows):
            row.cells[0].text = label
            row.cells[0].paragraphs[0].runs[0].bold = True
            row.cells[1].text = value
        _sections_as_headings(doc, note)
    elif layout in ("paragraphs", "header_footer"):
        if layout == "header_footer":
            section = doc.sections[0]
            section.header.paragraphs[0].text = f"{PRACTICE} — Progress Note — Confidential"
            section.footer.paragraphs[0].text = (
                f"{client.name} · DOB {client.dob} · Client ID {client.client_id}")
        else:
            doc.add_paragraph(PRACTICE).runs[0].bold = True
        doc.add_paragraph("Individual Therapy Progress Note").runs[0].bold = True
        for label, value in (
            ("Client", f"{client.name} (DOB {client.dob})"),
            ("Date of Service", _long_date(note)), ("Session Time", _time_text(note)),
            ("CPT", f"{note.cpt} {SERVICE_NAMES[note.cpt]}"), ("Location", note.location),
            ("Diagnosis", client.diagnosis), ("Clinician", _clinician_line(note)),
        ):
            _labelled_paragraph(doc, label, value)
        for heading, body in note.sections:
            _labelled_paragraph(doc, heading, body)
    else:
        raise ValueError(f"unknown docx layout {layout!r}")
    for line in _signature_lines(note):
        doc.add_paragraph(line)
    doc.save(path)
    freeze_zip(path)


def write_plan_docx(client_key: str, effective, review, sections, path: Path) -> None:
    """A narrative treatment plan as the clinician typed it."""
    client = CLIENTS[client_key]
    clinician = CLINICIANS[client.clinician]
    doc = Document()
    props = doc.core_properties
    props.author = clinician.name
    props.title = f"Treatment plan {client.name}"
    props.created = props.modified = props.last_printed = FIXED_STAMP
    props.revision = 1
    props.last_modified_by = clinician.name
    doc.add_heading(f"{PRACTICE} – Individualized Treatment Plan", level=1)
    for label, value in (
        ("Client", f"{client.name}   DOB {client.dob}   Client ID {client.client_id}"),
        ("Clinician", clinician.signed_name),
        ("Plan effective", us_date(effective)), ("Next review due", us_date(review)),
    ):
        _labelled_paragraph(doc, label, value)
    for heading, body in sections:
        doc.add_heading(heading, level=2)
        for line in body.split("\n"):
            doc.add_paragraph(line)
    doc.add_heading("Signatures", level=2)
    doc.add_paragraph(f"Client: signed electronically by {client.name} on {us_date(effective)}")
    doc.add_paragraph(
        f"Clinician: electronically signed by {clinician.signed_name} on {us_date(effective)}")
    doc.save(path)
    freeze_zip(path)


# --- Excel ---------------------------------------------------------------------------------------

XLSX_TITLE = f"{PRACTICE} - Session Notes Report (07/01/2025 - 12/31/2025)"
XLSX_HEADER = ("Service Date", "Rendering Provider", "Client Name", "Time In", "Time Out",
               "Service Code", "Dx", "Narrative", "Signed By", "Signed At")
XLSX_FIRST_DATA_ROW = 4  # title, blank row, header, then notes


def write_notes_xlsx(notes: tuple[SampleNote, ...], path: Path) -> list[int]:
    """One note per row below a title and a blank row; returns each note's sheet row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Session Notes"
    workbook.properties.creator = PRACTICE
    workbook.properties.created = FIXED_STAMP
    sheet.cell(row=1, column=1, value=XLSX_TITLE).font = Font(bold=True, size=13)
    header_row = XLSX_FIRST_DATA_ROW - 1
    for column, name in enumerate(XLSX_HEADER, start=1):
        sheet.cell(row=header_row, column=column, value=name).font = Font(bold=True)
    rows = []
    for offset, note in enumerate(notes):
        row = XLSX_FIRST_DATA_ROW + offset
        client, clinician = CLIENTS[note.client], CLINICIANS[note.clinician]
        values = (
            note.dos, clinician.signed_name, client.name, clock(note.start), clock(note.end),
            note.cpt, client.diagnosis_code if note.show_diagnosis else None, note.narrative,
            clinician.signed_name if note.signed_at else None, note.signed_at,
        )
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=value)
            if column == 1:
                cell.number_format = "mm/dd/yyyy"
            elif column == 10:
                cell.number_format = "mm/dd/yyyy h:mm AM/PM"
            elif column == 8:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        rows.append(row)
    for letter, width in zip("ABCDEFGHIJ", (12, 24, 20, 10, 10, 12, 8, 90, 24, 20)):
        sheet.column_dimensions[letter].width = width
    workbook.save(path)
    freeze_zip(path)
    return rows

"""PDF layouts (fpdf2, core Helvetica): a per-note print in each clinician's EHR style, and a
multi-note chart print with a running header and "Page N of M" footer on every page.

Core fonts are Latin-1 only, so every string is checked before it is drawn: a character
outside Latin-1 is a bug in the sample text, not something to replace silently.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF

from .model import SampleNote, clock, us_date, us_datetime
from .practice import CLIENTS, CLINICIANS, PHONE, PRACTICE, SERVICE_NAMES

# Fixed document dates so that regenerating produces the same bytes.
CREATION_DATE = datetime(2025, 12, 31, 12, 0, tzinfo=timezone.utc)
LINE = 4.6  # body line height, mm
# Keep a note's title and header block together: start a new page if less than this remains.
MIN_SPACE_FOR_NOTE_HEADER = 70


def latin1(text: str) -> str:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError as exc:
        raise ValueError(f"sample PDF text must be Latin-1: {text[max(0, exc.start - 20):exc.end + 20]!r}") from exc
    return text


class _Document(FPDF):
    """Letter-size page with an optional running header and a page footer."""

    def __init__(self, running_header: str = "", footer_left: str = ""):
        super().__init__(format="letter", unit="mm")
        self.running_header = running_header
        self.footer_left = footer_left
        self.set_creation_date(CREATION_DATE)
        self.set_creator(f"{PRACTICE} EHR")
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(auto=True, margin=18)

    def header(self) -> None:
        if not self.running_header:
            return
        self.set_font("Helvetica", "B", 9)
        self.cell(0, 5, latin1(self.running_header), new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(120, 120, 120)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(4)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font("Helvetica", "", 8)
        if self.footer_left:
            self.cell(0, 5, latin1(self.footer_left), align="L")
            self.set_x(self.l_margin)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="R")

    # --- building blocks ---------------------------------------------------------------------

    def title_block(self, title: str, subtitle: str = "") -> None:
        self.set_font("Helvetica", "B", 13)
        self.cell(0, 7, latin1(title), new_x="LMARGIN", new_y="NEXT")
        if subtitle:
            self.set_font("Helvetica", "I", 8.5)
            self.multi_cell(0, 4.2, latin1(subtitle), new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)

    def fields(self, rows: list[tuple[str, str]], label_width: float = 36) -> None:
        for label, value in rows:
            self.set_font("Helvetica", "B", 9.5)
            self.cell(label_width, LINE, latin1(f"{label}:"))
            self.set_font("Helvetica", "", 9.5)
            self.multi_cell(0, LINE, latin1(value), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def section(self, heading: str, body: str) -> None:
        self.set_font("Helvetica", "B", 10)
        self.cell(0, 5.5, latin1(heading), new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "", 9.5)
        self.multi_cell(0, LINE, latin1(body), new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)

    def rule(self) -> None:
        self.set_draw_color(160, 160, 160)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(2)

    def letterhead(self) -> None:
        self.set_font("Helvetica", "B", 15)
        self.cell(0, 7, PRACTICE, new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "", 8.5)
        self.cell(0, 4, f"Tel {PHONE}", new_x="LMARGIN", new_y="NEXT")
        self.ln(3)


def _time_range(note: SampleNote) -> str:
    return f"{clock(note.start)} - {clock(note.end)}"


def _service(note: SampleNote) -> str:
    return f"{note.cpt} {SERVICE_NAMES[note.cpt]}"


def _place_of_service(note: SampleNote) -> str:
    return note.location if note.telehealth else "11 - Office"


def _diagnosis(note: SampleNote) -> list[tuple[str, str]]:
    return [("Diagnosis", CLIENTS[note.client].diagnosis)] if note.show_diagnosis else []


# --- per-note layouts, one per clinician's EHR style ---------------------------------------------


def _ashcombe(pdf: _Document, note: SampleNote) -> None:
    """SimplePractice-like SOAP print."""
    client, clinician = CLIENTS[note.client], CLINICIANS[note.clinician]
    pdf.letterhead()
    pdf.title_block("Progress Note")
    pdf.fields([
        ("Client", client.name), ("DOB", client.dob), ("Client ID", client.client_id),
        ("Clinician", clinician.signed_name), ("Date of Service", us_date(note.dos)),
        ("Time", f"{_time_range(note)} ({note.minutes} minutes)"),
        ("Service Code", _service(note)), ("Place of Service", _place_of_service(note)),
        *_diagnosis(note),
    ])
    pdf.rule()
    for heading, body in note.sections:
        pdf.section(heading, body)
    pdf.rule()
    pdf.set_font("Helvetica", "", 9.5)
    pdf.multi_cell(0, LINE, latin1(
        f"Electronically signed by {clinician.signed_name} on {us_date(note.signed_at)} at "
        f"{clock(note.signed_at.time())}"), new_x="LMARGIN", new_y="NEXT")


def _fenwick(pdf: _Document, note: SampleNote) -> None:
    """TherapyNotes-like template: header, diagnosis, mental status grid, risk, narrative."""
    client, clinician = CLIENTS[note.client], CLINICIANS[note.clinician]
    pdf.letterhead()
    pdf.title_block("Progress Note")
    pdf.fields([
        ("Clinician", clinician.signed_name), ("Client", f"{client.name}   DOB {client.dob}"),
        ("Appointment Date", us_date(note.dos)), ("Appointment Time", _time_range(note)),
        ("Service Code", note.cpt),
        ("Location", "Telehealth" if note.telehealth else f"{PRACTICE} - Office"),
        *_diagnosis(note),
    ], label_width=40)
    for heading, body in note.sections:
        pdf.section(heading, body)
    pdf.ln(2)
    pdf.set_font("Helvetica", "", 9.5)
    stamp = note.signed_at.strftime("%m/%d/%Y %I:%M %p").lower()
    pdf.multi_cell(0, LINE, latin1(
        f"Electronically signed by {clinician.signed_name} at {stamp}"),
        new_x="LMARGIN", new_y="NEXT")


def _whitlock(pdf: _Document, note: SampleNote) -> None:
    """DAP progress note or diagnostic evaluation, upper-case field labels."""
    client, clinician = CLIENTS[note.client], CLINICIANS[note.clinician]
    pdf.letterhead()
    title = ("DIAGNOSTIC EVALUATION" if note.kind == "intake"
             else "INDIVIDUAL PSYCHOTHERAPY PROGRESS NOTE (DAP)")
    pdf.title_block(title)
    pdf.fields([
        ("PATIENT", f"{client.name}   DOB: {client.dob}   MRN: {client.client_id}"),
        ("PROVIDER", f"{clinician.signed_name}, Licensed Psychologist"),
        ("DATE", us_date(note.dos)),
        ("START TIME", clock(note.start)), ("END TIME", clock(note.end)),
        ("CPT Code", note.cpt), ("Therapy Type", "Individual"),
        ("Location", _place_of_service(note)),
        *_diagnosis(note),
    ], label_width=32)
    for heading, body in note.sections:
        pdf.section(heading, body)
    pdf.set_font("Helvetica", "", 9.5)
    pdf.multi_cell(0, LINE, latin1(
        f"Electronically signed by {clinician.signed_name} on {us_datetime(note.signed_at)}"),
        new_x="LMARGIN", new_y="NEXT")


def _psychotherapy(pdf: _Document, note: SampleNote) -> None:
    """A process note: its own title and header, none of the billing fields."""
    client, clinician = CLIENTS[note.client], CLINICIANS[note.clinician]
    pdf.title_block(
        "PSYCHOTHERAPY NOTE",
        "Confidential. Kept separate from the medical record (45 CFR 164.501); not part of the "
        "designated record set and not to be released without specific authorization.")
    pdf.fields([
        ("Patient", client.name), ("Author", clinician.signed_name),
        ("Session date", us_date(note.dos)),
    ], label_width=28)
    for heading, body in note.sections:
        pdf.section(heading, body)
    pdf.set_font("Helvetica", "I", 9)
    pdf.multi_cell(0, LINE, latin1(
        f"Electronically signed by {clinician.signed_name} on {us_datetime(note.signed_at)}"),
        new_x="LMARGIN", new_y="NEXT")


LAYOUTS = {"ashcombe": _ashcombe, "fenwick": _fenwick, "whitlock": _whitlock}


def write_note_pdf(note: SampleNote, path: Path) -> None:
    client = CLIENTS[note.client]
    pdf = _Document(footer_left=f"{client.name}  |  DOB {client.dob}  |  DOS {us_date(note.dos)}")
    pdf.set_title(latin1(f"{note.kind.title()} note - {client.name} - {us_date(note.dos)}"))
    pdf.add_page()
    layout = _psychotherapy if note.kind == "psychotherapy" else LAYOUTS[note.clinician]
    layout(pdf, note)
    path.write_bytes(bytes(pdf.output()))


def write_chart_pdf(notes: tuple[SampleNote, ...], path: Path) -> list[int]:
    """One client's notes printed as a chart; returns the page each note starts on."""
    client = CLIENTS[notes[0].client]
    pdf = _Document(
        running_header=f"{PRACTICE} - Chart of {client.name} - DOB {client.dob} - "
                       f"Client ID {client.client_id}",
    )
    pdf.set_title(latin1(f"Chart - {client.name}"))
    pdf.add_page()
    pdf.set_font("Helvetica", "", 9)
    pdf.multi_cell(0, LINE, latin1(
        f"Progress notes {us_date(notes[0].dos)} through {us_date(notes[-1].dos)} "
        f"({len(notes)} documents), printed in date order."), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    start_pages = []
    for note in notes:
        clinician = CLINICIANS[note.clinician]
        if pdf.get_y() > pdf.h - pdf.b_margin - MIN_SPACE_FOR_NOTE_HEADER:
            pdf.add_page()
        start_pages.append(pdf.page_no())
        pdf.set_fill_color(225, 225, 225)
        pdf.set_font("Helvetica", "B", 11)
        pdf.cell(0, 6.5, "PROGRESS NOTE - Individual Psychotherapy", fill=True,
                 new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)
        pdf.fields([
            ("Date of Service", us_date(note.dos)),
            ("Time", f"{_time_range(note)} ({note.minutes} min)"),
            ("Clinician", clinician.signed_name), ("Service", _service(note)),
            ("Place of Service", _place_of_service(note)), *_diagnosis(note),
        ])
        for heading, body in note.sections:
            pdf.section(heading, body)
        pdf.set_font("Helvetica", "", 9.5)
        pdf.multi_cell(0, LINE, latin1(
            f"Electronically signed by {clinician.signed_name} on {us_date(note.signed_at)} "
            f"at {clock(note.signed_at.time())}"), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        pdf.rule()
        pdf.ln(2)
    path.write_bytes(bytes(pdf.output()))
    return start_pages

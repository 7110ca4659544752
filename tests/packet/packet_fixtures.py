"""Builders of real export files for the packet tests: a multi-page chart PDF (fpdf2) holding
two clients' notes and a psychotherapy note, DOCX notes, a psychotherapy note of its own, a
claims CSV and a plans CSV. All names and text are fictional. Distinctive phrases (the *_MARK
constants) let the tests prove which text reached which packet file."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


JANE = {"name": "Jane Smith", "dob": "04/12/1980", "id": "10442"}
ROBERT = {"name": "Robert Jones", "dob": "09/30/1975", "id": "20877"}
JANE_TWIN = {"name": "Jane Smith", "dob": "07/01/1992", "id": "55310"}

# Phrases that belong to exactly one note each.
JANE_0205_MARK = "practiced paced breathing before the Monday staff meeting"
JANE_0212_MARK = "rehearsed asking her manager for a quieter desk"
JANE_0212_TAIL_MARK = "agreed to log two worry episodes daily until next session"
ROBERT_MARK = "described the forklift near-miss at the warehouse"
JANE_0304_MARK = "celebrated finishing the night class certificate"
JANE_DOCX_MARK = "wrote three balanced thoughts about the performance review"
PSYCH_PDF_MARK = "dreamt of a flooded lighthouse and a locked blue door"
PSYCH_DOCX_MARK = "I noticed a protective countertransference when she spoke of her sister"
INTAKE_MARK = "reports panic episodes on the commuter train since the spring"
TWIN_MARK = "discussed her new apprenticeship at the bakery"

SIGNATURE = "Electronically signed by Dana Whitfield, LCSW on {date} 4:15 PM"


def progress_lines(client: dict, dos: str, body: list[str], *, title: str = "Progress Note",
                   signed: str | None = None, minutes: int = 53, cpt: str = "90837") -> list[str]:
    lines = [
        title,
        f"Client Name: {client['name']}    DOB: {client['dob']}    Client ID: {client['id']}",
        f"Date of Service: {dos}",
        "Clinician: Dana Whitfield, LCSW",
        f"Start Time: 10:00 AM    End Time: 10:{minutes:02d} AM    Total Time: {minutes} minutes",
        f"CPT Code: {cpt}",
        "Diagnosis: F41.1 Generalized anxiety disorder",
    ]
    lines += body
    if signed is not False:
        lines.append(SIGNATURE.format(date=signed or dos))
    return lines


def clinical_body(mark: str) -> list[str]:
    return [
        "Subjective: Client reports worry most days, poor sleep (5 hours) and missed work twice "
        "this month because of anxiety; she rates anxiety 7/10.",
        "Objective: Alert, oriented, anxious affect, speech normal. Denies SI/HI; no safety concerns.",
        f"Interventions: Cognitive restructuring and diaphragmatic breathing; client {mark}.",
        "Response: Client engaged well and identified two cognitive distortions.",
        "Progress: Goal 1 (reduce worry to 4/10) partially met; sleep improved by an hour.",
        "Plan: Continue weekly CBT; homework: thought record; next session in one week.",
    ]


def psychotherapy_lines(client: dict, dos: str, mark: str) -> list[str]:
    return [
        "Psychotherapy Note",
        f"Client Name: {client['name']}    DOB: {client['dob']}    Client ID: {client['id']}",
        f"Date of Service: {dos}",
        "Clinician: Dana Whitfield, LCSW",
        "Private process notes, kept separate from the medical record.",
        f"Client said she {mark}.",
        "My hypothesis: the door stands for the secret about her father; explore next time.",
        SIGNATURE.format(date=dos),
    ]


def pdf_pages(pages: list[list[str]]) -> bytes:
    """One PDF page per list of lines (Helvetica; fpdf2 wraps long lines)."""
    from fpdf import FPDF

    pdf = FPDF(format="Letter")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=10)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def docx_file(path: Path, lines: list[str]) -> None:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))


def chart_pages() -> list[list[str]]:
    """Six pages: Jane 02/05 (p1); Jane 02/12 (p2-p3) ending on p3 where Robert's 02/12 note
    starts (a shared page), Robert continues on p4; Jane 03/04 (p5, outside a February window);
    Jane's psychotherapy note of 02/12 (p6), stored inside the chart."""
    jane_0212 = progress_lines(JANE, "02/12/2024", clinical_body(JANE_0212_MARK))
    robert = progress_lines(ROBERT, "02/12/2024", clinical_body(ROBERT_MARK))
    return [
        progress_lines(JANE, "02/05/2024", clinical_body(JANE_0205_MARK)),
        jane_0212[:-2],
        [*jane_0212[-2:-1], f"Homework: client {JANE_0212_TAIL_MARK}.", jane_0212[-1], "", *robert[:6]],
        robert[6:],
        progress_lines(JANE, "03/04/2024", clinical_body(JANE_0304_MARK)),
        psychotherapy_lines(JANE, "02/12/2024", PSYCH_PDF_MARK),
    ]


@dataclass
class Export:
    root: Path
    chart: Path
    progress_docx: Path
    psych_docx: Path
    intake_docx: Path
    claims: Path
    plans: Path
    authorization: Path

    def hashes(self) -> dict[str, str]:
        """SHA-256 of every source the packet reads: the exports and the claims/plans inputs."""
        files = [*self.root.rglob("*"), *self.claims.parent.rglob("*")]
        return {str(p.relative_to(self.root.parent)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(files) if p.is_file()}


def build_export(base: Path) -> Export:
    root = base / "exports"
    root.mkdir(parents=True)
    chart = root / "chart_2024.pdf"
    chart.write_bytes(pdf_pages(chart_pages()))
    progress_docx = root / "Smith_Jane_2024-02-19.docx"
    docx_file(progress_docx, progress_lines(JANE, "02/19/2024", clinical_body(JANE_DOCX_MARK)))
    psych_docx = root / "private" / "Smith_Jane_process_2024-02-19.docx"
    psych_docx.parent.mkdir()
    docx_file(psych_docx, psychotherapy_lines(JANE, "02/19/2024", PSYCH_DOCX_MARK))
    intake_docx = root / "Smith_Jane_intake.docx"
    docx_file(intake_docx, [
        "Intake Assessment",
        f"Client Name: {JANE['name']}    DOB: {JANE['dob']}    Client ID: {JANE['id']}",
        "Date of Service: 01/08/2024",
        "Clinician: Dana Whitfield, LCSW",
        "CPT Code: 90791",
        f"Presenting problem: client {INTAKE_MARK}; worry interferes with work and sleep.",
        "Diagnosis: F41.1 Generalized anxiety disorder",
        "Recommendation: weekly individual CBT.",
        SIGNATURE.format(date="01/08/2024"),
    ])
    extra = base / "inputs"
    extra.mkdir()
    claims = extra / "claims.csv"
    claims.write_text(
        "Claim ID,Patient Name,Patient ID,Rendering Provider,Date of Service,CPT Code,Paid Amount,Payer\n"
        "C-1,\"Smith, Jane\",10442,Dana Whitfield,2024-02-05,90837,142.00,Optum\n"
        "C-2,\"Smith, Jane\",10442,Dana Whitfield,2024-02-12,90837,142.00,Optum\n"
        "C-3,\"Smith, Jane\",10442,Dana Whitfield,2024-02-19,90837,142.00,Optum\n"
        "C-4,\"Smith, Jane\",10442,Dana Whitfield,2024-02-26,90837,142.00,Optum\n"
        "C-5,\"Jones, Robert\",20877,Dana Whitfield,2024-02-12,90837,142.00,Optum\n",
        encoding="utf-8",
    )
    plans = extra / "plans.csv"
    plans.write_text(
        "Client Name,Client ID,Goal ID,Goal Text,Effective Date,Review Date,Signed\n"
        "Jane Smith,10442,1,Reduce worry from 7/10 to 4/10,2024-01-15,2024-07-15,Yes\n"
        "Jane Smith,10442,2,Sleep 7 hours on 5 nights a week,2024-01-15,2024-07-15,Yes\n"
        "Robert Jones,20877,1,Return to full shifts,2024-01-20,2024-07-20,Yes\n",
        encoding="utf-8",
    )
    authorization = extra / "authorization_jane_smith.pdf"
    authorization.write_bytes(pdf_pages([["Authorization to release psychotherapy notes",
                                          "Client: Jane Smith", "Signed 03/01/2024"]]))
    return Export(root, chart, progress_docx, psych_docx, intake_docx, claims, plans, authorization)



def pdf_page_texts(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        texts = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()


def page_pixels(data: bytes, index: int):
    """Page `index` (0-based) rendered to an RGB array at 1:1 scale."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        page = document[index]
        bitmap = page.render(scale=1)
        pixels = bitmap.to_numpy().copy()
        bitmap.close()
        page.close()
        return pixels
    finally:
        document.close()


def flat(text: str) -> str:
    """PDF text with line breaks and hyphenation joined, for phrase searches."""
    return " ".join(text.replace("\r", " ").replace("\n", " ").split())

"""Splitting a real multi-page chart PDF (written with fpdf2, read back with pypdfium2) whose
pages repeat a practice header, the client's name and date of birth, and a page-number footer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF

from auditready.ingest.split import split_document
from auditready.models import Document, DocumentPart
from fields_helpers import assert_spans_point_into

SESSIONS = [
    # (date of service, time, CPT, sentences of body, signed on)
    ("03/04/2025", "10:02 AM - 10:55 AM", "90837", 90, "03/05/2025 9:14 AM"),
    ("03/11/2025", "10:00-10:45 AM", "90834", 12, "03/11/2025 4:40 PM"),
    ("03/18/2025", "2pm-2:53pm", "90837", 120, None),
]


class _Chart(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", size=9)
        self.cell(0, 5, "Sunrise Counseling LLC - 100 Main St", new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 5, "Client: Jane Doe   DOB: 01/02/1980   MRN: 55123", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")


def _write_chart(path: Path) -> None:
    pdf = _Chart()
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    for n, (dos, time, cpt, sentences, signed) in enumerate(SESSIONS, start=1):
        pdf.set_font("Helvetica", "B", 12)
        pdf.cell(0, 7, "Psychotherapy Progress Note", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        header = f"Date of Service: {dos}\nTime: {time}\nClinician: John Smith, LPC\nCPT: {cpt}\nDiagnosis: F41.1"
        pdf.multi_cell(0, 5, header, new_x="LMARGIN", new_y="NEXT")
        body = " ".join(f"Session {n} sentence {k}: client practiced paced breathing and named triggers." for k in range(sentences))
        pdf.multi_cell(0, 5, "Subjective: " + body, new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 5, "Plan: continue weekly CBT.", new_x="LMARGIN", new_y="NEXT")
        if signed:
            pdf.multi_cell(0, 5, f"Electronically signed by John Smith, LPC on {signed}", new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.multi_cell(0, 5, "Signature: ____________________", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.output(str(path))


def _read_with_pdfium(path: Path) -> list[DocumentPart]:
    parts = []
    document = pdfium.PdfDocument(str(path))
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            parts.append(DocumentPart(textpage.get_text_range(), page=index + 1))
            textpage.close()
            page.close()
    finally:
        document.close()
    return parts


@pytest.fixture(scope="module")
def chart_parts(tmp_path_factory: pytest.TempPathFactory) -> list[DocumentPart]:
    path = tmp_path_factory.mktemp("pdf") / "chart.pdf"
    _write_chart(path)
    return _read_with_pdfium(path)


def test_the_pdf_really_has_running_headers_and_page_numbers(chart_parts: list[DocumentPart]) -> None:
    assert len(chart_parts) >= 4
    for part in chart_parts:
        assert "Sunrise Counseling LLC" in part.text
        assert f"Page {part.page} of {len(chart_parts)}" in part.text


def test_chart_pdf_splits_into_its_three_notes(chart_parts: list[DocumentPart]) -> None:
    notes = split_document(Document("charts/doe.pdf", "pdf", chart_parts))
    assert [n.id for n in notes] == ["charts/doe.pdf#1", "charts/doe.pdf#2", "charts/doe.pdf#3"]
    # Each note starts on the page where its date of service is printed.
    expected_pages = [
        next(p.page for p in chart_parts if f"Date of Service: {dos}" in p.text) for dos, *_ in SESSIONS
    ]
    assert [n.source.page for n in notes] == expected_pages
    assert [n.value("date_of_service") for n in notes] == [date(2025, 3, 4), date(2025, 3, 11), date(2025, 3, 18)]
    assert [(n.value("start"), n.value("end")) for n in notes] == [("10:02", "10:55"), ("10:00", "10:45"), ("14:00", "14:53")]
    assert [n.value("minutes") for n in notes] == [53, 45, 53]
    assert [n.value("cpt") for n in notes] == ["90837", "90834", "90837"]
    assert [n.value("signed_date") for n in notes] == [date(2025, 3, 5), date(2025, 3, 11), None]
    assert [n.value("signature_status") for n in notes] == ["signed", "signed", "unsigned"]
    assert all(n.value("declared_type") == "progress" for n in notes)
    assert all(n.value("client") == "Jane Doe" and n.value("client_id") == "55123" for n in notes)


def test_chart_pdf_notes_keep_their_pages_and_drop_page_numbers(chart_parts: list[DocumentPart]) -> None:
    notes = split_document(Document("charts/doe.pdf", "pdf", chart_parts))
    for note in notes:
        assert_spans_point_into(note.text, note.fields)
        assert "Page " not in note.text
        assert note.text.count("Sunrise Counseling LLC") <= 1
        assert note.page_starts[0] == (0, note.source.page)
        # Every body sentence lies on the page pdfium read it from.
        for offset, page in note.page_starts:
            line = note.text[offset:].split("\n", 1)[0]
            assert line in chart_parts[page - 1].text.replace("\r\n", "\n")
    # The long first and third notes run over more than one page.
    assert len(notes[0].page_starts) >= 2 and len(notes[2].page_starts) >= 2
    sentence = "Session 3 sentence 119"
    last_page = next(p.page for p in chart_parts if sentence in p.text)
    assert notes[2].page_at(notes[2].text.index(sentence)) == last_page

"""split_document on real Documents: multi-note charts with running headers and page
numbers, one note per page, multi-page notes, bodies without pages, and spreadsheet rows."""

from __future__ import annotations

from datetime import date

import pytest

from auditready.ingest.split import fields_from_columns, split_document
from auditready.models import Document, DocumentPart
from fields_helpers import assert_spans_point_into

HEADER = "Sunrise Counseling LLC\nClient: Jane Doe   DOB: 01/02/1980\n"


def _footer(page: int, pages: int) -> str:
    return f"\nConfidential - Page {page} of {pages}"


def _pages(*bodies: str) -> list[DocumentPart]:
    return [
        DocumentPart(HEADER + body + _footer(n, len(bodies)), page=n) for n, body in enumerate(bodies, start=1)
    ]


def _note(title: str, dos: str, cpt: str, body: str, signed: str | None) -> str:
    lines = [title, f"Date of Service: {dos}", "Time: 10:00-10:53", "Clinician: John Smith, LPC", f"CPT: {cpt}", body]
    if signed:
        lines.append(f"Electronically signed by John Smith, LPC on {signed} 09:00 AM")
    return "\n".join(lines)


def _check_note_invariants(notes) -> None:
    for note in notes:
        assert_spans_point_into(note.text, note.fields)
        assert note.page_starts == sorted(note.page_starts)
        if note.page_starts:
            assert note.page_starts[0] == (0, note.source.page)
        assert "Page " not in note.text  # page-number footers are dropped


def test_chart_with_running_headers_notes_spanning_pages() -> None:
    note1 = _note("Progress Note", "03/04/2025", "90837", "Subjective: sleep improved.\nPlan: continue CBT.", "03/05/2025")
    note2_start = _note("Progress Note", "03/11/2025", "90834", "Subjective: a stressful week at work and", None)
    note2_end = "continued worry about deadlines.\nPlan: practice breathing daily.\nElectronically signed by John Smith, LPC on 03/12/2025 10:00 AM"
    plan = "Treatment Plan\nDate of Service: 03/18/2025\nGoal 1: Reduce anxiety.\nGoal 2: Improve sleep.\nSignature: ____________"
    doc = Document("exports/chart.pdf", "pdf", _pages(note1 + "\n" + note2_start, note2_end, plan))
    notes = split_document(doc)
    _check_note_invariants(notes)
    assert [n.id for n in notes] == ["exports/chart.pdf#1", "exports/chart.pdf#2", "exports/chart.pdf#3"]
    assert [n.source.page for n in notes] == [1, 1, 3]
    assert [n.value("date_of_service") for n in notes] == [date(2025, 3, 4), date(2025, 3, 11), date(2025, 3, 18)]
    assert [n.value("declared_type") for n in notes] == ["progress", "progress", "treatment_plan"]
    assert [n.value("cpt") for n in notes] == ["90837", "90834", None]
    assert [n.value("signature_status") for n in notes] == ["signed", "signed", "unsigned"]
    assert notes[1].value("signed_date") == date(2025, 3, 12)
    # The second note runs onto page 2: evidence there maps to page 2.
    second = notes[1]
    assert [page for _, page in second.page_starts] == [1, 2]
    assert second.page_at(second.text.index("continued worry")) == 2
    assert second.page_at(second.text.index("Date of Service")) == 1
    # The running header is kept once per note, never counted as a note of its own.
    for note in notes:
        assert note.text.count("Sunrise Counseling LLC") <= 1
    assert all(n.format == "pdf" for n in notes)


def test_one_note_per_page_with_the_same_title_on_every_page() -> None:
    bodies = [
        _note("Progress Note", f"03/{day:02d}/2025", "90834", "Subjective: worry.\nPlan: continue.", f"03/{day + 1:02d}/2025")
        for day in (4, 11, 18, 25)
    ]
    notes = split_document(Document("one_per_page.pdf", "pdf", _pages(*bodies)))
    _check_note_invariants(notes)
    assert len(notes) == 4
    assert [n.source.page for n in notes] == [1, 2, 3, 4]
    assert [n.value("date_of_service").day for n in notes] == [4, 11, 18, 25]
    assert all(n.text.startswith("Sunrise Counseling LLC\nClient: Jane Doe") for n in notes)
    assert all(n.value("client") == "Jane Doe" for n in notes)


def test_unsigned_notes_one_per_page_split_on_the_date_of_service() -> None:
    bodies = [
        _note("Progress Note", f"04/{day:02d}/2025", "90834", "Subjective: worry.\nObjective: calm.\nPlan: continue.", None)
        for day in (1, 8, 15)
    ]
    notes = split_document(Document("unsigned.pdf", "pdf", _pages(*bodies)))
    assert [n.value("date_of_service").day for n in notes] == [1, 8, 15]
    assert all("signature_status" not in n.fields for n in notes)


def test_multi_page_note_with_title_repeated_on_every_page_is_one_note() -> None:
    page_header = "Progress Note\nClient: Jane Doe   DOB: 01/02/1980\n"
    pages = [
        DocumentPart(page_header + "Date of Service: 03/04/2025\nSubjective: " + "worry about work. " * 20 + "\nPage 1 of 3", page=1),
        DocumentPart(page_header + "Objective: " + "tense posture. " * 20 + "\nAssessment: anxiety elevated.\nPage 2 of 3", page=2),
        DocumentPart(page_header + "Plan: breathing practice.\nSigned by: John Smith, LPC 03/05/2025\nPage 3 of 3", page=3),
    ]
    notes = split_document(Document("long.pdf", "pdf", pages))
    assert len(notes) == 1
    note = notes[0]
    _check_note_invariants(notes)
    assert note.text.count("Progress Note") == 1
    assert [page for _, page in note.page_starts] == [1, 2, 3]
    assert note.page_at(note.text.index("Plan: breathing")) == 3
    assert note.value("signer") == "John Smith"
    assert note.value("date_of_service") == date(2025, 3, 4)


def test_per_note_header_on_each_page_of_two_page_notes() -> None:
    def part(n: int, dos: str, body: str) -> DocumentPart:
        return DocumentPart(f"Progress Note - {dos}\nClient: Jane Doe\n{body}\nPage {n} of 4", page=n)

    pages = [
        part(1, "03/04/2025", "Date of Service: 03/04/2025\nSubjective: slept poorly.\nObjective: tired."),
        part(2, "03/04/2025", "Assessment: depressed mood.\nPlan: activation.\nElectronically signed by A. Lee, LMFT on 03/04/2025"),
        part(3, "03/11/2025", "Date of Service: 03/11/2025\nSubjective: slept better.\nObjective: brighter."),
        part(4, "03/11/2025", "Assessment: improving.\nPlan: continue.\nElectronically signed by A. Lee, LMFT on 03/12/2025"),
    ]
    notes = split_document(Document("two_by_two.pdf", "pdf", pages))
    assert [n.source.page for n in notes] == [1, 3]
    assert [[p for _, p in n.page_starts] for n in notes] == [[1, 2], [3, 4]]
    assert [n.value("signed_date") for n in notes] == [date(2025, 3, 4), date(2025, 3, 12)]


def test_body_document_with_two_titled_notes() -> None:
    text = (
        "Intake Assessment\nDate: 02/01/2025\nClient: Ana Ruiz\nPresenting problem: panic attacks.\n"
        "History: none.\nDiagnosis: F41.0\nSigned: Lee Chan, LPCC 02/02/2025\n\n"
        "Progress Note\nDate: 02/08/2025\nClient: Ana Ruiz\nSubjective: fewer attacks.\nPlan: exposure hierarchy.\n"
    )
    notes = split_document(Document("ruiz.docx", "docx", [DocumentPart(text)]))
    _check_note_invariants(notes)
    assert [n.value("declared_type") for n in notes] == ["intake", "progress"]
    assert [n.value("date_of_service") for n in notes] == [date(2025, 2, 1), date(2025, 2, 8)]
    assert all(n.source.page is None and n.page_starts == [] for n in notes)
    assert notes[0].value("signer") == "Lee Chan"
    assert "signer" not in notes[1].fields


def test_notes_without_titles_split_on_a_new_date_of_service() -> None:
    text = (
        "Client: Ana Ruiz\nDate of Service: 02/01/2025\nSubjective: panic at work.\nPlan: breathing.\n"
        "Client: Ana Ruiz\nDate of Service: 02/08/2025\nSubjective: calmer.\nPlan: continue.\n"
    )
    notes = split_document(Document("ruiz.txt", "text", [DocumentPart(text)]))
    assert [n.value("date_of_service") for n in notes] == [date(2025, 2, 1), date(2025, 2, 8)]
    assert notes[1].text.startswith("Client: Ana Ruiz\nDate of Service: 02/08/2025")


def test_section_heading_inside_a_note_does_not_split_it() -> None:
    text = (
        "Progress Note\nDate of Service: 03/04/2025\nSubjective: anxious about a move.\nObjective: restless.\n"
        "Treatment Plan\nContinue weekly CBT; review goals next month.\n"
        "Psychotherapy Note\nClinician reflections on the transference.\n"
        "Signed by: Jane Doe, LCSW on 03/05/2025\n"
    )
    notes = split_document(Document("one.txt", "text", [DocumentPart(text)]))
    assert len(notes) == 1
    assert notes[0].value("declared_type") == "progress"


def test_single_note_without_a_title_is_one_note() -> None:
    text = "Client seen for individual therapy. Discussed coping skills.\nPlan: continue weekly.\n"
    notes = split_document(Document("plain.txt", "text", [DocumentPart(text)]))
    assert len(notes) == 1
    assert notes[0].id == "plain.txt#1"
    assert notes[0].text == text.strip()


def test_cover_page_joins_the_first_note() -> None:
    parts = [
        DocumentPart("Clinical Record Export\nClient: Jane Doe\nRecords: 2 notes", page=1),
        DocumentPart("Progress Note\nDate of Service: 03/04/2025\nSubjective: better.\nPlan: continue.\nSigned by: Jo Park, LPC 03/04/2025", page=2),
        DocumentPart("Progress Note\nDate of Service: 03/11/2025\nSubjective: same.\nPlan: continue.\nSigned by: Jo Park, LPC 03/11/2025", page=3),
    ]
    notes = split_document(Document("export.pdf", "pdf", parts))
    assert len(notes) == 2
    assert notes[0].source.page == 1
    assert notes[0].value("client") == "Jane Doe"
    assert notes[1].source.page == 3


def test_empty_document_has_no_notes() -> None:
    assert split_document(Document("blank.pdf", "pdf", [DocumentPart("  \n", page=1), DocumentPart("", page=2)])) == []


def test_crlf_and_form_feeds_are_line_breaks() -> None:
    text = "Progress Note\r\nDate of Service: 03/04/2025\r\nPlan: continue.\fMore text"
    notes = split_document(Document("crlf.txt", "text", [DocumentPart(text)]))
    assert len(notes) == 1
    assert "\r" not in notes[0].text and "\f" not in notes[0].text
    assert notes[0].value("date_of_service") == date(2025, 3, 4)


# ---- tabular rows ------------------------------------------------------------------------


def test_rows_become_notes_with_typed_column_fields() -> None:
    rows = [
        DocumentPart(
            "",
            row=2,
            columns={
                "text": "Client discussed grief. Session conducted in person. Dx F43.21.",
                "date_of_service": "2025-03-04 00:00:00",
                "clinician": "Jane Doe, LCSW",
                "client": "Ana Ruiz",
                "cpt": "90837.0",
                "start": "14:00:00",
                "end": "2:53 PM",
                "place_of_service": "10",
                "signed_date": "03/06/2025 4:12 PM",
                "diagnosis": "F43.21; Z63.4",
                "note_type": "Progress Note",
                "note_id": "1001",
            },
        ),
        DocumentPart(
            "",
            row=3,
            columns={
                "text": "Date of Service: 03/11/2025\nCPT: 90834-95\nTime: 10:00-10:45\nClient practiced exposure.",
                "clinician": "Sam Lee",
                "minutes": "45",
                "cpt": "",
            },
        ),
    ]
    notes = split_document(Document("notes.xlsx", "xlsx", rows, tabular=True))
    assert [n.id for n in notes] == ["notes.xlsx#1", "notes.xlsx#2"]
    assert [n.source.row for n in notes] == [2, 3]
    first, second = notes
    assert first.text.startswith("Client discussed grief")
    assert first.fields["date_of_service"].origin == "column:date_of_service"
    assert first.fields["date_of_service"].span is None
    assert first.value("date_of_service") == date(2025, 3, 4)
    assert first.value("clinician") == "Jane Doe" and first.value("credentials") == "LCSW"
    assert first.value("cpt") == "90837"
    assert (first.value("start"), first.value("end"), first.value("minutes")) == ("14:00", "14:53", 53)
    assert first.value("place_of_service") == "10" and first.value("telehealth") is True  # POS wins over text
    assert first.value("signed_date") == date(2025, 3, 6) and first.value("signed_time") == "16:12"
    assert first.value("diagnoses") == ["F43.21", "Z63.4"]
    assert first.value("declared_type") == "progress"
    assert first.value("note_id") == "1001"
    # Text fills what the columns lack; columns win where both exist.
    assert second.value("date_of_service") == date(2025, 3, 11)
    assert second.fields["date_of_service"].origin == "text"
    assert second.value("cpt") == "90834" and second.value("modifiers") == ["95"]
    assert second.value("minutes") == 45 and second.fields["minutes"].origin == "column:minutes"
    assert second.value("clock_minutes") == 45
    assert second.value("clinician") == "Sam Lee"
    for note in notes:
        assert_spans_point_into(note.text, note.fields)


def test_unreadable_cells_are_left_to_the_text() -> None:
    fields = fields_from_columns({"date_of_service": "sometime in March", "minutes": "about an hour", "cpt": "n/a"})
    assert fields == {}


def test_signer_column_status_words_and_names() -> None:
    assert fields_from_columns({"signer": "Unsigned"})["signature_status"].value == "unsigned"
    found = fields_from_columns({"signer": "Jane Doe LPC"})
    assert (found["signer"].value, found["signer_credentials"].value) == ("Jane Doe", "LPC")
    assert found["signature_status"].value == "signed"


def test_title_in_a_running_footer_never_starts_a_note() -> None:
    def part(n: int, body: str) -> DocumentPart:
        return DocumentPart(f"Sunrise Counseling\n{body}\nProgress Notes - Confidential\nPage {n} of 3", page=n)

    pages = [
        part(1, "Progress Note\nDate of Service: 03/04/2025\nSubjective: better.\nPlan: continue.\nSigned by: Jo Park, LPC 03/04/2025"),
        part(2, "Progress Note\nDate of Service: 03/11/2025\nSubjective: same.\nPlan: continue.\nSigned by: Jo Park, LPC 03/11/2025"),
        part(3, "Progress Note\nDate of Service: 03/18/2025\nSubjective: worse.\nPlan: safety plan.\nSigned by: Jo Park, LPC 03/18/2025"),
    ]
    notes = split_document(Document("footer.pdf", "pdf", pages))
    assert [n.source.page for n in notes] == [1, 2, 3]
    assert [[p for _, p in n.page_starts] for n in notes] == [[1], [2], [3]]
    assert [n.value("date_of_service").day for n in notes] == [4, 11, 18]


@pytest.mark.parametrize(
    ("cell", "cpt", "codes", "modifiers"),
    [
        ("90837", "90837", ["90837"], None),
        ("90837.0", "90837", ["90837"], None),
        ("90834-95", "90834", ["90834"], ["95"]),
        ("90834 GT", "90834", ["90834"], ["GT"]),
        ("90834 - HJ - U4", "90834", ["90834"], ["HJ", "U4"]),
        ("90785, 90834", "90834", ["90785", "90834"], None),
        ("H0004", "H0004", ["H0004"], None),
    ],
)
def test_cpt_column_cells(cell: str, cpt: str, codes: list[str], modifiers: list[str] | None) -> None:
    found = fields_from_columns({"cpt": cell})
    assert found["cpt"].value == cpt and found["cpt_codes"].value == codes
    assert (found["modifiers"].value if "modifiers" in found else None) == modifiers
    assert all(f.origin == "column:cpt" and f.span is None for f in found.values())


@pytest.mark.parametrize(
    ("column", "cell", "field", "value"),
    [
        ("date_of_service", "3/4/2025", "date_of_service", date(2025, 3, 4)),
        ("date_of_service", "2025-03-04 00:00:00", "date_of_service", date(2025, 3, 4)),
        ("dob", "January 2, 1980", "dob", date(1980, 1, 2)),
        ("start", "1900-01-01 14:00:00", "start", "14:00"),
        ("end", "2:53 PM", "end", "14:53"),
        ("minutes", "53.0", "minutes", 53),
        ("minutes", "53 min", "minutes", 53),
        ("diagnosis", "f41.1, F33.1", "diagnoses", ["F41.1", "F33.1"]),
        ("note_type", "SOAP Note", "declared_type", "progress"),
        ("note_type", "Psychotherapy Note", "declared_type", "psychotherapy"),
        ("place_of_service", "2", "place_of_service", "02"),
        ("place_of_service", "Office", "place_of_service", "office"),
        ("credentials", "lcsw", "credentials", "LCSW"),
        ("clinician", "Doe, Jane, LCSW", "clinician", "Doe, Jane"),
        ("client_id", "4471.0", "client_id", "4471"),
    ],
)
def test_column_cells_are_typed(column: str, cell: str, field: str, value: object) -> None:
    found = fields_from_columns({column: cell})
    assert found[field].value == value
    assert found[field].origin == f"column:{column}"


def test_text_export_header_names_the_client_of_every_note() -> None:
    text = (
        "CLINICAL NOTES EXPORT\nClient: Bennett Larkspur    DOB: 11/02/1979    Client ID: 00418\nNotes in this export: 3\n"
        "====\nPROGRESS NOTE\nDate of Service: 06/18/2025\nSUBJECTIVE:\nworried.\nPLAN:\ncontinue.\n"
        "Electronically signed by Juniper Ashcombe, LCSW on 06/18/2025\n====\n"
        "PROGRESS NOTE\nDate of Service: 07/02/2025\nSUBJECTIVE:\ncalmer.\nPLAN:\ncontinue.\n"
        "Electronically signed by Juniper Ashcombe, LCSW on 07/02/2025\n====\n"
        "PROGRESS NOTE\nClient: Other Person\nDate of Service: 07/09/2025\nSUBJECTIVE:\nnew client.\nPLAN:\nintake.\n"
    )
    notes = split_document(Document("export.txt", "text", [DocumentPart(text)]))
    assert [n.value("date_of_service").day for n in notes] == [18, 2, 9]
    assert [n.value("client") for n in notes] == ["Bennett Larkspur", "Bennett Larkspur", "Other Person"]
    assert [n.value("client_id") for n in notes] == ["00418", "00418", None]
    for note in notes:
        assert_spans_point_into(note.text, note.fields)


def test_docx_table_rows_split_on_a_new_date_of_service() -> None:
    text = (
        "Client\tJuno Calloway\nDate of Service\t04/08/2025\nStart Time\t3:00 PM\nEnd Time\t3:46 PM\n"
        "Subjective\nOne panic attack this week.\nPlan\nExposure practice.\n"
        "Client\tJuno Calloway\nDate of Service\t04/22/2025\nStart Time\t3:00 PM\nEnd Time\t3:50 PM\n"
        "Subjective\nNo panic attacks.\nPlan\nContinue.\n"
    )
    notes = split_document(Document("calloway.docx", "docx", [DocumentPart(text)]))
    assert [(n.value("date_of_service").day, n.value("minutes")) for n in notes] == [(8, 46), (22, 50)]
    assert all(n.value("client") == "Juno Calloway" for n in notes)


def test_signature_lines_are_recognized_in_every_layout() -> None:
    from auditready.ingest.fields import is_signature_line

    for line in (
        "Electronically signed by Jane Doe, LCSW on 03/06/2025",
        "Signature: Jane Doe, LCSW",
        "Signature\tJane Doe, LCSW",
        "Note signed and locked on 03/07/2025",
    ):
        assert is_signature_line(line, 0, len(line)), line
    for line in ("Signature: ________", "Signature\t[Clinician Signature]", "Client signed the release form today.", "Plan: continue."):
        assert not is_signature_line(line, 0, len(line)), line

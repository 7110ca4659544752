"""XLSX and CSV exports: header found under title rows, synonyms mapped, one part per row with
the row number a spreadsheet shows, and a clear reason when no note column exists."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from auditready.ingest.columns import ColumnMappingError


def _export_rows():
    return [
        ["Harbor Counseling - Progress notes export", None, None, None, None],
        ["Date range: 03/01/2024 - 03/31/2024", None, None, None, None],
        [None, None, None, None, None],
        ["Date of Service", "Client Name", "Rendering Provider", "Progress Note", "CPT Code"],
        [date(2024, 3, 4), "Ana Diaz", "Dana Reyes, LCSW", "Client reported less avoidance.", 90837],
        [None, None, None, None, None],
        [datetime(2024, 3, 5, 14, 0), "Ben Okafor", "Dana Reyes, LCSW", "Line one.\nLine two.", "90834"],
        [date(2024, 3, 6), "Cy Lee", None, "", 90832],
    ]


def test_xlsx_title_rows_above_the_header(tmp_path, make):
    data = make.xlsx({"Notes": _export_rows()})
    record, document = make.read_one(tmp_path, "export.xlsx", data)
    assert (record.status, record.format, record.reason) == ("parsed", "xlsx", "")
    assert document.tabular and document.format == "xlsx"
    assert [part.row for part in document.parts] == [5, 7, 8]  # the blank row 6 is skipped
    first, second, third = document.parts
    assert first.text == "Client reported less avoidance."
    assert first.columns == {
        "date_of_service": "2024-03-04",
        "client": "Ana Diaz",
        "clinician": "Dana Reyes, LCSW",
        "cpt": "90837",
    }
    assert first.sheet == "Notes" and first.page is None
    assert second.text == "Line one.\nLine two."
    assert second.columns["date_of_service"] == "2024-03-05 14:00"
    # A session row without a note stays (a missing note is an audit finding); its blank
    # clinician cell is absent rather than "".
    assert third.text == "" and "clinician" not in third.columns
    assert third.columns["cpt"] == "90832"


def test_xlsx_every_sheet_is_tried_and_sheets_without_notes_are_named(tmp_path, make):
    data = make.xlsx({
        "Summary": [["Clinician", "Sessions"], ["Dana Reyes", 12]],
        "March": [["DOS", "Narrative", "Provider"], ["2024-03-04", "March note.", "Dana Reyes"]],
        "April": [["Service Date", "Note", "Therapist", "Start Time"],
                  ["2024-04-01", "April note.", "Eli Park", time(9, 30)]],
    })
    record, document = make.read_one(tmp_path, "book.xlsx", data)
    assert record.status == "parsed"
    assert "sheets without a note column were ignored: 'Summary'" in record.reason
    assert [(part.sheet, part.row, part.text) for part in document.parts] == [
        ("March", 2, "March note."),
        ("April", 2, "April note."),
    ]
    assert document.parts[1].columns == {"date_of_service": "2024-04-01", "clinician": "Eli Park", "start": "09:30"}


def test_xlsx_formulas_are_not_evaluated(tmp_path, make):
    data = make.xlsx({"Notes": [["Date of Service", "Note", "Minutes"],
                                ["2024-03-04", "Session text.", "=40+13"]]})
    _, document = make.read_one(tmp_path, "formulas.xlsx", data)
    # openpyxl saves no cached result, and auditready never computes one.
    assert "minutes" not in document.parts[0].columns


def test_workbook_without_a_note_column_lists_headers_and_suggests_columns(tmp_path, make):
    data = make.xlsx({
        "Appointments": [["Client", "Date of Service", "CPT"], ["Ana Diaz", "2024-03-04", "90837"]],
        "Empty": [],
    })
    record, document = make.read_one(tmp_path, "appointments.xlsx", data)
    assert record.status == "skipped" and document is None
    assert "no note column found" in record.reason
    assert "sheet 'Appointments': Client, Date of Service, CPT" in record.reason
    assert "--columns" in record.reason
    assert "Ana Diaz" not in record.reason


def test_column_overrides_map_an_unguessable_note_column(tmp_path, make):
    data = make.xlsx({"Sheet1": [["Date of Service", "Clinical Summary"], ["2024-03-04", "Session text."]]})
    record, _ = make.read_one(tmp_path, "custom.xlsx", data)
    assert record.status == "skipped"
    record, document = make.read_one(
        tmp_path, "custom.xlsx", data, column_overrides={"notes": {"Clinical Summary": "text"}}
    )
    assert record.status == "parsed"
    assert document.parts[0].text == "Session text."
    with pytest.raises(ColumnMappingError):
        make.read_one(tmp_path, "custom.xlsx", data, column_overrides={"notes": {"Clinical Summary": "txt"}})


def test_header_with_nothing_below_it_is_skipped(tmp_path, make):
    record, _ = make.read_one(tmp_path, "header-only.csv", b"Date of Service,Note\r\n\r\n")
    assert record.status == "skipped"
    assert "no rows below the header" in record.reason


def test_cp1252_csv_with_other_column_names(tmp_path, make):
    content = (
        "Patient Name,Service Date,Therapist,Narrative,Billing Code,Time In,Time Out\r\n"
        "Zoë Martín,03/04/2024,Dana Reyes LCSW,Client’s mood improved; “less tense” — per client.,90837,2:00 PM,2:55 PM\r\n"
        "Ben Okafor,03/05/2024,Dana Reyes LCSW,Short note.,90834,3:00 PM,3:45 PM\r\n"
    )
    data = content.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    record, document = make.read_one(tmp_path, "export.csv", data)
    assert (record.status, record.format) == ("parsed", "csv")
    assert document.tabular
    assert [part.row for part in document.parts] == [2, 3]
    first = document.parts[0]
    assert first.text == "Client’s mood improved; “less tense” — per client."
    assert first.columns == {
        "client": "Zoë Martín",
        "date_of_service": "03/04/2024",
        "clinician": "Dana Reyes LCSW",
        "cpt": "90837",
        "start": "2:00 PM",
        "end": "2:55 PM",
    }


def test_csv_row_numbers_count_title_rows_blank_lines_and_multiline_cells(tmp_path, make):
    content = (
        "\ufeffNotes export\n"
        "\n"
        "DOS,Note,Clinician\n"
        '2024-03-04,"First line\nsecond line, with comma",Dana Reyes\n'
        "\n"
        "2024-03-05,Second note,Dana Reyes\n"
        "2024-03-06,Ragged row,Dana Reyes,extra cell\n"
    )
    record, document = make.read_one(tmp_path, "titled.csv", content.encode("utf-8"))
    assert record.status == "parsed"
    assert "1 rows had more cells than the header" in record.reason
    assert [(part.row, part.text) for part in document.parts] == [
        (4, "First line\nsecond line, with comma"),
        (6, "Second note"),
        (7, "Ragged row"),
    ]
    assert document.parts[2].columns == {"date_of_service": "2024-03-06", "clinician": "Dana Reyes"}


def test_semicolon_delimited_csv(tmp_path, make):
    content = "Datum;Date of Service;Note;Provider\n1;2024-03-04;Sitzung, kurz.;Dana Reyes\n"
    _, document = make.read_one(tmp_path, "euro.csv", content.encode("utf-8"))
    assert document.parts[0].text == "Sitzung, kurz."
    assert document.parts[0].columns == {"date_of_service": "2024-03-04", "clinician": "Dana Reyes"}


def test_csv_without_note_column(tmp_path, make):
    content = "Claim ID,Date of Service,Paid\nC1,2024-03-04,100.00\n"
    record, _ = make.read_one(tmp_path, "claims.csv", content.encode("utf-8"))
    assert record.status == "skipped"
    assert "no note column found (headers seen: Claim ID, Date of Service, Paid)" in record.reason
    assert "--columns" in record.reason


def test_corrupt_and_disguised_workbooks(tmp_path, make):
    data = make.xlsx({"Notes": _export_rows()})
    record, _ = make.read_one(tmp_path, "cut.xlsx", data[:2000])
    assert record.status == "error" and "corrupt or truncated Excel file" in record.reason
    html = b"<html><body><table><tr><td>Note</td></tr></table></body></html>"
    record, _ = make.read_one(tmp_path, "report.xlsx", html)
    assert record.status == "error"
    assert "HTML page with a .xlsx name" in record.reason and "CSV" in record.reason

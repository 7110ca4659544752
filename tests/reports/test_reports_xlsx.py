"""audit.xlsx reopened with openpyxl: sheets, layout, and untrusted text kept as text."""

from __future__ import annotations

import openpyxl
import pytest

from auditready.models import Span
from auditready.reports.summaries import build_summaries
from auditready.reports.xlsx_report import render_xlsx

FORMULAS = ['=HYPERLINK("http://evil.example","click")', "+1+1", "-2+3", "@SUM(A1:A2)", "=cmd|' /C calc'!A0"]


@pytest.fixture
def workbook(claims_result, default_fees, tmp_path):
    note = claims_result.notes[0]
    note.client = FORMULAS[0]
    failed = next(f for f in note.findings if f.status == "fail")  # the Findings sheet lists failures
    failed.message = FORMULAS[1]
    failed.evidence = [Span(0, 4, FORMULAS[2])]
    failed.fix = FORMULAS[3]
    claims_result.inputs[0].reason = FORMULAS[4]
    claims_result.claims[0].claim_id = FORMULAS[4]
    build_summaries(claims_result, fees=default_fees)
    path = tmp_path / "audit.xlsx"
    render_xlsx(claims_result, path)
    book = openpyxl.load_workbook(path)
    yield book
    book.close()


def _column(sheet, title):
    header = [cell.value for cell in sheet[1]]
    index = header.index(title)
    return [row[index] for row in sheet.iter_rows(min_row=2)]


def test_sheets_and_layout(workbook):
    assert workbook.sheetnames == ["Summary", "Clinicians", "Notes", "Findings", "Claims", "Inputs"]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
        assert sheet["A1"].font.bold
        assert sheet.column_dimensions["A"].width >= 8
    notes = workbook["Notes"]
    rules = [(str(range_.sqref), rule.formula[0]) for range_ in notes.conditional_formatting for rule in range_.rules]
    assert any(formula == '"fail"' for _, formula in rules) and any(formula == '"pass"' for _, formula in rules)


def test_formula_looking_text_stays_text(workbook):
    notes, findings = workbook["Notes"], workbook["Findings"]
    client = _column(notes, "client")[0]
    assert client.value == FORMULAS[0] and client.data_type == "s"
    row = next(r for r in findings.iter_rows(min_row=2) if r[0].value == "exports/Quintanilla_Marisol.pdf#1")
    header = [c.value for c in findings[1]]
    for title, expected in (("message", FORMULAS[1]), ("evidence", FORMULAS[2]), ("fix", FORMULAS[3])):
        cell = row[header.index(title)]
        assert cell.value == expected and cell.data_type == "s", title
    reason = _column(workbook["Inputs"], "reason")
    assert any(c.value == FORMULAS[4] and c.data_type == "s" for c in reason)
    claim_id = _column(workbook["Claims"], "claim id")[0]
    assert claim_id.value == FORMULAS[4] and claim_id.data_type == "s"
    # No cell anywhere became a formula.
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)


def test_one_column_per_criterion_and_typed_numbers(workbook):
    notes = workbook["Notes"]
    header = [c.value for c in notes[1]]
    assert {"time_documented", "time_supports_code", "signature", "goal_linkage"} <= set(header)
    first = {h: c for h, c in zip(header, next(notes.iter_rows(min_row=2)), strict=True)}
    assert first["time_supports_code"].value == "fail" and first["time_documented"].value == "pass"
    assert first["signature"].value is None  # not judged on that note
    assert first["exposure $"].value == 45.49 and first["exposure $"].number_format.startswith('"$"')
    assert first["date of service"].is_date
    clinicians = workbook["Clinicians"]
    assert [c.value for c in clinicians["A"][1:]] == ["Dr. Samuel Okafor, PsyD", "Dana Whitfield, LCSW"]


def test_findings_sheet_lists_every_failure(workbook, claims_result):
    failures = sum(f.status == "fail" for n in claims_result.notes for f in n.findings)
    statuses = [c.value for c in _column(workbook["Findings"], "status")]
    assert statuses == ["fail"] * failures


def test_control_characters_do_not_break_the_workbook(notes_result, default_fees, tmp_path):
    next(f for f in notes_result.notes[0].findings if f.status == "fail").message = "bad\x00byte\x0bhere"
    build_summaries(notes_result, fees=default_fees)
    render_xlsx(notes_result, tmp_path / "a.xlsx")
    book = openpyxl.load_workbook(tmp_path / "a.xlsx", read_only=True)
    messages = [row[7] for row in book["Findings"].iter_rows(min_row=2, values_only=True)]
    book.close()
    assert "badbytehere" in messages

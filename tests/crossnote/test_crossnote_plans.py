"""Plans files: CSV/XLSX tables (per goal, per plan), DOCX/PDF/text plan documents, folders."""

from __future__ import annotations

from datetime import date, datetime

import docx
import openpyxl
import pytest
from fpdf import FPDF

from auditready.crossnote.plans import load_plans, parse_goals, parse_plan_text, plan_signed
from auditready.models import ERROR, PARSED, SKIPPED

from conftest import EXTERNAL_NOTES


def _goals(plan):
    return [(g.kind, g.goal_id, g.text) for g in plan.goals]


def test_csv_with_one_row_per_goal_groups_rows_into_plans(tmp_path):
    path = tmp_path / "plans.csv"
    path.write_text(
        "Treatment plan export,,,,,,\n"
        "Generated 2024-06-30,,,,,,\n"
        ",,,,,,\n"
        "Client Name,Client ID,Plan Date,Review Date,Signed,Goal #,Goal Description\n"
        "\"SMITH, JOHN A.\",000123,01/10/2024,04/10/2024,Yes,Goal 1,Reduce panic attacks to one per week\n"
        ",,,,,Objective 1b,Practice paced breathing daily\n"
        ",,,,,2,Return to driving on the highway\n"
        "Mary Jones,000456,2024-02-01,,Draft,1,Improve sleep to seven hours a night\n"
        "\"SMITH, JOHN A.\",000123,04/12/2024,07/12/2024,Signed,1,Reduce panic attacks to zero per month\n",
        encoding="utf-8",
    )
    result = load_plans(path)
    assert [(r.path, r.status, r.notes) for r in result.inputs] == [("plans.csv", PARSED, 3)]
    first, mary, renewal = result.plans
    assert (first.client, first.client_id, first.effective, first.review_by, first.signed) == (
        "SMITH, JOHN A.", "000123", date(2024, 1, 10), date(2024, 4, 10), True,
    )
    assert _goals(first) == [
        ("goal", "1", "Reduce panic attacks to one per week"),
        ("objective", "1b", "Practice paced breathing daily"),
        ("goal", "2", "Return to driving on the highway"),
    ]
    assert first.source.path == "plans.csv" and first.source.row == 5
    assert (mary.signed, mary.review_by, _goals(mary)) == (False, None, [("goal", "1", "Improve sleep to seven hours a night")])
    assert renewal.effective == date(2024, 4, 12) and renewal.signed


def test_xlsx_with_one_row_per_plan_splits_the_goal_cell(tmp_path):
    path = tmp_path / "plans.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Patient", "MRN", "Effective Date", "Expiration", "Status", "Goals"])
    sheet.append([
        "Jones, Mary", 456, datetime(2024, 2, 1), datetime(2024, 8, 1), "Signed",
        "1. Improve sleep to seven hours a night\n2. Return to work half days\n  a. Contact employer about schedule",
    ])
    sheet.append(["Lee, Ann", "789", "2024-03-05", None, "Pending signature", "Goal 1: Reduce binge eating episodes"])
    book.save(path)
    result = load_plans(path)
    assert result.inputs[0].status == PARSED and result.inputs[0].format == "xlsx"
    jones, lee = result.plans
    assert (jones.client_id, jones.effective, jones.review_by, jones.signed) == ("456", date(2024, 2, 1), date(2024, 8, 1), True)
    assert _goals(jones) == [
        ("goal", "1", "Improve sleep to seven hours a night"),
        ("goal", "2", "Return to work half days"),
        ("objective", "2a", "Contact employer about schedule"),
    ]
    assert (lee.signed, _goals(lee)) == (False, [("goal", "1", "Reduce binge eating episodes")])


def test_column_overrides_map_unusual_headers(tmp_path):
    path = tmp_path / "plans.csv"
    path.write_text("Kid,Start,Aim No,Aim\nAnn Lee,03/05/2024,1,Attend school five days a week\n", encoding="utf-8")
    assert load_plans(path).inputs[0].status == SKIPPED
    result = load_plans(path, {"plans": {"Kid": "client", "Start": "effective", "Aim No": "goal_id", "Aim": "goal_text"}})
    assert _goals(result.plans[0]) == [("goal", "1", "Attend school five days a week")]
    assert result.plans[0].effective == date(2024, 3, 5)


def _write_docx_plan(path, signature_line: str):
    document = docx.Document()
    document.add_heading("Individualized Treatment Plan", level=1)
    table = document.add_table(rows=2, cols=4)
    for row, cells in zip(table.rows, [("Client Name", "Whitfield, Ann", "Client ID", "000321"),
                                       ("Effective Date", "01/15/2024", "Review Date", "04/15/2024")]):
        for cell, value in zip(row.cells, cells):
            cell.text = value
    document.add_paragraph("Diagnosis: F41.1 Generalized anxiety disorder")
    document.add_paragraph("Goals and Objectives")
    document.add_paragraph("Goal 1: Reduce worry to less than one hour per day")
    document.add_paragraph("Objective 1a: Use a worry postponement period each evening")
    document.add_paragraph("Objective 1b: Challenge catastrophic predictions with thought records")
    document.add_paragraph("Goal 2: Resume social contact with two friends each month")
    document.add_paragraph("Interventions: CBT, exposure, problem solving")
    document.add_paragraph(signature_line)
    document.save(path)


def test_docx_plan_reads_header_table_goals_and_signature(tmp_path):
    path = tmp_path / "whitfield_plan.docx"
    _write_docx_plan(path, "Electronically signed by Dana Whitfield, LCSW on 01/15/2024 10:02")
    result = load_plans(path)
    assert result.inputs[0].status == PARSED
    (plan,) = result.plans
    assert (plan.client, plan.client_id, plan.effective, plan.review_by, plan.signed) == (
        "Whitfield, Ann", "000321", date(2024, 1, 15), date(2024, 4, 15), True,
    )
    assert [(g.kind, g.goal_id) for g in plan.goals] == [("goal", "1"), ("objective", "1a"), ("objective", "1b"), ("goal", "2")]
    assert plan.goals[2].text == "Challenge catastrophic predictions with thought records"


def test_docx_plan_with_a_blank_signature_placeholder_is_unsigned(tmp_path):
    path = tmp_path / "draft.docx"
    _write_docx_plan(path, "Clinician Signature: ______________________")
    assert load_plans(path).plans[0].signed is False


def test_pdf_plan(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in [
        "TREATMENT PLAN", "Patient: Carlos Rivera    MRN: 55012", "Plan Date: 2024-05-02",
        "Next Review: 2024-08-02", "Problems / Goals", "1. Decrease panic attacks to fewer than one per week",
        "2. Drive to work without a passenger", "Provider Signature: Dana Whitfield, LCSW",
        "Client signature: ________",
    ]:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "rivera.pdf"
    pdf.output(str(path))
    (plan,) = load_plans(path).plans
    assert plan.client.startswith("Carlos Rivera") and plan.effective == date(2024, 5, 2)
    assert plan.review_by == date(2024, 8, 2) and plan.signed
    assert [(g.goal_id, g.text) for g in plan.goals] == [
        ("1", "Decrease panic attacks to fewer than one per week"), ("2", "Drive to work without a passenger"),
    ]
    assert plan.source.page == 1


@pytest.mark.parametrize(
    ("lines", "signed"),
    [
        ("Electronically signed by Dana Whitfield, LCSW", True),
        ("Clinician Signature: Dana Whitfield, LCSW", True),
        ("Signed by: /s/ D. Whitfield", True),
        ("Clinician signature date: 01/16/2024", True),
        ("Clinician Signature: [signature]", False),
        ("Clinician Signature: ________ Date: ____", False),
        ("Client signature: John Smith", False),
        ("Status: Draft - not signed", False),
        ("Signature: pending", False),
        ("", False),
    ],
)
def test_signature_detection(lines, signed):
    assert plan_signed(f"Treatment Plan\nClient: John Smith\n{lines}\n") is signed


def test_text_plan_with_numbered_sections_and_goal_detail_lines():
    text = (
        "Client: Ann Lee\nDate: 03/05/2024\nProblem List:\n"
        "1. Binge eating episodes\n   Target Date: 06/01/2024\n"
        "2. Low mood\nShort-term objectives:\n1.1 Log meals daily\n1.2 Use urge surfing\n"
        "Frequency: weekly 53 minutes\n3. Not a goal (this list belongs to frequency)\n"
    )
    plan = parse_plan_text(text)
    assert plan.effective == date(2024, 3, 5)  # a bare "Date:" is the plan date when nothing better is given
    assert [(g.kind, g.goal_id, g.text) for g in plan.goals] == [
        ("goal", "1", "Binge eating episodes"), ("goal", "2", "Low mood"),
        ("objective", "1.1", "Log meals daily"), ("objective", "1.2", "Use urge surfing"),
    ]


def test_numbered_lists_outside_goal_sections_are_not_goals():
    assert parse_goals("Interventions:\n1. CBT\n2. Exposure\nDischarge criteria:\n1. Goals met\n") == []


def test_external_plan_fixture_is_read_with_goals_objectives_and_no_signature():
    text = (EXTERNAL_NOTES / "P020_ehr-fixture-treatment-plan-anxiety-depression.txt").read_text(encoding="utf-8")
    plan = parse_plan_text(text)
    assert [g.goal_id for g in plan.goals if g.kind == "goal"] == ["1", "2", "3", "4"]
    assert [g.goal_id for g in plan.goals if g.kind == "objective"] == ["1", "2", "3", "4", "5", "6"]
    assert plan.signed is False and plan.effective is None
    # Sub-bullets join their goal's wording, so the wording can be matched against notes.
    assert "sleep latency" in next(g.text for g in plan.goals if g.kind == "goal" and g.goal_id == "4").lower()


def test_folder_lists_every_file_with_status_and_reason(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "a.txt").write_text("Client: Ann Lee\nEffective Date: 03/05/2024\nGoal 1: Attend school daily\n", encoding="utf-8")
    (folder / "b.csv").write_text("Client,Effective,Goal,Goal Text\nBo Park,2024-01-02,1,Sleep seven hours\n", encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"<html>login page</html>")
    (folder / "scan.jpg").write_bytes(b"\xff\xd8\xff")
    (folder / "notes.txt").write_text("Meeting notes about parking.\n", encoding="utf-8")
    result = load_plans(folder)
    rows = {record.path: (record.status, record.notes) for record in result.inputs}
    assert rows == {
        "plans/a.txt": (PARSED, 1), "plans/b.csv": (PARSED, 1), "plans/broken.pdf": (ERROR, 0),
        "plans/notes.txt": (SKIPPED, 0), "plans/scan.jpg": (SKIPPED, 0),
    }
    reasons = {record.path: record.reason for record in result.inputs}
    assert "HTML" in reasons["plans/broken.pdf"]
    assert "no treatment plan" in reasons["plans/notes.txt"]
    assert sorted(p.client for p in result.plans) == ["Ann Lee", "Bo Park"]


def test_a_plans_table_without_goal_columns_is_marked_and_said_so(tmp_path):
    path = tmp_path / "plan_dates.csv"
    path.write_text("Client,Client ID,Effective Date,Review Date,Signed\nAnn Lee,789,2024-03-05,2024-06-05,Y\n", encoding="utf-8")
    result = load_plans(path)
    (plan,) = result.plans
    assert plan.goals == [] and plan.goals_listed is False and plan.signed
    assert "no goal columns: goal linkage is judged from the notes alone" in result.inputs[0].reason


def test_plans_that_cannot_be_matched_or_dated_are_named_in_the_reason(tmp_path):
    path = tmp_path / "P020.txt"
    path.write_text((EXTERNAL_NOTES / "P020_ehr-fixture-treatment-plan-anxiety-depression.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (record,) = load_plans(path).inputs
    assert record.status == PARSED
    assert "1 without a client name or id" in record.reason and "1 without an effective date" in record.reason


def test_text_plan_with_several_labels_on_one_line(tmp_path):
    path = tmp_path / "smith_plan.txt"
    path.write_text(
        "Treatment Plan\n"
        "Client Name: Jane Smith    Client ID: 10442\n"
        "Effective Date: 01/05/2025\nReview Date: 07/05/2025\n"
        "Goal 1: Sleep at least six hours on five nights a week\n"
        "Electronically signed by Dana Whitfield, LCSW on 01/05/2025 10:02\n",
        encoding="utf-8",
    )
    (plan,) = load_plans(path).plans
    assert (plan.client, plan.client_id) == ("Jane Smith", "10442")

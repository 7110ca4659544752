"""Claims files (CSV/XLSX) and reconciliation of each claim line with the notes."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest

from auditready.crossnote.claims import load_claims, reconcile
from auditready.models import PARSED, SKIPPED, UNSUPPORTED, SUPPORTED

from conftest import TIME_BANDS, build_note

DOS = date(2024, 3, 14)


def test_csv_claims_with_title_rows_money_formats_blanks_and_units(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_text(
        "Claims Report - Whitfield Counseling\n"
        "Date range: 03/01/2024 - 03/31/2024\n"
        "\n"
        "Claim #,Patient Name,Patient ID,DOS,Rendering Provider,CPT Code,Units,Billed Amount,Paid Amount,POS\n"
        "C-1,\"SMITH, JOHN A.\",000123,03/14/2024,\"Whitfield, Dana LCSW\",90837-95,,\"$1,234.50\",$154.29,02\n"
        "C-2,Mary Jones,456,2024-03-15,Dana Whitfield,90834,2,$200.00,(12.00),11\n"
        "C-3,Ann Lee,789,3/16/24,Dana Whitfield,90832,1,$90.00,,\n"
        "C-4,Bo Park,790,not a date,Dana Whitfield,90834,1,$90.00,$0.00,\n"
        "Total,,,,,,,\"$1,524.50\",$142.29,\n",
        encoding="utf-8",
    )
    result = load_claims(path)
    (record,) = result.inputs
    assert record.status == PARSED and record.notes == 3
    assert "1 rows skipped: a totals row" in record.reason and "1 rows skipped: no readable date of service" in record.reason
    first, second, third = result.claims
    assert (first.claim_id, first.client, first.client_id, first.date_of_service, first.cpt, first.modifiers) == (
        "C-1", "SMITH, JOHN A.", "000123", DOS, "90837", "95",
    )
    assert (first.billed, first.paid, first.units, first.place_of_service) == (1234.5, 154.29, 1, "02")
    assert (second.units, second.paid, second.date_of_service) == (2, -12.0, date(2024, 3, 15))
    assert (third.paid, third.date_of_service) == (None, date(2024, 3, 16))
    assert first.source.path == "claims.csv" and first.source.row == 5


def test_xlsx_claims_with_date_cells_and_synthesized_claim_ids(tmp_path):
    path = tmp_path / "claims.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Member", "Service Date", "Procedure Code", "Insurance Paid", "Provider"])
    sheet.append(["Jones, Mary", datetime(2024, 3, 15, 0, 0), 90834, 104.16, "Dana Whitfield"])
    book.save(path)
    (claim,) = load_claims(path).claims
    assert (claim.client, claim.date_of_service, claim.cpt, claim.paid) == ("Jones, Mary", date(2024, 3, 15), "90834", 104.16)
    assert claim.claim_id == "claims.xlsx:2"


def test_a_table_without_claim_columns_is_skipped_with_a_reason(tmp_path):
    path = tmp_path / "appointments.csv"
    path.write_text("Room,Color\n1,blue\n", encoding="utf-8")
    (record,) = load_claims(path).inputs
    assert record.status == SKIPPED and "no claims header row" in record.reason and "--columns" in record.reason


# ------------------------------------------------------------------------------ reconcile


def note(note_id, client="John Smith", dos=DOS, clinician="Dana Whitfield, LCSW", **fields):
    text = f"Client: {client}\nDate of Service: {dos.strftime('%m/%d/%Y')}\nClinician: {clinician}\nSession note."
    return build_note(note_id, text, client=client, date_of_service=dos, clinician=clinician, **fields)


def claim(claim_id="C-1", client="SMITH, JOHN A.", client_id="", cpt="90834", paid=104.16, units=1, dos=DOS,
          clinician="Whitfield, Dana", pos=""):
    from auditready.models import Claim

    return Claim(claim_id, client, clinician, dos, cpt, paid=paid, units=units, client_id=client_id, place_of_service=pos)


def run(claims, notes, types=None, verdicts=None):
    types = types or {n.id: "progress" for n in notes}
    verdicts = verdicts or {n.id: SUPPORTED for n in notes}
    return reconcile(claims, notes, types, verdicts, time_bands=TIME_BANDS)


def test_claim_matches_a_note_despite_name_and_id_spelling():
    notes = [note("n1", client="John Smith", client_id="123", start="10:00", end="10:50", cpt="90834")]
    (result,) = run([claim(client="SMITH, JOHN A.", client_id="000123")], notes)
    assert (result.status, result.note_id, result.supported_cpt) == ("matched", "n1", "90834")
    assert result.date_of_service == "2024-03-14" and result.exposure is None


def test_no_note_for_the_client_and_date():
    claims = [claim(dos=date(2024, 3, 13)), claim("C-2", client="Mary Jones", dos=date(2024, 3, 15))]
    (result, _mary, unbilled) = run(claims, [note("n1")])
    assert (result.status, result.note_id) == ("no_note", None)
    assert unbilled.status == "no_claim" and unbilled.note_id == "n1" and unbilled.claim_id == ""


def test_a_note_by_another_clinician_does_not_support_the_claim():
    (result,) = run([claim(clinician="Pat Rivera, LPC")], [note("n1")])[:1]
    assert result.status == "no_note" and "another clinician" in result.detail


def test_a_psychotherapy_note_never_supports_a_claim():
    notes = [note("p1")]
    (result,) = run([claim()], notes, types={"p1": "psychotherapy"})
    assert (result.status, result.note_id) == ("psychotherapy_note_only", "p1")
    assert result.supported_cpt is None


def test_a_progress_note_is_preferred_over_a_psychotherapy_note_the_same_day():
    notes = [note("p1"), note("n2", start="10:00", end="10:50")]
    (result,) = run([claim()], notes, types={"p1": "psychotherapy", "n2": "progress"})
    assert (result.status, result.note_id) == ("matched", "n2")


@pytest.mark.parametrize(
    ("minutes", "billed", "supported"),
    [(45, "90837", "90834"), (30, "90837", "90832"), (10, "90834", None), (25, "90839", "90832")],
)
def test_code_not_supported_by_time(minutes, billed, supported):
    (result,) = run([claim(cpt=billed)], [note("n1", minutes=minutes, cpt=billed)])
    assert result.status == "code_not_supported_by_time"
    assert result.supported_cpt == supported
    assert f"{minutes} minutes" in result.detail and billed in result.detail


def test_time_at_or_above_the_band_supports_the_billed_code():
    (result,) = run([claim(cpt="90834")], [note("n1", start="09:00", end="10:00")])
    assert result.status == "matched" and result.supported_cpt == "90834"


def test_untimed_codes_are_never_downcoded():
    (result,) = run([claim(cpt="90853")], [note("n1", minutes=5)])
    assert result.status == "matched"


def test_more_than_one_unit_on_a_line():
    (result,) = run([claim(units=2)], [note("n1", minutes=50)])
    assert result.status == "units_over_one" and result.units == 2 and "2 units of 90834" in result.detail


def test_a_second_psychotherapy_line_the_same_day_is_units_over_one():
    notes = [note("n1", minutes=50)]
    first, second = run([claim("C-1"), claim("C-2", cpt="90832")], notes)
    assert first.status == "matched"
    assert second.status == "units_over_one" and "2 units of 90832-90838" in second.detail


def test_partial_hospitalization_is_exempt_from_one_unit_per_day():
    (result,) = run([claim(units=2, pos="52")], [note("n1", minutes=50)])
    assert result.status == "matched"


def test_denied_claims_are_reported_with_what_else_was_wrong():
    (result,) = run([claim(paid=0.0, dos=date(2024, 3, 13))], [note("n1", dos=date(2024, 3, 13), minutes=50)])
    assert result.status == "denied" and result.note_id == "n1"
    (result,) = run([claim(paid=0.0, dos=date(2024, 3, 13))], [note("n1")])
    assert result.status == "denied" and "no note" in result.detail


def test_unbilled_notes_are_listed_only_inside_the_claims_date_range():
    notes = [
        note("billed", minutes=50),
        note("unbilled", client="Mary Jones", dos=date(2024, 3, 20)),
        note("before", client="Mary Jones", dos=date(2024, 1, 5)),
        note("process", client="Ann Lee", dos=date(2024, 3, 15)),
    ]
    types = {"billed": "progress", "unbilled": "progress", "before": "progress", "process": "psychotherapy"}
    results = run([claim(), claim("C-2", client="Ann Lee", dos=date(2024, 3, 25))], notes, types=types)
    unbilled = [r for r in results if r.status == "no_claim"]
    assert [r.note_id for r in unbilled] == ["unbilled"]
    assert unbilled[0].client == "Mary Jones" and unbilled[0].paid is None


def test_two_claims_for_two_sessions_the_same_day_take_two_notes():
    notes = [
        note("morning", minutes=50, cpt="90834"),
        note("evening", minutes=50, cpt="90834", clinician="Pat Rivera, LPC"),
    ]
    results = run([claim("C-1", clinician=""), claim("C-2", clinician="")], notes)
    assert sorted(r.note_id for r in results) == ["evening", "morning"]


def test_verdict_breaks_ties_between_candidate_notes():
    notes = [note("a-weak", minutes=50), note("b-good", minutes=50)]
    (result,) = run([claim()], notes, verdicts={"a-weak": UNSUPPORTED, "b-good": SUPPORTED})[:1]
    assert result.note_id == "b-good"


def test_precomputed_supported_code_answers_for_the_notes_own_code():
    notes = [note("n1", minutes=45, cpt="90837")]
    (result,) = reconcile([claim(cpt="90837")], notes, {"n1": "progress"}, {"n1": SUPPORTED}, {"n1": "90834"})
    assert result.status == "code_not_supported_by_time" and result.supported_cpt == "90834"
    (result,) = reconcile([claim(cpt="90837")], notes, {"n1": "progress"}, {"n1": SUPPORTED})
    assert result.status == "matched"  # no bands and no precomputed code: time is not judged here


def test_each_line_takes_the_note_documenting_its_code_and_an_add_on_shares_it():
    notes = [note("long", minutes=55, cpt="90837"), note("short", minutes=45, cpt="90834", clinician="Dana Whitfield")]
    results = run([claim("C-1", cpt="90834"), claim("C-2", cpt="90837", paid=154.29), claim("C-3", cpt="90785", paid=14.23)], notes)
    assert [(r.claim_id, r.note_id) for r in results] == [("C-1", "short"), ("C-2", "long"), ("C-3", "long")]

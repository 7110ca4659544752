"""Exposure arithmetic against hand-computed cases (DESIGN.md "Exposure", money.md §3, §5, §6)."""

from __future__ import annotations

import pytest

from auditready.exposure import (
    FeeTableError,
    assign_exposures,
    claim_exposure,
    default_fee_table,
    load_fees,
    note_exposure,
    supported_code,
)
from auditready.models import ClaimResult, Finding, Locator, NoteResult

DEFAULT_LABEL = "Medicare 2025 national non-facility, CMS PFS PPRRVU2025_Oct"

# money.md §5, NF $ column and the 75% column.
MONEY_MD_TABLE = {
    "90791": (166.91, 125.18), "90832": (78.93, 59.20), "90834": (104.16, 78.12), "90837": (154.29, 115.72),
    "90839": (148.47, 111.35), "90840": (72.78, 54.59), "90846": (98.66, 74.00), "90847": (102.86, 77.14),
    "90853": (28.14, 21.11), "90785": (14.23, 10.67),
}


def test_default_table_matches_money_md(default_fees):
    assert default_fees.source == DEFAULT_LABEL
    for code, (full, reduced) in MONEY_MD_TABLE.items():
        assert default_fees.fee(code) == full
        assert default_fees.fee(code, "LCSW") == reduced
    # money.md §5 "NF also"
    assert default_fees.fee("90838") == 122.92 and default_fees.fee("99214") == 125.18


def test_money_md_downcode_deltas(default_fees):
    fee = default_fees.fee
    assert round(fee("90837") - fee("90834"), 2) == 50.13
    assert round(fee("90837") - fee("90832"), 2) == 75.36
    assert round(fee("90834") - fee("90832"), 2) == 25.23
    assert round(fee("90839") - fee("90834"), 2) == 44.31
    assert round(fee("90839") - fee("90832"), 2) == 69.54


@pytest.mark.parametrize(
    ("credentials", "reduced"),
    [("LCSW", True), ("lmft", True), ("L.M.H.C.", True), ("LPC, NCC", True), ("LCSW, PhD", False),
     ("PsyD", False), ("MD", False), ("", False), (None, False), ("LMSW", False)],
)
def test_reduced_rate_only_for_clinical_social_workers_and_counselors(default_fees, credentials, reduced):
    assert (default_fees.fee("90834", credentials) == 78.12) is reduced


@pytest.mark.parametrize(
    ("minutes", "billed", "expected"),
    [
        (15, "90832", None), (16, "90832", "90832"), (37, "90834", "90832"), (38, "90837", "90834"),
        (52, "90837", "90834"), (53, "90837", "90837"), (90, "90837", "90837"),
        (60, "90834", "90834"),  # billing below the time is never a downcode
        (45, "90838", "90836"), (10, "90833", None),
        (29, "90839", "90832"), (30, "90839", "90839"), (40, "90839", "90839"),  # crisis falls back
        (25, "90847", None), (26, "90847", "90847"),
        (5, "90791", "90791"), (None, "90853", "90853"),  # untimed codes are never downcoded
        (None, "90837", None), (50, None, None), (50, "90834-95", "90834"),
    ],
)
def test_supported_code(bands, minutes, billed, expected):
    assert supported_code(minutes, billed, bands) == expected


def _note(verdict="supported", cpt="90837", minutes=60, failures=(), credentials="PhD", note_type="progress",
          start=None, end=None):
    findings = [Finding(criterion, "fail", severity, "failed") for criterion, severity in failures]
    return NoteResult(id="n1", source=Locator("a.pdf", 1), client="A B", clinician="C D", credentials=credentials,
                      date_of_service="2025-01-02", start=start, end=end, minutes=minutes, cpt=cpt,
                      note_type=note_type, note_type_confidence=0.9, verdict=verdict, findings=findings)


def _claim(status="matched", paid=120.0, cpt="90837", units=1, billed=None, supported=None):
    # Claim matching sets supported_cpt to the billed code, or to the code the time supports
    # (None: no code) on a code_not_supported_by_time line.
    supported = cpt if supported is None and status != "code_not_supported_by_time" else supported
    return ClaimResult("c1", "A B", "C D", "2025-01-02", cpt, paid, "n1", status, units=units, billed=billed,
                       supported_cpt=supported)


class TestClaimExposure:
    def test_no_note_is_the_full_paid_amount(self, default_fees, bands):
        exposure = claim_exposure(_claim("no_note", 131.40), None, default_fees, bands)
        assert exposure.amount == 131.40 and exposure.rule == "full:no_note"
        assert "claims paid amount" in exposure.basis

    def test_psychotherapy_note_only_is_full(self, default_fees, bands):
        note = _note(verdict=None, note_type="psychotherapy")
        exposure = claim_exposure(_claim("psychotherapy_note_only", 99.0), note, default_fees, bands)
        assert exposure.amount == 99.0 and "psychotherapy" in exposure.reason

    def test_unsupported_note_is_full_and_names_the_fatal_criteria(self, default_fees, bands):
        note = _note("unsupported", failures=[("signature", "fatal"), ("time_documented", "fatal")])
        exposure = claim_exposure(_claim(paid=140.0), note, default_fees, bands)
        assert exposure.amount == 140.0
        assert "signature, time_documented" in exposure.basis

    def test_downcode_applies_the_fee_ratio_to_the_paid_amount(self, default_fees, bands):
        note = _note("at_risk", minutes=45, failures=[("time_supports_code", "recode")])
        exposure = claim_exposure(_claim("code_not_supported_by_time", 140.0, supported="90834"), note,
                                  default_fees, bands)
        # 140 x (1 - 104.16 / 154.29) = 45.487...
        assert exposure.amount == 45.49
        assert exposure.rule == "downcode"
        assert "90834" in exposure.reason and "claims paid amount" in exposure.basis and DEFAULT_LABEL in exposure.basis

    def test_downcode_at_full_fee_equals_money_md_delta(self, default_fees, bands):
        note = _note("at_risk", minutes=42, failures=[("time_supports_code", "recode")])
        assert claim_exposure(_claim(paid=154.29), note, default_fees, bands).amount == 50.13

    def test_clock_times_win_over_stated_minutes(self, default_fees, bands):
        # 10:00-10:40 is 40 minutes even if the note says 60 (criteria.md §2).
        note = _note("at_risk", minutes=60, start="10:00", end="10:40", failures=[("time_supports_code", "recode")])
        assert claim_exposure(_claim(paid=154.29), note, default_fees, bands).amount == 50.13

    def test_under_sixteen_minutes_supports_nothing(self, default_fees, bands):
        note = _note("at_risk", cpt="90832", minutes=12, failures=[("time_supports_code", "recode")])
        exposure = claim_exposure(_claim("code_not_supported_by_time", 70.0, "90832"), note, default_fees, bands)
        assert exposure.amount == 70.0 and exposure.rule == "full:time_supports_no_code"

    def test_supported_and_at_risk_without_downcode_are_zero(self, default_fees, bands):
        assert claim_exposure(_claim(), _note("supported"), default_fees, bands).amount == 0
        at_risk = _note("at_risk", failures=[("risk_assessment", "risk")])
        exposure = claim_exposure(_claim(), at_risk, default_fees, bands)
        assert exposure.amount == 0 and exposure.rule == "zero:supported"

    def test_denied_and_unpaid_are_zero_but_reported(self, default_fees, bands):
        unsupported = _note("unsupported", failures=[("signature", "fatal")])
        denied = claim_exposure(_claim("denied", 0.0), unsupported, default_fees, bands)
        unpaid = claim_exposure(_claim("matched", 0.0), unsupported, default_fees, bands)
        assert denied.amount == unpaid.amount == 0.0
        assert denied.rule == unpaid.rule == "zero:denied_or_unpaid"

    def test_extra_units_share(self, default_fees, bands):
        exposure = claim_exposure(_claim("units_over_one", 300.0, units=3), _note(), default_fees, bands)
        assert exposure.amount == 200.0 and exposure.rule == "extra_units"
        second_line = claim_exposure(_claim("units_over_one", 104.16, units=1), _note(), default_fees, bands)
        assert second_line.amount == 104.16 and "second unit" in second_line.reason

    def test_matching_judgment_of_the_line_is_used(self, default_fees, bands):
        # Claim matching found 30 min for a 90837 line: 90832 (money.md §5: $75.36 at the full fee).
        note = _note("at_risk", minutes=30, failures=[("time_supports_code", "recode")])
        line = _claim("code_not_supported_by_time", 154.29, supported="90832")
        assert claim_exposure(line, note, default_fees, bands).amount == 75.36

    def test_unbilled_rows_from_claim_matching_carry_nothing(self, default_fees, bands):
        row = ClaimResult("", "A B", "C D", "2025-01-02", "90837", None, "n1", "no_claim")
        note = _note("unsupported", failures=[("signature", "fatal")])
        assert claim_exposure(row, note, default_fees, bands).rule == "zero:unbilled"
        assign_exposures([note], [row], default_fees, bands)
        assert note.exposure.amount == 0 and note.exposure.rule == "zero:unbilled"

    def test_default_bands_come_from_the_common_pack(self, default_fees):
        note = _note("at_risk", minutes=42, failures=[("time_supports_code", "recode")])
        assert note_exposure(note, default_fees).amount == 50.13

    def test_price_falls_back_to_billed_then_fee_table(self, default_fees, bands):
        billed = claim_exposure(_claim("no_note", paid=None, billed=180.0), None, default_fees, bands)
        assert billed.amount == 180.0 and "billed" in billed.fee_source
        table = claim_exposure(_claim("no_note", paid=None, cpt="90834", units=1), None, default_fees, bands)
        assert table.amount == 104.16 and table.fee_source == DEFAULT_LABEL
        reduced = claim_exposure(_claim("matched", paid=None, cpt="90834"),
                                 _note("unsupported", cpt="90834", credentials="LCSW"), default_fees, bands)
        assert reduced.amount == 78.12 and "75%" in reduced.fee_source

    def test_unknown_code_without_paid_amount_is_unpriced(self, default_fees, bands):
        exposure = claim_exposure(_claim("no_note", paid=None, cpt="H0004"), None, default_fees, bands)
        assert exposure.amount == 0 and exposure.rule == "unpriced"


class TestNoteExposure:
    def test_unsupported_note_costs_the_full_fee(self, default_fees, bands):
        exposure = note_exposure(_note("unsupported", failures=[("time_documented", "fatal")]), default_fees, bands)
        assert exposure.amount == 154.29 and exposure.fee_source == DEFAULT_LABEL

    def test_downcode_costs_the_fee_difference(self, default_fees, bands):
        note = _note("at_risk", minutes=44, failures=[("time_supports_code", "recode")])
        assert note_exposure(note, default_fees, bands).amount == 50.13
        note = _note("at_risk", minutes=30, failures=[("time_supports_code", "recode")])
        assert note_exposure(note, default_fees, bands).amount == 75.36

    def test_lcsw_notes_are_priced_at_75_percent(self, default_fees, bands):
        note = _note("at_risk", minutes=44, credentials="LCSW", failures=[("time_supports_code", "recode")])
        assert note_exposure(note, default_fees, bands).amount == round(115.72 - 78.12, 2)

    def test_psychotherapy_notes_and_unjudged_notes_carry_nothing(self, default_fees, bands):
        assert note_exposure(_note(None, note_type="psychotherapy"), default_fees, bands).amount == 0
        assert note_exposure(_note(None), default_fees, bands).rule == "zero:not_a_billed_service"

    def test_note_without_cpt_is_priced_as_the_code_its_minutes_support(self, default_fees, bands):
        exposure = note_exposure(_note("unsupported", cpt=None, minutes=45, failures=[("signature", "fatal")]),
                                 default_fees, bands)
        assert exposure.amount == 104.16 and "priced as 90834" in exposure.reason
        assert note_exposure(_note("unsupported", cpt=None, minutes=None), default_fees, bands).rule == "unpriced"


def test_practice_exposures_without_claims(notes_result):
    by_id = {n.id: n.exposure for n in notes_result.notes}
    assert by_id["exports/Quintanilla_Marisol.pdf#1"].amount == 37.60  # LCSW 115.72 - 78.12
    assert by_id["exports/Quintanilla_Marisol.pdf#2"].amount == 115.72
    assert by_id["exports/oconnell-notes.docx#1"].amount == 78.12
    assert by_id["exports/okafor_march.xlsx#4"].amount == 0
    assert by_id["exports/private/Fairweather process.txt#1"].rule == "zero:not_a_billed_service"
    assert all(e.basis and e.reason for e in by_id.values())


def test_practice_exposures_with_claims(claims_result):
    by_claim = {c.claim_id: c.exposure for c in claims_result.claims}
    assert {k: v.amount for k, v in by_claim.items()} == {
        "C-1001": 45.49, "C-1002": 150.0, "C-1003": 0.0, "C-1004": 0.0, "C-1005": 75.0, "C-1006": 100.0,
        "C-1007": 80.0,
    }
    notes = {n.id: n.exposure for n in claims_result.notes}
    assert notes["exports/Quintanilla_Marisol.pdf#1"].amount == 45.49
    # The intake has no claim in this file: unbilled, no exposure.
    assert notes["exports/okafor_march.xlsx#2"].rule == "zero:unbilled"


def test_note_with_two_claims_sums_them(default_fees, bands):
    note = _note("unsupported", failures=[("signature", "fatal")])
    claims = [_claim(paid=100.0), ClaimResult("c2", "A B", "C D", "2025-01-02", "90785", 14.0, "n1", "matched")]
    assign_exposures([note], claims, default_fees, bands)
    assert note.exposure.amount == 114.0 and note.exposure.reason.startswith("2 claims")


class TestFeesFile:
    def test_contracted_rates_win_and_missing_codes_fall_back(self, tmp_path, bands):
        path = tmp_path / "optum rates.csv"
        path.write_text("cpt,amount,description\n90834,98.00,Optum 45\n90837,131.50,\n", encoding="utf-8")
        fees = load_fees(path)
        assert fees.price("90834") == (98.0, "--fees file optum rates.csv")
        assert fees.fee("90837", "LCSW") == 131.50  # no 75% cut on a practice's own rates
        amount, source = fees.price("90791")
        assert amount == 166.91 and DEFAULT_LABEL in source and "not in --fees file" in source
        note = _note("at_risk", minutes=45, failures=[("time_supports_code", "recode")])
        assert note_exposure(note, fees, bands).amount == 33.50
        assert "--fees file optum rates.csv" in note_exposure(note, fees, bands).basis

    def test_a_copy_of_the_default_table_is_accepted(self, tmp_path):
        source = default_fee_table()
        path = tmp_path / "copy.csv"
        path.write_text("cpt,nf_amount\n" + "".join(f"{c},{a}\n" for c, a in source.amounts.items()), encoding="utf-8")
        assert load_fees(path).fee("90837") == 154.29

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            ("cpt,price\n90834,98\n", "unknown column"),
            ("description,amount\nTherapy,98\n", "needs the columns cpt and amount"),
            ("cpt,amount\n90834,98\n90834,99\n", "line 3: cpt 90834 is listed twice"),
            ("cpt,amount\n90834,abc\n", "line 2: amount 'abc' is not a number"),
            ("cpt,amount\n90834,-5\n", "non-negative"),
            ("cpt,amount\n90834\n", "line 2: 1 cells"),
            ("# only a comment\n", "no header row"),
            ("cpt,amount\n", "no rows"),
        ],
    )
    def test_bad_files_are_rejected_with_the_line(self, tmp_path, content, message):
        path = tmp_path / "fees.csv"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(FeeTableError, match=message):
            load_fees(path)

    def test_missing_file(self, tmp_path):
        with pytest.raises(FeeTableError, match="cannot be read"):
            load_fees(tmp_path / "nope.csv")

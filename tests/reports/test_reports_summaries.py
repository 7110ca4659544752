"""Per-clinician and practice summaries (criteria.md §4 two numbers; money.md §8)."""

from __future__ import annotations

from auditready.exposure import assign_exposures
from auditready.extrapolation import parse_lookback
from auditready.models import Finding, Locator, NoteResult
from auditready.reports.summaries import (
    ESTIMATES_NOT_DETERMINATIONS,
    UNKNOWN_CLINICIAN,
    build_clinicians,
    build_summaries,
)


def _by_name(summaries):
    return {s.clinician: s for s in summaries}


def test_clinicians_without_claims(notes_result):
    clinicians = build_clinicians(notes_result.notes, None, None)
    assert [c.clinician for c in clinicians] == ["Dana Whitfield, LCSW", "Dr. Samuel Okafor, PsyD"]
    whitfield, okafor = clinicians
    assert whitfield.notes == 3
    assert whitfield.verdicts == {"unsupported": 2, "at_risk": 1, "supported": 0}
    assert whitfield.exposure["total"] == round(37.60 + 115.72 + 78.12, 2)
    assert whitfield.exposure["extrapolated_point"] is None
    assert "no universe" in whitfield.extrapolation["reason"]
    # risk + quality findings: N1 3/3, N2 1/2, N3 1/2 -> 5/7
    assert whitfield.record_review["met"] == 5 and whitfield.record_review["applicable"] == 7
    assert whitfield.score == 71.4
    assert [(b["threshold"], b["meets"]) for b in whitfield.record_review["bars"]] == [(80, False), (85, False)]
    assert all(b["sources"][0].startswith("https://") for b in whitfield.record_review["bars"])
    assert whitfield.claim_exposure_rate == 1.0
    # Okafor: the psychotherapy note has no verdict and is not counted.
    assert okafor.notes == 3 and okafor.claim_exposure_rate == 0.0 and okafor.score == 50.0
    assert okafor.exposure["total"] == 0.0


def test_top_deficiencies_rank_dollars_then_severity(notes_result):
    whitfield = build_clinicians(notes_result.notes, None, None)[0]
    rows = whitfield.top_deficiencies
    assert [r["criterion"] for r in rows] == [
        "time_documented", "goal_linkage", "signature", "client_response", "time_supports_code"]
    first = rows[0]
    assert first["count"] == 1 and first["applicable"] == 3 and first["exposure"] == 115.72
    assert first["example_note"] == "exports/Quintanilla_Marisol.pdf#2"
    assert first["example_searched"] == "time documented statements" and first["example_evidence"] == ""
    downcode = rows[-1]
    assert downcode["example_evidence"] == "Time: 10:00-10:45 (45 min), CPT 90837"
    assert whitfield.training_focus == [
        "Time documented: Document start and stop times or total psychotherapy minutes.",
        "Goal linkage: Name the plan goal the session addressed.",
        "Signature: Sign every note with name and credentials.",
    ]


def test_claims_group_with_notes_across_spellings(claims_result):
    clinicians = _by_name(build_clinicians(claims_result.notes, claims_result.claims, None))
    assert set(clinicians) == {"Dana Whitfield, LCSW", "Dr. Samuel Okafor, PsyD"}
    okafor = clinicians["Dr. Samuel Okafor, PsyD"]
    assert okafor.exposure["total"] == 255.0  # 75 extra unit + 100 no note + 80 psychotherapy only
    assert okafor.extrapolation["n"] == 4 and okafor.extrapolation["unit"] == "claims"


def test_unknown_clinician_gets_its_own_row(notes_result, default_fees, bands):
    orphan = NoteResult("loose.txt#1", Locator("loose.txt"), "X Y", None, None, "2025-01-01", None, None, 50,
                        "90834", "progress", 0.8, verdict="unsupported",
                        findings=[Finding("signature", "fail", "fatal", "unsigned")])
    notes = notes_result.notes + [orphan]
    assign_exposures(notes, None, default_fees, bands)
    clinicians = _by_name(build_clinicians(notes, None, None))
    assert clinicians[UNKNOWN_CLINICIAN].exposure["total"] == 104.16


def test_practice_universe_is_not_split_across_clinicians(notes_result):
    clinicians = build_clinicians(notes_result.notes, None, 400)
    assert all(c.extrapolation["universe"] is None for c in clinicians)
    assert all("practice's total" in c.extrapolation["reason"] for c in clinicians)


def test_practice_summary(notes_result, default_fees):
    build_summaries(notes_result, fees=default_fees, universe=400)
    summary = notes_result.summary
    assert summary["verdicts"] == {"unsupported": 2, "at_risk": 2, "supported": 2}
    assert summary["notes"] == {"total": 7, "judged": 6, "by_type": {"intake": 1, "progress": 5, "psychotherapy": 1}}
    assert summary["exposure"]["total"] == 231.44 and summary["exposure"]["basis"] == "notes priced from the fee table"
    assert summary["record_review"]["score"] == round(100 * 7 / 11, 1)
    compliance = summary["compliance_by_criterion"]
    assert compliance[0]["compliance"] == 0.0 and compliance[-1]["compliance"] == 100.0
    goal = next(r for r in compliance if r["criterion"] == "goal_linkage")
    assert (goal["pass"], goal["fail"], goal["compliance"]) == (2, 2, 50.0)
    # n = 6 billable judged notes of a universe of 400: refused, rate interval only.
    assert summary["extrapolation"]["universe"] == 400 and summary["exposure"]["extrapolated_lower_90"] is None
    assert "n = 30" in summary["extrapolation"]["reason"]
    problems = {p["path"]: p for p in summary["inputs"]["problems"]}
    assert problems["exports/scan_O'Connell_intake.pdf"]["reason"].startswith("scanned PDF")
    assert problems["exports/Thumbs.db"]["status"] == "skipped"
    assert summary["inputs"]["by_status"] == {"parsed": 4, "skipped": 1, "error": 1}
    text = " ".join(summary["assumptions"])
    assert "Medicare 2025 national non-facility, CMS PFS PPRRVU2025_Oct" in text
    assert "32.3465" in text and "one-sided 90%" in text and "--universe 400" in text
    assert summary["assumptions"][-1] == ESTIMATES_NOT_DETERMINATIONS
    assert [c.clinician for c in notes_result.clinicians][0] == "Dana Whitfield, LCSW"


def test_summaries_with_claims_and_lookback(claims_result, default_fees):
    build_summaries(claims_result, fees=default_fees, lookback=parse_lookback("6m"))
    summary = claims_result.summary
    assert summary["exposure"]["total"] == 450.49
    assert summary["exposure"]["basis"] == "claims in the lookback window"
    assert summary["claims"]["by_status"]["no_note"] == 1 and summary["claims"]["denied"] == 1
    assert summary["claims"]["paid_total"] == 718.0
    # The intake (2025-02-20) has no claim, but lies outside the claims' dates: not "unbilled".
    assert summary["claims"]["unbilled_notes"] == 0 and summary["claims"]["total"] == 7
    rules = {row["rule"]: row["amount"] for row in summary["exposure"]["by_rule"]}
    assert rules["full:no_note"] == 100.0 and rules["downcode"] == 45.49
    okafor = next(c for c in claims_result.clinicians if c.clinician.startswith("Dr."))
    assert okafor.extrapolation["reason"].startswith("census")
    assert any("6 months (2024-09-14 to 2025-03-13)" in line for line in summary["assumptions"])


def test_claims_outside_the_lookback_are_out_of_reach(claims_result, default_fees):
    # 5 days ending 2025-03-13: C-1002 ($150), C-1003 (denied) and C-1006 ($100) only.
    build_summaries(claims_result, fees=default_fees, lookback=parse_lookback("5d"))
    assert claims_result.summary["exposure"]["total"] == 250.0
    totals = {c.clinician: c.exposure["total"] for c in claims_result.clinicians}
    assert totals == {"Dana Whitfield, LCSW": 150.0, "Dr. Samuel Okafor, PsyD": 100.0}
    assert all(c.extrapolation["reason"].startswith("census") for c in claims_result.clinicians)


def test_unbilled_rows_are_not_claims(claims_result, default_fees, bands):
    from auditready.models import ClaimResult

    intake = next(n for n in claims_result.notes if n.note_type == "intake")
    claims_result.claims.append(ClaimResult("", intake.client, "Samuel Okafor", intake.date_of_service, "90791",
                                            None, intake.id, "no_claim"))
    assign_exposures(claims_result.notes, claims_result.claims, default_fees, bands)
    build_summaries(claims_result, fees=default_fees)
    summary = claims_result.summary
    assert summary["claims"]["unbilled_notes"] == 1 and summary["claims"]["total"] == 7
    assert "no_claim" not in summary["claims"]["by_status"]
    assert summary["exposure"]["total"] == 450.49
    okafor = next(c for c in claims_result.clinicians if c.clinician.startswith("Dr."))
    assert okafor.extrapolation["n"] == 4

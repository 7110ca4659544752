"""run_crossnote: the pack's corpus rules decide what runs, on which notes, with which
severity, parameters, fix and citation; claims get verdicts that include cross-note findings."""

from __future__ import annotations

from datetime import date

from auditready.crossnote import CrossNoteResult, run_crossnote
from auditready.models import FAIL, PASS, Claim, Finding, TreatmentGoal, TreatmentPlan
from auditready.rules import load_pack

from conftest import build_note, build_pack, classify_all

NARRATIVE = (
    "{first} reported that the argument with her supervisor on Monday left her shaking and unable "
    "to eat lunch. She described thoughts that she would be fired and lose the apartment. We used "
    "cognitive restructuring to weigh the evidence for being fired against her recent positive "
    "review, working on Goal 1. {first} practiced a grounding exercise naming five objects and rated "
    "her distress falling from eight to four. Homework is to log two workplace worries each evening."
)
OTHER = (
    "Client discussed drinking four to five beers most nights to fall asleep. Using motivational "
    "interviewing we explored pros and cons and he rated his readiness to cut back at six out of ten. "
    "He set a goal of two alcohol-free nights this week and will track cravings on his phone. We "
    "reviewed safer sleep strategies that do not rely on alcohol."
)


def session(note_id, client, dos, body, start="10:00", end="10:53", cpt="90837"):
    text = (
        f"Client: {client}\nDate of Service: {dos.strftime('%m/%d/%Y')}\nClinician: Dana Whitfield, LCSW\n"
        f"Start: {start}\nEnd: {end}\nCPT: {cpt}\n{body.format(first=client.split()[0])}\n"
    )
    return build_note(note_id, text, client=client, date_of_service=dos, clinician="Dana Whitfield, LCSW",
                      start=start, end=end, cpt=cpt)


def plans():
    return [
        TreatmentPlan("Rosa Diaz", date(2024, 1, 2), date(2024, 7, 2), True,
                      [TreatmentGoal("1", "Reduce work-related anxiety to manageable levels")]),
    ]


def by_criterion(result: CrossNoteResult, note_id: str) -> dict[str, Finding]:
    return {f.criterion: f for f in result.findings_by_note.get(note_id, [])}


def scenario():
    notes = [
        session("r1", "Rosa Diaz", date(2024, 3, 7), NARRATIVE),
        session("r2", "Rosa Diaz", date(2024, 3, 14), NARRATIVE, start="10:30", end="11:23"),
        session("p1", "Rosa Diaz", date(2024, 3, 14), NARRATIVE),  # a process note of the same session
        session("m1", "Mo Ali", date(2024, 3, 14), OTHER, start="10:00", end="10:40", cpt="90837"),
    ]
    classes = classify_all(notes, p1="psychotherapy")
    return notes, classes


def test_findings_carry_the_rules_identity_severity_fix_and_citation():
    notes, classes = scenario()
    result = run_crossnote(notes, classes, build_pack(), plans(), None, {})
    rosa = by_criterion(result, "r1")
    assert set(rosa) == {"not_cloned", "plausible_schedule", "treatment_plan_current", "goal_linkage"}
    clone = rosa["not_cloned"]
    assert (clone.status, clone.severity, clone.rule_id, clone.fix) == (FAIL, "fatal", "CLN001", "fix not_cloned")
    assert clone.citation == "https://www.ngsmedicare.com/web/ngs/documentation?selectedArticleId=1459133"
    assert "near-copy of 1 other note (copied forward within this client's notes" in clone.message and "r2" in clone.message
    assert clone.evidence[0].text.startswith("Rosa reported")
    current = rosa["treatment_plan_current"]
    assert (current.status, current.fix, current.severity) == (PASS, "", "fatal")
    assert rosa["goal_linkage"].status == PASS and "Goal 1" in rosa["goal_linkage"].message
    assert [sorted(g.notes) for g in result.clones] == [["r1", "r2"]]


def test_psychotherapy_notes_are_neither_compared_nor_placed_on_the_schedule():
    notes, classes = scenario()
    result = run_crossnote(notes, classes, build_pack(), plans(), None, {})
    assert "p1" not in result.findings_by_note
    # r2 (10:30-11:23) and m1 (10:00-10:40) overlap; the process note's 10:00-10:53 is not counted.
    assert "note m1" in by_criterion(result, "r2")["plausible_schedule"].message
    assert "p1" not in by_criterion(result, "r2")["plausible_schedule"].message


def test_plan_checks_need_a_plans_file_and_skip_linkage_without_a_plan_in_force():
    notes, classes = scenario()
    without = run_crossnote(notes, classes, build_pack(), None, None, {})
    assert "treatment_plan_current" not in by_criterion(without, "r1")
    with_plans = run_crossnote(notes, classes, build_pack(), plans(), None, {})
    mo = by_criterion(with_plans, "m1")
    assert mo["treatment_plan_current"].status == FAIL and "no treatment plan" in mo["treatment_plan_current"].message
    assert "goal_linkage" not in mo  # nothing to link to: the single-note finding stays


def test_max_plan_age_comes_from_the_pack():
    notes, classes = scenario()
    result = run_crossnote(notes, classes, build_pack(max_age=30), plans(), None, {})
    assert by_criterion(result, "r1")["treatment_plan_current"].status == FAIL


def test_a_criterion_whose_rule_the_pack_lacks_is_not_judged():
    notes, classes = scenario()
    result = run_crossnote(notes, classes, build_pack(rules={"SCH001"}), plans(), None, {})
    assert {f.criterion for fs in result.findings_by_note.values() for f in fs} == {"plausible_schedule"}
    assert result.clones == []


def test_clone_threshold_and_min_words_come_from_the_pack():
    notes, classes = scenario()
    result = run_crossnote(notes, classes, build_pack(min_words=500), None, None, {})
    assert result.clones == [] and by_criterion(result, "r1")["not_cloned"].status == "not_applicable"
    loose = run_crossnote(notes, classes, build_pack(threshold=0.01), None, None, {})
    assert [sorted(g.notes) for g in loose.clones] == [["m1", "r1", "r2"]]  # same clinician block


def test_claims_are_reconciled_with_verdicts_that_include_cross_note_findings():
    notes, classes = scenario()
    claims = [
        Claim("C-1", "DIAZ, ROSA", "Whitfield, Dana", date(2024, 3, 7), "90837", paid=154.29),
        Claim("C-2", "Mo Ali", "Dana Whitfield", date(2024, 3, 14), "90837", paid=154.29),
        Claim("C-3", "Rosa Diaz", "Dana Whitfield", date(2024, 3, 21), "90834", paid=104.16),
    ]
    single = {"m1": [Finding("time_documented", PASS, "fatal", "40 min documented")]}
    result = run_crossnote(notes, classes, build_pack(), plans(), claims, single)
    statuses = {(r.claim_id, r.status, r.note_id) for r in result.claim_results}
    assert ("C-1", "matched", "r1") in statuses
    assert ("C-2", "code_not_supported_by_time", "m1") in statuses  # 40 minutes support 90834
    assert ("C-3", "no_note", None) in statuses
    assert ("", "no_claim", "r2") in statuses  # billed nowhere, inside the claims' dates
    downcoded = next(r for r in result.claim_results if r.claim_id == "C-2")
    assert downcoded.supported_cpt == "90834"


def test_the_shipped_common_pack_declares_what_run_crossnote_reads():
    pack = load_pack("common")
    notes, classes = scenario()
    result = run_crossnote(notes, classes, pack, plans(), None, {})
    judged = {f.criterion for f in result.findings_by_note["r1"]}
    assert {"not_cloned", "treatment_plan_current", "goal_linkage", "plausible_schedule"} <= judged

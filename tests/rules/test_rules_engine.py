"""The engine: one finding per single-note rule, applicability by note type and CPT code, the
verdict rule of DESIGN.md, the weighted score, time bands and business days."""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rules_helpers import GOOD_NOTE, classification, make_note

from auditready.models import Finding
from auditready.rules import RuleContext, evaluate_note, load_pack, score_and_verdict, supported_code
from auditready.rules.checks.signature_timely import business_days_between
from auditready.rules.cpt import clock_duration, minutes_support



@cache
def _common():
    return load_pack("common")


@pytest.fixture(scope="module")
def common():
    return _common()


def finding(criterion: str, status: str, severity: str) -> Finding:
    return Finding(criterion=criterion, status=status, severity=severity, message="")


def test_a_complete_progress_note_is_supported(common) -> None:
    note = make_note(GOOD_NOTE)
    findings = evaluate_note(note, classification("progress"), common, RuleContext())
    single = [rule for rule in common.rules if rule.scope == "note"]
    assert [f.rule_id for f in findings] == [rule.id for rule in single]
    assert len({f.criterion for f in findings}) == len(findings)
    failures = [(f.criterion, f.message) for f in findings if f.status == "fail"]
    assert failures == []
    assert score_and_verdict(findings, common) == (100.0, "supported")
    for f in findings:
        if f.status == "pass" and f.criterion not in ("no_psychotherapy_content",):
            assert f.evidence, f.criterion
            for span in f.evidence:
                assert span.start < 0 or note.text[span.start:span.end] == span.text
        assert f.citation.startswith("http")


def test_corpus_rules_are_left_to_crossnote(common) -> None:
    findings = evaluate_note(make_note(GOOD_NOTE), classification("progress"), common)
    ids = {f.rule_id for f in findings}
    for rule in common.rules:
        assert (rule.id in ids) == (rule.scope == "note")


def test_psychotherapy_note_gets_only_the_separation_rule(common) -> None:
    findings = evaluate_note(make_note(GOOD_NOTE), classification("psychotherapy"), common)
    judged = [f for f in findings if f.status != "not_applicable"]
    assert [f.criterion for f in judged] == ["psychotherapy_note_separate"]
    assert judged[0].status == "fail" and judged[0].severity == "privacy"
    assert score_and_verdict(findings, common) == (None, None)


@pytest.mark.parametrize("note_type", ["treatment_plan", "other"])
def test_plans_and_other_documents_are_listed_but_not_scored(common, note_type: str) -> None:
    findings = evaluate_note(make_note(GOOD_NOTE), classification(note_type), common)
    assert findings and all(f.status == "not_applicable" for f in findings)
    assert all("Not judged" in f.message for f in findings)
    assert score_and_verdict(findings, common) == (None, None)


def test_intake_is_judged_on_its_subset(common) -> None:
    findings = evaluate_note(make_note(GOOD_NOTE), classification("intake"), common)
    judged = {f.criterion for f in findings if f.status != "not_applicable"}
    assert {"date_of_service", "medical_necessity", "risk_assessment", "signature"} <= judged
    assert not {"time_supports_code", "interventions", "client_response", "goal_linkage"} & judged


def test_codes_limit_a_rule() -> None:
    optum = load_pack("optum")
    note = make_note(GOOD_NOTE.replace("CPT: 90837", "CPT: 90834").replace("10:55", "10:45"))
    rationale = next(f for f in evaluate_note(note, classification("progress"), optum) if f.rule_id == "TIM003")
    assert rationale.status == "not_applicable" and "90834" in rationale.message


def test_verdict_rule(common) -> None:
    ok = finding("date_of_service", "pass", "fatal")
    assert score_and_verdict([ok], common)[1] == "supported"
    assert score_and_verdict([ok, finding("x", "fail", "quality")], common)[1] == "supported"
    assert score_and_verdict([ok, finding("x", "fail", "privacy")], common)[1] == "supported"
    assert score_and_verdict([ok, finding("x", "fail", "risk")], common)[1] == "at_risk"
    assert score_and_verdict([ok, finding("x", "fail", "recode")], common)[1] == "at_risk"
    assert score_and_verdict([finding("x", "fail", "recode"), finding("y", "fail", "fatal")], common)[1] == "unsupported"
    assert score_and_verdict([finding("x", "not_applicable", "fatal")], common) == (None, None)
    assert score_and_verdict([], common) == (None, None)


def test_score_is_the_severity_weighted_share(common) -> None:
    weights = common.parameters["severity_weights"]
    findings = [finding("a", "pass", "fatal"), finding("b", "fail", "risk"), finding("c", "pass", "quality"),
                finding("d", "not_applicable", "fatal")]
    expected = 100 * (weights["fatal"] + weights["quality"]) / (weights["fatal"] + weights["risk"] + weights["quality"])
    assert score_and_verdict(findings, common)[0] == round(expected, 1)


@pytest.mark.parametrize(("code", "minutes", "supported"), [
    ("90837", 53, "90837"), ("90837", 52, "90834"), ("90837", 38, "90834"), ("90837", 37, "90832"),
    ("90834", 16, "90832"), ("90832", 15, None), ("90832", 90, "90837"),
    ("90839", 30, "90839"), ("90839", 29, "90832"), ("90839", 10, None),
    ("90847", 26, "90847"), ("90847", 25, None), ("90836", 40, "90836"),
])
def test_supported_code(common, code: str, minutes: int, supported: str | None) -> None:
    assert supported_code(code, minutes, common.parameters["cpt_time_bands"]) == supported


def test_minutes_support_only_the_same_or_a_lower_code(common) -> None:
    bands = common.parameters["cpt_time_bands"]
    assert minutes_support("90834", 60, bands)
    assert not minutes_support("90837", 45, bands)
    assert not minutes_support("90839", 20, bands)


def test_clock_duration() -> None:
    assert clock_duration("10:02", "10:55") == 53
    assert clock_duration("13:33", "14:30") == 57
    assert clock_duration("10:00", "09:00") is None
    assert clock_duration("10:00", None) is None
    assert clock_duration("25:00", "26:00") is None


@pytest.mark.parametrize(("start", "end", "days"), [
    (date(2025, 3, 14), date(2025, 3, 14), 0),   # Friday, same day
    (date(2025, 3, 14), date(2025, 3, 17), 1),   # Friday -> Monday
    (date(2025, 3, 14), date(2025, 3, 19), 3),   # Friday -> Wednesday
    (date(2025, 3, 10), date(2025, 3, 24), 10),  # two full weeks
    (date(2025, 3, 15), date(2025, 3, 16), 0),   # Saturday -> Sunday
])
def test_business_days_between(start: date, end: date, days: int) -> None:
    assert business_days_between(start, end) == days


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text_is_judged_without_crashing(text: str) -> None:
    pack = _common()
    for note_type in ("progress", "intake", "psychotherapy"):
        findings = evaluate_note(make_note(text), classification(note_type), pack)
        for f in findings:
            assert f.status in ("pass", "fail", "not_applicable")
            assert f.status != "fail" or f.searched
        score_and_verdict(findings, pack)

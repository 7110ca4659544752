"""Every rule's cases (tests/rules/cases/<RULE_ID>.yaml): hand-written notes with the status,
evidence and message a careful auditor expects. Single-note rules run through evaluate_note;
corpus rules through run_crossnote with the case's other notes and plans."""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest
from rules_helpers import Case, classification, load_cases, make_note

from auditready.models import TreatmentGoal, TreatmentPlan
from auditready.rules import RuleContext, evaluate_note, load_pack

CASES = load_cases()
RUN = RuleContext()


@cache
def pack(name: str):
    return load_pack(name)


def _plan(raw: dict) -> TreatmentPlan:
    def day(value):
        return value if isinstance(value, date) or value is None else date.fromisoformat(value)

    return TreatmentPlan(
        client=raw["client"],
        effective=day(raw.get("effective")),
        review_by=day(raw.get("review_by")),
        signed=raw.get("signed", True),
        goals=[TreatmentGoal(str(g["goal_id"]), g["text"]) for g in raw.get("goals", [])],
    )


def _finding(case: Case):
    chosen = pack(case.pack)
    rule = chosen.rule(case.rule_id)
    note = make_note(case.text, case.fields)
    if rule.scope == "note":
        findings = evaluate_note(note, classification(case.note_type), chosen, RUN)
    else:
        from auditready.crossnote import run_crossnote

        notes = [note] + [
            make_note(other["note"], other.get("fields"), note_id=f"other.txt#{index}", path="other.txt")
            for index, other in enumerate(case.others, start=1)
        ]
        types = {note.id: classification(case.note_type)}
        types.update({n.id: classification(o.get("note_type", "progress")) for n, o in zip(notes[1:], case.others)})
        plans = [_plan(raw) for raw in case.plans] if case.plans is not None else None
        result = run_crossnote(notes, types, chosen, plans, None, {})
        findings = result.findings_by_note.get(note.id, [])
    matching = [f for f in findings if f.rule_id == case.rule_id]
    assert len(matching) == 1, f"expected one finding of {case.rule_id}, got {len(matching)}"
    return matching[0]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule_id}::{c.name}" for c in CASES])
def test_rule_case(case: Case) -> None:
    finding = _finding(case)
    assert finding.status == case.expect, f"{finding.status}: {finding.message}"
    quoted = " | ".join(span.text for span in finding.evidence)
    for expected in case.evidence:
        assert expected.lower() in quoted.lower(), f"evidence {quoted!r} lacks {expected!r}"
    if case.message:
        assert case.message.lower() in finding.message.lower(), finding.message
    if case.severity:
        assert finding.severity == case.severity
    if finding.status == "fail":
        assert finding.searched, "a failing finding says what was searched"
        assert finding.fix
    if finding.status == "pass" and case.evidence:
        assert finding.evidence


def test_every_rule_of_every_pack_has_cases() -> None:
    from auditready.rules import builtin_pack_names

    covered = {case.rule_id for case in CASES}
    for name in builtin_pack_names():
        missing = [rule.id for rule in pack(name).rules if rule.id not in covered]
        assert not missing, f"pack {name}: rules without tests/rules/cases/<id>.yaml: {missing}"


def test_every_rule_has_passing_and_failing_cases() -> None:
    outcomes: dict[str, set[str]] = {}
    for case in CASES:
        outcomes.setdefault(case.rule_id, set()).add(case.expect)
    lacking = {rule: sorted({"pass", "fail"} - seen) for rule, seen in outcomes.items() if not {"pass", "fail"} <= seen}
    assert not lacking, lacking

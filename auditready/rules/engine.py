"""Judge one note against a pack, and turn its findings into a score and a verdict.

Verdict (DESIGN.md "Contracts"): `unsupported` if any fatal criterion fails, else `at_risk` if any
recode or risk criterion fails, else `supported`. A note with no applicable criterion beyond
privacy (a psychotherapy note, a treatment plan, other documents) gets neither score nor verdict:
it is not a billing record.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from auditready.models import (
    AT_RISK,
    FAIL,
    NOT_APPLICABLE,
    PASS,
    SUPPORTED,
    UNSUPPORTED,
    Classification,
    Finding,
    Note,
)
from auditready.rules.context import NoteFacts, RuleContext
from auditready.rules.cpt import note_cpt
from auditready.rules.pack import Pack, Rule
from auditready.rules.result import CheckResult

NOT_BILLING_SEVERITIES = frozenset({"privacy"})


def evaluate_note(
    note: Note, classification: Classification, pack: Pack, context: RuleContext | None = None
) -> list[Finding]:
    """One finding per single-note rule of `pack`, in pack order: pass, fail or not_applicable,
    with evidence. Corpus rules (clones, plans, schedules) are left to crossnote/."""
    facts = NoteFacts(note, classification, pack, context or RuleContext())
    cpt = note_cpt(note)
    note_type = classification.note_type
    findings: list[Finding] = []
    append = findings.append
    for rule, run, citation in _prepared(pack):
        if not rule.applies_to_note(note_type, cpt):
            append(_finding(rule, citation, _not_applicable_reason(rule, note_type, cpt)))
            continue
        append(_finding(rule, citation, run(note, classification, rule.params, facts)))
    return findings


# Packs whose rules were last prepared, by identity (a pack is immutable once loaded). Few packs
# are in use at a time; the oldest is dropped beyond this many.
_PREPARED_PACKS = 8
_prepared_packs: dict[int, tuple[Pack, list[tuple[Rule, Any, str]]]] = {}


def _prepared(pack: Pack) -> list[tuple[Rule, Any, str]]:
    """(rule, check function, citation text) of each single-note rule, worked out once per pack
    rather than once per note."""
    found = _prepared_packs.get(id(pack))
    if found is not None and found[0] is pack:
        return found[1]
    prepared = [(rule, run, rule.citation_text) for rule, run in pack.note_checks]
    if len(_prepared_packs) >= _PREPARED_PACKS:
        del _prepared_packs[next(iter(_prepared_packs))]
    _prepared_packs[id(pack)] = (pack, prepared)
    return prepared


def _not_applicable_reason(rule: Rule, note_type: str, cpt: str | None) -> CheckResult:
    if note_type not in rule.applies_to:
        kinds = ", ".join(kind.replace("_", " ") for kind in rule.applies_to)
        return CheckResult(NOT_APPLICABLE, f"Not judged for a {note_type.replace('_', ' ')} note "
                                           f"(this rule applies to {kinds} notes).")
    codes = ", ".join(rule.codes or ())
    if cpt is None:
        return CheckResult(NOT_APPLICABLE, f"Applies to CPT {codes}; the note names no CPT code.")
    return CheckResult(NOT_APPLICABLE, f"Applies to CPT {codes}; this note is {cpt}.")


def _finding(rule: Rule, citation: str, result: CheckResult) -> Finding:
    status = result.status
    return Finding(
        criterion=rule.criterion,
        status=status,
        severity=result.severity or rule.severity,
        message=result.message,
        rule_id=rule.id,
        fix=rule.fix if status == FAIL else "",
        evidence=list(result.evidence),
        searched=result.searched,
        citation=citation,
    )


def score_and_verdict(findings: Iterable[Finding], pack: Pack) -> tuple[float | None, str | None]:
    """Score: the severity-weighted share of applicable criteria met, in percent (0-100, one
    decimal), weights from `pack.parameters["severity_weights"]`. Verdict per the contract."""
    applicable = [f for f in findings if f.status in (PASS, FAIL)]
    if not any(f.severity not in NOT_BILLING_SEVERITIES for f in applicable):
        return None, None
    weights = pack.parameters["severity_weights"]
    total = sum(weights[f.severity] for f in applicable)
    met = sum(weights[f.severity] for f in applicable if f.status == PASS)
    score = round(100.0 * met / total, 1)
    failed = {f.severity for f in applicable if f.status == FAIL}
    if "fatal" in failed:
        return score, UNSUPPORTED
    if failed & {"recode", "risk"}:
        return score, AT_RISK
    return score, SUPPORTED

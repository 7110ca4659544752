"""Judge one note against a pack, and turn its findings into a score and a verdict.

Verdict (DESIGN.md "Contracts"): `unsupported` if any fatal criterion fails, else `at_risk` if any
recode or risk criterion fails, else `supported`. A note with no applicable criterion beyond
privacy (a psychotherapy note, a treatment plan, other documents) gets neither score nor verdict:
it is not a billing record.
"""

from __future__ import annotations

from collections.abc import Iterable

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
    findings: list[Finding] = []
    for rule, run in pack.note_checks:
        if not rule.applies_to_note(classification.note_type, cpt):
            findings.append(_finding(rule, _not_applicable_reason(rule, classification.note_type, cpt)))
            continue
        findings.append(_finding(rule, run(note, classification, rule.params, facts)))
    return findings


def _not_applicable_reason(rule: Rule, note_type: str, cpt: str | None) -> CheckResult:
    if note_type not in rule.applies_to:
        kinds = ", ".join(kind.replace("_", " ") for kind in rule.applies_to)
        return CheckResult(NOT_APPLICABLE, f"Not judged for a {note_type.replace('_', ' ')} note "
                                           f"(this rule applies to {kinds} notes).")
    codes = ", ".join(rule.codes or ())
    if cpt is None:
        return CheckResult(NOT_APPLICABLE, f"Applies to CPT {codes}; the note names no CPT code.")
    return CheckResult(NOT_APPLICABLE, f"Applies to CPT {codes}; this note is {cpt}.")


def _finding(rule: Rule, result: CheckResult) -> Finding:
    return Finding(
        criterion=rule.criterion,
        status=result.status,
        severity=result.severity or rule.severity,
        message=result.message,
        rule_id=rule.id,
        fix=rule.fix if result.status == FAIL else "",
        evidence=list(result.evidence),
        searched=result.searched,
        citation=rule.citation_text,
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

"""Cross-note checks: what no single note can show on its own.

- clones (`not_cloned`, check `clone_similarity`): near-copies within a client's or a
  clinician's notes (clones.py);
- treatment plans (`treatment_plan_current`, check `plan_current`; `goal_linkage`, check
  `plan_goal_linkage`), only with a plans file (goals.py, plans.py);
- impossible days (`plausible_schedule`, check `schedule_plausible`) (days.py);
- claims reconciliation, only with a claims file (claims.py).

Each check takes its severity, parameters, fix and citation from the pack rule that names it
(a corpus-scope rule, declared in auditready/rules/registry.py); a check whose rule the pack
lacks does not run. The findings returned here replace the single-note findings of the same
criterion for that note (pipeline.merge_findings).
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from auditready.crossnote.claims import reconcile
from auditready.crossnote.clones import CloneDetection, detect_clones
from auditready.crossnote.codes import normalize_cpt
from auditready.crossnote.days import TIME_EVIDENCE_FIELDS, check_schedules
from auditready.crossnote.goals import (
    DOS_EVIDENCE_FIELD,
    GoalMatcher,
    LinkageRequest,
    PlanBook,
    governing_plan,
    plan_currency,
)
from auditready.models import (
    FAIL,
    Claim,
    ClaimResult,
    Classification,
    CloneGroup,
    Finding,
    Note,
    TreatmentPlan,
)
from auditready.rules import score_and_verdict
from auditready.rules.result import CheckResult, failed, not_applicable, passed

CLONE_CHECK, PLAN_CURRENT_CHECK, GOAL_LINKAGE_CHECK, SCHEDULE_CHECK = (
    "clone_similarity", "plan_current", "plan_goal_linkage", "schedule_plausible",
)
NOT_CLONED, TREATMENT_PLAN_CURRENT, GOAL_LINKAGE, PLAUSIBLE_SCHEDULE = (
    "not_cloned", "treatment_plan_current", "goal_linkage", "plausible_schedule",
)
CLONE_SEARCHED = (
    "narrative sentences (headers, fields, checkbox grids, MSE boilerplate, signatures, dates "
    "and names removed) compared with this client's other notes and this clinician's notes"
)

__all__ = ["CrossNoteResult", "EVIDENCE_FIELDS", "run_crossnote"]

# The note fields whose spans cross-note findings cite as evidence. Only these spans are needed
# once the single-note rules have run; a scan of 100,000 notes drops the others to save memory.
EVIDENCE_FIELDS = frozenset({*TIME_EVIDENCE_FIELDS, DOS_EVIDENCE_FIELD})


@dataclass(slots=True)
class CrossNoteResult:
    findings_by_note: dict[str, list[Finding]] = field(default_factory=dict)
    clones: list[CloneGroup] = field(default_factory=list)
    claim_results: list[ClaimResult] = field(default_factory=list)


def _rule_for(pack, criterion: str, check: str):
    for rule in pack.rules_for(criterion):
        if rule.check == check:
            return rule
    return None


def _param(rule, name: str):
    params = rule.params
    if isinstance(params, Mapping):
        return params[name]
    return getattr(params, name)


@lru_cache(maxsize=256)
def _citation(citation: tuple[str, ...]) -> str:
    # Rule.citation_text joins on every call; one cross-note finding per note per rule made
    # that a measurable share of the stage at 100,000 notes.
    return " ".join(citation)


def _finding(rule, result: CheckResult) -> Finding:
    return Finding(
        criterion=rule.criterion,
        status=result.status,
        severity=result.severity or rule.severity,
        message=result.message,
        rule_id=rule.id,
        fix=rule.fix if result.status == FAIL else "",
        evidence=list(result.evidence),
        searched=result.searched,
        citation=_citation(tuple(rule.citation)),
    )


def _note_type(classifications: Mapping[str, Classification], note: Note) -> str:
    found = classifications.get(note.id)
    return found.note_type if found is not None else "other"


def run_crossnote(
    notes: Sequence[Note],
    classifications: Mapping[str, Classification],
    pack,
    plans: list[TreatmentPlan] | None,
    claims: list[Claim] | None,
    findings: Mapping[str, list[Finding]],
    narratives: MutableMapping[str, tuple[str, int]] | None = None,
) -> CrossNoteResult:
    """Cross-note findings per note, clone groups and claim results for one scan.
    `narratives` (note id -> clones.comparison_text(note)) saves recomputing what the scan's
    workers computed already; clone detection empties it as it goes."""
    result = CrossNoteResult()

    def add(note_id: str, rule, outcome: CheckResult) -> None:
        result.findings_by_note.setdefault(note_id, []).append(_finding(rule, outcome))

    def judged(rule) -> list[Note]:
        """The notes a corpus rule applies to (the pack's `applies_to` types and `codes`)."""
        return [n for n in notes if rule.applies_to_note(_note_type(classifications, n), normalize_cpt(n.value("cpt")) or None)]

    clone_rule = _rule_for(pack, NOT_CLONED, CLONE_CHECK)
    if clone_rule is not None:
        threshold = float(_param(clone_rule, "threshold"))
        min_words = int(_param(clone_rule, "min_words"))
        compared = judged(clone_rule)
        detection = detect_clones(compared, threshold, min_words, narratives)
        result.clones = detection.groups
        for note in compared:
            add(note.id, clone_rule, _clone_outcome(note, detection, threshold, min_words))

    schedule_rule = _rule_for(pack, PLAUSIBLE_SCHEDULE, SCHEDULE_CHECK)
    if schedule_rule is not None:
        placed = judged(schedule_rule)
        outcomes = check_schedules(placed, int(_param(schedule_rule, "max_minutes_per_day")))
        for note in placed:
            add(note.id, schedule_rule, outcomes[note.id])

    if plans is not None:
        _plan_findings(notes, judged, pack, plans, add)

    if claims is not None:
        verdicts: dict[str, str | None] = {}
        for note in notes:
            cross = result.findings_by_note.get(note.id, [])
            replaced = {f.criterion for f in cross}
            single = [f for f in findings.get(note.id, []) if f.criterion not in replaced]
            verdicts[note.id] = score_and_verdict(single + cross, pack)[1]
        result.claim_results = reconcile(
            claims,
            notes,
            {n.id: _note_type(classifications, n) for n in notes},
            verdicts,
            time_bands=pack.parameters.get("cpt_time_bands"),
        )
    return result


def _plan_findings(notes: Sequence[Note], judged, pack, plans: list[TreatmentPlan], add) -> None:
    book = PlanBook(plans)
    current_rule = _rule_for(pack, TREATMENT_PLAN_CURRENT, PLAN_CURRENT_CHECK)
    linkage_rule = _rule_for(pack, GOAL_LINKAGE, GOAL_LINKAGE_CHECK)
    max_age = None
    if current_rule is not None:
        max_age = _param(current_rule, "max_plan_age_days")
        for note in judged(current_rule):
            add(note.id, current_rule, plan_currency(note, book.for_note(note), max_age))
    if linkage_rule is None:
        return
    requests = []
    for note in judged(linkage_rule):
        plan = governing_plan(book.for_note(note), note.value("date_of_service"), max_age)
        # Without a plan in force by the date of service there is nothing to link to: the
        # single-note goal finding stays, and treatment_plan_current reports the missing plan.
        if plan is not None:
            requests.append(LinkageRequest(note, plan))
    matcher = GoalMatcher(plans)
    threshold = float(_param(linkage_rule, "similarity_threshold"))
    for request, outcome in zip(requests, matcher.link(requests, threshold)):
        add(request.note.id, linkage_rule, outcome)


def _clone_outcome(note: Note, detection: CloneDetection, threshold: float, min_words: int) -> CheckResult:
    if note.id in detection.too_short:
        return not_applicable(
            f"the narrative is too short to compare ({detection.too_short[note.id]} words; "
            f"the pack compares notes of {min_words} words or more)"
        )
    group_index = detection.group_of.get(note.id)
    if group_index is None:
        best = detection.best_similarity.get(note.id, 0.0)
        return passed(
            f"no other note of this client or clinician shares its narrative "
            f"(highest similarity {best:.2f}, threshold {threshold:.2f})",
            searched=CLONE_SEARCHED,
        )
    group = detection.groups[group_index]
    others = [other for other in group.notes if other != note.id]
    listed = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
    how = {
        "client": "copied forward within this client's notes",
        "clinician": "the same text in this clinician's notes for other clients",
    }.get(group.scope, "shared across clients and clinicians")
    passage = detection.passage.get(note.id)
    return failed(
        f"near-copy of {len(others)} other note{'s' * (len(others) != 1)} ({how}; mean similarity "
        f"{group.similarity:.2f}, threshold {threshold:.2f}): {listed}",
        CLONE_SEARCHED,
        [passage] if passage is not None else [],
    )

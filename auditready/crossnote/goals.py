"""Progress notes against the client's treatment plans: is a signed plan current on the date
of service, and does the note tie the session to that plan's goals?

- `treatment_plan_current` (criteria.md §1D; NGS treatment-plan page, CGS TPE [P]; OIG On-Site
  found 111 of 120 claims with noncompliant plans [P]
  https://oig.hhs.gov/reports/all/2020/on-site-psychological-services-pc-audit-of-medicare-payments-for-psychotherapy-services):
  passes when a signed plan for the client took effect on or before the date of service and
  had not reached its review date (nor, when the pack sets one, its maximum age).
- `goal_linkage` (criteria.md §1D `note_links_to_goal`: Colorado RAE D3 [S], Oklahoma OAC
  450:27-7-44(a)(6) [P] http://okrules.elaws.us/oac/450:27-7-44): passes when the note cites
  a goal or objective id that exists in the plan governing the date of service, or when one of
  its sentences clearly matches a goal's wording (TF-IDF cosine at or above the pack's
  threshold, sharing at least two content words).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from auditready.crossnote.goalids import GoalReference, references_in
from auditready.crossnote.identity import ClientIndex
from auditready.crossnote.sentences import sentences
from auditready.models import Note, Span, TreatmentGoal, TreatmentPlan
from auditready.rules.result import CheckResult, failed, passed

# Words every plan and note share; they say nothing about which goal a sentence serves.
_CLINICAL_STOP_WORDS = frozenset(
    """client clients patient patients pt will session sessions week weeks weekly day days daily
    per time times month months year therapist therapy treatment goal goals objective objectives
    plan able continue continued report reports reported use using also""".split()
)
_STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | _CLINICAL_STOP_WORDS
MIN_SHARED_TERMS = 2  # one shared word ("anxiety") is a topic, not a tie to a specific goal
MIN_SENTENCE_TERMS = 3
_SUFFIXES = ("ational", "ations", "ation", "ness", "ment", "ings", "ing", "ies", "ied", "ed", "es", "ly", "s")


def _stem(word: str) -> str:
    """A light suffix strip so "relaxation"/"relax", "sleeping"/"sleep" meet; never below four
    letters, so short words stay themselves."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            base = word[: -len(suffix)]
            return base + "y" if suffix in ("ies", "ied") else base
    return word


def content_terms(text: str) -> list[str]:
    return [_stem(w) for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in _STOP_WORDS]


def _analyzer(text: str) -> list[str]:
    terms = content_terms(text)
    return terms + [f"{a} {b}" for a, b in zip(terms, terms[1:])]


# ---------------------------------------------------------------------------- plan currency


@dataclass(frozen=True, slots=True)
class PlanWindow:
    plan: TreatmentPlan
    end: date | None  # last day the plan covers; None = open-ended
    end_reason: str  # "review date" | "N-day plan age limit" | ""


def plan_window(plan: TreatmentPlan, max_plan_age_days: int | None) -> PlanWindow:
    ends: list[tuple[date, str]] = []
    if plan.review_by:
        ends.append((plan.review_by, "review date"))
    if max_plan_age_days is not None and plan.effective:
        ends.append((plan.effective + timedelta(days=max_plan_age_days), f"the pack's {max_plan_age_days}-day plan age limit"))
    if not ends:
        return PlanWindow(plan, None, "")
    end, reason = min(ends, key=lambda item: item[0])
    return PlanWindow(plan, end, reason)


def describe_plan(plan: TreatmentPlan) -> str:
    parts = [f"effective {plan.effective.isoformat()}" if plan.effective else "with no effective date"]
    if plan.review_by:
        parts.append(f"review by {plan.review_by.isoformat()}")
    where = ""
    if plan.source is not None:
        where = f"; {plan.source.path}" + (f", row {plan.source.row}" if plan.source.row else "")
    return f"plan {', '.join(parts)}{where}"


class PlanBook:
    """Plans looked up by client (id first, name otherwise; see identity.ClientIndex)."""

    def __init__(self, plans: Iterable[TreatmentPlan]):
        self._index = ClientIndex()
        self.count = 0
        for plan in plans:
            self._index.add(plan.client, plan.client_id, plan)
            self.count += 1

    def for_note(self, note: Note) -> list[TreatmentPlan]:
        found = self._index.find(note.value("client"), note.value("client_id"))
        return [plan for plan in found if isinstance(plan, TreatmentPlan)]


# The note field whose span plan currency cites (see crossnote.EVIDENCE_FIELDS).
DOS_EVIDENCE_FIELD = "date_of_service"


def _dos_evidence(note: Note) -> list[Span]:
    found = note.fields.get(DOS_EVIDENCE_FIELD)
    return [found.span] if found is not None and found.span is not None else []


def _latest(plans: Sequence[TreatmentPlan]) -> TreatmentPlan | None:
    dated = [plan for plan in plans if plan.effective]
    return max(dated, key=lambda plan: plan.effective) if dated else None


def governing_plan(
    plans: Sequence[TreatmentPlan], dos: date | None, max_plan_age_days: int | None
) -> TreatmentPlan | None:
    """The plan whose goals a note on `dos` should serve: the latest one in force on that date
    (signed or not), else the latest that took effect before it; None without a date, when
    every plan starts later, or when the plans file carries no goals to link to."""
    if dos is None:
        return None
    started = [plan for plan in plans if plan.effective and plan.effective <= dos and plan.goals_listed]
    in_force = [
        plan for plan in started
        if (window := plan_window(plan, max_plan_age_days)).end is None or dos <= window.end
    ]
    return _latest(in_force) or _latest(started)


SEARCHED_PLANS = (
    "plans for this client in the plans file (by client id, else by name): a signed plan "
    "effective on or before the date of service and not past its review date"
)


def plan_currency(note: Note, plans: Sequence[TreatmentPlan], max_plan_age_days: int | None) -> CheckResult:
    """`treatment_plan_current` for one note against its client's plans."""
    dos = note.value("date_of_service")
    evidence = _dos_evidence(note)
    if not plans:
        return failed("no treatment plan for this client in the plans file", SEARCHED_PLANS, evidence)
    if not isinstance(dos, date):
        return failed(
            "the note has no date of service, so no plan can be shown to cover it",
            SEARCHED_PLANS,
        )
    when = dos.isoformat()
    started = [plan for plan in plans if plan.effective and plan.effective <= dos]
    windows = [plan_window(plan, max_plan_age_days) for plan in started]
    in_force = [w for w in windows if w.end is None or dos <= w.end]
    signed = [w for w in in_force if w.plan.signed]
    if signed:
        best = max(signed, key=lambda w: w.plan.effective)
        return passed(f"signed {describe_plan(best.plan)} covers the date of service {when}", evidence)
    if in_force:
        best = max(in_force, key=lambda w: w.plan.effective)
        return failed(
            f"the {describe_plan(best.plan)} covers {when} but is not signed by the clinician",
            SEARCHED_PLANS,
            evidence,
        )
    if windows:
        latest = max(windows, key=lambda w: w.plan.effective)
        return failed(
            f"no plan covers {when}: the latest {describe_plan(latest.plan)} ended "
            f"{latest.end.isoformat()} ({latest.end_reason}); the plan needed a review or update",
            SEARCHED_PLANS,
            evidence,
        )
    future = [plan for plan in plans if plan.effective and plan.effective > dos]
    if future:
        first = min(future, key=lambda plan: plan.effective)
        return failed(
            f"no plan covers {when}: the client's first plan takes effect "
            f"{first.effective.isoformat()}, after the date of service",
            SEARCHED_PLANS,
            evidence,
        )
    return failed(
        f"the client's plan{'s' * (len(plans) != 1)} carry no effective date, so none can be shown "
        f"to cover {when}",
        SEARCHED_PLANS,
        evidence,
    )


# ----------------------------------------------------------------------------- goal linkage


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _goal_label(goal: TreatmentGoal) -> str:
    return f"{'Objective' if goal.kind == 'objective' else 'Goal'} {goal.goal_id}".strip()


def _goal_ids(plan: TreatmentPlan) -> str:
    return ", ".join(_goal_label(goal) for goal in plan.goals if goal.goal_id) or "unnumbered goals"


def _match_reference(reference: GoalReference, plan: TreatmentPlan) -> TreatmentGoal | None:
    same_id = [goal for goal in plan.goals if goal.goal_id == reference.goal_id]
    if not same_id:
        return None
    same_kind = [goal for goal in same_id if reference.kind is None or goal.kind == reference.kind]
    return (same_kind or same_id)[0]


def _sentence_around(spans: Sequence[tuple[int, int]], text: str, start: int, end: int) -> Span:
    for s, e in spans:
        if s <= start < e:
            return Span(s, e, text[s:e])
    return Span(start, end, text[start:end])


@dataclass(slots=True)
class LinkageRequest:
    note: Note
    plan: TreatmentPlan


class GoalMatcher:
    """TF-IDF over the plans' goal wording. The vocabulary and weights come from the goals, so
    words that appear in many goals ("reduce", "improve") count less than the words that tell
    goals apart ("sleep", "panic")."""

    def __init__(self, plans: Iterable[TreatmentPlan]):
        goal_texts = [goal.text for plan in plans for goal in plan.goals if goal.text]
        self.vectorizer: TfidfVectorizer | None = None
        if any(content_terms(text) for text in goal_texts):
            self.vectorizer = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True)
            self.vectorizer.fit(goal_texts)
        self._goal_rows: dict[int, object] = {}

    def _goals_matrix(self, plan: TreatmentPlan):
        key = id(plan)
        if key not in self._goal_rows:
            self._goal_rows[key] = self.vectorizer.transform([goal.text for goal in plan.goals])
        return self._goal_rows[key]

    def link(self, requests: Sequence[LinkageRequest], threshold: float) -> list[CheckResult]:
        """`goal_linkage` for each (note, governing plan) pair."""
        sentence_lists = [sentences(request.note.text) for request in requests]
        results: list[CheckResult | None] = [self._by_reference(r, s) for r, s in zip(requests, sentence_lists)]
        pending = [i for i, result in enumerate(results) if result is None]
        wording = self._by_wording([requests[i] for i in pending], [sentence_lists[i] for i in pending], threshold)
        for index, result in zip(pending, wording):
            results[index] = result
        return [result for result in results if result is not None]

    @staticmethod
    def _by_reference(request: LinkageRequest, spans: Sequence[tuple[int, int]]) -> CheckResult | None:
        note, plan = request.note, request.plan
        if not plan.goals:
            return failed(
                f"the {describe_plan(plan)} lists no goals, so the note cannot be tied to one",
                "goals and objectives in the plan governing the date of service",
            )
        matched: list[tuple[GoalReference, TreatmentGoal]] = []
        for reference in references_in(note.text):
            goal = _match_reference(reference, plan)
            if goal is not None:
                matched.append((reference, goal))
        if not matched:
            return None
        labels = []
        for _reference, goal in matched:
            label = f'{_goal_label(goal)} ("{_short(goal.text, 60)}")'
            if label not in labels:
                labels.append(label)
        evidence = [_sentence_around(spans, note.text, ref.start, ref.end) for ref, _ in matched]
        named = ", ".join(labels[:3]) + (f" and {len(labels) - 3} more" if len(labels) > 3 else "")
        return passed(f"the note names {named} of the {describe_plan(plan)}", evidence)

    def _by_wording(
        self, requests: Sequence[LinkageRequest], sentence_lists: Sequence[Sequence[tuple[int, int]]], threshold: float
    ) -> list[CheckResult]:
        rows: list[tuple[int, int, int]] = []  # (request index, sentence start, end)
        texts: list[str] = []
        for index, (request, spans) in enumerate(zip(requests, sentence_lists)):
            for start, end in spans:
                sentence = request.note.text[start:end]
                if len(content_terms(sentence)) >= MIN_SENTENCE_TERMS:
                    rows.append((index, start, end))
                    texts.append(sentence)
        best: dict[int, tuple[float, int, int]] = {}  # request -> (score, row, goal)
        if self.vectorizer is not None and texts:
            matrix = self.vectorizer.transform(texts).tocsr()
            presence = matrix.copy()
            presence.data[:] = 1.0
            by_request: dict[int, list[int]] = {}
            for row_number, (index, _s, _e) in enumerate(rows):
                by_request.setdefault(index, []).append(row_number)
            for index, row_numbers in by_request.items():
                plan = requests[index].plan
                goals = self._goals_matrix(plan)
                scores = (matrix[row_numbers] @ goals.T).toarray()
                goal_presence = goals.copy()
                goal_presence.data[:] = 1.0
                shared = (presence[row_numbers] @ goal_presence.T).toarray()
                scores[shared < MIN_SHARED_TERMS] = 0.0
                flat = int(np.argmax(scores))
                sentence_at, goal_at = divmod(flat, scores.shape[1])
                best[index] = (float(scores[sentence_at, goal_at]), row_numbers[sentence_at], goal_at)
        results = []
        for index, request in enumerate(requests):
            note, plan = request.note, request.plan
            score, row_number, goal_at = best.get(index, (0.0, -1, -1))
            if row_number >= 0 and score >= threshold:
                goal = plan.goals[goal_at]
                _i, start, end = rows[row_number]
                results.append(
                    passed(
                        f'a sentence matches the wording of {_goal_label(goal)} ("{_short(goal.text, 60)}") '
                        f"of the {describe_plan(plan)} (similarity {score:.2f}, threshold {threshold:.2f})",
                        [Span(start, end, note.text[start:end])],
                    )
                )
                continue
            references = references_in(note.text)
            cited = sorted({f"{'Objective' if r.kind == 'objective' else 'Goal'} {r.goal_id}" for r in references})
            spans = sentence_lists[index]
            contradicting = [_sentence_around(spans, note.text, r.start, r.end) for r in references]
            if cited:
                opening = f"the note cites {', '.join(cited)}, which the {describe_plan(plan)} does not have (it has {_goal_ids(plan)})"
            else:
                opening = f"the note names no goal of the {describe_plan(plan)} ({_goal_ids(plan)})"
            results.append(
                failed(
                    f"{opening}, and no sentence matches a goal's wording "
                    f"(best similarity {score:.2f}, threshold {threshold:.2f})",
                    f"goal/objective ids (\"Goal 2\", \"Objective 1b\", \"#2\") and sentences resembling "
                    f"the plan's {len(plan.goals)} goals and objectives",
                    contradicting,
                )
            )
        return results


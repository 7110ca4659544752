"""Shared builders for the cross-note tests: notes with fields (spans located in the text, the
way the field extractor reports them) and a pack holding the four corpus rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from auditready.models import Classification, ExtractedField, Locator, Note, Span
from auditready.rules.checks.crossnote_checks import (
    CloneSimilarityParams,
    PlanCurrentParams,
    PlanGoalLinkageParams,
    SchedulePlausibleParams,
)
from auditready.rules.pack import Pack, Rule

EXTERNAL_NOTES = Path(__file__).resolve().parents[2].parent / "shared" / "external-notes"

# criteria.md §2 (Novitas [P]; crisis and family [S]), as common.yaml `cpt_time_bands` holds them.
TIME_BANDS = {
    "90832": {"family": "individual", "min": 16, "max": 37},
    "90834": {"family": "individual", "min": 38, "max": 52},
    "90837": {"family": "individual", "min": 53},
    "90833": {"family": "add_on", "min": 16, "max": 37},
    "90836": {"family": "add_on", "min": 38, "max": 52},
    "90838": {"family": "add_on", "min": 53},
    "90839": {"family": "crisis", "min": 30, "fallback_family": "individual"},
    "90846": {"family": "family", "min": 26},
    "90847": {"family": "family", "min": 26},
}


def build_note(note_id: str, text: str, path: str = "notes.pdf", **fields) -> Note:
    """A Note whose fields point at their text in `text` when the value is written there."""
    extracted = {}
    for name, value in fields.items():
        shown = value.strftime("%m/%d/%Y") if isinstance(value, date) else str(value)
        at = text.find(shown)
        span = Span(at, at + len(shown), shown) if at >= 0 else None
        extracted[name] = ExtractedField(value, span)
    return Note(note_id, Locator(path, page=1), text, extracted)


@pytest.fixture
def make_note():
    return build_note


def corpus_rule(rule_id: str, criterion: str, check: str, params, severity: str, applies_to) -> Rule:
    return Rule(
        id=rule_id,
        criterion=criterion,
        check=check,
        params=params,
        severity=severity,
        applies_to=tuple(applies_to),
        codes=None,
        citation=("https://www.ngsmedicare.com/web/ngs/documentation?selectedArticleId=1459133",),
        what=f"{criterion} across notes",
        why="tested",
        fix=f"fix {criterion}",
        example=None,
        scope="corpus",
        source="tests/crossnote/conftest.py",
    )


def build_pack(*, threshold=0.9, min_words=20, similarity=0.3, max_age=None, max_minutes=720, rules=None) -> Pack:
    every = {
        "CLN001": corpus_rule("CLN001", "not_cloned", "clone_similarity",
                              CloneSimilarityParams(threshold=threshold, min_words=min_words), "fatal", ["progress", "intake"]),
        "GOL002": corpus_rule("GOL002", "goal_linkage", "plan_goal_linkage",
                              PlanGoalLinkageParams(similarity_threshold=similarity), "quality", ["progress"]),
        "TXP001": corpus_rule("TXP001", "treatment_plan_current", "plan_current",
                              PlanCurrentParams(max_plan_age_days=max_age), "fatal", ["progress"]),
        "SCH001": corpus_rule("SCH001", "plausible_schedule", "schedule_plausible",
                              SchedulePlausibleParams(max_minutes_per_day=max_minutes), "risk", ["progress", "intake"]),
    }
    chosen = tuple(rule for rule_id, rule in every.items() if rules is None or rule_id in rules)
    return Pack(
        id="crossnote-test",
        name="cross-note test pack",
        version="1",
        description="the four corpus rules",
        extends=None,
        parameters={
            "severity_weights": {"fatal": 4, "recode": 3, "risk": 2, "quality": 1, "privacy": 1},
            "score_pass_mark": 80,
            "cpt_time_bands": TIME_BANDS,
        },
        criteria={"plausible_schedule": "the clinician's documented minutes that day are possible"},
        rules=chosen,
    )


@pytest.fixture
def make_pack():
    return build_pack


def classify_all(notes, note_type: str = "progress", **overrides) -> dict[str, Classification]:
    return {
        note.id: Classification(overrides.get(note.id, note_type), 0.9, ["test"]) for note in notes
    }


@pytest.fixture
def classified():
    return classify_all

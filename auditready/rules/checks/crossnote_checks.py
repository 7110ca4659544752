"""Cross-note checks: declared here (parameters, scope) so pack rules naming them are validated;
implemented in auditready/crossnote/, which reads each rule's params and severity from the pack."""

from __future__ import annotations

from pydantic import Field

from auditready.rules.registry import CheckParams, corpus_check


class CloneSimilarityParams(CheckParams):
    # Cosine similarity at or above which two notes count as near-copies (criteria.md 1C
    # `not_cloned`: "flag >= ~0.9").
    threshold: float = Field(default=0.9, gt=0, le=1)
    # Notes shorter than this (after headers, dates and names are stripped) are not compared:
    # short notes share most of their words by necessity.
    min_words: int = Field(default=40, ge=1)


class PlanGoalLinkageParams(CheckParams):
    # Similarity between the note's goal language and a plan goal at which the note counts as
    # addressing that goal.
    similarity_threshold: float = Field(default=0.3, gt=0, le=1)


class PlanCurrentParams(CheckParams):
    # A plan older than this on the date of service no longer counts as current; None: a plan
    # counts until its own review date (if any).
    max_plan_age_days: int | None = Field(default=None, ge=1)


class SchedulePlausibleParams(CheckParams):
    # More documented session minutes than this for one clinician on one day is implausible.
    max_minutes_per_day: int = Field(ge=60, le=24 * 60)


corpus_check("clone_similarity", CloneSimilarityParams,
             "The note is not a near-copy of another note of the same client or clinician.")
corpus_check("plan_goal_linkage", PlanGoalLinkageParams,
             "The note addresses a goal of the client's treatment plan (plans file).")
corpus_check("plan_current", PlanCurrentParams,
             "A signed treatment plan covers the date of service (plans file).")
corpus_check("schedule_plausible", SchedulePlausibleParams,
             "The clinician's documented minutes that day are humanly possible.")

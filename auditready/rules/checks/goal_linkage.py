"""The session is tied to treatment-plan goals (criteria.md 1D `note_links_to_goal`).

Single-note fallback: goal language in the note itself ("Goal 2: reduce panic attacks"). With a
plans file, the cross-note check `plan_goal_linkage` judges the note against the real plan and
its finding replaces this one."""

from __future__ import annotations

from auditready.rules.evidence import named, searched_terms, sentences
from auditready.rules.lexicon_params import Categories
from auditready.rules.registry import CheckParams, note_check
from auditready.rules.result import failed, passed


class Params(CheckParams):
    goal_categories: Categories("goals") = None


@note_check("goal_linkage", Params)
def check(note, classification, params: Params, ctx):
    """The note names the treatment-plan goal(s) the session addressed."""
    goals = [m for m in ctx.in_categories("goals", params.goal_categories)
             if not m.negated and not m.other_experiencer]
    if goals:
        return passed(f"Treatment goals referenced ({named(goals, 3)}).", sentences(goals))
    return failed("The note does not name a treatment-plan goal.",
                  searched_terms(ctx.run.lexicon("goals"), params.goal_categories,
                                 "references to treatment-plan goals or objectives"))

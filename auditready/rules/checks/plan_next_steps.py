"""Next steps: plan, homework, next session, referrals (criteria.md 1C `plan_next_steps`;
required in CalAIM notes, BHIN 23-068). A "Plan:" heading counts only with real content after
it: a template's "Plan: to be completed..." is not a plan."""

from __future__ import annotations

from pydantic import Field

from auditready.rules.evidence import named, searched_terms, sentences
from auditready.rules.lexicon_params import Categories
from auditready.rules.patterns import PatternList, compiled
from auditready.rules.registry import CheckParams, note_check
from auditready.rules.result import failed, passed

LEXICON = "plan"


class Params(CheckParams):
    # Categories that are next steps in themselves (next session, homework, referral ...);
    # None: every category except the headings.
    step_categories: Categories(LEXICON) = None
    # Section labels ("Plan:", "Next steps:") that count only when content follows them.
    heading_categories: Categories(LEXICON) = []
    min_heading_words: int = Field(default=5, ge=1)
    # Template text that is not content ("to be completed", "...").
    placeholder_patterns: PatternList = []


@note_check("plan_next_steps", Params)
def check(note, classification, params: Params, ctx):
    """The note says what happens next (next session, homework, referral, coordination)."""
    lexicon = ctx.run.lexicon(LEXICON)
    headings = set(params.heading_categories or ())
    step_categories = params.step_categories or [c for c in lexicon.categories if c not in headings]
    # Plans are future by nature, so hypothetical matches count; negated ones ("no homework") do not.
    steps = [m for m in ctx.in_categories(LEXICON, step_categories) if not m.negated and not m.other_experiencer]
    if steps:
        return passed(f"Next steps documented ({named(steps, 3)}).", sentences(steps))
    searched = searched_terms(lexicon, step_categories, "a plan, homework, next session or referral")
    placeholder = compiled(tuple(params.placeholder_patterns))
    empty_headings = []
    for heading in ctx.in_categories(LEXICON, headings) if headings else []:
        content = ctx.content_after(heading.sentence, heading.end)
        if content is not None and len(content.text.split()) >= params.min_heading_words and not (
            placeholder is not None and placeholder.search(content.text)
        ):
            return passed("A plan section with content.", [content])
        empty_headings.append(heading)
    if empty_headings:
        return failed("The plan section is empty or a template placeholder.", searched, sentences(empty_headings))
    return failed("No plan or next step (next session, homework, referral).", searched)


"""Risk is assessed where the note calls for it (criteria.md 1H `risk_assessment_when_indicated`):
at intake, and whenever the note reports suicidal or homicidal ideation, self-harm, an attempt,
an overdose, or a plan. Then an assessment must be documented (ideation, plan/intent/means,
protective factors, C-SSRS, safety plan or disposition). A note without indicators needs none;
"denies SI/HI" there is a screen, which passes.

Negation matters (DESIGN.md): "denies SI" documents a screen and is not an indicator.
"""

from __future__ import annotations

from auditready.rules.evidence import named, searched_terms, sentences
from auditready.rules.lexicon_params import Categories
from auditready.rules.registry import CheckParams, note_check
from auditready.rules.result import failed, not_applicable, passed

LEXICON = "risk"


class Params(CheckParams):
    # Affirmed (not negated, not about someone else) matches that call for an assessment.
    indicator_categories: Categories(LEXICON)
    # Matches that document an assessment, whether negated or not ("no plan or intent").
    assessment_categories: Categories(LEXICON)
    # Categories whose NEGATED matches document a screen ("denies SI/HI").
    screening_categories: Categories(LEXICON)
    # Note types that always call for an assessment (criteria.md 1H: at intake).
    always_for: list[str] = ["intake"]


@note_check("risk_assessment", Params)
def check(note, classification, params: Params, ctx):
    """Risk (SI/HI/self-harm) is assessed when the note's content or type calls for it."""
    matches = ctx.matches(LEXICON)
    indicators = [
        m for m in matches
        if m.category in params.indicator_categories and not m.negated and not m.other_experiencer
    ]
    indicator_ids = {id(m) for m in indicators}
    assessed = [
        m for m in matches
        if not m.other_experiencer and id(m) not in indicator_ids and (
            m.category in params.assessment_categories
            or (m.negated and m.category in params.screening_categories)
        )
    ]
    lexicon = ctx.run.lexicon(LEXICON)
    searched = searched_terms(lexicon, params.assessment_categories + params.screening_categories,
                              "a documented risk assessment (plan/intent/means, protective factors, "
                              "C-SSRS, safety plan, disposition, or 'denies SI/HI')")
    called_by_type = classification.note_type in params.always_for
    if indicators or called_by_type:
        reason = (f"the note reports {named(indicators, 2)}" if indicators
                  else f"a {classification.note_type} note always calls for one")
        if assessed:
            return passed(f"Risk assessed ({named(assessed, 3)}); {reason}.",
                          sentences(indicators, 1) + sentences(assessed, 2))
        return failed(f"No risk assessment documented, though {reason}.", searched, sentences(indicators))
    if assessed:
        return passed(f"Risk screened: {named(assessed, 3)}.", sentences(assessed, 2))
    return not_applicable("No risk indicators in the note, so no assessment is called for.")

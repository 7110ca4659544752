"""Medical necessity: current symptoms AND their effect on functioning (criteria.md 1C
`symptoms_and_impairment`, the core of medical necessity). Negated ("denies depression"),
historical, hypothetical and someone else's symptoms ("mother has depression") do not count."""

from __future__ import annotations

from pydantic import field_validator

from auditready.rules.evidence import named, searched_terms, sentences
from auditready.rules.lexicon_params import Categories
from auditready.rules.registry import CheckParams, note_check
from auditready.rules.result import failed, passed


class Params(CheckParams):
    symptom_categories: Categories("symptoms") = None
    # Terms of the symptoms lexicon that only qualify a symptom ("moderate", "daily"): alone they
    # describe no symptom. (Counts such as "3 panic attacks a week" are symptoms with a measure.)
    qualifier_terms: list[str] = []
    impairment_categories: Categories("impairment") = None

    @field_validator("qualifier_terms")
    @classmethod
    def _known_terms(cls, value: list[str]) -> list[str]:
        from auditready.text.lexicon import load_lexicon

        missing = set(value) - set(load_lexicon("symptoms").terms())
        if missing:
            raise ValueError(f"{sorted(missing)[0]!r} is not a term of lexicon 'symptoms'")
        return value


@note_check("medical_necessity", Params)
def check(note, classification, params: Params, ctx):
    """Current symptoms and functional impairment are both described."""
    symptoms = [m for m in ctx.affirmed("symptoms", params.symptom_categories)
                if m.term not in params.qualifier_terms]
    impairment = ctx.affirmed("impairment", params.impairment_categories)
    if symptoms and impairment:
        return passed(f"Symptoms ({named(symptoms, 3)}) and their effect on functioning "
                      f"({named(impairment, 2)}).", sentences(symptoms, 2) + sentences(impairment, 2))
    searched = "; ".join(part for part in (
        None if symptoms else searched_terms(ctx.run.lexicon("symptoms"), params.symptom_categories,
                                             "current symptoms"),
        None if impairment else searched_terms(ctx.run.lexicon("impairment"), params.impairment_categories,
                                               "functional impairment (work, school, relationships, self-care)"),
    ) if part)
    if symptoms:
        return failed(f"Symptoms are described ({named(symptoms, 3)}) but not how they affect "
                      "functioning (work, school, relationships, self-care).", searched, sentences(symptoms, 2))
    if impairment:
        return failed(f"Functioning is described ({named(impairment, 2)}) but no current symptoms.",
                      searched, sentences(impairment, 2))
    return failed("No current symptoms or functional impairment described.", searched)

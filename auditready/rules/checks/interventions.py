"""Specific, named interventions delivered in this session (criteria.md 1C
`intervention_specific`): techniques like cognitive restructuring or behavioral activation, not
only "provided support" or "processed feelings". An intervention planned for next session or
delivered in an earlier one does not count."""

from __future__ import annotations

from pydantic import field_validator

from auditready.rules.evidence import named, searched_terms, sentences
from auditready.rules.lexicon_params import Categories
from auditready.rules.registry import CheckParams, Severity, note_check
from auditready.rules.result import failed, passed


class Params(CheckParams):
    intervention_categories: Categories("interventions") = None
    # Lexicon terms that name a therapy model rather than a technique ("CBT"): a note naming
    # only these shows the modality, not what was done (criteria.md 1C: "not just a modality").
    modality_terms: list[str] = []
    # Categories of the `vague` lexicon that are generic stand-ins for an intervention.
    generic_categories: Categories("vague")
    # Severity when the note shows no psychotherapy content at all, not even a generic phrase
    # (criteria.md: S1 "if no psychotherapy content"); None keeps the rule's severity.
    no_content_severity: Severity | None = None


    @field_validator("modality_terms")
    @classmethod
    def _known_terms(cls, value: list[str]) -> list[str]:
        from auditready.text.lexicon import load_lexicon

        known = set(load_lexicon("interventions").terms())
        for term in value:
            if term not in known:
                raise ValueError(f"{term!r} is not a term of lexicon 'interventions'")
        return value


@note_check("interventions", Params)
def check(note, classification, params: Params, ctx):
    """A specific, named technique was delivered in the session."""
    delivered = ctx.affirmed("interventions", params.intervention_categories)
    techniques = [m for m in delivered if m.term not in params.modality_terms]
    if techniques:
        return passed(f"Named interventions: {named(techniques)}.", sentences(techniques))
    searched = searched_terms(ctx.run.lexicon("interventions"), params.intervention_categories,
                              "named techniques delivered this session")
    if delivered:
        return failed(f"Only the therapy model is named ({named(delivered)}), not the technique used.",
                      searched, sentences(delivered))
    generic = [m for m in ctx.in_categories("vague", params.generic_categories) if not m.negated]
    planned = [m for m in ctx.matches("interventions")
               if m.hypothetical or m.historical]
    if generic:
        return failed(f"Only generic descriptions of the work ({named(generic)}); no named technique.",
                      searched, sentences(generic))
    if planned:
        return failed(f"Techniques are only planned or past ({named(planned)}), not delivered this session.",
                      searched, sentences(planned))
    return failed("No psychotherapy intervention documented.", searched, severity=params.no_content_severity)

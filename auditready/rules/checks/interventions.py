"""Specific, named interventions delivered in this session (criteria.md 1C
`intervention_specific`): techniques like cognitive restructuring or behavioral activation, not
only "provided support" or "processed feelings". An intervention planned for next session or
delivered in an earlier one does not count."""

from __future__ import annotations

from auditready.rules.evidence import named, searched_terms, sentences
from auditready.rules.lexicon_params import Categories
from auditready.rules.patterns import PatternList, compiled
from auditready.rules.registry import CheckParams, Severity, note_check
from auditready.rules.result import failed, passed


class Params(CheckParams):
    intervention_categories: Categories("interventions") = None
    # Names of therapy models ("CBT", "dialectical behavior therapy"): a match whose whole text
    # is one of these names shows the modality, not what was done (criteria.md 1C: "not just a
    # modality"). Techniques filed under a model ("miracle question") still count.
    modality_names: PatternList = []
    # Categories of the `vague` lexicon that are generic stand-ins for an intervention.
    generic_categories: Categories("vague")
    # Severity when the note shows no psychotherapy content at all, not even a generic phrase
    # (criteria.md: S1 "if no psychotherapy content"); None keeps the rule's severity.
    no_content_severity: Severity | None = None


@note_check("interventions", Params)
def check(note, classification, params: Params, ctx):
    """A specific, named technique was delivered in the session."""
    delivered = ctx.affirmed("interventions", params.intervention_categories)
    modality = compiled(tuple(params.modality_names))
    techniques = [m for m in delivered if modality is None or not modality.fullmatch(" ".join(m.text.split()))]
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

"""A progress note holds no psychotherapy-note (process) content (criteria.md 1J
`process_content_in_progress_note`, §3): dreams, fantasies, verbatim dialogue, therapist
speculation and countertransference belong in separately kept psychotherapy notes. In the chart
they lose HIPAA's extra protection and reach every payer who requests the record."""

from __future__ import annotations

from auditready.rules.evidence import named, searched_terms, sentences
from auditready.rules.lexicon_params import Categories
from auditready.rules.registry import CheckParams, note_check
from auditready.rules.result import failed, passed


class Params(CheckParams):
    marker_categories: Categories("process_markers") = None


@note_check("no_psychotherapy_content", Params)
def check(note, classification, params: Params, ctx):
    """No process-note content (dreams, fantasies, countertransference) in the billable record."""
    markers = [m for m in ctx.in_categories("process_markers", params.marker_categories) if not m.negated]
    searched = searched_terms(ctx.run.lexicon("process_markers"), params.marker_categories,
                              "psychotherapy-note content")
    if markers:
        return failed(f"Psychotherapy-note content in the progress note ({named(markers, 3)}).",
                      searched, sentences(markers))
    return passed("No psychotherapy-note content found.", searched=searched)

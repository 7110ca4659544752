"""A progress note holds no psychotherapy-note (process) content (criteria.md 1J
`process_content_in_progress_note`, §3): dreams, fantasies, verbatim dialogue, therapist
speculation and countertransference belong in separately kept psychotherapy notes. In the chart
they lose HIPAA's extra protection and reach every payer who requests the record."""

from __future__ import annotations

import re

from auditready.rules.evidence import named, searched_terms, sentences
from auditready.rules.lexicon_params import Categories
from auditready.rules.registry import CheckParams, note_check
from auditready.rules.result import failed, passed


class Params(CheckParams):
    marker_categories: Categories("process_markers") = None
    # Categories written in the first person ("I felt protective of her"): inside quotation
    # marks the "I" is the client (or someone the client quotes), not the therapist, so those
    # matches count only outside quotes.
    unquoted_categories: Categories("process_markers") = []


# A quotation: curly quotes, or straight double quotes that close within the same paragraph.
_QUOTATION = re.compile(r'\u201c[^\u201d]*\u201d|"[^"\n]*(?:\n(?![ \t]*\n)[^"\n]*)*"')


@note_check("no_psychotherapy_content", Params)
def check(note, classification, params: Params, ctx):
    """No process-note content (dreams, fantasies, countertransference) in the billable record."""
    markers = [m for m in ctx.in_categories("process_markers", params.marker_categories) if not m.negated]
    if params.unquoted_categories and markers:
        first_person = set(params.unquoted_categories)
        quoted = [(hit.start(), hit.end()) for hit in _QUOTATION.finditer(note.text)]
        markers = [m for m in markers if m.category not in first_person or not _inside(m, quoted)]
    searched = searched_terms(ctx.run.lexicon("process_markers"), params.marker_categories,
                              "psychotherapy-note content")
    if markers:
        return failed(f"Psychotherapy-note content in the progress note ({named(markers, 3)}).",
                      searched, sentences(markers))
    return passed("No psychotherapy-note content found.", searched=searched)


def _inside(match, spans: list[tuple[int, int]]) -> bool:
    return any(start <= match.start and match.end <= end for start, end in spans)

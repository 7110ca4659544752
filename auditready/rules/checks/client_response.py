"""The client's participation in and response to the interventions (criteria.md 1C
`patient_response`): "was able to identify...", "practiced...", "SUDS 7 -> 3", or the client's
own words right after the intervention ('I taught TIPP. They said, "the ice thing works."').
"""

from __future__ import annotations

import bisect

from pydantic import Field

from auditready.rules.evidence import named, searched_terms, sentences
from auditready.rules.lexicon_params import Categories
from auditready.rules.patterns import PatternList, compiled
from auditready.rules.registry import CheckParams, note_check
from auditready.rules.result import failed, passed


class Params(CheckParams):
    response_categories: Categories("response") = None
    # Section headings of note templates that hold the response ("Response:", "Client
    # Response", BIRP "R:"), matched at the start of a sentence; a section with at least
    # `min_section_words` words documents the response.
    section_headings: PatternList = []
    min_section_words: int = Field(default=4, ge=1)
    # Speech that introduces a quotation ('She said, "..."'). The client's quoted words in the
    # sentence of a delivered intervention, or in the `quote_reach` sentences after it, are
    # how the client took it; a quotation before any intervention is the presenting report.
    quote_patterns: PatternList = []
    quote_reach: int = Field(default=1, ge=0)


@note_check("client_response", Params)
def check(note, classification, params: Params, ctx):
    """The note says how the client took part in and responded to the session's work."""
    responses = ctx.affirmed("response", params.response_categories)
    if responses:
        return passed(f"Client response documented ({named(responses, 3)}).", sentences(responses))
    sections = ctx.section_contents(compiled(tuple(params.section_headings)), params.min_section_words)
    if sections:
        return passed("A response section describes how the client responded.", sections[:2])
    quoted = _quote_after_intervention(ctx, compiled(tuple(params.quote_patterns)), params.quote_reach)
    if quoted is not None:
        return passed("The client's own words after the intervention show the response.", [quoted])
    return failed("The client's response to the interventions is not described.",
                  searched_terms(ctx.run.lexicon("response"), params.response_categories,
                                 "the client's participation and response"))


def _quote_after_intervention(ctx, pattern, reach: int):
    """The first sentence quoting the client at or after a delivered intervention, within
    `reach` sentences of it (None if there is none)."""
    if pattern is None:
        return None
    sentences = ctx.sentences
    starts = [span.start for span in sentences]
    for match in ctx.affirmed("interventions"):
        first = bisect.bisect_right(starts, match.start) - 1
        for index in range(max(first, 0), min(first + reach + 1, len(sentences))):
            sentence = sentences[index]
            hit = pattern.search(sentence.text)
            if hit is not None and sentence.start + hit.start() >= match.start:
                return sentence
    return None

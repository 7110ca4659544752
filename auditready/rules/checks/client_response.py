"""The client's participation in and response to the interventions (criteria.md 1C
`patient_response`): "was able to identify...", "practiced...", "SUDS 7 -> 3"."""

from __future__ import annotations

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


@note_check("client_response", Params)
def check(note, classification, params: Params, ctx):
    """The note says how the client took part in and responded to the session's work."""
    responses = ctx.affirmed("response", params.response_categories)
    if responses:
        return passed(f"Client response documented ({named(responses, 3)}).", sentences(responses))
    sections = ctx.section_contents(compiled(tuple(params.section_headings)), params.min_section_words)
    if sections:
        return passed("A response section describes how the client responded.", sections[:2])
    return failed("The client's response to the interventions is not described.",
                  searched_terms(ctx.run.lexicon("response"), params.response_categories,
                                 "the client's participation and response"))

"""The client's participation in and response to the interventions (criteria.md 1C
`patient_response`): "was able to identify...", "practiced...", "SUDS 7 -> 3"."""

from __future__ import annotations

from auditready.rules.evidence import named, searched_terms, sentences
from auditready.rules.lexicon_params import Categories
from auditready.rules.registry import CheckParams, note_check
from auditready.rules.result import failed, passed


class Params(CheckParams):
    response_categories: Categories("response") = None


@note_check("client_response", Params)
def check(note, classification, params: Params, ctx):
    """The note says how the client took part in and responded to the session's work."""
    responses = ctx.affirmed("response", params.response_categories)
    if responses:
        return passed(f"Client response documented ({named(responses, 3)}).", sentences(responses))
    return failed("The client's response to the interventions is not described.",
                  searched_terms(ctx.run.lexicon("response"), params.response_categories,
                                 "the client's participation and response"))

"""The type of service is stated: individual, family or group psychotherapy, crisis, assessment
(criteria.md 1A `service_type_stated`; a CalAIM note element, BHIN 23-068). A CPT code on the
note states it; otherwise the words must."""

from __future__ import annotations

from auditready.rules.cpt import note_cpt
from auditready.rules.patterns import PatternList, compiled
from auditready.rules.registry import CheckParams, note_check
from auditready.rules.result import failed, passed


class Params(CheckParams):
    patterns: PatternList
    described: str


@note_check("service_type", Params)
def check(note, classification, params: Params, ctx):
    """The note states what kind of service was given (CPT code or service words)."""
    cpt = note_cpt(note)
    if cpt is not None:
        return passed(f"Service type given by CPT {cpt}.", ctx.field_evidence("cpt"))
    found = ctx.search(compiled(tuple(params.patterns)), limit=1)
    if found:
        return passed("Service type stated.", found)
    return failed("The type of service is not stated (no CPT code, no service description).",
                  params.described)

"""Where the service happened: office, home, school, or telehealth (criteria.md 1A
`place_of_service`; a CalAIM note element, BHIN 23-068)."""

from __future__ import annotations

from auditready.rules.patterns import PatternList, compiled
from auditready.rules.registry import CheckParams, note_check
from auditready.rules.result import failed, passed


class Params(CheckParams):
    patterns: PatternList
    described: str


@note_check("place_of_service", Params)
def check(note, classification, params: Params, ctx):
    """The note states where the service was given (place of service or telehealth)."""
    place = note.value("place_of_service")
    if place is not None:
        return passed(f"Place of service: {place}.", ctx.field_evidence("place_of_service"))
    if note.value("telehealth") is True:
        return passed("Delivered by telehealth.", ctx.field_evidence("telehealth"))
    found = ctx.search(compiled(tuple(params.patterns)), limit=1)
    if found:
        return passed("Location stated.", found)
    return failed("The location of the service is not stated.", params.described)

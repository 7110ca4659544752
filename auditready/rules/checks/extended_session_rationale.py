"""90837/90838: the note says why more than 52 minutes were needed (criteria.md 1B
`extended_session_rationale`; advisable rather than a universal written rule [S])."""

from __future__ import annotations

from auditready.rules.patterns import PatternList, compiled
from auditready.rules.registry import CheckParams, note_check
from auditready.rules.result import failed, passed


class Params(CheckParams):
    # What counts as a reason for an extended session (criteria.md: trauma processing, EMDR,
    # crisis, interpreter, family conflict, "extended session because ...").
    patterns: PatternList
    # The same in words, for the report's "searched" line.
    described: str


@note_check("extended_session_rationale", Params)
def check(note, classification, params: Params, ctx):
    """An extended (60-minute) session states why it needed the extra time."""
    found = ctx.search(compiled(tuple(params.patterns)))
    if found:
        return passed("The note gives a reason for the extended session.", found[:1])
    return failed(
        "No reason given for an extended session over 52 minutes.",
        params.described,
    )

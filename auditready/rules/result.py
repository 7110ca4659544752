"""What a check returns: a status, a message for the practice, the evidence, and what it looked
for. The engine adds the rule's id, criterion, severity, fix and citation to make a Finding."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from auditready.models import FAIL, NOT_APPLICABLE, PASS, Span


@dataclass(slots=True)
class CheckResult:
    status: str  # pass | fail | not_applicable
    message: str
    evidence: list[Span] = field(default_factory=list)
    searched: str = ""
    # A check may set the severity of this one result when its params say a case is graver (or
    # milder) than the rule's usual severity, e.g. under 16 minutes supports no code at all.
    severity: str | None = None


def passed(message: str, evidence: Iterable[Span] = (), searched: str = "") -> CheckResult:
    return CheckResult(PASS, message, _unique(evidence), searched)


def failed(
    message: str, searched: str, evidence: Iterable[Span] = (), severity: str | None = None
) -> CheckResult:
    return CheckResult(FAIL, message, _unique(evidence), searched, severity)


def not_applicable(message: str, evidence: Iterable[Span] = ()) -> CheckResult:
    return CheckResult(NOT_APPLICABLE, message, _unique(evidence))


def _unique(spans: Iterable[Span]) -> list[Span]:
    """Evidence in text order, each passage once: repeats and spans inside another evidence span
    (a match within a quoted sentence) are dropped."""
    spans = [s for s in spans if s is not None]
    if len(spans) < 2:
        return spans
    ordered = sorted({(s.start, -s.end, s.text): s for s in spans}.values(),
                     key=lambda s: (s.start, -s.end))
    kept: list[Span] = []
    for span in ordered:
        if span.start >= 0 and any(0 <= k.start <= span.start and span.end <= k.end for k in kept):
            continue
        kept.append(span)
    return kept

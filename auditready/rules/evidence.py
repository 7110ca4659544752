"""Small helpers shared by the lexicon-based checks: which sentences to quote as evidence, how
to name what was found, and how to say what was searched."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from auditready.models import Span

EVIDENCE_SENTENCES = 3  # enough to convince a reader; more would bury the report
SEARCHED_TERMS = 8


def sentences(matches: Iterable[Any], limit: int = EVIDENCE_SENTENCES) -> list[Span]:
    """The sentences holding `matches`, first occurrence order, at most `limit`."""
    found: list[Span] = []
    for match in matches:
        if match.sentence not in found:
            found.append(match.sentence)
            if len(found) >= limit:
                break
    return found


def named(matches: Iterable[Any], limit: int = 4) -> str:
    """"cognitive restructuring, behavioral activation" - distinct matched texts, quoted."""
    seen: list[str] = []
    for match in matches:
        text = " ".join(match.text.split())
        if text.lower() not in (s.lower() for s in seen):
            seen.append(text)
    shown = ", ".join(f"'{text}'" for text in seen[:limit])
    return shown + (f" and {len(seen) - limit} more" if len(seen) > limit else "")


def searched_terms(lexicon: Any, categories: Sequence[str] | None, label: str) -> str:
    """"<label>, e.g. term, term, ... (N terms)" from a lexicon's own entries."""
    if categories:
        terms = [t for category in categories for t in lexicon.terms(category)]
    else:
        terms = lexicon.terms()
    sample = ", ".join(terms[:SEARCHED_TERMS])
    more = f" ({len(terms)} terms)" if len(terms) > SEARCHED_TERMS else ""
    return f"{label}, e.g. {sample}{more}"

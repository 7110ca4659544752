"""Small helpers shared by the lexicon-based checks: which sentences to quote as evidence, how
to name what was found, and how to say what was searched."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
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
    """"'cognitive restructuring', 'behavioral activation' and 2 more" - distinct matched texts."""
    shown: list[str] = []
    keys: set[str] = set()
    for match in matches:
        key = match.text.lower()
        if key not in keys:
            keys.add(key)
            if len(shown) < limit:
                shown.append(" ".join(match.text.split()))
    more = len(keys) - len(shown)
    return ", ".join(f"'{text}'" for text in shown) + (f" and {more} more" if more else "")


def searched_terms(lexicon: Any, categories: Sequence[str] | None, label: str) -> str:
    """"<label>, e.g. term, term, ... (N terms)" from a lexicon's own entries."""
    return _searched_terms(lexicon, tuple(categories) if categories else None, label)


@lru_cache(maxsize=512)
def _searched_terms(lexicon: Any, categories: tuple[str, ...] | None, label: str) -> str:
    # The same few texts serve every note of a run; lexicons live for the whole process.
    if categories:
        terms = [t for category in categories for t in lexicon.terms(category)]
    else:
        terms = lexicon.terms()
    sample = ", ".join(terms[:SEARCHED_TERMS])
    more = f" ({len(terms)} terms)" if len(terms) > SEARCHED_TERMS else ""
    return f"{label}, e.g. {sample}{more}"

"""Sentence and line offsets in a note's text, so evidence can point back into the note."""

from __future__ import annotations

import re
from collections.abc import Iterator

# A sentence ends at . ! ? followed by space and a capital, digit or quote, or at a line end.
# Abbreviations common in notes ("Dr.", "e.g.", "x3.") are protected from ending a sentence.
_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[A-Z0-9\"'(])")
_ABBREVIATIONS = re.compile(
    r"\b(?:dr|mr|mrs|ms|vs|etc|e\.g|i\.e|approx|pt|min|hrs|no|st|jr|sr|obj|a\.m|p\.m)\.$", re.I
)


def lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every non-blank line, without its surrounding spaces."""
    for match in re.finditer(r"[^\n]+", text):
        raw = match.group(0)
        stripped = raw.strip()
        if stripped:
            start = match.start() + raw.index(stripped)
            yield start, start + len(stripped)


def sentences_in(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of text[start:end]."""
    chunk = text[start:end]
    position = 0
    for match in _END.finditer(chunk):
        candidate = chunk[position : match.start()].rstrip()
        if _ABBREVIATIONS.search(candidate):
            continue
        if candidate:
            yield start + position, start + position + len(candidate)
        position = match.end()
    rest = chunk[position:].rstrip()
    if rest:
        yield start + position, start + position + len(rest)


def join_wrapped(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge lines that are one sentence wrapped by a PDF or a fixed-width export: the earlier
    line has no closing punctuation and the next one, directly below, starts in lower case."""
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged:
            previous_start, previous_end = merged[-1]
            between = text[previous_end:start]
            if (
                between.count("\n") == 1
                and not between.strip()
                and text[previous_end - 1] not in ".!?:;"
                and text[start].islower()
            ):
                merged[-1] = (previous_start, end)
                continue
        merged.append((start, end))
    return merged


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence in the text; a line break ends a sentence unless the
    line was wrapped mid-sentence."""
    found: list[tuple[int, int]] = []
    for block_start, block_end in join_wrapped(text, list(lines(text))):
        found.extend(sentences_in(text, block_start, block_end))
    return found

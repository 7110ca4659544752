"""Sentence segmentation for clinical notes.

Notes are rarely clean prose: they mix SOAP headings, "Label: value" lines from EHR templates,
numbered goals, bullets and prose that a PDF wrapped at arbitrary points. The rules here:

- a blank line always ends a sentence;
- a heading line ("Subjective:", "PLAN", "Risk Assessment:") is a span of its own and never
  joins its neighbours;
- a list item ("- ...", "1. ...", "b) ...", "☒ ...") or a "Label: value" line starts a new span;
- any other line continues the span above it (a wrapped line), and within a span sentences end
  at ".", "!" or "?" followed by space, except after known abbreviations ("Dr.", "e.g.") and
  single initials, or when the next word starts in lowercase.

Each span also knows its section (`sentence_sections`): ConText uses it to treat everything
under a "Plan:" heading as planned rather than done.
"""

from __future__ import annotations

import re
from functools import lru_cache

from auditready.models import Span
from auditready.text.context import context_rules
from auditready.text.records import new_span

_LIST_ITEM = re.compile(
    r"\s*(?:[-*\u2022\u25aa\u25e6\u2023\u00b7\u25cf]|\d{1,2}[.)]|[A-Za-z][.)](?=\s)|\(\w{1,2}\)"
    r"|[\u2610\u2612\u2611\u2713\u2714\u25a0\u25a1]|\[[ xX\u2713]?\]|\(\s?[xX]?\s?\))\s+\S"
)
_LABEL_LINE = re.compile(r"\s*[A-Za-z][\w ./'()&#-]{0,40}?:(?:\s+\S|\S)")
_HEADING = re.compile(r"\s*[A-Za-z][\w ./'()&#-]{0,60}?:?\s*")
# The longest stripped line _HEADING can match (a letter, 60 more, a colon): longer lines skip it.
_MAX_HEADING_CHARS = 62
# "[.!?][.!?]*" rather than "[.!?]+": the same matches, but a pattern that starts with a
# character class lets `re` skip ahead to the next candidate character instead of trying
# every position.
_SENTENCE_END = re.compile(r"[.!?][.!?]*[\"'\u201d\u2019)\]]*(?=\s)")
_NEXT_CHAR = re.compile(r"\s*(\S)")
# "1." or "b." opening a list item (optionally after "Goals:") is a marker, not a sentence.
_LIST_MARKER_ONLY = re.compile(r"\s*(?:[A-Za-z][\w ./'()&#-]{0,40}?:\s*)?(?:\d{1,2}|[A-Za-z])\.")
_MAX_HEADING_WORDS = 6
_MAX_LABEL_WORDS = 6


_BULLET_START = frozenset("-*\u2022\u25aa\u25e6\u2023\u00b7\u25cf\u2610\u2612\u2611\u2713\u2714\u25a0\u25a1([0123456789")
HEADING, STARTS_UNIT, CONTINUES = 0, 1, 2


def _line_kind(line: str) -> int:
    """HEADING, STARTS_UNIT (list item or "Label: value") or CONTINUES (prose, possibly a
    wrapped line), for a line stripped of surrounding whitespace. Cheap character tests first:
    most lines are prose and skip every regex."""
    colon = line.find(":", 0, 64)
    # A heading ends in a colon or is in capitals, and is short enough for _HEADING.
    if len(line) <= _MAX_HEADING_CHARS:
        ends_in_colon = line.endswith(":")
        if (ends_in_colon or line.isupper()) and _HEADING.fullmatch(line):
            words = line.rstrip(":").split()
            if ends_in_colon:
                if len(words) <= _MAX_HEADING_WORDS:
                    return HEADING
            elif len(words) <= _MAX_HEADING_WORDS + 2:
                return HEADING
    first = line[0]
    if (first in _BULLET_START or (len(line) > 1 and line[1] in ".)")) and _LIST_ITEM.match(line):
        return STARTS_UNIT
    if colon != -1 and _LABEL_LINE.match(line) and len(line[:colon].split()) <= _MAX_LABEL_WORDS:
        return STARTS_UNIT
    return CONTINUES


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_LABEL_SEPARATORS = re.compile(r"[\s_\-/&()'.#]+")
_LABEL_NUMBERING = re.compile(r"\s*(?:no\s*)?\d{1,2}[a-z]?(?:\s*\d{1,2})?$")


@lru_cache(maxsize=4096)  # labels repeat from note to note ("Plan", "Client"): one normalization each
def normalize_label(label: str) -> str:
    """A heading or field label as plain lowercase words: camelCase and snake_case split, and
    trailing numbering dropped ("nextSessionPlan" -> "next session plan", "Goal #1" -> "goal")."""
    words = _LABEL_SEPARATORS.sub(" ", _CAMEL.sub(" ", label)).strip().lower()
    return _LABEL_NUMBERING.sub("", words).strip()


def _line_label(line: str, kind: int) -> str:
    if kind == HEADING:
        return normalize_label(line.rstrip(":"))
    colon = line.find(":", 0, 64)
    if colon > 0 and not _LIST_ITEM.match(line):
        return normalize_label(line[:colon])
    return ""


def _units(text: str) -> list[tuple[int, int, bool, str]]:
    """(start, end, is_heading, section) blocks of trimmed lines, joined by the rules in the
    module docstring. `section` is the block's own label ("plan" for "Plan: ..."), else the
    label of the last heading above it, else ""."""
    units: list[tuple[int, int, bool, str]] = []
    current_start = current_end = -1
    current_label = heading_label = ""
    offset = 0
    for line in text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        stripped = line.strip()
        if not stripped:
            if current_start >= 0:
                units.append((current_start, current_end, False, current_label))
                current_start = -1
            continue
        start = line_start + (len(line) - len(line.lstrip()))
        end = start + len(stripped)
        kind = _line_kind(stripped)
        if kind == CONTINUES and current_start >= 0:
            current_end = end
            continue
        if current_start >= 0:
            units.append((current_start, current_end, False, current_label))
            current_start = -1
        if kind == HEADING:
            heading_label = _line_label(stripped, kind)
            units.append((start, end, True, heading_label))
        else:
            current_start, current_end = start, end
            current_label = (_line_label(stripped, kind) if kind == STARTS_UNIT else "") or heading_label
    if current_start >= 0:
        units.append((current_start, current_end, False, current_label))
    return units


def _is_abbreviation(text: str, period: int, floor: int, abbreviations: frozenset[str]) -> bool:
    """Whether the "." at `period` closes an abbreviation ("Dr.", "e.g.", "J.") rather than a
    sentence."""
    # The word before the period: letters and dots back to a space, checked in one step when
    # it is all letters (the common case), else character by character.
    after_space = text.rfind(" ", floor, period) + 1
    word = text[max(after_space, floor):period]
    if not word.isalpha():
        start = period
        while start > floor and (text[start - 1].isalpha() or text[start - 1] == "."):
            start -= 1
        word = text[start:period]
    if not word or not word[0].isalpha():
        return False
    return len(word) == 1 or "." in word or word.lower() in abbreviations


def _sentences(text: str, units: list[tuple[int, int, bool, str]],
               abbreviations: frozenset[str]) -> tuple[list[Span], list[str]]:
    spans: list[Span] = []
    sections: list[str] = []
    ends = [(m.start(), m.end(), m.group()) for m in _SENTENCE_END.finditer(text)]
    end_index, end_count = 0, len(ends)
    for unit_start, unit_end, is_heading, section in units:
        while end_index < end_count and ends[end_index][0] < unit_start:
            end_index += 1
        if is_heading:
            spans.append(new_span(unit_start, unit_end, text[unit_start:unit_end]))
            sections.append(section)
            continue
        sentence_start = unit_start
        while end_index < end_count and ends[end_index][1] < unit_end:
            punct_start, boundary, punct = ends[end_index]
            end_index += 1
            # Each test below can only keep the sentence going; the cheapest goes first.
            following = _NEXT_CHAR.match(text, boundary, unit_end)
            if following is None or following.group(1).islower():
                continue
            if punct == ".":
                if boundary - sentence_start < 48 and _LIST_MARKER_ONLY.fullmatch(text, sentence_start, boundary):
                    continue
                if _is_abbreviation(text, punct_start, sentence_start, abbreviations):
                    continue
            spans.append(new_span(sentence_start, boundary, text[sentence_start:boundary]))
            sections.append(section)
            sentence_start = following.start(1)
        spans.append(new_span(sentence_start, unit_end, text[sentence_start:unit_end]))
        sections.append(section)
    return spans, sections


@lru_cache(maxsize=64)
def _cached(text: str) -> tuple[tuple[Span, ...], tuple[str, ...]]:
    spans, sections = _sentences(text, _units(text), context_rules().sentence_abbreviations)
    return tuple(spans), tuple(sections)


def sentence_spans(text: str) -> list[Span]:
    """Sentences, list items and "Label: value" lines of `text`, in order, as trimmed spans.
    A span never crosses a blank line or a heading line."""
    return list(_cached(text)[0])


def sentence_sections(text: str) -> list[str]:
    """For each span of `sentence_spans(text)`, the section it sits in as plain lowercase words:
    its own label ("plan" for "Plan: continue CBT"), else the last heading above it
    ("assessment" under "ASSESSMENT"), else ""."""
    return list(_cached(text)[1])

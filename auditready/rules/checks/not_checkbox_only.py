"""Narrative supports any checkbox content (criteria.md 1C `not_checkbox_only`: CMS discourages
billing-driven check-box templates; detection: free-text vs structured ratio, low narrative
word count, only checked items).

Narrative is counted in prose words: lowercase words ("reported", "the", "after") in sentences
outside checkbox lines and header data. Headers, signature lines, page footers and form
answers ("Mood: Anxious", "Location: Office") are mostly names, labels and numbers, so they add
little however long they are.
"""

from __future__ import annotations

import re

from pydantic import Field

from auditready.models import Span
from auditready.rules.evidence import sentences
from auditready.rules.registry import CheckParams, note_check
from auditready.rules.result import failed, passed

PROSE_WORD = re.compile(r"(?<![\w/])[a-z][a-z'\u2019-]*\b")
WORDS_SEARCHED = ("free-text sentences (at least {n} prose words each) outside checkbox lines, "
                  "header fields and the signature")


class Params(CheckParams):
    # Prose words of free-text narrative a note needs besides its checkboxes and form answers.
    min_narrative_words: int = Field(ge=1)
    # A sentence with fewer prose words than this ("SI: denied", "Mood: anxious") is a form answer.
    min_sentence_words: int = Field(default=4, ge=1)


def _prose_words(span: Span, boxes) -> int:
    """Prose words of `span` outside lines that hold a checkbox (a wrapped sentence may start on
    the last line of a checkbox grid)."""
    inside = [m for m in boxes if span.start <= m.start < span.end]
    if not inside:
        return len(PROSE_WORD.findall(span.text))
    count, offset = 0, span.start
    for line in span.text.split("\n"):
        if not any(offset <= m.start < offset + len(line) + 1 for m in inside):
            count += len(PROSE_WORD.findall(line))
        offset += len(line) + 1
    return count


@note_check("not_checkbox_only", Params)
def check(note, classification, params: Params, ctx):
    """The note has real narrative, not only checkboxes and one-word answers."""
    boxes = ctx.matches("checkbox")
    narrative: list[tuple[int, Span]] = []
    words = 0
    for span in ctx.sentences:
        if ctx.in_header(span.start, span.end):
            continue
        count = _prose_words(span, boxes)
        if count >= params.min_sentence_words:
            narrative.append((count, span))
            words += count
            if words >= params.min_narrative_words:
                break  # enough narrative; the rest of the note need not be counted
    searched = WORDS_SEARCHED.format(n=params.min_sentence_words)
    if words >= params.min_narrative_words:
        longest = max(narrative, key=lambda item: item[0])[1]
        shown = f"At least {params.min_narrative_words} words of narrative"
        return passed(shown + (f" alongside {len(boxes)} checkbox items." if boxes else "."), [longest])
    if boxes:
        return failed(f"Mostly checkboxes ({len(boxes)} items) with only {words} words of narrative; "
                      f"at least {params.min_narrative_words} expected.", searched, sentences(boxes))
    return failed(f"Only {words} words of narrative; at least {params.min_narrative_words} expected.",
                  searched, [span for _, span in narrative][:2])

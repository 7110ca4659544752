"""Narrative supports any checkbox content (criteria.md 1C `not_checkbox_only`: CMS discourages
billing-driven check-box templates; detection: free-text vs structured ratio, low narrative
word count, only checked items)."""

from __future__ import annotations

from pydantic import Field

from auditready.models import Span
from auditready.rules.evidence import sentences
from auditready.rules.registry import CheckParams, note_check
from auditready.rules.result import failed, passed

WORDS_SEARCHED = "sentences of free text (at least {n} words, no checkbox glyphs)"


class Params(CheckParams):
    # Words of free-text narrative a note needs besides its checkboxes and one-word answers.
    min_narrative_words: int = Field(ge=1)
    # A sentence shorter than this ("Mood: anxious", "SI: denied") is a form answer, not narrative.
    min_sentence_words: int = Field(default=6, ge=1)


def _free_words(span: Span, boxes) -> int:
    """Words of `span` outside lines that hold a checkbox (a wrapped sentence may start on the
    last line of a checkbox grid)."""
    inside = [m for m in boxes if span.start <= m.start < span.end]
    if not inside:
        return len(span.text.split())
    count, offset = 0, span.start
    for line in span.text.split("\n"):
        if not any(offset <= m.start < offset + len(line) + 1 for m in inside):
            count += len(line.split())
        offset += len(line) + 1
    return count


@note_check("not_checkbox_only", Params)
def check(note, classification, params: Params, ctx):
    """The note has real narrative, not only checkboxes and one-word answers."""
    boxes = ctx.matches("checkbox")
    narrative = [(words, span) for span in ctx.sentences
                 if (words := _free_words(span, boxes)) >= params.min_sentence_words]
    words = sum(count for count, _ in narrative)
    searched = WORDS_SEARCHED.format(n=params.min_sentence_words)
    if words >= params.min_narrative_words:
        longest = max(narrative, key=lambda item: item[0])[1]
        return passed(f"{words} words of narrative" + (f" alongside {len(boxes)} checkbox items." if boxes else "."),
                      [longest])
    if boxes:
        return failed(f"Mostly checkboxes ({len(boxes)} items) with only {words} words of narrative; "
                      f"at least {params.min_narrative_words} expected.", searched, sentences(boxes))
    return failed(f"Only {words} words of narrative; at least {params.min_narrative_words} expected.",
                  searched, [span for _, span in narrative][:2])

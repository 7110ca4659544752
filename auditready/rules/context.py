"""Per-run and per-note state for checks.

`RuleContext` is shared by every note of a run (the lexicon cache). `NoteFacts` is made once per
note by `evaluate_note` and handed to every check: it runs each lexicon at most once per note
and keeps the sentences, so twenty checks do not re-run the same matching twenty times.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from auditready.models import Classification, Note, Span

if TYPE_CHECKING:
    from auditready.rules.pack import Pack
    from auditready.text.lexicon import Match


def _default_lexicon_loader(name: str) -> Any:
    from auditready.text.lexicon import load_lexicon

    return load_lexicon(name)


@dataclass
class RuleContext:
    """What every note of one run shares. Pass one to `evaluate_note` for a whole scan so the
    lexicons are loaded once; a fresh one is made when none is given."""

    lexicon_loader: Callable[[str], Any] = _default_lexicon_loader
    _lexicons: dict[str, Any] = field(default_factory=dict, repr=False)

    def lexicon(self, name: str) -> Any:
        found = self._lexicons.get(name)
        if found is None:
            found = self._lexicons[name] = self.lexicon_loader(name)
        return found


# Fields that are header data, not narrative: a lexicon match inside one ("7/10" in the date
# "7/10/2023", a clinician named "Hope") says nothing about the session.
HEADER_FIELDS = ("date_of_service", "dob", "signed_date", "signed_time", "start", "end", "minutes",
                 "clock_minutes", "cpt", "cpt_codes", "modifiers", "client", "client_id", "clinician",
                 "signer", "npi", "note_id")
# Fields whose whole line is header data.
LINE_FIELDS = ("diagnoses",)


class NoteFacts:
    """Everything checks ask of one note, computed on first use and then kept."""

    __slots__ = ("note", "classification", "pack", "run", "_matches", "_sentences", "_starts", "_header",
                 "_header_starts")

    def __init__(self, note: Note, classification: Classification, pack: Pack, run: RuleContext):
        self.note = note
        self.classification = classification
        self.pack = pack
        self.run = run
        self._matches: dict[str, list[Match]] = {}
        self._sentences: list[Span] | None = None
        self._starts: list[int] | None = None
        self._header: list[tuple[int, int]] | None = None
        self._header_starts: list[int] = []

    @property
    def text(self) -> str:
        return self.note.text

    @property
    def sentences(self) -> list[Span]:
        if self._sentences is None:
            from auditready.text.sentences import sentence_spans

            self._sentences = sentence_spans(self.note.text)
        return self._sentences

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence holding text offset `offset`."""
        sentences = self.sentences
        if self._starts is None:
            self._starts = [span.start for span in sentences]
        index = bisect.bisect_right(self._starts, offset) - 1
        if index >= 0 and offset < sentences[index].end:
            return sentences[index]
        return None

    def search(self, pattern, limit: int = 3) -> list[Span]:
        """Sentences where compiled regex `pattern` matches (at most `limit`)."""
        found: list[Span] = []
        if pattern is None:
            return found
        for hit in pattern.finditer(self.note.text):
            sentence = self.sentence_at(hit.start()) or Span(hit.start(), hit.end(), hit.group())
            if not found or found[-1] != sentence:
                found.append(sentence)
            if len(found) >= limit:
                break
        return found

    def section_contents(self, heading, min_words: int = 1) -> list[Span]:
        """What the sections headed by compiled regex `heading` say, when it is at least
        `min_words` words. The heading is matched at the start of a sentence ("Response:",
        "TREATMENT PLAN PROGRESS"); its content is the rest of that sentence, or the next
        sentence when the heading stands on its own line."""
        found: list[Span] = []
        if heading is None:
            return found
        sentences = self.sentences
        for index, sentence in enumerate(sentences):
            hit = heading.match(sentence.text)
            if hit is None:
                continue
            content = self.content_after(sentence, sentence.start + hit.end(), index)
            if content is not None and len(content.text.split()) >= min_words:
                found.append(content)
        return found

    def content_after(self, sentence: Span, offset: int, index: int | None = None) -> Span | None:
        """The text a heading ending at `offset` inside `sentence` introduces: the sentence itself
        when words follow the heading there, else the next sentence."""
        if self.note.text[offset:sentence.end].strip(" \t\n:-–—"):
            return sentence
        sentences = self.sentences
        if index is None:
            if self._starts is None:
                self._starts = [span.start for span in sentences]
            index = bisect.bisect_left(self._starts, sentence.start)
        return sentences[index + 1] if index + 1 < len(sentences) else None

    def matches(self, lexicon: str) -> list[Match]:
        """Every match of `lexicon` in the note's narrative (not inside header fields), with its
        context flags; computed once per note."""
        found = self._matches.get(lexicon)
        if found is None:
            found = self.run.lexicon(lexicon).find(self.note.text)
            if found and self.header_spans():
                found = self._outside_header(found)
            self._matches[lexicon] = found
        return found

    def header_spans(self) -> list[tuple[int, int]]:
        """The text ranges of the header fields found in the note, merged and sorted."""
        if self._header is None:
            fields = self.note.fields
            ranges = [
                (found.span.start, found.span.end) for name in HEADER_FIELDS
                if (found := fields.get(name)) is not None and found.span is not None and found.span.start >= 0
            ]
            ranges += self._line_ranges(LINE_FIELDS)
            merged: list[tuple[int, int]] = []
            for span_start, span_end in sorted(ranges):
                if merged and span_start <= merged[-1][1]:
                    merged[-1] = (merged[-1][0], max(merged[-1][1], span_end))
                else:
                    merged.append((span_start, span_end))
            self._header = merged
            self._header_starts = [span_start for span_start, _ in merged]
        return self._header

    def _line_ranges(self, names: Iterable[str]) -> list[tuple[int, int]]:
        """The whole lines holding fields `names` (a diagnosis line names a disorder; it does not
        describe this week's symptoms)."""
        text, ranges = self.note.text, []
        for name in names:
            found = self.note.fields.get(name)
            if found is not None and found.span is not None and found.span.start >= 0:
                start = text.rfind("\n", 0, found.span.start) + 1
                end = text.find("\n", found.span.end)
                ranges.append((start, len(text) if end < 0 else end))
        return ranges

    def _outside_header(self, matches: list[Match]) -> list[Match]:
        """`matches` (in text order) minus those overlapping a header range: one merge walk,
        which stops at the last range; every match after it is kept as it is."""
        spans, kept, index = self._header, [], 0
        count = len(spans)
        for position, match in enumerate(matches):
            while spans[index][1] <= match.start:
                index += 1
                if index == count:
                    return kept + matches[position:]
            if spans[index][0] < match.end:
                continue
            kept.append(match)
        return kept

    def in_header(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a header field. The ranges are disjoint and sorted, so
        only the last range starting before `end` can overlap."""
        spans = self.header_spans()
        index = bisect.bisect_left(self._header_starts, end) - 1
        return index >= 0 and spans[index][1] > start

    def affirmed(self, lexicon: str, categories: Iterable[str] | None = None) -> list[Match]:
        """Matches that state a current fact about the client: not negated, hypothetical,
        historical or about someone else."""
        if categories is None:
            return [m for m in self.matches(lexicon) if m.affirmed]
        wanted = set(categories)
        return [m for m in self.matches(lexicon) if m.category in wanted and m.affirmed]

    def in_categories(self, lexicon: str, categories: Iterable[str] | None = None) -> list[Match]:
        """Matches of `categories` (None: every category), whatever their context flags."""
        if categories is None:
            return self.matches(lexicon)
        wanted = set(categories)
        return [m for m in self.matches(lexicon) if m.category in wanted]

    def field_evidence(self, *names: str) -> list[Span]:
        """Evidence for fields: their span in the note text, or for a value read from a
        structured column (no span), a pseudo-span at offset -1 naming the column and value."""
        spans: list[Span] = []
        for name in names:
            found = self.note.fields.get(name)
            if found is None:
                continue
            if found.span is not None:
                spans.append(found.span)
            else:
                origin = found.origin.removeprefix("column:") if found.origin else name
                spans.append(Span(-1, -1, f"{origin}: {_show(found.value)}"))
        return spans


def _show(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)

"""What every lexicon needs to know about a text, computed once per text however many lexicons
(and however many checks) look at it: the folded text, the anchor pass's candidate positions,
the sentences and the ConText trigger occurrences. The rules engine calls `find` on ~10
lexicons per note, often more than once; all of them share one TextAnalysis.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from auditready.models import Span
from auditready.text.anchors import INDEX
from auditready.text.asciifast import plain_ascii
from auditready.text.context import Flags, Occurrence, context_rules, flags_of
from auditready.text.phrases import fold, normalize
from auditready.text.scanner import CASED, FOLDED, NORMALIZED, ORIGINAL
from auditready.text.sentences import sentence_sections, sentence_spans


class TextAnalysis:
    __slots__ = ("text", "folded", "normalized", "plain_ascii", "_cased", "_version", "_positions", "_sentences",
                 "_sentence_starts", "_section_masks", "_occurrences", "_scopes", "results")

    def __init__(self, text: str):
        self.text = text
        self.folded = fold(text)
        self.normalized = normalize(self.folded)
        # Whether ASCII regexes match here exactly as Unicode ones do (asciifast.py); every view
        # of the text is then plain ASCII too.
        self.plain_ascii = plain_ascii(text)
        self._cased: str | None = None
        self._version = -1
        self._positions: dict[int, list[int]] = {}
        self._sentences: list[Span] | None = None
        self._sentence_starts: list[int] = []
        self._section_masks: list[int] | None = None
        self._occurrences: tuple[list[Occurrence], list[int]] | None = None
        self._scopes: list[tuple[int, int, int]] | None = None
        self.results: dict[Any, Any] = {}  # per-lexicon match lists, keyed by the lexicon

    def view(self, kind: str) -> str:
        """The text as a scanner of `kind` reads it (all views have the same length)."""
        if kind == NORMALIZED:
            return self.normalized
        if kind == FOLDED:
            return self.folded
        if kind == ORIGINAL:
            return self.text
        if kind == CASED:
            if self._cased is None:
                self._cased = normalize(self.text)
            return self._cased
        raise ValueError(f"unknown text view {kind!r}")

    @property
    def positions(self) -> dict[int, list[int]]:
        """Scanner id -> candidate offsets. Recomputed if a lexicon was loaded since."""
        if self._version != INDEX.version:
            self._version, self._positions = INDEX.positions(self.normalized, self.plain_ascii)
        return self._positions

    def sentences(self) -> tuple[list[Span], list[int]]:
        if self._sentences is None:
            self._sentences = sentence_spans(self.text)
            self._sentence_starts = [s.start for s in self._sentences]
        return self._sentences, self._sentence_starts

    def section_flags(self) -> list[Flags]:
        """For each sentence, the ConText flags its section implies (context.Flags)."""
        return [flags_of(mask) for mask in self.section_masks()]

    def section_masks(self) -> list[int]:
        """For each sentence, the ConText flags its section implies, as a mask (context.flags_of)."""
        if self._section_masks is None:
            implied = context_rules().section_mask
            self._section_masks = [implied(section) for section in sentence_sections(self.text)]
        return self._section_masks

    def occurrences(self) -> tuple[list[Occurrence], list[int]]:
        """ConText trigger occurrences of the text (and their start offsets)."""
        if self._occurrences is None:
            occurrences = context_rules().occurrences(self)
            self._occurrences = (occurrences, [o[0] for o in occurrences])
        return self._occurrences

    def scopes(self) -> list[tuple[int, int, int]]:
        """For each sentence: (first, last, section mask), the ConText trigger occurrences inside
        it as the index range occurrences[first:last] (empty when none of them sets a flag), and
        the flags its section implies."""
        if self._scopes is None:
            sentences, _ = self.sentences()
            occurrences, occurrence_starts = self.occurrences()
            masks = self.section_masks()
            scopes = []
            first, count = 0, len(occurrence_starts)
            for sentence, mask in zip(sentences, masks, strict=True):
                # Sentences are sorted and disjoint, so one forward walk places every occurrence.
                while first < count and occurrence_starts[first] < sentence.start:
                    first += 1
                last = first
                sets_flags = False
                while last < count and occurrence_starts[last] < sentence.end:
                    sets_flags = sets_flags or any(role.bit for role in occurrences[last][2])
                    last += 1
                # Terminators and pseudo-triggers alone change no flag: the section decides.
                scopes.append((first, last, mask) if sets_flags else (last, last, mask))
                first = last
            self._scopes = scopes
        return self._scopes


@lru_cache(maxsize=32)
def analyze(text: str) -> TextAnalysis:
    return TextAnalysis(text)

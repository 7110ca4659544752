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
from auditready.text.context import Occurrence, context_rules
from auditready.text.phrases import fold, normalize
from auditready.text.scanner import CASED, FOLDED, NORMALIZED, ORIGINAL
from auditready.text.sentences import sentence_sections, sentence_spans


class TextAnalysis:
    __slots__ = ("text", "folded", "normalized", "_cased", "_version", "_positions", "_sentences",
                 "_sentence_starts", "_section_flags", "_occurrences", "results")

    def __init__(self, text: str):
        self.text = text
        self.folded = fold(text)
        self.normalized = normalize(self.folded)
        self._cased: str | None = None
        self._version = -1
        self._positions: dict[int, list[int]] = {}
        self._sentences: list[Span] | None = None
        self._sentence_starts: list[int] = []
        self._section_flags: list = []
        self._occurrences: tuple[list[Occurrence], list[int]] | None = None
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
            self._version, self._positions = INDEX.positions(self.normalized)
        return self._positions

    def sentences(self) -> tuple[list[Span], list[int]]:
        if self._sentences is None:
            self._sentences = sentence_spans(self.text)
            self._sentence_starts = [s.start for s in self._sentences]
        return self._sentences, self._sentence_starts

    def section_flags(self) -> list:
        """For each sentence, the ConText flags its section implies (context.Flags)."""
        if not self._section_flags:
            self.sentences()
            implied = context_rules().section_flags
            self._section_flags = [implied(section) for section in sentence_sections(self.text)]
        return self._section_flags

    def occurrences(self) -> tuple[list[Occurrence], list[int]]:
        """ConText trigger occurrences of the text (and their start offsets)."""
        if self._occurrences is None:
            occurrences = context_rules().occurrences(self)
            self._occurrences = (occurrences, [o.start for o in occurrences])
        return self._occurrences


@lru_cache(maxsize=32)
def analyze(text: str) -> TextAnalysis:
    return TextAnalysis(text)

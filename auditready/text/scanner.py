"""Scanners: one compiled regex each, tried only where the shared anchor pass (anchors.py) says
a match could start.

A `PhraseScanner` compiles literal phrases into a prefix trie; a matched span maps back to its
phrase's target through `phrase_key`. A `PatternScanner` compiles regexes as named groups p0,
p1, ... Each scanner says which form of the text it reads (see analysis.py):

    NORMALIZED  lowercased, separators as spaces     case-insensitive phrases
    FOLDED      lowercased                           case-insensitive regexes
    CASED       original case, separators as spaces  case-sensitive abbreviations
    ORIGINAL    the text as given                    case-sensitive regexes

Results are leftmost-longest without overlaps: at each position the longest alternative wins,
and positions inside an accepted match are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Generic, TypeVar

from auditready.text.anchors import INDEX, UnanchoredPattern, pattern_anchors
from auditready.text.phrases import ANCHOR_SEPARATOR, SEPARATOR_CHARS, phrase_anchors, trie_pattern

T = TypeVar("T")
NORMALIZED, FOLDED, CASED, ORIGINAL = "normalized", "folded", "cased", "original"
_UPPERCASE_LITERAL = re.compile(r"(?<!\\)[A-Z]")
Hit = tuple[int, int, T]


def _view_key(matched: str) -> str:
    """phrase_key of text matched in a NORMALIZED or CASED view (spaces and "'" only)."""
    return matched.replace(" ", "").replace("'", "") if " " in matched or "'" in matched else matched


def leftmost_longest(hits: list[Hit]) -> list[Hit]:
    """Merge hits of several scanners: leftmost first, the longest at a position, no overlaps."""
    hits.sort(key=lambda hit: (hit[0], hit[0] - hit[1]))
    kept: list[Hit] = []
    last_end = -1
    for hit in hits:
        if hit[0] >= last_end:
            kept.append(hit)
            last_end = hit[1]
    return kept


def _check_anchors(anchored: list[tuple[str, set[tuple[str, bool]]]], stopwords: Collection[str]) -> None:
    """Reject phrases and regexes that start with a stopword or a separator, naming them all."""
    bad = [source for source, anchors in anchored
           if any(anchor.split(ANCHOR_SEPARATOR)[0] in stopwords or anchor in SEPARATOR_CHARS
                  for anchor, _ in anchors)]
    if bad:
        shown = ", ".join(repr(source) for source in bad[:8]) + (" ..." if len(bad) > 8 else "")
        raise UnanchoredPattern(
            f"{len(bad)} phrase(s) or regex(es) start with a word found in nearly every note or "
            f"with a separator: {shown}; start each at its first specific word "
            "(see anchors.stopwords in context.yaml)"
        )


class _Scanner(Generic[T]):
    text_kind: str
    scanner_id: int

    def __init__(self, regex: str | None, anchored: bool):
        self.empty = regex is None
        self._regex = re.compile(regex or "(?!)")
        self.scanner_id = -1
        self._anchored = anchored

    def _register(self, anchors: set[tuple[str, bool]]) -> None:
        if self._anchored and not self.empty:
            self.scanner_id = INDEX.register(anchors)

    def _resolve(self, text: str, match: re.Match[str], endpos: int) -> tuple[int, T] | None:
        raise NotImplementedError

    def scan(self, text: str, positions: dict[int, list[int]]) -> list[Hit]:
        """(start, end, target) for the leftmost-longest, non-overlapping matches in `text`,
        tried at this scanner's candidate `positions` (from the anchor pass)."""
        found: list[Hit] = []
        candidates = positions.get(self.scanner_id)
        if not candidates:
            return found
        match_at, last_end, endpos = self._regex.match, -1, len(text)
        for position in candidates:
            if position < last_end:
                continue
            match = match_at(text, position)
            if match is None:
                continue
            resolved = self._resolve(text, match, endpos)
            if resolved is None:
                continue
            found.append((position, resolved[0], resolved[1]))
            last_end = resolved[0]
        return found

    def scan_range(self, text: str, start: int, end: int) -> list[Hit]:
        """Like `scan`, searching `text[start:end]` directly (word boundaries still see the
        characters around the range)."""
        found: list[Hit] = []
        if self.empty:
            return found
        search, position = self._regex.search, start
        while position < end and (match := search(text, position, end)) is not None:
            resolved = self._resolve(text, match, end)
            if resolved is None:
                position = match.start() + 1
                continue
            found.append((match.start(), resolved[0], resolved[1]))
            position = resolved[0]
        return found


class PhraseScanner(_Scanner[T]):
    def __init__(self, literals: dict[str, T], phrases: Sequence[str], *, case_sensitive: bool,
                 anchored: bool = True, stopwords: Collection[str] = ()):
        """`literals` maps phrase keys to targets; `phrases` are the written forms (folded unless
        `case_sensitive`)."""
        super().__init__(trie_pattern(phrases), anchored)
        self.text_kind = CASED if case_sensitive else NORMALIZED
        self._literals = literals
        anchored_phrases = [(p, phrase_anchors(p.lower())) for p in phrases] if anchored else []
        _check_anchors(anchored_phrases, stopwords)
        self._register({anchor for _, found in anchored_phrases for anchor in found})

    def _resolve(self, text: str, match: re.Match[str], endpos: int) -> tuple[int, T] | None:
        end = match.end()
        if end == match.start():
            return None
        return end, self._literals[_view_key(match.group())]

    def scan(self, text: str, positions: dict[int, list[int]]) -> list[Hit]:
        # The hot loop of matching, specialised: a trie match is never empty, and its key is
        # the matched text without spaces and apostrophes (the views have no other separators).
        found: list[Hit] = []
        candidates = positions.get(self.scanner_id)
        if not candidates:
            return found
        match_at, literals, last_end = self._regex.match, self._literals, -1
        for position in candidates:
            if position < last_end:
                continue
            match = match_at(text, position)
            if match is not None:
                last_end = match.end()
                found.append((position, last_end, literals[_view_key(match.group())]))
        return found

    def scan_range(self, text: str, start: int, end: int) -> list[Hit]:
        # A trie match is already the longest at its position and never empty, so the
        # leftmost-longest scan is exactly finditer's.
        if self.empty:
            return []
        literals = self._literals
        return [(match.start(), match.end(), literals[_view_key(match.group())])
                for match in self._regex.finditer(text, start, end)]


class PatternScanner(_Scanner[T]):
    def __init__(self, patterns: Sequence[tuple[str, T]], *, case_sensitive: bool,
                 anchored: bool = True, stopwords: Collection[str] = ()):
        """`patterns` pairs each regex with its target."""
        alternatives = []
        for index, (pattern, _) in enumerate(patterns):
            # The folded text is lowercase already, so a pattern written in lowercase needs no
            # IGNORECASE (which would slow every literal in it down).
            folding = not case_sensitive and _UPPERCASE_LITERAL.search(pattern)
            alternatives.append((f"p{index}", f"(?i:{pattern})" if folding else f"(?:{pattern})"))
        super().__init__("|".join(f"(?P<{n}>{b})" for n, b in alternatives) or None, anchored)
        self.text_kind = ORIGINAL if case_sensitive else FOLDED
        self._targets = [target for _, target in patterns]
        # The first alternative to match is not necessarily the longest; this second regex tries
        # every alternative at one position through lookaheads.
        self._names = [name for name, _ in alternatives]
        self._longest = (
            re.compile("".join(f"(?:(?=(?P<{n}>{b}))|)" for n, b in alternatives))
            if len(alternatives) > 1 else None
        )
        anchored_patterns = [(p, pattern_anchors(p)) for p, _ in patterns] if anchored else []
        _check_anchors(anchored_patterns, stopwords)
        self._register({anchor for _, found in anchored_patterns for anchor in found})

    def _resolve(self, text: str, match: re.Match[str], endpos: int) -> tuple[int, T] | None:
        start, end, name = match.start(), match.end(), match.lastgroup
        if self._longest is not None:
            every = self._longest.match(text, start, endpos)
            for candidate in self._names:
                candidate_end = every.end(candidate)
                if candidate_end > end:
                    end, name = candidate_end, candidate
        if end == start:
            return None
        return end, self._targets[int(name[1:])]

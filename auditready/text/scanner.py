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
import re._constants as sre_c
import re._parser as sre_parse
from collections.abc import Collection, Sequence
from typing import Generic, TypeVar

from auditready.text.anchors import INDEX, UnanchoredPattern, pattern_anchors
from auditready.text.asciifast import ascii_twin
from auditready.text.firstchars import ASCII_CHARS, first_chars
from auditready.text.phrases import ANCHOR_SEPARATOR, SEPARATOR_CHARS, phrase_anchors, trie_pattern

T = TypeVar("T")
NORMALIZED, FOLDED, CASED, ORIGINAL = "normalized", "folded", "cased", "original"
_UPPERCASE_LITERAL = re.compile(r"(?<!\\)[A-Z]")
# An unanchored scanner with at most this many regexes searches for each on its own (see
# PatternScanner.scan_range); with more, one alternation is cheaper.
MAX_SEPARATE_SEARCHES = 4
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
        # (for any text, for a plain ASCII text): index with `plain_ascii` (asciifast.py)
        self._regexes = (self._regex, ascii_twin(self._regex))
        self.scanner_id = -1
        self._anchored = anchored

    def _register(self, anchors: set[tuple[str, bool]]) -> None:
        if self._anchored and not self.empty:
            self.scanner_id = INDEX.register(anchors)

    def _resolve(self, text: str, match: re.Match[str], endpos: int,
                 plain_ascii: bool = False) -> tuple[int, T] | None:
        raise NotImplementedError

    def scan(self, text: str, positions: dict[int, list[int]], plain_ascii: bool = False) -> list[Hit]:
        """(start, end, target) for the leftmost-longest, non-overlapping matches in `text`,
        tried at this scanner's candidate `positions` (from the anchor pass). `plain_ascii`:
        the text passes asciifast.plain_ascii, so the faster ASCII regexes are exact."""
        found: list[Hit] = []
        candidates = positions.get(self.scanner_id)
        if not candidates:
            return found
        match_at, last_end, endpos = self._regexes[plain_ascii].match, -1, len(text)
        for position in candidates:
            if position < last_end:
                continue
            match = match_at(text, position)
            if match is None:
                continue
            resolved = self._resolve(text, match, endpos, plain_ascii)
            if resolved is None:
                continue
            found.append((position, resolved[0], resolved[1]))
            last_end = resolved[0]
        return found

    def scan_range(self, text: str, start: int, end: int, plain_ascii: bool = False) -> list[Hit]:
        """Like `scan`, searching `text[start:end]` directly (word boundaries still see the
        characters around the range)."""
        found: list[Hit] = []
        if self.empty:
            return found
        search, position = self._regexes[plain_ascii].search, start
        while position < end and (match := search(text, position, end)) is not None:
            resolved = self._resolve(text, match, end, plain_ascii)
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
        self._regexes = (self._regex, self._regex)
        self._literals = literals
        anchored_phrases = [(p, phrase_anchors(p.lower())) for p in phrases] if anchored else []
        _check_anchors(anchored_phrases, stopwords)
        self._register({anchor for _, found in anchored_phrases for anchor in found})

    def _resolve(self, text: str, match: re.Match[str], endpos: int,
                 plain_ascii: bool = False) -> tuple[int, T] | None:
        end = match.end()
        if end == match.start():
            return None
        return end, self._literals[_view_key(match.group())]

    def scan(self, text: str, positions: dict[int, list[int]], plain_ascii: bool = False) -> list[Hit]:
        # The hot loop of matching, specialised: a trie match is never empty, and its key is
        # the matched text without spaces and apostrophes (the views have no other separators).
        found: list[Hit] = []
        candidates = positions.get(self.scanner_id)
        if not candidates:
            return found
        match_at, literals, last_end = self._regexes[plain_ascii].match, self._literals, -1
        for position in candidates:
            if position < last_end:
                continue
            match = match_at(text, position)
            if match is not None:
                last_end = match.end()
                found.append((position, last_end, literals[_view_key(match.group())]))
        return found

    def scan_range(self, text: str, start: int, end: int, plain_ascii: bool = False) -> list[Hit]:
        # A trie match is already the longest at its position and never empty, so the
        # leftmost-longest scan is exactly finditer's.
        if self.empty:
            return []
        literals = self._literals
        return [(match.start(), match.end(), literals[_view_key(match.group())])
                for match in self._regexes[plain_ascii].finditer(text, start, end)]


class _Alternatives(Generic[T]):
    """Some of a PatternScanner's regexes as one alternation, named p<i> after their index in the
    scanner, with a second regex that tries each of them at one position through lookaheads
    (the first alternative to match is not necessarily the longest)."""

    def __init__(self, alternatives: Sequence[tuple[str, str]], targets: Sequence[T]):
        regex = re.compile("|".join(f"(?P<{n}>{b})" for n, b in alternatives) or "(?!)")
        # Each regex twice: (for any text, for a plain ASCII text), see asciifast.py.
        self.regexes = (regex, ascii_twin(regex))
        self.names = [name for name, _ in alternatives]
        longest = (
            re.compile("".join(f"(?:(?=(?P<{n}>{b}))|)" for n, b in alternatives))
            if len(alternatives) > 1 else None
        )
        self.longest = (longest, longest and ascii_twin(longest))
        self._targets = targets

    def resolve(self, text: str, match: re.Match[str], endpos: int,
                plain_ascii: bool = False) -> tuple[int, T] | None:
        start, end, name = match.start(), match.end(), match.lastgroup
        longest = self.longest[plain_ascii]
        if longest is not None:
            every = longest.match(text, start, endpos)
            for candidate in self.names:
                candidate_end = every.end(candidate)
                if candidate_end > end:
                    end, name = candidate_end, candidate
        if end == start:
            return None
        return end, self._targets[int(name[1:])]


class PatternScanner(_Scanner[T]):
    def __init__(self, patterns: Sequence[tuple[str, T]], *, case_sensitive: bool,
                 anchored: bool = True, stopwords: Collection[str] = ()):
        """`patterns` pairs each regex with its target."""
        alternatives = []
        wrappers = []
        for index, (pattern, _) in enumerate(patterns):
            # The folded text is lowercase already, so a pattern written in lowercase needs no
            # IGNORECASE (which would slow every literal in it down).
            folding = not case_sensitive and _UPPERCASE_LITERAL.search(pattern)
            wrappers.append("(?i:" if folding else "(?:")
            alternatives.append((f"p{index}", f"{wrappers[-1]}{pattern})"))
        super().__init__("|".join(f"(?P<{n}>{b})" for n, b in alternatives) or None, anchored)
        self.text_kind = ORIGINAL if case_sensitive else FOLDED
        self._targets = [target for _, target in patterns]
        self._all = _Alternatives(alternatives, self._targets)
        anchored_patterns = [(p, pattern_anchors(p)) for p, _ in patterns] if anchored else []
        _check_anchors(anchored_patterns, stopwords)
        self._register({anchor for _, found in anchored_patterns for anchor in found})
        # Both speed-ups below match regexes outside the one alternation; a back-reference
        # there counts groups across all of them, so a scanner holding one keeps to it.
        plain = not any(_has_backreference(pattern) for pattern, _ in patterns)
        self._by_first_char = _by_first_char(alternatives, self._targets) if anchored and plain else None
        self._separate = (
            [_separate_search(pattern, wrapper) for (pattern, _), wrapper in zip(patterns, wrappers, strict=True)]
            if not anchored and plain and 0 < len(alternatives) <= MAX_SEPARATE_SEARCHES else None
        )

    def _resolve(self, text: str, match: re.Match[str], endpos: int,
                 plain_ascii: bool = False) -> tuple[int, T] | None:
        return self._all.resolve(text, match, endpos, plain_ascii)

    def scan(self, text: str, positions: dict[int, list[int]], plain_ascii: bool = False) -> list[Hit]:
        """Like `_Scanner.scan`, trying at each position only the regexes that can start with
        the character there (firstchars.py): at a digit, a lexicon's digit-led patterns, not all
        of them. Those left out cannot match there, so the first alternative to match, and the
        longest, are the ones the whole alternation would have found."""
        by_first_char = self._by_first_char
        if by_first_char is None:
            return super().scan(text, positions, plain_ascii)
        found: list[Hit] = []
        candidates = positions.get(self.scanner_id)
        if not candidates:
            return found
        everything, last_end, endpos = self._all, -1, len(text)
        for position in candidates:
            if position < last_end:
                continue
            group = by_first_char.get(text[position], everything)
            if group is None:
                continue  # no regex of this scanner starts with this character
            match = group.regexes[plain_ascii].match(text, position)
            if match is None:
                continue
            resolved = group.resolve(text, match, endpos, plain_ascii)
            if resolved is None:
                continue
            found.append((position, resolved[0], resolved[1]))
            last_end = resolved[0]
        return found

    def scan_range(self, text: str, start: int, end: int, plain_ascii: bool = False) -> list[Hit]:
        """Like `_Scanner.scan_range`. A search for the alternation tries every position (its
        first item is a group, so `re` cannot skip ahead), while a search for one regex that
        starts with a literal or a class skips straight to where that character occurs. The
        alternation matches first where the earliest of its regexes does, so for a few regexes
        the next start is the minimum of their own searches, and the alternation is then
        matched there exactly as its own search would have."""
        separate = self._separate
        if separate is None:
            return super().scan_range(text, start, end, plain_ascii)
        found: list[Hit] = []
        nowhere = end + 1
        upcoming = [-1] * len(separate)
        searches = [search[plain_ascii] for search in separate]
        match_at, position = self._regexes[plain_ascii].match, start
        while position < end:
            earliest = nowhere
            for index, next_start in enumerate(upcoming):
                if next_start < position:
                    next_start = upcoming[index] = _next_start(searches[index], text, position, end, nowhere)
                if next_start < earliest:
                    earliest = next_start
            if earliest == nowhere:
                break
            match = match_at(text, earliest, end)
            resolved = self._resolve(text, match, end, plain_ascii)
            if resolved is None:
                position = earliest + 1
                continue
            found.append((earliest, resolved[0], resolved[1]))
            position = resolved[0]
        return found


def _has_backreference(pattern: str) -> bool:
    """Whether a regex refers back to a group: its numbering differs inside the alternation."""
    def walk(items) -> bool:
        for op, av in items:
            if op in (sre_c.GROUPREF, sre_c.GROUPREF_EXISTS, sre_c.GROUPREF_IGNORE):
                return True
            for value in av if isinstance(av, (tuple, list)) else (av,):
                if isinstance(value, sre_parse.SubPattern) and walk(value.data):
                    return True
                if isinstance(value, (tuple, list)) and any(
                        isinstance(v, sre_parse.SubPattern) and walk(v.data) for v in value):
                    return True
        return False

    return walk(sre_parse.parse(pattern).data)


Search = tuple[re.Pattern[str], re.Pattern[str] | None]  # (find, verify): see _separate_search


def _separate_search(pattern: str, wrapper: str) -> tuple[Search, Search]:
    """(search, verify) for one regex of an alternation, inside `wrapper` ("(?:" or "(?i:") as
    it is there; twice: (for any text, for a plain ASCII text), see asciifast.py. A regex
    starting with \\b is searched without it, so the search can skip ahead to its first
    character; each place found is then verified with the regex itself."""
    exact = re.compile(f"{wrapper}{pattern})")
    first = sre_parse.parse(pattern).data[:1]
    if pattern.startswith("\\b") and first == [(sre_c.AT, sre_c.AT_BOUNDARY)]:
        try:
            relaxed = re.compile(f"{wrapper}{pattern[2:]})")
        except re.error:
            relaxed = None
        if relaxed is not None:
            return (relaxed, exact), (ascii_twin(relaxed), ascii_twin(exact))
    return (exact, None), (ascii_twin(exact), None)


def _next_start(search: Search, text: str, position: int, end: int, nowhere: int) -> int:
    """Where the regex next matches in text[position:end] (`nowhere` if it does not)."""
    finder, verify = search
    while True:
        match = finder.search(text, position, end)
        if match is None:
            return nowhere
        if verify is None or verify.match(text, match.start(), end) is not None:
            return match.start()
        position = match.start() + 1


def _by_first_char(alternatives: Sequence[tuple[str, str]], targets: Sequence[T]
                   ) -> dict[str, _Alternatives[T] | None] | None:
    """For each ASCII character, the alternation of the regexes whose matches can start with it
    (None when none can), sharing one compiled alternation per distinct set. Characters outside
    ASCII are left to the whole alternation. None when every regex could start anywhere."""
    starts = [first_chars(source) for _, source in alternatives]
    if len(alternatives) < 2 or all(chars is None for chars in starts):
        return None
    table: dict[str, _Alternatives[T] | None] = {}
    built: dict[tuple[int, ...], _Alternatives[T] | None] = {}
    for ch in ASCII_CHARS:
        indexes = tuple(i for i, chars in enumerate(starts) if chars is None or ch in chars)
        if indexes not in built:
            built[indexes] = _Alternatives([alternatives[i] for i in indexes], targets) if indexes else None
        table[ch] = built[indexes]
    return table

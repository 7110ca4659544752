"""One pass over a note finds where any loaded lexicon (or ConText trigger) could match.

Every pass of Python's `re` over a text costs about the same whatever the pattern, so running
each of a dozen lexicons over every note would spend most of the time re-reading the same
characters. Instead, each phrase and regex gets "anchors": literal prefixes that every match of
it starts with (the first word of a phrase; for a regex, derived from its parsed form). All
anchors of all registered scanners form one prefix trie; a single pass over the folded text yields
the word starts where some anchor occurs, and each scanner then tries its own regex only at the
positions its anchors flagged.

Matches therefore start at a word start (or at a non-word character such as "☒" or ";" for items
that begin with one). A regex whose matches cannot be anchored (one starting with `\\w` or `.`)
is rejected when its data file loads.
"""

from __future__ import annotations

import re
import re._constants as sre_c
import re._parser as sre_parse
import threading
from collections.abc import Iterable

from auditready.text.asciifast import ascii_twin
from auditready.text.phrases import ANCHOR_SEPARATOR, anchor_pattern

_WORD_CHAR = re.compile(r"\w")
MAX_ANCHOR_CHARS = 8  # for regexes; longer anchors buy little: the scanner's regex checks the rest
_MAX_ANCHORS_PER_PATTERN = 64


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class UnanchoredPattern(ValueError):
    pass


_BOUNDARY_CATEGORIES = {sre_c.CATEGORY_SPACE, sre_c.CATEGORY_NOT_WORD, sre_c.CATEGORY_NOT_DIGIT}


def _chars(op, av) -> set[str] | None:
    """The characters one op can match, if few and known; {" "} stands for "some non-word
    character" (whitespace or any other non-word class), which ends a word anchor."""
    if op is sre_c.LITERAL:
        return {chr(av)}
    if op is not sre_c.IN:
        return None
    chars: set[str] = set()
    for item_op, item_av in av:
        if item_op is sre_c.LITERAL:
            chars.add(chr(item_av))
        elif item_op is sre_c.RANGE and item_av[1] - item_av[0] < 40:
            chars.update(chr(c) for c in range(item_av[0], item_av[1] + 1))
        elif item_op is sre_c.CATEGORY and item_av is sre_c.CATEGORY_DIGIT:
            chars.update("0123456789")
        elif item_op is sre_c.CATEGORY and item_av in _BOUNDARY_CATEGORIES:
            chars.add(" ")
        else:
            return None
    return chars


Anchors = set[tuple[str, bool]]


def _only_symbols(item) -> bool:
    """Whether a repeated item can only match non-word characters (whitespace, punctuation)."""
    if len(item.data) != 1:
        return False
    chars = _chars(*item.data[0])
    return chars is not None and not any(_is_word_char(ch) for ch in chars)


def _finish(partials: set[str], whole: bool = False) -> Anchors | None:
    return None if "" in partials else {(p, whole) for p in partials}


def _expand(ops: list, partials: set[str]) -> Anchors | None:
    """(prefix, whole word) anchors of every string the op sequence can match, each extending
    one of `partials`. None when some match could start with no known prefix."""
    for index, (op, av) in enumerate(ops):
        rest = ops[index + 1:]
        if op is sre_c.AT:
            if av is sre_c.AT_BOUNDARY and partials != {""}:
                return _finish(partials, whole=True)
            continue
        if op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
            continue  # zero-width
        if op is sre_c.SUBPATTERN:
            return _expand(list(av[3].data) + rest, partials)
        if op is sre_c.ATOMIC_GROUP:
            return _expand(list(av.data) + rest, partials)
        if op is sre_c.BRANCH:
            union: Anchors = set()
            for branch in av[1]:
                found = _expand(list(branch.data) + rest, partials)
                if found is None:
                    return None
                union |= found
            return union
        if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
            low, _, item = av
            once = _expand(list(item.data), partials)
            if low == 0:
                skipped = _expand(rest, partials)
                if once is None and partials == {""} and _only_symbols(item):
                    # Optional leading whitespace or punctuation: matches are tried at the
                    # anchor after it, where the optional part matches nothing.
                    return skipped
                if once is None or skipped is None:
                    return _finish(partials)
                return once | skipped
            return once if once is not None else _finish(partials)
        chars = _chars(op, av)
        if chars is None or len(chars) * len(partials) > _MAX_ANCHORS_PER_PATTERN:
            return _finish(partials)
        folded = {ch.lower() for ch in chars}
        symbols = {ch for ch in folded if not _is_word_char(ch)}
        if partials == {""}:
            if symbols:
                if " " in symbols:
                    return None  # a match could start with any whitespace or punctuation
                return {(ch, False) for ch in folded}  # symbol first: one-character anchors
            partials = folded
        elif symbols:
            # The word ends here (or may): whole-word anchors only if it must end here.
            return _finish(partials, whole=len(symbols) == len(folded))
        else:
            partials = {p + ch for p in partials for ch in folded}
        if len(next(iter(partials))) >= MAX_ANCHOR_CHARS:
            return _finish(partials)
    return _finish(partials)


def pattern_anchors(pattern: str) -> Anchors:
    """(prefix, whole word) anchors of a regex (folded): one of them starts every match."""
    found = _expand(list(sre_parse.parse(pattern).data), {""})
    if not found:
        raise UnanchoredPattern(
            f"regex {pattern!r} cannot be anchored: start it with a literal word, a digit, a "
            "symbol or an alternation of those"
        )
    return found


class AnchorIndex:
    """All registered scanners' anchors compiled into one regex.

    Scanners register their anchors once (at load); `positions(folded)` then returns, per
    scanner id, the sorted offsets where one of its anchors begins."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._anchors: dict[int, frozenset[tuple[str, bool]]] = {}
        self.version = 0
        self._compiled: tuple[int, re.Pattern[str] | None, re.Pattern[str] | None, dict, dict] | None = None
        self._count = 0

    def register(self, anchors: Iterable[tuple[str, bool]]) -> int:
        with self._lock:
            scanner_id = len(self._anchors)
            self._anchors[scanner_id] = frozenset(anchors)
            self.version += 1
            return scanner_id

    def _compile(self) -> tuple[int, re.Pattern[str] | None, re.Pattern[str] | None, dict, dict]:
        with self._lock:
            version = self.version
            self._count = len(self._anchors)
            registered = {scanner_id: set(anchors) for scanner_id, anchors in self._anchors.items()}
        # Anchors are compared by key: the anchor without its separator marks, which is also the
        # matched text without its spaces.
        owners: dict[str, set[int]] = {}
        prefix_owners: dict[str, set[int]] = {}
        prefix_sources: set[str] = set()
        word_sources: set[str] = set()
        for scanner_id, anchors in registered.items():
            for anchor, whole_word in anchors:
                key = anchor.replace(ANCHOR_SEPARATOR, "")
                owners.setdefault(key, set()).add(scanner_id)
                if whole_word:
                    word_sources.add(anchor)
                else:
                    prefix_owners.setdefault(key, set()).add(scanner_id)
                    prefix_sources.add(anchor)
        word_owners = {key: ids - prefix_owners.get(key, set()) for key, ids in owners.items()}
        # The trie reports the longest anchor at each position. Every shorter *prefix* anchor
        # that begins it matches there too. A shorter *whole-word* anchor matches only if its
        # word ends where it does, and the anchor's own whole-word owners only if the word ends
        # at the end of the match: both are checked against the text at run time.
        closure: dict[str, tuple[tuple[int, ...], tuple[int, ...] | None, tuple]] = {}
        for key in owners:
            inside_word: set[int] = set()
            shorter_words = []
            for length in range(1, len(key) + 1):
                stem = key[:length]
                inside_word |= prefix_owners.get(stem, set())
                if length < len(key) and word_owners.get(stem):
                    shorter_words.append((stem, tuple(sorted(word_owners[stem]))))
            at_word_end = inside_word | word_owners.get(key, set())
            closure[key] = (
                tuple(sorted(at_word_end)),
                None if at_word_end == inside_word else tuple(sorted(inside_word)),
                tuple(shorter_words),
            )
        source = anchor_pattern(prefix_sources, word_sources - prefix_sources)
        regex = re.compile(source) if source else None
        # The last item caches `_action` per matched text; it lives and dies with this version.
        return version, regex, regex and ascii_twin(regex), closure, {}

    def positions(self, normalized: str, plain_ascii: bool = False) -> tuple[int, dict[int, list[int]]]:
        """(index version, scanner id -> sorted candidate offsets) for a normalized text;
        `plain_ascii`: the text passes asciifast.plain_ascii (the faster regex is then exact)."""
        compiled = self._compiled
        if compiled is None or compiled[0] != self.version:
            compiled = self._compiled = self._compile()
        version, regex, regex_ascii, closure, actions = compiled
        if plain_ascii:
            regex = regex_ascii
        lists: list[list[int]] = [[] for _ in range(self._count)]
        appenders = [found.append for found in lists]
        word_char = _WORD_CHAR.match
        search = regex.search if regex is not None else None
        position = 0
        while search is not None and (match := search(normalized, position)) is not None:
            matched = match.group()
            action = actions.get(matched)
            if action is None:
                action = actions[matched] = _action(matched, closure)
            advance, scanner_ids, inside_word = action
            start = match.start()
            # A two-word anchor: the next anchor may begin at the second word.
            position = start + advance
            if inside_word is not None and word_char(normalized, start + len(matched)):
                scanner_ids = inside_word
            for scanner_id in scanner_ids:
                appenders[scanner_id](start)
        # A scanner may be flagged twice at one position (two anchors); scanners skip positions
        # inside a match already taken, and a repeated position is skipped the same way.
        return version, {scanner_id: found for scanner_id, found in enumerate(lists) if found}


def _action(matched: str, closure: dict) -> tuple[int, tuple[int, ...], tuple[int, ...] | None]:
    """What one matched anchor text (as found, spaces included) flags: (how far the next
    search starts from its start, the scanners flagged when the word ends with it, the scanners
    flagged when the word goes on, or None when that makes no difference).

    Everything but the character after the match is decided by the matched text alone, so it
    is worked out once per distinct text and then looked up: shorter whole-word anchors hold
    when their word ends inside the match."""
    space = matched.find(" ")
    advance = space if space > 0 else len(matched)
    at_word_end, inside_word, shorter_words = closure[matched.replace(" ", "")]
    extra: tuple[int, ...] = ()
    for word, ids in shorter_words:
        # Shorter than the key, so the character after it lies inside the match.
        if matched.startswith(word) and not _WORD_CHAR.match(matched, len(word)):
            extra += ids
    return (advance, at_word_end + extra,
            None if inside_word is None else inside_word + extra)


INDEX = AnchorIndex()

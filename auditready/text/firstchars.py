"""Which ASCII characters a regex's matches can start with, read from its parsed form.

A scanner that holds many regexes as one alternation tries all of them at every candidate
position; knowing each regex's possible first characters, it can try only those that could match
where it stands (a digit: only the regexes that start with a digit). The answer must never leave
out a character a match really starts with, so anything this module does not fully understand
counts as "any character" (None). Membership is decided by the regex engine itself, on a
one-character regex made from the first item, under the same flags, so case-insensitivity,
classes and categories (\\d, \\s, \\w) mean exactly what they mean in the full regex.
"""

from __future__ import annotations

import re
import re._constants as sre_c
import re._parser as sre_parse

ASCII_CHARS = tuple(chr(code) for code in range(128))
_CATEGORIES = {
    sre_c.CATEGORY_DIGIT: r"\d", sre_c.CATEGORY_NOT_DIGIT: r"\D",
    sre_c.CATEGORY_SPACE: r"\s", sre_c.CATEGORY_NOT_SPACE: r"\S",
    sre_c.CATEGORY_WORD: r"\w", sre_c.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT)
_REPEATS = (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT)
# Flags under which a one-character regex means what it means inside the full one.
_UNDERSTOOD_FLAGS = sre_c.SRE_FLAG_IGNORECASE | sre_c.SRE_FLAG_DOTALL | sre_c.SRE_FLAG_UNICODE \
    | sre_c.SRE_FLAG_MULTILINE | sre_c.SRE_FLAG_VERBOSE


class _Unknown(Exception):
    """An item whose possible first characters are not worked out here."""


def first_chars(pattern: str) -> frozenset[str] | None:
    """The ASCII characters a non-empty match of `pattern` can start with, or None when that is
    not known (or the pattern can match the empty string, which starts with nothing)."""
    try:
        parsed = sre_parse.parse(pattern)
        chars, nullable = _sequence(list(parsed.data), parsed.state.flags)
    except _Unknown:
        return None
    return None if nullable else frozenset(chars)


def _sequence(items: list, flags: int) -> tuple[set[str], bool]:
    """(first characters, whether the sequence can match the empty string)."""
    found: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # zero-width: the next item consumes the first character (a superset)
        if op is sre_c.SUBPATTERN:
            _, add_flags, del_flags, body = av
            chars, nullable = _sequence(list(body.data), (flags | add_flags) & ~del_flags)
        elif op is sre_c.ATOMIC_GROUP:
            chars, nullable = _sequence(list(av.data), flags)
        elif op is sre_c.BRANCH:
            chars, nullable = set(), False
            for branch in av[1]:
                branch_chars, branch_nullable = _sequence(list(branch.data), flags)
                chars |= branch_chars
                nullable = nullable or branch_nullable
        elif op in _REPEATS:
            low, _, body = av
            chars, nullable = _sequence(list(body.data), flags)
            nullable = nullable or low == 0
        else:
            chars, nullable = _one_char(op, av, flags), False
        found |= chars
        if not nullable:
            return found, False
    return found, True


def _one_char(op, av, flags: int) -> set[str]:
    if flags & ~_UNDERSTOOD_FLAGS:
        raise _Unknown
    if op is sre_c.LITERAL:
        source = re.escape(chr(av))
    elif op is sre_c.NOT_LITERAL:
        source = f"[^{re.escape(chr(av))}]"
    elif op is sre_c.ANY:
        source = "."
    elif op is sre_c.IN:
        source = "[" + "".join(_class_item(item_op, item_av) for item_op, item_av in av) + "]"
    else:
        raise _Unknown
    compiled = re.compile(source, flags & (sre_c.SRE_FLAG_IGNORECASE | sre_c.SRE_FLAG_DOTALL))
    return {ch for ch in ASCII_CHARS if compiled.match(ch)}


def _class_item(op, av) -> str:
    if op is sre_c.NEGATE:
        return "^"
    if op is sre_c.LITERAL:
        return re.escape(chr(av))
    if op is sre_c.RANGE:
        return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
    if op is sre_c.CATEGORY and av in _CATEGORIES:
        return _CATEGORIES[av]
    raise _Unknown

"""ASCII twins of the regexes that run over every note.

Python's `re` decides \\b, \\w, \\s and \\d through Unicode character-database lookups, which is
about a seventh of the time of a pass over a note (benchmarks/scoring.py). Most notes are pure
ASCII, and on such a text a regex compiled with re.ASCII finds exactly what the Unicode one does,
with two exceptions, both checked here:

- the text must not hold the controls U+001C-U+001F, which Unicode counts as whitespace (\\s)
  and re.ASCII does not (`plain_ascii`);
- under IGNORECASE a few non-ASCII letters match ASCII ones (the Kelvin sign "K" matches "k",
  dotted "İ" matches "i"); a regex with a cased non-ASCII literal or a range past ASCII under
  IGNORECASE keeps its Unicode form (`ascii_twin` returns the regex itself).
"""

from __future__ import annotations

import re
import re._constants as sre_c
import re._parser as sre_parse

import _sre

_UNICODE_ONLY_SPACE = re.compile("[\x1c-\x1f]")
_CASE_INSENSITIVE = sre_c.SRE_FLAG_IGNORECASE


def plain_ascii(text: str) -> bool:
    """Whether ASCII twins match on `text` exactly as their Unicode regexes do."""
    return text.isascii() and _UNICODE_ONLY_SPACE.search(text) is None


def ascii_twin(compiled: re.Pattern[str]) -> re.Pattern[str]:
    """`compiled` under re.ASCII, or `compiled` itself when that could match differently on a
    plain ASCII text (see the module docstring)."""
    if compiled.flags & re.ASCII:
        return compiled
    try:
        parsed = sre_parse.parse(compiled.pattern, compiled.flags)
        if not _folds_only_ascii(parsed.data, parsed.state.flags):
            return compiled
        return re.compile(compiled.pattern, (compiled.flags & ~re.UNICODE) | re.ASCII)
    except (re.error, ValueError, TypeError):
        return compiled


def _folds_only_ascii(items, flags: int) -> bool:
    """No literal or range under IGNORECASE can case-fold a non-ASCII letter onto ASCII."""
    for op, av in items:
        if op is sre_c.SUBPATTERN:
            _, add_flags, del_flags, body = av
            bodies, body_flags = [body], (flags | add_flags) & ~del_flags
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
            bodies, body_flags = [av[2]], flags
        elif op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
            bodies, body_flags = [av[1]], flags
        elif op is sre_c.ATOMIC_GROUP:
            bodies, body_flags = [av], flags
        elif op is sre_c.BRANCH:
            bodies, body_flags = list(av[1]), flags
        elif op is sre_c.GROUPREF_EXISTS:
            bodies, body_flags = [body for body in av[1:] if body is not None], flags
        elif op is sre_c.IN:
            if not _folds_only_ascii(av, flags):
                return False
            continue
        else:
            if flags & _CASE_INSENSITIVE and not _plain_item(op, av):
                return False
            continue
        if not all(_folds_only_ascii(body.data, body_flags) for body in bodies):
            return False
    return True


def _plain_item(op, av) -> bool:
    if op in (sre_c.LITERAL, sre_c.NOT_LITERAL):
        return av < 128 or not _sre.unicode_iscased(av)
    if op is sre_c.RANGE:
        return av[1] < 128
    return True

"""Literal phrases compiled into one prefix-trie regex.

Python's `re` tries alternatives one after another at each position, so a flat alternation of
hundreds of phrases costs hundreds of comparisons per word. A trie shares prefixes, so at each
word start only the branches whose first character matches are entered; the whole lexicon is one
compiled pattern.

Tries run on the *normalized* text (`normalize`): lowercased, with every separator (whitespace,
hyphen, underscore) turned into a space and typographic apostrophes into "'", one character for
one so offsets are unchanged. Inside a phrase, words may then be joined by up to three spaces or
by none ("self-harm", "self harm", "selfharm", "suicidalIdeation"), and apostrophes are optional
("wouldn't", "wouldn’t", "wouldnt"). `phrase_key` normalizes the same way, so a matched span
maps back to the phrase that produced it with a dictionary lookup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SEPARATOR_CHARS = " \t\r\n\f\v\u00a0-_\u2010\u2011\u2012\u2013"
APOSTROPHES = "'\u2019"
# Up to three separators: enough for "thought  -  record" wrapped in a PDF, not so many that a
# phrase can span a table row. The normalized text has only spaces, so the class is one literal.
SEPARATOR_RE = " {0,3}"
APOSTROPHE_RE = "'?"
_NORMALIZE = str.maketrans({**{ch: " " for ch in SEPARATOR_CHARS}, "\u2019": "'"})

_SEP, _APOS = "\x00sep", "\x00apos"  # atom markers; cannot occur in real phrases
_KEY_DROP = re.compile(r"[\s\-_\u2010-\u2013'\u2019]+")


_BRACES = re.compile(r"\{([^{}]*)\}")
MAX_EXPANSIONS = 5000


def expand_braces(phrase: str) -> list[str]:
    """Literal shorthand: "thoughts of {killing|hurting} {herself|himself}" stands for the four
    phrases it spells; an empty choice makes a part optional ("{|the }past week"). Spaces
    produced by an empty choice are collapsed."""
    if "{" not in phrase:
        return [phrase]
    results = [""]
    position = 0
    for group in _BRACES.finditer(phrase):
        literal = phrase[position:group.start()]
        choices = group.group(1).split("|")
        results = [done + literal + choice for done in results for choice in choices]
        if len(results) > MAX_EXPANSIONS:
            raise ValueError(f"phrase {phrase!r} expands to more than {MAX_EXPANSIONS} phrases")
        position = group.end()
    tail = phrase[position:]
    if "{" in tail or "}" in tail:
        raise ValueError(f"phrase {phrase!r} has unbalanced or nested braces")
    return [" ".join((done + tail).split()) for done in results]


def fold(text: str) -> str:
    """Lowercase `text` without changing its length, so offsets into the folded text are offsets
    into the original. (A few characters, like "İ", lowercase to two code points; they are kept
    as they are.)"""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(ch if len(low := ch.lower()) != 1 else low for ch in text)


def normalize(folded: str) -> str:
    """The folded text as tries see it: separators as spaces, apostrophes as "'" (same length)."""
    return folded.translate(_NORMALIZE)


def phrase_key(text: str, *, folded: bool = True) -> str:
    """The lookup key of a phrase or of matched text: separators and apostrophes removed."""
    return _KEY_DROP.sub("", text.lower() if folded else text)


def _atoms(phrase: str) -> list[str]:
    atoms: list[str] = []
    for ch in phrase:
        if ch in SEPARATOR_CHARS:
            if atoms and atoms[-1] != _SEP:
                atoms.append(_SEP)
        elif ch in APOSTROPHES:
            atoms.append(_APOS)
        else:
            atoms.append(ch)
    while atoms and atoms[-1] in (_SEP, _APOS):
        atoms.pop()
    while atoms and atoms[0] in (_SEP, _APOS):
        atoms.pop(0)
    return atoms


ANCHOR_SEPARATOR = "\x01"  # inside an anchor: the optional separators between two words


def phrase_anchors(phrase: str) -> set[tuple[str, bool]]:
    """(anchor, whole word) pairs of which one starts every match of a folded literal phrase
    (see anchors.py). A phrase starting with a symbol anchors on that symbol. A one-word phrase,
    or one whose first word is followed by a literal symbol ("s/i"), anchors on that word as a
    whole word. When a separator follows the first word, the anchor runs on into the second
    word ("client" ANCHOR_SEPARATOR "is"): the second word makes the anchor specific, so
    "client is making progress" is not tried at every "client". After an apostrophe
    ("don't") the anchor is the word before it, whole, or the joined form as a prefix."""
    atoms = _atoms(phrase)
    if not atoms:
        raise ValueError("empty phrase")
    if not _is_word_char(atoms[0][0]) or atoms[0][0] == "\x00":
        return {(atoms[0], False)}
    index = 0
    while index < len(atoms) and len(atoms[index]) == 1 and _is_word_char(atoms[index]):
        index += 1
    first = "".join(atoms[:index])
    if index == len(atoms) or atoms[index] not in (_SEP, _APOS):
        return {(first, True)}
    following = index + 1
    while (following < len(atoms) and following - index <= 8 and len(atoms[following]) == 1
           and _is_word_char(atoms[following])):
        following += 1
    second = "".join(atoms[index + 1:following])
    if not second:
        return {(first, False)}
    if atoms[index] == _SEP:
        return {(first + ANCHOR_SEPARATOR + second, False)}
    return {(first, True), (first + second, False)}


def _atom_regex(atom: str) -> str:
    if atom == _SEP:
        return SEPARATOR_RE
    if atom == _APOS:
        return APOSTROPHE_RE
    return re.escape(atom)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


_VOWELS = set("aeiou")


def inflections(phrase: str, mode: str) -> list[str]:
    """`phrase` and the inflected forms of its last word: plurals for nouns ("thought records",
    "anxieties"), and third person, past and -ing forms for verbs ("practices", "practiced",
    "practicing"; "identified"; "planned"). Only alphabetic last words of three or more letters
    are inflected, so codes and abbreviations stay exact."""
    if mode == "none":
        return [phrase]
    head, _, last = phrase.rpartition(" ")
    if len(last) < 3 or not last.isalpha() or not last.islower():
        return [phrase]
    forms: list[str] = []
    consonant_y = last.endswith("y") and last[-2] not in _VOWELS
    if consonant_y:
        forms.append(last[:-1] + "ies")
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        forms.append(last + "es")
    else:
        forms.append(last + "s")
    if mode == "verb":
        if consonant_y:
            forms += [last[:-1] + "ied", last + "ing"]
        elif last.endswith("e"):
            forms += [last + "d", last[:-1] + "ing"]
        else:
            stem = last
            # Short consonant-vowel-consonant verbs double the last consonant: plan -> planned.
            if (
                len(last) <= 4
                and last[-1] not in _VOWELS | {"w", "x", "y"}
                and last[-2] in _VOWELS
                and last[-3] not in _VOWELS
            ):
                stem = last + last[-1]
            forms += [stem + "ed", stem + "ing"]
    prefix = head + " " if head else ""
    return [phrase] + [prefix + form for form in forms]


class _Node:
    __slots__ = ("children", "terminal", "ends_in_word_char")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.terminal = False
        self.ends_in_word_char = False


def _emit(node: _Node) -> str:
    alternatives = []
    # Separator atoms can match nothing, so they go after literal characters: the literal branch
    # is the more specific one and is tried first.
    for atom in sorted(node.children, key=lambda a: (a in (_SEP, _APOS), a)):
        alternatives.append(_atom_regex(atom) + _emit(node.children[atom]))
    if node.terminal:
        # The end-of-phrase boundary lives at the terminal so that a longer phrase is tried first
        # and a shorter one still matches when the longer one fails ("panic" in "panicky" fails
        # here, "panic attack" before "panic" succeeds).
        alternatives.append(r"(?!\w)" if node.ends_in_word_char else "")
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"


def _insert(word_start: _Node, other_start: _Node, atoms: list[str], *, prefix: bool) -> None:
    if not atoms:
        return
    node = word_start if _is_word_char(atoms[0][0]) and atoms[0][0] != "\x00" else other_start
    for atom in atoms:
        node = node.children.setdefault(atom, _Node())
    ends_in_word_char = len(atoms[-1]) == 1 and _is_word_char(atoms[-1])
    if prefix:
        node.ends_in_word_char = False  # a prefix may end anywhere; it wins over a whole word
    elif not node.terminal:
        node.ends_in_word_char = ends_in_word_char
    node.terminal = True


def trie_pattern(phrases: Iterable[str]) -> str | None:
    """One regex (source) matching any of `phrases` on word boundaries, longest phrase first at
    each position. Phrases must already be folded when the pattern runs on folded text. Returns
    None when there is nothing to match."""
    word_start, other_start = _Node(), _Node()
    for phrase in phrases:
        _insert(word_start, other_start, _atoms(phrase), prefix=False)
    return _assemble(word_start, other_start)


def anchor_pattern(prefixes: Iterable[str], words: Iterable[str]) -> str | None:
    """One regex matching, at a word start (or anywhere, for symbols), the longest of
    `prefixes` (which may end inside a word) or `words` (which must end at a word end). Taken
    character by character: no separator or apostrophe folding."""
    word_start, other_start = _Node(), _Node()
    for prefix in prefixes:
        _insert(word_start, other_start, _anchor_atoms(prefix), prefix=True)
    for word in words:
        _insert(word_start, other_start, _anchor_atoms(word), prefix=False)
    return _assemble(word_start, other_start)


def _anchor_atoms(anchor: str) -> list[str]:
    return [_SEP if ch == ANCHOR_SEPARATOR else ch for ch in anchor]


def _assemble(word_start: _Node, other_start: _Node) -> str | None:
    parts = []
    if word_start.children:
        parts.append(r"\b" + _emit(word_start))
    if other_start.children:
        parts.append(_emit(other_start))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

"""ConText-style modifiers for lexicon matches: negated, hypothetical, historical, other
experiencer (after Harkema et al., "ConText: an algorithm for determining negation, experiencer,
and temporal status from clinical reports", J Biomed Inform 2009, and medspaCy's ConText).

The triggers, their scope direction and reach, the terminators and the pseudo-triggers are data
(scoring_models/lexicons/context.yaml). The triggers of a text are found once, the phrases at
the candidates of the shared anchor pass (anchors.py) and the few regexes by a search of their
own; a match is then modified by a trigger in its own sentence when

- the trigger's direction points at the match (forward: trigger before the match; backward:
  trigger after it; bidirectional: either),
- no terminator for that flag ("but", "however", ";") lies between them, and
- at most `max_words` words separate them.

A pseudo-trigger ("no change", "not only", "in the past week") is consumed by the trigger pass
as a whole, so the trigger word inside it never fires. A trigger that overlaps the match itself
is part of the matched phrase and is ignored. Sections add flags too: everything under a "Plan:"
heading is hypothetical (`sections` in context.yaml).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from auditready.resources import scoring_models
from auditready.text.phrases import expand_braces, fold, phrase_key
from auditready.text.scanner import PatternScanner, PhraseScanner, leftmost_longest
from auditready.text.schema import (
    FLAG_NAMES,
    ContextFile,
    FlagRules,
    TextDataError,
    Trigger,
    load_yaml_model,
)

CONTEXT_FILE = "context.yaml"
_WORD = re.compile(r"\w+")
FORWARD, BACKWARD = 1, 2
_DIRECTION_BITS = {"forward": FORWARD, "backward": BACKWARD, "bidirectional": FORWARD | BACKWARD}


@dataclass(frozen=True, slots=True)
class Role:
    """What a trigger occurrence does: modify `flag` in `direction` within `max_words`, or (when
    `terminates` is non-empty) end the scope of those flags. `bit` and `blocks` are the same
    flag and terminated flags as bits of a flag mask (see `flags_of`), which the per-match
    scope walk compares instead of sets."""

    flag: str = ""
    direction: int = 0
    max_words: int = 0
    terminates: frozenset[str] = frozenset()
    bit: int = 0
    blocks: int = 0


def role(flag: str = "", direction: int = 0, max_words: int = 0,
         terminates: frozenset[str] = frozenset()) -> Role:
    return Role(flag, direction, max_words, terminates, FLAG_BITS.get(flag, 0),
                sum(FLAG_BITS[name] for name in terminates))


# One trigger, terminator or pseudo-trigger found in a text: (start, end, roles). A plain tuple:
# a note has dozens, and they are only ever read back by position.
Occurrence = tuple[int, int, tuple[Role, ...]]


@dataclass(frozen=True, slots=True)
class Flags:
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    other_experiencer: bool = False


# Flags as a mask: bit i set when FLAG_NAMES[i] holds. Matches share the 16 Flags objects.
FLAG_BITS = {name: 1 << index for index, name in enumerate(FLAG_NAMES)}
_FLAGS_BY_MASK = tuple(
    Flags(*(bool(mask & (1 << index)) for index in range(len(FLAG_NAMES))))
    for mask in range(1 << len(FLAG_NAMES))
)
NO_FLAGS = _FLAGS_BY_MASK[0]


def flags_of(mask: int) -> Flags:
    return _FLAGS_BY_MASK[mask]


def mask_of(flags: Flags) -> int:
    return sum(bit for name, bit in FLAG_BITS.items() if getattr(flags, name))


class ContextRules:
    """The compiled context.yaml: the trigger scanners, the role of each trigger, the flags that
    sections imply, the anchor stopwords and the sentence abbreviations."""

    def __init__(self, data: ContextFile):
        self.sentence_abbreviations = frozenset(a.lower().rstrip(".") for a in data.sentences.abbreviations)
        literal_roles: dict[str, list[Role]] = {}
        literal_phrases: list[str] = []
        patterns: list[tuple[str, tuple[Role, ...]]] = []

        def add(trigger: Trigger, found: Role | None) -> None:
            roles = (found,) if found else ()  # pseudo-triggers have no role
            if trigger.phrase is not None:
                for form in expand_braces(trigger.phrase):
                    literal_roles.setdefault(phrase_key(form), []).extend(roles)
                    literal_phrases.append(fold(form))
            else:
                patterns.append((trigger.pattern, roles))

        everything = frozenset(FLAG_NAMES)
        for item in data.terminators:
            add(item, role(terminates=everything))
        for item in data.pseudo_triggers:
            add(item, None)
        for flag, rules in data.flags.items():
            self._add_flag(flag, rules, add)
        literals = {key: tuple(roles) for key, roles in literal_roles.items()}
        # Trigger phrases join the shared anchor pass: their words ("no", "will", "client") add
        # a few dozen candidate positions to a note, which costs less than a pass of their own.
        # Every trigger starts at a word start or with a symbol, which is where anchors are
        # found, so matching at the candidates finds what searching the whole text would.
        # (Unlike a lexicon's, a trigger may start with a stopword: no stopword check.)
        self._phrases: PhraseScanner[tuple[Role, ...]] = PhraseScanner(
            literals, literal_phrases, case_sensitive=False, anchored=True
        )
        # The few trigger regexes are searched for directly (PatternScanner.scan_range).
        self._patterns: PatternScanner[tuple[Role, ...]] = PatternScanner(
            patterns, case_sensitive=False, anchored=False
        )
        self.stopwords = frozenset(word.lower() for word in data.anchors.stopwords)
        self._section_masks: dict[str, int] = {}
        for flag, sections in data.sections.items():
            for section in sections:
                key = section.lower()
                self._section_masks[key] = self._section_masks.get(key, 0) | FLAG_BITS[flag]

    def section_mask(self, section: str) -> int:
        """The flags (as a mask) every match in a section carries ("plan" -> hypothetical)."""
        return self._section_masks.get(section, 0)

    def section_flags(self, section: str) -> Flags:
        """The flags every match in a section carries ("plan" -> hypothetical)."""
        return _FLAGS_BY_MASK[self._section_masks.get(section, 0)]

    @staticmethod
    def _add_flag(flag: str, rules: FlagRules, add) -> None:
        for direction in ("forward", "backward", "bidirectional"):
            for trigger in getattr(rules, direction):
                reach = rules.max_words if trigger.max_words is None else trigger.max_words
                add(trigger, role(flag=flag, direction=_DIRECTION_BITS[direction], max_words=reach))
        for item in rules.terminators:
            add(item, role(terminates=frozenset({flag})))

    def occurrences(self, analysis) -> list[Occurrence]:
        """Every trigger, terminator and pseudo-trigger of an analyzed text
        (analysis.TextAnalysis), leftmost first, without overlaps."""
        text = analysis.view(self._phrases.text_kind)
        hits = self._phrases.scan(text, analysis.positions, analysis.plain_ascii)
        if not self._patterns.empty:
            text = analysis.view(self._patterns.text_kind)
            hits = leftmost_longest(hits + self._patterns.scan_range(text, 0, len(text), analysis.plain_ascii))
        return hits


@cache
def context_rules() -> ContextRules:
    data = load_yaml_model(scoring_models() / "lexicons" / CONTEXT_FILE, ContextFile)
    try:
        return ContextRules(data)
    except re.error as exc:
        raise TextDataError(f"{CONTEXT_FILE}: {exc}") from exc


def _words_between(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end)) if end > start else 0


def modifiers(text: str, occurrences: list[Occurrence], occurrence_starts: list[int],
              sentence_start: int, sentence_end: int, start: int, end: int,
              section: Flags = NO_FLAGS) -> Flags:
    """The flags of the match [start, end) in the sentence [sentence_start, sentence_end), given
    the trigger `occurrences` of the text (sorted, with their start offsets) and the flags the
    sentence's section implies."""
    first = bisect_left(occurrence_starts, sentence_start)
    last = bisect_left(occurrence_starts, sentence_end, first)
    section_mask = mask_of(section)
    if first == last:
        return _FLAGS_BY_MASK[section_mask]
    return _FLAGS_BY_MASK[modifier_mask(text, occurrences, occurrence_starts, first, last,
                                        start, end, section_mask)]


def modifier_mask(text: str, occurrences: list[Occurrence], occurrence_starts: list[int],
                  first: int, last: int, start: int, end: int, section_mask: int) -> int:
    """`modifiers` as a flag mask, for a match whose sentence holds occurrences[first:last]
    (the sentence bounds already resolved to occurrence indexes)."""
    found = 0
    split = bisect_left(occurrence_starts, start, first, last)
    # Triggers before the match, nearest first: forward scopes reach it unless terminated.
    blocked = 0
    for index in range(split - 1, first - 1, -1):
        occurrence_end = occurrences[index][1]
        if occurrence_end > start:
            continue  # overlaps the match: part of the matched phrase itself
        for role in occurrences[index][2]:
            if role.blocks:
                blocked |= role.blocks
            elif (role.direction & FORWARD and not (role.bit & (blocked | found))
                  and _words_between(text, occurrence_end, start) <= role.max_words):
                found |= role.bit
    # Triggers after the match, nearest first: backward scopes reach back to it.
    blocked = 0
    for index in range(split, last):
        occurrence_start = occurrences[index][0]
        if occurrence_start < end:
            continue
        for role in occurrences[index][2]:
            if role.blocks:
                blocked |= role.blocks
            elif (role.direction & BACKWARD and not (role.bit & (blocked | found))
                  and _words_between(text, end, occurrence_start) <= role.max_words):
                found |= role.bit
    return found | section_mask if found else section_mask

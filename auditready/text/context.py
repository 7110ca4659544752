"""ConText-style modifiers for lexicon matches: negated, hypothetical, historical, other
experiencer (after Harkema et al., "ConText: an algorithm for determining negation, experiencer,
and temporal status from clinical reports", J Biomed Inform 2009, and medspaCy's ConText).

The triggers, their scope direction and reach, the terminators and the pseudo-triggers are data
(scoring_models/lexicons/context.yaml). All triggers of a text are found with one regex pass;
a match is then modified by a trigger in its own sentence when

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
    `terminates` is non-empty) end the scope of those flags."""

    flag: str = ""
    direction: int = 0
    max_words: int = 0
    terminates: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Occurrence:
    start: int
    end: int
    roles: tuple[Role, ...]


@dataclass(frozen=True, slots=True)
class Flags:
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    other_experiencer: bool = False


NO_FLAGS = Flags()


class ContextRules:
    """The compiled context.yaml: the trigger scanners, the role of each trigger, the flags that
    sections imply, the anchor stopwords and the sentence abbreviations."""

    def __init__(self, data: ContextFile):
        self.sentence_abbreviations = frozenset(a.lower().rstrip(".") for a in data.sentences.abbreviations)
        literal_roles: dict[str, list[Role]] = {}
        literal_phrases: list[str] = []
        patterns: list[tuple[str, tuple[Role, ...]]] = []

        def add(trigger: Trigger, role: Role | None) -> None:
            roles = (role,) if role else ()  # pseudo-triggers have no role
            if trigger.phrase is not None:
                for form in expand_braces(trigger.phrase):
                    literal_roles.setdefault(phrase_key(form), []).extend(roles)
                    literal_phrases.append(fold(form))
            else:
                patterns.append((trigger.pattern, roles))

        everything = frozenset(FLAG_NAMES)
        for item in data.terminators:
            add(item, Role(terminates=everything))
        for item in data.pseudo_triggers:
            add(item, None)
        for flag, rules in data.flags.items():
            self._add_flag(flag, rules, add)
        literals = {key: tuple(roles) for key, roles in literal_roles.items()}
        # Triggers get their own pass over a text (once, and only when a lexicon matched), not
        # the shared anchor pass: their words ("no", "will", "if") are in every sentence.
        self._phrases: PhraseScanner[tuple[Role, ...]] = PhraseScanner(
            literals, literal_phrases, case_sensitive=False, anchored=False
        )
        self._patterns: PatternScanner[tuple[Role, ...]] = PatternScanner(
            patterns, case_sensitive=False, anchored=False
        )
        self.stopwords = frozenset(word.lower() for word in data.anchors.stopwords)
        self._section_flag_names: dict[str, set[str]] = {}
        for flag, sections in data.sections.items():
            for section in sections:
                self._section_flag_names.setdefault(section.lower(), set()).add(flag)

    def section_flags(self, section: str) -> Flags:
        """The flags every match in a section carries ("plan" -> hypothetical)."""
        names = self._section_flag_names.get(section)
        if not names:
            return NO_FLAGS
        return Flags(**{name: True for name in names})

    @staticmethod
    def _add_flag(flag: str, rules: FlagRules, add) -> None:
        for direction in ("forward", "backward", "bidirectional"):
            for trigger in getattr(rules, direction):
                reach = rules.max_words if trigger.max_words is None else trigger.max_words
                add(trigger, Role(flag=flag, direction=_DIRECTION_BITS[direction], max_words=reach))
        for item in rules.terminators:
            add(item, Role(terminates=frozenset({flag})))

    def occurrences(self, analysis) -> list[Occurrence]:
        """Every trigger, terminator and pseudo-trigger of an analyzed text
        (analysis.TextAnalysis), leftmost first, in one pass over the text."""
        text = analysis.view(self._phrases.text_kind)
        hits = self._phrases.scan_range(text, 0, len(text))
        if not self._patterns.empty:
            text = analysis.view(self._patterns.text_kind)
            hits = leftmost_longest(hits + self._patterns.scan_range(text, 0, len(text)))
        return [Occurrence(s, e, roles) for s, e, roles in hits]


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
    if first == last:
        return section
    found: set[str] = set()
    split = bisect_left(occurrence_starts, start, first, last)
    # Triggers before the match, nearest first: forward scopes reach it unless terminated.
    blocked: set[str] = set()
    for index in range(split - 1, first - 1, -1):
        occurrence = occurrences[index]
        if occurrence.end > start:
            continue  # overlaps the match: part of the matched phrase itself
        for role in occurrence.roles:
            if role.terminates:
                blocked |= role.terminates
            elif (role.direction & FORWARD and role.flag not in blocked and role.flag not in found
                  and _words_between(text, occurrence.end, start) <= role.max_words):
                found.add(role.flag)
    # Triggers after the match, nearest first: backward scopes reach back to it.
    blocked = set()
    for index in range(split, last):
        occurrence = occurrences[index]
        if occurrence.start < end:
            continue
        for role in occurrence.roles:
            if role.terminates:
                blocked |= role.terminates
            elif (role.direction & BACKWARD and role.flag not in blocked and role.flag not in found
                  and _words_between(text, end, occurrence.start) <= role.max_words):
                found.add(role.flag)
    if not found:
        return section
    if section is not NO_FLAGS:
        found |= {name for name in FLAG_NAMES if getattr(section, name)}
    return Flags(
        negated="negated" in found,
        hypothetical="hypothetical" in found,
        historical="historical" in found,
        other_experiencer="other_experiencer" in found,
    )

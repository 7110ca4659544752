"""Lexicons: named sets of clinical terms, declared as data and compiled into a few big regexes.

A lexicon file (scoring_models/lexicons/<name>.yaml, format in the README there) groups entries
into categories. Each entry has a canonical `term` and the ways it is written: literal `phrases`
(case-insensitive, on word boundaries, with plural or verb inflection of the last word and
{a|b} shorthand), `abbrevs` (exact and case-sensitive, so "SI" is suicidal ideation and Spanish
"si" is not), and explicitly marked regexes (`patterns`, case-insensitive;
`case_sensitive_patterns`).

At load time a lexicon compiles into at most four scanners (scanner.py), one regex each:
case-insensitive phrases as one prefix trie, case-insensitive regexes as one alternation, and
the same two for case-sensitive forms. One shared anchor pass per text (anchors.py) tells each
scanner where to try. `find` returns every match, leftmost-longest without overlaps, each with
its ConText flags (context.py) and the sentence it sits in (sentences.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from auditready.models import Span
from auditready.resources import scoring_models
from auditready.text.analysis import analyze
from auditready.text.anchors import UnanchoredPattern
from auditready.text.context import NO_FLAGS, context_rules, flags_of, modifier_mask
from auditready.text.phrases import expand_braces, fold, inflections, phrase_key
from auditready.text.records import fast_constructor, new_span
from auditready.text.scanner import PatternScanner, PhraseScanner, leftmost_longest
from auditready.text.schema import LexiconFile, TextDataError, load_yaml_model

LEXICON_FOLDER = "lexicons"
# Files in the lexicon folder that are not lexicons.
NOT_LEXICONS = frozenset({"context"})


@dataclass(frozen=True, slots=True)
class Match:
    """One lexicon hit. Offsets index into the text given to `find`."""

    start: int
    end: int
    text: str
    term: str  # the entry's canonical term, e.g. "cognitive restructuring"
    category: str  # the entry's category within the lexicon, e.g. "cbt"
    negated: bool
    hypothetical: bool
    historical: bool
    other_experiencer: bool
    sentence: Span  # the sentence containing the match, for evidence

    @property
    def affirmed(self) -> bool:
        """Asserted about the client, now, as fact: not negated, hypothetical, historical or
        about someone else."""
        return not (self.negated or self.hypothetical or self.historical or self.other_experiencer)

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.text)


# A note yields dozens of matches per lexicon: built without the frozen __init__ (records.py).
_new_match = fast_constructor(Match)


@dataclass(frozen=True, slots=True)
class _Target:
    term: str
    category: str


class Lexicon:
    """A compiled lexicon. Build with `load_lexicon(name)`."""

    def __init__(self, data: LexiconFile, source: str):
        self.name = data.lexicon
        self.description = data.description
        self._terms: dict[str, list[str]] = {}
        folded_literals: dict[str, _Target] = {}
        exact_literals: dict[str, _Target] = {}
        folded_phrases: list[str] = []
        exact_phrases: list[str] = []
        folded_patterns: list[tuple[str, _Target]] = []
        exact_patterns: list[tuple[str, _Target]] = []
        explicit_owner: dict[tuple[bool, str], _Target] = {}

        def claim(key: str, target: _Target, *, exact: bool, explicit: bool, shown: str) -> bool:
            """Register a literal key; two entries may not claim the same written form."""
            table = exact_literals if exact else folded_literals
            owner = explicit_owner.get((exact, key))
            if owner is not None and owner != target:
                if explicit:
                    raise TextDataError(
                        f"{source}: {shown!r} is listed under both {owner.category}/{owner.term!r} "
                        f"and {target.category}/{target.term!r}"
                    )
                return False  # a generated inflection never overrides a listed phrase
            if explicit:
                explicit_owner[(exact, key)] = target
                table[key] = target
            else:
                table.setdefault(key, target)
            return True

        for category_name, category in data.categories.items():
            terms = self._terms.setdefault(category_name, [])
            for entry in category.entries:
                target = _Target(entry.term, category_name)
                terms.append(entry.term)
                mode = entry.inflect or category.inflect or data.inflect
                listed = ([entry.term] if entry.match_term else []) + [
                    form for phrase in entry.phrases for form in expand_braces(phrase)
                ]
                for phrase in listed:
                    claim(phrase_key(phrase), target, exact=False, explicit=True, shown=phrase)
                    folded_phrases.append(fold(phrase))
                for phrase in listed:
                    for form in inflections(fold(phrase), mode)[1:]:
                        if claim(phrase_key(form), target, exact=False, explicit=False, shown=form):
                            folded_phrases.append(form)
                for abbrev in entry.abbrevs:
                    claim(phrase_key(abbrev, folded=False), target, exact=True, explicit=True, shown=abbrev)
                    exact_phrases.append(abbrev)
                folded_patterns += [(p, target) for p in entry.patterns]
                exact_patterns += [(p, target) for p in entry.case_sensitive_patterns]
        stopwords = context_rules().stopwords
        try:
            scanners: list[PhraseScanner | PatternScanner] = [
                PhraseScanner(folded_literals, folded_phrases, case_sensitive=False, stopwords=stopwords),
                PatternScanner(folded_patterns, case_sensitive=False, stopwords=stopwords),
                PhraseScanner(exact_literals, exact_phrases, case_sensitive=True, stopwords=stopwords),
                PatternScanner(exact_patterns, case_sensitive=True, stopwords=stopwords),
            ]
        except UnanchoredPattern as exc:
            raise TextDataError(f"{source}: {exc}") from exc
        except re.error as exc:  # individually valid regexes can still clash when combined
            raise TextDataError(f"{source}: patterns do not compile together ({exc})") from exc
        self._scanners = [scanner for scanner in scanners if not scanner.empty]

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(self._terms)

    def terms(self, category: str | None = None) -> list[str]:
        """Canonical terms, of one category or of all (for "searched for ..." messages)."""
        if category is not None:
            if category not in self._terms:
                raise KeyError(f"lexicon {self.name!r} has no category {category!r}")
            return list(self._terms[category])
        return [term for terms in self._terms.values() for term in terms]

    def find(self, text: str, *, categories: Iterable[str] | None = None) -> list[Match]:
        """Every match in `text`, leftmost-longest without overlaps, with ConText flags set.
        `categories` keeps only matches of those categories (after overlaps are resolved)."""
        analysis = analyze(text)
        matches = analysis.results.get(self)
        if matches is None:
            matches = analysis.results[self] = self._matches(analysis)
        if categories is None:
            return list(matches)
        wanted = set(categories)
        unknown = wanted - set(self._terms)
        if unknown:
            raise KeyError(f"lexicon {self.name!r} has no category {sorted(unknown)[0]!r}")
        return [match for match in matches if match.category in wanted]

    def _matches(self, analysis) -> tuple[Match, ...]:
        positions = analysis.positions
        hits: list = []
        for scanner in self._scanners:
            found = scanner.scan(analysis.view(scanner.text_kind), positions, analysis.plain_ascii)
            if found:
                hits = leftmost_longest(hits + found) if hits else found
        if not hits:
            return ()
        text = analysis.text
        sentences, sentence_starts = analysis.sentences()
        scopes = analysis.scopes()
        occurrences, occurrence_starts = analysis.occurrences()
        matches = []
        append = matches.append
        for start, end, target in hits:
            index = bisect_right(sentence_starts, start) - 1
            if index >= 0 and start < sentences[index].end:
                sentence = sentences[index]
                first, last, mask = scopes[index]
                if first != last:
                    mask = modifier_mask(text, occurrences, occurrence_starts, first, last,
                                         start, end, mask)
                flags = flags_of(mask)
            else:  # only a pattern starting with a symbol can land outside every sentence
                sentence = new_span(start, end, text[start:end])
                flags = NO_FLAGS
            append(_new_match(
                start, end, text[start:end], target.term, target.category,
                flags.negated, flags.hypothetical, flags.historical, flags.other_experiencer,
                sentence,
            ))
        return tuple(matches)

    def first(self, text: str, *, affirmed_only: bool = True,
              categories: Iterable[str] | None = None) -> Match | None:
        """The first match (the first affirmed one unless `affirmed_only` is false)."""
        for match in self.find(text, categories=categories):
            if match.affirmed or not affirmed_only:
                return match
        return None

    def __repr__(self) -> str:
        return f"Lexicon({self.name!r}, categories={list(self._terms)})"


def _folder():
    return scoring_models() / LEXICON_FOLDER


def lexicon_names() -> list[str]:
    """Names of the packaged lexicons (file stems), sorted."""
    return sorted(p.stem for p in _folder().glob("*.yaml") if p.stem not in NOT_LEXICONS)


def load_lexicon_file(path: Path) -> Lexicon:
    """A lexicon from any file in the lexicon format (a practice's own vocabulary, or a test's),
    validated as strictly as the packaged ones. Not cached: each call compiles the file, and its
    anchors join the shared anchor pass for the life of the process."""
    data = load_yaml_model(path, LexiconFile)
    if data.lexicon != path.stem:
        raise TextDataError(f"{path.name}: 'lexicon: {data.lexicon}' does not match the file name")
    return Lexicon(data, path.name)


@cache
def load_lexicon(name: str) -> Lexicon:
    """The packaged lexicon `name`, validated strictly and compiled once per process."""
    if name in NOT_LEXICONS or not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise TextDataError(f"{name!r} is not a lexicon name; known: {', '.join(lexicon_names())}")
    path = _folder() / f"{name}.yaml"
    if not path.is_file():
        raise TextDataError(f"no lexicon named {name!r}; known: {', '.join(lexicon_names())}")
    return load_lexicon_file(path)

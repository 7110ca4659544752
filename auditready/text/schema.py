"""The shapes of the text-matching data files, validated strictly (unknown keys are errors).

`scoring_models/lexicons/<name>.yaml` holds one lexicon; `scoring_models/lexicons/context.yaml`
holds the ConText triggers and the sentence splitter's abbreviations. The loaders wrap every
validation error in `TextDataError` naming the file, so a typo in a data file fails loudly at
load time, never silently at match time.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from auditready.text.phrases import expand_braces

Inflection = Literal["noun", "verb", "none"]
FLAG_NAMES = ("negated", "hypothetical", "historical", "other_experiencer")
_NAME = re.compile(r"[a-z][a-z0-9_]*")


class TextDataError(ValueError):
    """A lexicon or context file that cannot be read or does not validate."""


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_regex(pattern: str) -> str:
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"invalid regex {pattern!r}: {exc}") from exc
    if compiled.groupindex:
        raise ValueError(f"regex {pattern!r} must not use named groups")
    if compiled.match(""):
        raise ValueError(f"regex {pattern!r} matches the empty string")
    return pattern


def _check_phrase(phrase: str) -> str:
    if not phrase.strip():
        raise ValueError("empty phrase")
    if "\x00" in phrase:
        raise ValueError("phrase contains a NUL character")
    if any(not form.strip() for form in expand_braces(phrase)):
        raise ValueError(f"phrase {phrase!r} can expand to nothing")
    return phrase


def _check_plain(phrase: str) -> str:
    """Terms and abbreviations are single written forms: no {a|b} shorthand."""
    _check_phrase(phrase)
    if "{" in phrase or "}" in phrase:
        raise ValueError(f"{phrase!r}: braces are allowed in phrases, not in terms or abbrevs")
    return phrase


class Entry(StrictModel):
    """One lexicon entry: a canonical term and the ways it is written.

    `term` is matched as a phrase too unless `match_term` is false (for entries whose term is a
    label, like "score change", and whose text forms are all patterns)."""

    term: str
    phrases: tuple[str, ...] = ()
    abbrevs: tuple[str, ...] = ()  # matched exactly, case-sensitively: "SI", "CBT"
    patterns: tuple[str, ...] = ()  # case-insensitive regexes
    case_sensitive_patterns: tuple[str, ...] = ()
    inflect: Inflection | None = None  # defaults to the category's, then the lexicon's
    match_term: bool = True

    @field_validator("term")
    @classmethod
    def _term(cls, value: str) -> str:
        return _check_plain(value)

    @field_validator("phrases")
    @classmethod
    def _phrases(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_check_phrase(v) for v in values)

    @field_validator("abbrevs")
    @classmethod
    def _abbrevs(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_check_plain(v) for v in values)

    @field_validator("patterns", "case_sensitive_patterns")
    @classmethod
    def _patterns(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_check_regex(v) for v in values)

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: object) -> object:
        return {"term": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _matches_something(self) -> Entry:
        if not (self.match_term or self.phrases or self.abbrevs or self.patterns
                or self.case_sensitive_patterns):
            raise ValueError(f"entry {self.term!r} matches nothing")
        return self


class Category(StrictModel):
    description: str = ""
    inflect: Inflection | None = None
    entries: tuple[Entry, ...] = Field(min_length=1)  # a bare string is {term: string}


class LexiconFile(StrictModel):
    lexicon: str
    description: str
    inflect: Inflection = "noun"
    categories: dict[str, Category] = Field(min_length=1)

    @field_validator("categories")
    @classmethod
    def _category_names(cls, value: dict[str, Category]) -> dict[str, Category]:
        for name in value:
            if not _NAME.fullmatch(name):
                raise ValueError(f"category name {name!r} must be lowercase snake_case")
        return value


class Trigger(StrictModel):
    """A trigger phrase (a bare string in the file) or {pattern: regex}, with its own reach."""

    phrase: str | None = None
    pattern: str | None = None
    max_words: int | None = Field(default=None, ge=0, le=40)

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: object) -> object:
        return {"phrase": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _one_form(self) -> Trigger:
        if (self.phrase is None) == (self.pattern is None):
            raise ValueError("a trigger has exactly one of 'phrase' or 'pattern'")
        if self.phrase is not None:
            _check_phrase(self.phrase)
        if self.pattern is not None:
            _check_regex(self.pattern)
        return self




class FlagRules(StrictModel):
    description: str = ""
    max_words: int = Field(ge=0, le=40)
    forward: tuple[Trigger, ...] = ()
    backward: tuple[Trigger, ...] = ()
    bidirectional: tuple[Trigger, ...] = ()
    terminators: tuple[Trigger, ...] = ()  # end this flag's scope only


class SentenceRules(StrictModel):
    abbreviations: tuple[str, ...]


class AnchorRules(StrictModel):
    stopwords: tuple[str, ...]


class ContextFile(StrictModel):
    description: str
    terminators: tuple[Trigger, ...]
    pseudo_triggers: tuple[Trigger, ...]
    flags: dict[Literal["negated", "hypothetical", "historical", "other_experiencer"], FlagRules]
    sections: dict[Literal["negated", "hypothetical", "historical", "other_experiencer"], tuple[str, ...]]
    sentences: SentenceRules
    anchors: AnchorRules

    @field_validator("flags")
    @classmethod
    def _all_flags(cls, value: dict[str, FlagRules]) -> dict[str, FlagRules]:
        missing = set(FLAG_NAMES) - set(value)
        if missing:
            raise ValueError(f"flags missing: {', '.join(sorted(missing))}")
        return value


class _WordsLoader(yaml.SafeLoader):
    """YAML 1.1 reads no/yes/on/off as booleans; in word lists they are words ("no" is a
    negation trigger, "on" a stopword). Only true/false are booleans here."""


_WordsLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_WordsLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_yaml_model(path: Path, model: type[StrictModel]) -> StrictModel:
    """Read `path` and validate it as `model`; every failure names the file."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_WordsLoader)
    except OSError as exc:
        raise TextDataError(f"{path.name}: cannot be read ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        raise TextDataError(f"{path.name}: not valid YAML ({exc})") from exc
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '<top>'}: {err['msg']}" for err in exc.errors()
        )
        raise TextDataError(f"{path.name}: {problems}") from exc


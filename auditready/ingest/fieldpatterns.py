"""The data behind field extraction and note splitting, loaded strictly from
scoring_models/ingest/ (labels, credentials, note titles, billing codes, telehealth words,
signature statuses) and compiled once per process.

Every file is validated with pydantic (unknown keys rejected), so a typo in a data file fails
loudly at the first extraction instead of silently extracting nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, RootModel, ValidationError, field_validator

from auditready.models import NOTE_TYPES
from auditready.resources import scoring_models

# Fields a "Label: value" line can fill. Names starting with "_" are recognized so their
# values stay out of other fields (a client's signature, a next-appointment date).
LABEL_FIELDS = (
    "client", "client_id", "dob", "clinician", "supervisor", "credentials", "npi",
    "date_of_service", "session_time", "start", "end", "minutes", "cpt", "modifiers",
    "place_of_service", "modality", "diagnoses", "signer", "signed_date", "signature_status",
    "declared_type", "note_id", "_other_signature", "_not_service_date",
)  # fmt: skip

# Fields whose value is a person's name: a bare label for them precedes a capitalized word.
NAME_FIELDS = frozenset({"client", "clinician", "supervisor", "signer"})


class FieldDataError(ValueError):
    """A data file under scoring_models/ingest/ that does not have the expected shape."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LabelGroup(_Strict):
    strong: list[str]
    weak: list[str]
    bare: list[str] = []


class CredentialEntry(_Strict):
    credential: str
    level: Literal["independent", "associate", "psychologist", "prescriber", "degree", "certification"]
    forms: list[str]


class ModifierEntry(_Strict):
    meaning: str
    telehealth: bool
    modality: Literal["video", "audio"] | None = None


class PlaceEntry(_Strict):
    name: str
    telehealth: bool


class CodesFile(_Strict):
    cpt: dict[str, str]
    add_on: list[str]
    modifiers: dict[str, ModifierEntry]
    place_of_service: dict[str, PlaceEntry]
    place_words: dict[str, list[str]]

    @field_validator("cpt")
    @classmethod
    def _code_shape(cls, value: dict[str, str]) -> dict[str, str]:
        bad = [code for code in value if not re.fullmatch(r"[0-9]{5}|[A-Z][0-9]{4}", code)]
        if bad:
            raise ValueError(f"not CPT/HCPCS codes: {bad}")
        return value

    @field_validator("modifiers")
    @classmethod
    def _modifier_shape(cls, value: dict[str, ModifierEntry]) -> dict[str, ModifierEntry]:
        bad = [code for code in value if not re.fullmatch(r"[0-9A-Z]{2}", code)]
        if bad:
            raise ValueError(f"modifiers must be two capitals or digits: {bad}")
        return value

    @field_validator("place_of_service")
    @classmethod
    def _pos_shape(cls, value: dict[str, PlaceEntry]) -> dict[str, PlaceEntry]:
        bad = [code for code in value if not re.fullmatch(r"[0-9]{2}", code)]
        if bad:
            raise ValueError(f"place-of-service codes must be two digits: {bad}")
        return value


class TelehealthFile(_Strict):
    video: list[str]
    audio: list[str]
    in_person: list[str]


class SignatureFile(_Strict):
    status_words: dict[Literal["signed", "draft", "unsigned"], list[str]]
    placeholders: list[str]

    @field_validator("placeholders")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"placeholder pattern {pattern!r} does not compile: {exc}") from exc
        return value


class LabelsFile(RootModel[dict[str, LabelGroup]]):
    @field_validator("root")
    @classmethod
    def _known_fields(cls, value: dict[str, LabelGroup]) -> dict[str, LabelGroup]:
        unknown = sorted(set(value) - set(LABEL_FIELDS))
        if unknown:
            raise ValueError(f"unknown fields {unknown}; known: {', '.join(LABEL_FIELDS)}")
        return value


class TitlesFile(RootModel[dict[str, list[str]]]):
    @field_validator("root")
    @classmethod
    def _note_types(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = sorted(set(value) - set(NOTE_TYPES))
        if unknown:
            raise ValueError(f"unknown note types {unknown}; known: {', '.join(NOTE_TYPES)}")
        return value


@lru_cache(maxsize=8192)
def normalize_label(label: str) -> str:
    """'Date of Service', 'dateOfService', 'DATE-OF-SERVICE' -> 'dateofservice'."""
    split_camel = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", label)
    return re.sub(r"[^a-z0-9#]+", "", split_camel.lower())


@lru_cache(maxsize=8192)
def normalize_phrase(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9'&/ -]+", " ", text.lower()).split())


@dataclass(frozen=True, slots=True)
class LabelInfo:
    field: str
    rank: int  # lower wins among labels of one field
    strong: bool


@dataclass(frozen=True, slots=True)
class Credential:
    credential: str  # canonical spelling
    level: str
    written: str  # as written in the note


@dataclass(frozen=True, slots=True)
class FieldPatterns:
    labels: dict[str, LabelInfo]
    label_last_words: frozenset[str]  # normalized last word of every label
    bare_label_re: re.Pattern[str] | None  # labels that need no colon (groups label, name_label)
    credential_exact: dict[str, tuple[str, str]]  # form without periods -> (canonical, level)
    credential_folded: dict[str, tuple[str, str]]  # upper-cased form (3+ chars) -> same
    title_re: re.Pattern[str]
    title_types: dict[str, str]  # normalized title -> note type
    cpt_codes: frozenset[str]
    add_on_codes: frozenset[str]
    modifiers: dict[str, ModifierEntry]
    places: dict[str, PlaceEntry]
    place_words: dict[str, str]  # normalized phrase -> canonical word
    place_word_re: re.Pattern[str]  # any place word inside a longer value (lower-cased text)
    telehealth_re: re.Pattern[str]
    telehealth_scan_re: re.Pattern[str]  # the same phrases without boundary checks (faster)
    telehealth_kinds: dict[str, str]  # lower-cased term -> video | audio | in_person
    status_words: dict[str, str]  # normalized phrase -> signed | draft | unsigned
    placeholder_re: re.Pattern[str]

    def credential(self, token: str) -> Credential | None:
        bare = token.replace(".", "")
        found = self.credential_exact.get(bare)
        if found is None and len(bare) >= 3 and (bare.isupper() or bare.islower()):
            found = self.credential_folded.get(bare.upper())
        return None if found is None else Credential(found[0], found[1], token)

    def title_type(self, title: str) -> str:
        return self.title_types[_title_key(title)]


def _title_key(title: str) -> str:
    return re.sub(r"[\s/_-]+", " ", title.strip().lower())


_SEPARATOR = "\x00"  # stands for any run of spaces, hyphens, slashes or underscores


def _phrase_alternation(phrases: list[str]) -> str:
    """One regular expression for many phrases, built as a trie so that each position of the
    text tries one branch per first character instead of every phrase (scanning every note's
    full text must stay cheap). Longer phrases win: "psychotherapy progress note" over
    "psychotherapy note" is decided by the trie, not by the order of alternatives."""
    tree: dict[str, dict] = {}
    for phrase in phrases:
        words = [w for w in re.split(r"[\s/_-]+", phrase.strip().lower()) if w]
        if not words:
            continue
        node = tree
        for ch in _SEPARATOR.join(words):
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = []
        for ch in sorted(k for k in node if k):
            piece = r"[\s/_\-]+" if ch == _SEPARATOR else re.escape(ch)
            branches.append(piece + build(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # A phrase may end here: the longer continuation is tried first (greedy).
        return f"(?:{body})?" if "" in node else body

    return build(tree)


def _read_yaml(folder: Path, name: str) -> object:
    path = folder / name
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as exc:
        raise FieldDataError(f"cannot read scoring_models/ingest/{name}: {exc}") from exc


def _validate(model: type[BaseModel], data: object, name: str) -> BaseModel:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise FieldDataError(f"scoring_models/ingest/{name} is invalid: {exc}") from exc


def build_patterns(folder: Path) -> FieldPatterns:
    """Load and compile the field data in `folder` (scoring_models/ingest)."""
    labels_file = _validate(LabelsFile, _read_yaml(folder, "labels.yaml"), "labels.yaml")
    creds_raw = _read_yaml(folder, "credentials.yaml")
    if not isinstance(creds_raw, list):
        raise FieldDataError("scoring_models/ingest/credentials.yaml must be a list of credentials")
    credentials = [_validate(CredentialEntry, item, "credentials.yaml") for item in creds_raw]
    titles_file = _validate(TitlesFile, _read_yaml(folder, "note_titles.yaml"), "note_titles.yaml")
    codes = _validate(CodesFile, _read_yaml(folder, "codes.yaml"), "codes.yaml")
    telehealth = _validate(TelehealthFile, _read_yaml(folder, "telehealth.yaml"), "telehealth.yaml")
    signature = _validate(SignatureFile, _read_yaml(folder, "signature.yaml"), "signature.yaml")

    labels: dict[str, LabelInfo] = {}
    for field, group in labels_file.root.items():  # type: ignore[attr-defined]
        for rank, (label, strong) in enumerate(
            [(name, True) for name in group.strong] + [(name, False) for name in group.weak]
        ):
            key = normalize_label(label)
            previous = labels.get(key)
            if previous is not None and previous.field != field:
                raise FieldDataError(
                    f"scoring_models/ingest/labels.yaml: label {label!r} is listed for both "
                    f"{previous.field} and {field}"
                )
            labels.setdefault(key, LabelInfo(field, rank, strong))

    # Labels written without a colon: before a number ("DOB 01/19/2001") or, for a person's
    # name, before a capitalized word ("Chart of Aurelia Quill").
    number_forms: list[str] = []
    name_forms: list[str] = []
    for field, group in labels_file.root.items():  # type: ignore[attr-defined]
        for label in group.bare:
            (name_forms if field in NAME_FIELDS else number_forms).append(label)
            key = normalize_label(label)
            if key not in labels:
                labels[key] = LabelInfo(field, len(group.strong) + len(group.weak), True)
            elif labels[key].field != field:
                raise FieldDataError(f"scoring_models/ingest/labels.yaml: bare label {label!r} belongs to another field")

    def forms(labels_: list[str]) -> str:
        return "|".join(re.escape(f).replace(r"\ ", r"[ \t]+") for f in sorted(labels_, key=len, reverse=True))

    branches = []
    if number_forms:
        branches.append(r"(?P<label>" + forms(number_forms) + r")[ \t]*(?:#[ \t]*)?(?=\d)")
    if name_forms:
        branches.append(r"(?P<name_label>" + forms(name_forms) + r")[ \t]+(?=(?-i:[A-Z]))")
    bare_label_re = re.compile(r"(?<![A-Za-z])(?:" + "|".join(branches) + ")", re.IGNORECASE) if branches else None

    exact: dict[str, tuple[str, str]] = {}
    folded: dict[str, tuple[str, str]] = {}
    for entry in credentials:
        for form in [entry.credential, *entry.forms]:  # type: ignore[attr-defined]
            bare = form.replace(".", "")
            exact.setdefault(bare, (entry.credential, entry.level))  # type: ignore[attr-defined]
            if len(bare) >= 3:
                folded.setdefault(bare.upper(), (entry.credential, entry.level))  # type: ignore[attr-defined]

    title_types: dict[str, str] = {}
    for note_type, titles in titles_file.root.items():  # type: ignore[attr-defined]
        for title in titles:
            key = _title_key(title)
            if key in title_types and title_types[key] != note_type:
                raise FieldDataError(f"scoring_models/ingest/note_titles.yaml: {title!r} has two types")
            title_types[key] = note_type
    title_re = re.compile(r"(?:" + _phrase_alternation(list(title_types)) + r")(?![A-Za-z])", re.IGNORECASE)

    telehealth_kinds: dict[str, str] = {}
    for kind in ("video", "audio", "in_person"):
        for term in getattr(telehealth, kind):
            telehealth_kinds[" ".join(re.split(r"[\s/_-]+", term.lower()))] = kind
    # Matched against the lower-cased note text (case-sensitive matching is much faster).
    telehealth_re = re.compile(r"(?<![\w.])(?:" + _phrase_alternation(list(telehealth_kinds)) + r")(?!\w)")

    status_words = {
        normalize_phrase(word): status
        for status, words in signature.status_words.items()  # type: ignore[attr-defined]
        for word in words
    }
    placeholder_re = re.compile(
        "|".join(f"(?:{p})" for p in signature.placeholders),  # type: ignore[attr-defined]
        re.IGNORECASE,
    )
    place_words = {
        normalize_phrase(form): canonical
        for canonical, forms in codes.place_words.items()  # type: ignore[attr-defined]
        for form in [canonical, *forms]
    }
    unknown_add_ons = set(codes.add_on) - set(codes.cpt)  # type: ignore[attr-defined]
    if unknown_add_ons:
        raise FieldDataError(f"scoring_models/ingest/codes.yaml: add_on codes not in cpt: {sorted(unknown_add_ons)}")
    return FieldPatterns(
        labels=labels,
        bare_label_re=bare_label_re,
        label_last_words=frozenset(
            normalize_label(label.split()[-1])
            for group in labels_file.root.values()  # type: ignore[attr-defined]
            for label in group.strong + group.weak
        ),
        credential_exact=exact,
        credential_folded=folded,
        title_re=title_re,
        title_types=title_types,
        cpt_codes=frozenset(codes.cpt),  # type: ignore[attr-defined]
        add_on_codes=frozenset(codes.add_on),  # type: ignore[attr-defined]
        modifiers=dict(codes.modifiers),  # type: ignore[attr-defined]
        places=dict(codes.place_of_service),  # type: ignore[attr-defined]
        place_words=place_words,
        place_word_re=re.compile(r"(?<![\w])(?:" + _phrase_alternation(list(place_words)) + r")(?!\w)"),
        telehealth_re=telehealth_re,
        telehealth_scan_re=re.compile(_phrase_alternation(list(telehealth_kinds))),
        telehealth_kinds=telehealth_kinds,
        status_words=status_words,
        placeholder_re=placeholder_re,
    )


@cache
def field_patterns() -> FieldPatterns:
    """The packaged field data, loaded once per process."""
    return build_patterns(scoring_models() / "ingest")


def telehealth_kind(patterns: FieldPatterns, term: str) -> str:
    return patterns.telehealth_kinds[" ".join(re.split(r"[\s/_-]+", term.lower()))]

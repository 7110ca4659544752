"""Which kind of clinical document a note is: progress, psychotherapy (process) note, intake,
treatment plan or other, with a confidence and the human-readable signals behind it.

A declared type (field "declared_type", read by field extraction from a title such as
"Psychotherapy Note") wins. Otherwise signals vote: titles, CPT codes, section structure
(SOAP/DAP/BIRP, intake, plan headings), process-note content against billing elements, and
contact-note language. The signals, their weights and the confidence curve are data
(scoring_models/classify.yaml, validated strictly); this module only evaluates them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import Field, model_validator

from auditready.models import NOTE_TYPES, Classification, Note
from auditready.resources import scoring_models
from auditready.text.asciifast import ascii_twin, plain_ascii
from auditready.text.lexicon import load_lexicon
from auditready.text.schema import StrictModel, TextDataError, load_yaml_model
from auditready.text.sentences import normalize_label

CLASSIFY_FILE = "classify.yaml"
NoteType = Literal["progress", "psychotherapy", "intake", "treatment_plan", "other"]

# "Label:" at a line start, or a heading alone on its line ("SUBJECTIVE", "Plan").
_LABEL = re.compile(r"^[ \t]*([A-Za-z][A-Za-z0-9 /&()'_-]{0,60}?)[ \t]*(?::|$)", re.M)
_LABELS = (_LABEL, ascii_twin(_LABEL))  # for any text, for a plain ASCII text
_CPT_IN_TEXT = re.compile(
    r"\b(?:cpt|service\s*code|billing\s*code|procedure\s*code)\s*(?:code)?\s*[:#]?\s*(\d{5})\b",
    re.I,
)
_MAX_LABEL_SHOWN = 40


class DeclaredRules(StrictModel):
    confidence: float = Field(ge=0.95, le=1.0)


class ConfidenceRules(StrictModel):
    floor: float = Field(ge=0.0, le=1.0)
    ceiling: float = Field(ge=0.0, le=1.0)
    scale: float = Field(gt=0.0)


class SignalRule(StrictModel):
    name: str
    label: str
    votes: dict[NoteType, float] = Field(default_factory=dict)
    weight: float | None = None  # for cpt and field signals: the vote for the type they name
    min: int = Field(default=1, ge=1)
    cap: int = Field(default=1, ge=1)
    per_match: bool = False
    zone: int | None = Field(default=None, gt=0)
    pattern: str | None = None
    headings: tuple[str, ...] | None = None
    lexicon: str | None = None
    categories: tuple[str, ...] | None = None
    affirmed_only: bool = True
    cpt: dict[NoteType, tuple[str, ...]] | None = None
    field: dict[str, dict[NoteType, tuple[str, ...]]] | None = None

    @model_validator(mode="after")
    def _one_form(self) -> SignalRule:
        forms = [f for f in ("pattern", "headings", "lexicon", "cpt", "field") if getattr(self, f) is not None]
        if len(forms) != 1:
            raise ValueError(f"signal {self.name!r} needs exactly one of pattern/headings/lexicon/cpt/field")
        typed = forms[0] in ("cpt", "field")
        if typed and (self.weight is None or self.votes):
            raise ValueError(f"signal {self.name!r}: cpt and field signals take 'weight', not 'votes'")
        if not typed and (self.weight is not None or not self.votes):
            raise ValueError(f"signal {self.name!r}: needs 'votes' (and no 'weight')")
        if self.pattern is not None:
            re.compile(self.pattern)
        for rules in (self.field or {}).values():
            for patterns in rules.values():
                for pattern in patterns:
                    re.compile(pattern)
        return self


class ClassifyFile(StrictModel):
    declared: DeclaredRules
    priors: dict[NoteType, float]
    confidence: ConfidenceRules
    signals: tuple[SignalRule, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _complete(self) -> ClassifyFile:
        if set(self.priors) != set(NOTE_TYPES):
            raise ValueError(f"priors must name every note type: {', '.join(NOTE_TYPES)}")
        if self.confidence.floor >= self.confidence.ceiling:
            raise ValueError("confidence.floor must be below confidence.ceiling")
        return self


@dataclass(frozen=True, slots=True)
class _Fired:
    label: str
    votes: dict[str, float]


class _Features:
    """What the signals look at, computed once per note."""

    def __init__(self, note: Note):
        self.note = note
        self.text = note.text
        # Whether the ASCII twins of the signal regexes match exactly here (asciifast.py).
        self.plain_ascii = plain_ascii(note.text)
        self._labels: frozenset[str] | None = None

    @property
    def labels(self) -> frozenset[str]:
        if self._labels is None:
            found = set()
            for match in _LABELS[self.plain_ascii].finditer(self.text):
                words = normalize_label(match.group(1))
                if words:
                    found.add(words)
            self._labels = frozenset(found)
        return self._labels


class _Signal:
    def __init__(self, rule: SignalRule):
        self.rule = rule
        self.regex = re.compile(rule.pattern, re.I | re.M) if rule.pattern else None
        # (for any text, for a plain ASCII text): the ASCII form skips Unicode case and
        # character-class lookups, about a third of a signal's time (asciifast.py).
        self.regexes = (self.regex, ascii_twin(self.regex)) if self.regex is not None else None
        self.headings = frozenset(h.lower() for h in rule.headings) if rule.headings else None
        self.field_regexes = {
            name: [(kind, re.compile(p, re.I)) for kind, patterns in rules.items() for p in patterns]
            for name, rules in (rule.field or {}).items()
        }
        self.cpt = {code: kind for kind, codes in (rule.cpt or {}).items() for code in codes}
        if rule.lexicon:
            load_lexicon(rule.lexicon)  # fail at load, naming the lexicon, not at the first note

    def _scaled(self, count: int, shown: str) -> _Fired | None:
        rule = self.rule
        if count < rule.min:
            return None
        factor = min(count, rule.cap) if rule.per_match else 1
        label = rule.label.format(count=count, match=shown[:_MAX_LABEL_SHOWN])
        return _Fired(label, {kind: weight * factor for kind, weight in rule.votes.items()})

    def evaluate(self, features: _Features) -> _Fired | None:
        rule = self.rule
        if self.regexes is not None:
            text = features.text if rule.zone is None else features.text[:rule.zone]
            count, shown = 0, ""
            limit = max(rule.cap, rule.min)
            for match in self.regexes[features.plain_ascii].finditer(text):
                if not count:
                    shown = " ".join(match.group().split()).strip(" :-*#")
                count += 1
                if count >= limit:
                    break
            return self._scaled(count, shown)
        if self.headings is not None:
            present = sorted(self.headings & features.labels)
            return self._scaled(len(present), ", ".join(present))
        if rule.lexicon is not None:
            lexicon = load_lexicon(rule.lexicon)
            matches = lexicon.find(features.text, categories=rule.categories)
            if rule.affirmed_only:
                matches = [m for m in matches if m.affirmed]
            return self._scaled(len(matches), matches[0].text if matches else "")
        if self.cpt:
            code = str(features.note.value("cpt") or "").strip()[:5]
            if code not in self.cpt:
                found = _CPT_IN_TEXT.search(features.text)
                code = found.group(1) if found else ""
            if code in self.cpt:
                return _Fired(rule.label.format(count=1, match=code), {self.cpt[code]: rule.weight})
            return None
        for name, regexes in self.field_regexes.items():
            value = features.note.value(name)
            if not isinstance(value, str) or not value.strip():
                continue
            for kind, regex in regexes:
                if regex.search(value):
                    shown = " ".join(value.split())
                    return _Fired(rule.label.format(count=1, match=shown[:_MAX_LABEL_SHOWN]),
                                  {kind: rule.weight})
        return None


class _Classifier:
    def __init__(self, data: ClassifyFile):
        self.data = data
        self.signals = [_Signal(rule) for rule in data.signals]

    def confidence(self, margin: float) -> float:
        rules = self.data.confidence
        return round(rules.floor + (rules.ceiling - rules.floor) * (1 - math.exp(-margin / rules.scale)), 3)

    def classify(self, note: Note) -> Classification:
        declared = note.value("declared_type")
        if declared in NOTE_TYPES:
            found = note.fields["declared_type"]
            source = f"title '{found.span.text.strip()[:_MAX_LABEL_SHOWN]}'" if found.span else (
                f"declared type '{declared}' ({found.origin})")
            return Classification(declared, self.data.declared.confidence, [source])
        features = _Features(note)
        scores = dict(self.data.priors)
        fired: list[_Fired] = []
        for signal in self.signals:
            result = signal.evaluate(features)
            if result is not None:
                fired.append(result)
                for kind, vote in result.votes.items():
                    scores[kind] += vote
        ranked = sorted(NOTE_TYPES, key=lambda kind: (-scores[kind], NOTE_TYPES.index(kind)))
        best, runner_up = ranked[0], ranked[1]
        supporting = [f for f in fired if f.votes.get(best, 0) > 0]
        confidence = self.confidence(scores[best] - scores[runner_up]) if supporting else self.data.confidence.floor
        fired.sort(key=lambda f: -max((abs(v) for v in f.votes.values()), default=0))
        signals = [f.label for f in fired] or ["no distinguishing signals; assumed a progress note"]
        return Classification(best, confidence, signals)


@cache
def _classifier() -> _Classifier:
    path = scoring_models() / CLASSIFY_FILE
    data = load_yaml_model(path, ClassifyFile)
    try:
        return _Classifier(data)
    except TextDataError as exc:
        raise TextDataError(f"{path.name}: {exc}") from exc


def classify(note: Note) -> Classification:
    """The note's type (one of models.NOTE_TYPES), a confidence in [0, 1] and the signals that
    decided it ("title 'Psychotherapy Note'", "CPT 90834", "7 process markers", ...)."""
    return _classifier().classify(note)

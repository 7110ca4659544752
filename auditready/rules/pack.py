"""Payer rule packs: YAML data over the registered checks, loaded strictly.

A pack file names itself, may `extends:` another pack, sets pack-wide `parameters`, may declare
new `criteria`, and lists `rules`. A rule whose id the parent already has overrides it (any of
params, severity, applies_to, codes, citation, what, why, fix, example; params merge key by key)
or removes it with `disabled: true`. Everything is validated: unknown keys, unknown checks,
unknown criteria and bad check parameters are errors that name the file and the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from auditready.models import NOTE_TYPES
from auditready.resources import scoring_models
from auditready.rules.criteria import CORE_CRITERIA
from auditready.rules.registry import CheckParams, Severity, get_check, registered_checks
from auditready.rules.yamlsource import LineDict, LineList, YamlSourceError, line_of, load_yaml

NoteType = Literal["progress", "psychotherapy", "intake", "treatment_plan", "other"]
assert set(NoteType.__args__) == set(NOTE_TYPES)  # type: ignore[attr-defined]

RULE_ID = re.compile(r"^[A-Z]{2,4}[0-9]{3}$")  # ruff-like: area letters + number, e.g. TIM002
CPT_CODE = re.compile(r"^[0-9]{4}[0-9A-Z]$")
PACK_SUFFIXES = (".yaml", ".yml")


class PackError(ValueError):
    """A pack that cannot be used, with the file and line at fault."""

    def __init__(self, path: str, line: int | None, reason: str):
        self.path, self.line, self.reason = path, line, reason
        where = f"{path}, line {line}" if line else path
        super().__init__(f"{where}: {reason}")


# ---------------------------------------------------------------------------------------------
# File schema


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _as_code_list(value: Any) -> Any:
    if isinstance(value, list):
        return [str(item) if isinstance(item, int) else item for item in value]
    return value


def _as_url_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class RuleEntry(_Strict):
    """One item of a pack's `rules:` list. A new rule needs every field below except params,
    applies_to, codes and example; an override of a parent's rule gives only what changes."""

    id: str
    criterion: str | None = None
    check: str | None = None
    params: dict[str, Any] | None = None
    severity: Severity | None = None
    applies_to: list[NoteType] | None = None
    codes: list[str] | None = None
    citation: list[str] | None = None
    what: str | None = None
    why: str | None = None
    fix: str | None = None
    example: str | None = None
    disabled: bool = False

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not RULE_ID.match(value):
            raise ValueError("rule ids are 2-4 capital letters and 3 digits, e.g. TIM002")
        return value

    _codes_as_strings = field_validator("codes", mode="before")(_as_code_list)
    _one_url = field_validator("citation", mode="before")(_as_url_list)

    @field_validator("codes")
    @classmethod
    def _code_shape(cls, value: list[str] | None) -> list[str] | None:
        for code in value or ():
            if not CPT_CODE.match(code):
                raise ValueError(f"{code!r} is not a CPT code (five characters, e.g. 90837)")
        return value

    @field_validator("citation")
    @classmethod
    def _urls(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and not value:
            raise ValueError("give at least one source URL")
        for url in value or ():
            if not re.match(r"^https?://\S+$", url):
                raise ValueError(f"{url!r} is not a URL; cite the source from domain/criteria.md or money.md")
        return value

    @field_validator("what", "why", "fix", "example")
    @classmethod
    def _not_blank(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("must not be empty")
        return value.strip() if value is not None else None


class PackFile(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    name: str
    version: str
    description: str
    extends: str | None = None
    parameters: dict[str, Any] = Field(default_factory=dict)
    criteria: dict[str, str] = Field(default_factory=dict)
    rules: list[RuleEntry] = Field(default_factory=list)

    _version_as_string = field_validator("version", mode="before")(
        lambda value: str(value) if isinstance(value, (int, float)) else value
    )


class TimeBand(_Strict):
    """Minutes that support a timed CPT code (criteria.md §2, midpoint rule)."""

    family: str  # codes of one family replace each other when time is short or long
    min: int = Field(ge=1)
    max: int | None = None
    fallback_family: str | None = None  # family whose codes apply below this family's minimum


class PackParameters(_Strict):
    """Pack-wide parameters (`pack.parameters`), merged key by key over the parent's."""

    # Weight of each severity in the note score (share of applicable criteria met, weighted).
    severity_weights: dict[Severity, float]
    # TRR-style pass mark in percent that reports compare scores against (criteria.md §4).
    score_pass_mark: float = Field(ge=0, le=100)
    cpt_time_bands: dict[str, TimeBand]

    @field_validator("severity_weights")
    @classmethod
    def _every_severity(cls, value: dict[str, float]) -> dict[str, float]:
        missing = set(Severity.__args__) - set(value)  # type: ignore[attr-defined]
        if missing:
            raise ValueError(f"give a weight for every severity; missing {sorted(missing)}")
        if any(weight <= 0 for weight in value.values()):
            raise ValueError("weights must be positive")
        return value

    _codes_as_strings = field_validator("cpt_time_bands", mode="before")(
        lambda value: {str(k): v for k, v in value.items()} if isinstance(value, Mapping) else value
    )


# ---------------------------------------------------------------------------------------------
# Resolved pack


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    criterion: str
    check: str
    params: CheckParams
    severity: str
    applies_to: tuple[str, ...]
    codes: tuple[str, ...] | None
    citation: tuple[str, ...]
    what: str
    why: str
    fix: str
    example: str | None
    scope: str  # "note" (evaluate_note) or "corpus" (crossnote/)
    source: str  # "file, line N" of the last definition or override

    def applies_to_note(self, note_type: str, cpt: str | None) -> bool:
        if note_type not in self.applies_to:
            return False
        return self.codes is None or (cpt is not None and cpt in self.codes)

    @property
    def citation_text(self) -> str:
        return " ".join(self.citation)


@dataclass(frozen=True, slots=True)
class Pack:
    id: str
    name: str
    version: str
    description: str
    extends: str | None
    parameters: dict[str, Any]
    criteria: dict[str, str]  # every criterion id the pack's rules may use -> what `pass` means
    rules: tuple[Rule, ...]
    disabled: tuple[str, ...] = ()  # ids of parent rules this pack (or a parent) switched off
    path: str = ""
    _by_id: dict[str, Rule] = field(default_factory=dict, repr=False, compare=False)
    _note_checks: list[tuple[Rule, Any]] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({rule.id: rule for rule in self.rules})

    @property
    def note_checks(self) -> list[tuple[Rule, Any]]:
        """(rule, check function) of every single-note rule, in pack order; looked up once."""
        if not self._note_checks:
            self._note_checks.extend((rule, get_check(rule.check).run) for rule in self.note_rules)
        return self._note_checks

    def rule(self, rule_id: str) -> Rule:
        try:
            return self._by_id[rule_id.upper()]
        except KeyError:
            raise KeyError(f"pack {self.id!r} has no rule {rule_id!r}") from None

    def rules_for(self, criterion: str) -> list[Rule]:
        return [rule for rule in self.rules if rule.criterion == criterion]

    @property
    def note_rules(self) -> list[Rule]:
        return [rule for rule in self.rules if rule.scope == "note"]


# ---------------------------------------------------------------------------------------------
# Loading

REQUIRED_FOR_NEW_RULE = ("criterion", "check", "severity", "citation", "what", "why", "fix")
NOT_OVERRIDABLE = ("criterion", "check")


def builtin_pack_names() -> list[str]:
    return sorted(p.stem for p in scoring_models().glob("*.yaml") if _looks_like_pack(p))


def _looks_like_pack(path: Path) -> bool:
    # scoring_models/ also holds other data (columns.yaml, record_review_bars.yaml); a pack is a
    # file with top-level `rules:` or `extends:`.
    try:
        head = path.read_text(encoding="utf-8")[:4000]
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^rules:", head, re.MULTILINE) is not None or re.search(
        r"^extends:", head, re.MULTILINE
    ) is not None


def load_pack(name_or_path: str | Path) -> Pack:
    """A built-in pack by name ("optum" -> scoring_models/optum.yaml) or a pack file by path."""
    path, display = _locate(name_or_path, relative_to=None)
    return _build(path, display, chain=())


def _locate(name_or_path: str | Path, relative_to: Path | None) -> tuple[Path, str]:
    text = str(name_or_path)
    is_path = isinstance(name_or_path, Path) or "/" in text or "\\" in text or text.endswith(PACK_SUFFIXES)
    if is_path:
        path = Path(text)
        if not path.is_absolute() and relative_to is not None and (relative_to / path).exists():
            path = relative_to / path
        if not path.is_file():
            raise PackError(text, None, "no such pack file")
        return path, text
    path = scoring_models() / f"{text}.yaml"
    if not re.match(r"^[a-z][a-z0-9-]*$", text) or not path.is_file():
        known = ", ".join(builtin_pack_names())
        raise PackError(text, None, f"unknown pack; built-in packs are {known}, or give a .yaml file")
    return path, f"scoring_models/{text}.yaml"


@dataclass
class _Draft:
    """A rule while packs are being layered: raw fields plus where each came from."""

    rule_id: str
    fields: dict[str, Any]
    params: dict[str, Any]
    param_lines: dict[str, tuple[str, int | None]]
    where: tuple[str, int | None]


@dataclass
class _Layer:
    drafts: dict[str, _Draft]
    parameters: dict[str, Any]
    parameter_sources: list[tuple[str, Any]]
    criteria: dict[str, str]
    disabled: list[str]


def _build(path: Path, display: str, chain: tuple[Path, ...]) -> Pack:
    layer, spec = _layer(path, display, chain)
    parameters = _validate_parameters(layer)
    criteria = {**CORE_CRITERIA, **layer.criteria}
    rules = tuple(_finish(draft, criteria) for draft in layer.drafts.values())
    _one_note_rule_per_criterion(rules, layer)
    return Pack(
        id=spec.id,
        name=spec.name,
        version=spec.version,
        description=spec.description.strip(),
        extends=spec.extends,
        parameters=parameters,
        criteria=criteria,
        rules=rules,
        disabled=tuple(layer.disabled),
        path=display,
    )


def _layer(path: Path, display: str, chain: tuple[Path, ...]) -> tuple[_Layer, PackFile]:
    resolved = path.resolve()
    if resolved in chain:
        raise PackError(display, None, "packs extend each other in a circle")
    try:
        data = load_yaml(path, display)
    except YamlSourceError as exc:
        raise PackError(exc.path, exc.line, exc.reason) from exc
    if not isinstance(data, LineDict):
        raise PackError(display, getattr(data, "line", 1), "a pack is a mapping (id, name, version, rules, ...)")
    spec = _validate(PackFile, data, display, ())

    if spec.extends:
        parent_path, parent_display = _locate_parent(spec.extends, path, display, data)
        layer, _ = _layer(parent_path, parent_display, chain + (resolved,))
    else:
        layer = _Layer({}, {}, [], {}, [])

    for criterion, meaning in spec.criteria.items():
        if criterion in CORE_CRITERIA:
            raise PackError(display, line_of(data, ("criteria", criterion)),
                            f"criterion {criterion!r} is a built-in criterion; packs only add new ones")
        if not re.match(r"^[a-z][a-z0-9_]*$", criterion):
            raise PackError(display, line_of(data, ("criteria", criterion)),
                            "criterion ids are lower_snake_case")
        layer.criteria[criterion] = meaning

    layer.parameters = _deep_merge(layer.parameters, data.get("parameters") or {})
    layer.parameter_sources.append((display, data))

    seen_here: set[str] = set()
    raw_rules = data.get("rules") or LineList()
    for index, entry in enumerate(spec.rules):
        raw = raw_rules[index]
        where = (display, raw_rules.item_lines[index])
        if entry.id in seen_here:
            raise PackError(display, where[1], f"rule {entry.id} appears twice in this pack")
        seen_here.add(entry.id)
        given = {key: getattr(entry, key) for key in raw if key not in ("id", "disabled")}
        param_lines = {key: (display, line_of(raw, ("params", key))) for key in (entry.params or {})}
        if entry.id in layer.drafts:
            _override(layer, entry, given, param_lines, where, raw)
        elif entry.disabled:
            raise PackError(display, where[1], f"rule {entry.id} is disabled but no parent pack defines it")
        else:
            _add_rule(layer, entry, given, param_lines, where, raw)
    return layer, spec


def _locate_parent(extends: str, path: Path, display: str, data: LineDict) -> tuple[Path, str]:
    try:
        return _locate(extends, relative_to=path.parent)
    except PackError as exc:
        raise PackError(display, line_of(data, ("extends",)), f"extends {extends!r}: {exc.reason}") from None


def _add_rule(layer: _Layer, entry: RuleEntry, given: dict[str, Any],
              param_lines: dict[str, tuple[str, int | None]], where: tuple[str, int | None],
              raw: LineDict) -> None:
    missing = [key for key in REQUIRED_FOR_NEW_RULE if given.get(key) is None]
    if missing:
        raise PackError(where[0], where[1],
                        f"rule {entry.id} is new in this pack and needs {', '.join(missing)}")
    given.setdefault("applies_to", ["progress"])
    params = dict(given.pop("params", None) or {})
    layer.drafts[entry.id] = _Draft(entry.id, given, params, param_lines, where)
    _check_known(entry.id, given["check"], where[0], line_of(raw, ("check",)))


def _override(layer: _Layer, entry: RuleEntry, given: dict[str, Any],
              param_lines: dict[str, tuple[str, int | None]], where: tuple[str, int | None],
              raw: LineDict) -> None:
    draft = layer.drafts[entry.id]
    for key in NOT_OVERRIDABLE:
        if key in given and given[key] != draft.fields[key]:
            raise PackError(where[0], line_of(raw, (key,)),
                            f"rule {entry.id} keeps its {key} ({draft.fields[key]!r}); "
                            f"add a rule with a new id instead of changing it")
    if entry.disabled:
        if len(given) > 0:
            raise PackError(where[0], where[1], f"rule {entry.id}: `disabled: true` takes no other keys")
        del layer.drafts[entry.id]
        layer.disabled.append(entry.id)
        return
    params = given.pop("params", None)
    if params:
        draft.params = {**draft.params, **params}
        draft.param_lines = {**draft.param_lines, **param_lines}
    draft.fields.update({key: value for key, value in given.items() if value is not None})
    draft.where = where


def _check_known(rule_id: str, check: str, display: str, line: int | None) -> None:
    if get_check(check) is None:
        known = ", ".join(sorted(registered_checks()))
        raise PackError(display, line, f"rule {rule_id}: unknown check {check!r}; known checks: {known}")


def _finish(draft: _Draft, criteria: Mapping[str, str]) -> Rule:
    fields = draft.fields
    rule_id = draft.rule_id
    if fields["criterion"] not in criteria:
        raise PackError(draft.where[0], draft.where[1],
                        f"rule {rule_id}: unknown criterion {fields['criterion']!r}; declare it under "
                        f"`criteria:` or use one of {', '.join(sorted(criteria))}")
    spec = get_check(fields["check"])
    assert spec is not None  # checked when the rule was added
    try:
        params = spec.params_model.model_validate(draft.params)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = error["loc"][0] if error["loc"] else None
        display, line = draft.param_lines.get(key, draft.where) if key is not None else draft.where
        raise PackError(display, line, f"rule {rule_id}: params: {_describe(error)}") from None
    return Rule(
        id=rule_id,
        criterion=fields["criterion"],
        check=fields["check"],
        params=params,
        severity=fields["severity"],
        applies_to=tuple(fields["applies_to"]),
        codes=tuple(fields["codes"]) if fields.get("codes") else None,
        citation=tuple(fields["citation"]),
        what=fields["what"],
        why=fields["why"],
        fix=fields["fix"],
        example=fields.get("example"),
        scope=spec.scope,
        source=f"{draft.where[0]}, line {draft.where[1]}",
    )


def _one_note_rule_per_criterion(rules: tuple[Rule, ...], layer: _Layer) -> None:
    """evaluate_note gives one finding per criterion, so two single-note rules may not judge the
    same criterion (a corpus rule may: its finding replaces the single-note one)."""
    seen: dict[str, str] = {}
    for rule in rules:
        if rule.scope != "note":
            continue
        if rule.criterion in seen:
            display, line = layer.drafts[rule.id].where
            raise PackError(display, line, f"rule {rule.id} judges {rule.criterion!r} like rule "
                                           f"{seen[rule.criterion]}; one single-note rule per criterion")
        seen[rule.criterion] = rule.id


def _validate_parameters(layer: _Layer) -> dict[str, Any]:
    try:
        return PackParameters.model_validate(layer.parameters).model_dump()
    except ValidationError as exc:
        error = exc.errors()[0]
        location = ("parameters",) + tuple(error["loc"])
        display, line = _last_source_with(layer.parameter_sources, location)
        raise PackError(display, line, f"parameters: {_describe(error)}") from None


def _last_source_with(sources: list[tuple[str, Any]], location: tuple[Any, ...]) -> tuple[str, int | None]:
    """The file (child first) whose data holds the deepest part of `location`."""
    best: tuple[int, str, int | None] | None = None
    for display, data in reversed(sources):
        depth, node = 0, data
        for step in location:
            if isinstance(node, Mapping) and step in node:
                node, depth = node[step], depth + 1
            else:
                break
        if best is None or depth > best[0]:
            best = (depth, display, line_of(data, location))
    assert best is not None
    return best[1], best[2]


def _validate(model: type[BaseModel], data: Any, display: str, prefix: tuple[Any, ...]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        location = prefix + tuple(error["loc"])
        raise PackError(display, line_of(data, location), _describe(error, data, location)) from None


def _describe(error: Mapping[str, Any], data: Any = None, location: Iterable[Any] = ()) -> str:
    """A pydantic error as one line a pack author understands, e.g. "rule TIM002: unknown key
    'treshold'" or "rule TIM002, severity: Input should be 'fatal', ..."."""
    location = tuple(location) or tuple(error.get("loc", ()))
    steps = [str(step) for step in location]
    if len(location) >= 2 and location[0] == "rules" and isinstance(location[1], int):
        rules = data.get("rules") if isinstance(data, Mapping) else None
        item = rules[location[1]] if isinstance(rules, list) and location[1] < len(rules) else None
        rule_id = item.get("id") if isinstance(item, Mapping) else None
        steps = [f"rule {rule_id}" if rule_id else f"rules item {location[1] + 1}"] + steps[2:]
    if error["type"] == "extra_forbidden":
        where = ", ".join(steps[:-1])
        return f"{where}: unknown key {location[-1]!r}" if where else f"unknown key {location[-1]!r}"
    message = str(error["msg"]).removeprefix("Value error, ")
    where = ", ".join(steps)
    return f"{where}: {message}" if where else message


def _deep_merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged

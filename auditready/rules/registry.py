"""The checks a pack rule may name, each with its own parameter model and scope.

`note` checks are small functions in rules/checks/ (one module each) that `evaluate_note` runs
per note. `corpus` checks compare notes with each other or with plans and claims; they are
implemented in auditready/crossnote/, and are declared here only so that a pack's rule for them
is validated (parameters, severity) by the same strict loader.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from auditready.models import Classification, Note
    from auditready.rules.context import NoteFacts
    from auditready.rules.result import CheckResult

Severity = Literal["fatal", "recode", "risk", "quality", "privacy"]
NOTE_SCOPE, CORPUS_SCOPE = "note", "corpus"


class CheckParams(BaseModel):
    """Base of every check's parameters: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


CheckFunction = Callable[["Note", "Classification", Any, "NoteFacts"], "CheckResult"]


@dataclass(frozen=True, slots=True)
class CheckSpec:
    name: str
    scope: str  # note | corpus
    params_model: type[CheckParams]
    summary: str  # one line for `auditready rules` and docs/rules.md
    run: CheckFunction | None = None  # None for corpus checks (crossnote/ runs them)


_REGISTRY: dict[str, CheckSpec] = {}


def _add(spec: CheckSpec) -> None:
    if spec.name in _REGISTRY:
        raise RuntimeError(f"check {spec.name!r} is registered twice")
    _REGISTRY[spec.name] = spec


def note_check(name: str, params: type[CheckParams] = CheckParams) -> Callable[[CheckFunction], CheckFunction]:
    """Register a single-note check; its docstring's first line is its summary."""

    def register(function: CheckFunction) -> CheckFunction:
        summary = (function.__doc__ or name).strip().splitlines()[0]
        _add(CheckSpec(name, NOTE_SCOPE, params, summary, function))
        return function

    return register


def corpus_check(name: str, params: type[CheckParams], summary: str) -> None:
    """Declare a cross-note check implemented in auditready/crossnote/."""
    _add(CheckSpec(name, CORPUS_SCOPE, params, summary))


@cache
def _load_all() -> None:
    """Import every module of rules/checks so each registers itself."""
    package = importlib.import_module("auditready.rules.checks")
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")


def registered_checks() -> dict[str, CheckSpec]:
    _load_all()
    return dict(_REGISTRY)


def get_check(name: str) -> CheckSpec | None:
    _load_all()
    return _REGISTRY.get(name)

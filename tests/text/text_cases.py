"""Helpers for the text-matching tests: YAML case tables and the location of the public sample
notes. (A uniquely named module, not conftest, so other test folders' conftest files cannot
shadow it on sys.path.)"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CASES_DIR = Path(__file__).parent / "cases"
REPO_ROOT = Path(__file__).resolve().parents[2]
EXTERNAL_NOTES = REPO_ROOT.parent / "shared" / "external-notes"


def load_cases(name: str) -> list[dict]:
    """The cases of tests/text/cases/<name>.yaml, each a mapping with an `id`."""
    cases = yaml.safe_load((CASES_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    ids = [case["id"] for case in cases]
    assert len(ids) == len(set(ids)), f"duplicate case ids in {name}.yaml"
    return cases


def case_params(name: str) -> list:
    return [pytest.param(case, id=case["id"]) for case in load_cases(name)]

"""One demo run shared by the end-to-end tests (a scan of the bundled sample practice)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from auditready.cli import main

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample_data"


@pytest.fixture(scope="session")
def expected_situations() -> dict:
    with (SAMPLE / "expected_situations.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory) -> tuple[object, Path, dict]:
    out = tmp_path_factory.mktemp("demo") / "report"
    result = CliRunner().invoke(main, ["demo", "--out", str(out)])
    audit = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    return result, out, audit

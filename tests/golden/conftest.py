"""One scan of the bundled sample data per pack and session (the scan is the slow part; every
golden test reads the same AuditResult)."""

from __future__ import annotations

import pytest
from golden_helpers import EXPECTED_FILE, SAMPLE_DIR, ScannedSample, load_yaml

from auditready.pipeline import ScanOptions, scan


@pytest.fixture(scope="session")
def expected() -> dict:
    return load_yaml(EXPECTED_FILE)


def _scan(payer: str, expected: dict) -> ScannedSample:
    paths = expected["scan"]
    options = ScanOptions(
        payer=payer,
        plans=SAMPLE_DIR / paths["plans"],
        claims=SAMPLE_DIR / paths["claims"],
    )
    return ScannedSample(scan([SAMPLE_DIR / paths["exports"]], options), expected)


@pytest.fixture(scope="session")
def common_scan(expected) -> ScannedSample:
    return _scan("common", expected)


@pytest.fixture(scope="session")
def optum_scan(expected) -> ScannedSample:
    return _scan("optum", expected)

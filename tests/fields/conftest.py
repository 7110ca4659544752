"""Fixtures for the field-extraction and splitting tests (helpers live in fields_helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fields_helpers import EXTERNAL_NOTES


@pytest.fixture(scope="session")
def external_notes() -> Path:
    if not EXTERNAL_NOTES.is_dir():
        pytest.skip("../shared/external-notes is not beside the repository")
    return EXTERNAL_NOTES

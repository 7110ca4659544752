"""Fixtures for the text-matching tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from text_cases import EXTERNAL_NOTES


@pytest.fixture(scope="session")
def external_notes() -> Path:
    if not EXTERNAL_NOTES.is_dir():
        pytest.skip("../shared/external-notes is not present beside the repository")
    return EXTERNAL_NOTES

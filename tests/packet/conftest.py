"""The mixed export every end-to-end packet test starts from (builders in packet_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from packet_fixtures import Export, build_export


@pytest.fixture
def export(tmp_path: Path) -> Export:
    return build_export(tmp_path)

"""Packaged data (rule packs, lexicons, fee tables, report templates, sample data).

In a wheel these folders are force-included under the `auditready` package (see pyproject.toml),
so `importlib.resources` finds them from any working directory. In a source checkout or an
editable install they sit beside the package at the repository root; we look there second.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

DATA_FOLDERS = ("scoring_models", "report_templates", "sample_data")


@cache
def data_dir(name: str) -> Path:
    """The folder holding packaged data `name` (one of DATA_FOLDERS)."""
    if name not in DATA_FOLDERS:
        raise ValueError(f"unknown data folder {name!r}; expected one of {DATA_FOLDERS}")
    package_root = Path(str(resources.files("auditready")))
    for candidate in (package_root / name, package_root.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"packaged data folder {name!r} is missing from this installation of auditready"
    )


def scoring_models() -> Path:
    return data_dir("scoring_models")


def report_templates() -> Path:
    return data_dir("report_templates")


def sample_data() -> Path:
    return data_dir("sample_data")

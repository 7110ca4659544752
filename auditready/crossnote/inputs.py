"""The files behind --plans and --claims: a file or a folder of them, how each is named in the
intake table, and which column overrides apply to the table kind."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


def input_files(path: Path) -> list[Path]:
    """The file, or every file under the folder (sorted, so runs are reproducible)."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file())
    return [path]


def display_path(file: Path, root: Path) -> str:
    """The intake-table path: the file's name, or folder/relative path for a folder input."""
    if root.is_dir():
        return f"{root.name}/{file.relative_to(root).as_posix()}"
    return file.name


def kind_overrides(column_overrides: Mapping | None, kind: str) -> dict[str, str]:
    """The overrides for one table kind, from either `{kind: {header: field}}` (IngestOptions.
    column_overrides) or an already selected `{header: field}`."""
    if not column_overrides:
        return {}
    if any(isinstance(value, Mapping) for value in column_overrides.values()):
        return dict(column_overrides.get(kind) or {})
    return dict(column_overrides)

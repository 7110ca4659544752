"""Map the header row of a tabular export (notes, claims, plans) to canonical field names.

The synonym table is data (scoring_models/columns.yaml); a practice's own mapping file
(`--columns`) is layered on top and wins. Header cells are compared after normalization
(case, spaces and punctuation ignored), so "Date of Service", "date_of_service" and
"DATE-OF-SERVICE" are one name.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

import yaml

from auditready.resources import scoring_models

TABLE_KINDS = ("notes", "claims", "plans")
HEADER_SCAN_ROWS = 25  # exports often put a title, a date range and blank lines above the header


class ColumnMappingError(ValueError):
    """A `--columns` file that cannot be read or names an unknown field."""


def normalize_header(name: object) -> str:
    return re.sub(r"[^a-z0-9#]+", "", str(name or "").lower())


@cache
def _builtin_synonyms() -> dict[str, dict[str, list[str]]]:
    with (scoring_models() / "columns.yaml").open(encoding="utf-8") as fh:
        table = yaml.safe_load(fh)
    if set(table) != set(TABLE_KINDS):
        raise ValueError(f"columns.yaml must define exactly {TABLE_KINDS}")
    return table


def canonical_fields(kind: str) -> tuple[str, ...]:
    return tuple(_builtin_synonyms()[kind])


def field_synonyms(kind: str, field: str) -> tuple[str, ...]:
    """The header names columns.yaml lists for one field, for messages that suggest names."""
    return tuple(_builtin_synonyms()[kind][field])


class ColumnMap:
    """Header name -> canonical field for one kind of table, with the user's overrides."""

    def __init__(self, kind: str, overrides: Mapping[str, str] | None = None):
        if kind not in TABLE_KINDS:
            raise ValueError(f"unknown table kind {kind!r}")
        self.kind = kind
        self.lookup: dict[str, str] = {}
        for canonical, names in _builtin_synonyms()[kind].items():
            self.lookup[normalize_header(canonical)] = canonical
            for name in names:
                self.lookup.setdefault(normalize_header(name), canonical)
        known = set(canonical_fields(kind))
        # Overrides are checked here so a typo in --columns fails loudly, not silently.
        for header, canonical in (overrides or {}).items():
            if canonical not in known:
                raise ColumnMappingError(
                    f"--columns maps {header!r} to {canonical!r}, which is not a {kind} field; "
                    f"known fields: {', '.join(sorted(known))}"
                )
            self.lookup[normalize_header(header)] = canonical

    def map_header(self, header: Sequence[object]) -> dict[int, str]:
        """Column index -> canonical field. The first column claiming a field keeps it."""
        mapping: dict[int, str] = {}
        taken: set[str] = set()
        for index, cell in enumerate(header):
            canonical = self.lookup.get(normalize_header(cell))
            if canonical and canonical not in taken:
                mapping[index] = canonical
                taken.add(canonical)
        return mapping

    def find_header_row(
        self, rows: Sequence[Sequence[object]], required: Sequence[str] = ()
    ) -> int | None:
        """Index of the first row (within HEADER_SCAN_ROWS) that looks like this table's header:
        at least two recognized columns, including every `required` field."""
        for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
            mapped = set(self.map_header(row).values())
            if len(mapped) >= 2 and all(field in mapped for field in required):
                return index
        return None


def load_column_overrides(path: Path | None) -> dict[str, dict[str, str]]:
    """Read a `--columns` file: YAML/JSON `{kind: {header: field}}` (or a flat `{header: field}`,
    taken as the notes table), or a CSV with columns kind,header,field (kind optional)."""
    if path is None:
        return {}
    try:
        raw_text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ColumnMappingError(f"cannot read --columns file {path}: {exc.strerror}") from exc
    if path.suffix.lower() == ".csv":
        result: dict[str, dict[str, str]] = {}
        for row in csv.DictReader(raw_text.splitlines()):
            header, field = (row.get("header") or "").strip(), (row.get("field") or "").strip()
            if not header or not field:
                raise ColumnMappingError(f"{path}: every row needs 'header' and 'field'")
            result.setdefault((row.get("kind") or "notes").strip(), {})[header] = field
        data: object = result
    else:
        try:
            data = json.loads(raw_text) if path.suffix.lower() == ".json" else yaml.safe_load(raw_text)
        except (ValueError, yaml.YAMLError) as exc:
            raise ColumnMappingError(f"{path} is not valid YAML/JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ColumnMappingError(f"{path}: expected a mapping of column names to fields")
    if data and not any(key in TABLE_KINDS for key in data):
        data = {"notes": data}
    overrides: dict[str, dict[str, str]] = {}
    for kind, mapping in data.items():
        if kind not in TABLE_KINDS:
            raise ColumnMappingError(f"{path}: unknown table kind {kind!r}; use {TABLE_KINDS}")
        if not isinstance(mapping, dict):
            raise ColumnMappingError(f"{path}: {kind} must map column names to fields")
        overrides[kind] = {str(k): str(v) for k, v in mapping.items()}
        ColumnMap(kind, overrides[kind])  # validate now, with the file named in the error
    return overrides

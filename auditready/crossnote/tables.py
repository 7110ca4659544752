"""Rows of a plans or claims spreadsheet (CSV or XLSX), with its header found by column names.

Billing and EHR reports put titles, date ranges and blank lines above the header, so the header
row is searched for by mapped column names (ingest/columns.py `ColumnMap`). CSV cells are read as
strings with the csv module (title rows above the header are ragged, which pandas refuses),
after the encoding is detected as for every text input (ingest/text.py `decode`); XLSX is read
with openpyxl in read-only mode, keeping date cells as dates, and closed explicitly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from auditready.crossnote.values import is_blank
from auditready.ingest import safety
from auditready.ingest.columns import HEADER_SCAN_ROWS, ColumnMap
from auditready.ingest.errors import IngestError
from auditready.ingest.options import IngestOptions
from auditready.ingest.text import decode

TABLE_FORMATS = ("csv", "xlsx")
CSV_DELIMITERS = (",", ";", "\t", "|")


class TableError(IngestError):
    """A spreadsheet that cannot be read or holds no recognizable table; the message is the
    intake table's reason (names the problem, never quotes cells)."""

    def __init__(self, reason: str, status: str = "error"):
        super().__init__(reason)
        self.status = status


@dataclass(slots=True)
class TableRow:
    number: int  # 1-based row number in the sheet/file, as a spreadsheet program shows it
    values: dict[str, object]  # canonical field -> raw cell (str, date, number)

    def get(self, name: str) -> object:
        value = self.values.get(name)
        return None if is_blank(value) else value

    def text(self, name: str) -> str:
        value = self.get(name)
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # an id or code typed into a number cell: 456, not "456.0"
        return "" if value is None else str(value).strip()


@dataclass(slots=True)
class Table:
    rows: list[TableRow]
    columns: set[str]  # canonical fields the header mapped
    sheet: str = ""


def _csv_records(text: str, delimiter: str, limit: int | None = None) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
            if limit is not None and len(records) >= limit:
                break
    except csv.Error as exc:
        if limit is None:
            raise TableError("malformed CSV (unbalanced quotes or broken rows); export it again") from exc
    return records


def _read_csv(data: bytes, column_map: ColumnMap, required_any: Sequence[Sequence[str]]) -> list[list[str]]:
    """Every record of the CSV (ragged title rows included) with the delimiter whose first rows
    hold this table's header; the csv module, since title rows above the header have other
    widths than the table."""
    text, _encoding, _warnings = decode(data)
    if "\x00" in text:
        raise TableError("not a text file: the CSV holds binary data")
    for delimiter in CSV_DELIMITERS:
        head = _csv_records(text, delimiter, limit=HEADER_SCAN_ROWS)
        if _header_row(column_map, head, required_any) is not None:
            return _csv_records(text, delimiter)
    return _csv_records(text, ",")


def _read_xlsx_sheets(data: bytes) -> list[tuple[str, list[list[object]]]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged or non-xlsx file
        raise TableError(f"not a readable XLSX workbook ({type(exc).__name__})") from exc
    try:
        return [
            (sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)])
            for sheet in workbook.worksheets
        ]
    finally:
        workbook.close()


def _header_row(
    column_map: ColumnMap, rows: Sequence[Sequence[object]], required_any: Sequence[Sequence[str]]
) -> int | None:
    """The first row (within the scan window) mapping two or more columns and, for each group
    in `required_any`, at least one of the group's fields."""
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        mapped = set(column_map.map_header(row).values())
        if len(mapped) >= 2 and all(any(name in mapped for name in group) for group in required_any):
            return index
    return None


def read_table(
    path: Path,
    kind: str,
    overrides: Mapping[str, str] | None,
    required_any: Sequence[Sequence[str]],
    options: IngestOptions | None = None,
) -> Table:
    """The first table (first sheet with a header) whose header maps, for each group in
    `required_any`, at least one of the group's fields. Raises IngestError (a TableError or a
    safety error) with the intake table's status and reason."""
    options = options or IngestOptions()
    fmt = safety.format_for(path.name)
    if fmt not in TABLE_FORMATS:
        raise TableError(f"not a CSV or XLSX file ({path.suffix or 'no extension'})", "skipped")
    safety.check_size(path.stat().st_size, options)
    data = path.read_bytes()
    safety.sniff(data, fmt)
    column_map = ColumnMap(kind, overrides)
    if fmt == "csv":
        sheets = [("", _read_csv(data, column_map, required_any))]
    else:
        safety.check_office_container(data, "xlsx", options)
        sheets = _read_xlsx_sheets(data)
    for sheet, rows in sheets:
        header_index = _header_row(column_map, rows, required_any)
        if header_index is None:
            continue
        mapping = column_map.map_header(rows[header_index])
        table_rows = []
        for offset, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
            values = {name: row[index] for index, name in mapping.items() if index < len(row)}
            if all(is_blank(value) for value in values.values()):
                continue
            table_rows.append(TableRow(offset, values))
        return Table(table_rows, set(mapping.values()), sheet)
    needed = " and ".join("/".join(group) for group in required_any)
    raise TableError(
        f"no {kind} header row found (needs columns for {needed}); "
        f"map your column names with --columns",
        "skipped",
    )

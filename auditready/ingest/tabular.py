"""Rows of a notes export (XLSX sheet or CSV) -> one DocumentPart per note row.

The header row is found with ColumnMap("notes") among the first rows (exports put titles and
date ranges above it). Each data row gives a part whose `text` is the note column and whose
`columns` holds every other recognized column's non-blank value under its canonical field
name (a blank cell is a missing value, not an empty one). Wholly blank rows are skipped; a
row with other values but a blank note is kept (an appointment without a note is something
an audit must see).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import chain, islice

from auditready.ingest.columns import HEADER_SCAN_ROWS, ColumnMap, field_synonyms
from auditready.ingest.errors import NoNotesFound
from auditready.ingest.options import IngestOptions
from auditready.ingest.text import normalize_newlines
from auditready.models import DocumentPart

NOTE_FIELD = "text"
# Header cells longer than this are probably data, not names; they are not quoted in reasons.
_MAX_SHOWN_HEADER = 40
_MAX_SHOWN_CELLS = 12

Row = tuple[int, Sequence[object]]  # (1-based row number in the file or sheet, cells)


def _as_is(value: object) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


class NoteTable:
    """Finds the note header in tables and turns rows into parts; remembers, for the
    intake reason, what headers it saw in tables that had no note column."""

    def __init__(self, options: IngestOptions):
        self.columns = ColumnMap("notes", options.column_overrides.get("notes"))
        self.headers_seen: list[str] = []

    def find_header(self, head: Sequence[Sequence[str]]) -> int | None:
        return self.columns.find_header_row(head, required=(NOTE_FIELD,))

    def parts(
        self,
        rows: Iterable[Row],
        sheet: str | None = None,
        label: str = "",
        to_text: Callable[[object], str] = _as_is,
    ) -> list[DocumentPart] | None:
        """Parts for every data row, or None when no note header appears in the first rows."""
        rows = iter(rows)
        head = [
            (number, [to_text(cell) for cell in cells]) for number, cells in islice(rows, HEADER_SCAN_ROWS)
        ]
        index = self.find_header([cells for _, cells in head])
        if index is None:
            self.remember_headers([cells for _, cells in head], label)
            return None
        remaining = ((number, cells) for number, cells in chain(head[index + 1 :], rows))
        return self.rows_to_parts(head[index][1], remaining, sheet, to_text)

    def rows_to_parts(
        self,
        header: Sequence[str],
        rows: Iterable[Row],
        sheet: str | None = None,
        to_text: Callable[[object], str] = _as_is,
    ) -> list[DocumentPart]:
        mapping = self.columns.map_header(header)
        note_index = next(index for index, name in mapping.items() if name == NOTE_FIELD)
        others = [(index, name) for index, name in mapping.items() if index != note_index]
        parts: list[DocumentPart] = []
        for number, cells in rows:
            if not any(_filled(cell) for cell in cells):
                continue
            width = len(cells)
            text = to_text(cells[note_index]) if note_index < width else ""
            columns: dict[str, str] = {}
            for index, name in others:
                if index < width:
                    value = to_text(cells[index]).strip()
                    if value:
                        columns[name] = value
            parts.append(
                DocumentPart(text=normalize_newlines(text).strip(), row=number, columns=columns, sheet=sheet)
            )
        return parts

    def remember_headers(self, head: Sequence[Sequence[str]], label: str) -> None:
        """Remember, for the intake reason, the header row of a table without a note column.

        The reason is printed and kept in every report, so it must never quote a patient's
        data: the row is quoted only when some of its cells are column names auditready knows
        (then it is a header row, and its other cells are column names too), and then only
        short cells without digits. Otherwise only its number of cells is given."""
        rows = [[cell.strip() for cell in cells if cell.strip()] for cells in head]
        header = next((cells for cells in rows if self.columns.map_header(cells)), None)
        if header is None:
            first = next((cells for cells in rows if cells), None)
            shown = "(no rows)" if first is None else (
                f"no row of known column names; the first row has {len(first)} cell{'s' * (len(first) != 1)}"
            )
        else:
            names = [c if len(c) <= _MAX_SHOWN_HEADER and not any(ch.isdigit() for ch in c) else "…"
                     for c in header[:_MAX_SHOWN_CELLS]]
            shown = ", ".join(names) + (", …" if len(header) > _MAX_SHOWN_CELLS else "")
        self.headers_seen.append(f"{label}: {shown}" if label else shown)

    def no_note_column(self) -> NoNotesFound:
        seen = "; ".join(self.headers_seen) or "none"
        examples = ", ".join(f'"{name}"' for name in field_synonyms("notes", NOTE_FIELD)[:4])
        return NoNotesFound(
            f"no note column found (headers seen: {seen}); expected a column such as {examples} "
            "next to columns like Date of Service or Clinician; map your export's note column to "
            "`text` with --columns"
        )


def no_rows() -> NoNotesFound:
    return NoNotesFound("a note column was found, but no rows below the header hold a note")


def _filled(cell: object) -> bool:
    if cell is None:
        return False
    if isinstance(cell, str):
        return bool(cell.strip())
    return True

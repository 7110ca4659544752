"""CSV exports: each row under a note header becomes one part.

Row numbers follow what a spreadsheet shows when it opens the file: the file's first record
is row 1 (so with the header on the first line, the first note is row 2), title rows above
the header and blank lines count, and a quoted cell spanning several lines is one row.

The encoding is detected first (utf-8-sig, which also reads plain UTF-8, then cp1252); the
header is found with the csv module among the first rows, trying comma, semicolon, tab and
pipe delimiters; pandas then parses from the header on, every column as a string.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from auditready.ingest.columns import HEADER_SCAN_ROWS
from auditready.ingest.errors import CorruptFile, EmptyFile
from auditready.ingest.options import IngestOptions
from auditready.ingest.tabular import NoteTable, no_rows
from auditready.ingest.text import decode
from auditready.models import Document

DELIMITERS = (",", ";", "\t", "|")


class _CountingLines:
    """Lines of a text, counting the characters handed out, so the offset where a csv record
    starts is known even when quoted cells span several lines."""

    def __init__(self, text: str):
        self._lines = iter(io.StringIO(text, newline=""))
        self.consumed = 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.consumed += len(line)
        return line


def _head(text: str, delimiter: str) -> tuple[list[list[str]], list[int]]:
    """The first records and the character offset where each starts."""
    lines = _CountingLines(text)
    reader = csv.reader(lines, delimiter=delimiter)
    records: list[list[str]] = []
    offsets: list[int] = []
    try:
        while len(records) < HEADER_SCAN_ROWS:
            start = lines.consumed
            try:
                record = next(reader)
            except StopIteration:
                break
            offsets.append(start)
            records.append(record)
    except csv.Error:
        pass  # a malformed quote in the first rows: judge the rows read so far
    return records, offsets


def read(data: bytes, path: str, options: IngestOptions) -> Document:
    text, _encoding, warnings = decode(data)
    if not text.strip():
        raise EmptyFile("the file holds only blank space; export it again")
    if "\x00" in text:
        raise CorruptFile("not a text file: the CSV holds binary data")
    table = NoteTable(options)
    best_guess: tuple[int, list[list[str]]] = (0, [])
    for delimiter in DELIMITERS:
        head, offsets = _head(text, delimiter)
        index = table.find_header(head)
        if index is not None:
            break
        widest = max((len(record) for record in head), default=0)
        if widest > best_guess[0]:
            best_guess = (widest, head)
    else:
        table.remember_headers(best_guess[1], "")
        raise table.no_note_column()

    header = head[index]
    frame, ragged = _parse(text[offsets[index] :], delimiter, len(header))
    cells = frame.to_numpy().tolist()
    first_data_row = index + 2  # the header is row index + 1
    parts = table.rows_to_parts(header, enumerate(cells[1:], start=first_data_row))
    if not parts:
        raise no_rows()
    if ragged:
        warnings.append(f"{ragged} rows had more cells than the header; the extra cells were ignored")
    return Document(path=path, format="csv", parts=parts, tabular=True, warnings=warnings)


def _parse(text: str, delimiter: str, width: int) -> tuple[Any, int]:
    """Every cell as a string. The C parser is fast but refuses a row wider than the first;
    the python parser then keeps such rows, cut to the header's width."""
    import pandas as pd  # imported here: it is slow to import and only CSVs need it

    common = dict(header=None, sep=delimiter, dtype=str, keep_default_na=False, skip_blank_lines=False)
    try:
        return pd.read_csv(io.StringIO(text), **common).fillna(""), 0
    except pd.errors.ParserError:
        pass
    ragged = 0

    def cut(cells: list[str]) -> list[str]:
        nonlocal ragged
        ragged += 1
        return cells[:width]

    try:
        frame = pd.read_csv(io.StringIO(text), engine="python", on_bad_lines=cut, **common)
    except (pd.errors.ParserError, csv.Error) as exc:
        raise CorruptFile("malformed CSV (unbalanced quotes or broken rows); export it again") from exc
    return frame.fillna(""), ragged

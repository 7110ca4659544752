"""Excel exports: every worksheet is tried; each row under a note header becomes one part with
`row` = the 1-based row number Excel shows and `sheet` = the worksheet's name.

The workbook is opened read-only (rows stream from the XML instead of being held as cell
objects) with data_only=True: a formula cell gives the value Excel cached when it last saved
the file and is never evaluated. Values become strings (dates as ISO 8601, whole numbers
without ".0"). The workbook is closed explicitly because read-only mode keeps the archive open.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from datetime import date, datetime, time, timedelta
from xml.etree.ElementTree import ParseError

from auditready.ingest.errors import CorruptFile, IngestError
from auditready.ingest.options import IngestOptions
from auditready.ingest.safety import check_office_container
from auditready.ingest.tabular import NoteTable, no_rows
from auditready.models import Document, DocumentPart

# What a damaged or hostile workbook makes openpyxl (and defusedxml under it) raise.
# zlib.error: a part whose compressed data is damaged (found by fuzzing).
_BROKEN_WORKBOOK = (ValueError, KeyError, TypeError, IndexError, EOFError, ParseError, zipfile.BadZipFile, zlib.error)


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.15g}"
    if isinstance(value, datetime):
        if (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes" if value.second == 0 else "seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="minutes" if value.second == 0 else "seconds")
    if isinstance(value, timedelta):
        minutes, seconds = divmod(int(value.total_seconds()), 60)
        hours, minutes = divmod(minutes, 60)
        return f"{hours}:{minutes:02d}" + (f":{seconds:02d}" if seconds else "")
    return str(value)


def read(data: bytes, path: str, options: IngestOptions) -> Document:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    check_office_container(data, "xlsx", options)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, *_BROKEN_WORKBOOK) as exc:
        raise CorruptFile("corrupt Excel file: the workbook cannot be opened; export it again") from exc
    table = NoteTable(options)
    parts: list[DocumentPart] = []
    ignored: list[str] = []
    try:
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()  # stored dimensions are often wrong in generated exports
            rows = enumerate(sheet.iter_rows(values_only=True), start=1)
            found = table.parts(rows, sheet=sheet.title, label=f"sheet {sheet.title!r}", to_text=cell_text)
            if found is None:
                ignored.append(sheet.title)
            else:
                parts.extend(found)
    except IngestError:
        raise
    except _BROKEN_WORKBOOK as exc:
        raise CorruptFile("corrupt Excel file: a worksheet cannot be read; export it again") from exc
    finally:
        workbook.close()
    if len(ignored) == len(workbook.worksheets):
        raise table.no_note_column()
    if not parts:
        raise no_rows()
    warnings = []
    if ignored:
        names = ", ".join(repr(name) for name in ignored)
        warnings.append(f"sheets without a note column were ignored: {names}")
    return Document(path=path, format="xlsx", parts=parts, tabular=True, warnings=warnings)

"""Ingest: files, folders and zips -> an intake table and the Documents read from them.

    result = ingest_paths([Path("exports/")], IngestOptions())
    result.inputs      # one InputRecord per input file, in discovery order
    result.documents   # one Document per parsed file, in the same order
    result.record_for(document)   # the InputRecord a Document came from (to set `notes`)

Every input file gets exactly one row with status parsed / skipped / error and a specific
reason; a bad file never stops the run. A parsed row's reason is empty, or says what was read
only in part (e.g. scanned pages). `notes` is left at 0: the caller sets it after splitting
(`result.record_for(doc).notes = len(split_document(doc))`).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from auditready.ingest import csvfile, docx, pdf, safety, text, xlsx
from auditready.ingest.columns import ColumnMap
from auditready.ingest.discover import Entry, iter_entries
from auditready.ingest.errors import DuplicateFile, IngestError
from auditready.ingest.options import IngestOptions
from auditready.models import ERROR, PARSED, SKIPPED, Document, InputRecord

__all__ = [
    "IngestOptions", "IngestResult", "ingest_paths", "READERS", "new_record", "entry_format",
    "check_duplicate", "parse_bytes", "failure_reason", "record_failure",
]

# format -> read(data, path, options) -> Document (each raises IngestError subclasses).
# This is the plug-in point for readers: a program embedding auditready may replace or add an
# entry before it scans. Scan workers receive the mapping when they start, so a replacement
# must be a module-level function (it is pickled by reference where processes are spawned).
READERS: dict[str, Callable[[bytes, str, IngestOptions], Document]] = {
    "pdf": pdf.read,
    "docx": docx.read,
    "xlsx": xlsx.read,
    "csv": csvfile.read,
    "text": text.read,
}


@dataclass(slots=True)
class IngestResult:
    """The intake table and the documents read.

    `document_inputs[i]` is the index in `inputs` of the row `documents[i]` came from (one
    document per parsed row, so paths are unique and `record_for` can look a row up by path).
    """

    inputs: list[InputRecord] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    document_inputs: list[int] = field(default_factory=list)

    _rows_by_path: dict[str, int] = field(default_factory=dict, init=False, repr=False, compare=False)

    def record_for(self, document: Document) -> InputRecord:
        """The intake row `document` was read from (looked up by its path, unique per row)."""
        if len(self._rows_by_path) != len(self.document_inputs):
            self._rows_by_path = {
                self.inputs[row].path: row for row in self.document_inputs
            }
        try:
            return self.inputs[self._rows_by_path[document.path]]
        except KeyError:
            raise KeyError(f"no intake row for document {document.path!r}") from None

    def pairs(self) -> Iterator[tuple[Document, InputRecord]]:
        """Each document with its intake row, in order."""
        for document, row in zip(self.documents, self.document_inputs, strict=True):
            yield document, self.inputs[row]

    @property
    def failed(self) -> int:
        """Rows with status `error` (files that could not be read)."""
        return sum(1 for record in self.inputs if record.status == ERROR)

    @property
    def skipped(self) -> int:
        return sum(1 for record in self.inputs if record.status == SKIPPED)


def ingest_paths(
    paths: list[Path],
    options: IngestOptions,
    progress: Callable[[InputRecord], None] | None = None,
) -> IngestResult:
    """Read every file under `paths`. `progress`, if given, is called with each row as soon as
    the file is done (for a progress bar). A bad `column_overrides` mapping is the caller's
    error, not a file's: it raises ColumnMappingError before any file is read."""
    ColumnMap("notes", options.column_overrides.get("notes"))
    result = IngestResult()
    first_seen: dict[str, str] = {}  # sha256 -> path of the first file with that content
    for entry in iter_entries(list(paths), options):
        record, document = _ingest_entry(entry, options, first_seen)
        result.inputs.append(record)
        if document is not None:
            result.documents.append(document)
            result.document_inputs.append(len(result.inputs) - 1)
        if progress is not None:
            progress(record)
    return result


def _ingest_entry(
    entry: Entry, options: IngestOptions, first_seen: dict[str, str]
) -> tuple[InputRecord, Document | None]:
    record = new_record(entry)
    try:
        fmt = entry_format(entry, options)
        if entry.read is None:
            raise IngestError("the file cannot be opened")
        data = entry.read()
        record.size = len(data)
        record.sha256 = safety.sha256(data)
        check_duplicate(record, first_seen)
        document = parse_bytes(data, fmt, entry.path, options)
    except Exception as exc:  # noqa: BLE001 - every failure becomes the file's intake row
        record_failure(record, exc)
        return record, None
    record.reason = "; ".join(document.warnings)
    return record, document


# The steps of reading one file, public so that a scan can run them in worker processes
# (auditready/scanwork.py) and still give every file exactly the row ingest_paths gives it.


def new_record(entry: Entry) -> InputRecord:
    """The intake row for `entry` before it is read (status parsed until something fails)."""
    return InputRecord(
        path=entry.path,
        format=entry.format or safety.format_label(entry.name),
        status=PARSED,
        size=entry.size,
    )


def entry_format(entry: Entry, options: IngestOptions) -> str:
    """The reader format of `entry`; raises the IngestError that is its row when the file is
    not read at all (a problem found while walking, an unsupported type, a size limit)."""
    if entry.problem is not None:
        raise entry.problem
    fmt = safety.format_for(entry.name) if not entry.format else None
    if fmt is None:
        head = entry.head(16) if entry.head else b""
        raise safety.unsupported(entry.name, head)
    safety.check_size(entry.size, options)
    return fmt


def check_duplicate(record: InputRecord, first_seen: dict[str, str]) -> None:
    """Raise DuplicateFile when a file with the same SHA-256 came earlier (`first_seen` maps
    sha256 -> the first path with that content, and learns this one if it is new)."""
    if not record.sha256:
        return
    first = first_seen.setdefault(record.sha256, record.path)
    if first != record.path:
        raise DuplicateFile(f"exact duplicate of {first} (same SHA-256); read once")


def parse_bytes(data: bytes, fmt: str, path: str, options: IngestOptions,
                readers: dict[str, Callable[[bytes, str, IngestOptions], Document]] | None = None) -> Document:
    """Sniff the content against its extension, then run the format's reader. Warnings the
    parsing libraries raise are dropped: some quote the content they stumbled on, and what a
    user needs to know about a file is its intake reason."""
    safety.sniff(data, fmt)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return (readers or READERS)[fmt](data, path, options)


def failure_reason(exc: BaseException) -> tuple[str, str]:
    """(status, reason) for a file whose reading raised `exc`. Only IngestError reasons are
    shown as written (they are ours and never quote content); any other exception is named by
    its type alone, because library messages can quote the bytes they choked on."""
    if isinstance(exc, IngestError):
        return exc.status, exc.reason
    if isinstance(exc, MemoryError):
        return ERROR, "ran out of memory reading this file; scan it on its own"
    if isinstance(exc, RecursionError):
        return ERROR, "the file's structure is nested too deeply to read"
    return ERROR, f"unexpected {type(exc).__name__} while reading this file (please report it)"


def record_failure(record: InputRecord, exc: BaseException) -> None:
    record.status, record.reason = failure_reason(exc)

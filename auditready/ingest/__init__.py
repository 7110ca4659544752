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

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from auditready.ingest import csvfile, docx, pdf, safety, text, xlsx
from auditready.ingest.columns import ColumnMap
from auditready.ingest.discover import Entry, iter_entries
from auditready.ingest.errors import DuplicateFile, IngestError
from auditready.ingest.options import IngestOptions
from auditready.models import ERROR, PARSED, SKIPPED, Document, InputRecord

__all__ = ["IngestOptions", "IngestResult", "ingest_paths", "READERS"]

# format -> read(data, path, options) -> Document (each raises IngestError subclasses)
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
    fmt = safety.format_for(entry.name) if not entry.format else None
    record = InputRecord(
        path=entry.path,
        format=entry.format or safety.format_label(entry.name),
        status=PARSED,
        size=entry.size,
    )
    try:
        if entry.problem is not None:
            raise entry.problem
        if fmt is None:
            head = entry.head(16) if entry.head else b""
            raise safety.unsupported(entry.name, head)
        safety.check_size(entry.size, options)
        if entry.read is None:
            raise IngestError("the file cannot be opened")
        data = entry.read()
        record.size = len(data)
        record.sha256 = safety.sha256(data)
        first = first_seen.setdefault(record.sha256, entry.path)
        if first != entry.path:
            raise DuplicateFile(f"exact duplicate of {first} (same SHA-256); read once")
        safety.sniff(data, fmt)
        document = READERS[fmt](data, entry.path, options)
    except IngestError as exc:
        record.status, record.reason = exc.status, exc.reason
        return record, None
    except MemoryError:
        record.status, record.reason = ERROR, "ran out of memory reading this file; scan it on its own"
        return record, None
    except RecursionError:
        record.status, record.reason = ERROR, "the file's structure is nested too deeply to read"
        return record, None
    except Exception as exc:  # a reader bug or an unforeseen library error must not stop the run
        # The exception text may quote file content, so only its type is reported.
        record.status = ERROR
        record.reason = f"unexpected {type(exc).__name__} while reading this file (please report it)"
        return record, None
    record.reason = "; ".join(document.warnings)
    return record, document

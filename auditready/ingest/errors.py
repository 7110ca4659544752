"""Why a file could not be read. Each error's message is the intake table's `reason`: it names
the problem and what the user can do, and never quotes note text."""

from __future__ import annotations


class IngestError(Exception):
    """A file that cannot be read; `status` is the intake status it gets."""

    status = "error"
    code = "unreadable"

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class EncryptedFile(IngestError):
    code = "encrypted"


class NoTextLayer(IngestError):
    code = "no_text_layer"


class CorruptFile(IngestError):
    code = "corrupt"


class EmptyFile(IngestError):
    code = "empty"


class TooLarge(IngestError):
    code = "too_large"


class ZipBomb(IngestError):
    code = "zip_bomb"


class UnsupportedFormat(IngestError):
    status = "skipped"
    code = "unsupported"


class DuplicateFile(IngestError):
    status = "skipped"
    code = "duplicate"


class NoNotesFound(IngestError):
    """A readable file holding nothing that looks like a note (e.g. a spreadsheet without a
    note column)."""

    status = "skipped"
    code = "no_notes"

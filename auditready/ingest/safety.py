"""Checks that run before a file is parsed, so a hostile or broken file costs little.

Order per file (see ingest/__init__.py): extension -> size (from the directory entry, before
reading) -> read under a byte limit -> SHA-256 duplicate check -> content sniff -> reader.
Archives (.zip, and the zip containers inside .docx/.xlsx) are judged from their central
directory before anything is decompressed, and the limits are enforced again while reading,
because a directory can lie about sizes.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import PurePosixPath

from auditready.ingest.errors import (
    CorruptFile,
    EmptyFile,
    EncryptedFile,
    IngestError,
    TooLarge,
    UnsupportedFormat,
    ZipBomb,
)
from auditready.ingest.options import IngestOptions, MiB

# Extension -> reader format. ".zip" is expanded by discovery, never read as a document.
FORMATS: dict[str, str] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".csv": "csv",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
}
ARCHIVE_EXTENSIONS = (".zip",)

# What to tell the user about formats people commonly export by mistake.
CONVERSION_HINTS: dict[str, str] = {
    ".doc": "legacy Word format; open it in Word and save as .docx",
    ".xls": "legacy Excel format; open it in Excel and save as .xlsx or .csv",
    ".rtf": "open it in Word and save as .docx",
    ".odt": "save it as .docx",
    ".ods": "save it as .xlsx or .csv",
    ".pages": "export it from Pages as .docx or PDF",
    ".tsv": "save it as .csv",
    ".html": "print it to PDF or save the text as .txt",
    ".htm": "print it to PDF or save the text as .txt",
    ".jpg": "an image; notes in images need OCR first",
    ".jpeg": "an image; notes in images need OCR first",
    ".png": "an image; notes in images need OCR first",
    ".tif": "an image; notes in images need OCR first",
    ".tiff": "an image; notes in images need OCR first",
    ".heic": "an image; notes in images need OCR first",
    ".7z": "an archive format auditready does not open; re-pack it as .zip",
    ".rar": "an archive format auditready does not open; re-pack it as .zip",
    ".gz": "an archive format auditready does not open; re-pack it as .zip",
    ".tar": "an archive format auditready does not open; re-pack it as .zip",
}

# OS and editor litter found in exported folders and zips; never a note.
SYSTEM_FILE_NAMES = frozenset({"thumbs.db", "desktop.ini", "ehthumbs.db"})
SYSTEM_FOLDER_NAMES = frozenset({"__macosx"})

# A member this small cannot exhaust memory whatever its ratio; tiny text parts of office files
# (styles, repeated XML) routinely compress 100x and more.
ZIP_RATIO_FLOOR_BYTES = 1 * MiB
READ_CHUNK_BYTES = 1 * MiB

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
# Office writes a password-protected .docx/.xlsx as an OLE file holding this stream.
_OLE_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def extension(name: str) -> str:
    """Lower-case extension of a file name or in-archive path ("notes/x.PDF" -> ".pdf")."""
    return PurePosixPath(name.replace("\\", "/")).suffix.lower()


def format_for(name: str) -> str | None:
    """The reader format for a file name, or None when the extension is not one we read."""
    return FORMATS.get(extension(name))


def is_archive(name: str) -> bool:
    return extension(name) in ARCHIVE_EXTENSIONS


def format_label(name: str) -> str:
    """What the intake table shows as `format`: the reader format, "zip", or the bare extension."""
    if is_archive(name):
        return "zip"
    return format_for(name) or extension(name).lstrip(".")


def hidden_reason(name: str) -> str | None:
    """Why a file found while walking a folder or archive is not an input, or None if it is."""
    base = PurePosixPath(name.replace("\\", "/")).name
    if base.startswith("~$"):
        return "Office lock file (the document was open when exported); not a note"
    if base.startswith("."):
        return "hidden file; not a note"
    if base.lower() in SYSTEM_FILE_NAMES:
        return "system file; not a note"
    return None


def hidden_folder_reason(name: str) -> str | None:
    base = PurePosixPath(name.replace("\\", "/").rstrip("/")).name
    if base.startswith("."):
        return "hidden folder; not scanned"
    if base.lower() in SYSTEM_FOLDER_NAMES:
        return "system folder (macOS archive metadata); not scanned"
    return None


def unsupported(name: str, head: bytes = b"") -> UnsupportedFormat:
    ext = extension(name)
    supported = ", ".join(sorted({*FORMATS, *ARCHIVE_EXTENSIONS}))
    what = f"{ext} files are not read" if ext else "files without an extension are not read"
    hint = CONVERSION_HINTS.get(ext)
    looks_like = describe_content(head) if head else None
    parts = [what]
    if hint:
        parts.append(hint)
    if looks_like in ("a PDF", "a zip archive"):
        rename = ".pdf" if looks_like == "a PDF" else ".zip"
        parts.append(f"its content looks like {looks_like}; rename it to {rename} to read it")
    return UnsupportedFormat(f"unsupported format: {'; '.join(parts)} (supported: {supported})")


def check_size(size: int, options: IngestOptions) -> None:
    if size == 0:
        raise EmptyFile("empty file (0 bytes); export it again")
    if size > options.max_file_bytes:
        raise TooLarge(
            f"file is {_mb(size)}, over the size limit of {_mb(options.max_file_bytes)} "
            "(raise it with --max-file-mb if the file is genuine)"
        )


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def describe_content(head: bytes) -> str | None:
    """A short name for what the first bytes of a file are, or None for plain text."""
    start = head[:1024]
    stripped = start.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    # Magic numbers at offset 0 first: a zip whose first member is a stored (uncompressed) PDF
    # holds "%PDF-" in its first kilobyte, and is still a zip.
    if start[:4] in _ZIP_MAGICS:
        return "a zip archive"
    if b"%PDF-" in start:
        return "a PDF"
    if start[:8] == _OLE_MAGIC:
        return "a legacy Office (OLE) file"
    if stripped.startswith((b"<!doctype html", b"<html")) or b"<html" in stripped[:512]:
        return "an HTML page"
    if stripped.startswith(b"{\\rtf"):
        return "an RTF document"
    if start.startswith(b"\x89PNG"):
        return "a PNG image"
    if start.startswith(b"\xff\xd8\xff"):
        return "a JPEG image"
    if start.startswith((b"II*\x00", b"MM\x00*")):
        return "a TIFF image"
    if start.startswith(b"GIF8"):
        return "a GIF image"
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 text with a byte-order mark
    if b"\x00" in start:
        return "binary data"
    return None


def sniff(data: bytes, fmt: str) -> None:
    """Refuse content that does not match its extension, naming what it actually is."""
    what = describe_content(data[:1024])
    if fmt == "pdf":
        if what == "a PDF":
            return
        if what == "an HTML page":
            raise CorruptFile(
                "not a PDF: the file is an HTML page (often a login or error page saved in place "
                "of the export); download the PDF again"
            )
        raise CorruptFile(f"not a PDF: no PDF header; the file is {what or 'text'}")
    if fmt in ("docx", "xlsx"):
        kind = "Word" if fmt == "docx" else "Excel"
        if what == "a zip archive":
            return
        if what == "a legacy Office (OLE) file":
            if _OLE_ENCRYPTED_STREAM in data:
                raise EncryptedFile(
                    f"password-protected {kind} file: open it and save a copy without a password"
                )
            legacy = ".doc" if fmt == "docx" else ".xls"
            raise CorruptFile(
                f"not a .{fmt} file: it is a legacy {kind} ({legacy}) file with a .{fmt} name; "
                f"open it in {kind} and save as .{fmt}"
            )
        if what == "an HTML page":
            raise CorruptFile(
                f"not a .{fmt} file: it is an HTML page with a .{fmt} name (some EHR reports do "
                f"this); open it in {kind} and save as .{fmt}, or export the report as CSV"
            )
        raise CorruptFile(f"not a .{fmt} file: the file is {what or 'text'}, not an Office document")
    if fmt in ("csv", "text"):
        if what is not None:
            raise CorruptFile(f"not a text file: the file is {what}")
        return
    if fmt == "zip":
        if what != "a zip archive":
            raise CorruptFile(f"not a zip archive: the file is {what or 'text'}")
        return


class ZipBudget:
    """Bytes still allowed to be decompressed from one top-level archive (shared with the
    archives nested inside it)."""

    def __init__(self, total: int):
        self.remaining = total

    def spend(self, amount: int, label: str) -> None:
        self.remaining -= amount
        if self.remaining < 0:
            raise ZipBomb(f"zip bomb suspected: {label} expands past the total size limit while reading")


def file_members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    return [info for info in archive.infolist() if not info.is_dir()]


def check_zip_directory(
    members: Sequence[zipfile.ZipInfo],
    archive_size: int,
    options: IngestOptions,
    budget: ZipBudget,
    label: str = "archive",
) -> None:
    """Judge an archive from its central directory alone, before decompressing anything."""
    if len(members) > options.max_zip_members:
        raise ZipBomb(
            f"zip bomb suspected: {label} holds {len(members):,} files; the limit is "
            f"{options.max_zip_members:,}"
        )
    total = sum(info.file_size for info in members)
    if total > budget.remaining:
        already = options.max_zip_total_bytes - budget.remaining
        spent = f" on top of {_mb(already)} already expanded from its enclosing archive" if already else ""
        raise ZipBomb(
            f"zip bomb suspected: {label} would expand to {_mb(total)}{spent}, over the "
            f"{_mb(options.max_zip_total_bytes)} limit for one archive"
        )
    for info in members:
        if info.file_size > ZIP_RATIO_FLOOR_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > options.max_zip_ratio:
                raise ZipBomb(
                    f"zip bomb suspected: a member of {label} expands {ratio:,.0f}x "
                    f"({_mb(info.compress_size)} to {_mb(info.file_size)}); the limit is "
                    f"{options.max_zip_ratio:,.0f}x"
                )
    # Overlapping-entry bombs reuse one compressed stream for many members: each member's ratio
    # looks modest, but the whole archive expands far beyond its own size.
    if total > ZIP_RATIO_FLOOR_BYTES and archive_size > 0:
        ratio = total / archive_size
        if ratio > options.max_zip_ratio:
            raise ZipBomb(
                f"zip bomb suspected: {label} expands {ratio:,.0f}x overall ({_mb(archive_size)} "
                f"to {_mb(total)}); the limit is {options.max_zip_ratio:,.0f}x"
            )


def read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, options: IngestOptions, budget: ZipBudget
) -> bytes:
    """A member's bytes, refusing it as soon as it decompresses past what its entry declared
    or past the archive's remaining budget."""
    if info.flag_bits & 0x1:
        raise EncryptedFile(
            "encrypted zip member: extract the archive with its password, then scan the folder"
        )
    check_size(info.file_size, options)
    limit = min(info.file_size, options.max_file_bytes)
    chunks: list[bytes] = []
    total = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(READ_CHUNK_BYTES):
                total += len(chunk)
                if total > limit:
                    raise ZipBomb(
                        "zip bomb suspected: member decompresses past the size its directory "
                        "entry declares"
                    )
                budget.spend(len(chunk), "the archive")
                chunks.append(chunk)
    except NotImplementedError as exc:
        raise IngestError(
            "zip member uses a compression method auditready cannot read; re-create the archive "
            "with standard (deflate) compression"
        ) from exc
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise CorruptFile(
            "corrupt or truncated zip member (bad checksum or incomplete data); re-create the archive"
        ) from exc
    return b"".join(chunks)


def check_office_container(data: bytes, fmt: str, options: IngestOptions) -> None:
    """A .docx/.xlsx is a zip: judge its directory like any archive before a library inflates it,
    and recognize a Word file named .xlsx (or the reverse)."""
    kind = "Word" if fmt == "docx" else "Excel"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as container:
            members = file_members(container)
            names = {info.filename for info in members}
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise CorruptFile(
            f"corrupt or truncated {kind} file (its zip structure cannot be read); export it again"
        ) from exc
    check_zip_directory(
        members, len(data), options, ZipBudget(options.max_zip_total_bytes), f"this {kind} file"
    )
    has_word = any(name.startswith("word/") for name in names)
    has_excel = any(name.startswith("xl/") for name in names)
    if fmt == "docx" and not has_word:
        if has_excel:
            raise CorruptFile("not a Word file: it is an Excel workbook named .docx; rename it to .xlsx")
        raise CorruptFile("not a Word file: the zip does not hold a Word document")
    if fmt == "xlsx" and not has_excel:
        if has_word:
            raise CorruptFile("not an Excel file: it is a Word document named .xlsx; rename it to .docx")
        raise CorruptFile("not an Excel file: the zip does not hold an Excel workbook")


def _mb(size: int) -> str:
    if size < MiB:
        return f"{size / 1024:,.0f} KB" if size >= 1024 else f"{size} bytes"
    return f"{size / MiB:,.1f} MB"

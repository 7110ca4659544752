"""Plain text and Markdown notes: one body part, encoding detected."""

from __future__ import annotations

from auditready.ingest.errors import EmptyFile
from auditready.ingest.options import IngestOptions
from auditready.models import Document, DocumentPart

# utf-8-sig also reads plain UTF-8 (it only drops a leading byte-order mark), so it covers the
# first two encodings the design lists; cp1252 is what Windows exports write when not UTF-8.
STRICT_ENCODINGS = ("utf-8-sig", "cp1252")


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Text, the encoding that read it, and warnings. Never fails: bytes that no encoding
    reads are replaced, and a warning says so."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError:
            pass
    for encoding in STRICT_ENCODINGS:
        try:
            return data.decode(encoding), encoding, []
        except UnicodeDecodeError:
            continue
    # cp1252 leaves five byte values undefined; a file holding one is still mostly readable.
    text = data.decode("cp1252", errors="replace")
    return text, "cp1252", ["some bytes are not valid UTF-8 or Windows-1252 and were replaced"]


def normalize_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read(data: bytes, path: str, options: IngestOptions) -> Document:
    text, _encoding, warnings = decode(data)
    text = normalize_newlines(text).replace("\x00", "")
    if not text.strip():
        raise EmptyFile("the file holds only blank space; export it again")
    return Document(path=path, format="text", parts=[DocumentPart(text=text)], warnings=warnings)

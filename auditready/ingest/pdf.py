"""PDF exports: one part per page (1-based page numbers), text from pypdfium2 or pdfplumber.

pypdfium2 is the default because it is many times faster on plain text (DESIGN.md,
"Decisions"); the per-page work is kept to get_textpage().get_text_range() so ingest stays
within 2x of raw extraction. pdfplumber (`--pdf-engine pdfplumber`) is slower but reads layout.
A page is only examined further (for images) when it has (almost) no text, so ordinary pages
pay nothing for scan detection.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

from auditready.ingest.errors import CorruptFile, EmptyFile, EncryptedFile, NoTextLayer, TooLarge
from auditready.ingest.options import IngestOptions
from auditready.ingest.text import normalize_newlines
from auditready.models import Document, DocumentPart

# A page with fewer visible characters than this holds no real text (at most a stamped page
# number or a stray mark); when every page is like that, the PDF is a scan.
MIN_PAGE_CHARS = 16
# Pages longer than this are taken as text without counting characters.
_SURELY_TEXT_CHARS = 256

_NEEDS_OCR = (
    "no text layer (a scanned or image-only PDF; needs OCR): run it through OCR software or "
    "export the notes as text from the EHR, then scan again"
)

# PDFium reports a hyphen that ends a line ("mind-" / "reading") as U+FFFE and joins the two
# lines; U+FFFE is a Unicode non-character (XML, and so XLSX reports, refuse it), so it becomes
# the hyphen it stood for.
_SOFT_HYPHEN = "\ufffe"

# (1-based page number, page text or None when the page cannot be read, page shows an image)
PageText = tuple[int, str | None, bool]


def has_text(text: str) -> bool:
    if not text or text.isspace():
        return False
    if len(text) > _SURELY_TEXT_CHARS:
        return True
    return sum(1 for char in text if not char.isspace()) >= MIN_PAGE_CHARS


def read(data: bytes, path: str, options: IngestOptions) -> Document:
    truncated = b"%%EOF" not in data[-8192:]
    extract = _pdfplumber_pages if options.pdf_engine == "pdfplumber" else _pdfium_pages
    parts: list[DocumentPart] = []
    scanned: list[int] = []
    unreadable: list[int] = []
    any_text = False
    for number, text, shows_image in extract(data, options, truncated):
        if text is None:
            unreadable.append(number)
            continue
        text = normalize_newlines(text)
        if _SOFT_HYPHEN in text:
            text = text.replace(_SOFT_HYPHEN, "-")
        if has_text(text):
            any_text = True
        elif shows_image:
            scanned.append(number)
        parts.append(DocumentPart(text=text, page=number))
    if not parts and not unreadable:
        raise EmptyFile("the PDF has no pages; export it again")
    if not any_text:
        if not parts:
            raise CorruptFile(_corrupt_reason(truncated, "no page could be read"))
        raise NoTextLayer(_NEEDS_OCR)
    warnings = []
    if scanned:
        warnings.append(
            f"{_pages(scanned)}: no text layer (scanned; needs OCR); not read"
        )
    if unreadable:
        warnings.append(f"{_pages(unreadable)}: damaged, could not be read; left out")
    if truncated:
        warnings.append("the file looks truncated (no end-of-file marker); pages may be missing")
    return Document(path=path, format="pdf", parts=parts, warnings=warnings)


def _pdfium_pages(data: bytes, options: IngestOptions, truncated: bool) -> Iterator[PageText]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        document = pdfium.PdfDocument(data, password=options.pdf_password)
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedFile(_password_reason(options)) from exc
        if exc.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise EncryptedFile(
                "encrypted PDF with an unsupported security handler: export it again without "
                "a password"
            ) from exc
        raise CorruptFile(_corrupt_reason(truncated, "PDFium cannot read its structure")) from exc
    try:
        count = len(document)
        _check_page_count(count, options)
        for index in range(count):
            try:
                page = document[index]
            except pdfium.PdfiumError:
                yield index + 1, None, False
                continue
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_range()
                finally:
                    textpage.close()
                shows_image = False
                if not has_text(text):
                    shows_image = any(
                        True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3)
                    )
            except pdfium.PdfiumError:
                text, shows_image = None, False
            finally:
                page.close()
            yield index + 1, text, shows_image
    finally:
        document.close()


def _quiet_pdfminer() -> None:
    """pdfminer logs what it cannot parse, quoting the page's content ("Cannot render
    horizontal string because /'2025' is not a valid int"); with no handler configured those
    lines reach stderr through logging's last-resort handler. Note text must never reach a
    log, so its loggers get a handler that drops everything (the intake reason says what
    could not be read)."""
    logger = logging.getLogger("pdfminer")
    if not any(isinstance(handler, logging.NullHandler) for handler in logger.handlers):
        logger.addHandler(logging.NullHandler())
    logger.propagate = False


def _pdfplumber_pages(data: bytes, options: IngestOptions, truncated: bool) -> Iterator[PageText]:
    _quiet_pdfminer()
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        document = pdfplumber.open(io.BytesIO(data), password=options.pdf_password or "")
        pages = document.pages
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise EncryptedFile(_password_reason(options)) from exc
        if isinstance(cause, PDFEncryptionError):
            raise EncryptedFile(
                "encrypted PDF with an unsupported encryption method: export it again without a "
                "password"
            ) from exc
        raise CorruptFile(_corrupt_reason(truncated, "pdfminer cannot read its structure")) from exc
    except Exception as exc:  # pdfminer raises many unrelated types on malformed input
        raise CorruptFile(_corrupt_reason(truncated, "pdfminer cannot read its structure")) from exc
    try:
        _check_page_count(len(pages), options)
        for number, page in enumerate(pages, start=1):
            try:
                text = page.extract_text() or ""
                shows_image = not has_text(text) and bool(page.images)
            except Exception:  # one damaged page must not lose the others
                text, shows_image = None, False
            finally:
                page.close()
            yield number, text, shows_image
    finally:
        document.close()


def _check_page_count(count: int, options: IngestOptions) -> None:
    if count > options.max_pdf_pages:
        raise TooLarge(
            f"the PDF has {count:,} pages, over the limit of {options.max_pdf_pages:,} pages; "
            "split it into smaller exports"
        )


def _password_reason(options: IngestOptions) -> str:
    if options.pdf_password:
        return (
            "encrypted PDF: the password given with --pdf-password does not open it; check the "
            "password or export the PDF again without one"
        )
    return (
        "encrypted PDF (password required): export it again without a password, or pass "
        "--pdf-password"
    )


def _corrupt_reason(truncated: bool, detail: str) -> str:
    if truncated:
        return (
            f"corrupt or truncated PDF ({detail}; the file has no end-of-file marker, so the "
            "download or copy is probably incomplete); export it again"
        )
    return f"corrupt PDF ({detail}); export it again"


def _pages(numbers: list[int]) -> str:
    label = "page" if len(numbers) == 1 else "pages"
    shown = ", ".join(str(n) for n in numbers[:10])
    more = f" and {len(numbers) - 10} more" if len(numbers) > 10 else ""
    return f"{label} {shown}{more}"

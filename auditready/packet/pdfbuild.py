"""records.pdf: an index page, then every packet document in date order.

Original PDF pages are imported with pypdfium2 (`PdfDocument.import_pages`): the page objects
are copied, never re-typed, re-rendered or stamped, so what the payer gets is what the EHR
printed. Renderings (render.py) are imported the same way after fpdf2 makes them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

import pypdfium2 as pdfium
from fpdf.enums import XPos, YPos

from auditready.packet.clientmatch import ClientIdentity
from auditready.packet.layout import ORIGINAL, RENDERING, ItemLayout, Segment
from auditready.packet.render import PacketPDF, PageHeader, render_note
from auditready.packet.selection import PLAN
from auditready.packet.sources import VerifiedSource

METHOD_LABELS = {
    ORIGINAL: "original pages",
    RENDERING: "text rendering",
    "mixed": "original pages + text rendering",
}


@dataclass(slots=True)
class IndexEntry:
    number: int
    layout: ItemLayout
    packet_pages: list[int] = field(default_factory=list)  # 1-based pages of records.pdf


@dataclass(slots=True)
class BuiltRecords:
    data: bytes
    entries: list[IndexEntry]
    index_pages: int
    page_count: int
    unrepresentable_characters: int  # characters a rendering could not draw (no Unicode font)


@dataclass(slots=True)
class _Piece:
    """One run of pages in records.pdf, before the index is placed in front."""

    entry: IndexEntry
    segment: Segment
    source_indices: list[int]  # 0-based pages of the source (or of the rendering) to import
    rendering: bytes | None = None
    continues_previous: bool = False  # its first page is the previous piece's last page


def _page_count(data: bytes) -> int:
    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def _title(layout: ItemLayout) -> str:
    dated = layout.item.date_of_service.isoformat() if layout.item.date_of_service else "not stated"
    what = "effective" if layout.item.note_type == PLAN else "date of service"
    return f"{layout.item.label} - {what} {dated}"


def _origin(segment: Segment) -> str:
    return (f"Text rendering of {segment.source_path}, {segment.locator} "
            "(reproduced from the export; not an original page)")


def _row_fields(layout: ItemLayout, row_cells: dict[tuple[str, int], dict[str, str]]) -> list[tuple[str, str]]:
    """The cells of the spreadsheet row a note came from, as exported (the note text is only
    the note column; date, clinician, code and times are in the other cells)."""
    note = layout.item.note
    if note.source.row is None:
        return []
    cells = row_cells.get((note.source.path, note.source.row), {})
    return [(name.replace("_", " ").capitalize(), str(value)) for name, value in cells.items()
            if name != "text" and str(value).strip()]


def _pieces(layouts: list[ItemLayout], identity: ClientIdentity,
            row_cells: dict[tuple[str, int], dict[str, str]]) -> tuple[list[_Piece], int]:
    pieces: list[_Piece] = []
    unrepresentable = 0
    for number, layout in enumerate(layouts, start=1):
        entry = IndexEntry(number, layout)
        for segment in layout.segments:
            if segment.kind == ORIGINAL:
                pieces.append(_Piece(entry, segment, [page - 1 for page in segment.pages]))
                continue
            header = PageHeader(identity.name, identity.dob, identity.client_id, _title(layout), _origin(segment))
            fields = _row_fields(layout, row_cells) if segment.locator.startswith("row") else []
            data, missing = render_note(header, segment.text, fields)
            unrepresentable += missing
            count = _page_count(data)
            pieces.append(_Piece(entry, segment, list(range(count)), data))
    return pieces, unrepresentable


def _drop_repeated_pages(pieces: list[_Piece]) -> None:
    """A chart page that ends one packet note and starts the next is imported once and
    counted for both notes."""
    last: tuple[str, int] | None = None
    for piece in pieces:
        if piece.segment.kind == ORIGINAL and piece.source_indices and \
                last == (piece.segment.source_path, piece.source_indices[0]):
            piece.source_indices = piece.source_indices[1:]
            piece.continues_previous = True
        if piece.segment.kind == ORIGINAL and piece.source_indices:
            last = (piece.segment.source_path, piece.source_indices[-1])
        elif piece.segment.kind != ORIGINAL:
            last = None


def _number_pages(pieces: list[_Piece], first_page: int) -> None:
    """Give each piece's entry its records.pdf pages."""
    for piece in pieces:
        piece.entry.packet_pages = []
    page = first_page
    for piece in pieces:
        if piece.continues_previous:
            piece.entry.packet_pages.append(page - 1)
        for _ in piece.source_indices:
            piece.entry.packet_pages.append(page)
            page += 1


def _page_range(pages: list[int]) -> str:
    if not pages:
        return ""
    first, last = min(pages), max(pages)
    return str(first) if first == last else f"{first}-{last}"


def render_index(identity: ClientIdentity, start: date, end: date, entries: list[IndexEntry],
                 prepared: str, tool_version: str) -> bytes:
    pdf = PacketPDF()
    pdf.add_page()
    pdf.set_font(pdf.family, "B", 16)
    pdf.multi_cell(0, 9, "Records packet", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(pdf.family, "", 10)
    lines = [
        f"Client: {identity.name}",
        f"Date of birth: {identity.dob or 'not in record'}"
        + (f"    Client ID: {identity.client_id}" if identity.client_id else ""),
        f"Records for dates of service {start.isoformat()} to {end.isoformat()}",
        f"Prepared {prepared} from the practice's exported records (auditready {tool_version}).",
        "Pages marked 'original pages' are copied unchanged from the exported PDF. Documents exported "
        "as Word, Excel, CSV or text, and parts of chart pages shared with other records, are text "
        "renderings: each such page says so and names its source file and location.",
    ]
    for line in lines:
        pdf.multi_cell(0, 5.5, pdf.clean(line), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.set_font(pdf.family, "", 8.5)
    widths = (8, 20, 30, 56, 20, 16, 26)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=4.5) as table:
        table.row(["#", "Date of service", "Document", "Source file", "Source location",
                   "Packet pages", "Reproduction"])
        for entry in entries:
            layout = entry.layout
            item = layout.item
            table.row([
                str(entry.number),
                item.date_of_service.isoformat() if item.date_of_service else "not stated",
                item.label,
                pdf.clean(item.source_path),
                ", ".join(segment.locator for segment in layout.segments
                          if segment.locator) if len(layout.segments) < 4 else
                f"pages {layout.source_pages[0]}-{layout.source_pages[-1]}",
                _page_range(entry.packet_pages),
                METHOD_LABELS.get(layout.method, layout.method),
            ])
    return bytes(pdf.output())


def build_records_pdf(layouts: list[ItemLayout], sources: dict[str, VerifiedSource],
                      identity: ClientIdentity, start: date, end: date, prepared: str,
                      tool_version: str, pdf_password: str | None = None,
                      row_cells: dict[tuple[str, int], dict[str, str]] | None = None) -> BuiltRecords:
    """`row_cells` holds the mapped cells of spreadsheet rows by (path, row), shown above a
    rendered row note."""
    pieces, unrepresentable = _pieces(layouts, identity, row_cells or {})
    _drop_repeated_pages(pieces)
    entries = list({id(p.entry): p.entry for p in pieces}.values())
    index_pages = 1
    for _ in range(4):  # the index's own length moves every page number after it
        _number_pages(pieces, index_pages + 1)
        index_data = render_index(identity, start, end, entries, prepared, tool_version)
        actual = _page_count(index_data)
        if actual == index_pages:
            break
        index_pages = actual
    opened: dict[str, pdfium.PdfDocument] = {}
    keep_alive = []
    dest = pdfium.PdfDocument.new()
    try:
        index_doc = pdfium.PdfDocument(index_data)
        keep_alive.append(index_doc)
        dest.import_pages(index_doc)
        for piece in pieces:
            if not piece.source_indices:
                continue
            if piece.rendering is not None:
                source = pdfium.PdfDocument(piece.rendering)
                keep_alive.append(source)
            else:
                path = piece.segment.source_path
                if path not in opened:
                    opened[path] = pdfium.PdfDocument(sources[path].data, password=pdf_password)
                source = opened[path]
            dest.import_pages(source, piece.source_indices)
        buffer = io.BytesIO()
        dest.save(buffer)
        page_count = len(dest)
    finally:
        dest.close()
        for doc in [*opened.values(), *keep_alive]:
            doc.close()
    return BuiltRecords(buffer.getvalue(), entries, index_pages, page_count, unrepresentable)

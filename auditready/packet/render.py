"""PDF pages made by auditready: the packet's index and the renderings of notes that have no
original page (DOCX, XLSX, CSV and text exports, and the own part of a shared chart page).

A rendering reproduces the note's text as exported, line for line, and says on every page that
it is a rendering and of which file and locator. Payers expect the client's name, date of birth
(or member id) and the date of service on every page (domain/exports.md §2.11, [MY1]
https://help.mentaya.com/en/articles/15183350-what-to-include-in-medical-records), so each
rendered page carries them in its header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

# A Unicode TrueType font renders names and note text exactly; the PDF core fonts only know
# Latin-1. These are the common locations on Linux, macOS and Windows.
UNICODE_FONTS = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ("/Library/Fonts/Arial Unicode.ttf", "/Library/Fonts/Arial Unicode.ttf"),
    ("/System/Library/Fonts/Supplemental/Arial.ttf", "/System/Library/Fonts/Supplemental/Arial Bold.ttf"),
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
)
FAMILY = "PacketBody"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def find_unicode_font() -> tuple[Path, Path] | None:
    for regular, bold in UNICODE_FONTS:
        if Path(regular).is_file():
            return Path(regular), Path(bold) if Path(bold).is_file() else Path(regular)
    return None


@dataclass(slots=True)
class PageHeader:
    """What every rendered page says about whose record it is."""

    client: str
    dob: str
    client_id: str
    title: str  # e.g. "Progress note - date of service 2025-03-04"
    origin: str  # e.g. "Text rendering of notes/Smith.docx, document body (not an original page)"


class PacketPDF(FPDF):
    """fpdf2 with the packet's font, header and footer."""

    def __init__(self) -> None:
        super().__init__(format="Letter", unit="mm")
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)
        self.header_info: PageHeader | None = None
        self.unrepresentable = 0
        font = find_unicode_font()
        self.unicode = font is not None
        if font is not None:
            self.add_font(FAMILY, "", str(font[0]))
            self.add_font(FAMILY, "B", str(font[1]))
            self.family = FAMILY
        else:
            self.family = "Helvetica"
        self.set_font(self.family, size=10)

    def clean(self, text: str) -> str:
        """Text the font can draw. Without a Unicode font, characters outside Latin-1 become
        '?' and are counted, so the review can say the rendering is not exact."""
        text = _CONTROL.sub("", str(text).replace("\t", "    ").replace("\r\n", "\n").replace("\r", "\n"))
        if self.unicode:
            return text
        out = []
        for ch in text:
            try:
                ch.encode("latin-1")
                out.append(ch)
            except UnicodeEncodeError:
                self.unrepresentable += 1
                out.append("?")
        return "".join(out)

    def header(self) -> None:
        info = self.header_info
        if info is None:
            return
        self.set_font(self.family, "B", 9)
        who = f"Client: {info.client}   DOB: {info.dob or 'not in record'}"
        if info.client_id:
            who += f"   ID: {info.client_id}"
        self.multi_cell(0, 4.5, self.clean(who), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.multi_cell(0, 4.5, self.clean(info.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(self.family, "", 8)
        self.multi_cell(0, 4, self.clean(info.origin), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(3)
        self.set_font(self.family, "", 10)

    def footer(self) -> None:
        if self.header_info is None:
            return
        self.set_y(-12)
        self.set_font(self.family, "", 8)
        self.cell(0, 4, self.clean(f"{self.header_info.origin}   -   rendered page {self.page_no()} of {{nb}}"),
                  align="C")

    def body(self, text: str) -> None:
        self.set_font(self.family, "", 10)
        # Left-aligned: justification would stretch the clinician's lines into a different look.
        self.multi_cell(0, 5, self.clean(text) or " ", align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def render_note(header: PageHeader, text: str, fields: list[tuple[str, str]] | None = None) -> tuple[bytes, int]:
    """A rendering of one note's text (and the structured fields of its export row, when the
    note came from a spreadsheet row). Returns the PDF bytes and the number of characters the
    font could not draw (0 with a Unicode font)."""
    pdf = PacketPDF()
    pdf.header_info = header
    pdf.alias_nb_pages()
    pdf.add_page()
    if fields:
        pdf.set_font(pdf.family, "B", 10)
        pdf.multi_cell(0, 5, "Fields of the export row", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for name, value in fields:
            pdf.body(f"{name}: {value}")
        pdf.ln(2)
        pdf.set_font(pdf.family, "B", 10)
        pdf.multi_cell(0, 5, "Note text", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.body(text)
    return bytes(pdf.output()), pdf.unrepresentable

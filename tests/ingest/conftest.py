"""Builders of real input files for the ingest tests: PDFs with fpdf2, DOCX with python-docx
(plus raw OOXML for content controls and text boxes), XLSX with openpyxl, CSV bytes, zips.
Every builder returns bytes; `write` puts them on disk. Note text is fictional."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

from auditready.ingest import IngestOptions, ingest_paths

REPO_ROOT = Path(__file__).resolve().parents[2]
EXTERNAL_NOTES = REPO_ROOT.parent / "shared" / "external-notes"


def pdf_bytes(
    pages: list[str],
    *,
    image_pages: tuple[int, ...] = (),
    owner_password: str | None = None,
    user_password: str | None = None,
) -> bytes:
    """A PDF with one page per text; pages listed in `image_pages` (1-based) hold only an image."""
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    if owner_password:
        pdf.set_encryption(owner_password=owner_password, user_password=user_password)
    for number, text in enumerate(pages, start=1):
        pdf.add_page()
        if number in image_pages:
            picture = Image.new("RGB", (120, 60), (235, 235, 235))
            pdf.image(picture, x=20, y=20, w=120)
        else:
            pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def docx_document():
    import docx

    return docx.Document()


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def ooxml(fragment: str):
    """Parse one OOXML element (given without namespace declarations) for python-docx."""
    from docx.oxml import parse_xml

    tag_end = fragment.index(">")
    if fragment[tag_end - 1] == "/":
        tag_end -= 1
    first_space = fragment.find(" ")
    insert_at = first_space if 0 < first_space < tag_end else tag_end
    return parse_xml(fragment[:insert_at] + " " + NS + fragment[insert_at:])


def append_body_element(document, element) -> None:
    body = document.element.body
    body.insert(len(body) - 1, element)  # before the final w:sectPr


def text_box_paragraph(anchor_text: str, box_lines: list[str]) -> str:
    """A paragraph anchoring a DrawingML text box with the VML fallback Word writes beside it."""
    paragraphs = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in box_lines)
    return (
        f"<w:p><w:r><w:t>{anchor_text}</w:t></w:r><w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" '
        'simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset>'
        '</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset>'
        '</wp:positionV><wp:extent cx="2000000" cy="600000"/><wp:wrapSquare wrapText="bothSides"/>'
        '<wp:docPr id="7" name="Text Box 7"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        '<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2000000" cy="600000"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f"<wps:txbx><w:txbxContent>{paragraphs}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:shape style="width:160pt;height:48pt" type="#_x0000_t202">'
        f"<v:textbox><w:txbxContent>{paragraphs}</w:txbxContent></v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )


def xlsx_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def patch_central_directory(data: bytes, member: str, *, flag_bits: int | None = None,
                            file_size: int | None = None) -> bytes:
    """Rewrite one central-directory entry the way a hostile or odd archiver would."""
    raw = bytearray(data)
    start = raw.find(b"PK\x01\x02")
    while start != -1:
        name_length = struct.unpack_from("<H", raw, start + 28)[0]
        name = bytes(raw[start + 46 : start + 46 + name_length]).decode()
        if name == member:
            if flag_bits is not None:
                struct.pack_into("<H", raw, start + 8, flag_bits)
            if file_size is not None:
                struct.pack_into("<I", raw, start + 24, file_size)
            return bytes(raw)
        start = raw.find(b"PK\x01\x02", start + 4)
    raise KeyError(member)


def write(folder: Path, relative: str, data: bytes) -> Path:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def note_text(client: str, day: int, clinician: str = "Dana Reyes, LCSW") -> str:
    return (
        f"Progress Note\nClient: {client}\nDate of Service: 03/{day:02d}/2024\n"
        f"Clinician: {clinician}\nStart: 2:00 PM End: 2:53 PM\nCPT: 90837\n"
        f"Client described sleeping five hours a night and avoiding the grocery store on day {day}. "
        "Practiced paced breathing; client rated anxiety 6/10 before and 4/10 after.\n"
        "Plan: continue weekly CBT; homework is a worry log.\n"
        f"Electronically signed by {clinician} on 03/{day:02d}/2024"
    )


def ingest(paths, **options):
    paths = paths if isinstance(paths, list) else [paths]
    return ingest_paths(paths, IngestOptions(**options))


def rows_by_path(result) -> dict:
    return {record.path: record for record in result.inputs}


def read_one(tmp_path: Path, name: str, data: bytes, **options):
    """Ingest one file; return (its intake row, its document or None)."""
    path = write(tmp_path, name, data)
    result = ingest(path, **options)
    assert len(result.inputs) == 1
    return result.inputs[0], (result.documents[0] if result.documents else None)


@pytest.fixture(params=["pypdfium2", "pdfplumber"])
def pdf_engine(request) -> str:
    return request.param


class Builders:
    """The builders above, handed to tests through the `make` fixture (test modules do not
    import conftest: several test folders have one)."""

    pdf = staticmethod(pdf_bytes)
    docx_document = staticmethod(docx_document)
    docx = staticmethod(docx_bytes)
    ooxml = staticmethod(ooxml)
    append_body_element = staticmethod(append_body_element)
    text_box_paragraph = staticmethod(text_box_paragraph)
    xlsx = staticmethod(xlsx_bytes)
    zip = staticmethod(zip_bytes)
    patch_central_directory = staticmethod(patch_central_directory)
    write = staticmethod(write)
    note_text = staticmethod(note_text)
    ingest = staticmethod(ingest)
    rows_by_path = staticmethod(rows_by_path)
    read_one = staticmethod(read_one)
    external_notes = EXTERNAL_NOTES
    repo_root = REPO_ROOT


@pytest.fixture
def make() -> Builders:
    return Builders()

"""Word exports: one body part holding headers, the body and footers, in document order.

EHR templates put note content where python-docx's `paragraph.text` does not look: content
controls (w:sdt, around blocks and inside paragraphs), text boxes (w:txbxContent) and tables
nested in either. So the body's XML is walked directly:

- paragraphs become lines; a line break inside a paragraph stays a newline;
- a table row becomes one line with its cells separated by a TAB (a field boundary for the
  field extractor), a cell's own paragraphs separated by newlines;
- a text box's paragraphs follow the paragraph that anchors it;
- deleted revisions and field codes are left out; field results are kept;
- `mc:AlternateContent` is read through its `mc:Choice` only: `mc:Fallback` repeats the same
  shape as legacy VML, and reading both would duplicate every text box.

Header and footer parts are read once each (sections often share them), headers before the
body and footers after it, so header fields such as the client name reach the splitter first.

Only the parts that hold text are parsed (the main document found through the package
relationships, and the header/footer parts its sections reference), with python-docx's XML
parser. Opening the whole package with `docx.Document()` parses styles, numbering, settings
and theme too and costs about 40x more per file, which would make DOCX the slowest format by far.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Iterable

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.parser import parse_xml
from lxml.etree import XMLSyntaxError

from auditready.ingest.errors import CorruptFile, NoNotesFound, NoTextLayer
from auditready.ingest.options import IngestOptions
from auditready.ingest.safety import check_office_container
from auditready.models import Document, DocumentPart

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

_P, _TBL, _TR, _TC = W + "p", W + "tbl", W + "tr", W + "tc"
_T, _TAB, _PTAB, _BR, _CR = W + "t", W + "tab", W + "ptab", W + "br", W + "cr"
_NO_BREAK_HYPHEN = W + "noBreakHyphen"
_TXBX = W + "txbxContent"
_FALLBACK = MC + "Fallback"
# Subtrees that hold no visible text, or text that is not the document's current content.
_SKIP = frozenset(
    {
        W + "del", W + "moveFrom", W + "instrText", W + "delInstrText", W + "rPr", W + "pPr",
        W + "sdtPr", W + "sdtEndPr", W + "tblPr", W + "tblGrid", W + "trPr", W + "tcPr",
        W + "sectPr", W + "commentReference", W + "footnoteReference", W + "endnoteReference",
        _FALLBACK,
    }
)
_HEADER_REF, _FOOTER_REF = W + "headerReference", W + "footerReference"
_BODY = W + "body"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def read(data: bytes, path: str, options: IngestOptions) -> Document:
    check_office_container(data, "docx", options)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            main = _main_part(package)
            body = _parse(package, main).find(_BODY)
            if body is None:
                raise CorruptFile("corrupt Word file: the document has no body; export it again")
            headers, footers = _header_footer_roots(package, main, body)
    except (KeyError, ValueError, zipfile.BadZipFile, EOFError, zlib.error) as exc:
        # zlib.error: a part whose compressed data is damaged (found by fuzzing).
        raise CorruptFile("corrupt Word file: its parts cannot be read; export it again") from exc
    except XMLSyntaxError as exc:
        raise CorruptFile("corrupt Word file: its XML is damaged; export it again") from exc
    lines = _unique(line for element in headers for line in _blocks(element))
    lines.extend(_blocks(body))
    lines.extend(_unique(line for element in footers for line in _blocks(element)))
    text = "\n".join(lines).strip("\n")
    if not text.strip():
        if next(body.iter(A + "blip"), None) is not None:
            raise NoTextLayer(
                "the Word file holds only images (a scan pasted into Word; needs OCR); "
                "export the notes as text from the EHR"
            )
        raise NoNotesFound("the Word file holds no text")
    return Document(path=path, format="docx", parts=[DocumentPart(text=text)])


def _parse(package: zipfile.ZipFile, name: str):
    # python-docx's parser: entities are not resolved, so an XML bomb cannot expand.
    return parse_xml(package.read(name))


def _main_part(package: zipfile.ZipFile) -> str:
    for target, rel_type, _mode in _relationships(package, ""):
        if rel_type == RT.OFFICE_DOCUMENT:
            return target
    raise KeyError("officeDocument relationship")


def _relationships(package: zipfile.ZipFile, source: str) -> list[tuple[str, str, str]]:
    """(resolved target part name, type, id) of a part's relationships ("" = the package)."""
    folder, name = posixpath.split(source)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in package.NameToInfo:
        return []
    found = []
    for rel in _parse(package, rels_name).iter(_RELATIONSHIP):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        if target.startswith("/"):
            resolved = target.lstrip("/")
        else:
            resolved = posixpath.normpath(posixpath.join(folder, target))
        found.append((resolved, rel.get("Type", ""), rel.get("Id", "")))
    return found


def _header_footer_roots(package: zipfile.ZipFile, main: str, body) -> tuple[list, list]:
    """Header and footer roots in the order the sections reference them, each part once."""
    targets = {rel_id: target for target, _type, rel_id in _relationships(package, main)}
    headers, footers, seen = [], [], set()
    for reference in body.iter(_HEADER_REF, _FOOTER_REF):
        target = targets.get(reference.get(R + "id") or "")
        if target is None or target in seen or target not in package.NameToInfo:
            continue
        seen.add(target)
        (headers if reference.tag == _HEADER_REF else footers).append(_parse(package, target))
    return headers, footers


def _unique(lines: Iterable[str]) -> list[str]:
    # The first-page, even-page and default headers often repeat the same lines.
    return [line for line in dict.fromkeys(lines) if line.strip()]


def _blocks(container) -> list[str]:
    """Lines of the block-level content (paragraphs, tables, content controls) in `container`."""
    lines: list[str] = []
    for child in container:
        tag = child.tag
        if tag == _P:
            _paragraph(child, lines)
        elif tag == _TBL:
            _table(child, lines)
        elif not isinstance(tag, str) or tag in _SKIP:
            continue
        else:
            # w:sdt/w:sdtContent, w:customXml, mc:AlternateContent/mc:Choice, w:ins ...
            lines.extend(_blocks(child))
    return lines


def _paragraph(paragraph, lines: list[str]) -> None:
    pieces: list[str] = []
    boxes: list = []
    _inline(paragraph, pieces, boxes)
    lines.append("".join(pieces))
    for box in boxes:
        lines.extend(_blocks(box))


def _inline(element, pieces: list[str], boxes: list) -> None:
    for child in element:
        tag = child.tag
        if tag == _T:
            if child.text:
                pieces.append(child.text)
        elif tag in (_TAB, _PTAB):
            pieces.append("\t")
        elif tag in (_BR, _CR):
            pieces.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            pieces.append("-")
        elif tag == _TXBX:
            boxes.append(child)
        elif not isinstance(tag, str) or tag in _SKIP:
            continue
        else:
            _inline(child, pieces, boxes)


def _table(table, lines: list[str]) -> None:
    for row in _children(table, _TR):
        cells = []
        for cell in _children(row, _TC):
            cells.append("\n".join(_blocks(cell)).strip("\n"))
        if any(cells):
            lines.append("\t".join(cells))


def _children(element, tag: str) -> Iterable:
    """Direct children with `tag`, looking through content controls and custom XML that wrap
    rows or cells."""
    for child in element:
        if child.tag == tag:
            yield child
        elif isinstance(child.tag, str) and child.tag not in _SKIP and child.tag not in (_P, _TBL):
            yield from _children(child, tag)

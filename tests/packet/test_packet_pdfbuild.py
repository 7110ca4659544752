"""records.pdf assembly on a real chart PDF: original pages copied pixel for pixel, a page
shared with another client's note rendered (or copied only when asked), pages counted once."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from packet_fixtures import (
    JANE,
    JANE_0205_MARK,
    JANE_0212_MARK,
    JANE_0212_TAIL_MARK,
    PSYCH_PDF_MARK,
    ROBERT,
    ROBERT_MARK,
    chart_pages,
    flat,
    page_pixels,
    pdf_page_texts,
    pdf_pages,
)

from auditready.models import ExtractedField, InputRecord, Locator, Note
from auditready.packet.clientmatch import ClientIdentity
from auditready.packet.layout import (
    ORIGINAL,
    OTHER_CLIENT,
    RENDERING,
    WITHHELD_PSYCHOTHERAPY,
    note_pages,
    plan_layout,
    text_on_page,
)
from auditready.packet.pdfbuild import build_records_pdf
from auditready.packet.selection import PacketItem
from auditready.packet.sources import SourceReader, sha256_bytes

CHART = "chart.pdf"


def _note(note_id: str, pages: list[list[str]], first_page: int, dos: date) -> Note:
    """A note spanning consecutive chart pages, with page_starts as the splitter makes them."""
    text, starts = "", []
    for number, lines in enumerate(pages, start=first_page):
        if number > first_page:
            starts.append((len(text), number))
        text += "\n".join(lines) + "\n"
    return Note(id=note_id, source=Locator(CHART, page=first_page), text=text, format="pdf",
                page_starts=starts, fields={"date_of_service": ExtractedField(dos)})


@pytest.fixture
def chart(tmp_path):
    pages = chart_pages()
    data = pdf_pages(pages)
    (tmp_path / CHART).write_bytes(data)
    jane_0212_p3 = pages[2][:3]
    robert_p3 = pages[2][4:]
    notes = {
        "a": _note(f"{CHART}#1", [pages[0]], 1, date(2024, 2, 5)),
        "b": _note(f"{CHART}#2", [pages[1], jane_0212_p3], 2, date(2024, 2, 12)),
        "r": _note(f"{CHART}#3", [robert_p3, pages[3]], 3, date(2024, 2, 12)),
        "c": _note(f"{CHART}#4", [pages[4]], 5, date(2024, 3, 4)),
        "p": _note(f"{CHART}#5", [pages[5]], 6, date(2024, 2, 12)),
    }
    reader = SourceReader(tmp_path, [InputRecord(CHART, "pdf", "parsed", sha256=sha256_bytes(data))])
    return data, notes, reader


def _build(chart, keys, include_shared=False):
    data, notes, reader = chart
    items = [PacketItem(notes[k], "progress", notes[k].value("date_of_service"), "test") for k in keys]
    layouts = plan_layout(items, list(notes.values()), {notes[k].id for k in "abcp"},
                          {notes["p"].id}, include_shared)
    sources = {CHART: reader.read(CHART)}
    identity = ClientIdentity(JANE["name"], JANE["id"], "1980-04-12")
    built = build_records_pdf(layouts, sources, identity, date(2024, 2, 1), date(2024, 2, 29),
                              "2024-03-10", "test")
    return layouts, built


def test_note_pages_and_text_per_page(chart):
    _, notes, _ = chart
    assert note_pages(notes["b"]) == [2, 3]
    assert note_pages(notes["a"]) == [1]
    assert JANE_0212_TAIL_MARK in flat(text_on_page(notes["b"], 3))
    assert JANE_0212_MARK not in flat(text_on_page(notes["b"], 3))
    assert JANE_0212_MARK in flat(text_on_page(notes["b"], 2))


def test_original_pages_are_copied_unchanged(chart):
    data, _, _ = chart
    layouts, built = _build(chart, "ab")
    # index, chart p1 (note a), chart p2 (note b), rendering of note b's part of chart p3
    assert built.page_count == built.index_pages + 3
    assert [segment.kind for segment in layouts[1].segments] == [ORIGINAL, RENDERING]
    for packet_index, source_index in ((built.index_pages, 0), (built.index_pages + 1, 1)):
        assert np.array_equal(page_pixels(built.data, packet_index), page_pixels(data, source_index))
    texts = [flat(t) for t in pdf_page_texts(built.data)]
    assert JANE_0205_MARK in texts[built.index_pages]
    assert JANE_0212_MARK in texts[built.index_pages + 1]


def test_shared_page_is_rendered_without_the_other_clients_text(chart):
    layouts, built = _build(chart, "ab")
    shared = layouts[1].shared
    assert [(s.page, s.holds, s.copied) for s in shared] == [(3, [OTHER_CLIENT], False)]
    texts = [flat(t) for t in pdf_page_texts(built.data)]
    rendering = texts[-1]
    assert JANE_0212_TAIL_MARK in rendering
    assert "Text rendering of chart.pdf, page 3" in rendering
    assert "Jane Smith" in rendering and "1980-04-12" in rendering and "2024-02-12" in rendering
    assert not any(ROBERT_MARK in text or ROBERT["name"] in text for text in texts)
    assert built.entries[1].packet_pages == [built.index_pages + 2, built.index_pages + 3]


def test_shared_page_copied_only_when_asked(chart):
    data, _, _ = chart
    layouts, built = _build(chart, "ab", include_shared=True)
    assert layouts[1].shared[0].copied is True
    assert built.page_count == built.index_pages + 3
    assert np.array_equal(page_pixels(built.data, built.index_pages + 2), page_pixels(data, 2))
    assert ROBERT["name"] in flat(pdf_page_texts(built.data)[built.index_pages + 2])


def test_page_with_withheld_psychotherapy_note_is_never_copied(chart, tmp_path):
    data, notes, reader = chart
    # Put Jane's 03/04 note and the psychotherapy note on one page: the note is sent, the
    # psychotherapy note is not, and --include-shared-pages must not copy that page.
    notes["c"].page_starts = []
    notes["p"].source = Locator(CHART, page=5)
    layouts, built = _build(chart, "c", include_shared=True)
    assert [(s.page, s.holds, s.copied) for s in layouts[0].shared] == [(5, [WITHHELD_PSYCHOTHERAPY], False)]
    assert [segment.kind for segment in layouts[0].segments] == [RENDERING]
    assert not any(PSYCH_PDF_MARK in flat(text) for text in pdf_page_texts(built.data))


def test_page_ending_one_packet_note_and_starting_the_next_is_imported_once(chart):
    data, notes, reader = chart
    # Robert's note as if it were Jane's (same client): then page 3 holds only packet notes.
    layouts, built = _build(chart, "abr")
    assert all(not layout.shared for layout in layouts)
    assert built.page_count == built.index_pages + 4  # chart pages 1-4, page 3 once
    assert built.entries[1].packet_pages[-1] == built.entries[2].packet_pages[0]
    for offset in range(4):
        assert np.array_equal(page_pixels(built.data, built.index_pages + offset), page_pixels(data, offset))


def test_index_lists_every_document_with_source_and_packet_pages(chart):
    layouts, built = _build(chart, "ab")
    index = flat(" ".join(pdf_page_texts(built.data)[: built.index_pages]))
    assert "Records packet" in index
    assert "Jane Smith" in index and "1980-04-12" in index and "10442" in index
    assert "2024-02-01 to 2024-02-29" in index
    assert "2024-02-05" in index and "2024-02-12" in index
    assert index.count("chart.pdf") == 2

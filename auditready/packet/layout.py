"""How each packet document is reproduced: original PDF pages, or a rendering of its text.

PDF sources contribute their original pages, copied unchanged. A chart PDF often holds several
notes, and a page can hold the end of one note and the start of the next. When a page also
holds a record that is not being sent, copying it would disclose that record (another client's
PHI, or a psychotherapy note the client has not authorized), and blanking part of it would alter
the original. So by default such a page is not copied: the selected note's own text from that
page is rendered instead, labelled as a rendering of that page, and the review lists the page.
`include_shared_pages` copies the original page anyway and flags it for redaction before
sending; a page holding any psychotherapy note that is not being released is never copied.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from auditready.models import Note
from auditready.packet.selection import PacketItem

ORIGINAL, RENDERING = "original_pages", "text_rendering"

OTHER_CLIENT = "another client's record"
WITHHELD_PSYCHOTHERAPY = "a psychotherapy note that is withheld"
OTHER_OWN_RECORD = "another record of this client that is not part of the request"


@dataclass(slots=True)
class Segment:
    """A run of packet pages for one item: original pages of a PDF, or a text rendering."""

    kind: str  # original_pages | text_rendering
    source_path: str
    pages: list[int] = field(default_factory=list)  # source pages copied, or rendered from
    text: str = ""  # rendering only
    locator: str = ""  # "page 3", "row 12", "document body"


@dataclass(slots=True)
class SharedPage:
    source_path: str
    page: int
    note_id: str  # the packet note on this page
    holds: list[str]  # what else is on the page (OTHER_CLIENT, ...)
    copied: bool  # original page copied (flagged for redaction) or text rendered instead


@dataclass(slots=True)
class ItemLayout:
    item: PacketItem
    segments: list[Segment]
    shared: list[SharedPage] = field(default_factory=list)

    @property
    def source_pages(self) -> list[int]:
        return sorted({page for segment in self.segments for page in segment.pages})

    @property
    def method(self) -> str:
        kinds = {segment.kind for segment in self.segments}
        return kinds.pop() if len(kinds) == 1 else "mixed"


def note_pages(note: Note) -> list[int]:
    """Every page a note spans (1-based), from its first page to the last page it reaches."""
    pages = {page for _, page in note.page_starts if page is not None}
    if note.source.page is not None:
        pages.add(note.source.page)
    if not pages:
        return []
    return list(range(min(pages), max(pages) + 1))


def text_on_page(note: Note, page: int) -> str:
    """The part of a note's text that lies on `page` (page_starts maps offsets to pages)."""
    bounds: list[tuple[int, int]] = []
    if note.source.page is not None and not any(offset == 0 for offset, _ in note.page_starts):
        bounds.append((0, note.source.page))
    bounds.extend(sorted(note.page_starts))
    pieces = []
    for index, (offset, number) in enumerate(bounds):
        stop = bounds[index + 1][0] if index + 1 < len(bounds) else len(note.text)
        if number == page:
            pieces.append(note.text[offset:stop])
    return "".join(pieces).strip("\n")


def _locator(note: Note) -> str:
    if note.source.row is not None:
        return f"row {note.source.row}"
    if note.source.page is not None:
        return f"page {note.source.page}"
    return "document body"


def plan_layout(
    items: list[PacketItem],
    all_notes: list[Note],
    client_note_ids: set[str],
    psychotherapy_ids: set[str],
    include_shared_pages: bool = False,
) -> list[ItemLayout]:
    """Segments for every item. `all_notes` are every note of every scanned document (to see
    who else is on a page); `client_note_ids` the notes of the packet's client;
    `psychotherapy_ids` every note classified as a psychotherapy note."""
    sending = {item.note.id for item in items}
    on_page: dict[tuple[str, int], list[Note]] = defaultdict(list)
    for note in all_notes:
        if note.format == "pdf":
            for page in note_pages(note):
                on_page[(note.source.path, page)].append(note)

    layouts = []
    for item in items:
        note = item.note
        pages = note_pages(note) if note.format == "pdf" else []
        if not pages:
            layouts.append(ItemLayout(item, [Segment(RENDERING, note.source.path,
                                                     [note.source.page] if note.source.page else [],
                                                     note.text, _locator(note))]))
            continue
        segments: list[Segment] = []
        shared: list[SharedPage] = []
        for page in pages:
            others = [n for n in on_page[(note.source.path, page)] if n.id not in sending]
            holds = sorted({
                WITHHELD_PSYCHOTHERAPY if n.id in psychotherapy_ids
                else OTHER_OWN_RECORD if n.id in client_note_ids
                else OTHER_CLIENT
                for n in others
            })
            holds_psychotherapy = any(n.id in psychotherapy_ids for n in others)
            copy = not holds or (include_shared_pages and not holds_psychotherapy)
            if holds:
                shared.append(SharedPage(note.source.path, page, note.id, holds, copied=copy))
            if copy:
                if segments and segments[-1].kind == ORIGINAL:
                    segments[-1].pages.append(page)
                else:
                    segments.append(Segment(ORIGINAL, note.source.path, [page], locator=f"page {page}"))
            else:
                segments.append(Segment(RENDERING, note.source.path, [page],
                                        text_on_page(note, page), f"page {page}"))
        for segment in segments:
            if segment.kind == ORIGINAL:
                first, last = segment.pages[0], segment.pages[-1]
                segment.locator = f"page {first}" if first == last else f"pages {first}-{last}"
        layouts.append(ItemLayout(item, segments, shared))
    return layouts

"""Split a Document into Notes.

A spreadsheet row is one note; its structured columns become fields (origin
"column:<field>", no span) and the note column's text fills whatever the columns lack.

A PDF chart, a DOCX or a text file may hold many notes one after another. Its pages are joined
with "\\n\\n" and cut where a new note begins: a note title line ("Progress Note", "Intake
Assessment", from scoring_models/ingest/note_titles.yaml) or a new "Date of Service:" line
after the previous note's body. Chart PDFs repeat a header and footer on every page (practice
name, client name and date of birth, "Page 3 of 12"); the unbroken run of lines repeated at the
top or bottom of most pages is page furniture: it never starts a note, page numbers are dropped,
a running line is kept once per note, and a note that starts part-way down a page gets that
page's header (who the client is) at its top; in a text export without pages, the client lines
above the first note head every note that names no client of its own. Each note keeps the pages it spans
(`page_starts`), so evidence points at a page.

Where a new note begins is decided conservatively: a title splits only when the note before has
a body and a new header (a date, a client or date-of-service label) follows the title, or when
the note before is signed; a repeated date-of-service line with the same date is a repeated
header, not a new note.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from auditready.ingest import timeparse
from auditready.ingest.fieldpatterns import FieldPatterns, field_patterns, normalize_phrase
from auditready.ingest.fields import extract_fields, is_signature_line, line_label, title_line
from auditready.models import Document, DocumentPart, ExtractedField, Locator, Note

_PAGE_NUMBER_RE = re.compile(
    r"\s*(?:(?:page|pg\.?)\s*\d{1,5}(?:\s*(?:of|/)\s*\d{1,5})?|\d{1,5}\s*(?:of|/)\s*\d{1,5}|-\s*\d{1,5}\s*-|\d{1,5})\s*",
    re.IGNORECASE,
)
_HAS_PAGE_WORD_RE = re.compile(r"\b(?:page|pg)\.?\s*\d", re.IGNORECASE)
_DIGITS_RE = re.compile(r"\d+")
_CELL_MODIFIER_RE = re.compile(r"(?:\.0+)?(?:\s*[-:]\s*(?P<hy>[A-Z0-9]{2})|\s+(?P<sp>[A-Z0-9]{2}))(?![A-Za-z0-9])")
_EDGE_LINES = 4  # running headers and footers sit in the first and last lines of a page
_PAGE_NUMBER_EDGE = 3
_MAX_BACKUP_LINES = 8
_HEADER_LOOKAHEAD = 6  # lines after a title that may hold the new note's header
_MIN_BODY_LINES = 2  # body lines a note needs before a new title or DOS line can end it
_COMPLETE_BODY_LINES = 2  # body lines before a signature for the note to count as finished
# Header fields whose labels, right above a new note's title or DOS line, belong to that note.
_IDENTITY_FIELDS = frozenset({"client", "client_id", "dob"})
_HEADER_FIELDS = frozenset(
    {"client", "client_id", "dob", "date_of_service", "clinician", "session_time", "start", "cpt", "declared_type", "note_id"}
)


def split_document(doc: Document) -> list[Note]:
    """The notes in `doc`, numbered `"{doc.path}#{n}"` from 1."""
    if doc.tabular:
        return [_row_note(doc, n, part) for n, part in enumerate(doc.parts, start=1)]
    return _TextSplitter(doc, field_patterns()).notes()


# ---- tabular rows -----------------------------------------------------------------------


def _row_note(doc: Document, n: int, part: DocumentPart) -> Note:
    text = _normalize_newlines(part.columns.get("text", part.text) or "")
    fields = extract_fields(text)
    from_columns = fields_from_columns(part.columns)
    fields.update(from_columns)
    _derive_after_merge(fields, from_columns)
    return Note(
        id=f"{doc.path}#{n}",
        source=Locator(doc.path, row=part.row),
        text=text,
        fields=fields,
        page_starts=[],
        format=doc.format,
    )


def fields_from_columns(columns: dict[str, str]) -> dict[str, ExtractedField]:
    """Typed fields from a row's canonical columns (see scoring_models/columns.yaml); a cell
    that cannot be read as its type is left out, so the note text can still supply it."""
    p = field_patterns()
    found: dict[str, ExtractedField] = {}

    def put(name: str, value: object, column: str) -> None:
        if value is not None and value != [] and value != "":
            found[name] = ExtractedField(value, None, f"column:{column}")

    for column, raw in columns.items():
        cell = _cell(raw)
        if not cell or column == "text":
            continue
        parser = _COLUMN_PARSERS.get(column)
        if parser is None:
            continue
        for name, value in parser(cell, p):
            put(name, value, column)
    return found


def _cell(raw: object) -> str:
    text = "" if raw is None else str(raw).strip()
    return "" if text.lower() in ("nan", "none", "null", "n/a", "na", "-") else text


def _col_date(name: str) -> Callable[[str, FieldPatterns], list[tuple[str, object]]]:
    def parse(cell: str, p: FieldPatterns) -> list[tuple[str, object]]:
        found = timeparse.first_date(cell)
        if found is None:
            return []
        results: list[tuple[str, object]] = [(name, found.value)]
        if name == "signed_date":
            times = timeparse.find_times(cell)
            if times:
                minutes = timeparse.clock_value(times[0])
                if minutes != 0:  # midnight is what a spreadsheet shows for a date without a time
                    results.append(("signed_time", timeparse.hhmm(minutes)))
            results.append(("signature_status", "signed"))
        return results

    return parse


def _col_time(name: str) -> Callable[[str, FieldPatterns], list[tuple[str, object]]]:
    def parse(cell: str, p: FieldPatterns) -> list[tuple[str, object]]:
        # Spreadsheet times arrive as "14:00", "2:00 PM", "14:00:00" or "1900-01-01 14:00:00".
        times = timeparse.find_times(cell)
        return [(name, timeparse.hhmm(timeparse.clock_value(times[-1])))] if times else []

    return parse


def _col_minutes(cell: str, p: FieldPatterns) -> list[tuple[str, object]]:
    found = timeparse.parse_minutes(cell, bare_number=True)
    return [] if found is None else [("minutes", found.value)]


def _col_cpt(cell: str, p: FieldPatterns) -> list[tuple[str, object]]:
    codes = re.findall(r"(?<![\w.])(\d{4}[0-9FTU]|[A-V]\d{4})(?:\.0+)?(?![\w/])", cell)
    if not codes:
        return []
    primary = next((c for c in codes if c not in p.add_on_codes), codes[0])
    # "90834-95", "90834 GT": any modifier after a hyphen, a listed one after a space.
    mods: list[str] = []
    pos = cell.index(codes[0]) + len(codes[0])
    while (m := _CELL_MODIFIER_RE.match(cell, pos)) and (m.group("hy") or m.group("sp") in p.modifiers):
        mods.append(m.group("hy") or m.group("sp"))
        pos = m.end()
    result: list[tuple[str, object]] = [("cpt", primary), ("cpt_codes", list(dict.fromkeys(codes)))]
    if mods:
        result.append(("modifiers", list(dict.fromkeys(mods))))
    return result


def _col_modifiers(cell: str, p: FieldPatterns) -> list[tuple[str, object]]:
    mods = re.findall(r"(?<![A-Za-z0-9])([A-Za-z0-9]{2})(?![A-Za-z0-9])", cell)
    return [("modifiers", list(dict.fromkeys(m.upper() for m in mods)))] if mods else []


def _col_diagnoses(cell: str, p: FieldPatterns) -> list[tuple[str, object]]:
    codes = []
    for code in re.findall(r"(?<![A-Za-z0-9.])([A-TV-Za-tv-z]\d{2}(?:\.[0-9A-Za-z]{1,4}|[0-9A-Za-z]{1,4})?)(?![A-Za-z0-9])", cell):
        code = code.upper()
        if "." not in code and len(code) > 3:
            code = f"{code[:3]}.{code[3:]}"
        if code not in codes:
            codes.append(code)
    return [("diagnoses", codes)] if codes else []


def _col_declared_type(cell: str, p: FieldPatterns) -> list[tuple[str, object]]:
    m = p.title_re.search(cell)
    return [("declared_type", p.title_type(m.group(0)))] if m else []


def _col_place(cell: str, p: FieldPatterns) -> list[tuple[str, object]]:
    m = re.match(r"\s*(?:POS\s*[:#-]?\s*)?(\d{1,2})(?:\.0+)?(?!\d)", cell, re.IGNORECASE)
    if m and m.group(1).zfill(2) in p.places:
        return [("place_of_service", m.group(1).zfill(2))]
    word = p.place_words.get(normalize_phrase(cell))
    return [("place_of_service", word or cell[:80])]


def _person(name_field: str, cred_field: str) -> Callable[[str, FieldPatterns], list[tuple[str, object]]]:
    def parse(cell: str, p: FieldPatterns) -> list[tuple[str, object]]:
        if name_field == "signer":
            status = p.status_words.get(normalize_phrase(cell))
            if status is not None:
                return [("signature_status", status)]
            if p.placeholder_re.fullmatch(cell):
                return [("signature_status", "unsigned")]
        creds: list[str] = []
        name_parts: list[str] = []
        for piece in re.split(r"\s*,\s*", cell):
            words = piece.split()
            piece_creds = [p.credential(w.strip("()")) for w in words]
            if words and all(piece_creds):
                creds += [c.credential for c in piece_creds if c and c.credential not in creds]
            else:
                # Credentials written after the name without a comma ("Jane Doe LCSW").
                while words and p.credential(words[-1].strip("()")) is not None:
                    cred = p.credential(words.pop().strip("()"))
                    if cred is not None and cred.credential not in creds:
                        creds.insert(0, cred.credential)
                if words:
                    name_parts.append(" ".join(words))
        results: list[tuple[str, object]] = []
        if name_parts:
            results.append((name_field, ", ".join(name_parts)))
        if creds and cred_field:
            results.append((cred_field, ", ".join(creds)))
        if name_field == "signer" and name_parts:
            results.append(("signature_status", "signed"))
        return results

    return parse


def _col_credentials(cell: str, p: FieldPatterns) -> list[tuple[str, object]]:
    creds = []
    for word in re.findall(r"[A-Za-z][A-Za-z.\-]*", cell):
        cred = p.credential(word)
        if cred is not None and cred.credential not in creds:
            creds.append(cred.credential)
    return [("credentials", ", ".join(creds) if creds else cell[:40])]


def _col_text(name: str) -> Callable[[str, FieldPatterns], list[tuple[str, object]]]:
    def parse(cell: str, p: FieldPatterns) -> list[tuple[str, object]]:
        return [(name, re.sub(r"\.0+$", "", cell))]

    return parse


_COLUMN_PARSERS: dict[str, Callable[[str, FieldPatterns], list[tuple[str, object]]]] = {
    "date_of_service": _col_date("date_of_service"),
    "dob": _col_date("dob"),
    "signed_date": _col_date("signed_date"),
    "start": _col_time("start"),
    "end": _col_time("end"),
    "minutes": _col_minutes,
    "cpt": _col_cpt,
    "modifiers": _col_modifiers,
    "diagnosis": _col_diagnoses,
    "note_type": _col_declared_type,
    "place_of_service": _col_place,
    "client": _person("client", ""),
    "clinician": _person("clinician", "credentials"),
    "signer": _person("signer", "signer_credentials"),
    "credentials": _col_credentials,
    "client_id": _col_text("client_id"),
    "note_id": _col_text("note_id"),
}


def _derive_after_merge(fields: dict[str, ExtractedField], from_columns: dict[str, ExtractedField]) -> None:
    """Values that depend on several columns: minutes from start and end, telehealth from the
    place of service or a modifier. Column values are structured, so they decide."""
    p = field_patterns()
    start, end = fields.get("start"), fields.get("end")
    if start is not None and end is not None and ("start" in from_columns or "end" in from_columns):
        a = int(start.value[:2]) * 60 + int(start.value[3:])
        b = int(end.value[:2]) * 60 + int(end.value[3:])
        if b > a:
            origin = from_columns.get("end", from_columns.get("start"))
            assert origin is not None
            fields["clock_minutes"] = ExtractedField(b - a, None, origin.origin)
            if "minutes" not in fields:
                fields["minutes"] = ExtractedField(b - a, None, origin.origin)
    pos = from_columns.get("place_of_service")
    pos_decides = False
    if pos is not None:
        if pos.value in p.places:
            fields["telehealth"] = ExtractedField(p.places[pos.value].telehealth, None, pos.origin)
            pos_decides = True
        elif pos.value in ("telehealth", "telephone", "office"):
            fields["telehealth"] = ExtractedField(pos.value != "office", None, pos.origin)
            pos_decides = True
    mods = from_columns.get("modifiers")
    if mods is not None and not pos_decides:
        for mod in mods.value:
            entry = p.modifiers.get(mod)
            if entry is not None and entry.telehealth:
                fields["telehealth"] = ExtractedField(True, None, mods.origin)
                if entry.modality:
                    fields["telehealth_modality"] = ExtractedField(entry.modality, None, mods.origin)
                break
    if "signer" in from_columns and "clinician" not in fields:
        fields["clinician"] = from_columns["signer"]


# ---- running text -----------------------------------------------------------------------


def _is_page_number(text: str) -> bool:
    return len(text) <= 30 and _PAGE_NUMBER_RE.fullmatch(text) is not None


def _has_page_word(text: str) -> bool:
    low = text.lower()
    return ("pag" in low or "pg" in low) and _HAS_PAGE_WORD_RE.search(text) is not None


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")


@dataclass(slots=True)
class _Line:
    text: str
    page: int | None
    kind: str = "body"  # body | blank | title | dos | running | page_number | signature | header
    key: str = ""  # running-line identity
    dos: date | None = None
    field: str | None = None  # the label field of a header line


class _TextSplitter:
    def __init__(self, doc: Document, patterns: FieldPatterns):
        self.doc = doc
        self.p = patterns
        self.lines: list[_Line] = []
        self.page_count = 0
        pages: list[list[int]] = []
        for part in doc.parts:
            text = _normalize_newlines(part.text or "")
            indices = []
            for raw in text.split("\n"):
                indices.append(len(self.lines))
                self.lines.append(_Line(raw.rstrip(), part.page))
            pages.append(indices)
        self.pages = pages
        self.page_count = sum(1 for part in doc.parts if part.page is not None)
        self.page_headers: dict[int, list[int]] = {}  # page -> its running header lines

    def notes(self) -> list[Note]:
        if not any(line.text.strip() for line in self.lines):
            return []
        self._mark_page_furniture()
        self._classify_lines()
        segments = self._segments()
        preamble = self._preamble_identity(segments[0]) if self.page_count == 0 and len(segments) > 1 else []
        notes: list[Note] = []
        for k, (start, end) in enumerate(segments):
            own_identity = any(
                line.kind == "header" and line.field in _IDENTITY_FIELDS for line in self.lines[start:end]
            )
            note = self._build_note(start, end, len(notes) + 1, [] if k == 0 or own_identity else preamble)
            if note is not None:
                notes.append(note)
        return notes

    def _preamble_identity(self, first: tuple[int, int]) -> list[_Line]:
        """The client lines above a text export's first note ("Client: Jane Doe  DOB: ...")
        name the client of every note in the file."""
        lines = []
        for line in self.lines[first[0] : first[1]]:
            if line.kind in ("title", "dos"):
                break
            if line.kind == "header" and line.field in _IDENTITY_FIELDS:
                lines.append(line)
        return lines

    # -- page headers, footers and numbers --

    def _mark_page_furniture(self) -> None:
        for line in self.lines:
            if not line.text.strip():
                line.kind = "blank"
        for indices in self.pages:
            content = [i for i in indices if self.lines[i].kind != "blank"]
            edges = content[:_PAGE_NUMBER_EDGE] + content[-_PAGE_NUMBER_EDGE:]
            for i in edges:
                if _is_page_number(self.lines[i].text):
                    self.lines[i].kind = "page_number"
        for line in self.lines:
            if line.kind == "body" and _is_page_number(line.text) and _has_page_word(line.text):
                line.kind = "page_number"
        if self.page_count < 2:
            return
        # A line in the top or bottom lines of most pages is a running header or footer.
        seen_on: dict[str, int] = {}
        for indices in self.pages:
            content = [i for i in indices if self.lines[i].kind == "body" and self._may_run(self.lines[i].text)]
            keys = {self._running_key(self.lines[i].text) for i in content[:_EDGE_LINES] + content[-_EDGE_LINES:]}
            for key in keys:
                seen_on[key] = seen_on.get(key, 0) + 1
        # More than half the pages: a per-note header repeated on a two-page note of a longer
        # chart is not a running line (it still does not split its own note: see _should_split).
        running = {key for key, count in seen_on.items() if count >= 2 and count > self.page_count / 2}
        if not running:
            return
        # Only the unbroken run of repeated lines at a page's top or bottom is page furniture: a
        # body line that repeats because notes are cloned ("Plan: continue weekly.") sits
        # behind a line that differs (a signature, a date) and stays body text.
        for indices in self.pages:
            content = [i for i in indices if self.lines[i].kind == "body"]
            for top, edge in ((True, content[:_EDGE_LINES]), (False, content[::-1][:_EDGE_LINES])):
                for i in edge:
                    key = self._running_key(self.lines[i].text)
                    if key not in running or not self._may_run(self.lines[i].text):
                        break
                    self.lines[i].kind = "running"
                    self.lines[i].key = key
                    if top and self.lines[i].page is not None:
                        self.page_headers.setdefault(self.lines[i].page, []).append(i)

    @staticmethod
    def _may_run(text: str) -> bool:
        """Page furniture is short and is not a sentence ("Plan: continue weekly." repeated on
        every page is a cloned note, not a header)."""
        stripped = text.strip()
        return len(stripped) <= 120 and not (stripped[-1:] in ".!?" and not _has_page_word(stripped))

    @staticmethod
    def _running_key(text: str) -> str:
        key = " ".join(text.lower().split())
        # "Page 3 of 12" varies by page; the rest of a running line is identical on each.
        return _DIGITS_RE.sub("#", key) if _has_page_word(key) else key

    # -- what each line is --

    def _classify_lines(self) -> None:
        p = self.p
        for line in self.lines:
            if line.kind != "body" and line.kind != "running":
                continue
            text = line.text
            title = title_line(text, 0, len(text), p)
            if title is not None:
                line.kind = "title" if line.kind == "body" else "running_title"
                continue
            if line.kind == "running":
                continue
            label = line_label(text, 0, len(text), p)
            if label is not None:
                line.field, strong = label
                if line.field == "date_of_service" and strong:
                    found = timeparse.first_date(text)
                    if found is not None:
                        line.kind = "dos"
                        line.dos = found.value  # type: ignore[assignment]
                        continue
                if line.field in _HEADER_FIELDS:
                    line.kind = "header"
                    continue
            if is_signature_line(text, 0, len(text), p):
                line.kind = "signature"

    # -- where notes begin --

    def _segments(self) -> list[tuple[int, int]]:
        starts = [0]
        state = _Segment()
        for i, line in enumerate(self.lines):
            if line.kind in ("title", "dos", "running_title") and self._should_split(state, i):
                start = self._backup(i, starts[-1])
                starts.append(start)
                state = _Segment()
                for j in range(start, i):
                    state.see(self.lines[j])
            state.see(line)
        bounds = starts + [len(self.lines)]
        return [(bounds[k], bounds[k + 1]) for k in range(len(starts))]

    def _should_split(self, seg: _Segment, i: int) -> bool:
        line = self.lines[i]
        if not seg.has_content:
            return False
        if line.kind == "running_title":
            # A title printed atop every page starts a note only after a signed one; in a
            # footer ("Progress Notes - Confidential") it never does.
            return seg.complete and i in self.page_headers.get(line.page, [])  # type: ignore[arg-type]
        if seg.complete:
            return True  # the note before is signed: whatever title or date follows is new
        if line.kind == "dos":
            return seg.has_dos and line.dos not in seg.dos_values and seg.body_since_header >= _MIN_BODY_LINES
        # A title: the previous note must have begun and have a body, and a new header must
        # follow (so a "Treatment Plan" heading inside a note does not split it).
        if not (seg.has_title or seg.has_dos) or seg.body_since_header < _MIN_BODY_LINES:
            return False
        if " ".join(line.text.lower().split()) in seg.titles:
            return False
        return self._header_follows(i)

    def _header_follows(self, i: int) -> bool:
        """Whether the title at line i opens a new note: a date on its line, or header fields
        (date, client, clinician...) right after it. A section heading is followed by prose."""
        if timeparse.first_date(self.lines[i].text) is not None:
            return True
        titles = 0
        for nxt in self.lines[i + 1 : i + 1 + _HEADER_LOOKAHEAD]:
            if nxt.kind in ("blank", "page_number", "running", "running_title"):
                continue
            if nxt.kind == "title" and titles < 2:
                titles += 1  # "Progress Note" over "SOAP Note"
                continue
            if nxt.kind in ("dos", "header"):
                return True
            return nxt.kind == "body" and len(nxt.text) <= 60 and timeparse.first_date(nxt.text) is not None
        return False

    def _backup(self, i: int, floor: int) -> int:
        """Move a note's start up over lines that belong to its header: the client's name and
        date of birth, a title, a repeated page header, blank lines."""
        j = i
        page = self.lines[i].page
        while j - 1 > floor and i - (j - 1) <= _MAX_BACKUP_LINES:
            prev = self.lines[j - 1]
            if prev.page != page:
                break  # the previous page's footer stays with the note it closes
            if prev.kind in ("blank", "page_number", "running", "running_title", "title"):
                j -= 1
            elif prev.kind == "header" and prev.field in _IDENTITY_FIELDS:
                j -= 1
            else:
                break
        while j < i and self.lines[j].kind in ("blank", "page_number"):
            j += 1
        return j

    # -- one note's text --

    def _build_note(self, start: int, end: int, n: int, preamble: list[_Line]) -> Note | None:
        pieces: list[str] = []
        page_starts: list[tuple[int, int]] = []
        seen_running: set[str] = set()
        offset = 0
        current_page: int | None = None
        first_page: int | None = None
        first = next((line for line in self.lines[start:end] if line.kind not in ("blank", "page_number")), None)
        # A note that starts part-way down a page gets that page's running header (the client's
        # name and date of birth) at its top, as a reader of the page would see it.
        inherited = [
            self.lines[i]
            for i in (self.page_headers.get(first.page, []) if first is not None and first.page is not None else [])
            if i < start and self.lines[i].kind == "running"
        ] + preamble
        for line in inherited + self.lines[start:end]:
            if line.kind == "page_number":
                continue
            if line.kind in ("running", "running_title"):
                key = line.key or " ".join(line.text.lower().split())
                if key in seen_running or "#" in key:
                    continue  # kept once per note; a footer with the page number not at all
                seen_running.add(key)
            if not pieces and line.kind == "blank":
                continue
            if line.page is not None and line.page != current_page:
                if pieces:
                    pieces.append("")  # pages are joined by a blank line ("\n\n")
                    offset += 1
                current_page = line.page
                if first_page is None:
                    first_page = line.page
                page_starts.append((offset, line.page))
            pieces.append(line.text)
            offset += len(line.text) + 1
        while pieces and not pieces[-1].strip():
            pieces.pop()
        text = "\n".join(pieces)
        if not text.strip():
            return None
        page_starts = [(o, page) for o, page in page_starts if o < len(text)]
        return Note(
            id=f"{self.doc.path}#{n}",
            source=Locator(self.doc.path, page=first_page),
            text=text,
            fields=extract_fields(text),
            page_starts=page_starts,
            format=self.doc.format,
        )


@dataclass(slots=True)
class _Segment:
    """What the note being read so far holds, to decide whether a title or date starts a new one."""

    has_content: bool = False
    has_title: bool = False
    has_dos: bool = False
    body_since_header: int = 0
    body_before_signature: int = 0
    complete: bool = False
    dos_values: set[date | None] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)

    def see(self, line: _Line) -> None:
        kind = line.kind
        if kind in ("blank", "page_number", "running", "running_title"):
            return
        self.has_content = True
        if kind == "title":
            self.has_title = True
            self.titles.add(" ".join(line.text.lower().split()))
            self.body_since_header = 0
        elif kind == "dos":
            self.has_dos = True
            self.dos_values.add(line.dos)
            self.body_since_header = 0
        elif kind == "signature":
            # A signature after a body ends the note (a signature line in the header does not).
            if self.body_before_signature >= _COMPLETE_BODY_LINES:
                self.complete = True
        elif kind == "body":
            self.body_since_header += 1
            self.body_before_signature += 1

"""Fields of one note (client, dates, times, code, diagnoses, signature...) read from its text.

`extract_fields(text)` returns the field names listed in docs/internals.md, each with the span
of note text it came from, so a finding can quote its evidence. It reads in two passes:

1. labeled values: "Label: value" at the start of a line, several per line ("Client: Jane Doe
   DOB: 01/02/1980"), or a strong label anywhere ("... MRN: 123"). Labels are data
   (scoring_models/ingest/labels.yaml); a weak label such as "Date:" counts only at the start
   of a line, so a sentence about a future appointment cannot set the date of service;
2. what the text says without labels: "Electronically signed by Jane Doe, LCSW on ...", a note
   title line ("Progress Note — 03/04/2025"), a time range in the header, "a 53-minute
   session", a listed CPT code, ICD-10 codes, telehealth words.

Labeled values win over unlabeled ones. Every value is validated: real dates, clock times,
plausible minutes, CPT and ICD-10 shapes; a signature placeholder ("Signature: ______") is not a
signature. Extra fields beyond the contract: `clock_minutes` (end − start, kept apart from a
stated total so a check can compare them), `cpt_codes`, `telehealth_modality`, `supervisor`,
`supervisor_credentials`, `npi`, `signed_time`, `signature_status` (signed | draft | unsigned).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from auditready.ingest.fieldpatterns import (
    FieldPatterns,
    field_patterns,
    normalize_label,
    normalize_phrase,
    telehealth_kind,
)
from auditready.ingest.timeparse import (
    TimeRange,
    find_dates,
    find_time_ranges,
    find_times,
    first_date,
    hhmm,
    parse_minutes,
    resolve_pair,
)
from auditready.models import ExtractedField, Span

# "Label:" at the start of a line (after an optional bullet or list number).
_LINE_LABEL_RE = re.compile(
    r"[ \t]*(?:[-*•▪◦·>]+[ \t]*|\d{1,2}[.)][ \t]+)?"
    r"(?P<label>[A-Za-z][A-Za-z0-9 .#&'/()_\-]{0,48}?)[ \t]*(?P<sep>#[ \t]*:?|:)"
)
_WORD_RE = re.compile(r"\S+")
_LABEL_CHARS = ".'/()&-"  # besides letters and digits, inside a label word ("D.O.B.", "Co-signed")

# Signature sentences without a label: "Electronically signed by Jane Doe, LCSW on 03/06/2025".
# Matched on the lower-cased text just before each " by" (a full-text scan per note is too slow).
_SIGNED_BY_BEFORE_RE = re.compile(
    r"(?:(?:electronically|digitally)\s+|e-?)?(?P<verb>co-?\s?signed|counter-?signed|"
    r"signed(?:\s+(?:and|&)\s+locked)?|locked|authenticated|attested|reviewed\s+and\s+co-?signed|"
    r"reviewed(?:\s+and\s+approved)?|approved|rendered|supervised)\s+$"
)
_SIGNATURE_SENTENCE_RE = re.compile(  # on a lower-cased line
    r"\b(?:signed|locked|authenticated|attested)(?:\s+(?:and|&)\s+(?:locked|signed))?\s+(?:by|on|at)\b"
)
_AFTER_BY_RE = re.compile(r"[ \t]*:?[ \t]*")
_SIGNED_ON_RE = re.compile(r"(?:signed|locked)(?:\s+(?:and|&)\s+(?:locked|signed))?\s+(?:on|at)\b[ \t]*:?[ \t]*")
_BY_RE = re.compile(r"\bby\b[ \t]*:?[ \t]*", re.IGNORECASE)
_SUPERVISOR_VERBS = ("co", "counter", "reviewed", "approved", "supervised")

_NAME_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'’.\-]*|[,()&/]|\S+")
_SIGNATURE_PREFIX_RE = re.compile(r"[ \t]*(?:/s/|s/|\(s\)|x[ \t]+)[ \t]*", re.IGNORECASE)
_NAME_PARTICLES = frozenset({"de", "van", "von", "la", "del", "da", "di", "le", "der", "den", "du", "bin", "ibn", "al", "y"})
_NOT_NAMES = frozenset(
    {"n/a", "na", "none", "tbd", "pending", "unknown", "clinician", "provider", "therapist", "signature",
     "name", "client", "patient", "staff", "self", "yes", "no", "signed", "unsigned", "draft", "not",
     "electronically", "digitally", "see", "same", "supervisor", "session", "today", "week", "the"}
)  # fmt: skip
_MAX_NAME_WORDS = 5

_CPT_LABELED_RE = re.compile(r"(?<![\w.$])(?P<code>\d{4}[0-9FTU]|[A-V]\d{4})(?![\w/]|\.\d)")
_CPT_SUFFIX_MOD_RE = re.compile(r"(?:[ \t]*[-:][ \t]*(?P<hy>[A-Z0-9]{2})|[ \t]+(?P<sp>[A-Z0-9]{2}))(?![A-Za-z0-9])")
# "FL 90832", "Zip: 90832", "ID# 90832": not a CPT code.
_NOT_CODE_BEFORE_RE = re.compile(r"(?:\b[A-Z]{2}[ \t]*|(?i:zip|postal|phone|fax|tel|id|no\.?|number|#|suite|ste\.?|box)[ \t]*[:#]?[ \t]*)$")
_MODIFIER_TOKEN_RE = re.compile(r"(?<![A-Za-z0-9])[A-Z0-9]{2}(?![A-Za-z0-9])")
_POS_VALUE_RE = re.compile(r"[ \t]*(?:POS[ \t]*[:#-]?[ \t]*)?(?P<code>\d{1,2})(?![\d/:.])")
_POS_TEXT_RE = re.compile(r"\bPOS\b[ \t]*[:#-]?[ \t]*(?P<code>\d{1,2})(?![\d/:.])")
_ICD_LABELED_RE = re.compile(r"(?<![A-Za-z0-9.])(?P<code>[A-TV-Z]\d{2}(?:\.[0-9A-Z]{1,4}|[0-9A-Z]{1,4})?)(?![A-Za-z0-9]|\.\d)")
_NUMBER_RE = re.compile(r"(?P<digits>\d+)(?P<decimals>\.[0-9A-Z]+)?")
_ID_TOKEN_RE = re.compile(r"(?<![\w-])(?P<id>[A-Za-z0-9][A-Za-z0-9\-_]*\d[A-Za-z0-9\-_]*)")
_NPI_RE = re.compile(r"(?<!\d)(?P<npi>\d{10})(?!\d)")
_STATUS_LINE_RE = re.compile(r"[ \t*\[(<=-]*(?P<word>[A-Za-z][A-Za-z &/-]{2,30}?)[ \t*\])>=-]*")

# Narrative statements of session length (the labeled forms are in labels.yaml).
_MINUTES_TEXT_RES = tuple(  # matched on the lower-cased text
    re.compile(pattern)
    for pattern in (
        r"\b(?P<m>\d{1,3})[- ]?(?:minute|min)\.?\s+(?:(?:individual|family|group|psychotherapy|therapy|telehealth|video|counseling|in-person|follow-up)\s+)*(?:session|visit|appointment|psychotherapy|therapy)\b",
        r"\b(?:session|visit|appointment|psychotherapy|therapy)\s+(?:lasted|was|of|duration(?:\s+was)?|length(?:\s+was)?|time(?:\s+was)?)\s+(?:approximately\s+|about\s+)?(?P<m>\d{1,3})\s*(?:min|mins|minutes)\b",
        r"\b(?:spent|provided)\s+(?:approximately\s+|about\s+)?(?P<m>\d{1,3})\s*(?:min|mins|minutes)\s+(?:of\s+)?(?:(?:face[- ]to[- ]face|individual|direct)\s+)?(?:psychotherapy|therapy|counseling|session|time)\b",
        r"\btotal\s+(?:session\s+|face[- ]to[- ]face\s+|psychotherapy\s+|therapy\s+)?time\s*(?:was|of|:|=|-)?\s*(?P<m>\d{1,3})\s*(?:min|mins|minutes)\b",
        r"\b(?P<m>\d{1,3})\s*(?:min|mins|minutes)\s+(?:of\s+)?(?:face[- ]to[- ]face\s+)?(?:psychotherapy|individual therapy|therapy time)\b",
    )
)
_MINUTES_AFTER_RANGE_RE = re.compile(r"(?P<m>\d{1,3})\s*(?:min|mins|minutes)\b", re.IGNORECASE)

# Lines whose dates are not the date of service even without a label.
_NOT_SERVICE_DATE_WORDS_RE = re.compile(  # matched on the lower-cased text
    r"\b(?:birth|born|dob|d\.o\.b|printed|generated|exported|created|page\s+\d|next|follow|due|expires?|"
    r"review\s+by|signed|locked|scheduled|reschedul)"
)
_YES_NO = {"yes": True, "y": True, "true": True, "x": True, "no": False, "n": False, "false": False}
_TIME_WORD_RE = re.compile(r"\b(?:time|times|start|end|begin|stop)\b")
_HEADER_LINES = 10  # the header region of a note: its first non-empty lines
_FOOTER_LINES = 4  # a running footer ("Jane Doe | DOB 06/30/1995 | DOS 04/03/2025 Page 1 of 1")
_TITLE_SEARCH_LINES = 6
_SENTENCE_RE = re.compile(r"[.!?]\s+[a-z]|\b[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}\b")
_TITLE_REST_OK_RE = re.compile(r"\s*(?:$|[-–—|,(\[#]|for\b|on\b|dated\b|of\b|\d)", re.IGNORECASE)


@dataclass(slots=True)
class _Line:
    index: int
    start: int
    end: int  # exclusive, without a trailing "\r"


@dataclass(slots=True)
class _Labeled:
    """One "Label: value" occurrence."""

    field: str
    rank: int
    strong: bool
    key: str
    label_start: int
    value_start: int
    value_end: int
    line: int
    prev_field: str | None
    at_line_start: bool


@dataclass(slots=True)
class _NameParse:
    name: str | None
    name_start: int
    name_end: int
    credentials: list[str]
    end: int  # offset just past the last name or credential token
    cred_start: int = 0  # offset of the first credential token


@dataclass(slots=True)
class _Signature:
    role: str  # signer | supervisor | clinician
    name: _NameParse | None
    date: tuple[date, int, int] | None
    time: tuple[str, int, int] | None
    start: int
    end: int
    line: int


@dataclass(frozen=True, slots=True)
class TitleLine:
    """A line that is a note title, with the declared type it names."""

    note_type: str
    title_start: int
    title_end: int
    rest_start: int


def split_lines(text: str) -> list[_Line]:
    lines = []
    start = 0
    for index, raw in enumerate(text.split("\n")):
        end = start + len(raw)
        lines.append(_Line(index, start, end - 1 if raw.endswith("\r") else end))
        start = end + 1
    return lines


def title_line(text: str, start: int, end: int, patterns: FieldPatterns | None = None) -> TitleLine | None:
    """The note title on text[start:end] when the line is one ("Progress Note", "SOAP Note —
    03/04/2025", "PSYCHOTHERAPY NOTE for J. Doe"), else None. A heading with a colon or a
    sentence after it is not a title."""
    p = patterns or field_patterns()
    pos = start
    while pos < end and text[pos] in " \t#*>-•":
        pos += 1
    m = p.title_re.match(text, pos, end)
    if m is None:
        return None
    rest = text[m.end() : end]
    if rest[:1].isalpha():
        return None  # the title is the start of a longer word ("Intakes")
    stripped = rest.lstrip()
    if stripped.startswith(":"):
        if first_date(stripped[1:]) is None:
            return None  # "Treatment Plan:" heads a section; "Progress Note: 03/04/2025" is a title
    elif not _TITLE_REST_OK_RE.match(rest):
        return None  # "Progress Note reviewed with the client" is a sentence
    if len(rest) > 100 or _SENTENCE_RE.search(rest):
        return None
    return TitleLine(p.title_type(m.group(0)), m.start(), m.end(), m.end())


def line_label(text: str, start: int, end: int, patterns: FieldPatterns | None = None) -> tuple[str, bool] | None:
    """(field, strong) of the known label starting the line text[start:end], else None."""
    p = patterns or field_patterns()
    sep = _next_separator(text, start, end)
    tab = text.find("\t", start, end)
    if 0 <= tab - start <= 48 and (sep < 0 or tab < sep):
        # A DOCX table row: "Date of Service<TAB>03/04/2025"
        cell_start, cell_end = _trim(text, start, tab)
        info = p.labels.get(normalize_label(text[cell_start:cell_end].rstrip(":")))
        return None if info is None else (info.field, info.strong)
    if sep < 0 or sep - start > 60:
        return None
    m = _LINE_LABEL_RE.match(text, start, end)
    if m is None:
        return None
    key = normalize_label(m.group("label"))
    if m.group("sep").startswith("#") and key + "#" in p.labels:
        key += "#"
    info = p.labels.get(key)
    return None if info is None else (info.field, info.strong)


def is_signature_line(text: str, start: int, end: int, patterns: FieldPatterns | None = None) -> bool:
    """Whether text[start:end] signs a note ("Electronically signed by ...", "Signature: Jane
    Doe, LCSW", "Signed on 03/06/2025"); a placeholder ("Signature: ____") does not."""
    p = patterns or field_patterns()
    low = text[start:end].lower()
    if "sign" not in low and "lock" not in low and "attest" not in low and "authent" not in low:
        return False
    label = line_label(text, start, end, p)
    if label is not None and label[0] in ("signer", "signed_date"):
        value = re.split(r"[:\t]", text[start:end], maxsplit=1)[1:]
        return bool(value) and bool(value[0].strip()) and p.placeholder_re.fullmatch(value[0].strip()) is None
    return _SIGNATURE_SENTENCE_RE.search(low) is not None


class _Extraction:
    """The state of one extract_fields call."""

    def __init__(self, text: str, patterns: FieldPatterns):
        self.text = text
        self.low = _lower_same_length(text)
        self.p = patterns
        self.lines = split_lines(text)
        self.labeled: list[_Labeled] = []
        self.unknown_time_lines: list[tuple[int, int, int]] = []  # (line, value_start, value_end)
        self.label_spans: list[tuple[int, int]] = []  # every "Label:" starting a line, known or not
        self.signature_lines: set[int] = set()
        self.signature_roles: dict[int, str] = {}  # line -> the first signature label's field
        self.fields: dict[str, ExtractedField] = {}
        self.claimed: list[tuple[int, int]] = []  # spans of ids, dates of birth: not codes
        self._by_field: dict[str, list[_Labeled]] | None = None  # built after labels are final
        self._header_lines: list[_Line] | None = None
        self._numbers: list[re.Match[str]] | None = None
        self._terms: list[re.Match[str]] | None = None
        self.nonblank = [line for line in self.lines if line.end > line.start and not text[line.start : line.end].isspace()]

    # ---- helpers -------------------------------------------------------------------------

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def put(self, name: str, value: object, start: int, end: int) -> None:
        if name not in self.fields:
            self.fields[name] = ExtractedField(value, self.span(start, end))

    def line_at(self, offset: int) -> int:
        lo, hi = 0, len(self.lines) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.lines[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def candidates(self, field: str) -> list[_Labeled]:
        """Labeled values of `field`, best first: strong labels in the data file's order,
        then weak labels in text order."""
        if self._by_field is None:
            grouped: dict[str, list[_Labeled]] = {}
            for lab in self.labeled:
                grouped.setdefault(lab.field, []).append(lab)
            for group in grouped.values():
                group.sort(key=lambda lab: (0 if lab.strong else 1, lab.rank if lab.strong else 0, lab.label_start))
            self._by_field = grouped
        return self._by_field.get(field, [])

    # ---- pass 1: labeled values ----------------------------------------------------------

    def scan_labels(self) -> None:
        text, labels = self.text, self.p.labels
        edge_lines = {line.index for line in self.nonblank[:_HEADER_LINES] + self.nonblank[-_FOOTER_LINES:]}
        for line in self.lines:
            if line.end - line.start < 2:
                continue
            found: list[tuple[str, int, int]] = []  # (key, label_start, value_start)
            line_known = False
            if text.find("\t", line.start, line.end) >= 0:
                found = self._tab_cells(line)
                line_known = bool(found)
            first_sep = _next_separator(text, line.start, line.end)
            if first_sep < 0 and not found:
                if line.index in edge_lines:
                    self._add_labels(line, self._bare_labels(line, []), False)
                continue  # no "Label:" on a line without a colon: most narrative lines
            inline_from = line.start
            if not found and 0 <= first_sep - line.start <= 60:
                m = _LINE_LABEL_RE.match(text, line.start, line.end)
                if m:
                    self.label_spans.append((m.start("label"), m.end()))
                    key = self._lookup(m.group("label"), m.group("sep"))
                    if key is not None:
                        found.append((key, m.start("label"), m.end()))
                        line_known = True
                        inline_from = m.end()
                    elif _is_time_label(m.group("label")):
                        # "Exact start time and end time: 1:33 pm - 2:30 pm"
                        self.unknown_time_lines.append((line.index, m.end(), line.end))
            if first_sep >= 0:
                found += self._inline_labels(inline_from, line.end, line_known)
            if found or line.index in edge_lines:
                found = self._bare_labels(line, found)
            self._add_labels(line, found, line_known)
        self._fill_empty_values()
        for lab in self.labeled:
            if lab.field in ("signer", "supervisor", "_other_signature", "signed_date"):
                self.signature_lines.add(lab.line)
                self.signature_roles.setdefault(lab.line, lab.field)

    def _add_labels(self, line: _Line, found: list[tuple[str, int, int]], line_known: bool) -> None:
        """Record a line's labels; each value runs to the next label on the line."""
        text, labels = self.text, self.p.labels
        found.sort(key=lambda hit: hit[1])
        prev_field: str | None = None
        for i, (key, label_start, value_start) in enumerate(found):
            value_end = found[i + 1][1] if i + 1 < len(found) else line.end
            info = labels[key]
            value_start, value_end = _trim(text, value_start, min(max(value_start, value_end), line.end))
            self.labeled.append(
                _Labeled(info.field, info.rank, info.strong, key, label_start, value_start, value_end,
                         line.index, prev_field, i == 0 and line_known and label_start <= line.start + 8)
            )  # fmt: skip
            prev_field = info.field

    def _tab_cells(self, line: _Line) -> list[tuple[str, int, int]]:
        """A table row as DOCX text gives it: "Client<TAB>Jane Doe<TAB>DOB<TAB>01/02/1980"."""
        text = self.text
        found = []
        cells = []
        start = line.start
        while True:
            tab = text.find("\t", start, line.end)
            cells.append((start, tab if tab >= 0 else line.end))
            if tab < 0:
                break
            start = tab + 1
        for (cell_start, cell_end), nxt in zip(cells, cells[1:]):
            label_start, label_end = _trim(text, cell_start, cell_end)
            if label_end > label_start and text[label_end - 1] == ":":
                label_end -= 1
            if not 0 < label_end - label_start <= 48:
                continue
            key = self._lookup(text[label_start:label_end], ":")
            if key is not None:
                found.append((key, label_start, nxt[0]))
        return found

    def _bare_labels(self, line: _Line, found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        """Add labels written without a colon before a number ("DOB 01/19/2001")."""
        regex = self.p.bare_label_re
        if regex is None:
            return found
        taken = {label_start for _, label_start, _ in found}
        for m in regex.finditer(self.text, line.start, line.end):
            if m.start() in taken or any(s <= m.start() < v for _, s, v in found):
                continue
            key = normalize_label(m.group("label") or m.group("name_label"))
            if key not in self.p.labels:
                key += "#" if key + "#" in self.p.labels else ""
            if key in self.p.labels:
                found.append((key, m.start(), m.end()))
        return found

    def _lookup(self, label: str, sep: str) -> str | None:
        key = normalize_label(label)
        if sep.startswith("#") and key + "#" in self.p.labels:
            return key + "#"
        return key if key in self.p.labels else None

    def _inline_labels(self, pos: int, end: int, line_known: bool) -> list[tuple[str, int, int]]:
        """Labels after the start of a line: up to five words before a colon; the longest
        known suffix is the label ("Jane Doe DOB:" -> "DOB"). Weak labels count only on a line
        that starts with a known label."""
        text, labels, last_words = self.text, self.p.labels, self.p.label_last_words
        found = []
        while (sep := _next_separator(text, pos, end)) >= 0:
            value_start = sep + 1
            if text[sep] == "#":
                while value_start < end and text[value_start] in " \t":
                    value_start += 1
                if value_start < end and text[value_start] == ":":
                    value_start += 1
            elif sep > pos and text[sep - 1].isdigit():
                pos = value_start  # a clock time ("10:02"), not a label
                continue
            word_end = sep
            while word_end > pos and text[word_end - 1] in " \t":
                word_end -= 1
            word_start = word_end
            while word_start > pos and (text[word_start - 1].isalnum() or text[word_start - 1] in _LABEL_CHARS):
                word_start -= 1
            last = text[word_start:word_end]
            if last[:1].isalpha() and normalize_label(last) in last_words:
                hit = self._label_ending_at(pos, word_start, word_end, text[sep], line_known)
                if hit is not None:
                    found.append((hit[0], hit[1], value_start))
            pos = value_start
        return found

    def _label_ending_at(self, floor: int, word_start: int, word_end: int, sep: str, line_known: bool) -> tuple[str, int] | None:
        """The longest known label that ends with the word at text[word_start:word_end]."""
        text, labels = self.text, self.p.labels
        window_start = max(floor, word_start - 60)
        for stop in (",", ";", "|", ". "):
            cut = text.rfind(stop, window_start, word_start)
            if cut >= 0:
                window_start = cut + len(stop)
        words = list(_WORD_RE.finditer(text, window_start, word_start))[-4:]
        for i in range(len(words) - 1, -1, -1):
            if not words[i].group()[0].isalpha():
                words = words[i + 1 :]  # only the run of words right before the colon
                break
        for k in range(len(words), -1, -1):
            before = len(words) - k - 1
            if before >= 0 and words[before].group().islower():
                continue  # "start time and end time:" is one label of its own, not "end time:"
            label_start = words[before + 1].start() if k else word_start
            key = self._lookup(text[label_start:word_end], sep)
            if key is not None and (labels[key].strong or line_known):
                return key, label_start
        return None

    def _fill_empty_values(self) -> None:
        """'Date of Service:' with the value on the next line (PDF and DOCX tables)."""
        text = self.text
        for lab in self.labeled:
            if lab.value_end > lab.value_start:
                continue
            following = [line for line in self.lines[lab.line + 1 : lab.line + 3] if line.end > line.start]
            for line in following:
                segment = text[line.start : line.end]
                if not segment.strip():
                    continue
                m = _LINE_LABEL_RE.match(text, line.start, line.end)
                if m and self._lookup(m.group("label"), m.group("sep")) is not None:
                    break
                lab.value_start, lab.value_end = _trim(text, line.start, line.end)
                if lab.field == "diagnoses":
                    # A diagnosis block lists one code per line.
                    for more in self.lines[line.index + 1 : line.index + 8]:
                        if not _ICD_LABELED_RE.search(text, more.start, more.end):
                            break
                        lab.value_end = _trim(text, more.start, more.end)[1]
                break

    def reassign_generic_dates(self) -> None:
        """A bare "Date:" next to a signature is the signing date, not the date of service."""
        previous_nonblank: dict[int, int] = {}
        last = -1
        for line in self.lines:
            previous_nonblank[line.index] = last
            if self.text[line.start : line.end].strip():
                last = line.index
        for lab in self.labeled:
            if lab.field != "date_of_service" or lab.strong or not lab.key.startswith("date"):
                continue
            if lab.prev_field in ("signer", "signed_date"):
                lab.field = "signed_date"
            elif lab.prev_field in ("supervisor", "_other_signature"):
                lab.field = "_other_signature"
            elif lab.at_line_start and previous_nonblank[lab.line] in self.signature_lines:
                role = self.signature_roles.get(previous_nonblank[lab.line], "signer")
                lab.field = "signed_date" if role in ("signer", "signed_date") else "_other_signature"

    # ---- names, credentials, signatures --------------------------------------------------

    def parse_name(self, start: int, end: int) -> _NameParse:
        text = self.text
        prefix = _SIGNATURE_PREFIX_RE.match(text, start, end)
        if prefix:
            start = prefix.end()
        name_tokens: list[re.Match[str]] = []
        creds: list[str] = []
        cred_start = -1
        last_end = start
        for tok in _NAME_TOKEN_RE.finditer(text, start, end):
            word = tok.group()
            if word in "()&/":
                if word == "(" and not name_tokens:
                    break
                continue
            if word == ",":
                continue
            cred = self.p.credential(word.rstrip(",;"))
            if cred is not None and (name_tokens or creds or len(word) > 2):
                if cred.credential not in creds:
                    creds.append(cred.credential)
                if cred_start < 0:
                    cred_start = tok.start()
                last_end = tok.end()
                continue
            if creds or not word[0].isalpha():
                break
            if word[0].isupper() or (name_tokens and word.lower() in _NAME_PARTICLES):
                if len(name_tokens) >= _MAX_NAME_WORDS:
                    break
                name_tokens.append(tok)
                last_end = tok.end()
                continue
            break
        if not name_tokens:
            return _NameParse(None, start, start, creds, last_end, max(cred_start, start))
        name_start, name_end = name_tokens[0].start(), name_tokens[-1].end()
        while name_end > name_start and text[name_end - 1] in ",;":
            name_end -= 1
        name = text[name_start:name_end]
        letters = re.sub(r"[^A-Za-z]", "", name)
        if len(letters) < 2 or name.lower().strip(". ") in _NOT_NAMES or name_tokens[0].group().lower() in _NOT_NAMES:
            return _NameParse(None, start, start, creds, last_end, max(cred_start, start))
        return _NameParse(name, name_start, name_end, creds, last_end, max(cred_start, name_end))

    def status_of(self, start: int, end: int) -> str | None:
        """signed | draft | unsigned for a status value: "SIGNED", "Draft", "DRAFT – not
        finalized", "Signed and locked 03/05/2025"."""
        words = normalize_phrase(self.text[start:end]).split()
        for k in range(min(len(words), 4), 0, -1):
            status = self.p.status_words.get(" ".join(words[:k]))
            if status is not None:
                return status
        return None

    def is_placeholder(self, start: int, end: int) -> bool:
        value = self.text[start:end].strip()
        return not value or self.p.placeholder_re.fullmatch(value) is not None

    def signature_at(self, role: str, start: int, end: int, line: int) -> _Signature | None:
        """A signature value: name, credentials, date and time, or None for a placeholder."""
        if self.is_placeholder(start, end):
            return None
        by = _BY_RE.search(self.text, start, min(end, start + 48))
        if by and _SIGNED_BY_BEFORE_RE.search(self.low, start, by.start()):
            start = by.end()  # "Signature: Electronically signed by Jane Doe"
        name = self.parse_name(start, end)
        if name.name is None:
            by = _BY_RE.search(self.text, start, end)
            if by:
                name = self.parse_name(by.end(), end)
        after = name.end if name.name else start
        found_date = first_date(self.text, after, end) or first_date(self.text, start, end)
        found_time = self._time_after(found_date.end if found_date else after, end)
        if name.name is None and found_date is None:
            return None
        return _Signature(
            role, name if name.name else None,
            (found_date.value, found_date.start, found_date.end) if found_date else None,  # type: ignore[arg-type]
            found_time, start, end, line,
        )  # fmt: skip

    def scan_signatures(self) -> list[_Signature]:
        text, low = self.text, self.low
        signatures: list[_Signature] = []
        for lab in self.labeled:
            if lab.field in ("signer", "supervisor"):
                sig = self.signature_at(lab.field, lab.value_start, lab.value_end, lab.line)
                if sig is not None:
                    signatures.append(sig)
        labeled_lines = {(s.line, s.role) for s in signatures}
        pos = 0
        while (at := low.find("by", pos)) >= 0:
            pos = at + 2
            if at == 0 or not low[at - 1].isspace() or (pos < len(low) and low[pos].isalnum()):
                continue
            line = self.lines[self.line_at(at)]
            m = _SIGNED_BY_BEFORE_RE.search(low, max(line.start, at - 48), at)
            if m is None:
                continue
            verb = m.group("verb")
            role = "clinician" if verb.startswith("rendered") else "supervisor" if verb.startswith(_SUPERVISOR_VERBS) else "signer"
            if (line.index, role) in labeled_lines:
                continue
            after = _AFTER_BY_RE.match(text, pos, line.end)
            sig = self.signature_at(role, after.end() if after else pos, line.end, line.index)
            if sig is not None and sig.name is not None:
                sig.start = m.start()
                signatures.append(sig)
                if role != "clinician":
                    self.signature_lines.add(line.index)
        for word in ("signed", "locked"):
            pos = 0
            while (at := low.find(word, pos)) >= 0:
                pos = at + len(word)
                m = _SIGNED_ON_RE.match(low, at)
                if m is None:
                    continue
                line = self.lines[self.line_at(at)]
                if any(s.line == line.index for s in signatures):
                    continue
                found = first_date(text, m.end(), line.end)
                if found is None:
                    continue
                self.signature_lines.add(line.index)
                by = _BY_RE.search(text, found.end, line.end)
                name = self.parse_name(by.end(), line.end) if by else None
                signatures.append(
                    _Signature("signer", name if name and name.name else None, (found.value, found.start, found.end),  # type: ignore[arg-type]
                               self._time_after(found.end, line.end), at, line.end, line.index)
                )  # fmt: skip
        signatures.sort(key=lambda s: s.start)
        return signatures

    def _time_after(self, start: int, end: int) -> tuple[str, int, int] | None:
        times = find_times(self.text, start, end)
        if times:
            minutes, _, _ = resolve_pair(times[0], None)
            if minutes is not None:
                return hhmm(minutes), times[0].start, times[0].end
        return None

    # ---- pass 2: fields ------------------------------------------------------------------

    def run(self) -> dict[str, ExtractedField]:
        self.scan_labels()
        signatures = self.scan_signatures()
        self.reassign_generic_dates()
        self.extract_people(signatures)
        self.extract_ids()
        self.extract_dob()
        title = self.find_title()
        self.extract_declared_type(title)
        self.extract_date_of_service(title)
        self.extract_times_and_minutes()
        self.extract_codes()
        self.extract_diagnoses()
        self.extract_place_and_telehealth()
        self.extract_signature(signatures)
        return self.fields

    def extract_people(self, signatures: list[_Signature]) -> None:
        for field in ("client", "clinician", "supervisor"):
            for lab in self.candidates(field):
                name = self.parse_name(lab.value_start, lab.value_end)
                if name.name:
                    self.put(field, name.name, name.name_start, name.name_end)
                    if field != "client" and name.credentials:
                        cred_field = "credentials" if field == "clinician" else "supervisor_credentials"
                        self.put(cred_field, ", ".join(name.credentials), name.cred_start, name.end)
                    break
        for lab in self.candidates("credentials"):
            creds = self.parse_credentials(lab.value_start, lab.value_end)
            if creds:
                self.fields["credentials"] = ExtractedField(creds, self.span(lab.value_start, lab.value_end))
                break
        for sig in signatures:
            if sig.role == "clinician" and sig.name and "clinician" not in self.fields:
                self.put("clinician", sig.name.name, sig.name.name_start, sig.name.name_end)
                if sig.name.credentials:
                    self.put("credentials", ", ".join(sig.name.credentials), sig.name.cred_start, sig.name.end)
            if sig.role == "supervisor" and sig.name and "supervisor" not in self.fields:
                self.put("supervisor", sig.name.name, sig.name.name_start, sig.name.name_end)
                if sig.name.credentials:
                    self.put("supervisor_credentials", ", ".join(sig.name.credentials), sig.name.cred_start, sig.name.end)

    def parse_credentials(self, start: int, end: int) -> str | None:
        creds: list[str] = []
        for tok in re.finditer(r"[A-Za-z][A-Za-z.\-]*", self.text[start:end]):
            cred = self.p.credential(tok.group())
            if cred is not None and cred.credential not in creds:
                creds.append(cred.credential)
        if creds:
            return ", ".join(creds)
        return None

    def extract_ids(self) -> None:
        for field, regex, group in (("client_id", _ID_TOKEN_RE, "id"), ("note_id", _ID_TOKEN_RE, "id"), ("npi", _NPI_RE, "npi")):
            for lab in self.candidates(field):
                m = regex.search(self.text, lab.value_start, lab.value_end)
                if m:
                    self.put(field, m.group(group), m.start(group), m.end(group))
                    break
            for lab in self.candidates(field):
                self.claimed.append((lab.value_start, lab.value_end))

    def extract_dob(self) -> None:
        for lab in self.candidates("dob"):
            self.claimed.append((lab.value_start, lab.value_end))
            if "dob" in self.fields:
                continue
            found = first_date(self.text, lab.value_start, lab.value_end)
            if found is not None and found.value <= date.today():  # type: ignore[operator]
                self.put("dob", found.value, found.start, found.end)

    def find_title(self) -> TitleLine | None:
        for line in self.nonblank[:_TITLE_SEARCH_LINES]:
            found = title_line(self.text, line.start, line.end, self.p)
            if found is not None:
                return found
        return None

    def extract_declared_type(self, title: TitleLine | None) -> None:
        for lab in self.candidates("declared_type"):
            m = self.p.title_re.search(self.text, lab.value_start, lab.value_end)
            if m:
                self.put("declared_type", self.p.title_type(m.group(0)), lab.value_start, lab.value_end)
                return
        if title is not None:
            self.put("declared_type", title.note_type, title.title_start, title.title_end)

    def extract_date_of_service(self, title: TitleLine | None) -> None:
        dob = self.value("dob")
        for lab in self.candidates("date_of_service"):
            for found in find_dates(self.text, lab.value_start, lab.value_end):
                if found.value != dob:
                    self.put("date_of_service", found.value, found.start, found.end)
                    return
        if title is not None:
            line = self.lines[self.line_at(title.title_start)]
            found = first_date(self.text, title.rest_start, line.end)
            if found is not None and found.value != dob:
                self.put("date_of_service", found.value, found.start, found.end)
                return
        for line in self.header_candidate_lines():
            for found in find_dates(self.text, line.start, line.end):
                if found.value != dob:
                    self.put("date_of_service", found.value, found.start, found.end)
                    return

    def header_candidate_lines(self) -> list[_Line]:
        """Header lines that may carry an unlabeled date or time of the session."""
        if self._header_lines is not None:
            return self._header_lines
        excluded = {lab.line for lab in self.labeled if lab.field not in ("date_of_service", "session_time", "start", "end", "declared_type")}
        excluded |= self.signature_lines
        lines = []
        for line in self.nonblank[:_HEADER_LINES]:
            if line.index in excluded or line.end - line.start > 160:
                continue
            if _NOT_SERVICE_DATE_WORDS_RE.search(self.low, line.start, line.end):
                continue
            lines.append(line)
        self._header_lines = lines
        return lines

    def value(self, name: str) -> object:
        found = self.fields.get(name)
        return None if found is None else found.value

    def extract_times_and_minutes(self) -> None:
        text = self.text
        chosen: TimeRange | None = None
        start_clock = end_clock = None
        for lab in self.candidates("start"):
            times = find_times(text, lab.value_start, lab.value_end)
            if times:
                start_clock = times[0]
                break
        for lab in self.candidates("end"):
            times = find_times(text, lab.value_start, lab.value_end)
            if times:
                end_clock = times[0]
                break
        if start_clock is None and end_clock is None:
            sources = [(lab.value_start, lab.value_end) for lab in self.candidates("session_time")]
            sources += [(lab.value_start, lab.value_end) for lab in self.candidates("minutes")]
            sources += [(lab.value_start, lab.value_end) for lab in self.candidates("date_of_service")]
            sources += [(s, e) for _, s, e in self.unknown_time_lines]
            sources += [(line.start, line.end) for line in self.header_candidate_lines()]
            for s, e in sources:
                ranges = find_time_ranges(text, s, e)
                if ranges:
                    chosen = ranges[0]
                    break
            if chosen is None:
                for lab in self.candidates("session_time"):
                    times = find_times(text, lab.value_start, lab.value_end)
                    if times:
                        start_clock = times[0]
                        break
        span: tuple[int, int] | None = None
        if chosen is not None:
            start, end, ordered = chosen.start, chosen.end, chosen.ordered
            if start is not None:
                self.put("start", hhmm(start), *chosen.start_span)
            if end is not None:
                self.put("end", hhmm(end), *chosen.end_span)
            span = chosen.span
        else:
            start, end, ordered = resolve_pair(start_clock, end_clock)
            if start is not None and start_clock is not None:
                self.put("start", hhmm(start), start_clock.start, start_clock.end)
            if end is not None and end_clock is not None:
                self.put("end", hhmm(end), end_clock.start, end_clock.end)
            if start_clock is not None and end_clock is not None:
                span = (min(start_clock.start, end_clock.start), max(start_clock.end, end_clock.end))
                if span[1] - span[0] > 300:  # far apart labels: point at the end time
                    span = (end_clock.start, end_clock.end)
        clock_minutes = end - start if ordered and start is not None and end is not None else None
        if clock_minutes is not None and span is not None:
            self.put("clock_minutes", clock_minutes, *span)
        self.extract_minutes(chosen)
        if "minutes" not in self.fields and clock_minutes is not None and span is not None:
            self.put("minutes", clock_minutes, *span)

    def extract_minutes(self, chosen: TimeRange | None) -> None:
        text = self.text
        for lab in self.candidates("minutes"):
            if find_time_ranges(text, lab.value_start, lab.value_end):
                continue  # "Duration: 2:00-2:53 PM" is a time range, read above
            bare = bool(re.search(r"min|duration|length|time", lab.key))
            found = parse_minutes(text, lab.value_start, lab.value_end, bare_number=bare)
            if found is not None:
                self.put("minutes", found.value, found.start, found.end)
                return
        if chosen is not None:
            line = self.lines[self.line_at(chosen.span[1])]
            m = _MINUTES_AFTER_RANGE_RE.search(text, chosen.span[1], line.end)
            if m and 0 < int(m.group("m")) <= 600:
                self.put("minutes", int(m.group("m")), m.start(), m.end())
                return
        excluded = {lab.line for lab in self.labeled if lab.field in ("cpt", "_not_service_date")}
        candidate_lines: list[_Line] = []
        pos = 0
        while (at := self.low.find("min", pos)) >= 0:
            line = self.lines[self.line_at(at)]
            pos = line.end + 1
            if line.index not in excluded:
                candidate_lines.append(line)
        best: tuple[int, int, int] | None = None  # (start, end, minutes)
        for line in candidate_lines:
            for regex in _MINUTES_TEXT_RES:
                m = regex.search(self.low, line.start, line.end)
                if m and 0 < int(m.group("m")) <= 600 and (best is None or m.start() < best[0]):
                    best = (m.start("m"), m.end(), int(m.group("m")))
            if best is not None:
                break
        if best is not None:
            self.put("minutes", best[2], best[0], best[1])

    def extract_codes(self) -> None:
        text, p = self.text, self.p
        codes: list[tuple[str, int, int]] = []
        modifiers: list[tuple[str, int, int]] = []
        for lab in self.candidates("cpt"):
            for m in _CPT_LABELED_RE.finditer(text, lab.value_start, lab.value_end):
                codes.append((m.group("code"), m.start(), m.end()))
                modifiers += self._suffix_modifiers(m.end(), lab.value_end)
            if codes:
                break
        if not codes:
            # Unlabeled: only codes listed in codes.yaml, found through their first characters
            # (a cheap scan), then checked for word boundaries and what precedes them.
            for m in self.numbers():
                digits, start = m.group("digits"), m.start()
                if len(digits) == 5 and m.group("decimals") is None:
                    code = digits
                elif len(digits) == 4 and start > 0 and text[start - 1].isalpha():
                    start -= 1  # an HCPCS code such as H0004
                    code = text[start] + digits
                else:
                    continue
                if code not in p.cpt_codes or self._claimed(start):
                    continue
                before = text[start - 1] if start else " "
                after = text[m.end() : m.end() + 1]
                if before.isalnum() or before in "./$#-_" or after.isalnum() or after in "/_":
                    continue
                line = self.lines[self.line_at(start)]
                if _NOT_CODE_BEFORE_RE.search(text, max(line.start, start - 24), start):
                    continue
                codes.append((code, start, m.end()))
                modifiers += self._suffix_modifiers(m.end(), line.end)
        if codes:
            seen: list[str] = []
            for code, _, _ in codes:
                if code not in seen:
                    seen.append(code)
            primary = next((c for c in codes if c[0] not in p.add_on_codes), codes[0])
            self.put("cpt", primary[0], primary[1], primary[2])
            self.put("cpt_codes", seen, codes[0][1], codes[-1][2] if codes[-1][2] - codes[0][1] < 300 else codes[0][2])
        for lab in self.candidates("modifiers"):
            for m in _MODIFIER_TOKEN_RE.finditer(text, lab.value_start, lab.value_end):
                modifiers.append((m.group(), m.start(), m.end()))
        if modifiers:
            values: list[str] = []
            for value, _, _ in modifiers:
                if value not in values:
                    values.append(value)
            self.put("modifiers", values, modifiers[0][1], modifiers[-1][2] if modifiers[-1][2] - modifiers[0][1] < 300 else modifiers[0][2])

    def _suffix_modifiers(self, pos: int, end: int) -> list[tuple[str, int, int]]:
        found = []
        while True:
            m = _CPT_SUFFIX_MOD_RE.match(self.text, pos, end)
            if m is None:
                return found
            if m.group("hy"):
                found.append((m.group("hy"), m.start("hy"), m.end("hy")))
            elif m.group("sp") in self.p.modifiers and not re.match(r"\s*min", self.text[m.end() : m.end() + 6], re.IGNORECASE):
                found.append((m.group("sp"), m.start("sp"), m.end("sp")))
            else:
                return found
            pos = m.end()

    def numbers(self) -> list[re.Match[str]]:
        """Every run of digits (with a decimal part), found once per note for codes."""
        if self._numbers is None:
            self._numbers = list(_NUMBER_RE.finditer(self.text))
        return self._numbers

    def _claimed(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.claimed)

    def extract_diagnoses(self) -> None:
        text = self.text
        found: list[tuple[str, int, int]] = []
        for lab in self.candidates("diagnoses"):
            for m in _ICD_LABELED_RE.finditer(text, lab.value_start, lab.value_end):
                found.append((_icd(m.group("code")), m.start(), m.end()))
        if not found:
            # Unlabeled: "F41.1", "Z63.0", or a bare "F32" (the letter sits just before the
            # number, found in the same scan as CPT codes).
            for m in self.numbers():
                start = m.start() - 1
                if start < 0 or len(m.group("digits")) != 2 or self._claimed(start):
                    continue
                letter = text[start]
                decimals = m.group("decimals")
                if not ("A" <= letter <= "Z" and letter != "U") or (decimals is None and letter != "F"):
                    continue
                if decimals is not None and not 1 <= len(decimals) - 1 <= 4:
                    continue
                if start > 0 and (text[start - 1].isalnum() or text[start - 1] in ".-"):
                    continue
                after = text[m.end() : m.end() + 1]
                if after.isalnum():
                    continue
                found.append((text[start : m.end()], start, m.end()))
        if found:
            codes: list[str] = []
            for code, _, _ in found:
                if code not in codes:
                    codes.append(code)
            end = found[-1][2] if found[-1][2] - found[0][1] <= 400 else found[0][2]
            self.put("diagnoses", codes, found[0][1], end)

    def extract_place_and_telehealth(self) -> None:
        text, p = self.text, self.p
        for lab in self.candidates("place_of_service"):
            m = _POS_VALUE_RE.match(text, lab.value_start, lab.value_end)
            if m and m.group("code").zfill(2) in p.places:
                rest = text[m.end() : lab.value_end].lstrip()
                # "Location: 11 Main Street" is an address; "POS: 11" and "11 - Office" are codes.
                if not rest or rest[:1] in "-–—:(/" or "pos" in lab.key or "placeofservice" in lab.key:
                    self.put("place_of_service", m.group("code").zfill(2), m.start("code"), m.end("code"))
                    break
            value = text[lab.value_start : lab.value_end].strip()
            if not value or self.is_placeholder(lab.value_start, lab.value_end):
                continue
            word = p.place_words.get(normalize_phrase(value))
            if word is None:
                # "Cedar Grove Counseling - Office", "Telehealth (video)"
                place = p.place_word_re.search(self.low, lab.value_start, lab.value_end)
                word = p.place_words.get(normalize_phrase(place.group())) if place else None
            if word is None:
                term = p.telehealth_re.search(self.low, lab.value_start, lab.value_end)
                if term is not None:
                    kind = telehealth_kind(p, term.group())
                    word = "office" if kind == "in_person" else "telehealth" if kind == "video" else "telephone"
            self.put("place_of_service", word or value[:80], lab.value_start, lab.value_start + len(value[:80]))
            break
        if "place_of_service" not in self.fields and "POS" in text:
            m = _POS_TEXT_RE.search(text)
            if m and m.group("code").zfill(2) in p.places:
                self.put("place_of_service", m.group("code").zfill(2), m.start("code"), m.end("code"))

        self.extract_telehealth()
        if self.value("telehealth") is True and "telehealth_modality" not in self.fields:
            self.extract_modality()

    def extract_telehealth(self) -> None:
        """A labeled modality, then the POS code, then a modifier, then the words of the note."""
        p = self.p
        for lab in self.candidates("modality"):
            answer = _YES_NO.get(normalize_phrase(self.text[lab.value_start : lab.value_end]))
            if answer is not None and "tele" in lab.key:
                self.put("telehealth", answer, lab.value_start, lab.value_end)  # "Telehealth: No"
                return
            term = p.telehealth_re.search(self.low, lab.value_start, lab.value_end)
            if term is not None:
                self._telehealth_from_term(term)
                return
            word = p.place_words.get(normalize_phrase(self.text[lab.value_start : lab.value_end]))
            if word in ("telehealth", "telephone", "office"):
                self.put("telehealth", word != "office", lab.value_start, lab.value_end)
                modality = "audio" if word == "telephone" else "video" if "video" in self.low[lab.value_start : lab.value_end] else None
                if modality:
                    self.put("telehealth_modality", modality, lab.value_start, lab.value_end)
                return
        pos = self.fields.get("place_of_service")
        if pos is not None and pos.value in p.places and pos.span is not None:
            self.put("telehealth", p.places[pos.value].telehealth, pos.span.start, pos.span.end)
            return
        mods = self.fields.get("modifiers")
        if mods is not None and mods.span is not None:
            for mod in mods.value:
                entry = p.modifiers.get(mod)
                if entry is not None and entry.telehealth:
                    self.put("telehealth", True, mods.span.start, mods.span.end)
                    if entry.modality:
                        self.put("telehealth_modality", entry.modality, mods.span.start, mods.span.end)
                    return
        if pos is not None and pos.span is not None and pos.value in ("telehealth", "telephone", "office"):
            self.put("telehealth", pos.value != "office", pos.span.start, pos.span.end)
            if pos.value == "telephone":
                self.put("telehealth_modality", "audio", pos.span.start, pos.span.end)
            return
        # In running text the first mention decides: "held via Zoom ... prefers in-person
        # sessions later" is a telehealth session, "met in office ... may switch to telehealth"
        # is not.
        for term in self._telehealth_terms():
            self._telehealth_from_term(term)
            return

    def extract_modality(self) -> None:
        """Video or audio for a telehealth session: a modifier (95, 93), then the words."""
        mods = self.fields.get("modifiers")
        if mods is not None and mods.span is not None:
            for mod in mods.value:
                entry = self.p.modifiers.get(mod)
                if entry is not None and entry.modality:
                    self.put("telehealth_modality", entry.modality, mods.span.start, mods.span.end)
                    return
        for term in self._telehealth_terms():
            kind = telehealth_kind(self.p, term.group())
            if kind == "audio" or (kind == "video" and not term.group().startswith("tele")):
                self.put("telehealth_modality", kind, term.start(), term.end())
                return

    def _telehealth_terms(self) -> list[re.Match[str]]:
        """Telehealth words in the note, except inside a label ("Telehealth Consent: on file"
        says a form exists, not how this session was held). One scan per note."""
        if self._terms is not None:
            return self._terms
        low = self.low
        labels = self.label_spans + [(lab.label_start, lab.value_start) for lab in self.labeled]
        terms = []
        for term in self.p.telehealth_scan_re.finditer(low):
            before = low[term.start() - 1] if term.start() else " "
            after = low[term.end() : term.end() + 1]
            if before.isalnum() or before in "._" or after.isalnum() or after == "_":
                continue
            if any(start <= term.start() < end for start, end in labels):
                continue
            terms.append(term)
        self._terms = terms
        return terms

    def _telehealth_from_term(self, term: re.Match[str]) -> None:
        kind = telehealth_kind(self.p, term.group())
        self.put("telehealth", kind != "in_person", term.start(), term.end())
        if kind in ("video", "audio") and not (kind == "video" and term.group().lower().startswith("tele")):
            self.put("telehealth_modality", kind, term.start(), term.end())

    def extract_signature(self, signatures: list[_Signature]) -> None:
        text = self.text
        signer = next((s for s in signatures if s.role == "signer" and s.name is not None), None)
        if signer is not None and signer.name is not None:
            self.put("signer", signer.name.name, signer.name.name_start, signer.name.name_end)
            if signer.name.credentials:
                self.put("signer_credentials", ", ".join(signer.name.credentials), signer.name.cred_start, signer.name.end)
        dated = signer if signer is not None and signer.date is not None else None
        if dated is None:
            dated = next((s for s in signatures if s.role == "signer" and s.date is not None), None)
        for lab in self.candidates("signed_date"):
            found = first_date(text, lab.value_start, lab.value_end)
            if found is not None:
                self.put("signed_date", found.value, found.start, found.end)
                times = find_times(text, found.end, lab.value_end)
                if times:
                    minutes, _, _ = resolve_pair(times[0], None)
                    if minutes is not None:
                        self.put("signed_time", hhmm(minutes), times[0].start, times[0].end)
                break
        if dated is not None and dated.date is not None:
            self.put("signed_date", dated.date[0], dated.date[1], dated.date[2])
            if dated.time is not None:
                self.put("signed_time", dated.time[0], dated.time[1], dated.time[2])

        # The clinician and their credentials default to the signer's.
        if signer is not None and signer.name is not None:
            if "clinician" not in self.fields:
                self.put("clinician", signer.name.name, signer.name.name_start, signer.name.name_end)
            if "credentials" not in self.fields and signer.name.credentials and _same_person(self.value("clinician"), signer.name.name):
                self.put("credentials", ", ".join(signer.name.credentials), signer.name.cred_start, signer.name.end)

        for lab in self.candidates("signature_status"):
            status = self.status_of(lab.value_start, lab.value_end)
            if status is not None:
                self.put("signature_status", status, lab.value_start, lab.value_end)
                return
        for line in self.nonblank:
            segment = text[line.start : line.end]
            if len(segment) > 40:
                continue
            m = _STATUS_LINE_RE.fullmatch(segment)
            if m and (m.group("word").isupper() or segment.strip()[:1] in "[*(<"):
                status = self.p.status_words.get(normalize_phrase(m.group("word")))
                if status in ("draft", "unsigned"):
                    self.put("signature_status", status, line.start + m.start("word"), line.start + m.end("word"))
                    return
        if signer is not None or dated is not None:
            first = signer or dated
            assert first is not None
            self.put("signature_status", "signed", first.start, first.end)
            return
        for lab in self.candidates("signer"):
            if self.is_placeholder(lab.value_start, lab.value_end):
                start = lab.label_start
                self.put("signature_status", "unsigned", start, max(lab.value_end, start + 1))
                return
        for line in self.nonblank:
            # A signature placeholder on a line of its own: "[signature]", "<Clinician Signature>".
            if line.end - line.start <= 40 and "sign" in self.low[line.start : line.end]:
                start, end = _trim(text, line.start, line.end)
                inner = normalize_phrase(text[start:end])
                if self.p.placeholder_re.fullmatch(text[start:end]) and self.p.status_words.get(inner) != "signed":
                    self.put("signature_status", "unsigned", start, end)
                    return


@lru_cache(maxsize=4096)
def _is_time_label(label: str) -> bool:
    """An unlisted label about the session's clock times ("Exact start time and end time")."""
    return _TIME_WORD_RE.search(normalize_phrase(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", label))) is not None


def _lower_same_length(text: str) -> str:
    """text.lower(), keeping offsets: the few characters whose lower case is longer stay as is."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


def _next_separator(text: str, pos: int, end: int) -> int:
    """The next ':' or '#' in text[pos:end], or -1."""
    colon = text.find(":", pos, end)
    hash_ = text.find("#", pos, colon if colon >= 0 else end)
    return hash_ if hash_ >= 0 else colon


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t|;,\r":
        end -= 1
    return start, end


def _icd(code: str) -> str:
    code = code.upper()
    if "." not in code and len(code) > 3:
        code = f"{code[:3]}.{code[3:]}"
    return code


def _same_person(a: object, b: object) -> bool:
    if not isinstance(a, str) or not isinstance(b, str):
        return False
    words_a = {w for w in re.findall(r"[a-z]+", a.lower()) if len(w) > 1 and w not in ("dr", "mr", "ms", "mrs")}
    words_b = {w for w in re.findall(r"[a-z]+", b.lower()) if len(w) > 1 and w not in ("dr", "mr", "ms", "mrs")}
    return bool(words_a) and (words_a <= words_b or words_b <= words_a)


def extract_fields(text: str) -> dict[str, ExtractedField]:
    """The fields of one note, each with the span of `text` it was read from."""
    return _Extraction(text, field_patterns()).run()

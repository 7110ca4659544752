"""audit.xlsx: the whole audit as a workbook a practice manager can filter and sort.

Sheets: Summary, Clinicians, Notes (one row per note, one column per criterion: pass / fail /
n/a), Findings (every failed finding), Claims, Inputs. Each has a frozen, bold header row, an autofilter, widths fitted
to the content, and fail-red / pass-green conditional formatting.

Untrusted text (everything that came from a note or a file name) is written as a string cell,
never as a formula, whatever it starts with ("=HYPERLINK(...)"). The workbook is streamed by
xlsx_writer.py (a row at a time, about ten times faster than openpyxl's write-only mode), so
100,000 notes stay within memory and within minutes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from auditready.models import FAIL, AuditResult, NoteResult
from auditready.reports.summaries import source_order_key
from auditready.reports.xlsx_writer import Highlight, Workbook

MAX_CELL_TEXT = 32_000  # Excel's limit is 32,767 characters per cell
MAX_DATA_ROWS = 1_048_575  # Excel's 1,048,576 rows, less the header
WIDTH_SAMPLE_ROWS = 500
MIN_WIDTH, MAX_WIDTH = 8, 60

# Conditional-format colours (fill, font) for verdicts and criterion statuses.
RED, AMBER, GREEN = "F8C9C4", "FCE3B0", "C9E9CF"
RED_FONT, AMBER_FONT, GREEN_FONT = "8B1A10", "7A4A00", "1B5E20"

CRITERION_STATUS = {"pass": "pass", "fail": "fail", "not_applicable": "n/a"}


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = "text"  # text | number | money | percent | date
    status: bool = False  # pass/fail (or verdict) column: gets conditional formatting


# What XML 1.0 (and so lxml, which writes the workbook) refuses beyond openpyxl's
# ILLEGAL_CHARACTERS_RE: lone surrogates and the non-characters U+FFFE/U+FFFF, which damaged
# PDFs and odd encodings do put into note text.
_NOT_XML_CHARACTERS = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _text(value: Any) -> str:
    text = _NOT_XML_CHARACTERS.sub("", ILLEGAL_CHARACTERS_RE.sub("", str(value)))
    return text if len(text) <= MAX_CELL_TEXT else text[:MAX_CELL_TEXT] + " …[truncated]"


def _widths(columns: Sequence[Column], rows: Sequence[Sequence[Any]]) -> list[float]:
    widths = [len(c.title) + 4 for c in columns]  # room for the filter button
    for row in rows[:WIDTH_SAMPLE_ROWS]:
        for i, value in enumerate(row):
            if value is None:
                continue
            shown = 12 if isinstance(value, float) else len(str(value).split("\n", 1)[0])
            widths[i] = max(widths[i], shown + 2)
    return [min(max(w, MIN_WIDTH), MAX_WIDTH) for w in widths]


HIGHLIGHTS = (
    Highlight("fail", RED, RED_FONT), Highlight("unsupported", RED, RED_FONT),
    Highlight("at_risk", AMBER, AMBER_FONT), Highlight("pass", GREEN, GREEN_FONT),
    Highlight("supported", GREEN, GREEN_FONT),
)


def _add_sheet(book: Workbook, title: str, columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> None:
    rows = list(rows)
    book.add_sheet(
        title,
        [column.title for column in columns],
        [column.kind for column in columns],
        _widths(columns, rows),
        rows,
        highlighted_columns=[i for i, column in enumerate(columns, start=1) if column.status],
        to_text=_text,
    )


def criteria_columns(notes: Iterable[NoteResult]) -> list[str]:
    """Every criterion judged on any note, in the order notes first mention them."""
    seen: dict[str, None] = {}
    for note in notes:
        for finding in note.findings:
            seen.setdefault(finding.criterion, None)
    return list(seen)


def _summary_rows(result: AuditResult) -> list[list[Any]]:
    summary = result.summary
    rows: list[list[Any]] = [
        ["tool", f"{result.tool.get('name', '')} {result.tool.get('version', '')}".strip()],
        ["pack", f"{result.pack.get('id', '')} {result.pack.get('version', '')}".strip()],
    ]
    notes = summary.get("notes", {})
    rows += [["notes found", notes.get("total")], ["notes judged", notes.get("judged")]]
    for verdict, count in summary.get("verdicts", {}).items():
        rows.append([f"verdict: {verdict}", count])
    exposure = summary.get("exposure", {})
    rows += [
        ["exposure total ($)", exposure.get("total")],
        ["exposure basis", exposure.get("basis")],
        ["extrapolated point ($)", exposure.get("extrapolated_point")],
        ["extrapolated lower 90% ($)", exposure.get("extrapolated_lower_90")],
        ["extrapolation note", summary.get("extrapolation", {}).get("reason")],
        ["claim-exposure rate (%)", _percent(summary.get("claim_exposure_rate"))],
        ["record-review score (%)", summary.get("record_review", {}).get("score")],
    ]
    for bar in summary.get("record_review", {}).get("bars", []):
        rows.append([f"pass mark {bar['threshold']:g}% ({bar['payers']})",
                     {True: "met", False: "missed", None: "no applicable items"}[bar["meets"]]])
    rows.append(["deidentified", "yes" if summary.get("deidentified") else "no"])
    for line in summary.get("assumptions", []):
        rows.append(["assumption", line])
    return rows


def _capped(rows: list[list[Any]], full_file: str) -> list[list[Any]]:
    """At most Excel's row limit, the last row saying where the rest is."""
    if len(rows) <= MAX_DATA_ROWS:
        return rows
    notice = [f"… {len(rows) - MAX_DATA_ROWS + 1:,} more rows: Excel's row limit; {full_file} has them all"]
    return rows[: MAX_DATA_ROWS - 1] + [notice + [None] * (len(rows[0]) - 1)]


def _percent(rate: float | None) -> float | None:
    return None if rate is None else round(100 * rate, 1)


def render_xlsx(result: AuditResult, path: Path) -> None:
    notes = sorted(result.notes, key=source_order_key)
    with Workbook(path, HIGHLIGHTS) as book:
        _render(book, result, notes)


def _render(book: Workbook, result: AuditResult, notes: list[NoteResult]) -> None:
    _add_sheet(book, "Summary", [Column("item"), Column("value", "number")], _summary_rows(result))

    _add_sheet(
        book, "Clinicians",
        [Column("clinician"), Column("notes judged", "number"), Column("record-review score %", "number"),
         Column("claim-exposure rate", "percent"), Column("unsupported", "number"), Column("at risk", "number"),
         Column("supported", "number"), Column("exposure $", "money"), Column("extrapolated point $", "money"),
         Column("extrapolated lower 90% $", "money"), Column("sample n", "number"), Column("universe N", "number"),
         Column("extrapolation note"), Column("top deficiency"), Column("training focus")],
        ([c.clinician, c.notes, c.score, c.claim_exposure_rate, c.verdicts.get("unsupported"),
          c.verdicts.get("at_risk"), c.verdicts.get("supported"), c.exposure.get("total"),
          c.exposure.get("extrapolated_point"), c.exposure.get("extrapolated_lower_90"),
          c.extrapolation.get("n"), c.extrapolation.get("universe"), c.extrapolation.get("reason"),
          c.top_deficiencies[0]["criterion"] if c.top_deficiencies else None,
          " | ".join(c.training_focus)] for c in result.clinicians),
    )

    criteria = criteria_columns(notes)
    note_columns = [
        Column("note id"), Column("path"), Column("page", "number"), Column("row", "number"), Column("client"),
        Column("clinician"), Column("credentials"), Column("date of service", "date"), Column("start"),
        Column("end"), Column("minutes", "number"), Column("cpt"), Column("note type"),
        Column("type confidence", "number"), Column("score", "number"), Column("verdict", status=True),
        Column("exposure $", "money"), Column("exposure reason"), Column("exposure basis"),
    ] + [Column(criterion, status=True) for criterion in criteria]

    def note_row(note: NoteResult) -> list[Any]:
        status = {f.criterion: CRITERION_STATUS.get(f.status, f.status) for f in note.findings}
        exposure = note.exposure
        return [note.id, note.source.path, note.source.page, note.source.row, note.client, note.clinician,
                note.credentials, note.date_of_service, note.start, note.end, note.minutes, note.cpt,
                note.note_type, note.note_type_confidence, note.score, note.verdict,
                exposure.amount if exposure else None, exposure.reason if exposure else None,
                exposure.basis if exposure else None] + [status.get(c) for c in criteria]

    _add_sheet(book, "Notes", note_columns, _capped([note_row(n) for n in notes], "notes.csv"))

    # Failures only: they are what a practice acts on, and every finding of a large practice
    # would pass Excel's row limit (findings.csv and audit.json hold them all).
    failures = [[n.id, n.client, n.clinician, n.date_of_service, f.criterion, f.status, f.severity, f.message,
                 " … ".join(s.text for s in f.evidence), f.searched, f.fix, f.rule_id, f.citation]
                for n in notes for f in n.findings if f.status == FAIL]
    _add_sheet(
        book, "Findings",
        [Column("note id"), Column("client"), Column("clinician"), Column("date of service", "date"),
         Column("criterion"), Column("status", status=True), Column("severity"), Column("message"),
         Column("evidence"), Column("searched"), Column("fix"), Column("rule"), Column("citation")],
        _capped(failures, "findings.csv"),
    )

    _add_sheet(
        book, "Claims",
        [Column("claim id"), Column("client"), Column("clinician"), Column("date of service", "date"),
         Column("cpt"), Column("units", "number"), Column("paid $", "money"), Column("billed $", "money"),
         Column("note id"), Column("status"), Column("exposure $", "money"), Column("exposure reason"),
         Column("exposure basis")],
        ([c.claim_id, c.client, c.clinician, c.date_of_service, c.cpt, c.units, c.paid, c.billed, c.note_id,
          c.status, c.exposure.amount if c.exposure else None, c.exposure.reason if c.exposure else None,
          c.exposure.basis if c.exposure else None] for c in result.claims),
    )

    _add_sheet(
        book, "Inputs",
        [Column("path"), Column("format"), Column("status"), Column("notes", "number"), Column("reason"),
         Column("bytes", "number"), Column("sha256")],
        ([r.path, r.format, r.status, r.notes, r.reason, r.size, r.sha256]
         for r in sorted(result.inputs, key=lambda r: r.path)),
    )

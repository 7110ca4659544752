"""notes.csv, findings.csv and claims.csv: flat tables for spreadsheets and scripts.

A cell that begins with =, +, -, @, tab or carriage return is prefixed with an apostrophe, so a
spreadsheet opening the file shows it as text instead of running it as a formula (OWASP "CSV
injection"); note text is untrusted. Files carry a UTF-8 byte-order mark so Excel reads them
as UTF-8.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import IO, Any

from auditready.models import AuditResult, NoteResult
from auditready.reports.summaries import source_order_key

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

NOTE_COLUMNS = (
    "id", "path", "page", "row", "client", "clinician", "credentials", "date_of_service", "start",
    "end", "minutes", "cpt", "note_type", "note_type_confidence", "score", "verdict",
    "exposure_amount", "exposure_reason", "exposure_basis", "failed_criteria",
)
FINDING_COLUMNS = (
    "note_id", "client", "clinician", "date_of_service", "criterion", "status", "severity", "message",
    "evidence", "searched", "fix", "rule_id", "citation",
)
CLAIM_COLUMNS = (
    "claim_id", "client", "clinician", "date_of_service", "cpt", "units", "paid", "billed", "note_id",
    "status", "exposure_amount", "exposure_reason", "exposure_basis",
)


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return "" if value is None else value


def write_table(handle: IO[str], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Stream one table to a text handle (opened with newline=""): findings.csv of a large
    practice is over a gigabyte and is never held in memory whole."""
    handle.write("\ufeff")
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow(columns)
    triggers = FORMULA_TRIGGERS
    for row in rows:
        # safe_cell, inlined: this runs for every cell of every finding.
        writer.writerow([
            ("'" + value if value.startswith(triggers) else value) if type(value) is str
            else ("" if value is None else safe_cell(value))
            for value in row
        ])


def _table(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    write_table(buffer, columns, rows)
    return buffer.getvalue().encode("utf-8")


def _exposure(item: Any) -> tuple[Any, str, str]:
    exposure = item.exposure
    return (exposure.amount, exposure.reason, exposure.basis) if exposure is not None else (None, "", "")


def note_rows(notes: Iterable[NoteResult]) -> Iterable[list[Any]]:
    for note in sorted(notes, key=source_order_key):
        failed = sorted({f.criterion for f in note.findings if f.status == "fail"})
        yield [
            note.id, note.source.path, note.source.page, note.source.row, note.client, note.clinician,
            note.credentials, note.date_of_service, note.start, note.end, note.minutes, note.cpt,
            note.note_type, note.note_type_confidence, note.score, note.verdict, *_exposure(note),
            "; ".join(failed),
        ]


def finding_rows(notes: Iterable[NoteResult]) -> Iterable[list[Any]]:
    for note in sorted(notes, key=source_order_key):
        for f in note.findings:
            yield [
                note.id, note.client, note.clinician, note.date_of_service, f.criterion, f.status,
                f.severity, f.message, " … ".join(span.text for span in f.evidence), f.searched, f.fix,
                f.rule_id, f.citation,
            ]


def csv_tables(result: AuditResult) -> dict[str, tuple[Sequence[str], Iterable[Sequence[Any]]]]:
    """File name -> (columns, rows, produced lazily); claims.csv only when the scan had claims."""
    tables: dict[str, tuple[Sequence[str], Iterable[Sequence[Any]]]] = {
        "notes.csv": (NOTE_COLUMNS, note_rows(result.notes)),
        "findings.csv": (FINDING_COLUMNS, finding_rows(result.notes)),
    }
    if result.claims:
        tables["claims.csv"] = (
            CLAIM_COLUMNS,
            ([c.claim_id, c.client, c.clinician, c.date_of_service, c.cpt, c.units, c.paid, c.billed,
              c.note_id, c.status, *_exposure(c)] for c in result.claims),
        )
    return tables


def render_csv(result: AuditResult) -> dict[str, bytes]:
    """File name -> bytes (small results, tests; write_reports streams with write_table)."""
    return {name: _table(columns, rows) for name, (columns, rows) in csv_tables(result).items()}

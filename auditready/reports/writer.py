"""`write_reports`: every requested format rendered, then moved into place together.

Layout of the output folder:
  audit.json                  the contract (DESIGN.md)
  notes.csv, findings.csv     (+ claims.csv with a claims file)
  audit.xlsx                  Summary, Clinicians, Notes, Findings, Claims, Inputs
  index.html                  practice overview
  clinicians/<name>.html      one page per clinician, with the worst notes in detail
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from auditready.models import AuditResult
from auditready.reports.csv_report import csv_tables, write_table
from auditready.reports.html_report import iter_html
from auditready.reports.json_report import write_json
from auditready.reports.staging import StagedFiles, private_dir
from auditready.reports.summaries import source_order_key
from auditready.reports.xlsx_report import render_xlsx

FORMATS = ("json", "csv", "xlsx", "html")
CLINICIAN_FOLDER = "clinicians"


def parse_formats(text: str) -> set[str]:
    """"json,html" -> {"json", "html"}; "all" -> every format. ValueError names the bad one."""
    wanted = {part.strip().lower() for part in text.split(",") if part.strip()}
    if "all" in wanted:
        return set(FORMATS)
    unknown = sorted(wanted - set(FORMATS))
    if unknown or not wanted:
        raise ValueError(f"unknown report format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}")
    return wanted


def write_reports(result: AuditResult, out_dir: Path, formats: set[str]) -> dict[str, Path]:
    """Write the requested formats into `out_dir` (created 0700; files 0600) and return the
    written files by name ("json", "notes_csv", "findings_csv", "claims_csv", "xlsx", "html",
    "clinician:<file>").

    All files are rendered to temporary files first; if any renderer raises, none of the
    previous report's files is touched and the temporaries are removed.
    """
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown report format(s): {', '.join(sorted(unknown))}")
    out_dir = private_dir(Path(out_dir))
    ordered = dataclasses.replace(result, notes=sorted(result.notes, key=source_order_key))
    written: dict[str, Path] = {}
    html_pages: set[str] = set()
    with StagedFiles(out_dir) as staged:
        if "json" in formats:
            with open(staged.temp_path("audit.json"), "w", encoding="utf-8") as handle:
                write_json(ordered, handle)
            written["json"] = out_dir / "audit.json"
        if "csv" in formats:
            for name, (columns, rows) in csv_tables(ordered).items():
                with open(staged.temp_path(name), "w", encoding="utf-8", newline="") as handle:
                    write_table(handle, columns, rows)
                written[name.replace(".", "_")] = out_dir / name
        if "xlsx" in formats:
            render_xlsx(ordered, staged.temp_path("audit.xlsx"))
            written["xlsx"] = out_dir / "audit.xlsx"
        if "html" in formats:
            for name, page in iter_html(ordered):  # one page in memory at a time
                staged.write_text(name, page)
                html_pages.add(name)
                written["html" if name == "index.html" else f"clinician:{name}"] = out_dir / name
        staged.commit()
    if "html" in formats:
        _remove_stale_pages(out_dir, html_pages)
    return written


def _remove_stale_pages(out_dir: Path, current: set[str]) -> None:
    """Pages of clinicians from an earlier run into the same folder would otherwise linger
    (and could hold names a de-identified run meant to hide)."""
    folder = out_dir / CLINICIAN_FOLDER
    if not folder.is_dir():
        return
    for page in folder.glob("*.html"):
        if f"{CLINICIAN_FOLDER}/{page.name}" not in current:
            page.unlink()

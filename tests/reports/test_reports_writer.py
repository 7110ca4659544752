"""write_reports: private files, all-or-nothing replacement, stale pages removed."""

from __future__ import annotations

import json
import os
import stat

import jinja2
import pytest

from auditready.reports import parse_formats, write_reports
from auditready.reports.summaries import build_summaries

ALL = {"json", "csv", "xlsx", "html"}


def _mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_files_are_private(claims_result, default_fees, tmp_path):
    build_summaries(claims_result, fees=default_fees)
    out = tmp_path / "report"
    written = write_reports(claims_result, out, ALL)
    assert _mode(out) == 0o700 and _mode(out / "clinicians") == 0o700
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len(files) == len(written) == 8
    assert all(_mode(p) == 0o600 for p in files)
    assert sorted(p.name for p in out.iterdir()) == [
        "audit.json", "audit.xlsx", "claims.csv", "clinicians", "findings.csv", "index.html", "notes.csv"]


def test_existing_folder_is_tightened(notes_result, default_fees, tmp_path):
    out = tmp_path / "shared"
    out.mkdir(mode=0o755)
    build_summaries(notes_result, fees=default_fees)
    write_reports(notes_result, out, {"json"})
    assert _mode(out) == 0o700 and _mode(out / "audit.json") == 0o600


def test_failed_render_leaves_the_previous_report_intact(claims_result, notes_result, default_fees, tmp_path):
    out = tmp_path / "report"
    build_summaries(claims_result, fees=default_fees)
    write_reports(claims_result, out, ALL)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    # No summaries built: JSON, CSV and XLSX render, then the HTML template fails.
    notes_result.summary = {}
    with pytest.raises(jinja2.UndefinedError):
        write_reports(notes_result, out, ALL)
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before  # same files, same bytes, no temporaries left behind
    assert json.loads((out / "audit.json").read_text())["summary"]["exposure"]["total"] == 450.49


def test_stale_clinician_pages_are_removed(claims_result, default_fees, tmp_path):
    out = tmp_path / "report"
    build_summaries(claims_result, fees=default_fees)
    write_reports(claims_result, out, {"html"})
    assert (out / "clinicians" / "dana-whitfield-lcsw.html").exists()
    claims_result.notes = [n for n in claims_result.notes if "Okafor" in (n.clinician or "")]
    claims_result.claims = [c for c in claims_result.claims if "Okafor" in c.clinician]
    build_summaries(claims_result, fees=default_fees)
    write_reports(claims_result, out, {"html"})
    assert sorted(p.name for p in (out / "clinicians").iterdir()) == ["dr-samuel-okafor-psyd.html"]


def test_formats(notes_result, default_fees, tmp_path):
    assert parse_formats("json, HTML") == {"json", "html"}
    assert parse_formats("all") == ALL
    with pytest.raises(ValueError, match="pdf"):
        parse_formats("json,pdf")
    with pytest.raises(ValueError):
        write_reports(notes_result, tmp_path, {"docx"})
    build_summaries(notes_result, fees=default_fees)
    written = write_reports(notes_result, tmp_path / "only-csv", {"csv"})
    assert set(written) == {"notes_csv", "findings_csv"}  # no claims file, no claims.csv


def test_csv_cells_cannot_become_formulas(notes_result, default_fees, tmp_path):
    notes_result.notes[0].client = "=HYPERLINK(\"http://evil.example\")"
    notes_result.notes[0].findings[0].message = "+SUM(1)"
    build_summaries(notes_result, fees=default_fees)
    write_reports(notes_result, tmp_path, {"csv"})
    notes_csv = (tmp_path / "notes.csv").read_text(encoding="utf-8-sig")
    findings_csv = (tmp_path / "findings.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in notes_csv and ",=HYPERLINK" not in notes_csv
    assert ",'+SUM(1)," in findings_csv
    assert notes_csv.startswith("id,path,page,row,client")

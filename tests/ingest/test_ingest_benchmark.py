"""The ingest benchmark runs end to end on a tiny corpus (its numbers are not judged here)."""

from __future__ import annotations

import json
import subprocess
import sys


def test_benchmark_runs_on_a_tiny_corpus(tmp_path, make):
    corpus, results_file = tmp_path / "corpus", tmp_path / "results.json"
    command = [sys.executable, "-m", "benchmarks.ingest", "--notes", "20", "--out", str(corpus),
               "--repeat", "1", "--compare-files", "2", "--json", str(results_file)]
    run = subprocess.run(command, cwd=make.repo_root, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    for label in ("files/s", "notes/s", "peak RSS", "raw pypdfium2", "pdfplumber"):
        assert label in run.stdout
    results = json.loads(results_file.read_text())
    manifest = json.loads((corpus / "manifest.json").read_text())
    files = sum(manifest["files"].values())
    full = results["full_ingest"]
    assert manifest["notes"] == 20 and set(manifest["files"]) == {"pdf_single", "pdf_chart", "docx", "xlsx", "csv"}
    assert full["files"] == files and full["statuses"] == {"parsed": files}
    if full["counted_by"] == "document parts":  # one note per page, body and row by construction
        assert full["notes"] == 20
    else:
        assert full["notes"] > 0
    assert results["pdf_vs_raw"]["pages"] == manifest["notes_by_kind"]["pdf_single"] + manifest["notes_by_kind"]["pdf_chart"]
    assert results["engines"]["files"] == 2

    again = subprocess.run(command, cwd=make.repo_root, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and "reused" in again.stdout.splitlines()[0]

"""Worker processes change nothing in the result: same rows, notes, findings, in input order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hardening_builders import build_practice

from auditready.ingest import IngestOptions, ingest_paths
from auditready.pipeline import ScanOptions, scan
from auditready.reports.json_report import audit_dict
from auditready import scanwork

# Notes per judging task, lowered so that a 45-row export is judged in three chunks spread over
# the workers (the workers are forked, so they see the lowered value too).
CHUNK = 20
TABLE_NOTES = 2 * CHUNK + 5


@pytest.fixture(scope="module", autouse=True)
def small_chunks():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(scanwork, "SCORE_CHUNK_NOTES", CHUNK)
        yield


def _audit(paths: list[Path], **options) -> dict:
    return audit_dict(scan(paths, ScanOptions(**options)))


@pytest.fixture(scope="module")
def big_practice(tmp_path_factory) -> Path:
    return build_practice(tmp_path_factory.mktemp("parallel") / "exports", table_notes=TABLE_NOTES)


@pytest.fixture(scope="module")
def in_process(big_practice) -> dict:
    return _audit([big_practice], jobs=1)


def test_workers_give_exactly_the_sequential_result(big_practice, in_process):
    pooled = _audit([big_practice], jobs=2, file_timeout=60)
    assert json.dumps(pooled, sort_keys=True) == json.dumps(in_process, sort_keys=True)


def test_one_worker_with_a_time_limit_gives_the_same_result(big_practice, in_process):
    single = _audit([big_practice], jobs=1, file_timeout=60)
    assert json.dumps(single, sort_keys=True) == json.dumps(in_process, sort_keys=True)


def test_rows_follow_discovery_order_and_match_ingest(big_practice, in_process):
    ingested = ingest_paths([big_practice], IngestOptions())
    rows = [(r["path"], r["status"], r["reason"]) for r in in_process["inputs"]]
    assert rows == [(r.path, r.status, r.reason) for r in ingested.inputs]
    notes_per_file = {r["path"]: r["notes"] for r in in_process["inputs"]}
    assert notes_per_file["export.csv"] == TABLE_NOTES
    assert notes_per_file["pdf/chart.pdf"] == 4
    assert notes_per_file["batch.zip!inner/note-z.docx"] == 1
    # Every note of a chunked file, each once, numbered in row order.
    csv_ids = [n["id"] for n in in_process["notes"] if n["source"]["path"] == "export.csv"]
    assert csv_ids == [f"export.csv#{i}" for i in range(1, TABLE_NOTES + 1)]
    assert len({n["id"] for n in in_process["notes"]}) == len(in_process["notes"])


def test_duplicate_empty_and_unsupported_files_keep_their_rows(big_practice, in_process):
    rows = {r["path"]: r for r in in_process["inputs"]}
    assert rows["z-copy-of-note-1.pdf"]["status"] == "skipped"
    assert rows["z-copy-of-note-1.pdf"]["reason"] == "exact duplicate of pdf/note-1.pdf (same SHA-256); read once"
    assert rows["z-copy-of-note-1.pdf"]["notes"] == 0
    assert rows["empty.docx"]["status"] == "error" and "empty file" in rows["empty.docx"]["reason"]
    assert rows["scan.doc"]["status"] == "skipped" and ".doc files are not read" in rows["scan.doc"]["reason"]
    assert not any(n["source"]["path"] == "z-copy-of-note-1.pdf" for n in in_process["notes"])


def test_the_cli_takes_jobs_and_file_timeout(tmp_path):
    from click.testing import CliRunner

    from auditready.cli import main

    folder = build_practice(tmp_path / "small", table_notes=3)
    runner = CliRunner()
    result = runner.invoke(main, ["scan", str(folder), "--out", str(tmp_path / "out"), "--jobs", "2",
                                  "--file-timeout", "30", "--format", "json", "-q"])
    assert result.exit_code == 3, result.output  # empty.docx could not be read
    assert json.loads((tmp_path / "out" / "audit.json").read_text())["inputs"]
    refused = runner.invoke(main, ["scan", str(folder), "--jobs", "0"])
    assert refused.exit_code == 2 and "--jobs" in refused.output
    refused = runner.invoke(main, ["scan", str(folder), "--file-timeout", "-1"])
    assert refused.exit_code == 2 and "--file-timeout" in refused.output

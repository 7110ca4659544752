"""A file that hangs or kills its reader becomes an `error` row; the scan goes on.

The hanging and crashing readers (hardening_plugins.py) are plugged in through
auditready.ingest.READERS, the documented plug-in point: either by hardening_plugins.py running
the real command line in a child process, or in this process before the command line runs
(the scan's workers are forked from it). The slow input is a genuine 2,000-page PDF read under
a short --file-timeout.
"""

from __future__ import annotations

import faulthandler
import json
import time
from pathlib import Path

import pytest
import hardening_plugins
from hardening_builders import HERE, docx_bytes, many_page_pdf, note_text, pdf_bytes, run_cli

from auditready.ingest import READERS
from auditready.parallel import DONE, TIMEOUT, WorkerPool
from auditready.scanwork import CRASH_REASON

PLUGINS = HERE / "hardening_plugins.py"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "a-note.pdf").write_bytes(pdf_bytes([note_text("Ana Diaz", 3)]))
    (folder / "b-note.docx").write_bytes(docx_bytes(note_text("Ben Okafor", 4)))
    (folder / "stuck.txt").write_text(note_text("Cleo Sato", 5))
    (folder / "z-note.pdf").write_bytes(pdf_bytes([note_text("Dev Patel", 6)]))
    return folder


def _rows(out: Path) -> dict[str, dict]:
    return {row["path"]: row for row in json.loads((out / "audit.json").read_text())["inputs"]}


def test_a_reader_that_hangs_is_stopped_and_its_file_becomes_an_error(tmp_path):
    # A child process, as a user runs it: it must also exit although the stuck worker ignores
    # SIGTERM.
    out = tmp_path / "out"
    run = run_cli(["hang", "text", "scan", str(_folder(tmp_path)), "--out", str(out), "--format", "json",
                   "--jobs", "2", "--file-timeout", "2"], script=PLUGINS, timeout=180)
    assert run.returncode == 3, run.stderr  # 3: reports written, some files could not be read
    rows = _rows(out)
    assert rows["stuck.txt"]["status"] == "error"
    assert rows["stuck.txt"]["reason"].startswith("took longer than 2 s to read; the file may be damaged")
    assert rows["stuck.txt"]["notes"] == 0
    for name in ("a-note.pdf", "b-note.docx", "z-note.pdf"):  # read before and after the stuck file
        assert rows[name]["status"] == "parsed" and rows[name]["notes"] == 1, name
    assert "stuck.txt" in run.stdout and "took longer than 2 s" in run.stdout


def _scan_in_process(folder: Path, out: Path, reader, *options: str):
    """The command line in this process with `reader` plugged in for .txt files; the scan's
    workers are forked from here and inherit it."""
    from click.testing import CliRunner

    from auditready.cli import main

    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(READERS, "text", reader)
        return CliRunner().invoke(main, ["scan", str(folder), "--out", str(out), "--format", "json", *options])


def test_with_one_job_the_time_limit_still_holds(tmp_path):
    out = tmp_path / "out"
    result = _scan_in_process(_folder(tmp_path), out, hardening_plugins.hang, "--jobs", "1", "--file-timeout", "1")
    assert result.exit_code == 3, result.output
    rows = _rows(out)
    assert rows["stuck.txt"]["status"] == "error" and rows["stuck.txt"]["reason"].startswith("took longer than 1 s")
    assert all(rows[name]["status"] == "parsed" for name in ("a-note.pdf", "b-note.docx", "z-note.pdf"))


def test_a_reader_that_crashes_becomes_an_error_row(tmp_path):
    out = tmp_path / "out"
    # pytest's fault handler would print the dying worker's stack; a user's run prints nothing.
    handler_was_on = faulthandler.is_enabled()
    faulthandler.disable()
    try:
        result = _scan_in_process(_folder(tmp_path), out, hardening_plugins.crash, "--jobs", "2")
    finally:
        if handler_was_on:
            faulthandler.enable()
    assert result.exit_code == 3, result.output
    rows = _rows(out)
    assert rows["stuck.txt"]["status"] == "error" and rows["stuck.txt"]["reason"] == CRASH_REASON
    assert all(rows[name]["status"] == "parsed" for name in ("a-note.pdf", "b-note.docx", "z-note.pdf"))


def test_a_genuinely_slow_file_is_cut_off_by_the_file_timeout(tmp_path):
    folder = _folder(tmp_path)
    (folder / "stuck.txt").unlink()
    (folder / "long-chart.pdf").write_bytes(many_page_pdf(2000))
    out = tmp_path / "out"
    run = run_cli(["scan", str(folder), "--out", str(out), "--format", "json", "--jobs", "2",
                   "--file-timeout", "0.3"], timeout=180)
    assert run.returncode == 3, run.stderr
    rows = _rows(out)
    assert rows["long-chart.pdf"]["status"] == "error"
    assert rows["long-chart.pdf"]["reason"].startswith("took longer than 0.3 s to read")
    assert all(rows[name]["status"] == "parsed" for name in ("a-note.pdf", "b-note.docx", "z-note.pdf"))


def test_help_documents_the_limits():
    run = run_cli(["scan", "--help"])
    assert "--file-timeout SECONDS" in run.stdout and "--jobs N" in run.stdout
    assert "120" in run.stdout


# ------------------------------------------------------------------------ the pool on its own


def _work(state: float, payload: tuple[str, float], started) -> str:
    """Sleeps before (`slow_read`) or after (`slow_judge`) saying the guarded part is over."""
    kind, seconds = payload
    if kind == "slow_read":
        time.sleep(seconds)
    started()
    if kind == "slow_judge":
        time.sleep(seconds)
    return f"{kind} done"


def test_pool_kills_a_task_over_its_limit_and_keeps_working():
    with WorkerPool(1, _work, 0.0) as pool:
        pool.submit(1, ("slow_read", 30.0), timeout=0.5)
        event = pool.next_event()
        assert (event.kind, event.task_id) == (TIMEOUT, 1)
        # The replacement worker runs the next task; time after started() is not limited.
        pool.submit(2, ("slow_judge", 1.0), timeout=0.5)
        event = pool.next_event()
        assert (event.kind, event.task_id, event.value) == (DONE, 2, "slow_judge done")

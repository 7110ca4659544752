"""`auditready demo` end to end: the sample practice in, every report format out, and the
audit.json contents matching what sample_data holds and what its author planted."""

from __future__ import annotations

import stat
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data"

CONTRACT_NOTE_KEYS = {
    "id", "source", "client", "clinician", "credentials", "date_of_service", "start", "end",
    "minutes", "cpt", "note_type", "note_type_confidence", "score", "verdict", "findings", "exposure",
}


def _sample_files(folder: str) -> set[str]:
    root = SAMPLE / folder
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_demo_succeeds_and_prints_summary_and_report_path(demo_run):
    result, out, _ = demo_run
    assert result.exit_code == 0, result.output
    assert "Files:" in result.output and "Verdicts:" in result.output
    assert str(out / "index.html") in result.output


def test_demo_writes_every_format_readable_by_user_only(demo_run):
    _, out, _ = demo_run
    for name in ("audit.json", "audit.xlsx", "index.html", "notes.csv", "findings.csv"):
        path = out / name
        assert path.is_file(), name
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, name
    assert stat.S_IMODE(out.stat().st_mode) == 0o700


def test_every_sample_export_appears_once_in_the_intake_table(demo_run):
    _, _, audit = demo_run
    listed = [row["path"] for row in audit["inputs"]]
    exported = _sample_files("exports")
    assert exported
    for name in exported:
        assert listed.count(name) == 1, name
    assert all(row["status"] == "parsed" for row in audit["inputs"]), audit["inputs"]


def test_notes_match_the_sample_manifest(demo_run, expected_situations):
    _, _, audit = demo_run
    expected = expected_situations["notes"]
    assert len(audit["notes"]) == len(expected)
    by_id = {note["id"]: note for note in audit["notes"]}
    for entry in expected:
        note = by_id[f"{entry['source'].removeprefix('exports/')}#{entry['note']}"]
        assert set(note) >= CONTRACT_NOTE_KEYS
        assert note["client"] == entry["client"], note["id"]
        assert note["date_of_service"] == entry["date_of_service"], note["id"]
        assert note["note_type"] == entry["note_type"], note["id"]
        if entry.get("cpt"):
            assert note["cpt"] == entry["cpt"], note["id"]
        if entry.get("minutes") is not None:
            assert note["minutes"] == entry["minutes"], note["id"]
        if "page" in entry:
            assert note["source"]["page"] == entry["page"], note["id"]
        if "row" in entry:
            assert note["source"]["row"] == entry["row"], note["id"]


def test_intake_counts_add_up_to_the_notes(demo_run):
    _, _, audit = demo_run
    counted = sum(row["notes"] for row in audit["inputs"] if row["path"] in _sample_files("exports"))
    assert counted == len(audit["notes"])

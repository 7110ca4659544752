"""Shared helpers of the golden tests: where the sample data is, how an expected note of
sample_data/expected_situations.yaml is found in a scan result, and how a finding is shown in a
failure message (criterion, status, severity, message, evidence, what was searched)."""

from __future__ import annotations

from pathlib import Path

import yaml

from auditready.models import AuditResult, Finding, NoteResult

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
SAMPLE_DIR = REPO_ROOT / "sample_data"
EXPECTED_FILE = SAMPLE_DIR / "expected_situations.yaml"
REVIEW_FILE = HERE / "sample_data_review.yaml"
EXPORTS_PREFIX = "exports/"


def load_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def note_id(expected_note: dict) -> str:
    """The scan's note id ("path#n", path relative to the scanned exports/ folder) of a note
    listed in expected_situations.yaml (source relative to sample_data/, 1-based note)."""
    source = expected_note["source"]
    assert source.startswith(EXPORTS_PREFIX), f"{expected_note['key']}: source {source!r} is not under exports/"
    return f"{source[len(EXPORTS_PREFIX):]}#{expected_note['note']}"


class ScannedSample:
    """One scan of the sample data, indexed for lookups by expected-note key."""

    def __init__(self, result: AuditResult, expected: dict):
        self.result = result
        self.expected = expected
        self.by_id: dict[str, NoteResult] = {note.id: note for note in result.notes}
        self.id_of_key: dict[str, str] = {note["key"]: note_id(note) for note in expected["notes"]}

    def note(self, key: str) -> NoteResult:
        wanted = self.id_of_key[key]
        found = self.by_id.get(wanted)
        assert found is not None, (
            f"{key}: the scan has no note {wanted!r} (notes found: {len(self.by_id)}; "
            f"inputs not parsed: {[(i.path, i.status, i.reason) for i in self.result.inputs if i.status != 'parsed']})"
        )
        return found

    def finding(self, key: str, criterion: str) -> Finding | None:
        matching = [f for f in self.note(key).findings if f.criterion == criterion]
        assert len(matching) <= 1, f"{key}: {len(matching)} findings for {criterion}"
        return matching[0] if matching else None


def show(finding: Finding | None) -> str:
    """A finding as a failure message shows it: status, severity, message, evidence, searched."""
    if finding is None:
        return "no finding at all"
    evidence = " | ".join(" ".join(span.text.split())[:160] for span in finding.evidence) or "none"
    shown = f"{finding.status} [{finding.severity}] {finding.message!r}; evidence: {evidence}"
    if finding.searched:
        shown += f"; searched: {finding.searched[:200]}"
    return shown


def mismatch(key: str, scanned: ScannedSample, criterion: str, wanted: str) -> str | None:
    """None when the note's finding for `criterion` has status `wanted`, else a line naming the
    note, the criterion, the expected and actual status and the finding's message and evidence."""
    finding = scanned.finding(key, criterion)
    actual = finding.status if finding is not None else "absent"
    if actual == wanted:
        return None
    return (f"{key} ({scanned.id_of_key[key]}) {criterion}: expected {wanted}, got {actual}: "
            f"{show(finding)}")

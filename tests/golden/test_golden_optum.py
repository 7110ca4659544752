"""The sample data under the optum pack, where it deliberately differs from common
(scoring_models/optum.yaml): a note documenting only a total (no clock times) fails
time_documented as a risk, not fatally (TIM001); no time at all stays fatal; a 90837 note must
say why the session ran past 52 minutes (TIM003, extended_session_rationale)."""

from __future__ import annotations

import pytest
from golden_helpers import EXPECTED_FILE, load_yaml, show

EXPECTED = load_yaml(EXPECTED_FILE)
NOTES = {note["key"]: note for note in EXPECTED["notes"]}


def _finding(scanned, key: str, criterion: str):
    found = scanned.finding(key, criterion)
    assert found is not None, f"{key}: no {criterion} finding under optum"
    return found


# The legacy CSV export records a duration and no clock times (sample_data/README.md).
DURATION_ONLY = [key for key, note in NOTES.items()
                 if note["source"].endswith(".csv") and note.get("minutes") and not note.get("start")]


def test_the_sample_holds_duration_only_notes() -> None:
    assert len(DURATION_ONLY) == 8


@pytest.mark.parametrize("key", DURATION_ONLY)
def test_duration_only_note_fails_time_documented_as_a_risk(optum_scan, key: str) -> None:
    finding = _finding(optum_scan, key, "time_documented")
    assert (finding.status, finding.severity) == ("fail", "risk"), f"{key}: {show(finding)}"
    assert optum_scan.note(key).minutes == NOTES[key]["minutes"]


def test_duration_only_note_passes_time_documented_under_common(common_scan) -> None:
    for key in DURATION_ONLY:
        finding = common_scan.finding(key, "time_documented")
        assert finding is not None and finding.status == "pass", f"{key}: {show(finding)}"


def test_a_note_without_any_time_stays_fatal(optum_scan) -> None:
    finding = _finding(optum_scan, "marchbank-2025-08-05", "time_documented")
    assert (finding.status, finding.severity) == ("fail", "fatal"), show(finding)


def test_90837_without_a_rationale_fails_extended_session_rationale(optum_scan) -> None:
    # Behavioral activation, 55 minutes, nothing about why the session ran long.
    assert NOTES["quill-2025-02-04"]["cpt"] == "90837"
    finding = _finding(optum_scan, "quill-2025-02-04", "extended_session_rationale")
    assert (finding.status, finding.severity) == ("fail", "risk"), show(finding)
    assert finding.searched


def test_90837_with_a_rationale_passes(optum_scan) -> None:
    # "The 58-minute session was needed to complete processing sets ..." (EMDR)
    finding = _finding(optum_scan, "fairhaven-2025-03-06", "extended_session_rationale")
    assert finding.status == "pass", show(finding)
    assert finding.evidence


def test_extended_session_rationale_applies_only_to_90837(optum_scan) -> None:
    finding = _finding(optum_scan, "larkspur-2025-03-12", "extended_session_rationale")
    assert NOTES["larkspur-2025-03-12"]["cpt"] == "90834"
    assert finding.status == "not_applicable", show(finding)

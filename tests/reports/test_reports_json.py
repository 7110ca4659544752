"""audit.json against the DESIGN.md contract (schema_version 1): exactly those names, in order."""

from __future__ import annotations

import json

import pytest

from auditready.reports.json_report import render_json
from auditready.reports.summaries import build_summaries

TOP = ["schema_version", "tool", "pack", "inputs", "notes", "clones", "claims", "clinicians"]
INPUT = ["path", "format", "status", "notes", "reason"]
NOTE = ["id", "source", "client", "clinician", "credentials", "date_of_service", "start", "end", "minutes", "cpt",
        "note_type", "note_type_confidence", "score", "verdict", "findings", "exposure"]
FINDING = ["criterion", "status", "severity", "message", "fix", "evidence", "searched"]
CLAIM = ["claim_id", "client", "clinician", "date_of_service", "cpt", "paid", "note_id", "status", "exposure"]
CLINICIAN = ["clinician", "notes", "score", "verdicts", "exposure", "top_deficiencies"]


def _in_order(keys, expected):
    """Every contract key is present and they appear in the contract's order (extras may follow)."""
    positions = [keys.index(k) for k in expected]
    return positions == sorted(positions)


@pytest.fixture
def audit(claims_result, default_fees):
    build_summaries(claims_result, fees=default_fees)
    return json.loads(render_json(claims_result))


def test_contract_keys_and_order(audit):
    assert _in_order(list(audit), TOP)
    assert audit["schema_version"] == 1
    assert set(audit["tool"]) >= {"name", "version"} and set(audit["pack"]) >= {"id", "version"}
    for record in audit["inputs"]:
        assert _in_order(list(record), INPUT) and record["status"] in {"parsed", "skipped", "error"}
    for note in audit["notes"]:
        assert _in_order(list(note), NOTE)
        assert list(note["source"])[:3] == ["path", "page", "row"]
        assert set(note["exposure"]) >= {"amount", "reason"}
        assert "text" not in note
        for finding in note["findings"]:
            assert _in_order(list(finding), FINDING)
            assert finding["status"] in {"pass", "fail", "not_applicable"}
            for evidence in finding["evidence"]:
                assert list(evidence) == ["start", "end", "text"]
    for clone in audit["clones"]:
        assert _in_order(list(clone), ["notes", "similarity"])
    for claim in audit["claims"]:
        assert _in_order(list(claim), CLAIM)
    for clinician in audit["clinicians"]:
        assert _in_order(list(clinician), CLINICIAN)
        assert list(clinician["exposure"]) == ["total", "extrapolated_point", "extrapolated_lower_90"]


def test_values(audit):
    first = audit["notes"][0]
    assert first["id"] == "exports/Quintanilla_Marisol.pdf#1"  # source order: path, page, row
    assert [n["source"]["path"] for n in audit["notes"]] == sorted(n["source"]["path"] for n in audit["notes"])
    assert first["date_of_service"] == "2025-03-04" and first["exposure"]["amount"] == 45.49
    assert "claims paid amount" in first["exposure"]["basis"]
    claims = {c["claim_id"]: c for c in audit["claims"]}
    assert claims["C-1003"]["status"] == "denied" and claims["C-1003"]["exposure"]["amount"] == 0.0
    assert audit["summary"]["exposure"]["total"] == 450.49


def test_render_is_stable(claims_result, default_fees):
    build_summaries(claims_result, fees=default_fees)
    assert render_json(claims_result) == render_json(claims_result)


def test_not_a_number_is_refused(notes_result):
    notes_result.notes[0].fields["weird"] = float("nan")
    with pytest.raises(ValueError):
        render_json(notes_result)


def test_streamed_file_equals_one_shot_dump(claims_result, default_fees):
    from auditready.reports.json_report import audit_dict

    build_summaries(claims_result, fees=default_fees)
    expected = json.dumps(audit_dict(claims_result), ensure_ascii=False, indent=2) + "\n"
    assert render_json(claims_result).decode("utf-8") == expected
    claims_result.clones = []
    assert json.loads(render_json(claims_result))["clones"] == []

"""The external sample notes (../shared/external-notes, public fixture data of other projects)
judged end to end - ingest, split, classify, rules - against what a careful auditor said about
each note after reading it (tests/rules/golden/external_notes.json)."""

from __future__ import annotations

import json
from functools import cache

import pytest
from rules_helpers import EXTERNAL_NOTES, GOLDEN_DIR

from auditready.classify import classify
from auditready.ingest import IngestOptions, ingest_paths
from auditready.ingest.split import split_document
from auditready.rules import RuleContext, evaluate_note, load_pack, score_and_verdict

GOLDEN = json.loads((GOLDEN_DIR / "external_notes.json").read_text(encoding="utf-8"))
CASES = [(pack, name) for pack in GOLDEN["packs"] for name in GOLDEN["notes"]]
RUN = RuleContext()

pytestmark = pytest.mark.skipif(not EXTERNAL_NOTES.is_dir(), reason="../shared/external-notes is not beside the repo")


@cache
def pack(name: str):
    return load_pack(name)


@cache
def notes_of(file_name: str):
    ingested = ingest_paths([EXTERNAL_NOTES / file_name], IngestOptions())
    return [note for document in ingested.documents for note in split_document(document)]


def test_golden_covers_every_external_note() -> None:
    on_disk = {path.name for path in EXTERNAL_NOTES.glob("*.txt")}
    assert on_disk == set(GOLDEN["notes"])


@pytest.mark.parametrize(("pack_name", "file_name"), CASES, ids=[f"{p}::{n}" for p, n in CASES])
def test_external_note_matches_the_auditor(pack_name: str, file_name: str) -> None:
    expected = GOLDEN["notes"][file_name]
    (note,) = notes_of(file_name)
    classification = classify(note)
    assert classification.note_type == expected["note_type"]
    findings = evaluate_note(note, classification, pack(pack_name), RUN)
    judged = {f.criterion: f.status for f in findings if f.status != "not_applicable"}
    wanted = dict(expected["findings"])
    if pack_name == "medi-cal":
        wanted.update(expected.get("medi-cal", {}))
    assert judged == wanted
    assert score_and_verdict(findings, pack(pack_name))[1] == expected["verdict"]

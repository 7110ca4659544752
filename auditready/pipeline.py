"""The scan, stage by stage: ingest -> split -> classify -> rules -> cross-note -> verdict ->
exposure -> summaries. Each stage is a plain function of the previous stage's data; this module
only calls them in order and assembles the AuditResult that every renderer reads."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from auditready import __version__
from auditready.classify import classify
from auditready.crossnote import run_crossnote
from auditready.crossnote.claims import load_claims
from auditready.crossnote.plans import load_plans
from auditready.ingest import ingest_paths
from auditready.ingest.options import IngestOptions
from auditready.ingest.split import split_document
from auditready.models import (
    AuditResult,
    Classification,
    Finding,
    InputRecord,
    Note,
    NoteResult,
)
from auditready.rules import evaluate_note, load_pack, score_and_verdict


@dataclass(frozen=True)
class ScanOptions:
    payer: str = "common"
    pack_path: Path | None = None
    plans: Path | None = None
    claims: Path | None = None
    fees: Path | None = None
    universe: int | None = None
    lookback: str | None = None
    deidentify: bool = False
    ingest: IngestOptions = field(default_factory=IngestOptions)


# Progress callbacks receive (stage name, items done, items total).
Progress = Callable[[str, int, int], None]


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


def read_notes(paths: Iterable[Path], options: IngestOptions) -> tuple[list[InputRecord], list[Note]]:
    """Ingest and split: every input file gets an intake row; its `notes` count is the number of
    notes split from it."""
    ingested = ingest_paths(list(paths), options)
    notes: list[Note] = []
    for document, record in ingested.pairs():
        found = split_document(document)
        record.notes += len(found)
        notes.extend(found)
    return ingested.inputs, notes


def merge_findings(single: list[Finding], cross: list[Finding]) -> list[Finding]:
    """A cross-note finding replaces the single-note finding of the same criterion (for example
    goal linkage judged against the real plan instead of goal language in the note)."""
    replaced = {finding.criterion for finding in cross}
    return [f for f in single if f.criterion not in replaced] + cross


def note_result(note: Note, classification: Classification, findings: list[Finding], pack) -> NoteResult:
    score, verdict = score_and_verdict(findings, pack)
    date_of_service = note.value("date_of_service")
    return NoteResult(
        id=note.id,
        source=note.source,
        client=note.value("client"),
        clinician=note.value("clinician") or note.value("signer"),
        credentials=note.value("credentials") or note.value("signer_credentials"),
        date_of_service=date_of_service.isoformat() if date_of_service else None,
        start=note.value("start"),
        end=note.value("end"),
        minutes=note.value("minutes"),
        cpt=note.value("cpt"),
        note_type=classification.note_type,
        note_type_confidence=round(classification.confidence, 3),
        note_type_signals=list(classification.signals),
        score=score,
        verdict=verdict,
        findings=findings,
    )

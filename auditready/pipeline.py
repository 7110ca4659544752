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
from auditready.exposure import assign_exposures, load_fees
from auditready.extrapolation import parse_lookback
from auditready.reports import build_summaries, deidentify, write_reports
from auditready.rules import RuleContext, evaluate_note, load_pack, score_and_verdict


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


# Note fields carried into audit.json beside the contract's own columns (de-identification
# needs client and client_id to find them in note text).
RESULT_FIELDS = ("client_id", "dob", "signer", "signer_credentials", "signed_date", "modifiers",
                 "place_of_service", "telehealth", "diagnoses", "declared_type", "clock_minutes")

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
        text=note.text,
        fields={name: note.value(name) for name in RESULT_FIELDS if note.value(name) is not None},
    )


def scan(paths: Iterable[Path], options: ScanOptions, progress: Progress = _no_progress) -> AuditResult:
    """Everything but writing: the AuditResult for the notes under `paths`."""
    pack = load_pack(options.pack_path or options.payer)
    fees = load_fees(options.fees)
    lookback = parse_lookback(options.lookback) if options.lookback else None

    inputs, notes = read_notes(paths, options.ingest)
    plans = claims = None
    if options.plans is not None:
        loaded_plans = load_plans(options.plans, options.ingest.column_overrides.get("plans"), options.ingest)
        inputs.extend(loaded_plans.inputs)
        plans = loaded_plans.plans
    if options.claims is not None:
        loaded_claims = load_claims(options.claims, options.ingest.column_overrides.get("claims"), options.ingest)
        inputs.extend(loaded_claims.inputs)
        claims = loaded_claims.claims

    classifications: dict[str, Classification] = {}
    findings: dict[str, list[Finding]] = {}
    for done, note in enumerate(notes, start=1):
        classifications[note.id] = classify(note)
        findings[note.id] = evaluate_note(note, classifications[note.id], pack, RuleContext())
        progress("scoring", done, len(notes))

    progress("cross-note checks", 0, 1)
    cross = run_crossnote(notes, classifications, pack, plans, claims, findings)
    progress("cross-note checks", 1, 1)

    results = []
    for note in notes:
        merged = merge_findings(findings[note.id], cross.findings_by_note.get(note.id, []))
        results.append(note_result(note, classifications[note.id], merged, pack))
    claim_results = cross.claim_results if claims is not None else None
    assign_exposures(results, claim_results, fees, pack.parameters.get("cpt_time_bands"))

    result = AuditResult(
        tool={"name": "auditready", "version": __version__},
        pack={"id": pack.id, "version": str(pack.version), "name": pack.name},
        inputs=inputs,
        notes=results,
        clones=cross.clones,
        claims=claim_results or [],
    )
    build_summaries(
        result,
        fees=fees,
        claims_provided=claims is not None,
        universe=options.universe,
        lookback=lookback,
    )
    result.summary["plans_provided"] = plans is not None
    if plans is None:
        result.summary.setdefault("notices", []).append(
            "No treatment plans were given (--plans): goal linkage was judged from goal language "
            "in each note, and plan currency was not checked."
        )
    if options.deidentify:
        deidentify(result, in_place=True)
    return result


def run_scan(
    paths: Iterable[Path],
    options: ScanOptions,
    out_dir: Path,
    formats: set[str],
    progress: Progress = _no_progress,
) -> tuple[AuditResult, dict[str, Path]]:
    """Scan and write the requested report formats into `out_dir` (atomically)."""
    result = scan(paths, options, progress)
    return result, write_reports(result, out_dir, formats)

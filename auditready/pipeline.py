"""The scan, stage by stage: ingest -> split -> classify -> rules -> cross-note -> verdict ->
exposure -> summaries. Each stage is a plain function of the previous stage's data; this module
only calls them in order and assembles the AuditResult that every renderer reads.

The per-file stages (ingest, split, classify, rules, and the text clone detection compares)
run together in worker processes, `ScanOptions.jobs` of them, each file under
`ScanOptions.file_timeout` (auditready/scanwork.py); with jobs=1 and no timeout they run in
this process. `timing`, if given, is told how long each stage took (benchmarks/run.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from auditready import __version__
from auditready.crossnote import CLONE_CHECK, NOT_CLONED, run_crossnote
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
from auditready.rules import load_pack, score_and_verdict
from auditready.scanwork import (
    CLASSIFY_STAGE,
    CLONE_TEXT_STAGE,
    READ_STAGE,
    RULES_STAGE,
    read_and_judge,
    work_context,
)


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
    # Worker processes for reading and judging files; 1 with no file_timeout = this process.
    jobs: int = 1
    # Seconds one file may take to read and split before it becomes an `error` row (its
    # worker is killed); None = no limit. The CLI sets 120.
    file_timeout: float | None = None


# Note fields carried into audit.json beside the contract's own columns (de-identification
# needs client and client_id to find them in note text).
RESULT_FIELDS = ("client_id", "dob", "signer", "signer_credentials", "signed_date", "modifiers",
                 "place_of_service", "telehealth", "diagnoses", "declared_type", "clock_minutes")

# Progress callbacks receive (stage name, items done, items total).
Progress = Callable[[str, int, int], None]


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


@dataclass(frozen=True, slots=True)
class StageTiming:
    """How long one stage of a scan took. `summed_over_workers`: the seconds are added up over
    the worker processes (CPU-bound work running side by side), not wall-clock time."""

    stage: str
    seconds: float
    items: int
    summed_over_workers: bool = False


Timing = Callable[[StageTiming], None]


@contextmanager
def _timed(timing: Timing | None, stage: str, items: Callable[[], int] = lambda: 0) -> Iterator[None]:
    started = time.perf_counter()
    yield
    if timing is not None:
        timing(StageTiming(stage, time.perf_counter() - started, items()))


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


def scan(
    paths: Iterable[Path],
    options: ScanOptions,
    progress: Progress = _no_progress,
    timing: Timing | None = None,
) -> AuditResult:
    """Everything but writing: the AuditResult for the notes under `paths`."""
    with _timed(timing, "load pack"):
        pack = load_pack(options.pack_path or options.payer)
        fees = load_fees(options.fees)
        lookback = parse_lookback(options.lookback) if options.lookback else None

    compares_clones = any(rule.check == CLONE_CHECK for rule in pack.rules_for(NOT_CLONED))
    context = work_context(options.ingest, pack, clone_texts=compares_clones)
    with _timed(timing, "read+judge (wall)", lambda: len(scanned.notes)):
        scanned = read_and_judge(paths, context, options.jobs, options.file_timeout, progress,
                                 stage="reading notes")
    if timing is not None:
        for stage in (READ_STAGE, CLASSIFY_STAGE, RULES_STAGE, CLONE_TEXT_STAGE):
            timing(StageTiming(stage, scanned.seconds.get(stage, 0.0), len(scanned.notes),
                               summed_over_workers=scanned.workers > 0))
    inputs, notes = scanned.inputs, scanned.notes
    classifications, findings = scanned.classifications, scanned.findings

    plans = claims = None
    with _timed(timing, "plans+claims"):
        if options.plans is not None:
            loaded_plans = load_plans(options.plans, options.ingest.column_overrides.get("plans"), options.ingest)
            inputs.extend(loaded_plans.inputs)
            plans = loaded_plans.plans
        if options.claims is not None:
            loaded_claims = load_claims(options.claims, options.ingest.column_overrides.get("claims"), options.ingest)
            inputs.extend(loaded_claims.inputs)
            claims = loaded_claims.claims

    progress("cross-note checks", 0, 1)
    with _timed(timing, "cross-note", lambda: len(notes)):
        cross = run_crossnote(notes, classifications, pack, plans, claims, findings, scanned.narratives)
    scanned.narratives.clear()
    progress("cross-note checks", 1, 1)

    summaries_started = time.perf_counter()
    results = []
    for note in notes:
        merged = merge_findings(findings[note.id], cross.findings_by_note.get(note.id, []))
        results.append(note_result(note, classifications[note.id], merged, pack))
    # The notes' fields and the per-stage maps are not needed any more; free them before the
    # summaries and reports (the results keep the text and the findings themselves).
    del notes
    scanned.notes.clear()
    classifications.clear()
    findings.clear()
    cross.findings_by_note.clear()
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
    if timing is not None:
        timing(StageTiming("exposure+summaries", time.perf_counter() - summaries_started, len(results)))
    if options.deidentify:
        with _timed(timing, "de-identify", lambda: len(results)):
            deidentify(result, in_place=True)
    return result


def run_scan(
    paths: Iterable[Path],
    options: ScanOptions,
    out_dir: Path,
    formats: set[str],
    progress: Progress = _no_progress,
    timing: Timing | None = None,
) -> tuple[AuditResult, dict[str, Path]]:
    """Scan and write the requested report formats into `out_dir` (atomically)."""
    result = scan(paths, options, progress, timing)
    with _timed(timing, "reports", lambda: len(result.notes)):
        try:
            written = write_reports(result, out_dir, formats)
        except OSError:
            raise  # an unwritable --out: its message names the path, which the user gave
        except Exception as exc:
            # A renderer's library may quote the value it refused (note text): name the type only.
            raise ReportError(
                f"could not write the reports: unexpected {type(exc).__name__} (please report it); "
                f"the reports already in {out_dir} were left as they were"
            ) from exc
    return result, written


class ReportError(ValueError):
    """Rendering the reports failed; nothing in the output folder was replaced."""

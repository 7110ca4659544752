"""Read, split and judge every input file: the per-file part of a scan, in worker processes.

For each input file a worker reads it (under the ingest limits), splits it into notes,
classifies and judges each note against the pack, and computes the text clone detection will
compare; it returns the notes with their findings and the file's intake row. The file's bytes
and its Document never leave the worker. A file with more than SCORE_CHUNK_NOTES notes (a
large XLSX or CSV export) comes back unjudged and its notes are judged in chunks by every
worker, so one big export still uses every core.

Limits: a file whose reading and splitting takes longer than `file_timeout` seconds gets an
`error` row ("took longer than N s to read; the file may be damaged") and its worker is killed
and replaced; judging the notes of a file that was read has no time limit (its cost grows with
the number of notes, not with damage). A worker that dies (a crash in a native parser, the OOM
killer) gives its file an `error` row too. With jobs=1 and no file timeout everything runs in
this process (no workers: for debugging, and what tests use).

Results are assembled in input order, whatever order the workers finish in, so a parallel scan
gives exactly the notes, rows and findings of a sequential one. Exact duplicates (same SHA-256)
are recognized in input order as ingest_paths does; a duplicate may be parsed by a worker
before it is recognized, and its notes are then dropped.
"""

from __future__ import annotations

import copyreg
import dataclasses
import io
import os
import pickle
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditready.classify import classify
from auditready.crossnote import EVIDENCE_FIELDS
from auditready.crossnote.clones import comparison_text
from auditready.ingest import (
    READERS,
    check_duplicate,
    entry_format,
    new_record,
    parse_bytes,
    record_failure,
)
from auditready.ingest.discover import Entry, iter_entries, read_disk_file
from auditready.ingest.errors import IngestError
from auditready.ingest.fields import extract_fields
from auditready.ingest.options import IngestOptions
from auditready.ingest.safety import sha256
from auditready.ingest.split import split_document
from auditready.models import ERROR, Classification, ExtractedField, Finding, InputRecord, Locator, Note, Span
from auditready.parallel import CRASHED, DONE, FAILED, TIMEOUT, Event, InProcess, WorkerPool
from auditready.rules import RuleContext, evaluate_note

# Notes judged by one task: large enough that sending them costs little beside judging them,
# small enough that one big export is shared among the workers.
SCORE_CHUNK_NOTES = 200

# Stages timed inside the per-file work (CPU seconds, summed over every worker).
READ_STAGE, CLASSIFY_STAGE, RULES_STAGE, CLONE_TEXT_STAGE = "ingest+split", "classify", "rules", "clone text"


def default_jobs() -> int:
    return os.cpu_count() or 1


@dataclass(frozen=True, slots=True)
class WorkContext:
    """What every worker needs; loaded once by the parent and inherited (or pickled)."""

    options: IngestOptions
    pack: Any
    readers: dict[str, Callable]
    clone_texts: bool  # the pack compares notes for clones: compute their comparison text


@dataclass(slots=True)
class ReadJob:
    record: InputRecord  # the row as discovery left it (path, format, size)
    fmt: str
    disk_path: str | None = None  # a file on disk: the worker reads it
    data: bytes | None = None  # an archive member: its bytes, read by the parent


@dataclass(slots=True)
class Judged:
    """Per note, in the notes' order: classification, findings, clone comparison text."""

    classifications: list[Classification] = field(default_factory=list)
    findings: list[list[Finding]] = field(default_factory=list)
    narratives: list[tuple[str, int] | None] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    failure: str = ""  # why judging stopped (names the note and the exception type only)


@dataclass(slots=True)
class ReadOutcome:
    record: InputRecord
    notes: list[Note]
    judged: Judged | None  # None when the notes are to be judged in chunks
    seconds: dict[str, float]


def _add(seconds: dict[str, float], stage: str, value: float) -> None:
    seconds[stage] = seconds.get(stage, 0.0) + value


def read_file(job: ReadJob, context: WorkContext, started: Callable[[], None] = lambda: None) -> ReadOutcome:
    """Read and split one file (then judge its notes if there are few). `started` is called
    when reading and splitting are over, which ends the part a file timeout guards."""
    record = job.record
    seconds: dict[str, float] = {}
    began = time.process_time()
    try:
        data = job.data if job.data is not None else read_disk_file(job.disk_path or "", context.options)
        job.data = None
        record.size = len(data)
        record.sha256 = sha256(data)
        document = parse_bytes(data, job.fmt, record.path, context.options, context.readers)
        del data
        notes = split_document(document)
        record.reason = "; ".join(document.warnings)
        del document  # pages and rows are not needed once split
    except Exception as exc:  # noqa: BLE001 - every failure becomes the file's intake row
        record_failure(record, exc)
        notes = []
    _add(seconds, READ_STAGE, time.process_time() - began)
    started()
    record.notes = len(notes)
    if len(notes) > SCORE_CHUNK_NOTES:
        return ReadOutcome(record, notes, None, seconds)
    judged = judge_notes(notes, context)
    return ReadOutcome(record, notes, judged, seconds)


def judge_notes(notes: list[Note], context: WorkContext, first_number: int = 1) -> Judged:
    """Classify and judge each note, and compute its clone comparison text. An exception on
    one note stops the file: judging it partly would report notes as better than they are."""
    judged = Judged()
    # CPU time, not wall-clock: stage costs stay comparable when the machine is busy.
    perf = time.process_time
    classify_s = rules_s = clones_s = 0.0
    for number, note in enumerate(notes, start=first_number):
        step = "classifying"
        try:
            t0 = perf()
            classification = classify(note)
            t1 = perf()
            step = "judging"
            findings = evaluate_note(note, classification, context.pack, RuleContext())
            t2 = perf()
            step = "comparing"
            narrative = comparison_text(note) if context.clone_texts else None
            t3 = perf()
        except Exception as exc:  # noqa: BLE001 - reported by type; its message may quote the note
            judged.failure = (
                f"unexpected {type(exc).__name__} while {step} note {number} of this file "
                "(please report it); none of its notes were judged"
            )
            break
        classify_s += t1 - t0
        rules_s += t2 - t1
        clones_s += t3 - t2
        judged.classifications.append(classification)
        judged.findings.append(findings)
        judged.narratives.append(narrative)
    judged.seconds = {CLASSIFY_STAGE: classify_s, RULES_STAGE: rules_s, CLONE_TEXT_STAGE: clones_s}
    return judged


# A short fictional note judged once in the parent before workers are forked: the rule pack's
# lexicons and patterns compile on first use (about a second), and a forked worker inherits
# them compiled instead of compiling its own (again in every worker that replaces a killed one).
_WARM_UP_NOTE = (
    "Progress Note\nClient: Warm Up\nDate of Service: 01/02/2024\nStart Time: 10:00 AM  End Time: 10:53 AM\n"
    "CPT: 90837\nDiagnosis: F41.1\nSubjective: client reported panic attacks and missed work twice.\n"
    "Intervention: practiced paced breathing and cognitive restructuring.\nResponse: anxiety fell from 8/10 "
    "to 4/10.\nGoal 1: some progress.\nRisk: denies SI/HI.\nPlan: next session in one week.\n"
    "Electronically signed by Warm Up, LCSW on 01/02/2024"
)
_warmed: set[int] = set()


def warm_up(context: WorkContext) -> None:
    """Judge the warm-up note once per pack in this process (see _WARM_UP_NOTE)."""
    if id(context.pack) in _warmed:
        return
    _warmed.add(id(context.pack))
    note = Note(id="warm-up#1", source=Locator("warm-up"), text=_WARM_UP_NOTE, fields=extract_fields(_WARM_UP_NOTE))
    judge_notes([note], context)


@dataclass(slots=True)
class JudgeJob:
    notes: list[Note]
    first_number: int


def handle(context: WorkContext, payload: ReadJob | JudgeJob, started: Callable[[], None]) -> Any:
    """The worker's entry point (see auditready.parallel)."""
    if isinstance(payload, ReadJob):
        return read_file(payload, context, started)
    started()
    return judge_notes(payload.notes, context, payload.first_number)


# Results travel from the workers as pickles. Python 3.11 unpickles a slots dataclass through
# a __setstate__ that looks up the class's fields for every object (about 10 us each, and a
# note brings some 150 objects): 8 s of the parent's time for 10,000 notes, while the workers
# wait. Reducing each type to a call of its constructor takes a tenth of that.
_TRANSPORTED = (Note, Locator, ExtractedField, Span, Finding, Classification, InputRecord)


def _constructor_reducer(kind: type) -> Callable[[Any], tuple]:
    names = tuple(f.name for f in dataclasses.fields(kind) if f.init)

    def reduce(value: Any) -> tuple:
        return kind, tuple([getattr(value, name) for name in names])

    return reduce


_DISPATCH = {kind: _constructor_reducer(kind) for kind in _TRANSPORTED}


def dumps(value: Any) -> bytes:
    """Pickle a worker's result with the constructor reducers above (loads is pickle.loads)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, **_DISPATCH}
    pickler.dump(value)
    return buffer.getvalue()


# ------------------------------------------------------------------------- the parent's side


@dataclass(slots=True)
class ScannedInputs:
    """Every input's row, and every note with what the workers found, in input order."""

    inputs: list[InputRecord] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    classifications: dict[str, Classification] = field(default_factory=dict)
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    narratives: dict[str, tuple[str, int]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # per stage, summed over workers
    workers: int = 0  # 0 = read in this process


class _Compactor:
    """Keeps what the parent holds for every note small; at 100,000 notes this is the
    difference between fitting in 2 GB and not.

    - One copy of each string that repeats across notes (criterion, severity, rule id, fix,
      what was searched, citation, messages, field names). Each worker result is unpickled on
      its own, so without this every note carries its own copies (about 14 KB per note).
    - One copy of an evidence passage cited by several findings of the same note, its offsets
      shared ints (each offset past 256 is otherwise a 28-byte object of its own).
    - Field spans are dropped once the single-note rules have run, except those cross-note
      findings cite (crossnote.EVIDENCE_FIELDS); the values stay.
    """

    def __init__(self) -> None:
        self._strings: dict[str, str] = {}
        self._ints: dict[int, int] = {}

    def __call__(self, text: str) -> str:
        return self._strings.setdefault(text, text)

    def _span(self, span: Span) -> Span:
        ints = self._ints
        return Span(ints.setdefault(span.start, span.start), ints.setdefault(span.end, span.end), span.text)

    def judged(self, judged: Judged) -> None:
        one = self
        for findings in judged.findings:
            passages: dict[tuple[int, int, str], Span] = {}
            for finding in findings:
                finding.criterion = one(finding.criterion)
                finding.status = one(finding.status)
                finding.severity = one(finding.severity)
                finding.message = one(finding.message)
                finding.rule_id = one(finding.rule_id)
                finding.fix = one(finding.fix)
                finding.searched = one(finding.searched)
                finding.citation = one(finding.citation)
                if finding.evidence:
                    evidence = []
                    for span in finding.evidence:
                        key = (span.start, span.end, span.text)
                        shared = passages.get(key)
                        if shared is None:
                            shared = passages[key] = self._span(span)
                        evidence.append(shared)
                    finding.evidence = evidence
        for classification in judged.classifications:
            classification.note_type = one(classification.note_type)
            classification.signals = [one(signal) for signal in classification.signals]

    def notes(self, notes: list[Note]) -> None:
        for note in notes:
            note.fields = {
                self(name): found if found.span is None or name in EVIDENCE_FIELDS
                else ExtractedField(found.value, None, found.origin)
                for name, found in note.fields.items()
            }
            note.format = self(note.format)


@dataclass(slots=True)
class _File:
    record: InputRecord
    notes: list[Note] = field(default_factory=list)
    parts: dict[int, Judged] = field(default_factory=dict)  # chunk index -> judged notes
    chunks: int = 0
    done: bool = False


def count_inputs(paths: Iterable[Path], options: IngestOptions) -> int:
    """How many intake rows the scan will have (a walk of folders and archive directories;
    nothing is read but nested archives), for the progress bar."""
    return sum(1 for _ in iter_entries(list(paths), options))


def timeout_reason(seconds: float) -> str:
    return (
        f"took longer than {seconds:g} s to read; the file may be damaged (if it is just very "
        "large, raise the limit with --file-timeout)"
    )


CRASH_REASON = (
    "the reader stopped unexpectedly on this file (a crash in the parsing library or out of "
    "memory); the file may be damaged"
)


class _Scan:
    def __init__(self, paths: list[Path], context: WorkContext, jobs: int, file_timeout: float | None,
                 progress: Callable[[str, int, int], None], stage: str):
        self.paths = paths
        self.context = context
        self.jobs = max(1, jobs)
        self.file_timeout = file_timeout if file_timeout and file_timeout > 0 else None
        self.progress = progress
        self.stage = stage
        self.files: list[_File] = []
        self.finished = 0
        self.total = 0
        self.seconds: dict[str, float] = {}
        self.tasks: dict[int, tuple[int, int]] = {}  # task id -> (file index, chunk index or -1)
        self.next_task = 0
        self.chunks: deque[tuple[int, int, JudgeJob]] = deque()
        self.compact = _Compactor()

    # -- feeding

    def _jobs(self) -> Iterator[tuple[int, ReadJob]]:
        options = self.context.options
        for entry in iter_entries(self.paths, options):
            index = len(self.files)
            slot = _File(new_record(entry))
            self.files.append(slot)
            try:
                job = self._job_for(entry, slot.record, options)
            except Exception as exc:  # noqa: BLE001 - the entry's own row, as in ingest_paths
                record_failure(slot.record, exc)
                self._finish(slot)
                continue
            yield index, job

    @staticmethod
    def _job_for(entry: Entry, record: InputRecord, options: IngestOptions) -> ReadJob:
        fmt = entry_format(entry, options)
        if entry.disk_path is not None:
            return ReadJob(record, fmt, disk_path=entry.disk_path)
        if entry.read is None:
            raise IngestError("the file cannot be opened")
        # An archive member: read here, while its archive is open and its budget is known.
        return ReadJob(record, fmt, data=entry.read())

    def _finish(self, slot: _File) -> None:
        slot.done = True
        self.finished += 1
        self.progress(self.stage, self.finished, max(self.total, self.finished))

    def _fail(self, slot: _File, reason: str) -> None:
        slot.record.status, slot.record.reason, slot.record.notes = ERROR, reason, 0
        slot.notes, slot.parts = [], {}
        if not slot.done:
            self._finish(slot)

    def _submit(self, executor, payload: Any, file_index: int, chunk: int, timeout: float | None) -> None:
        task_id = self.next_task
        self.next_task += 1
        self.tasks[task_id] = (file_index, chunk)
        executor.submit(task_id, payload, timeout)

    # -- running

    def run(self) -> ScannedInputs:
        self.total = count_inputs(self.paths, self.context.options)
        self.progress(self.stage, 0, self.total)
        use_workers = self.jobs > 1 or self.file_timeout is not None
        workers = max(1, min(self.jobs, self.total)) if use_workers else 0
        if workers:
            warm_up(self.context)
            executor = WorkerPool(workers, handle, self.context, dumps)
        else:
            executor = InProcess(handle, self.context)
        with executor:
            jobs = self._jobs()
            exhausted = False
            while True:
                while executor.idle() > 0:
                    if self.chunks:
                        file_index, chunk, payload = self.chunks.popleft()
                        self._submit(executor, payload, file_index, chunk, None)
                        continue
                    if exhausted:
                        break
                    job = next(jobs, None)
                    if job is None:
                        exhausted = True
                        break
                    file_index, payload = job
                    self._submit(executor, payload, file_index, -1, self.file_timeout)
                if executor.busy() == 0 and not self.chunks and exhausted:
                    break
                self._handle(executor.next_event())
        return self._assemble(workers)

    def _handle(self, event: Event) -> None:
        file_index, chunk = self.tasks.pop(event.task_id)
        slot = self.files[file_index]
        if event.kind == DONE and chunk < 0:
            self._read_done(slot, file_index, event.value)
        elif event.kind == DONE:
            judged: Judged = event.value
            self.compact.judged(judged)
            self._add_seconds(judged.seconds)
            if slot.record.status == ERROR:  # an earlier chunk failed
                return
            if judged.failure:
                self._fail(slot, judged.failure)
                return
            slot.parts[chunk] = judged
            if len(slot.parts) == slot.chunks:
                self._finish(slot)
        elif event.kind == TIMEOUT:
            self._fail(slot, timeout_reason(self.file_timeout or 0))
        elif event.kind == CRASHED:
            self._fail(slot, CRASH_REASON)
        elif event.kind == FAILED:
            what = "reading" if chunk < 0 else "judging the notes of"
            self._fail(slot, f"unexpected {event.value} while {what} this file (please report it)")

    def _read_done(self, slot: _File, file_index: int, outcome: ReadOutcome) -> None:
        slot.record = outcome.record
        self._add_seconds(outcome.seconds)
        self.compact.notes(outcome.notes)
        if outcome.judged is not None:
            self.compact.judged(outcome.judged)
            self._add_seconds(outcome.judged.seconds)
            if outcome.judged.failure:
                self._fail(slot, outcome.judged.failure)
                return
            slot.notes = outcome.notes
            slot.parts = {0: outcome.judged}
            slot.chunks = 1
            self._finish(slot)
            return
        slot.notes = outcome.notes
        starts = range(0, len(slot.notes), SCORE_CHUNK_NOTES)
        slot.chunks = len(starts)
        for chunk, start in enumerate(starts):
            payload = JudgeJob(slot.notes[start:start + SCORE_CHUNK_NOTES], start + 1)
            self.chunks.append((file_index, chunk, payload))

    def _add_seconds(self, seconds: dict[str, float]) -> None:
        for stage, value in seconds.items():
            _add(self.seconds, stage, value)

    def _assemble(self, workers: int) -> ScannedInputs:
        scanned = ScannedInputs(seconds=self.seconds, workers=workers)
        first_seen: dict[str, str] = {}
        for slot in self.files:
            record = slot.record
            scanned.inputs.append(record)
            try:
                check_duplicate(record, first_seen)
            except IngestError as exc:
                record_failure(record, exc)
                record.notes = 0
                continue
            if record.status == ERROR:
                continue
            judged_notes = iter(slot.notes)
            for chunk in range(slot.chunks):
                part = slot.parts[chunk]
                for classification, findings, narrative in zip(
                    part.classifications, part.findings, part.narratives, strict=True
                ):
                    note = next(judged_notes)
                    scanned.notes.append(note)
                    scanned.classifications[note.id] = classification
                    scanned.findings[note.id] = findings
                    if narrative is not None:
                        scanned.narratives[note.id] = narrative
            slot.notes, slot.parts = [], {}
        return scanned


def read_and_judge(
    paths: Iterable[Path],
    context: WorkContext,
    jobs: int = 1,
    file_timeout: float | None = None,
    progress: Callable[[str, int, int], None] = lambda stage, done, total: None,
    stage: str = "reading notes",
) -> ScannedInputs:
    """Every input file read, split and judged (see the module docstring for jobs and limits)."""
    return _Scan(list(paths), context, jobs, file_timeout, progress, stage).run()


def work_context(options: IngestOptions, pack: Any, clone_texts: bool) -> WorkContext:
    return WorkContext(options=options, pack=pack, readers=dict(READERS), clone_texts=clone_texts)

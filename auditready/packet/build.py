"""Build a records packet: read the exports, pick the client's records in the window, review
them, then write records.pdf, the manifest and the review.

Two steps, so what is written is what was reviewed: `prepare_packet` reads and judges
everything (hashing every source at ingest); `write_packet` re-reads each source, refuses any
whose SHA-256 changed, and writes the folder atomically. `build_packet` runs both.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from auditready import __version__
from auditready.classify import classify
from auditready.ingest import ingest_paths
from auditready.ingest.split import split_document
from auditready.models import (
    Claim,
    Classification,
    ClaimResult,
    Exposure,
    InputRecord,
    Note,
    NoteResult,
)
from auditready.packet.clientmatch import ClientIdentity, ClientMatch, resolve_client
from auditready.packet.errors import NoRecords, PacketError, SourceChanged
from auditready.packet.layout import ItemLayout, note_pages, plan_layout
from auditready.packet.manifest import Attachment, RequestInfo, build_manifest, manifest_csv, manifest_json
from auditready.packet.pdfbuild import BuiltRecords, build_records_pdf
from auditready.packet.plans import plan_items
from auditready.packet.request import PacketRequest, validate_request
from auditready.packet.review import (
    Assessment,
    Review,
    build_review,
    rendering_issue,
    review_text,
    review_to_dict,
)
from auditready.packet.selection import (
    PROGRESS,
    PSYCHOTHERAPY,
    Selection,
    effective_type,
    select_records,
    sort_key,
)
from auditready.packet.sources import SourceReader, VerifiedSource, scan_base, sha256_bytes, sha256_file
from auditready.packet.writer import write_folder

RECORDS_FILE = "records.pdf"
REVIEW_TEXT_FILE = "review.txt"
REVIEW_JSON_FILE = "review.json"
MANIFEST_JSON_FILE = "manifest.json"
MANIFEST_CSV_FILE = "manifest.csv"


@dataclass(slots=True)
class PacketPlan:
    """Everything decided before a byte is written."""

    request: PacketRequest
    reader: SourceReader
    match: ClientMatch
    selection: Selection
    layouts: list[ItemLayout]
    review: Review
    attachments: dict[str, Attachment]
    page_lists: dict[str, list[int]]
    inputs: list[InputRecord] = field(default_factory=list)


@dataclass(slots=True)
class PacketResult:
    out: Path
    identity: ClientIdentity
    documents: int
    pages: int
    withheld: int
    not_included: int
    review: Review
    files: list[str]


def _attachment(path: Path) -> Attachment:
    return Attachment(str(path), sha256_file(path), path.stat().st_size)


def _read_notes(paths: list[Path], request: PacketRequest) -> tuple[list[InputRecord], list[Note],
                                                                   dict[tuple[str, int], str]]:
    ingested = ingest_paths(paths, request.ingest)
    notes: list[Note] = []
    page_texts: dict[tuple[str, int], str] = {}
    for document in ingested.documents:
        for part in document.parts:
            if document.format == "pdf" and part.page is not None:
                page_texts[(document.path, part.page)] = part.text
        for note in split_document(document):
            if not note.format:
                note.format = document.format
            notes.append(note)
    return ingested.inputs, notes, page_texts


def _judge(notes: list[Note], classifications: dict[str, Classification], request: PacketRequest):
    """Findings, verdict and the NoteResult the exposure module prices, per note."""
    from auditready.rules import PackError, RuleContext, evaluate_note, load_pack, score_and_verdict

    try:
        pack = load_pack(request.pack_path or request.payer)
    except PackError as exc:
        raise PacketError(f"rule pack for the review cannot be used: {exc}") from exc
    context = RuleContext()
    assessments: dict[str, Assessment] = {}
    results: dict[str, NoteResult] = {}
    for note in notes:
        classification = classifications[note.id]
        note_type = effective_type(note, classification)
        if note_type != classification.note_type:
            classification = Classification(note_type, classification.confidence,
                                            [*classification.signals, "declared psychotherapy note"])
        findings = evaluate_note(note, classification, pack, context)
        score, verdict = score_and_verdict(findings, pack)
        dos = note.value("date_of_service")
        assessments[note.id] = Assessment(note, note_type, findings, verdict)
        results[note.id] = NoteResult(
            id=note.id, source=note.source, client=note.value("client"),
            clinician=note.value("clinician") or note.value("signer"),
            credentials=note.value("credentials") or note.value("signer_credentials"),
            date_of_service=dos.isoformat() if isinstance(dos, date) else None,
            start=note.value("start"), end=note.value("end"), minutes=note.value("minutes"),
            cpt=note.value("cpt"), note_type=note_type,
            note_type_confidence=classification.confidence, score=score, verdict=verdict,
            findings=findings,
        )
    return pack, assessments, results


def _client_claims(request: PacketRequest, identity: ClientIdentity) -> list[Claim]:
    from auditready.crossnote.claims import load_claims
    from auditready.crossnote.identity import same_client

    loaded = load_claims(request.claims, request.ingest.column_overrides, request.ingest)
    return [claim for claim in loaded.claims
            if same_client(claim.client, claim.client_id, identity.name, identity.client_id)
            and claim.date_of_service is not None
            and request.start <= claim.date_of_service <= request.end]


def _exposures(request: PacketRequest, selection: Selection, claims: list[Claim] | None,
               assessments: dict[str, Assessment], results: dict[str, NoteResult]) -> list[ClaimResult]:
    """Claims reconciled against the client's notes in the window, and exposure per claim and
    per packet note (DESIGN.md "Exposure"; exposure.py)."""
    from auditready.crossnote.claims import reconcile
    from auditready.exposure import assign_exposures, load_fees

    fees = load_fees(request.fees)
    judged = [results[note_id] for note_id in assessments if note_id in results]
    if claims is None:
        assign_exposures(judged, None, fees)
        claim_results: list[ClaimResult] = []
    else:
        notes = [assessment.note for assessment in assessments.values()]
        note_types = {note_id: assessment.note_type for note_id, assessment in assessments.items()}
        verdicts = {note_id: assessment.verdict for note_id, assessment in assessments.items()}
        claim_results = [result for result in reconcile(claims, notes, note_types, verdicts)
                         if result.claim_id]
        assign_exposures(judged, claim_results, fees)
    for result in judged:
        assessments[result.id].exposure = result.exposure
    return claim_results


def prepare_packet(request: PacketRequest) -> PacketPlan:
    validate_request(request)
    paths = list(request.exports)
    inputs, notes, page_texts = _read_notes(paths, request)
    classifications = {note.id: classify(note) for note in notes}
    match = resolve_client(notes, request.client, request.dob)
    selection = select_records(match.notes, classifications, request.start, request.end,
                               request.include_psychotherapy_notes)
    reader = SourceReader(scan_base(paths), inputs)
    attachments: dict[str, Attachment] = {}
    if request.plans is not None:
        attachments["plans"] = _attachment(request.plans) if request.plans.is_file() else \
            Attachment(str(request.plans), "", 0)
        extra = plan_items(request, match.identity, reader, {r.sha256 for r in inputs if r.sha256})
        selection.items.extend(extra)
        selection.items.sort(key=lambda item: sort_key(item.note_type, item.date_of_service, item.note))
    if not selection.items:
        raise NoRecords(_nothing_message(match, selection, request))
    psychotherapy_ids = {
        note.id for note in notes
        if effective_type(note, classifications[note.id]) == PSYCHOTHERAPY
    } - {item.note.id for item in selection.items}
    layouts = plan_layout(selection.items, notes, {note.id for note in match.notes},
                          psychotherapy_ids, request.include_shared_pages)
    judged = [item.note for item in selection.items if item.note.id in classifications]
    judged += [entry.note for entry in selection.withheld]
    judged_classes = {**classifications}
    pack, assessments, results = _judge(judged, judged_classes, request)
    claims = None
    if request.claims is not None:
        attachments["claims"] = _attachment(request.claims)
        claims = _client_claims(request, match.identity)
    claim_results = _exposures(request, selection, claims, assessments, results)
    if request.authorization is not None:
        attachments["authorization"] = _attachment(request.authorization)
    chart_paths = {note.source.path for note in notes
                   if effective_type(note, classifications[note.id]) == PROGRESS}
    review = build_review(match.identity, layouts, selection, assessments, claim_results, page_texts,
                          match.unattributed, chart_paths)
    page_lists = {entry.note.id: note_pages(entry.note) if entry.note.format == "pdf" else []
                  for entry in [*selection.withheld, *selection.not_included]}
    return PacketPlan(request, reader, match, selection, layouts, review, attachments, page_lists, inputs)


def _nothing_message(match: ClientMatch, selection: Selection, request: PacketRequest) -> str:
    who = match.identity.describe()
    window = f"{request.start.isoformat()} to {request.end.isoformat()}"
    dated = sorted(d for d in (n.value("date_of_service") for n in match.notes) if isinstance(d, date))
    message = f"no progress notes, assessments or treatment plans for {who} dated {window}"
    if selection.withheld:
        message += (f"; {len(selection.withheld)} psychotherapy note(s) in the window are withheld "
                    "(45 CFR 164.508(a)(2)) and cannot support a claim on their own")
    if dated:
        message += f"; this client's records in the exports run from {dated[0].isoformat()} to {dated[-1].isoformat()}"
    return message


def _verify_attachment(attachment: Attachment, label: str) -> None:
    path = Path(attachment.path)
    if attachment.sha256 and (not path.is_file() or sha256_file(path) != attachment.sha256):
        raise SourceChanged(f"{label} file {attachment.path} changed since the packet was prepared; "
                            "nothing was written")


def write_packet(plan: PacketPlan) -> PacketResult:
    request = plan.request
    sources: dict[str, VerifiedSource] = {}
    for layout in plan.layouts:
        path = layout.item.note.source.path
        if path not in sources:
            sources[path] = plan.reader.read(path)
    for label, attachment in plan.attachments.items():
        _verify_attachment(attachment, label)
    generated = datetime.now(timezone.utc).replace(microsecond=0)
    identity = plan.match.identity
    records: BuiltRecords = build_records_pdf(
        plan.layouts, sources, identity, request.start, request.end,
        generated.date().isoformat(), __version__, request.ingest.pdf_password)
    review = plan.review
    if records.unrepresentable_characters:
        review.issues.append(rendering_issue(records.unrepresentable_characters))
    header = [
        "PRE-RELEASE REVIEW - for the clinician; do not send this file to the payer.",
        f"Client: {identity.describe()}",
        f"Request window: {request.start.isoformat()} to {request.end.isoformat()}",
        f"Packet: {len(records.entries)} documents, {records.page_count} pages in {RECORDS_FILE}; "
        f"{len(plan.selection.withheld)} psychotherapy note(s) withheld.",
        f"Prepared {generated.isoformat()} by auditready {__version__}.",
    ]
    files: dict[str, bytes] = {
        RECORDS_FILE: records.data,
        REVIEW_TEXT_FILE: review_text(review, header).encode("utf-8"),
        REVIEW_JSON_FILE: (json.dumps(review_to_dict(review), indent=2, ensure_ascii=False) + "\n").encode("utf-8"),
    }
    outputs = {name: sha256_bytes(data) for name, data in files.items() if name != RECORDS_FILE}
    info = RequestInfo(
        client_query=request.client, identity=identity, matched_by=plan.match.matched_by,
        start=request.start, end=request.end,
        pack=str(request.pack_path) if request.pack_path else request.payer,
        include_psychotherapy_notes=request.include_psychotherapy_notes,
        include_shared_pages=request.include_shared_pages,
        claims=plan.attachments.get("claims"), plans=plan.attachments.get("plans"),
        authorization=plan.attachments.get("authorization"),
    )
    manifest = build_manifest(info, records, sha256_bytes(records.data), plan.selection, sources,
                              __version__, generated.isoformat(), outputs, plan.page_lists)
    csv_text = manifest_csv(manifest).encode("utf-8")
    manifest["outputs"].append({"file": MANIFEST_CSV_FILE, "sha256": sha256_bytes(csv_text)})
    files[MANIFEST_CSV_FILE] = csv_text
    files[MANIFEST_JSON_FILE] = manifest_json(manifest).encode("utf-8")
    write_folder(request.out, files, request.force)
    return PacketResult(request.out, identity, len(records.entries), records.page_count,
                        len(plan.selection.withheld), len(plan.selection.not_included), review,
                        sorted(files))


def build_packet(request: PacketRequest) -> PacketResult:
    return write_packet(prepare_packet(request))

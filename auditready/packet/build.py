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
from auditready.models import InputRecord, Note
from auditready.packet.assess import assess_notes, client_claims
from auditready.packet.clientmatch import ClientIdentity, ClientMatch, resolve_client
from auditready.packet.errors import NoRecords, SourceChanged
from auditready.packet.layout import ItemLayout, note_pages, plan_layout
from auditready.packet.manifest import Attachment, RequestInfo, build_manifest, manifest_csv, manifest_json
from auditready.packet.pdfbuild import build_records_pdf
from auditready.packet.plans import plan_items
from auditready.packet.request import PacketRequest, validate_request
from auditready.packet.review import Review, build_review, rendering_issue, review_text, review_to_dict
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
    page_lists: dict[str, list[int]]  # source pages of withheld / left-out notes, by note id
    row_cells: dict[tuple[str, int], dict[str, str]] = field(default_factory=dict)


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


@dataclass(slots=True)
class _Read:
    inputs: list[InputRecord]
    notes: list[Note]
    page_texts: dict[tuple[str, int], str]  # (path, page) -> text of a PDF page
    row_cells: dict[tuple[str, int], dict[str, str]]  # (path, row) -> mapped cells of a row


def _read_notes(paths: list[Path], request: PacketRequest) -> _Read:
    ingested = ingest_paths(paths, request.ingest)
    notes: list[Note] = []
    page_texts: dict[tuple[str, int], str] = {}
    row_cells: dict[tuple[str, int], dict[str, str]] = {}
    for document in ingested.documents:
        for part in document.parts:
            if document.format == "pdf" and part.page is not None:
                page_texts[(document.path, part.page)] = part.text
            if part.row is not None and part.columns:
                row_cells[(document.path, part.row)] = dict(part.columns)
        for note in split_document(document):
            if not note.format:
                note.format = document.format
            notes.append(note)
    return _Read(ingested.inputs, notes, page_texts, row_cells)


def _attachment(path: Path) -> Attachment:
    if path.is_dir():  # a plans folder: its documents are hashed one by one as sources
        return Attachment(str(path), "", 0)
    return Attachment(str(path), sha256_file(path), path.stat().st_size)


def _attachments(request: PacketRequest) -> dict[str, Attachment]:
    given = {"claims": request.claims, "plans": request.plans, "authorization": request.authorization}
    return {label: _attachment(path) for label, path in given.items() if path is not None}


def _nothing_message(match: ClientMatch, selection: Selection, request: PacketRequest) -> str:
    who = match.identity.describe()
    window = f"{request.start.isoformat()} to {request.end.isoformat()}"
    dated = sorted(d for d in (n.value("date_of_service") for n in match.notes) if isinstance(d, date))
    message = f"no progress notes, assessments or treatment plans for {who} dated {window}"
    if selection.withheld:
        message += (f"; {len(selection.withheld)} psychotherapy note(s) in the window are withheld "
                    "(45 CFR 164.508(a)(2)) and cannot support a claim on their own")
    if dated:
        message += (f"; this client's records in the exports run from {dated[0].isoformat()} "
                    f"to {dated[-1].isoformat()}")
    return message


def prepare_packet(request: PacketRequest) -> PacketPlan:
    """Read, select, lay out and review; nothing is written."""
    validate_request(request)
    paths = list(request.exports)
    read = _read_notes(paths, request)
    classifications = {note.id: classify(note) for note in read.notes}
    match = resolve_client(read.notes, request.client, request.dob)
    selection = select_records(match.notes, classifications, request.start, request.end,
                               request.include_psychotherapy_notes)
    reader = SourceReader(scan_base(paths), read.inputs)
    attachments = _attachments(request)
    if request.plans is not None:
        known = {record.sha256 for record in read.inputs if record.sha256}
        selection.items.extend(plan_items(request, match.identity, reader, known))
        selection.items.sort(key=lambda item: sort_key(item.note_type, item.date_of_service, item.note))
    if not selection.items:
        raise NoRecords(_nothing_message(match, selection, request))

    types = {note.id: effective_type(note, classifications[note.id]) for note in read.notes}
    sending = {item.note.id for item in selection.items}
    psychotherapy_ids = {note_id for note_id, kind in types.items() if kind == PSYCHOTHERAPY} - sending
    layouts = plan_layout(selection.items, read.notes, {note.id for note in match.notes},
                          psychotherapy_ids, request.include_shared_pages)

    judged = [item.note for item in selection.items if item.note.id in classifications]
    judged += [entry.note for entry in selection.withheld]
    claims = None
    if request.claims is not None:
        claims = client_claims(request.claims, match.identity, request.start, request.end,
                               request.ingest.column_overrides, request.ingest)
    assessments, claim_results = assess_notes(judged, classifications, request.pack_path or request.payer,
                                              claims, request.fees)
    chart_paths = {note.source.path for note in read.notes if types[note.id] == PROGRESS}
    review = build_review(match.identity, layouts, selection, assessments, claim_results,
                          read.page_texts, match.unattributed, chart_paths, read.inputs)
    page_lists = {entry.note.id: note_pages(entry.note) if entry.note.format == "pdf" else []
                  for entry in [*selection.withheld, *selection.not_included]}
    return PacketPlan(request, reader, match, selection, layouts, review, attachments, page_lists,
                      read.row_cells)


def _verify_attachments(attachments: dict[str, Attachment]) -> None:
    for label, attachment in attachments.items():
        path = Path(attachment.path)
        if attachment.sha256 and (not path.is_file() or sha256_file(path) != attachment.sha256):
            raise SourceChanged(f"--{label} file {attachment.path} changed since it was read; "
                                "nothing was written")


def write_packet(plan: PacketPlan) -> PacketResult:
    """Verify every source against the scan, then write the packet folder in one step."""
    request = plan.request
    sources: dict[str, VerifiedSource] = {}
    for layout in plan.layouts:
        path = layout.item.note.source.path
        if path not in sources:
            sources[path] = plan.reader.read(path)
    _verify_attachments(plan.attachments)
    generated = datetime.now(timezone.utc).replace(microsecond=0)
    identity = plan.match.identity
    records = build_records_pdf(plan.layouts, sources, identity, request.start, request.end,
                                generated.date().isoformat(), __version__, request.ingest.pdf_password,
                                plan.row_cells)
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
        REVIEW_JSON_FILE: (json.dumps(review_to_dict(review), indent=2, ensure_ascii=False) + "\n")
        .encode("utf-8"),
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
    # The CSV is made from the manifest, so its own hash joins the manifest afterwards.
    csv_bytes = manifest_csv(manifest).encode("utf-8")
    manifest["outputs"].append({"file": MANIFEST_CSV_FILE, "sha256": sha256_bytes(csv_bytes)})
    files[MANIFEST_CSV_FILE] = csv_bytes
    files[MANIFEST_JSON_FILE] = manifest_json(manifest).encode("utf-8")
    write_folder(request.out, files, request.force)
    return PacketResult(request.out, identity, len(records.entries), records.page_count,
                        len(plan.selection.withheld), len(plan.selection.not_included), review,
                        sorted(files))


def build_packet(request: PacketRequest) -> PacketResult:
    return write_packet(prepare_packet(request))

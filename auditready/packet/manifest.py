"""manifest.json and manifest.csv: what the packet holds, where each page came from, and what
was withheld and why.

The manifest is the practice's record of the disclosure: every included document with its date
of service, type, source file and pages, the SHA-256 of each source file used (so anyone can
check the packet against the export), the withheld psychotherapy notes with the HIPAA reason,
the authorization relied on (if any), the request window and client, and the tool version. It
carries no note text. Paths are as scanned (relative to the export folder), never absolute, so
the manifest does not reveal the practice's folder layout.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from auditready.models import Note
from auditready.packet.clientmatch import ClientIdentity
from auditready.packet.layout import ItemLayout
from auditready.packet.pdfbuild import BuiltRecords
from auditready.packet.selection import LeftOut, Selection
from auditready.packet.sources import VerifiedSource

MANIFEST_VERSION = 1
CSV_COLUMNS = (
    "status", "number", "date_of_service", "document_type", "note_id", "source_path",
    "source_pages", "source_row", "packet_pages", "reproduction", "source_sha256",
    "container_path", "container_sha256", "reason",
)
# A cell starting with these is a formula to a spreadsheet; file names are untrusted input.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(slots=True)
class Attachment:
    """A file the packet relied on but does not contain (authorization, claims, plans)."""

    path: str
    sha256: str
    size: int


@dataclass(slots=True)
class RequestInfo:
    client_query: str
    identity: ClientIdentity
    matched_by: str
    start: date
    end: date
    pack: str
    include_psychotherapy_notes: bool
    include_shared_pages: bool
    claims: Attachment | None = None
    plans: Attachment | None = None
    authorization: Attachment | None = None


def _pages(values: list[int]) -> str:
    return ";".join(str(value) for value in values)


def _source(note: Note) -> dict[str, Any]:
    return {"path": note.source.path, "page": note.source.page, "row": note.source.row}


def _container(path: str) -> str | None:
    return path.split("!")[0] if "!" in path else None


def _left_out(entry: LeftOut, pages: list[int]) -> dict[str, Any]:
    return {
        "date_of_service": entry.date_of_service.isoformat() if entry.date_of_service else None,
        "document_type": entry.note_type,
        "note_id": entry.note.id,
        "source": _source(entry.note),
        "source_pages": pages,
        "reason": entry.reason,
        "citation": entry.citation,
    }


def _attachment(value: Attachment | None) -> dict[str, Any] | None:
    if value is None:
        return None
    # A plans folder has no single hash; its documents are listed under "sources".
    return {"path": value.path, "sha256": value.sha256 or None, "size": value.size or None}


def build_manifest(request: RequestInfo, records: BuiltRecords, records_sha256: str,
                   selection: Selection, sources: dict[str, VerifiedSource], tool_version: str,
                   generated_at: str, outputs: dict[str, str],
                   page_lists: dict[str, list[int]]) -> dict[str, Any]:
    """The manifest as a JSON-ready dict. `outputs` maps other packet files to their SHA-256;
    `page_lists` gives every withheld/left-out note's source pages by note id."""
    documents = []
    for entry in records.entries:
        layout: ItemLayout = entry.layout
        note = layout.item.note
        source = sources[note.source.path]
        documents.append({
            "number": entry.number,
            "date_of_service": layout.item.date_of_service.isoformat() if layout.item.date_of_service else None,
            "document_type": layout.item.note_type,
            "label": layout.item.label,
            "note_id": note.id,
            "source": _source(note),
            "source_pages": layout.source_pages,
            "packet_pages": entry.packet_pages,
            "reproduction": layout.method,
            "source_sha256": source.sha256,
            "reason_included": layout.item.reason,
            "shared_pages": [
                {"page": shared.page, "also_holds": shared.holds,
                 "handled": "original page copied; review for redaction before sending" if shared.copied
                 else "original page not copied; this note's text from the page is rendered instead"}
                for shared in layout.shared
            ],
        })
    used = []
    for path in sorted({entry.layout.item.note.source.path for entry in records.entries}):
        source = sources[path]
        used.append({
            "path": path,
            "sha256": source.sha256,
            "size": len(source.data),
            "container_path": _container(path),
            "container_sha256": source.file_sha256 if _container(path) else None,
        })
    return {
        "manifest_version": MANIFEST_VERSION,
        "tool": {"name": "auditready", "version": tool_version},
        "generated_at": generated_at,
        "request": {
            "client_query": request.client_query,
            "client": {"name": request.identity.name, "client_id": request.identity.client_id or None,
                       "dob": request.identity.dob or None},
            "matched_by": request.matched_by,
            "from": request.start.isoformat(),
            "to": request.end.isoformat(),
            "rule_pack": request.pack,
            "include_psychotherapy_notes": request.include_psychotherapy_notes,
            "include_shared_pages": request.include_shared_pages,
            "claims": _attachment(request.claims),
            "plans": _attachment(request.plans),
        },
        "authorization": None if request.authorization is None else {
            **_attachment(request.authorization),
            "scope": "psychotherapy notes dated within the request window",
            "citation": "45 CFR 164.508(a)(2)",
        },
        "records_pdf": {"file": "records.pdf", "sha256": records_sha256, "pages": records.page_count,
                        "index_pages": records.index_pages},
        "outputs": [{"file": name, "sha256": digest} for name, digest in sorted(outputs.items())],
        "documents": documents,
        "sources": used,
        "withheld": [_left_out(entry, page_lists.get(entry.note.id, [])) for entry in selection.withheld],
        "not_included": [_left_out(entry, page_lists.get(entry.note.id, [])) for entry in selection.not_included],
    }


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text


def manifest_csv(manifest: dict[str, Any]) -> str:
    """One row per included, withheld and left-out document, plus the authorization."""
    containers = {s["path"]: (s["container_path"], s["container_sha256"]) for s in manifest["sources"]}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for doc in manifest["documents"]:
        container = containers.get(doc["source"]["path"], (None, None))
        writer.writerow([_cell(v) for v in (
            "included", doc["number"], doc["date_of_service"], doc["document_type"], doc["note_id"],
            doc["source"]["path"], _pages(doc["source_pages"]), doc["source"]["row"],
            _pages(doc["packet_pages"]), doc["reproduction"], doc["source_sha256"],
            container[0], container[1], doc["reason_included"],
        )])
    for status, key in (("withheld", "withheld"), ("not_included", "not_included")):
        for doc in manifest[key]:
            writer.writerow([_cell(v) for v in (
                status, "", doc["date_of_service"], doc["document_type"], doc["note_id"],
                doc["source"]["path"], _pages(doc["source_pages"]), doc["source"]["row"], "", "", "",
                None, None, doc["reason"],
            )])
    authorization = manifest["authorization"]
    if authorization:
        writer.writerow([_cell(v) for v in (
            "authorization", "", "", "authorization", "", authorization["path"], "", "", "", "",
            authorization["sha256"], None, None, authorization["citation"],
        )])
    return buffer.getvalue()


def manifest_json(manifest: dict[str, Any]) -> str:
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"

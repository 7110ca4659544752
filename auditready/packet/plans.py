"""Treatment plans from --plans that cover the request window.

A reviewer checks each note against the plan in force on its date (criteria.md §1D
`treatment_plan_current`), so the packet carries every plan of the client dated within the
window plus the latest one dated before it that has not expired. A plan document (PDF, DOCX,
text) goes in as itself (original pages for a PDF); a plan that exists only as rows of a plans
spreadsheet goes in as a rendering of those rows, labelled with the file and row.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from auditready.crossnote.identity import same_client
from auditready.crossnote.plans import load_plans
from auditready.ingest import READERS, safety
from auditready.ingest.split import split_document
from auditready.models import Locator, Note, TreatmentPlan
from auditready.packet.clientmatch import ClientIdentity
from auditready.packet.request import PacketRequest
from auditready.packet.selection import PLAN, PacketItem
from auditready.packet.sources import SourceReader, sha256_bytes

DOCUMENT_FORMATS = ("pdf", "docx", "text")


def plans_in_force(plans: list[TreatmentPlan], start: date, end: date) -> list[tuple[TreatmentPlan, str]]:
    """Plans dated in [start, end], and the latest dated before start unless it expired before
    start; each with why it is included."""
    chosen: list[tuple[TreatmentPlan, str]] = []
    before = [plan for plan in plans if plan.effective is not None and plan.effective < start]
    if before and not any(plan.effective == start for plan in plans):
        latest = max(before, key=lambda plan: plan.effective)
        if latest.review_by is None or latest.review_by >= start:
            chosen.append((latest, "the treatment plan in force when the window opens"))
    for plan in plans:
        if plan.effective is not None and start <= plan.effective <= end:
            chosen.append((plan, "treatment plan dated within the requested window"))
    return chosen


def _file_for(shown: str, plans_path: Path) -> Path:
    """The file behind a plans display path (crossnote/plans.py: a file shows as its name, a
    folder's files as "folder/relative")."""
    if plans_path.is_dir():
        return plans_path.parent / shown
    return plans_path


def _rendered_plan(plan: TreatmentPlan, identity: ClientIdentity) -> str:
    lines = [
        "Treatment plan (as recorded in the plans export)",
        f"Client: {plan.client or identity.name}",
    ]
    if plan.client_id:
        lines.append(f"Client ID: {plan.client_id}")
    lines += [
        f"Effective: {plan.effective.isoformat() if plan.effective else 'not stated'}",
        f"Review by: {plan.review_by.isoformat() if plan.review_by else 'not stated'}",
        f"Signed: {'yes' if plan.signed else 'no signature recorded'}",
        "Goals and objectives:",
    ]
    for goal in plan.goals:
        label = f"{goal.goal_id}: " if goal.goal_id else ""
        lines.append(f"  {label}{goal.text}")
    if not plan.goals:
        lines.append("  (none recorded)")
    return "\n".join(lines)


def plan_items(request: PacketRequest, identity: ClientIdentity, reader: SourceReader,
               known_hashes: set[str]) -> list[PacketItem]:
    """Packet items for the client's plans in --plans; a plan file that is also among the
    exports (same SHA-256) is already in the selection and is not added twice."""
    loaded = load_plans(request.plans, request.ingest.column_overrides, request.ingest)
    mine = [plan for plan in loaded.plans
            if same_client(plan.client, plan.client_id, identity.name, identity.client_id)]
    items: list[PacketItem] = []
    for plan, reason in plans_in_force(mine, request.start, request.end):
        if plan.source is None:
            continue
        shown = plan.source.path
        file = _file_for(shown, request.plans)
        data = file.read_bytes()
        digest = sha256_bytes(data)
        if digest in known_hashes:
            continue
        reader.register(shown, file, digest)
        fmt = safety.format_for(file.name)
        if fmt in DOCUMENT_FORMATS:
            document = READERS[fmt](data, shown, request.ingest)
            for note in split_document(document):
                if not note.format:
                    note.format = document.format
                items.append(PacketItem(note, PLAN, plan.effective, reason))
            known_hashes.add(digest)
        else:
            note = Note(id=f"{shown}#plan-row-{plan.source.row}", source=Locator(shown, row=plan.source.row),
                        text=_rendered_plan(plan, identity), format=fmt or "")
            items.append(PacketItem(note, PLAN, plan.effective, reason))
    return items

"""Delimited and plain-text files: the legacy notes CSV (Windows-1252, as Excel saves it on
Windows), the text export, the plans table and the billing export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .claims import ClaimRow
from .model import SampleNote, clock, us_date, us_datetime
from .plans import Plan
from .practice import CLIENTS, CLINICIANS, PAYERS_STRIPPING_ZEROS, PRACTICE

NOTES_CSV_HEADER = ("DOS", "Therapist", "Patient", "Duration", "CPT Code", "Progress Note")
NOTES_CSV_ENCODING = "cp1252"


def _csv_text(rows: list[tuple]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue()


def _signature_block(note: SampleNote) -> str:
    clinician = CLINICIANS[note.clinician]
    lines = [f"Electronically signed by {clinician.signed_name} on {us_datetime(note.signed_at)}"]
    if note.cosigned_at is not None and clinician.supervisor:
        lines.append(f"Co-signed by {CLINICIANS[clinician.supervisor].signed_name} (supervisor) "
                     f"on {us_datetime(note.cosigned_at)}")
    return "\n".join(lines)


def write_notes_csv(notes: tuple[SampleNote, ...], path: Path) -> list[int]:
    """Returns each note's row as a spreadsheet shows it (header is row 1)."""
    rows = [NOTES_CSV_HEADER]
    for note in notes:
        rows.append((
            us_date(note.dos), CLINICIANS[note.clinician].signed_name, CLIENTS[note.client].name,
            f"{note.minutes} min", note.cpt, f"{note.narrative}\n{_signature_block(note)}",
        ))
    path.write_bytes(_csv_text(rows).encode(NOTES_CSV_ENCODING))
    return list(range(2, len(notes) + 2))


TEXT_RULE = "=" * 72


def write_text_export(notes: tuple[SampleNote, ...], path: Path) -> None:
    client = CLIENTS[notes[0].client]
    lines = [
        f"{PRACTICE.upper()} - CLINICAL NOTES EXPORT",
        f"Client: {client.name}    DOB: {client.dob}    Client ID: {client.client_id}",
        f"Notes in this export: {len(notes)}",
    ]
    for note in notes:
        clinician = CLINICIANS[note.clinician]
        place = note.location if note.telehealth else "Office, POS 11"
        lines += [
            TEXT_RULE,
            "PROGRESS NOTE",
            f"Date of Service: {us_date(note.dos)}",
            f"Clinician: {clinician.signed_name}",
            f"Start Time: {clock(note.start)}    End Time: {clock(note.end)}    "
            f"Total: {note.minutes} minutes",
            f"CPT: {note.cpt}    Place of Service: {place}",
            f"Diagnosis: {client.diagnosis}",
            "",
        ]
        for heading, body in note.sections:
            lines += [f"{heading.upper()}:", body, ""]
        lines.append(_signature_block(note))
    lines += [TEXT_RULE, "End of export", ""]
    path.write_text("\n".join(lines), encoding="utf-8", newline="\n")


PLANS_HEADER = ("Client", "Client ID", "Goal ID", "Goal Text", "Effective Date", "Review Date",
                "Signed")


def write_plans_csv(plans: tuple[Plan, ...], path: Path) -> None:
    rows = [PLANS_HEADER]
    for plan in plans:
        client = CLIENTS[plan.client]
        for goal_id, text in plan.goals:
            rows.append((client.name, client.client_id, goal_id, text, us_date(plan.effective),
                         us_date(plan.review), "Yes" if plan.signed else "No"))
    path.write_text(_csv_text(rows), encoding="utf-8", newline="")


CLAIMS_HEADER = ("Claim ID", "Patient Name", "Patient ID", "Rendering Provider", "DOS", "CPT",
                 "Modifier", "POS", "Units", "Billed", "Allowed", "Paid", "Payer", "Claim Status")


def patient_id_as_exported(claim: ClaimRow) -> str:
    chart_number = CLIENTS[claim.client].client_id
    return chart_number.lstrip("0") if claim.payer in PAYERS_STRIPPING_ZEROS else chart_number


def write_claims_csv(claims: list[ClaimRow], path: Path) -> None:
    rows = [CLAIMS_HEADER]
    for claim in claims:
        rows.append((
            claim.claim_id, CLIENTS[claim.client].last_first, patient_id_as_exported(claim),
            CLINICIANS[claim.clinician].signed_name, us_date(claim.dos), claim.cpt,
            claim.modifier, claim.pos, str(claim.units), f"{claim.billed:.2f}",
            f"{claim.allowed:.2f}", f"{claim.paid:.2f}", claim.payer, claim.status,
        ))
    path.write_text(_csv_text(rows), encoding="utf-8", newline="")

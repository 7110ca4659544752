"""Judge the packet's notes (and the withheld psychotherapy notes) for the pre-release review:
the rule pack's findings and verdict per note, the client's claims reconciled against them, and
what a payer could take back (DESIGN.md "Exposure", implemented in exposure.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from auditready.crossnote.claims import load_claims, reconcile
from auditready.crossnote.identity import same_client
from auditready.exposure import FeeTableError, assign_exposures, load_fees
from auditready.models import Claim, ClaimResult, Classification, Note, NoteResult
from auditready.packet.clientmatch import ClientIdentity
from auditready.packet.errors import PacketError
from auditready.packet.review import Assessment
from auditready.packet.selection import effective_type
from auditready.rules import PackError, RuleContext, evaluate_note, load_pack, score_and_verdict


def client_claims(path: Path, identity: ClientIdentity, start: date, end: date,
                  column_overrides, options) -> list[Claim]:
    """This client's claim lines with a date of service in [start, end]."""
    loaded = load_claims(path, column_overrides, options)
    unreadable = [record for record in loaded.inputs if record.status == "error"]
    if unreadable:
        raise PacketError(f"--claims {unreadable[0].path} cannot be read: {unreadable[0].reason}")
    return [claim for claim in loaded.claims
            if same_client(claim.client, claim.client_id, identity.name, identity.client_id)
            and claim.date_of_service is not None and start <= claim.date_of_service <= end]


def _note_result(note: Note, note_type: str, classification: Classification, findings, score,
                 verdict) -> NoteResult:
    dos = note.value("date_of_service")
    return NoteResult(
        id=note.id, source=note.source, client=note.value("client"),
        clinician=note.value("clinician") or note.value("signer"),
        credentials=note.value("credentials") or note.value("signer_credentials"),
        date_of_service=dos.isoformat() if isinstance(dos, date) else None,
        start=note.value("start"), end=note.value("end"), minutes=note.value("minutes"),
        cpt=note.value("cpt"), note_type=note_type,
        note_type_confidence=classification.confidence, score=score, verdict=verdict,
        findings=findings,
    )


def assess_notes(notes: list[Note], classifications: dict[str, Classification], pack_name: str | Path,
                 claims: list[Claim] | None, fees: Path | None) -> tuple[dict[str, Assessment], list[ClaimResult]]:
    """Findings, verdict and exposure per note; with claims, every claim line reconciled (the
    `no_note` and `psychotherapy_note_only` lines are what the review lists)."""
    try:
        pack = load_pack(pack_name)
    except PackError as exc:
        raise PacketError(f"the rule pack for the review cannot be used: {exc}") from exc
    context = RuleContext()
    assessments: dict[str, Assessment] = {}
    results: list[NoteResult] = []
    for note in notes:
        classification = classifications[note.id]
        note_type = effective_type(note, classification)
        if note_type != classification.note_type:
            # The export titles it a psychotherapy note: judge it as one.
            classification = Classification(note_type, classification.confidence,
                                            [*classification.signals, "declared psychotherapy note"])
        findings = evaluate_note(note, classification, pack, context)
        score, verdict = score_and_verdict(findings, pack)
        assessments[note.id] = Assessment(note, note_type, findings, verdict)
        results.append(_note_result(note, note_type, classification, findings, score, verdict))
    try:
        fee_table = load_fees(fees)
    except FeeTableError as exc:
        raise PacketError(f"--fees: {exc}") from exc
    claim_results: list[ClaimResult] = []
    if claims is None:
        assign_exposures(results, None, fee_table)
    else:
        note_types = {note_id: a.note_type for note_id, a in assessments.items()}
        verdicts = {note_id: a.verdict for note_id, a in assessments.items()}
        claim_results = [r for r in reconcile(claims, notes, note_types, verdicts) if r.claim_id]
        assign_exposures(results, claim_results, fee_table)
    for result in results:
        assessments[result.id].exposure = result.exposure
    return assessments, claim_results

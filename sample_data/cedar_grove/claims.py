"""The billing export: one claim line per billed note, priced from the payer's contracted
amounts, plus the planted lines that have no progress note behind them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .model import SampleNote, d
from .practice import ALLOWED, CHARGES, CLIENTS, CLINICIANS, COPAY


@dataclass(frozen=True)
class ClaimRow:
    claim_id: str
    client: str
    clinician: str
    dos: date
    cpt: str
    modifier: str
    pos: str
    units: int
    billed: float
    allowed: float
    paid: float
    payer: str
    status: str
    kind: str  # matched | no_note | psychotherapy_note_only | code_not_supported_by_time | ...
    note_key: str | None  # the note this line was billed from (None: no document at all)


@dataclass(frozen=True)
class OrphanClaim:
    """A claim line with no document of any kind behind it."""

    client: str
    clinician: str
    dos: date
    cpt: str


# Fenwick billed a Thursday session for Tobias Wrenfield that has no note at all.
ORPHAN_CLAIMS = (OrphanClaim("wrenfield", "fenwick", d("2025-05-01"), "90834"),)


def _priced(client_key: str, cpt: str, units: int, denied: bool) -> tuple[float, float, float]:
    payer = CLIENTS[client_key].payer
    billed = round(CHARGES[cpt] * units, 2)
    if denied:
        return billed, 0.0, 0.0
    allowed = round(ALLOWED[payer][cpt] * units, 2)
    return billed, allowed, round(allowed - COPAY[payer], 2)


def build_claims(notes: list[SampleNote]) -> list[ClaimRow]:
    drafts = []
    for note in notes:
        if note.claim is None:
            continue
        cpt = note.claim.cpt or note.cpt
        billed, allowed, paid = _priced(note.client, cpt, note.claim.units, note.claim.denied)
        drafts.append(dict(
            client=note.client, clinician=note.clinician, dos=note.dos, cpt=cpt,
            modifier="95" if note.telehealth else "", pos="10" if note.telehealth else "11",
            units=note.claim.units, billed=billed, allowed=allowed, paid=paid,
            status="Denied" if note.claim.denied else "Paid", kind=note.claim.kind,
            note_key=note.key))
    for orphan in ORPHAN_CLAIMS:
        billed, allowed, paid = _priced(orphan.client, orphan.cpt, 1, False)
        drafts.append(dict(
            client=orphan.client, clinician=orphan.clinician, dos=orphan.dos, cpt=orphan.cpt,
            modifier="", pos="11", units=1, billed=billed, allowed=allowed, paid=paid,
            status="Paid", kind="no_note", note_key=None))
    drafts.sort(key=lambda c: (c["dos"], CLINICIANS[c["clinician"]].last, CLIENTS[c["client"]].last))
    return [
        ClaimRow(claim_id=f"CGC-25-{number:04d}", payer=CLIENTS[draft["client"]].payer, **draft)
        for number, draft in enumerate(drafts, start=1)
    ]

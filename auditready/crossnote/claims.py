"""Claims from a billing export, and each claim line matched to the note that supports it.

A claim line is matched to a note of the same client (id when both carry one, else name) and
date of service, by the same clinician when both name one (identity.py). Statuses:

| status | meaning |
|---|---|
| `matched` | a progress (or intake) note supports the line |
| `no_note` | no note for that client and date (Oceanside, Noridian TPE: denied) |
| `psychotherapy_note_only` | the only note is a psychotherapy (process) note, which never supports a claim (criteria.md §3 item 8b) |
| `units_over_one` | more than one unit of 90832-90838 for the client that day (Novitas [P]; POS 52 exempt) |
| `code_not_supported_by_time` | the note's documented minutes support only a lower code, or none (criteria.md §2) |
| `denied` | the payer paid 0: no exposure, still reported (DESIGN.md "Exposure") |
| `no_claim` | a billable note with no claim line: listed as unbilled (claim_id "", paid None) |

Unbilled notes are listed only when their date falls inside the claims file's date range, so a
claims export covering one quarter does not call a year of notes unbilled.
Novitas: https://www.novitas-solutions.com/webcenter/portal/MedicareJL/pagebyid?contentId=00026768
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from auditready.crossnote.codes import (
    ONE_UNIT_EXEMPT_PLACES_OF_SERVICE,
    ONE_UNIT_PER_DAY_CODES,
    normalize_cpt,
    session_minutes,
    supported_for_billed,
)
from auditready.crossnote.identity import ClientIndex, normalize_id, person_key, same_clinician
from auditready.crossnote.inputs import display_path, input_files, kind_overrides
from auditready.crossnote.tables import TableError, read_table
from auditready.crossnote.values import parse_count, parse_date, parse_money
from auditready.ingest import safety
from auditready.ingest.errors import IngestError
from auditready.ingest.options import IngestOptions
from auditready.models import (
    AT_RISK,
    PARSED,
    SKIPPED,
    SUPPORTED,
    UNSUPPORTED,
    Claim,
    ClaimResult,
    InputRecord,
    Locator,
    Note,
)

MATCHED = "matched"
NO_NOTE = "no_note"
PSYCHOTHERAPY_NOTE_ONLY = "psychotherapy_note_only"
CODE_NOT_SUPPORTED_BY_TIME = "code_not_supported_by_time"
UNITS_OVER_ONE = "units_over_one"
DENIED = "denied"
NO_CLAIM = "no_claim"
CLAIM_STATUSES = (
    MATCHED, NO_NOTE, PSYCHOTHERAPY_NOTE_ONLY, CODE_NOT_SUPPORTED_BY_TIME, UNITS_OVER_ONE, DENIED, NO_CLAIM,
)

# Note types that can support a claim line; a psychotherapy note never does.
SUPPORTING_NOTE_TYPES = frozenset({"progress", "intake"})
PSYCHOTHERAPY_TYPE = "psychotherapy"
_VERDICT_ORDER = {SUPPORTED: 0, AT_RISK: 1, UNSUPPORTED: 2, None: 3}
_TOTAL_ROW_WORDS = {"total", "totals", "grand total", "subtotal", "sum"}


@dataclass(slots=True)
class ClaimsResult:
    claims: list[Claim] = field(default_factory=list)
    inputs: list[InputRecord] = field(default_factory=list)


# ---------------------------------------------------------------------------------- loading


def load_claims(
    path: Path, column_overrides: Mapping | None = None, options: IngestOptions | None = None
) -> ClaimsResult:
    """Every claim line in a claims file (CSV/XLSX) or folder of them, one intake row per file."""
    options = options or IngestOptions()
    overrides = kind_overrides(column_overrides, "claims")
    result = ClaimsResult()
    for file in input_files(path):
        shown = display_path(file, path)
        hidden = safety.hidden_reason(file.name)
        if hidden:
            result.inputs.append(InputRecord(shown, safety.format_label(file.name), SKIPPED, 0, hidden))
            continue
        record = InputRecord(shown, safety.format_label(file.name), PARSED, size=file.stat().st_size)
        try:
            claims, skipped = claims_from_table(file, shown, overrides, options)
        except IngestError as exc:
            record.status, record.reason = exc.status, exc.reason
            result.inputs.append(record)
            continue
        record.notes = len(claims)
        record.reason = f"{len(claims)} claim line{'s' * (len(claims) != 1)}"
        if skipped:
            record.reason += "; " + "; ".join(f"{count} rows skipped: {why}" for why, count in sorted(skipped.items()))
        result.claims.extend(claims)
        result.inputs.append(record)
    return result


def claims_from_table(
    file: Path, shown: str, overrides: Mapping[str, str], options: IngestOptions
) -> tuple[list[Claim], dict[str, int]]:
    table = read_table(
        file, "claims", overrides, required_any=[("client", "client_id"), ("date_of_service",), ("cpt",)], options=options
    )
    claims: list[Claim] = []
    skipped: dict[str, int] = {}

    def skip(why: str) -> None:
        skipped[why] = skipped.get(why, 0) + 1

    for row in table.rows:
        client, client_id = row.text("client"), row.text("client_id")
        if client.lower() in _TOTAL_ROW_WORDS or row.text("claim_id").lower() in _TOTAL_ROW_WORDS:
            skip("a totals row")
            continue
        if not client and not client_id:
            skip("no client")
            continue
        dos = parse_date(row.get("date_of_service"))
        if dos is None:
            skip("no readable date of service")
            continue
        raw_cpt = row.text("cpt")
        cpt = normalize_cpt(raw_cpt)
        if not cpt:
            skip("no readable CPT code")
            continue
        units = parse_count(row.get("units"), default=1)
        if units is None:
            skip("unreadable units")
            continue
        modifiers = row.text("modifiers")
        if not modifiers and "-" in raw_cpt:
            modifiers = raw_cpt.split("-", 1)[1].strip()
        claims.append(
            Claim(
                claim_id=row.text("claim_id") or f"{shown}:{row.number}",
                client=client,
                clinician=row.text("clinician"),
                date_of_service=dos,
                cpt=cpt,
                paid=parse_money(row.get("paid")),
                billed=parse_money(row.get("billed")),
                allowed=parse_money(row.get("allowed")),
                units=units,
                modifiers=modifiers,
                payer=row.text("payer"),
                client_id=client_id,
                source=Locator(shown, row=row.number),
                place_of_service=row.text("place_of_service"),
            )
        )
    if not claims and not skipped:
        raise TableError("the claims table has no rows", SKIPPED)
    return claims, skipped


# ---------------------------------------------------------------------------- reconciliation


def note_clinician(note: Note) -> str | None:
    return note.value("clinician") or note.value("signer")


def _client_key(client: str, client_id: str) -> str:
    return f"id:{normalize_id(client_id)}" if normalize_id(client_id) else f"name:{person_key(client)}"


@dataclass(slots=True)
class _Candidate:
    note: Note
    note_type: str


def _rank(claim: Claim, candidate: _Candidate, verdicts: Mapping[str, str | None], used: set[str]) -> tuple:
    note_cpt = normalize_cpt(candidate.note.value("cpt"))
    return (
        note_cpt != claim.cpt if note_cpt else True,  # the note documenting the billed code
        candidate.note.id in used,  # a second line that day prefers a note not yet matched
        _VERDICT_ORDER.get(verdicts.get(candidate.note.id), 3),
        candidate.note.id,
    )


def _supported(
    claim: Claim,
    note: Note,
    supported_code: Mapping[str, str | None] | None,
    time_bands: Mapping[str, Mapping[str, object]] | None,
) -> tuple[int | None, str | None]:
    """Documented minutes and the code they support for this claim line (never above it)."""
    minutes = session_minutes(note)
    if supported_code is not None and note.id in supported_code and claim.cpt == normalize_cpt(note.value("cpt")):
        return minutes, supported_code[note.id]
    if time_bands is None:
        return minutes, claim.cpt
    return minutes, supported_for_billed(claim.cpt, minutes, time_bands)


def reconcile(
    claims: Sequence[Claim],
    notes: Sequence[Note],
    note_types: Mapping[str, str],
    verdicts: Mapping[str, str | None],
    supported_code: Mapping[str, str | None] | None = None,
    time_bands: Mapping[str, Mapping[str, object]] | None = None,
) -> list[ClaimResult]:
    """One ClaimResult per claim line (in file order), then one `no_claim` row per billable
    note without a claim whose date lies inside the claims' date range.

    `note_types`: classification per note id; `verdicts`: the note's verdict (a tie-breaker
    when several notes could support one line). Time is judged with `supported_code` (note id ->
    the code the note's minutes support for its own documented code, never above it) when the
    line bills that code, else with the pack's `time_bands` (pack.parameters["cpt_time_bands"]);
    with neither, no line gets code_not_supported_by_time."""
    index = ClientIndex()
    for note in notes:
        index.add(note.value("client"), note.value("client_id"), note)
    used: set[str] = set()
    units_seen: dict[tuple[str, date], int] = {}
    results: list[ClaimResult] = []
    for claim in claims:
        results.append(
            _reconcile_one(claim, index, note_types, verdicts, supported_code, time_bands, used, units_seen)
        )
    results.extend(_unbilled(claims, notes, note_types, used))
    return results


def _reconcile_one(
    claim: Claim,
    index: ClientIndex,
    note_types: Mapping[str, str],
    verdicts: Mapping[str, str | None],
    supported_code: Mapping[str, str | None] | None,
    time_bands: Mapping[str, Mapping[str, object]] | None,
    used: set[str],
    units_seen: dict[tuple[str, date], int],
) -> ClaimResult:
    same_day = [
        _Candidate(note, note_types.get(note.id, "other"))
        for note in index.find(claim.client, claim.client_id)
        if isinstance(note, Note) and note.value("date_of_service") == claim.date_of_service
    ]
    other_clinician = []
    if claim.clinician:
        kept = []
        for candidate in same_day:
            author = note_clinician(candidate.note)
            if author and not same_clinician(author, claim.clinician):
                other_clinician.append(candidate)
            else:
                kept.append(candidate)
        same_day = kept
    supporting = [c for c in same_day if c.note_type in SUPPORTING_NOTE_TYPES]
    psychotherapy = [c for c in same_day if c.note_type == PSYCHOTHERAPY_TYPE]
    result = ClaimResult(
        claim_id=claim.claim_id,
        client=claim.client,
        clinician=claim.clinician,
        date_of_service=claim.date_of_service.isoformat() if claim.date_of_service else None,
        cpt=claim.cpt,
        paid=claim.paid,
        note_id=None,
        status=MATCHED,
        units=claim.units,
        billed=claim.billed,
        supported_cpt=claim.cpt,
    )
    problems: list[tuple[str, str]] = []  # (status, detail) in order of precedence
    if supporting:
        chosen = min(supporting, key=lambda c: _rank(claim, c, verdicts, used)).note
        used.add(chosen.id)
        result.note_id = chosen.id
        units_problem = _units_problem(claim, units_seen)
        if units_problem:
            problems.append((UNITS_OVER_ONE, units_problem))
        minutes, supported = _supported(claim, chosen, supported_code, time_bands)
        if supported != claim.cpt:
            result.supported_cpt = supported
            supports = f"support {supported}" if supported else "support no psychotherapy code"
            documented = f"documents {minutes} minutes, which" if minutes is not None else "documents time that"
            problems.append(
                (CODE_NOT_SUPPORTED_BY_TIME, f"the note {documented} {supports}, not the billed {claim.cpt}")
            )
    elif psychotherapy:
        chosen = min(psychotherapy, key=lambda c: c.note.id).note
        result.note_id = chosen.id
        result.supported_cpt = None
        problems.append(
            (PSYCHOTHERAPY_NOTE_ONLY, "the only note for this client and date is a psychotherapy (process) note, which never supports a claim")
        )
    else:
        result.supported_cpt = None
        detail = "no note for this client and date of service"
        if same_day:
            kinds = sorted({c.note_type for c in same_day})
            detail += f" (only a note classified as {', '.join(kinds)})"
        elif other_clinician:
            detail += " by the billed clinician (a note by another clinician exists for that date)"
        problems.append((NO_NOTE, detail))
    if claim.paid is not None and claim.paid == 0:
        also = f"; also: {problems[0][1]}" if problems else ""
        result.status, result.detail = DENIED, f"the payer paid 0{also}"
        return result
    if problems:
        result.status, result.detail = problems[0]
        if len(problems) > 1:
            result.detail += "; also: " + "; ".join(detail for _status, detail in problems[1:])
    else:
        result.detail = "a supporting note exists for this client and date"
    return result


def _units_problem(claim: Claim, units_seen: dict[tuple[str, date], int]) -> str:
    """Novitas: 90832-90838 are one unit per day (POS 52 exempt). Counts units across all of
    the client's lines that day, so a second line for the same day is caught too."""
    if claim.cpt not in ONE_UNIT_PER_DAY_CODES or claim.date_of_service is None:
        return ""
    if claim.place_of_service.strip() in ONE_UNIT_EXEMPT_PLACES_OF_SERVICE:
        return ""
    key = (_client_key(claim.client, claim.client_id), claim.date_of_service)
    before = units_seen.get(key, 0)
    units_seen[key] = before + claim.units
    if before + claim.units <= 1:
        return ""
    if before:
        return f"{before + claim.units} units of 90832-90838 for this client on this date (one unit per day)"
    return f"{claim.units} units of {claim.cpt} on one line (one unit per day)"


def _unbilled(
    claims: Sequence[Claim], notes: Sequence[Note], note_types: Mapping[str, str], used: set[str]
) -> list[ClaimResult]:
    dates = [claim.date_of_service for claim in claims if claim.date_of_service]
    if not dates:
        return []
    first, last = min(dates), max(dates)
    rows = []
    for note in notes:
        dos = note.value("date_of_service")
        if note.id in used or note_types.get(note.id) not in SUPPORTING_NOTE_TYPES:
            continue
        if not isinstance(dos, date) or not first <= dos <= last:
            continue
        rows.append(
            ClaimResult(
                claim_id="",
                client=note.value("client") or "",
                clinician=note_clinician(note) or "",
                date_of_service=dos.isoformat(),
                cpt=normalize_cpt(note.value("cpt")),
                paid=None,
                note_id=note.id,
                status=NO_CLAIM,
                supported_cpt=None,
                detail="no claim line for this note's client and date of service (unbilled)",
            )
        )
    return rows

"""What a payer would take back: fee tables, CPT time bands, and exposure per claim and per note.

The rules are DESIGN.md "Exposure" and domain/money.md §5-§6:

* with a claims file, per claim: no note, only a psychotherapy note, or an `unsupported` note ->
  the paid amount; documented time supports only a lower code -> paid x (1 - fee(supported) /
  fee(billed)) (the payer reprices at its own rate, so the ratio, not our table's dollars, is
  what carries over); extra units -> their share of the paid amount; `supported` / `at_risk`
  without a downcode -> 0; denied or unpaid (paid 0) -> 0, still reported;
* without claims, each billable note stands for one claim of its documented code at the
  fee-table amount: unsupported -> the full fee, downcode -> the fee difference.

Every Exposure says which rule produced it and which fee source priced it (`basis`), so a
practice can check the number by hand. Prices: claims paid amount -> `--fees` table -> the
packaged Medicare 2025 table (money.md §5 "Precedence").
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from auditready import resources
from auditready.models import (
    FAIL,
    UNSUPPORTED,
    ClaimResult,
    Exposure,
    Finding,
    NoteResult,
)
from auditready.rules.cpt import clock_duration, minutes_support
from auditready.rules.cpt import supported_code as band_supported_code

# Exposure.rule values: a short machine-readable name of the rule that set the amount.
RULE_NO_NOTE = "full:no_note"
RULE_PSYCHOTHERAPY_ONLY = "full:psychotherapy_note_only"
RULE_UNSUPPORTED = "full:unsupported_note"
RULE_NO_SUPPORTED_CODE = "full:time_supports_no_code"
RULE_DOWNCODE = "downcode"
RULE_EXTRA_UNITS = "extra_units"
RULE_DENIED = "zero:denied_or_unpaid"
RULE_SUPPORTED = "zero:supported"
RULE_UNBILLED = "zero:unbilled"
RULE_NOT_BILLABLE = "zero:not_a_billed_service"
RULE_UNPRICED = "unpriced"

# Claim statuses from claim matching (crossnote/claims).
CLAIM_MATCHED = "matched"
CLAIM_NO_NOTE = "no_note"
CLAIM_PSYCHOTHERAPY_ONLY = "psychotherapy_note_only"
CLAIM_TIME_DOWNCODE = "code_not_supported_by_time"
CLAIM_UNITS_OVER_ONE = "units_over_one"
CLAIM_DENIED = "denied"
CLAIM_NO_CLAIM = "no_claim"  # a billable note with no claim line (claim_id "", paid None)

# Note types that stand for a billed service when there is no claims file: progress notes and
# intake evaluations (90791). Psychotherapy notes, plans and other documents are never billed.
BILLABLE_NOTE_TYPES = ("progress", "intake")

# The code the minutes of a note without a CPT are priced as: individual psychotherapy is what
# a progress note bills in the overwhelming majority of cases; the basis says so.
ASSUMED_FAMILY_CODE = "90837"

TIME_CRITERION = "time_supports_code"

PAID_SOURCE = "claims paid amount"
BILLED_SOURCE = "claims billed amount (no paid amount in the claims file)"


class FeeTableError(ValueError):
    """A fee table that cannot be used; the message names the file and line, never note text."""


# --------------------------------------------------------------------------------------------
# Fee tables


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _DefaultTableSpec(_Strict):
    file: str
    label: str
    year: int
    conversion_factor: float
    source_url: str
    setting: str


class _ReducedRateSpec(_Strict):
    percent: float
    label: str
    credentials: list[str]
    full_rate_credentials: list[str]


class _FeeScheduleSpec(_Strict):
    version: int
    default: _DefaultTableSpec
    reduced_rate: _ReducedRateSpec


@dataclass(frozen=True)
class FeeTable:
    """Amounts per CPT code from one source, falling back to another table for missing codes.

    `reduced_rate` (0.75 for the Medicare table) applies to authors whose credentials are all
    reduced-rate credentials (42 CFR 414.53); a practice's own `--fees` table has none.
    """

    source: str
    amounts: Mapping[str, float]
    reduced_amounts: Mapping[str, float] = field(default_factory=dict)
    reduced_rate_label: str = ""
    reduced_credentials: frozenset[str] = frozenset()
    full_rate_credentials: frozenset[str] = frozenset()
    fallback: FeeTable | None = None

    def price(self, cpt: str | None, credentials: str | None = None) -> tuple[float, str] | None:
        """(amount, fee source label) for one unit of `cpt`, or None when no table knows it."""
        code = normalize_cpt(cpt)
        if code is None:
            return None
        if code in self.amounts:
            if code in self.reduced_amounts and self.is_reduced_rate(credentials):
                return self.reduced_amounts[code], f"{self.source}, {self.reduced_rate_label}"
            return self.amounts[code], self.source
        if self.fallback is not None:
            found = self.fallback.price(code, credentials)
            if found is not None:
                return found[0], f"{found[1]} ({code} not in {self.source})"
        return None

    def fee(self, cpt: str | None, credentials: str | None = None) -> float | None:
        found = self.price(cpt, credentials)
        return None if found is None else found[0]

    def is_reduced_rate(self, credentials: str | None) -> bool:
        tokens = credential_tokens(credentials)
        if not tokens or not self.reduced_credentials:
            return False
        recognised = tokens & (self.reduced_credentials | self.full_rate_credentials)
        return bool(recognised) and recognised <= self.reduced_credentials


def credential_tokens(credentials: str | None) -> frozenset[str]:
    """"LCSW, PhD" -> {"LCSW", "PHD"}; dots dropped so "Ph.D." and "PhD" agree."""
    if not credentials:
        return frozenset()
    cleaned = credentials.upper().replace(".", "")
    return frozenset(token for token in re.split(r"[\s,;/|()]+", cleaned) if token)


def normalize_cpt(cpt: str | None) -> str | None:
    """The five-character code of "90834", " 90834-95 ", "90834.0"; None for blanks."""
    if cpt is None:
        return None
    text = str(cpt).strip().upper()
    if not text:
        return None
    match = re.match(r"([0-9]{4}[0-9A-Z])", text)
    return match.group(1) if match else text


_DEFAULT_COLUMNS = ("cpt", "description", "nf_rvu", "nf_amount", "f_rvu", "f_amount", "nf_75pct")
_OVERRIDE_COLUMNS = frozenset(_DEFAULT_COLUMNS) | {"amount"}


def _read_csv_rows(text: str, display: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and (line number, row) pairs; `#` comment lines and blank lines are skipped."""
    lines = text.splitlines()
    numbered = [(i + 1, line) for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")]
    if not numbered:
        raise FeeTableError(f"{display}: no header row")
    reader = csv.reader(io.StringIO("\n".join(line for _, line in numbered)))
    rows = list(reader)
    header = [cell.strip().lower() for cell in rows[0]]
    if len(set(header)) != len(header):
        raise FeeTableError(f"{display} line {numbered[0][0]}: a column is named twice")
    body = []
    for (number, _), cells in zip(numbered[1:], rows[1:], strict=True):
        if len(cells) != len(header):
            raise FeeTableError(
                f"{display} line {number}: {len(cells)} cells where the header has {len(header)}"
            )
        body.append((number, {name: cell.strip() for name, cell in zip(header, cells, strict=True)}))
    return header, body


def _money(value: str, column: str, display: str, line: int, required: bool) -> float | None:
    if value == "":
        if required:
            raise FeeTableError(f"{display} line {line}: {column} is empty")
        return None
    try:
        amount = float(value.replace("$", "").replace(",", ""))
    except ValueError:
        raise FeeTableError(f"{display} line {line}: {column} {value!r} is not a number") from None
    if not amount >= 0 or amount == float("inf"):
        raise FeeTableError(f"{display} line {line}: {column} must be a non-negative number")
    return amount


@cache
def _fee_schedule_spec() -> _FeeScheduleSpec:
    path = resources.scoring_models() / "fees" / "fee_schedule.yaml"
    try:
        return _FeeScheduleSpec.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except ValidationError as exc:
        raise FeeTableError(f"fees/fee_schedule.yaml: {exc.errors()[0]['msg']} at {exc.errors()[0]['loc']}") from None


@cache
def default_fee_table() -> FeeTable:
    """The packaged Medicare 2025 national non-facility table (money.md §5), validated."""
    spec = _fee_schedule_spec()
    display = f"fees/{spec.default.file}"
    text = (resources.scoring_models() / "fees" / spec.default.file).read_text(encoding="utf-8")
    header, rows = _read_csv_rows(text, display)
    if tuple(header) != _DEFAULT_COLUMNS:
        raise FeeTableError(f"{display}: columns must be {', '.join(_DEFAULT_COLUMNS)}")
    rate = spec.reduced_rate.percent / 100
    amounts: dict[str, float] = {}
    reduced: dict[str, float] = {}
    for line, row in rows:
        code = normalize_cpt(row["cpt"])
        if code is None or code in amounts:
            raise FeeTableError(f"{display} line {line}: missing or repeated cpt")
        rvu = _money(row["nf_rvu"], "nf_rvu", display, line, True)
        amount = _money(row["nf_amount"], "nf_amount", display, line, True)
        at_rate = _money(row["nf_75pct"], "nf_75pct", display, line, True)
        # The table is hand-copied from money.md; the arithmetic check catches a typo.
        if abs(rvu * spec.default.conversion_factor - amount) > 0.01 or abs(amount * rate - at_rate) > 0.01:
            raise FeeTableError(f"{display} line {line}: amounts disagree with RVU x conversion factor")
        amounts[code] = amount
        reduced[code] = at_rate
    return FeeTable(
        source=spec.default.label,
        amounts=amounts,
        reduced_amounts=reduced,
        reduced_rate_label=spec.reduced_rate.label,
        reduced_credentials=frozenset(c.upper() for c in spec.reduced_rate.credentials),
        full_rate_credentials=frozenset(c.upper() for c in spec.reduced_rate.full_rate_credentials),
    )


def fee_table_metadata() -> dict[str, object]:
    """What the report's assumptions list says about the default table."""
    spec = _fee_schedule_spec()
    return {
        "label": spec.default.label,
        "year": spec.default.year,
        "conversion_factor": spec.default.conversion_factor,
        "source_url": spec.default.source_url,
        "setting": spec.default.setting,
        "reduced_rate_percent": spec.reduced_rate.percent,
        "reduced_rate_label": spec.reduced_rate.label,
    }


def load_fees(path: Path | str | None = None) -> FeeTable:
    """The fee table for a scan: the packaged Medicare table, or a practice's `--fees FILE`
    (columns `cpt`, `amount`; see scoring_models/fees/README.md) backed by the packaged table
    for codes the file does not list."""
    default = default_fee_table()
    if path is None:
        return default
    path = Path(path)
    display = f"--fees file {path.name}"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise FeeTableError(f"{display}: cannot be read ({exc.__class__.__name__})") from None
    header, rows = _read_csv_rows(text, display)
    unknown = sorted(set(header) - _OVERRIDE_COLUMNS)
    if unknown:
        raise FeeTableError(f"{display}: unknown column(s) {', '.join(unknown)}; expected cpt, amount")
    amount_column = "amount" if "amount" in header else "nf_amount" if "nf_amount" in header else None
    if "cpt" not in header or amount_column is None:
        raise FeeTableError(f"{display}: needs the columns cpt and amount")
    amounts: dict[str, float] = {}
    for line, row in rows:
        code = normalize_cpt(row["cpt"])
        if code is None:
            raise FeeTableError(f"{display} line {line}: cpt is empty")
        if code in amounts:
            raise FeeTableError(f"{display} line {line}: cpt {code} is listed twice")
        amounts[code] = _money(row[amount_column], amount_column, display, line, True)
    if not amounts:
        raise FeeTableError(f"{display}: no rows")
    return FeeTable(source=display, amounts=amounts, fallback=default)


# --------------------------------------------------------------------------------------------
# CPT time bands: the pack's `cpt_time_bands` (criteria.md §2) through rules/cpt.py, so a note's
# time_supports_code finding and its dollars come from one rule.

# pack.parameters["cpt_time_bands"]: code -> {"family", "min", "max", "fallback_family"}
TimeBands = Mapping[str, Mapping[str, Any]]


def session_minutes(note: NoteResult | None) -> int | None:
    """Minutes as the time rule counts them: start/stop when both exist, else the stated total
    (criteria.md §2)."""
    if note is None:
        return None
    clock = clock_duration(note.start, note.end)
    return clock if clock is not None else note.minutes


@cache
def default_time_bands() -> TimeBands:
    """The common pack's bands, for callers that have no pack at hand."""
    from auditready.rules import load_pack

    return load_pack("common").parameters["cpt_time_bands"]


def supported_code(minutes: int | None, billed_cpt: str | None, bands: TimeBands | None = None) -> str | None:
    """The code `minutes` support for a session billed as `billed_cpt`, never above it.

    None means the time supports no code at all (under 16 minutes of psychotherapy, or no
    minutes for a timed code). Codes the bands do not time (90791, 90853, ...) come back
    unchanged: time cannot downcode them.
    """
    code = normalize_cpt(billed_cpt)
    if code is None:
        return None
    if bands is None:
        bands = default_time_bands()
    if code not in bands:
        return code
    if minutes is None:
        return None
    if minutes_support(code, minutes, bands):
        return code
    return band_supported_code(code, minutes, bands)


# --------------------------------------------------------------------------------------------
# Exposure per claim and per note


def _failed(findings: Iterable[Finding], severities: tuple[str, ...] | None = None) -> list[Finding]:
    return [f for f in findings if f.status == FAIL and (severities is None or f.severity in severities)]


def _fatal_basis(note: NoteResult) -> str:
    fatal = sorted({f.criterion for f in _failed(note.findings, ("fatal",))})
    return f"verdict unsupported (fatal: {', '.join(fatal)})" if fatal else "verdict unsupported"


def _time_failed(note: NoteResult | None) -> bool:
    return note is not None and any(f.criterion == TIME_CRITERION for f in _failed(note.findings))


def _exposure(amount: float, reason: str, rule: str, rule_basis: str, fee_source: str) -> Exposure:
    return Exposure(
        amount=round(amount, 2),
        reason=reason,
        basis=f"{rule_basis}; fee source: {fee_source}",
        rule=rule,
        fee_source=fee_source,
    )


def _claim_base(claim: ClaimResult, note: NoteResult | None, fees: FeeTable) -> tuple[float, str] | None:
    """What the claim was paid and where the number came from: paid -> billed -> fee table."""
    if claim.paid is not None:
        return claim.paid, PAID_SOURCE
    if claim.billed is not None:
        return claim.billed, BILLED_SOURCE
    priced = fees.price(claim.cpt, note.credentials if note else None)
    if priced is None:
        return None
    return priced[0] * max(claim.units, 1), priced[1]


def claim_exposure(claim: ClaimResult, note: NoteResult | None, fees: FeeTable,
                   bands: TimeBands | None = None) -> Exposure:
    """What a payer would recoup on one claim (DESIGN.md "Exposure"; money.md §6). `bands`: the
    pack's cpt_time_bands (default: the common pack's)."""
    if claim.status == CLAIM_NO_CLAIM:
        return unbilled_exposure()
    if claim.status == CLAIM_DENIED or claim.paid == 0:
        return _exposure(0.0, "denied or unpaid: nothing to take back", RULE_DENIED,
                         f"claim status {claim.status}, paid {claim.paid}", PAID_SOURCE)
    base = _claim_base(claim, note, fees)
    if base is None:
        return _exposure(0.0, f"cannot price {claim.cpt}: no paid amount and no fee for the code",
                         RULE_UNPRICED, f"claim status {claim.status}", fees.source)
    paid, source = base
    if claim.status == CLAIM_NO_NOTE:
        return _exposure(paid, "no note for this claim: a record not produced is denied in full",
                         RULE_NO_NOTE, "claim status no_note (money.md §6)", source)
    if claim.status == CLAIM_PSYCHOTHERAPY_ONLY:
        return _exposure(paid, "only a psychotherapy note: it cannot support a claim",
                         RULE_PSYCHOTHERAPY_ONLY,
                         "claim status psychotherapy_note_only (criteria.md §1J, CR 3457)", source)
    if note is not None and note.verdict == UNSUPPORTED:
        return _exposure(paid, "the note does not support the claim", RULE_UNSUPPORTED,
                         _fatal_basis(note), source)
    if claim.status == CLAIM_TIME_DOWNCODE or _time_failed(note):
        downcoded = _downcode_claim(claim, note, paid, source, fees, bands)
        if downcoded is not None:
            return downcoded
    if claim.status == CLAIM_UNITS_OVER_ONE:
        rule_basis = "one unit per day (criteria.md §1B one_unit_per_day, Novitas)"
        if claim.units > 1:
            extra = claim.units - 1
            return _exposure(paid * extra / claim.units, f"{claim.units} units billed where one is allowed",
                             RULE_EXTRA_UNITS, f"{rule_basis}: {extra} of {claim.units} units", source)
        # A one-unit line after another line already billed the client's unit for that day.
        return _exposure(paid, "a second unit for this client and day", RULE_EXTRA_UNITS,
                         f"{rule_basis}: the whole line is the extra unit", source)
    verdict = note.verdict if note is not None else None
    return _exposure(0.0, "the note supports the claim", RULE_SUPPORTED,
                     f"claim status {claim.status}, verdict {verdict}", source)


def _downcode_claim(claim: ClaimResult, note: NoteResult | None, paid: float, source: str,
                    fees: FeeTable, bands: TimeBands | None) -> Exposure | None:
    """paid x (1 - fee(supported)/fee(billed)): the payer reprices at its own rate, so only the
    ratio of our table carries over; None when the time supports the billed code after all.

    Claim matching already judged the line (`supported_cpt`, None = no code); otherwise the
    note's minutes are held against the bands here."""
    minutes = session_minutes(note)
    billed = normalize_cpt(claim.cpt)
    if claim.status == CLAIM_TIME_DOWNCODE:
        target = normalize_cpt(claim.supported_cpt)
    else:
        target = supported_code(minutes, billed, bands)
    if target is None:
        shown = f"{minutes} min" if minutes is not None else "no documented time"
        return _exposure(paid, f"{shown} supports no {billed} code", RULE_NO_SUPPORTED_CODE,
                         f"{TIME_CRITERION}: below every band of {billed} (criteria.md §2)", source)
    if target == billed:
        return None
    credentials = note.credentials if note is not None else None
    billed_price, lower_price = fees.price(billed, credentials), fees.price(target, credentials)
    rule_basis = f"{TIME_CRITERION}: {minutes} min supports {target}, not {billed} (criteria.md §2)"
    if billed_price is None or lower_price is None or billed_price[0] <= 0:
        return _exposure(0.0, f"time supports {target} instead of {billed}, but the fee table lacks a code",
                         RULE_UNPRICED, rule_basis, fees.source)
    ratio = lower_price[0] / billed_price[0]
    return _exposure(max(paid * (1 - ratio), 0.0), f"time supports {target}, billed {billed}", RULE_DOWNCODE,
                     f"{rule_basis}; paid x (1 - {lower_price[0]:.2f}/{billed_price[0]:.2f})",
                     f"{source}; code ratio from {billed_price[1]}")


def note_exposure(note: NoteResult, fees: FeeTable, bands: TimeBands | None = None) -> Exposure:
    """Exposure of one note when there is no claims file: the note stands for one claim of its
    documented code, priced from the fee table (DESIGN.md "Exposure")."""
    if note.note_type not in BILLABLE_NOTE_TYPES or note.verdict is None:
        return _exposure(0.0, f"{note.note_type} note: not billed on its own", RULE_NOT_BILLABLE,
                         f"note type {note.note_type}, verdict {note.verdict}", "none")
    minutes = session_minutes(note)
    code = normalize_cpt(note.cpt)
    assumed = ""
    if code is None:
        code = supported_code(minutes, ASSUMED_FAMILY_CODE, bands) if minutes is not None else None
        if code is None:
            return _exposure(0.0, "no CPT code and no usable time on the note: cannot price",
                             RULE_UNPRICED, "no documented code", fees.source)
        assumed = f" (no CPT on the note; priced as {code}, the code its {minutes} minutes support)"
    priced = fees.price(code, note.credentials)
    if priced is None:
        return _exposure(0.0, f"no fee for {code} in the fee table: cannot price", RULE_UNPRICED,
                         f"documented code {code}", fees.source)
    fee, source = priced
    if note.verdict == UNSUPPORTED:
        return _exposure(fee, f"the note does not support {code}{assumed}", RULE_UNSUPPORTED,
                         _fatal_basis(note), source)
    if _time_failed(note):
        target = supported_code(minutes, code, bands)
        if target is None:
            return _exposure(fee, f"time supports no {code} code{assumed}", RULE_NO_SUPPORTED_CODE,
                             f"{TIME_CRITERION}: below every band of {code} (criteria.md §2)", source)
        if target != code:
            lower = fees.fee(target, note.credentials)
            rule_basis = f"{TIME_CRITERION}: {minutes} min supports {target}, not {code} (criteria.md §2)"
            if lower is None:
                return _exposure(0.0, f"time supports {target} instead of {code}, but the fee table lacks {target}",
                                 RULE_UNPRICED, rule_basis, fees.source)
            return _exposure(max(fee - lower, 0.0), f"time supports {target}, documented {code}{assumed}",
                             RULE_DOWNCODE, f"{rule_basis}; {fee:.2f} - {lower:.2f}", source)
    return _exposure(0.0, f"the note supports {code}{assumed}", RULE_SUPPORTED,
                     f"verdict {note.verdict}", source)


def unbilled_exposure() -> Exposure:
    return _exposure(0.0, "unbilled: no claim for this note", RULE_UNBILLED,
                     "a note with no claim carries no exposure (DESIGN.md)", "none")


def assign_exposures(notes: list[NoteResult], claims: list[ClaimResult] | None, fees: FeeTable,
                     bands: TimeBands | None = None) -> None:
    """Set `exposure` on every claim and note; `bands` is the pack's `cpt_time_bands` (default:
    the common pack's).

    `claims` is None when no claims file was given: every note is then priced on its own. With
    claims, a note's exposure is the sum over the claims matched to it, and a note no claim
    points at (or only a `no_claim` row) is unbilled (0).
    """
    if claims is None:
        for note in notes:
            note.exposure = note_exposure(note, fees, bands)
        return
    by_id = {note.id: note for note in notes}
    per_note: dict[str, list[Exposure]] = {}
    for claim in claims:
        note = by_id.get(claim.note_id) if claim.note_id else None
        claim.exposure = claim_exposure(claim, note, fees, bands)
        if note is not None and claim.status != CLAIM_NO_CLAIM:
            per_note.setdefault(note.id, []).append(claim.exposure)
    for note in notes:
        found = per_note.get(note.id)
        if not found:
            note.exposure = unbilled_exposure()
        elif len(found) == 1:
            note.exposure = found[0]
        else:
            largest = max(found, key=lambda e: e.amount)
            note.exposure = Exposure(
                amount=round(math.fsum(e.amount for e in found), 2),
                reason=f"{len(found)} claims: " + "; ".join(e.reason for e in found),
                basis=" | ".join(e.basis for e in found),
                rule=largest.rule,
                fee_source=largest.fee_source,
            )

"""The note was signed within the pack's allowed time of the date of service (criteria.md 1E
`timely_completion`: Medicare "as soon as practicable"; CalAIM 3 business days, crisis 1 day)."""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import Field

from auditready.rules.cpt import note_cpt
from auditready.rules.registry import CheckParams, note_check
from auditready.rules.result import failed, not_applicable, passed


class Params(CheckParams):
    max_days: int = Field(ge=0)
    # Count Monday-Friday only (public holidays are not known and count as business days).
    business_days: bool = False
    # Codes with a shorter limit (crisis services), and that limit in calendar days (CalAIM:
    # "1 calendar day", criteria.md 1E).
    crisis_codes: list[str] = []
    crisis_max_days: int | None = Field(default=None, ge=0)


def business_days_between(start: date, end: date) -> int:
    """Weekdays after `start` up to and including `end` (0 when signed the same day)."""
    if end <= start:
        return 0
    full_weeks, remainder = divmod((end - start).days, 7)
    count = full_weeks * 5
    day = start + timedelta(days=full_weeks * 7)
    for _ in range(remainder):
        day += timedelta(days=1)
        if day.weekday() < 5:
            count += 1
    return count


@note_check("signature_timely", Params)
def check(note, classification, params: Params, ctx):
    """The signature date is within the allowed days of the date of service."""
    served, signed = note.value("date_of_service"), note.value("signed_date")
    if signed is None and note.value("signer") is None:
        return not_applicable("The note is not signed (see signature).")
    if served is None:
        return not_applicable("No date of service to measure from (see date of service).")
    evidence = ctx.field_evidence("date_of_service", "signed_date")
    if signed is None:
        return failed("Signed, but the signature carries no date.",
                      "a date on the signature line or a signed-date column", evidence)
    if signed < served:
        return failed(f"Signed {signed.isoformat()}, before the date of service {served.isoformat()}.",
                      "the signature date and the date of service", evidence)
    crisis = params.crisis_max_days is not None and note_cpt(note) in params.crisis_codes
    allowed = params.crisis_max_days if crisis else params.max_days
    by_business_days = params.business_days and not crisis
    unit = "business days" if by_business_days else "days"
    elapsed = business_days_between(served, signed) if by_business_days else (signed - served).days
    kind = " for a crisis service" if crisis else ""
    if elapsed > allowed:
        return failed(f"Signed {elapsed} {unit} after the date of service; allowed{kind}: {allowed}.",
                      "the signature date and the date of service", evidence)
    return passed(f"Signed {elapsed} {unit} after the date of service (allowed{kind}: {allowed}).", evidence)

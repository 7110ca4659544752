"""The note carries a date of service (criteria.md 1A `date_of_service`)."""

from __future__ import annotations

from auditready.rules.registry import note_check
from auditready.rules.result import failed, passed

SEARCHED = ("a date-of-service field: a 'Date of Service' / 'DOS' / 'Session Date' line in the "
            "note, or a date column in the export")


@note_check("date_of_service")
def check(note, classification, params, ctx):
    """The note states its date of service."""
    value = note.value("date_of_service")
    if value is None:
        return failed("No date of service found.", SEARCHED)
    shown = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return passed(f"Date of service {shown}.", ctx.field_evidence("date_of_service"))

"""Documented minutes support the documented CPT code (criteria.md 1B `time_supports_code`, §2).

Minutes come from start/stop when both exist, else from the stated total (criteria.md §2). A
note whose clock times and stated total disagree is flagged: an auditor cannot tell which is
true (Noridian TPE denies "conflicting" documentation, money.md §7).
"""

from __future__ import annotations

from pydantic import Field

from auditready.rules.cpt import (
    band_text,
    clock_duration,
    fewest_minutes,
    minutes_support,
    note_cpt,
    supported_code,
)
from auditready.rules.registry import CheckParams, Severity, note_check
from auditready.rules.result import failed, not_applicable, passed

SEARCHED = "start/stop times and a stated total, compared with the CPT code's time band"


class Params(CheckParams):
    # Severity when the minutes support no code at all (under 16 minutes of psychotherapy is
    # not billable: money.md §6), instead of the rule's downcode severity.
    no_code_severity: Severity | None = None
    # Minutes by which clock time and stated total may differ before the note counts as
    # contradicting itself.
    clock_mismatch_tolerance: int = Field(default=0, ge=0)


@note_check("time_supports_code", Params)
def check(note, classification, params: Params, ctx):
    """Documented minutes fall in the CPT code's time band (midpoint rule)."""
    bands = ctx.pack.parameters["cpt_time_bands"]
    cpt = note_cpt(note)
    if cpt is None:
        return not_applicable("The note names no CPT code; a claims file lets the billed code be checked.")
    if cpt not in bands:
        return not_applicable(f"{cpt} is not a timed code.", ctx.field_evidence("cpt"))
    clock = clock_duration(note.value("start"), note.value("end"))
    stated = note.value("minutes")
    if clock is None and stated is None:
        return not_applicable("No minutes documented to compare with the code (see time documented).",
                              ctx.field_evidence("cpt"))
    evidence = ctx.field_evidence("cpt", "start", "end", "minutes")
    if clock is not None and stated is not None and abs(clock - stated) > params.clock_mismatch_tolerance:
        return failed(
            f"Start/stop times give {clock} min but the note states {stated} min; "
            f"the record contradicts itself on the time billed as {cpt}.",
            SEARCHED, evidence,
        )
    minutes = clock if clock is not None else stated
    supported = supported_code(cpt, minutes, bands)
    if supported is None:
        return failed(
            f"{minutes} min supports no code: {cpt} needs {band_text(cpt, bands)}, and no code it "
            f"could be lowered to starts below {fewest_minutes(cpt, bands)} min. Not billable as documented.",
            SEARCHED, evidence, severity=params.no_code_severity,
        )
    if minutes_support(cpt, minutes, bands):
        return passed(f"{minutes} min supports {cpt} ({band_text(cpt, bands)}).", evidence)
    return failed(
        f"{minutes} min supports {supported} ({band_text(supported, bands)}), "
        f"not {cpt} ({band_text(cpt, bands)}).",
        SEARCHED, evidence,
    )


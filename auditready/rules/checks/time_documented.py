"""Session time is documented: start/stop times or total minutes (criteria.md 1B
`time_documented`). Medicare accepts either form; a pack may require clock times."""

from __future__ import annotations

from auditready.rules.registry import CheckParams, Severity, note_check
from auditready.rules.result import failed, passed

SEARCHED_CLOCK = "start and stop times ('10:02-10:55', 'Start: 10:02 End: 10:55', 'Time In/Out')"
SEARCHED_TOTAL = "a total ('Total time: 53 min', 'Duration: 53 minutes', a minutes column)"


class Params(CheckParams):
    # Require start AND stop clock times; a stated total alone then fails.
    require_clock_times: bool = False
    # Severity of that failure when a total IS documented (the payer's stricter form is missing,
    # but the time is there); None keeps the rule's severity.
    clock_times_missing_severity: Severity | None = None


@note_check("time_documented", Params)
def check(note, classification, params: Params, ctx):
    """Start/stop times or total minutes are documented."""
    start, end, minutes = note.value("start"), note.value("end"), note.value("minutes")
    has_clock = start is not None and end is not None
    if has_clock:
        stated = f"; total {minutes} min" if minutes is not None else ""
        return passed(f"Start {start}, end {end}{stated}.", ctx.field_evidence("start", "end", "minutes"))
    if params.require_clock_times:
        searched = SEARCHED_CLOCK
        if minutes is not None:
            return failed(
                f"Only a total of {minutes} min is documented; this payer expects start and stop times.",
                searched, ctx.field_evidence("minutes", "start", "end"),
                severity=params.clock_times_missing_severity,
            )
        return failed("No session time documented (no start/stop times, no total).", f"{searched}; {SEARCHED_TOTAL}",
                      ctx.field_evidence("start", "end"))
    if minutes is not None:
        return passed(f"Total of {minutes} min documented.", ctx.field_evidence("minutes"))
    one_end = " (only one of start/end found)" if (start or end) else ""
    return failed(f"No session time documented{one_end}.", f"{SEARCHED_CLOCK}; {SEARCHED_TOTAL}",
                  ctx.field_evidence("start", "end"))

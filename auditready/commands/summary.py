"""The one-screen summary a scan ends with: what was read, what fails, what it could cost,
and where the reports are. Names files and counts only; never note text."""

from __future__ import annotations

from pathlib import Path

import click

from auditready.models import AuditResult

TOP_CLINICIANS = 6
TOP_DEFICIENCIES = 5
LISTED_BAD_INPUTS = 8


def _money(amount: float | None) -> str:
    return "—" if amount is None else f"${amount:,.2f}"


def _heading(text: str) -> str:
    return click.style(text, bold=True)


def print_summary(result: AuditResult, written: dict[str, Path], out_dir: Path, quiet: bool = False) -> None:
    report = written.get("html") or written.get("json") or next(iter(written.values()), out_dir)
    if quiet:
        click.echo(str(report))
        return
    inputs = result.inputs
    parsed = sum(1 for r in inputs if r.status == "parsed")
    skipped = [r for r in inputs if r.status == "skipped"]
    errors = [r for r in inputs if r.status == "error"]
    summary = result.summary
    by_type = summary.get("notes", {}).get("by_type", {})
    verdicts = summary.get("verdicts", {})

    click.echo(_heading(f"auditready — {result.pack.get('name') or result.pack.get('id')} "
                        f"(pack {result.pack.get('id')} {result.pack.get('version')})"))
    click.echo(f"Files: {len(inputs)} — {parsed} read, {len(skipped)} skipped, {len(errors)} could not be read")
    for record in (errors + skipped)[:LISTED_BAD_INPUTS]:
        label = click.style(record.status.upper(), fg="red" if record.status == "error" else "yellow")
        click.echo(f"  {label} {record.path}: {record.reason}")
    if len(errors) + len(skipped) > LISTED_BAD_INPUTS:
        click.echo(f"  … and {len(errors) + len(skipped) - LISTED_BAD_INPUTS} more in the intake table")
    types = ", ".join(f"{count} {kind.replace('_', ' ')}" for kind, count in by_type.items())
    click.echo(f"Notes: {len(result.notes)} ({types})" if types else "Notes: none found")
    judged = sum(verdicts.values())
    if judged:
        click.echo(
            "Verdicts: "
            + click.style(f"{verdicts.get('unsupported', 0)} unsupported", fg="red") + ", "
            + click.style(f"{verdicts.get('at_risk', 0)} at risk", fg="yellow") + ", "
            + click.style(f"{verdicts.get('supported', 0)} supported", fg="green")
            + f" of {judged} progress notes judged"
        )
    exposure = summary.get("exposure", {})
    if exposure:
        click.echo(f"Money at risk: {_money(exposure.get('total'))} ({exposure.get('basis', '')})")
        if exposure.get("extrapolated_lower_90") is not None:
            click.echo(f"  Extrapolated demand (lower 90%): {_money(exposure['extrapolated_lower_90'])}")
    if result.clinicians:
        click.echo(_heading("Clinicians, most money at risk first:"))
        ranked = sorted(result.clinicians, key=lambda c: -(c.exposure.get("total") or 0.0))
        for clinician in ranked[:TOP_CLINICIANS]:
            score = "—" if clinician.score is None else f"{clinician.score:.0f}%"
            click.echo(f"  {clinician.clinician:<32} {clinician.notes:>4} notes  score {score:>5}  "
                       f"at risk {_money(clinician.exposure.get('total'))}")
    deficiencies = summary.get("deficiencies", [])
    if deficiencies:
        click.echo(_heading("Deficiencies, most money first:"))
        for row in deficiencies[:TOP_DEFICIENCIES]:
            click.echo(f"  {row.get('criterion', '').replace('_', ' '):<28} {row.get('count', 0):>4} notes  "
                       f"{row.get('severity', ''):<8} {_money(row.get('exposure'))}")
    for notice in summary.get("notices", []):
        click.echo(click.style("Note: ", bold=True) + notice)
    click.echo(_heading("Report: ") + str(report))

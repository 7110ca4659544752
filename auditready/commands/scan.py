"""`auditready scan`: read exports, judge every note, write the reports."""

from __future__ import annotations

from pathlib import Path

import click

from auditready.commands.options import scan_options, build_scan_options, run_and_report


@click.command("scan")
@click.argument(
    "paths",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, path_type=Path),
)
@scan_options
def command(paths: tuple[Path, ...], **options) -> None:
    """Judge every note in PATHS (files, folders, .zip archives) and write the reports.

    \b
    Reads PDF, DOCX, XLSX, CSV and text exports (and zips of them), splits charts into notes,
    rates each progress note against the payer's documentation criteria with the evidence
    from the note, checks notes against treatment plans and claims, finds cloned notes and
    impossible days, estimates what a payer could take back, and writes audit.json, an HTML
    report, an Excel workbook and CSVs into --out.

    \b
    Examples:
      auditready scan EXPORTS/ --payer optum
      auditready scan EXPORTS/ --plans plans.csv --claims claims.csv --payer optum --out report/
      auditready scan notes.zip --columns my_columns.yaml --format json,xlsx

    \b
    Exit status: 0 when every input file was read; 3 when some files could not be read (the
    reports are still written and the intake table says why); 1 on an error that stopped the
    run; 2 on a usage error.
    """
    scan = build_scan_options(options)
    run_and_report(list(paths), scan, options)

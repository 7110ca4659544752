"""`auditready packet`: assemble the records a payer asked for, withholding psychotherapy notes."""

from __future__ import annotations

from pathlib import Path

import click

from auditready.commands.options import PAYERS
from auditready.ingest.columns import ColumnMappingError, load_column_overrides
from auditready.ingest.options import MiB, IngestOptions
from auditready.packet.errors import PacketError, PacketUsageError

DATE_FORMATS = ["%Y-%m-%d", "%m/%d/%Y"]


def _date(value):
    return value.date() if value is not None else None


@click.command("packet")
@click.argument("exports", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--client", required=True, metavar="NAME_OR_ID",
              help="The client the request is about: name ('Jane Smith' or 'Smith, Jane') or client id.")
@click.option("--dob", type=click.DateTime(DATE_FORMATS), metavar="DATE",
              help="Date of birth, to choose between clients who share a name.")
@click.option("--from", "start", required=True, type=click.DateTime(DATE_FORMATS), metavar="DATE",
              help="First date of service requested (YYYY-MM-DD or MM/DD/YYYY).")
@click.option("--to", "end", required=True, type=click.DateTime(DATE_FORMATS), metavar="DATE",
              help="Last date of service requested.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="New folder for the packet (created, readable by you only).")
@click.option("--claims", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Claims export (CSV/XLSX): billed dates without a note are listed in the review.")
@click.option("--plans", type=click.Path(exists=True, path_type=Path),
              help="Treatment plans (CSV/XLSX or a folder of plan documents); plans covering the "
                   "window are included.")
@click.option("--payer", type=click.Choice(PAYERS), default="common", show_default=True,
              help="Rule pack for the pre-release review.")
@click.option("--pack", "pack_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A custom rule pack (YAML) instead of --payer.")
@click.option("--fees", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Fee table (CSV: code,amount) for exposure amounts in the review.")
@click.option("--include-psychotherapy-notes", is_flag=True,
              help="Release psychotherapy notes in the window; requires --authorization.")
@click.option("--authorization", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="The client's signed authorization for psychotherapy notes (45 CFR 164.508(a)(2)); "
                   "its SHA-256 is recorded in the manifest.")
@click.option("--include-shared-pages", is_flag=True,
              help="Copy chart pages that also hold other records (flagged for redaction) instead of "
                   "rendering this client's text from them.")
@click.option("--force", is_flag=True, help="Replace the contents of a non-empty --out folder.")
@click.option("--columns", "columns_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="YAML/JSON/CSV mapping your export's column names to auditready fields.")
@click.option("--pdf-password", metavar="PASSWORD", help="Password for encrypted PDF exports.")
@click.option("--max-file-mb", type=click.IntRange(min=1), default=200, show_default=True,
              help="Files larger than this are refused.")
def command(exports, client, dob, start, end, out_dir, claims, plans, payer, pack_path, fees,
            include_psychotherapy_notes, authorization, include_shared_pages, force, columns_file,
            pdf_password, max_file_mb) -> None:
    """Build the records packet a payer asked for: one client, one date range.

    \b
    Writes into --out:
      records.pdf    index page, then progress notes, assessments and treatment plans in date
                     order; PDF pages are the original pages, other formats a labelled rendering
      manifest.json  every document with source file, pages and SHA-256; what was withheld and why
      manifest.csv   the same as a table
      review.txt     the pre-release review, for you only (review.json: the same as data)

    \b
    Psychotherapy notes are withheld (45 CFR 164.508(a)(2)) unless you pass both
    --include-psychotherapy-notes and --authorization FILE. Source files are only read; every
    source is re-checked against its SHA-256 from the scan before the packet is written.

    \b
    Examples:
      auditready packet EXPORTS/ --client "Jane Smith" --from 2024-01-01 --to 2024-06-30 --out packet/
      auditready packet EXPORTS/ --client 10442 --from 2024-01-01 --to 2024-12-31 \\
          --claims claims.csv --plans plans.csv --payer optum --out packet-optum/
    """
    from auditready.packet.build import build_packet
    from auditready.packet.request import PacketRequest
    from auditready.packet.review import review_terminal

    try:
        overrides = load_column_overrides(columns_file)
    except ColumnMappingError as exc:
        raise click.BadParameter(str(exc), param_hint="--columns") from exc
    request = PacketRequest(
        exports=tuple(exports), client=client, start=_date(start), end=_date(end), out=out_dir,
        dob=_date(dob), claims=claims, plans=plans, payer=payer, pack_path=pack_path, fees=fees,
        include_psychotherapy_notes=include_psychotherapy_notes, authorization=authorization,
        include_shared_pages=include_shared_pages, force=force,
        ingest=IngestOptions(pdf_password=pdf_password, max_file_bytes=max_file_mb * MiB,
                             column_overrides=overrides),
    )
    try:
        result = build_packet(request)
    except PacketUsageError as exc:
        raise click.UsageError(str(exc)) from exc
    except PacketError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Records packet for {result.identity.describe()}: {result.documents} documents, "
               f"{result.pages} pages -> {result.out / 'records.pdf'}")
    if result.withheld:
        click.echo(f"Withheld: {result.withheld} psychotherapy note(s) (45 CFR 164.508(a)(2)); "
                   "listed in manifest.json.")
    click.echo("")
    click.echo("Pre-release review (also in review.txt; keep it, do not send it):")
    click.echo(review_terminal(result.review))

"""Options shared by `scan` and `demo`, and the run-then-report sequence both end with."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import Any

import click

from auditready.ingest.columns import ColumnMappingError, load_column_overrides
from auditready.ingest.options import MiB, PDF_ENGINES, IngestOptions

PAYERS = ("common", "optum", "medicare", "medi-cal")
REPORT_FORMATS = ("json", "html", "xlsx", "csv")
EXIT_INPUT_ERRORS = 3
# Seconds per file: a real export of thousands of pages reads in well under a minute; a file
# that takes longer is almost always damaged (a parser loop).
DEFAULT_FILE_TIMEOUT = 120.0


def _parse_formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    chosen = tuple(part.strip().lower() for part in value.split(",") if part.strip())
    unknown = sorted(set(chosen) - set(REPORT_FORMATS))
    if unknown or not chosen:
        raise click.BadParameter(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(REPORT_FORMATS)}"
        )
    return chosen


def scan_options(func):
    """The options every scanning command takes, in the order --help shows them."""
    decorators = [
        click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
                     default=Path("auditready-report"), show_default=True,
                     help="Folder for the reports (created; readable by you only)."),
        click.option("--format", "formats", default=",".join(REPORT_FORMATS), show_default=True,
                     callback=_parse_formats,
                     help="Comma-separated report formats: json, html, xlsx, csv."),
        click.option("--payer", type=click.Choice(PAYERS), default="common", show_default=True,
                     help="Rule pack to judge notes by (`auditready rules --payer X` lists it)."),
        click.option("--pack", "pack_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="A custom rule pack (YAML) instead of --payer."),
        click.option("--plans", type=click.Path(exists=True, path_type=Path),
                     help="Treatment plans: a CSV/XLSX (one row per goal) or a folder of plan documents."),
        click.option("--claims", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Claims/billing export (CSV/XLSX) to reconcile against the notes."),
        click.option("--fees", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Your fee table (CSV with columns cpt,amount); codes it lacks use the 2025 Medicare default."),
        click.option("--universe", type=click.IntRange(min=1),
                     help="Number of claims the scanned notes were sampled from, for extrapolation."),
        click.option("--lookback", metavar="WINDOW",
                     help="Only claims within this window count, e.g. 12m or 4y."),
        click.option("--columns", "columns_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="YAML/JSON/CSV mapping your export's column names to auditready fields."),
        click.option("--deidentify", is_flag=True,
                     help="Replace client names and ids with stable pseudonyms in every output."),
        click.option("--pdf-engine", type=click.Choice(PDF_ENGINES), default="pypdfium2", show_default=True,
                     help="pypdfium2 is fast; pdfplumber reads layout (checkboxes, tables) better."),
        click.option("--pdf-password", metavar="PASSWORD",
                     help="Password for encrypted PDF exports."),
        click.option("--max-file-mb", type=click.IntRange(min=1), default=200, show_default=True,
                     help="Files larger than this are refused (listed in the intake table)."),
        click.option("--file-timeout", "file_timeout", type=click.FloatRange(min=0), metavar="SECONDS",
                     default=DEFAULT_FILE_TIMEOUT, show_default=True,
                     help="A file that takes longer than this to read is listed as an error and "
                          "the scan goes on (0 = no limit)."),
        click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
                     help="Worker processes reading and judging files [default: the number of "
                          "CPU cores]. --jobs 1 --file-timeout 0 runs everything in one process "
                          "(for debugging); --jobs 1 alone still uses one worker so the time "
                          "limit can stop a file."),
        click.option("--quiet", "-q", is_flag=True, help="Print only the report path."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def build_scan_options(options: dict[str, Any]):
    from auditready.pipeline import ScanOptions
    from auditready.scanwork import default_jobs

    try:
        overrides = load_column_overrides(options.get("columns_file"))
    except ColumnMappingError as exc:
        raise click.BadParameter(str(exc), param_hint="--columns") from exc
    ingest = IngestOptions(
        pdf_engine=options["pdf_engine"],
        pdf_password=options.get("pdf_password"),
        max_file_bytes=options["max_file_mb"] * MiB,
        column_overrides=overrides,
    )
    return ScanOptions(
        payer=options["payer"],
        pack_path=options.get("pack_path"),
        plans=options.get("plans"),
        claims=options.get("claims"),
        fees=options.get("fees"),
        universe=options.get("universe"),
        lookback=options.get("lookback"),
        deidentify=options["deidentify"],
        ingest=ingest,
        jobs=options.get("jobs") or default_jobs(),
        file_timeout=_file_timeout(options.get("file_timeout", DEFAULT_FILE_TIMEOUT)),
    )


def _file_timeout(value: float | None) -> float | None:
    return None if not value else float(value)


def unexpected_error(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return (
        f"the scan stopped: unexpected {type(exc).__name__}{where} (please report it); "
        "no reports were written"
    )


def run_and_report(paths: list[Path], scan, options: dict[str, Any]) -> None:
    """Run the scan, write the reports, print the summary and exit with the documented code."""
    from auditready.commands.progress import terminal_progress
    from auditready.commands.summary import print_summary
    from auditready.pipeline import run_scan
    from auditready.rules import PackError

    try:
        with terminal_progress(enabled=not options["quiet"]) as progress:
            result, written = run_scan(paths, scan, options["out_dir"], set(options["formats"]), progress)
    except PackError as exc:
        raise click.ClickException(f"rule pack: {exc}") from exc
    except (ValueError, OSError) as exc:
        # Bad --fees, --lookback, plans/claims mapping or an unwritable --out: a clear message,
        # never a traceback (and never note text: these errors name files and fields only).
        raise click.ClickException(str(exc)) from exc
    except Exception as exc:
        # A bug: a traceback's message could quote note text, so only the exception's type and
        # where it was raised are shown.
        raise click.ClickException(unexpected_error(exc)) from exc
    print_summary(result, written, options["out_dir"], quiet=options["quiet"])
    failed = sum(1 for record in result.inputs if record.status == "error")
    if failed:
        sys.exit(EXIT_INPUT_ERRORS)

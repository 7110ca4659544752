"""`auditready demo`: the whole job on the bundled, fictional sample practice."""

from __future__ import annotations

from pathlib import Path

import click

from auditready.commands.options import REPORT_FORMATS, build_scan_options, run_and_report
from auditready.resources import sample_data


@click.command("demo")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("auditready-report"), show_default=True,
              help="Folder for the reports.")
@click.option("--payer", type=click.Choice(("common", "optum", "medicare", "medi-cal")),
              default="optum", show_default=True, help="Rule pack to judge the sample notes by.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the report path.")
def command(out_dir: Path, payer: str, quiet: bool) -> None:
    """Scan the bundled sample practice and write its reports.

    \b
    The sample is a fictional group practice ("Cedar Grove Counseling"): per-note PDFs, a
    multi-note chart PDF, DOCX notes, an XLSX and a CSV export, psychotherapy notes, treatment
    plans and a claims file, with good and deficient notes written on purpose (see
    sample_data/README.md in the source). It runs exactly as

    \b
      auditready scan SAMPLE/exports --plans SAMPLE/plans --claims SAMPLE/claims/claims.csv \\
          --payer optum --out auditready-report
    """
    root = sample_data()
    options = {
        "out_dir": out_dir,
        "formats": REPORT_FORMATS,
        "payer": payer,
        "pack_path": None,
        "plans": root / "plans",
        "claims": root / "claims" / "claims.csv",
        "fees": None,
        "universe": None,
        "lookback": None,
        "columns_file": None,
        "deidentify": False,
        "pdf_engine": "pypdfium2",
        "pdf_password": None,
        "max_file_mb": 200,
        "quiet": quiet,
    }
    run_and_report([root / "exports"], build_scan_options(options), options)

"""The `auditready` command line: one click group; each command lives in auditready/commands/."""

from __future__ import annotations

import importlib

import click

from auditready import __version__

# Command modules, each defining a click command named `command`.
COMMAND_MODULES = ("scan", "demo", "check", "rules", "packet")


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="auditready")
def main() -> None:
    """Find the therapy notes that would fail an insurance audit, why, and what it could cost.

    auditready reads exported notes (PDF, DOCX, XLSX, CSV, text, zips of them), rates every
    progress note against a payer's documentation criteria with evidence from the note, and
    writes an HTML report, an Excel workbook and audit.json. Nothing leaves this machine.

    Start with `auditready demo`, then `auditready scan EXPORTS/ --payer optum`.
    """


for _name in COMMAND_MODULES:
    main.add_command(importlib.import_module(f"auditready.commands.{_name}").command)

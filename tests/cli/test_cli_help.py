"""The command line explains itself: every command's --help runs, shows examples where a user
needs them, and the committed reference (docs/cli.md) equals what the commands say."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from auditready.cli import main
from auditready.commands.reference import render

REPO = Path(__file__).resolve().parents[2]
COMMANDS = ("scan", "demo", "check", "rules", "packet")


def test_every_command_is_registered():
    assert set(COMMANDS) <= set(main.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_runs_and_describes_the_command(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert f"Usage: main {command}" in result.output or f"Usage: auditready {command}" in result.output
    assert len(result.output.splitlines()) > 8


@pytest.mark.parametrize("command", ("scan", "check", "packet"))
def test_help_shows_examples(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert "Examples:" in result.output or "Example:" in result.output


def test_scan_help_names_every_input_and_the_exit_codes():
    output = CliRunner().invoke(main, ["scan", "--help"]).output
    for option in ("--plans", "--claims", "--payer", "--out", "--format", "--columns", "--deidentify", "--pdf-engine"):
        assert option in output
    assert "Exit status" in output


def test_unknown_format_is_a_clear_usage_error(tmp_path):
    (tmp_path / "n.txt").write_text("Progress Note\nDate of Service: 03/04/2025\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["scan", str(tmp_path), "--format", "json,pdf", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "unknown format pdf" in result.output


def test_committed_cli_reference_is_current():
    committed = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert committed == render(), "docs/cli.md is stale: run `python -m auditready.commands.reference docs/cli.md`"

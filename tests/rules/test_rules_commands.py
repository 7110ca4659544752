"""`auditready check` and `auditready rules` through click's CliRunner, on real note files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rules_helpers import GOOD_NOTE

from auditready.cli import main

ANSI = re.compile(r"\x1b\[[0-9;]*m")

THIN_NOTE = """\
Progress Note
Date of Service: 03/14/2025
CPT: 90837
Start: 14:00  End: 14:45
Client tolerated session well. Continue current plan.
"""


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_check_prints_every_criterion_with_evidence(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "good_note.txt"
    path.write_text(GOOD_NOTE, encoding="utf-8")
    result = runner.invoke(main, ["check", str(path), "--payer", "optum"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert not ANSI.search(out), "plain text when not a terminal"
    assert "Optum" in out and "SUPPORTED" in out
    assert re.search(r"PASS\s+time documented", out)
    assert re.search(r"PASS\s+interventions", out)
    assert "cognitive restructuring" in out
    assert "evidence: \u201c" in out


def test_check_shows_failures_with_what_was_searched_and_the_fix(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "thin.txt"
    path.write_text(THIN_NOTE, encoding="utf-8")
    result = runner.invoke(main, ["check", str(path)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "UNSUPPORTED" in out
    assert re.search(r"FAIL\s+time supports code \[recode\]", out)
    assert "45 min supports 90834" in out
    assert re.search(r"FAIL\s+signature \[fatal\]", out)
    assert "searched:" in out and "fix:" in out
    failures_only = runner.invoke(main, ["check", str(path), "--failures-only"]).output
    assert "PASS" not in failures_only and "FAIL" in failures_only


def test_check_with_color_on_a_terminal(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "thin.txt"
    path.write_text(THIN_NOTE, encoding="utf-8")
    result = runner.invoke(main, ["check", str(path)], color=True)
    assert ANSI.search(result.output)


def test_check_with_a_custom_pack_that_is_broken(runner: CliRunner, tmp_path: Path) -> None:
    note = tmp_path / "n.txt"
    note.write_text(THIN_NOTE, encoding="utf-8")
    pack = tmp_path / "mine.yaml"
    pack.write_text("id: mine\nname: Mine\nversion: 1\ndescription: x\nextends: common\nrules:\n"
                    "  - id: TIM002\n    severty: fatal\n", encoding="utf-8")
    result = runner.invoke(main, ["check", str(note), "--pack", str(pack)])
    assert result.exit_code != 0
    assert "mine.yaml, line 8" in result.output and "severty" in result.output


def test_rules_lists_a_pack(runner: CliRunner) -> None:
    result = runner.invoke(main, ["rules", "--payer", "optum"])
    assert result.exit_code == 0, result.output
    assert "TIM003" in result.output and "extended_session_rationale" in result.output
    assert "(check clone_similarity, across notes)" in result.output
    lines = result.output.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("TIM001"):
            assert "fatal" in line and "time_documented" in line
            assert "start and stop times" in lines[index + 1]


def test_rules_explains_one_rule(runner: CliRunner) -> None:
    result = runner.invoke(main, ["rules", "TIM002"])
    assert result.exit_code == 0, result.output
    out = result.output
    for heading in ("What", "Why", "Fix", "Example", "Sources", "Parameters"):
        assert heading in out
    assert "https://www.novitas-solutions.com" in out
    assert "no_code_severity" in out


def test_rules_unknown_rule(runner: CliRunner) -> None:
    result = runner.invoke(main, ["rules", "XYZ999"])
    assert result.exit_code != 0 and "has no rule" in result.output


def test_help_has_examples(runner: CliRunner) -> None:
    for command in ("check", "rules"):
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0 and "Examples:" in result.output


def test_check_prints_each_note_of_a_multi_note_export(runner: CliRunner, tmp_path: Path) -> None:
    import csv

    path = tmp_path / "export.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Client", "Date of Service", "CPT Code", "Duration", "Note"])
        writer.writerow(["Jordan Avery", "03/14/2025", "90837", "45",
                         "Client reported worry most days. Continue weekly therapy."])
        writer.writerow(["Sam Lee", "03/15/2025", "90834", "40",
                         "Used cognitive restructuring; client was able to identify two alternative thoughts."])
    result = runner.invoke(main, ["check", str(path)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.count("Verdict:") == 2
    assert "row 2" in out and "row 3" in out
    assert "45 min supports 90834" in out


def test_check_reports_an_unreadable_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4 this is not really a pdf")
    result = runner.invoke(main, ["check", str(path)])
    assert result.exit_code == 3
    assert "broken.pdf" in result.output and "error" in result.output

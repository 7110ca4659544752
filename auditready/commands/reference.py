"""Generate docs/cli.md from the commands' own --help, so the reference never drifts.

    python -m auditready.commands.reference              # print the document
    python -m auditready.commands.reference docs/cli.md  # write it
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from auditready.cli import main as cli_main

HEADER = """# Command reference

Generated from each command's `--help` by `python -m auditready.commands.reference docs/cli.md`;
a test keeps this file equal to the generated text.
"""


def _help_text(command: click.Command, path: list[str]) -> str:
    # A fixed width keeps the document the same on every terminal.
    parent = None
    for name in path[:-1]:
        parent = click.Context(cli_main if parent is None else parent.command, info_name=name, parent=parent)
    ctx = click.Context(command, info_name=path[-1], parent=parent, terminal_width=100, max_content_width=100,
                        help_option_names=["-h", "--help"])
    return command.get_help(ctx)


def render() -> str:
    sections = [HEADER, "## auditready\n", "```\n" + _help_text(cli_main, ["auditready"]) + "\n```\n"]
    for name in sorted(cli_main.commands):
        command = cli_main.commands[name]
        sections.append(f"## auditready {name}\n")
        sections.append("```\n" + _help_text(command, ["auditready", name]) + "\n```\n")
    return "\n".join(sections)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    text = render()
    if argv:
        Path(argv[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""`auditready rules`: list a pack's rules, or explain one."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import click

from auditready.commands.check import load_pack_option
from auditready.commands.options import PAYERS

SEVERITY_COLORS = {"fatal": "red", "recode": "yellow", "risk": "magenta", "quality": "cyan", "privacy": "blue"}


@click.command("rules")
@click.argument("rule_id", required=False)
@click.option("--payer", type=click.Choice(PAYERS), default="common", show_default=True,
              help="Rule pack to list.")
@click.option("--pack", "pack_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A custom rule pack (YAML) instead of --payer; it is validated first.")
def command(rule_id: str | None, payer: str, pack_path: Path | None) -> None:
    """List the rules of a payer's pack, or explain RULE_ID: what it checks, why payers care
    (with sources), how to fix a failure, and an example.

    \b
    Examples:
      auditready rules                      # the common (Medicare-baseline) pack
      auditready rules --payer optum        # Optum's pack: common plus Optum's stricter rules
      auditready rules TIM002 --payer optum # explain one rule
      auditready rules --pack my_pack.yaml  # validate and list a custom pack

    \b
    Severity: fatal = claim unsupported (full recoupment); recode = supports a lower code;
    risk = medical-necessity weakness; quality = record-review finding; privacy = HIPAA.
    Rules marked corpus compare notes with each other or with plans (run by `auditready scan`).
    """
    pack = load_pack_option(payer, pack_path)
    if rule_id:
        try:
            rule = pack.rule(rule_id)
        except KeyError:
            ids = ", ".join(r.id for r in pack.rules)
            raise click.ClickException(f"pack {pack.id} has no rule {rule_id!r}; its rules: {ids}") from None
        _explain(pack, rule)
        return
    _list(pack)


def _width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))


def _list(pack) -> None:
    width = _width()
    click.echo(click.style(f"{pack.name}", bold=True) + f"  (pack {pack.id} {pack.version}"
               + (f", extends {pack.extends}" if pack.extends else "") + f"; {len(pack.rules)} rules)")
    for line in textwrap.wrap(" ".join(pack.description.split()), width):
        click.echo(line)
    click.echo()
    for rule in pack.rules:
        severity = click.style(rule.severity.ljust(8), fg=SEVERITY_COLORS.get(rule.severity))
        check = "" if rule.check == rule.criterion and rule.scope == "note" else (
            f"  (check {rule.check}" + (", across notes" if rule.scope == "corpus" else "") + ")")
        click.echo(click.style(rule.id.ljust(8), bold=True) + severity + " " + rule.criterion + check)
        what = " ".join(rule.what.split())
        first = what.split(". ")[0].rstrip(".") + "."
        for line in textwrap.wrap(first, width, initial_indent=" " * 8, subsequent_indent=" " * 8):
            click.echo(line)
    if pack.disabled:
        click.echo(f"\nSwitched off in this pack: {', '.join(pack.disabled)}")
    click.echo("\n`auditready rules RULE_ID" + (f" --payer {pack.id}" if pack.id in PAYERS else "")
               + "` explains a rule.")


def _explain(pack, rule) -> None:
    width = _width()
    click.echo(click.style(f"{rule.id}  {rule.criterion}", bold=True) + f"  (pack {pack.id} {pack.version})")
    facts = [f"severity {click.style(rule.severity, fg=SEVERITY_COLORS.get(rule.severity))}",
             f"check {rule.check} ({rule.scope})",
             "applies to " + ", ".join(kind.replace("_", " ") for kind in rule.applies_to) + " notes"]
    if rule.codes:
        facts.append("CPT " + ", ".join(rule.codes))
    click.echo("  " + " | ".join(facts))
    for title, body in (("What", rule.what), ("Why", rule.why), ("Fix", rule.fix), ("Example", rule.example)):
        if not body:
            continue
        click.echo("\n" + click.style(title, bold=True))
        for paragraph in body.split("\n\n"):
            for line in textwrap.wrap(" ".join(paragraph.split()), width, initial_indent="  ",
                                      subsequent_indent="  "):
                click.echo(line)
    params = rule.params.model_dump()
    if params:
        click.echo("\n" + click.style("Parameters", bold=True))
        for name, value in params.items():
            shown = value if not isinstance(value, list) or len(value) <= 6 else value[:6] + ["\u2026"]
            for line in textwrap.wrap(f"{name}: {shown}", width, initial_indent="  ", subsequent_indent="    "):
                click.echo(line)
    click.echo("\n" + click.style("Sources", bold=True))
    for url in rule.citation:
        click.echo(f"  {url}")
    click.echo(f"\n  defined in {rule.source}")

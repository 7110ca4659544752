"""`auditready check`: judge the notes in one file and print every criterion with its evidence."""

from __future__ import annotations

import shutil
import sys
import textwrap
from pathlib import Path

import click

from auditready.commands.options import EXIT_INPUT_ERRORS, PAYERS
from auditready.models import FAIL, NOT_APPLICABLE, PASS, Finding, Note

STATUS_LABELS = {PASS: "PASS", FAIL: "FAIL", NOT_APPLICABLE: "N/A"}
STATUS_COLORS = {PASS: "green", FAIL: "red", NOT_APPLICABLE: "bright_black"}
VERDICT_COLORS = {"supported": "green", "at_risk": "yellow", "unsupported": "red"}
MAX_QUOTE = 300  # characters of evidence shown per quote; the report has the rest
LABEL_WIDTH = 8


def load_pack_option(payer: str, pack_path: Path | None):
    """The pack chosen by --pack (a file) or --payer (a built-in name), or a usage error that
    names the file and line at fault."""
    from auditready.rules import PackError, load_pack

    try:
        return load_pack(pack_path if pack_path is not None else payer)
    except PackError as exc:
        raise click.ClickException(str(exc)) from None


def read_note_file(path: Path) -> list[Note]:
    """The notes in one file, through the same readers and splitter as `scan`."""
    from auditready.ingest import IngestOptions, ingest_paths
    from auditready.ingest.split import split_document

    ingested = ingest_paths([path], IngestOptions())
    problems = [record for record in ingested.inputs if record.status != "parsed"]
    notes = [note for document in ingested.documents for note in split_document(document)]
    for record in problems:
        click.echo(f"{record.path}: {record.status}: {record.reason}", err=True)
    if problems and not notes:
        sys.exit(EXIT_INPUT_ERRORS)
    return notes


@click.command("check")
@click.argument("note_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--payer", type=click.Choice(PAYERS), default="common", show_default=True,
              help="Rule pack to judge the note by (`auditready rules --payer X` lists its rules).")
@click.option("--pack", "pack_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A custom rule pack (YAML) instead of --payer.")
@click.option("--failures-only", is_flag=True, help="Show only the criteria the note fails.")
def command(note_file: Path, payer: str, pack_path: Path | None, failures_only: bool) -> None:
    """Judge the note(s) in NOTE_FILE and show, criterion by criterion, what passed, what
    failed, the words in the note that decided it, and how to fix it.

    \b
    NOTE_FILE is one exported note: PDF, DOCX, TXT, or an XLSX/CSV export (every row is a note).
    A file holding several notes (a chart PDF) prints each note in turn.

    \b
    Examples:
      auditready check note.pdf
      auditready check note.docx --payer optum
      auditready check chart.pdf --payer medi-cal --failures-only
      auditready check note.txt --pack my_practice_pack.yaml

    \b
    PASS means the record is fine on that point; FAIL names the severity an auditor would
    assign (fatal: claim unsupported, recode: lower code, risk: medical-necessity weakness,
    quality: record-review finding, privacy: HIPAA); N/A means the criterion does not apply.
    """
    from auditready.classify import classify
    from auditready.rules import RuleContext, evaluate_note, score_and_verdict

    pack = load_pack_option(payer, pack_path)
    notes = read_note_file(note_file)
    if not notes:
        click.echo(f"{note_file}: no notes found in this file.")
        return
    context = RuleContext()
    width = max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))
    click.echo(click.style(f"Rule pack: {pack.name} ({pack.id} {pack.version})", bold=True))
    for note in notes:
        classification = classify(note)
        findings = evaluate_note(note, classification, pack, context)
        score, verdict = score_and_verdict(findings, pack)
        click.echo()
        _print_header(note, classification, score, verdict, width)
        for finding in findings:
            if failures_only and finding.status != FAIL:
                continue
            _print_finding(note, finding, width)


def _print_header(note: Note, classification, score: float | None, verdict: str | None, width: int) -> None:
    click.echo("=" * width)
    where = note.source.path + (f", page {note.source.page}" if note.source.page else "") + (
        f", row {note.source.row}" if note.source.row else "")
    click.echo(click.style(f"Note {note.id}", bold=True) + f"  ({where})")
    facts = [f"{classification.note_type.replace('_', ' ')} note "
             f"(confidence {classification.confidence:.2f})"]
    for label, name in (("date", "date_of_service"), ("CPT", "cpt"), ("minutes", "minutes"),
                        ("clinician", "clinician")):
        value = note.value(name)
        if value is not None:
            facts.append(f"{label} {value.isoformat() if hasattr(value, 'isoformat') else value}")
    click.echo("  " + " | ".join(facts))
    if verdict is None:
        click.echo("  Verdict: not scored (not a billable progress note)")
    else:
        shown = verdict.replace("_", " ").upper()
        click.echo("  Verdict: " + click.style(shown, fg=VERDICT_COLORS.get(verdict), bold=True)
                   + f"   Score: {score:.1f}%")
    click.echo("=" * width)


def _print_finding(note: Note, finding: Finding, width: int) -> None:
    label = STATUS_LABELS.get(finding.status, finding.status.upper())
    styled = click.style(label.ljust(LABEL_WIDTH - 2), fg=STATUS_COLORS.get(finding.status), bold=True)
    severity = f" [{finding.severity}]" if finding.status == FAIL else ""
    click.echo(f"{styled}  {finding.criterion.replace('_', ' ')}{severity}  ({finding.rule_id})")
    indent = " " * LABEL_WIDTH
    _wrapped(finding.message, indent, width)
    if finding.status == NOT_APPLICABLE:
        return
    for span in finding.evidence:
        page = note.page_at(span.start) if span.start >= 0 else None
        where = f"evidence, page {page}" if page else "evidence"
        _wrapped(f"{where}: \u201c{_shorten(span.text)}\u201d", indent, width)
    if finding.status == FAIL:
        if finding.searched:
            _wrapped(f"searched: {finding.searched}", indent, width, fg="bright_black")
        if finding.fix:
            _wrapped(f"fix: {finding.fix}", indent, width, fg="cyan")


def _shorten(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= MAX_QUOTE else flat[: MAX_QUOTE - 1].rstrip() + "\u2026"


def _wrapped(text: str, indent: str, width: int, fg: str | None = None) -> None:
    lines = textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent + "  ")
    for line in lines or [indent]:
        click.echo(click.style(line, fg=fg) if fg else line)

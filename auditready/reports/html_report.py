"""The HTML report: index.html (the practice on one screen) and one page per clinician.

Self-contained: inline CSS and inline SVG, no scripts, no external fonts, images or fetches, and
a Content-Security-Policy that forbids them, so it opens from file:// on an air-gapped laptop and
on a conference-room projector. Jinja2 autoescapes every value; note text is split into
segments around the evidence spans in Python and each segment is escaped by the template (no
`|safe` on anything that came from a note).

This module only arranges what `AuditResult` already holds (order, bounds, chart geometry).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from auditready import resources
from auditready.crossnote.identity import clinician_key
from auditready.models import FAIL, PASS, AuditResult, ClinicianSummary, NoteResult
from auditready.reports.summaries import (
    UNKNOWN_CLINICIAN,
    VERDICTS,
    exposure_amount,
    worst_first_key,
)

WORST_NOTES_PER_CLINICIAN = 50
# Pages stay small whatever the size of the practice; the workbook and audit.json list all.
MAX_PROBLEM_FILES_SHOWN = 100  # intake rows that were not read, on the overview
MAX_CLONE_GROUPS_SHOWN = 50  # per clinician page, most similar first
MAX_CLONE_IDS_SHOWN = 20  # note ids listed per clone group
SHARED_PASSAGE_CHARS = 400
VERDICT_LABELS = {"unsupported": "Unsupported", "at_risk": "At risk", "supported": "Supported"}
VERDICT_COLORS = {"unsupported": "#b3261e", "at_risk": "#b26a00", "supported": "#2e7d32"}
# Compliance bar colors against the record-review pass marks (criteria.md §4: 80% / 85%).
LOW_MARK, HIGH_MARK = 80.0, 85.0


def money(value: Any) -> str:
    if value is None:
        return "—"
    return f"${value:,.2f}" if abs(value) < 1000 else f"${value:,.0f}"


def percent(value: Any, already_percent: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value if already_percent else 100 * value:.1f}%"


def humanize(criterion: str) -> str:
    return criterion.replace("_", " ").capitalize()


# --------------------------------------------------------------------------------------------
# Evidence highlighting


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    css: str  # "" (plain), "ok" (evidence of a pass), "bad" (evidence of a failure)
    title: str


def highlight(text: str, note: NoteResult) -> list[Segment]:
    """The note's text cut at every evidence boundary; each piece knows which findings point at
    it. Spans whose offsets do not match the text (evidence from a structured column) are left
    out here and shown in the findings table instead."""
    spans = []
    for finding in note.findings:
        for span in finding.evidence:
            if 0 <= span.start < span.end <= len(text) and text[span.start:span.end] == span.text:
                spans.append((span.start, span.end, finding.status, finding.criterion))
    if not spans:
        return [Segment(text, "", "")]
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    segments = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [(status, criterion) for s, e, status, criterion in spans if s <= start and end <= e]
        if not covering:
            segments.append(Segment(text[start:end], "", ""))
            continue
        css = "bad" if any(status == FAIL for status, _ in covering) else "ok"
        title = ", ".join(sorted({f"{humanize(c)}: {s}" for s, c in covering}))
        segments.append(Segment(text[start:end], css, title))
    return segments


# --------------------------------------------------------------------------------------------
# Charts (geometry only; the template draws it)


def compliance_chart(rows: list[dict[str, Any]]) -> dict[str, Any]:
    label_width, bar_width, row_height, top = 360, 640, 46, 40
    bars = []
    for i, row in enumerate(r for r in rows if r["compliance"] is not None):
        value = row["compliance"]
        color = "#2e7d32" if value >= HIGH_MARK else "#b26a00" if value >= LOW_MARK else "#b3261e"
        y = top + i * row_height
        bars.append({
            "label": humanize(row["criterion"]), "y": y, "text_y": y + row_height / 2 + 9,
            "width": round(bar_width * value / 100, 1), "color": color, "value": f"{value:.0f}%",
            "detail": f"{row['pass']} of {row['pass'] + row['fail']} notes",
        })
    height = top + len(bars) * row_height + 10
    # The two pass marks sit close together: label the lower one to its left, the higher to its right.
    marks = [{"x": label_width + bar_width * mark / 100, "label": f"{mark:.0f}%", "anchor": anchor,
              "dx": dx} for mark, anchor, dx in ((LOW_MARK, "end", -6), (HIGH_MARK, "start", 6))]
    return {"bars": bars, "height": height, "label_width": label_width, "bar_width": bar_width,
            "row_height": row_height - 10, "marks": marks, "width": label_width + bar_width + 230}


def verdict_chart(verdicts: dict[str, int]) -> dict[str, Any]:
    total = sum(verdicts.values())
    width, x, parts = 1000, 0.0, []
    for verdict in VERDICTS:
        count = verdicts.get(verdict, 0)
        share = count / total if total else 0
        part_width = width * share
        parts.append({"verdict": verdict, "label": VERDICT_LABELS[verdict], "count": count,
                      "share": percent(share), "x": round(x, 1), "width": round(part_width, 1),
                      "color": VERDICT_COLORS[verdict], "show_text": part_width > 90,
                      "text_x": round(x + part_width / 2, 1)})
        x += part_width
    return {"parts": parts, "total": total, "width": width}


def exposure_bar(value: float, largest: float) -> float:
    return round(100 * value / largest, 1) if largest > 0 else 0.0


# --------------------------------------------------------------------------------------------
# Pages


def clinician_file(summary: ClinicianSummary, taken: set[str]) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", summary.clinician.lower()).strip("-")[:48].strip("-")
    name = f"clinicians/{slug or 'clinician'}.html"
    number = 2
    while name in taken:
        name = f"clinicians/{slug}-{number}.html"
        number += 1
    taken.add(name)
    return name


def _clinician_group(name: str | None) -> str:
    """The same grouping summaries.build_clinicians uses ("Whitfield, Dana" = "Dana Whitfield")."""
    return (clinician_key(name) or UNKNOWN_CLINICIAN) if name != UNKNOWN_CLINICIAN else UNKNOWN_CLINICIAN


def _notes_by_clinician(notes: Iterable[NoteResult]) -> dict[str, list[NoteResult]]:
    grouped: dict[str, list[NoteResult]] = {}
    for note in notes:
        grouped.setdefault(_clinician_group(note.clinician), []).append(note)
    return grouped


def _note_view(note: NoteResult, anchor: str) -> dict[str, Any]:
    findings = sorted(note.findings, key=lambda f: (f.status != FAIL, f.status != PASS, f.criterion))
    return {
        "note": note,
        "anchor": anchor,
        "findings": findings,
        "failed": [f.criterion for f in findings if f.status == FAIL],
        "segments": highlight(note.text, note) if note.text else None,
        "exposure": exposure_amount(note),
    }


def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(str(resources.report_templates())),
        autoescape=True,  # always: every value may hold note text or a file name
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(money=money, percent=percent, humanize=humanize)
    environment.globals.update(verdict_labels=VERDICT_LABELS, verdict_colors=VERDICT_COLORS)
    return environment


def render_html(result: AuditResult) -> dict[str, str]:
    """Relative file name -> page text."""
    return dict(iter_html(result))


def iter_html(result: AuditResult) -> Iterator[tuple[str, str]]:
    """(relative file name, page text), index.html first, one page rendered at a time."""
    environment = _environment()
    summary = result.summary
    taken: set[str] = set()
    pages = {c.clinician: clinician_file(c, taken) for c in result.clinicians}
    largest = max((c.exposure.get("total") or 0.0 for c in result.clinicians), default=0.0)
    clinicians = [{"summary": c, "file": pages[c.clinician],
                   "bar": exposure_bar(c.exposure.get("total") or 0.0, largest)} for c in result.clinicians]
    problems = summary.get("inputs", {}).get("problems", [])
    yield "index.html", environment.get_template("index.html.j2").render(
        result=result, summary=summary, clinicians=clinicians,
        problems=problems[:MAX_PROBLEM_FILES_SHOWN],
        problems_hidden=max(0, len(problems) - MAX_PROBLEM_FILES_SHOWN),
        compliance=compliance_chart(summary.get("compliance_by_criterion", [])),
        verdicts=verdict_chart(summary.get("verdicts", {})),
        root="",
    )
    clinician_template = environment.get_template("clinician.html.j2")
    notes_by_clinician = _notes_by_clinician(result.notes)
    for clinician in result.clinicians:
        own = notes_by_clinician.get(_clinician_group(clinician.clinician), [])
        flagged = sorted((n for n in own if n.verdict in ("unsupported", "at_risk") or exposure_amount(n) > 0),
                         key=worst_first_key)
        shown = flagged[:WORST_NOTES_PER_CLINICIAN]
        views = [_note_view(note, f"note-{i + 1}") for i, note in enumerate(shown)]
        anchors = {view["note"].id: view["anchor"] for view in views}
        own_ids = {n.id for n in own}
        own_groups = sorted((group for group in result.clones if not own_ids.isdisjoint(group.notes)),
                            key=lambda group: -group.similarity)
        clones = [
            {"group": group, "ids": group.notes[:MAX_CLONE_IDS_SHOWN],
             "more_ids": max(0, len(group.notes) - MAX_CLONE_IDS_SHOWN),
             "passage": group.shared_passage[:SHARED_PASSAGE_CHARS],
             "truncated": len(group.shared_passage) > SHARED_PASSAGE_CHARS}
            for group in own_groups[:MAX_CLONE_GROUPS_SHOWN]
        ]
        yield pages[clinician.clinician], clinician_template.render(
            result=result, summary=summary, clinician=clinician, notes=views, anchors=anchors,
            flagged=len(flagged), limit=WORST_NOTES_PER_CLINICIAN, clones=clones,
            clones_hidden=max(0, len(own_groups) - MAX_CLONE_GROUPS_SHOWN), root="../",
        )

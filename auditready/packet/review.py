"""The pre-release review: what the clinician should look at before the packet is sent.

It advises and never edits. A record that needs correcting gets a dated addendum (late entry)
written and signed by the clinician, with the original kept unchanged (CMS "Amendments,
Corrections and Delayed Entries in Medical Documentation",
https://www.hhs.gov/guidance/document/update-amendments-corrections-and-delayed-entries-medical-documentation;
domain/exports.md §4 "Never alter a signed record").

Quotes: the review may quote the progress notes that are in the packet (the clinician's own
machine, and the payer gets that text anyway). It never quotes a psychotherapy note that is not
released: it gives the location and the kind of item only, so no packet file carries that text.
The terminal shows locations and short quotes; review.txt and review.json carry full quotes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from auditready.crossnote.claims import NO_NOTE, PSYCHOTHERAPY_NOTE_ONLY
from auditready.models import ERROR, FAIL, ClaimResult, Exposure, Finding, InputRecord, Note
from auditready.packet.clientmatch import ClientIdentity, dob_key, name_key
from auditready.packet.layout import (
    OTHER_CLIENT,
    WITHHELD_PSYCHOTHERAPY,
    ItemLayout,
)
from auditready.packet.selection import PSYCHOTHERAPY, Selection

ADDENDUM_ADVICE = (
    "auditready changed no record. Any correction must be a dated addendum (late entry) written "
    "and signed by the clinician, keeping the original note unchanged; an addendum written after "
    "the request should say so. Never re-sign, re-date or edit a signed note. (CMS: "
    "https://www.hhs.gov/guidance/document/update-amendments-corrections-and-delayed-entries-medical-documentation)"
)

# Sections in the order the clinician should read them: disclosure risks first, then payment.
SECTIONS = {
    "process_content": "Progress notes holding psychotherapy-note (process) content",
    "excluded_items": "Psychotherapy notes holding items that belong in the progress note",
    "psychotherapy_in_chart": "Psychotherapy notes stored inside the chart",
    "shared_pages": "Chart pages shared with records that are not being sent",
    "claims_without_note": "Billed dates of service without a progress note",
    "fatal": "Notes failing payment-fatal criteria",
    "signature": "Unsigned or late-signed notes",
    "identifiers": "Original pages without the client's name or date of birth",
    "left_out": "Records of this client not in the packet",
    "unreadable": "Export files that could not be read (any records in them are not in the packet)",
    "rendering": "Rendering limits",
}

PROCESS_CRITERION = "no_psychotherapy_content"
EXCLUDED_CRITERION = "psychotherapy_note_separate"
SIGNATURE_CRITERIA = ("signature", "signature_timely")
TERMINAL_QUOTE_CHARS = 70
TERMINAL_ISSUES_PER_SECTION = 15  # the rest is in review.txt


@dataclass(slots=True)
class Quote:
    location: str
    text: str


@dataclass(slots=True)
class ReviewIssue:
    section: str
    message: str
    location: str = ""
    date_of_service: str | None = None
    note_id: str | None = None
    criterion: str = ""
    quotes: list[Quote] = field(default_factory=list)
    exposure: float | None = None
    exposure_reason: str = ""


@dataclass(slots=True)
class Review:
    issues: list[ReviewIssue] = field(default_factory=list)
    advice: str = ADDENDUM_ADVICE

    def in_section(self, section: str) -> list[ReviewIssue]:
        return [issue for issue in self.issues if issue.section == section]

    @property
    def total_exposure(self) -> float:
        return round(sum(issue.exposure or 0.0 for issue in self.issues), 2)


@dataclass(slots=True)
class Assessment:
    """What the rules said about one note of the client."""

    note: Note
    note_type: str
    findings: list[Finding]
    verdict: str | None = None
    exposure: Exposure | None = None


def where(note: Note, offset: int | None = None) -> str:
    """A note's location for people: 'chart.pdf, page 3' / 'notes.csv, row 12'."""
    if note.source.row is not None:
        return f"{note.source.path}, row {note.source.row}"
    page = note.page_at(offset) if offset is not None and offset >= 0 else note.source.page
    return f"{note.source.path}, page {page}" if page is not None else note.source.path


def _dos(note: Note) -> str | None:
    value = note.value("date_of_service")
    return value.isoformat() if isinstance(value, date) else None


def _failed(assessment: Assessment, criteria: tuple[str, ...] | None = None) -> list[Finding]:
    return [f for f in assessment.findings
            if f.status == FAIL and (criteria is None or f.criterion in criteria)]


def _quotes(note: Note, finding: Finding) -> list[Quote]:
    return [Quote(where(note, span.start), span.text.strip()) for span in finding.evidence
            if span.text.strip()]


def _locations(note: Note, finding: Finding) -> list[str]:
    found = []
    for span in finding.evidence:
        location = where(note, span.start)
        if location not in found:
            found.append(location)
    return found or [where(note)]


def _process_content(layouts: list[ItemLayout], assessments: dict[str, Assessment]) -> list[ReviewIssue]:
    issues = []
    for layout in layouts:
        note = layout.item.note
        assessment = assessments.get(note.id)
        if assessment is None or layout.item.note_type == PSYCHOTHERAPY:
            continue
        for finding in _failed(assessment, (PROCESS_CRITERION,)):
            issues.append(ReviewIssue(
                "process_content",
                "holds content of the kind kept in psychotherapy notes (dialogue, dreams, "
                "speculation); it will reach the payer. Minimum necessary: consider whether this "
                "belongs in the progress note going forward (criteria.md §1J).",
                where(note), _dos(note), note.id, finding.criterion, _quotes(note, finding)))
    return issues


def _excluded_items(assessments: dict[str, Assessment], released: set[str]) -> list[ReviewIssue]:
    issues = []
    for assessment in assessments.values():
        if assessment.note_type != PSYCHOTHERAPY:
            continue
        note = assessment.note
        for finding in _failed(assessment, (EXCLUDED_CRITERION,)):
            quotes = _quotes(note, finding) if note.id in released else []
            issues.append(ReviewIssue(
                "excluded_items",
                "holds items HIPAA excludes from psychotherapy notes (times, modality, diagnosis, "
                "symptoms, functional status, plan, progress: 45 CFR 164.501). They belong in the "
                "progress note for this date, which is what the payer may see; if that progress "
                "note lacks them, the clinician may add a dated addendum to it. At: "
                + "; ".join(_locations(note, finding)),
                where(note), _dos(note), note.id, finding.criterion, quotes))
    return issues


def _psychotherapy_in_chart(selection: Selection, chart_paths: set[str]) -> list[ReviewIssue]:
    issues = []
    for entry in [*selection.withheld, *(i for i in selection.not_included if i.note_type == PSYCHOTHERAPY)]:
        if entry.note.source.path in chart_paths:
            issues.append(ReviewIssue(
                "psychotherapy_in_chart",
                "this psychotherapy note is stored in the same file as progress notes. HIPAA protects "
                "psychotherapy notes only when kept separate from the rest of the record (45 CFR "
                "164.501); keep them in a separate file or EHR section. auditready withheld it anyway.",
                where(entry.note), _dos(entry.note), entry.note.id))
    return issues


def _shared_pages(layouts: list[ItemLayout]) -> list[ReviewIssue]:
    issues = []
    for layout in layouts:
        for shared in layout.shared:
            holds = ", ".join(shared.holds)
            if shared.copied:
                message = (f"page {shared.page} also holds {holds}; the original page was copied "
                           "(--include-shared-pages): redact the other record before sending.")
            else:
                message = (f"page {shared.page} also holds {holds}; the original page was NOT copied. "
                           "This note's own text from that page is rendered instead, labelled as a "
                           "rendering. Pass --include-shared-pages to copy it and redact by hand"
                           + (" (never for a page with a withheld psychotherapy note)."
                              if WITHHELD_PSYCHOTHERAPY in shared.holds else "."))
            issues.append(ReviewIssue("shared_pages", message, f"{shared.source_path}, page {shared.page}",
                                      _dos(layout.item.note), layout.item.note.id))
    return issues


def _claims_without_note(claims: list[ClaimResult]) -> list[ReviewIssue]:
    issues = []
    for claim in claims:
        if claim.status not in (NO_NOTE, PSYCHOTHERAPY_NOTE_ONLY):
            continue
        why = ("has only a psychotherapy note, which cannot support a claim (CMS CR 3457; "
               "criteria.md §1J)" if claim.status == PSYCHOTHERAPY_NOTE_ONLY
               else "has no progress note in the exports")
        exposure = claim.exposure
        issues.append(ReviewIssue(
            "claims_without_note",
            f"claim {claim.claim_id} ({claim.cpt}) {why}. Look for the note; if none was "
            "written, do not write one now to fill the gap: talk to your compliance adviser.",
            "", claim.date_of_service, None, "",
            exposure=exposure.amount if exposure else None,
            exposure_reason=exposure.reason if exposure else ""))
    return issues


def _fatal(layouts: list[ItemLayout], assessments: dict[str, Assessment]) -> list[ReviewIssue]:
    issues = []
    for layout in layouts:
        assessment = assessments.get(layout.item.note.id)
        if assessment is None:
            continue
        fatal = [f for f in _failed(assessment) if f.severity == "fatal"]
        if not fatal:
            continue
        note = assessment.note
        exposure = assessment.exposure
        issues.append(ReviewIssue(
            "fatal",
            "fails " + "; ".join(f"{f.criterion}: {f.message}" for f in fatal),
            where(note), _dos(note), note.id, ",".join(f.criterion for f in fatal),
            [quote for f in fatal for quote in _quotes(note, f)],
            exposure=exposure.amount if exposure else None,
            exposure_reason=exposure.reason if exposure else "",
        ))
    return issues


def _signatures(layouts: list[ItemLayout], assessments: dict[str, Assessment]) -> list[ReviewIssue]:
    issues = []
    for layout in layouts:
        assessment = assessments.get(layout.item.note.id)
        if assessment is None:
            continue
        for finding in _failed(assessment, SIGNATURE_CRITERIA):
            note = assessment.note
            issues.append(ReviewIssue(
                "signature", f"{finding.criterion}: {finding.message}", where(note), _dos(note),
                note.id, finding.criterion, _quotes(note, finding)))
    return issues


def _words(text: str) -> set[str]:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return set(re.findall(r"[a-z0-9]+", folded))


def _has_name(text: str, identity: ClientIdentity) -> bool:
    wanted = set(name_key(identity.name).split())
    return bool(wanted) and wanted <= _words(text)


def _has_dob_or_id(text: str, identity: ClientIdentity) -> bool:
    if identity.client_id and identity.client_id.lower() in text.lower():
        return True
    if not identity.dob:
        return False
    candidates = re.findall(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b|[A-Z][a-z]+ \d{1,2}, \d{4}", text)
    return any(dob_key(candidate) == identity.dob for candidate in candidates)


def _identifiers(layouts: list[ItemLayout], page_texts: dict[tuple[str, int], str],
                 identity: ClientIdentity) -> list[ReviewIssue]:
    issues = []
    for layout in layouts:
        for segment in layout.segments:
            if segment.kind != "original_pages":
                continue
            for page in segment.pages:
                text = page_texts.get((segment.source_path, page))
                if text is None:
                    continue
                missing = []
                if not _has_name(text, identity):
                    missing.append("client name")
                if not _has_dob_or_id(text, identity):
                    missing.append("date of birth or client id")
                if missing:
                    issues.append(ReviewIssue(
                        "identifiers",
                        f"page {page} lacks the {' and '.join(missing)}; payers expect name, DOB "
                        "(or member id) and date of service on every page (exports.md §2.11). The "
                        "original is copied unchanged; the index page names the client.",
                        f"{segment.source_path}, page {page}", _dos(layout.item.note), layout.item.note.id))
    return issues


def _left_out(selection: Selection, unattributed: list[Note]) -> list[ReviewIssue]:
    issues = [
        ReviewIssue("left_out", f"{entry.note_type.replace('_', ' ')}: {entry.reason}",
                    where(entry.note), _dos(entry.note), entry.note.id)
        for entry in selection.not_included
    ]
    for note in unattributed:
        issues.append(ReviewIssue(
            "left_out",
            f"carries the client's name but no id or date of birth, and another client shares "
            f"the name ({OTHER_CLIENT} possibly): not included. Check it and add it by hand if it is "
            "this client's.", where(note), _dos(note), note.id))
    return issues


def _unreadable(inputs: list[InputRecord]) -> list[ReviewIssue]:
    return [ReviewIssue("unreadable", record.reason or "could not be read", record.path)
            for record in inputs if record.status == ERROR]


def build_review(identity: ClientIdentity, layouts: list[ItemLayout], selection: Selection,
                 assessments: dict[str, Assessment], claims: list[ClaimResult],
                 page_texts: dict[tuple[str, int], str],
                 unattributed: list[Note], chart_paths: set[str],
                 inputs: list[InputRecord] = ()) -> Review:
    """Every issue the clinician should see before sending. `assessments` covers the packet's
    notes and the client's psychotherapy notes in the window; `chart_paths` are source files
    that hold progress notes; `claims` are this client's claims in the window, reconciled."""
    released = {layout.item.note.id for layout in layouts}
    review = Review()
    review.issues += _process_content(layouts, assessments)
    review.issues += _excluded_items(assessments, released)
    review.issues += _psychotherapy_in_chart(selection, chart_paths)
    review.issues += _shared_pages(layouts)
    review.issues += _claims_without_note(claims)
    review.issues += _fatal(layouts, assessments)
    # An unsigned note may also be in the fatal section; it is listed here too, so this
    # section alone is the list of notes the clinician has to sign or attest.
    review.issues += _signatures(layouts, assessments)
    review.issues += _identifiers(layouts, page_texts, identity)
    review.issues += _left_out(selection, unattributed)
    review.issues += _unreadable(list(inputs))
    return review


def rendering_issue(unrepresentable: int) -> ReviewIssue:
    return ReviewIssue(
        "rendering",
        f"{unrepresentable} characters in text renderings could not be drawn (no Unicode font "
        "found on this machine) and show as '?'; install DejaVu Sans or check those pages.")


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= TERMINAL_QUOTE_CHARS else flat[: TERMINAL_QUOTE_CHARS - 3] + "..."


def review_to_dict(review: Review) -> dict[str, Any]:
    return {
        "advice": review.advice,
        "total_exposure": review.total_exposure,
        "sections": [
            {
                "id": section,
                "title": title,
                "issues": [
                    {"message": i.message, "location": i.location, "date_of_service": i.date_of_service,
                     "note_id": i.note_id, "criterion": i.criterion,
                     "quotes": [{"location": q.location, "text": q.text} for q in i.quotes],
                     "exposure": i.exposure, "exposure_reason": i.exposure_reason}
                    for i in review.in_section(section)
                ],
            }
            for section, title in SECTIONS.items()
        ],
    }


def _lines(review: Review, full_quotes: bool) -> list[str]:
    lines = []
    for section, title in SECTIONS.items():
        issues = review.in_section(section)
        if not issues:
            continue
        lines.append(f"{title} ({len(issues)})")
        shown = issues if full_quotes else issues[:TERMINAL_ISSUES_PER_SECTION]
        for issue in shown:
            head = "  - "
            if issue.date_of_service:
                head += f"DOS {issue.date_of_service}, "
            head += f"{issue.location}: " if issue.location else ""
            lines.append(head + issue.message)
            if issue.exposure is not None:
                lines.append(f"      exposure: {issue.exposure:,.2f} ({issue.exposure_reason})")
            for quote in issue.quotes:
                text = " ".join(quote.text.split()) if full_quotes else _short(quote.text)
                lines.append(f"      {quote.location}: \"{text}\"")
        if len(shown) < len(issues):
            lines.append(f"  ... and {len(issues) - len(shown)} more in review.txt")
        lines.append("")
    if not lines:
        lines = ["No issues found in the pre-release review.", ""]
    return lines


def review_text(review: Review, header: list[str]) -> str:
    """review.txt: the full review with full quotes."""
    return "\n".join([*header, "", *_lines(review, full_quotes=True), review.advice, ""])


def review_terminal(review: Review) -> str:
    """The terminal's version: locations and short quotes."""
    return "\n".join([*_lines(review, full_quotes=False), review.advice])

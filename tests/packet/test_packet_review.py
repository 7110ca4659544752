"""The pre-release review: quotes progress notes, never a withheld psychotherapy note; terminal
output keeps to locations and short quotes; every issue points at a page."""

from __future__ import annotations

from datetime import date

from auditready.models import ExtractedField, Finding, Locator, Note, Span
from auditready.packet.clientmatch import ClientIdentity
from auditready.packet.layout import plan_layout
from auditready.packet.review import (
    Assessment,
    build_review,
    review_terminal,
    review_text,
    review_to_dict,
)
from auditready.packet.selection import WITHHELD_REASON, LeftOut, PacketItem, Selection

PROCESS_QUOTE = ("Client said, \"I keep dreaming that the bridge collapses under my father's car "
                 "and I am the one driving it every single night.\"")
PSYCH_SECRET = "my hunch is that the bridge stands for her brother's accident"
EXCLUDED_ITEM = "Session 10:00-10:50, diagnosis F41.1"


def _note(note_id: str, path: str, text: str, page: int, dos: date, page_starts=()) -> Note:
    return Note(id=note_id, source=Locator(path, page=page), text=text, format="pdf",
                page_starts=list(page_starts), fields={"date_of_service": ExtractedField(dos)})


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part), part)


def _review():
    progress_text = "Progress Note\nPage one text.\n" + PROCESS_QUOTE + "\nNo signature."
    progress = _note("chart.pdf#1", "chart.pdf", progress_text, 1, date(2024, 2, 5),
                     [(progress_text.index(PROCESS_QUOTE), 2)])
    psych_text = "Psychotherapy Note\n" + PSYCH_SECRET + "\n" + EXCLUDED_ITEM
    psych = _note("chart.pdf#2", "chart.pdf", psych_text, 3, date(2024, 2, 5))
    item = PacketItem(progress, "progress", date(2024, 2, 5), "dated within the requested window")
    selection = Selection(items=[item], withheld=[LeftOut(psych, "psychotherapy", date(2024, 2, 5), WITHHELD_REASON)])
    layouts = plan_layout([item], [progress, psych], {progress.id, psych.id}, {psych.id})
    assessments = {
        progress.id: Assessment(progress, "progress", [
            Finding("no_psychotherapy_content", "fail", "privacy", "process content found",
                    evidence=[_span(progress_text, PROCESS_QUOTE)]),
            Finding("signature", "fail", "fatal", "no signature found", searched="signature lines"),
            Finding("signature_timely", "fail", "quality", "no signing date"),
        ], verdict="unsupported"),
        psych.id: Assessment(psych, "psychotherapy", [
            Finding("psychotherapy_note_separate", "fail", "privacy", "excluded items present",
                    evidence=[_span(psych_text, EXCLUDED_ITEM)]),
        ]),
    }
    identity = ClientIdentity("Jane Smith", "10442", "1980-04-12")
    page_texts = {("chart.pdf", 1): "Progress Note Jane Smith DOB 04/12/1980", ("chart.pdf", 2): "page two"}
    return build_review(identity, layouts, selection, assessments, [], page_texts, [], {"chart.pdf"})


def test_sections_and_locations():
    review = _review()
    sections = {s["id"]: s["issues"] for s in review_to_dict(review)["sections"]}
    process = sections["process_content"][0]
    assert process["quotes"] == [{"location": "chart.pdf, page 2", "text": PROCESS_QUOTE}]
    assert [i["location"] for i in sections["excluded_items"]] == ["chart.pdf, page 3"]
    assert "chart.pdf, page 3" in sections["excluded_items"][0]["message"]
    assert [i["location"] for i in sections["psychotherapy_in_chart"]] == ["chart.pdf, page 3"]
    assert sections["fatal"][0]["criterion"] == "signature"
    assert [i["criterion"] for i in sections["signature"]] == ["signature", "signature_timely"]
    # page 2 lacks name and DOB; page 1 has both
    assert [i["location"] for i in sections["identifiers"]] == ["chart.pdf, page 2"]


def test_withheld_psychotherapy_note_is_never_quoted():
    review = _review()
    for rendered in (review_text(review, ["header"]), review_terminal(review), str(review_to_dict(review))):
        assert PSYCH_SECRET not in rendered
        assert EXCLUDED_ITEM not in rendered


def test_full_quotes_in_file_short_quotes_on_terminal():
    review = _review()
    assert PROCESS_QUOTE in review_text(review, ["header"])
    terminal = review_terminal(review)
    assert PROCESS_QUOTE not in terminal
    assert PROCESS_QUOTE[:40] in terminal
    assert "dated addendum" in terminal

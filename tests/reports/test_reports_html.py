"""The HTML report: escaped, self-contained, evidence highlighted, bounded."""

from __future__ import annotations

import re

import pytest

from auditready.exposure import assign_exposures
from auditready.models import Finding, Locator, NoteResult, Span
from auditready.reports.html_report import WORST_NOTES_PER_CLINICIAN, highlight, render_html
from auditready.reports.summaries import build_summaries

XSS = "<script>alert(1)</script>"


@pytest.fixture
def pages(claims_result, default_fees):
    build_summaries(claims_result, fees=default_fees)
    return render_html(claims_result)


def test_pages_exist(pages):
    assert set(pages) == {"index.html", "clinicians/dana-whitfield-lcsw.html", "clinicians/dr-samuel-okafor-psyd.html"}


def test_note_text_with_a_script_renders_as_text(pages):
    page = pages["clinicians/dana-whitfield-lcsw.html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    for html in pages.values():
        assert "<script" not in html.lower()


def test_hostile_names_paths_and_messages_are_escaped(claims_result, default_fees):
    note = claims_result.notes[0]
    note.client = '<img src=x onerror="alert(2)">'
    note.findings[0].message = "</td><iframe src=//evil.example>"
    claims_result.inputs[4].path = "exports/<svg onload=alert(3)>.pdf"
    build_summaries(claims_result, fees=default_fees)
    pages = render_html(claims_result)
    joined = "\n".join(pages.values())
    assert "<img src=x" not in joined and "&lt;img src=x onerror=&#34;alert(2)&#34;&gt;" in joined
    assert "<iframe" not in joined and "&lt;/td&gt;&lt;iframe" in joined
    assert "<svg onload" not in joined and "&lt;svg onload=alert(3)&gt;" in joined


def test_self_contained(pages):
    for html in pages.values():
        assert "Content-Security-Policy" in html and "default-src 'none'" in html
        assert not re.search(r"<(script|link|iframe|object|embed|img)\b", html, re.IGNORECASE)
        assert not re.search(r"\bsrc\s*=", html, re.IGNORECASE)
        assert "@import" not in html and "url(" not in html and "fetch(" not in html
        # External addresses appear only as text or as plain links to cited sources.
        attributes = re.findall(r"\b([\w:-]+)\s*=\s*\"\s*(?:https?:)?//", html)
        assert set(attributes) <= {"href"}
        assert "@media print" in html


def test_evidence_is_highlighted_in_the_note_text(pages):
    page = pages["clinicians/dana-whitfield-lcsw.html"]
    assert '<mark class="ok" title="Interventions: pass">cognitive restructuring</mark>' in page
    assert re.search(r'<mark class="bad" title="[^"]*Time supports code: fail[^"]*">Time: 10:00-10:45', page)


def test_highlight_splits_overlapping_spans_and_skips_stale_offsets():
    text = "Plan: exposure homework; next session Friday."
    note = NoteResult("n", Locator("a"), None, None, None, None, None, None, None, None, "progress", 1.0, findings=[
        Finding("plan_next_steps", "pass", "quality", "ok", evidence=[Span(0, 24, text[0:24])]),
        Finding("interventions", "fail", "fatal", "generic", evidence=[Span(6, 14, "exposure")]),
        Finding("signature", "pass", "fatal", "ok", evidence=[Span(100, 110, "elsewhere!")]),
    ])
    segments = highlight(text, note)
    assert "".join(s.text for s in segments) == text
    assert [(s.text, s.css) for s in segments] == [
        ("Plan: ", "ok"), ("exposure", "bad"), (" homework;", "ok"), (" next session Friday.", "")]


def test_worst_notes_are_bounded(notes_result, default_fees, bands):
    template = notes_result.notes[1]  # an unsupported note
    extra = []
    for i in range(WORST_NOTES_PER_CLINICIAN + 12):
        extra.append(NoteResult(f"bulk.csv#{i}", Locator("bulk.csv", row=i + 2), "Bulk Client", template.clinician,
                                "LCSW", "2025-01-01", None, None, None, "90837", "progress", 0.9, score=50.0,
                                verdict="unsupported", findings=list(template.findings), text="Short note."))
    notes_result.notes.extend(extra)
    assign_exposures(notes_result.notes, None, default_fees, bands)
    build_summaries(notes_result, fees=default_fees)
    page = render_html(notes_result)["clinicians/dana-whitfield-lcsw.html"]
    assert page.count('<section class="note"') == WORST_NOTES_PER_CLINICIAN
    assert f"Showing the {WORST_NOTES_PER_CLINICIAN} worst of {WORST_NOTES_PER_CLINICIAN + 12 + 3}" in page


def test_overview_content(pages):
    index = pages["index.html"]
    assert "$450.49" in index
    assert 'href="clinicians/dr-samuel-okafor-psyd.html"' in index
    # clinicians ranked by exposure: Okafor ($255) before Whitfield ($195.49)
    assert index.index("Dr. Samuel Okafor") < index.index("Dana Whitfield")
    assert "scanned PDF with no text layer (OCR it first)" in index and "exports/Thumbs.db" in index
    assert "Estimates, not determinations" in index
    assert index.count("<rect") >= 10  # compliance bars and the verdict mix


def test_projected_demand_is_shown_when_a_sample_is_extrapolated(worked_example, default_fees):
    from auditready.models import AuditResult

    notes, claims = worked_example
    result = AuditResult(tool={"name": "auditready", "version": "0.1.0"}, pack={"id": "common", "version": "1"},
                         notes=notes, claims=claims)
    build_summaries(result, fees=default_fees, universe=2000)  # one clinician: the practice N is hers
    (park,) = result.clinicians
    assert park.extrapolation["universe_source"].startswith("--universe 2000")
    pages = render_html(result)
    index, page = pages["index.html"], pages["clinicians/lena-park-phd.html"]
    assert "$35,074" in index and "point $47,638" in index
    assert "$35,074" in page and "over 2,000 claims" in page
    assert "17.6%" not in page  # the card shows the note-based claim-exposure bounds, not the claim rate
    assert "23.0% (23 of 100 claims)" in page

"""Sentence segmentation: table cases plus properties that must hold for any text."""

from __future__ import annotations

import pytest
from text_cases import case_params
from hypothesis import given, settings
from hypothesis import strategies as st

from auditready.text.sentences import sentence_sections, sentence_spans


@pytest.mark.parametrize("case", case_params("sentences"))
def test_sentence_case(case: dict) -> None:
    spans = sentence_spans(case["text"])
    assert [span.text for span in spans] == case["sentences"]
    for span in spans:
        assert case["text"][span.start:span.end] == span.text
    sections = sentence_sections(case["text"])
    assert len(sections) == len(spans)
    if "sections" in case:
        assert sections == case["sections"]


_PIECES = st.sampled_from([
    "Client reports anxiety.", "Subjective:", "PLAN", "- item one", "1. first", "Mood: low",
    "Dr. Lee saw her.", "wrapped line without end", "\n", "\n\n", " ", "\r\n", "She cried!",
    "F41.1", "e.g. this", "☒ Anxious", "  indented text.", "What now?",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_spans_are_ordered_trimmed_and_never_cross_blank_lines(text: str) -> None:
    spans = sentence_spans(text)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        assert span.text == text[span.start:span.end]
        assert span.text == span.text.strip()
        inner = span.text.replace("\r", "")
        assert "\n\n" not in inner and not any(
            line.strip() == "" for line in inner.split("\n")[1:-1]
        )
        previous_end = span.end
    # Every non-space character belongs to exactly one span.
    covered = sum(len(span.text.replace(" ", "").replace("\n", "").replace("\r", "").replace("\t", ""))
                  for span in spans)
    assert covered == len("".join(text.split()))


def test_heading_never_joins_a_neighbour() -> None:
    text = "Client reports worry and\nAssessment:\nprogress is slow"
    texts = [span.text for span in sentence_spans(text)]
    assert texts == ["Client reports worry and", "Assessment:", "progress is slow"]

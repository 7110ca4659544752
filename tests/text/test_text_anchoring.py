"""The shared anchor pass must never lose a match: for every scanner of every lexicon, matching
only at anchored positions finds exactly what searching every position finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from auditready.text.analysis import TextAnalysis
from auditready.text.lexicon import lexicon_names, load_lexicon

_FRAGMENTS = [
    "Client denies SI/HI", "suicidalIdeation: false", "C-SSRS", "c ssrs", "cognitive-restructuring",
    "thought records", "in vivo exposure", "In-Vivo", "5-4-3-2-1 grounding", "SUDS decreased from 7 to 3",
    "PHQ-9 of 17", "4 of 7 nights", "10:00-10:53", "53 minutes", "F41.1", "sertraline 50 mg",
    "missed 3 days of work", "conflict with her partner", "Goal #2", "Objective 1b", "Plan:",
    "return in 1 week", "homework:", "via secure video", "located at home in Ohio", "☒", "[ ]",
    "was able to identify", "client is making progress", "discussed the week", "I felt protective",
    "recurring dream", "countertransference", "don't", "don’t", "wouldn't wake up", "MI", "mi", "BA",
    "DEAR MAN", "dear-man", "Mother", "history of", "no", "will try", "behavioral activation",
    "panic attacks", "insomnia", "hopeless", "988", "safety plan", "Diagnosis:", "CPT 90834",
    "the", "and", "of", "client", "was", "is", "in", "from", "1", "23", "2024", "(", ")", ".", ",",
]
_GLUE = st.sampled_from([" ", "  ", "\n", "-", "_", "", ". ", ", ", "; ", ": ", "\n\n", "/"])


@st.composite
def clinical_text(draw) -> str:
    pieces = draw(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=30))
    out = []
    for piece in pieces:
        case = draw(st.sampled_from(["same", "upper", "lower", "title"]))
        piece = {"same": piece, "upper": piece.upper(), "lower": piece.lower(),
                 "title": piece.title()}[case]
        out.append(piece + draw(_GLUE))
    return "".join(out)


LEXICONS = [load_lexicon(name) for name in lexicon_names()]


@settings(max_examples=150, deadline=None)
@given(clinical_text())
def test_anchored_scan_equals_exhaustive_search(text: str) -> None:
    analysis = TextAnalysis(text)
    positions = analysis.positions
    for lexicon in LEXICONS:
        for scanner in lexicon._scanners:
            view = analysis.view(scanner.text_kind)
            anchored = scanner.scan(view, positions)
            exhaustive = [hit for hit in scanner.scan_range(view, 0, len(view))
                          if hit[0] == 0 or not (view[hit[0] - 1].isalnum() or view[hit[0] - 1] == "_")
                          or not (view[hit[0]].isalnum() or view[hit[0]] == "_")]
            assert anchored == exhaustive, (lexicon.name, scanner.text_kind)


@settings(max_examples=150, deadline=None)
@given(clinical_text())
def test_find_offsets_and_order(text: str) -> None:
    for lexicon in LEXICONS:
        matches = lexicon.find(text)
        previous_end = 0
        for match in matches:
            assert previous_end <= match.start < match.end
            assert text[match.start:match.end] == match.text
            assert match.category in lexicon.categories
            assert match.term in lexicon.terms(match.category)
            assert match.sentence.start <= match.start < match.sentence.end
            previous_end = match.end

"""Lexicon matching and ConText flags, driven by tests/text/cases/matching.yaml."""

from __future__ import annotations

import pytest
from text_cases import case_params

from auditready.text.lexicon import load_lexicon

FLAGS = ("negated", "hypothetical", "historical", "other_experiencer")
CHECKED_KEYS = ("term", "category", *FLAGS)


def _describe(match) -> str:
    flags = ",".join(flag for flag in FLAGS if getattr(match, flag)) or "affirmed"
    return f"{match.text!r} {match.category}/{match.term} [{flags}]"


def _find_expected(matches, expected: dict):
    for match in matches:
        if match.text == expected["text"]:
            return match
    found = "; ".join(_describe(m) for m in matches) or "nothing"
    pytest.fail(f"expected a match on {expected['text']!r}; found {found}")


@pytest.mark.parametrize("case", case_params("matching"))
def test_lexicon_case(case: dict) -> None:
    lexicon = load_lexicon(case["lexicon"])
    text = case["text"]
    matches = lexicon.find(text)
    for match in matches:
        # Offsets are the contract evidence is built on.
        assert text[match.start:match.end] == match.text
        assert match.sentence.text == text[match.sentence.start:match.sentence.end]
        assert match.sentence.start <= match.start < match.sentence.end
    for expected in case.get("expect", []):
        match = _find_expected(matches, expected)
        for key in CHECKED_KEYS:
            if key in expected:
                assert getattr(match, key) == expected[key], (
                    f"{key} of {match.text!r}: expected {expected[key]!r}, got {_describe(match)}"
                )
    if case.get("exact"):
        assert [m.text for m in matches] == [e["text"] for e in case["expect"]], (
            "; ".join(_describe(m) for m in matches)
        )
    for absent in case.get("absent", []):
        if absent.startswith("term:"):
            assert all(m.term != absent[5:] for m in matches), [_describe(m) for m in matches]
        else:
            assert all(m.category != absent for m in matches), [_describe(m) for m in matches]
    for category in case.get("affirmed_absent", []):
        assert lexicon.first(text, categories=[category]) is None
        assert any(m.category == category for m in matches), "the non-affirmed match must exist"


def test_matches_do_not_overlap_and_are_ordered() -> None:
    text = ("Client denies SI/HI, reports cognitive restructuring helped; thought records and "
            "in vivo exposure next week. Mother has depression. PHQ-9 of 17 to 12.")
    for name in ("risk", "interventions", "symptoms", "response", "goals"):
        matches = load_lexicon(name).find(text)
        for earlier, later in zip(matches, matches[1:]):
            assert earlier.end <= later.start


def test_first_skips_non_affirmed_matches() -> None:
    lexicon = load_lexicon("symptoms")
    text = "Denies depression. Reports anxiety most days."
    assert lexicon.first(text).text == "anxiety"
    assert lexicon.first(text, affirmed_only=False).text == "depression"
    assert lexicon.first("Denies depression.") is None


def test_find_results_are_independent_copies() -> None:
    lexicon = load_lexicon("symptoms")
    text = "Reports insomnia and worry."
    first = lexicon.find(text)
    first.clear()
    assert [m.text for m in lexicon.find(text)] == ["insomnia", "worry"]


def test_category_filter_and_unknown_category() -> None:
    lexicon = load_lexicon("risk")
    text = "Denies SI. C-SSRS negative. Safety plan reviewed."
    assert [m.category for m in lexicon.find(text, categories=["safety_plan"])] == ["safety_plan"]
    with pytest.raises(KeyError, match="no category"):
        lexicon.find(text, categories=["not_a_category"])


def test_matching_is_case_insensitive_for_phrases() -> None:
    lexicon = load_lexicon("interventions")
    for text in ("COGNITIVE RESTRUCTURING", "Cognitive Restructuring", "cognitive restructuring"):
        assert [m.term for m in lexicon.find(text)] == ["cognitive restructuring"]


def test_match_is_frozen_and_has_evidence_span() -> None:
    match = load_lexicon("symptoms").find("Reports insomnia.")[0]
    assert match.span.text == "insomnia" and match.affirmed
    with pytest.raises(AttributeError):
        match.term = "other"  # type: ignore[misc]

"""The lexicon files and their loader: every packaged file loads, and malformed data fails at
load time with the file named."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditready.text.anchors import pattern_anchors, UnanchoredPattern
from auditready.text.context import context_rules
from auditready.text.lexicon import lexicon_names, load_lexicon, load_lexicon_file
from auditready.text.phrases import expand_braces, inflections
from auditready.text.schema import TextDataError

EXPECTED_LEXICONS = {
    "checkbox", "excluded_items", "goals", "impairment", "interventions", "plan",
    "process_markers", "response", "risk", "symptoms", "telehealth", "vague",
}


def test_every_packaged_lexicon_loads_and_cites_sources() -> None:
    assert EXPECTED_LEXICONS <= set(lexicon_names())
    assert "context" not in lexicon_names()
    for name in lexicon_names():
        lexicon = load_lexicon(name)
        assert lexicon.name == name and lexicon.categories and lexicon.terms()
        header = (Path(__file__).resolve().parents[2] / "scoring_models" / "lexicons" / f"{name}.yaml").read_text()
        assert "criteria.md" in header.split("\nlexicon:")[0], f"{name}.yaml must cite its sources"


def test_required_categories_exist() -> None:
    risk = load_lexicon("risk").categories
    for category in ("suicidal_ideation", "homicidal_ideation", "self_harm", "plan_intent_means",
                     "risk_assessment", "safety_plan", "protective_factors", "crisis_resources"):
        assert category in risk
    interventions = load_lexicon("interventions").categories
    for category in ("cbt", "dbt", "exposure", "emdr", "behavioral_activation", "mi",
                     "psychoeducation", "act", "relaxation", "safety_planning", "trauma_focused",
                     "sleep", "parenting", "role_play", "skills_training"):
        assert category in interventions
    assert set(load_lexicon("checkbox").categories) == {"checked", "unchecked"}


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_unknown_key_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "mine", """
lexicon: mine
description: test
categories:
  things:
    entries:
      - term: thought record
        synonyms: [thought log]
""")
    with pytest.raises(TextDataError, match=r"mine\.yaml.*synonyms"):
        load_lexicon_file(path)


def test_name_must_match_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "mine", "lexicon: other\ndescription: x\ncategories: {a: {entries: [x]}}\n")
    with pytest.raises(TextDataError, match=r"mine\.yaml"):
        load_lexicon_file(path)


def test_invalid_regex_and_duplicate_phrase_are_errors(tmp_path: Path) -> None:
    bad_regex = _write(tmp_path, "regexes", """
lexicon: regexes
description: x
categories:
  a: {entries: [{term: broken, patterns: ['\\bfoo(']}]}
""")
    with pytest.raises(TextDataError, match=r"regexes\.yaml.*invalid regex"):
        load_lexicon_file(bad_regex)
    duplicate = _write(tmp_path, "dupes", """
lexicon: dupes
description: x
categories:
  a: {entries: [worry]}
  b: {entries: [{term: concern, phrases: [worry]}]}
""")
    with pytest.raises(TextDataError, match=r"dupes\.yaml.*'worry'.*a/.*b/"):
        load_lexicon_file(duplicate)


def test_stopword_first_words_are_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "slow", """
lexicon: slow
description: x
categories:
  a: {entries: [{term: dream, phrases: [the dream about]}]}
""")
    with pytest.raises(TextDataError, match=r"slow\.yaml.*'the dream about'"):
        load_lexicon_file(path)


def test_unanchorable_regex_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "wild", """
lexicon: wild
description: x
categories:
  a: {entries: [{term: anything, match_term: false, patterns: ['\\w+ly\\b']}]}
""")
    with pytest.raises(TextDataError, match=r"wild\.yaml.*cannot be anchored"):
        load_lexicon_file(path)


def test_custom_lexicon_file_matches(tmp_path: Path) -> None:
    path = _write(tmp_path, "custom", """
lexicon: custom
description: a practice's own vocabulary
categories:
  house:
    entries:
      - term: sand tray narrative
        phrases: ["{sandtray|sand tray} {story|stories}"]
        abbrevs: [STN]
""")
    lexicon = load_lexicon_file(path)
    matches = lexicon.find("Used STN and a sand tray story; no stn in lowercase.")
    assert [(m.text, m.term) for m in matches] == [
        ("STN", "sand tray narrative"), ("sand tray story", "sand tray narrative")]


def test_context_rules_load_with_all_flags() -> None:
    rules = context_rules()
    assert "dr" in rules.sentence_abbreviations
    assert "the" in rules.stopwords


@pytest.mark.parametrize("pattern, anchors", [
    (r"\bphq[\s-]?9\s*=\s*\d", {("phq", True), ("phq9", True)}),
    (r"\b(?:call|text)\s+988\b", {("call", True), ("text", True)}),
    (r"\d{1,2}\s*of\s*7", {(str(d), False) for d in range(10)}),
    (r"(?:in\s+)?(?:the|this)\s+past", {("in", True), ("the", True), ("this", True)}),
    (r"(?<!\bin\s)\bHI\b", {("hi", True)}),
    (r":\s*(?:no|none)\b", {(":", False)}),
])
def test_pattern_anchors(pattern: str, anchors: set) -> None:
    assert pattern_anchors(pattern) == anchors


@pytest.mark.parametrize("pattern", [r"\w+ing", r".*x", r"\s*\S+", r"(?:a)?"])
def test_unanchorable_patterns(pattern: str) -> None:
    with pytest.raises(UnanchoredPattern):
        pattern_anchors(pattern)


def test_brace_expansion_and_inflection() -> None:
    assert expand_braces("{|the }past {week|month}") == ["past week", "past month", "the past week", "the past month"]
    with pytest.raises(ValueError, match="nested"):
        expand_braces("a {b|{c}}")
    assert inflections("thought record", "noun") == ["thought record", "thought records"]
    assert inflections("anxiety", "noun") == ["anxiety", "anxieties"]
    assert set(inflections("practice", "verb")) == {"practice", "practices", "practiced", "practicing"}
    assert set(inflections("plan", "verb")) == {"plan", "plans", "planned", "planning"}
    assert inflections("SI", "noun") == ["SI"]

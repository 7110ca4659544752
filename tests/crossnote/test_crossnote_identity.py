"""Names and ids match across notes, plans and claims despite how each system writes them."""

from __future__ import annotations

import pytest

from auditready.crossnote.identity import (
    ClientIndex,
    clinician_key,
    normalize_id,
    person_key,
    same_client,
    same_clinician,
)


@pytest.mark.parametrize(
    "written",
    ["SMITH, JOHN A.", "John Smith", "john  smith", "Smith, John", "John A. Smith", "Mr. John Smith Jr.",
     "Smith John", "  JOHN   SMITH  ", "Smith,John Adam"],
)
def test_client_names_written_differently_share_one_key(written):
    assert person_key(written) == person_key("John Smith") == "john smith"


def test_different_people_keep_different_keys():
    assert person_key("John Smith") != person_key("Jane Smith")
    assert person_key("John Smith") != person_key("John Smyth")
    assert person_key("") == person_key(None) == ""


def test_accents_apostrophes_and_hyphens_do_not_split_a_name():
    assert person_key("José O'Brien-Núñez") == person_key("JOSE OBRIEN-NUNEZ")


def test_client_names_keep_tokens_that_look_like_credentials():
    # "Ma" is a surname; only clinician names lose credential tokens.
    assert person_key("Ma, Li") == "li ma"
    assert clinician_key("Dana Whitfield, MA") == "dana whitfield"


@pytest.mark.parametrize(
    "written",
    ["Dana Whitfield, LCSW", "Whitfield, Dana", "Dr. Dana Whitfield, PsyD", "DANA M. WHITFIELD LCSW-C",
     "Whitfield, Dana, LMFT", "Dana Whitfield, Ph.D."],
)
def test_clinician_names_match_with_or_without_credentials(written):
    assert same_clinician(written, "Dana Whitfield")


def test_clinicians_with_other_names_do_not_match():
    assert not same_clinician("Dana Whitfield, LCSW", "Dana Whitman, LCSW")
    assert not same_clinician("", "")


@pytest.mark.parametrize(
    ("written", "key"),
    [("000123", "123"), ("123", "123"), ("MRN-000123", "123"), ("123.0", "123"), (123, "123"),
     ("A-00123", "123"), ("0000", "0"), ("abc-X", "abcx"), ("", ""), (None, "")],
)
def test_ids_ignore_leading_zeros_and_non_digits(written, key):
    assert normalize_id(written) == key


def test_an_id_on_both_sides_outranks_the_name():
    assert same_client("John Smith", "000123", "SMITH, JOHN", "123")
    assert not same_client("John Smith", "123", "John Smith", "456")  # namesakes
    assert same_client("SMITH, JOHN A.", "", "John Smith", "123")  # one side has no id
    assert not same_client("", "", "", "")


def test_client_index_finds_by_id_then_by_name_without_mixing_namesakes():
    index = ClientIndex()
    index.add("John Smith", "000123", "plan-123")
    index.add("John Smith", "456", "plan-456")
    index.add("John Smith", "", "plan-no-id")
    index.add("Mary Jones", "", "plan-mary")
    assert index.find("SMITH, JOHN", "123") == ["plan-123", "plan-no-id"]
    assert sorted(index.find("Smith, John A.", "")) == ["plan-123", "plan-456", "plan-no-id"]
    assert index.find("Mary Jones", "999") == ["plan-mary"]
    assert index.find("Nobody Here", "") == []

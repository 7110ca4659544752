"""Plan currency and goal linkage of progress notes against the client's treatment plans."""

from __future__ import annotations

from datetime import date

import pytest

from auditready.crossnote.goals import GoalMatcher, LinkageRequest, PlanBook, governing_plan, plan_currency
from auditready.models import FAIL, PASS, Locator, TreatmentGoal, TreatmentPlan

from conftest import EXTERNAL_NOTES, build_note


def plan(effective, review_by=None, signed=True, client="John Smith", client_id="", goals=None, row=2):
    return TreatmentPlan(
        client=client,
        client_id=client_id,
        effective=effective,
        review_by=review_by,
        signed=signed,
        goals=goals if goals is not None else [
            TreatmentGoal("1", "Reduce panic attacks from four per week to one per week", "goal"),
            TreatmentGoal("1b", "Practice paced breathing when panic symptoms start", "objective"),
            TreatmentGoal("2", "Return to driving on the highway without a passenger", "goal"),
        ],
        source=Locator("plans.csv", row=row),
    )


def progress(body="Client reported a calm week.", dos=date(2024, 2, 14), client="SMITH, JOHN A.", **fields):
    text = f"Client: {client}\nDate of Service: {dos.strftime('%m/%d/%Y')}\n{body}\n"
    return build_note("n1", text, client=client, date_of_service=dos, **fields)


# ------------------------------------------------------------------------ plan currency


def test_signed_plan_in_force_passes_and_points_at_the_date_of_service():
    note = progress()
    result = plan_currency(note, [plan(date(2024, 1, 10), date(2024, 4, 10))], None)
    assert result.status == PASS
    assert "effective 2024-01-10" in result.message and "review by 2024-04-10" in result.message
    assert "plans.csv, row 2" in result.message
    assert [span.text for span in result.evidence] == ["02/14/2024"]
    assert note.text[result.evidence[0].start : result.evidence[0].end] == "02/14/2024"


@pytest.mark.parametrize(
    ("plans", "max_age", "expected"),
    [
        ([], None, "no treatment plan for this client"),
        ([plan(date(2023, 6, 1), date(2023, 12, 1))], None, "ended 2023-12-01 (review date)"),
        ([plan(date(2023, 1, 5))], 365, "ended 2024-01-05 (the pack's 365-day plan age limit)"),
        ([plan(date(2024, 1, 10), date(2024, 4, 10), signed=False)], None, "is not signed"),
        ([plan(date(2024, 3, 1), date(2024, 6, 1))], None, "first plan takes effect 2024-03-01, after the date of service"),
        ([plan(None)], None, "carry no effective date"),
    ],
    ids=["missing", "expired", "too-old", "unsigned", "future", "undated"],
)
def test_plan_currency_failures_say_why(plans, max_age, expected):
    result = plan_currency(progress(), plans, max_age)
    assert result.status == FAIL
    assert expected in result.message
    assert "signed plan" in result.searched


def test_a_newer_signed_plan_wins_over_an_older_unsigned_one():
    plans = [plan(date(2023, 12, 1), signed=False, row=2), plan(date(2024, 2, 1), signed=True, row=9)]
    result = plan_currency(progress(), plans, None)
    assert result.status == PASS and "effective 2024-02-01" in result.message


def test_a_plan_reviewed_on_the_date_of_service_still_covers_it():
    assert plan_currency(progress(), [plan(date(2024, 1, 10), date(2024, 2, 14))], None).status == PASS


def test_without_a_date_of_service_no_plan_can_be_shown_to_cover_the_note():
    note = build_note("n1", "Client: John Smith\nClient reported a calm week.", client="John Smith")
    result = plan_currency(note, [plan(date(2024, 1, 10))], None)
    assert result.status == FAIL and "no date of service" in result.message


def test_plan_book_finds_plans_by_id_or_normalized_name():
    book = PlanBook([plan(date(2024, 1, 1), client="Smith, John", client_id="000123"), plan(date(2024, 1, 1), client="Mary Jones")])
    by_id = build_note("a", "x", client="J. Smith", client_id="123")
    by_name = build_note("b", "x", client="JOHN A SMITH")
    namesake = build_note("c", "x", client="John Smith", client_id="999")
    assert [p.client for p in book.for_note(by_id)] == ["Smith, John"]
    assert [p.client for p in book.for_note(by_name)] == ["Smith, John"]
    assert book.for_note(namesake) == []


def test_governing_plan_is_the_one_in_force_else_the_latest_started():
    old, new, future = plan(date(2023, 1, 1), date(2023, 6, 1)), plan(date(2024, 1, 1)), plan(date(2024, 5, 1))
    assert governing_plan([old, new, future], date(2024, 2, 1), None) is new
    assert governing_plan([old], date(2024, 2, 1), None) is old  # expired, still the plan of record
    assert governing_plan([future], date(2024, 2, 1), None) is None
    assert governing_plan([old, new], None, None) is None


# ------------------------------------------------------------------------- goal linkage


def link(note, governing, threshold=0.3):
    (result,) = GoalMatcher([governing]).link([LinkageRequest(note, governing)], threshold)
    return result


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("Worked on Goal 2 today: drove one exit on the highway with her sister.", "Goal 2"),
        ("Objective 1b practiced in session with good effect.", "Objective 1b"),
        ("Progress on #2: drove to the store alone.", "Goal 2"),
        ("Goals 1 and 2 were reviewed.", "Goal 1"),
    ],
)
def test_goal_named_by_id_passes_with_the_sentence_as_evidence(sentence, named):
    note = progress(f"Session focus. {sentence} Plan: continue weekly.")
    result = link(note, plan(date(2024, 1, 10)))
    assert result.status == PASS
    assert named in result.message and "effective 2024-01-10" in result.message
    assert any(sentence.split(".")[0] in span.text for span in result.evidence)
    for span in result.evidence:
        assert note.text[span.start : span.end] == span.text


def test_goal_matched_by_wording_passes_with_similarity_in_the_message():
    note = progress("Client described two panic attacks this week, down from four, and used paced breathing when symptoms started.")
    result = link(note, plan(date(2024, 1, 10)))
    assert result.status == PASS
    assert "matches the wording of" in result.message and "similarity" in result.message
    assert "paced breathing" in result.evidence[0].text


def test_a_cited_goal_the_plan_lacks_fails_and_names_the_plan_goals():
    note = progress("Addressed Goal 5 (anger management). Client was cooperative.")
    result = link(note, plan(date(2024, 1, 10)))
    assert result.status == FAIL
    assert "cites Goal 5" in result.message and "Goal 1, Objective 1b, Goal 2" in result.message
    assert result.evidence and "Goal 5" in result.evidence[0].text


def test_generic_note_without_goal_or_goal_wording_fails():
    note = progress("Client talked about the weekend. Therapist listened and offered support. Client was engaged.")
    result = link(note, plan(date(2024, 1, 10)))
    assert result.status == FAIL
    assert "names no goal" in result.message and "threshold 0.30" in result.message
    assert '"Goal 2"' in result.searched


def test_a_single_shared_word_is_not_a_goal_match():
    # "panic" alone is a topic; the plan's goal is about its frequency and breathing.
    note = progress("We discussed the history of the word panic in Greek myths and literature.")
    assert link(note, plan(date(2024, 1, 10))).status == FAIL


def test_a_plan_without_goals_fails_linkage():
    result = link(progress("Worked on Goal 1."), plan(date(2024, 1, 10), goals=[]))
    assert result.status == FAIL and "lists no goals" in result.message


def test_threshold_comes_from_the_caller():
    note = progress("Client drove on the highway for ten minutes with a passenger.")
    governing = plan(date(2024, 1, 10))
    assert link(note, governing, threshold=0.2).status == PASS
    assert link(note, governing, threshold=0.99).status == FAIL


def test_external_plan_and_note_fixtures_link_by_goal_number():
    from auditready.crossnote.plans import parse_plan_text

    governing = parse_plan_text((EXTERNAL_NOTES / "P020_ehr-fixture-treatment-plan-anxiety-depression.txt").read_text(encoding="utf-8"))
    text = (EXTERNAL_NOTES / "020_ehr-fixture-soap-progress-with-goal-tracking.txt").read_text(encoding="utf-8")
    note = build_note("020", text)
    result = link(note, governing)
    assert result.status == PASS and "Goal 1" in result.message


def test_no_governing_plan_when_the_plans_file_lists_no_goals():
    dated_only = plan(date(2024, 1, 10), goals=[])
    dated_only.goals_listed = False
    assert governing_plan([dated_only], date(2024, 2, 14), None) is None
    assert plan_currency(progress(), [dated_only], None).status == PASS  # currency is still judged

"""Client matching and record selection: exact matches only, candidates listed when a name is
shared, the window and document types decide what goes in, psychotherapy notes withheld."""

from __future__ import annotations

from datetime import date

import pytest

from auditready.models import Classification, ExtractedField, Locator, Note
from auditready.packet.clientmatch import resolve_client
from auditready.packet.errors import AmbiguousClient, NoRecords
from auditready.packet.selection import WITHHELD_REASON, select_records


def note(note_id: str, client: str | None, dos: date | None, client_id: str | None = None,
         dob: str | None = None, declared: str | None = None) -> Note:
    fields = {}
    for name, value in (("client", client), ("client_id", client_id), ("dob", dob),
                        ("date_of_service", dos), ("declared_type", declared)):
        if value is not None:
            fields[name] = ExtractedField(value)
    return Note(id=note_id, source=Locator(f"{note_id}.docx"), text="", fields=fields, format="docx")


def test_name_match_ignores_order_case_and_accents():
    notes = [note("a", "Smith, Jane", date(2024, 2, 5), "10442"), note("b", "JANE SMITH", date(2024, 2, 6)),
             note("c", "Robert Jones", date(2024, 2, 6), "20877")]
    match = resolve_client(notes, "jane smith")
    assert [n.id for n in match.notes] == ["a", "b"]
    assert match.identity.client_id == "10442"
    assert resolve_client([note("x", "José Núñez", date(2024, 1, 1))], "Jose Nunez").notes[0].id == "x"


def test_id_match_pulls_in_same_name_notes_without_an_id():
    notes = [note("a", "Jane Smith", date(2024, 2, 5), "MRN-010442", "04/12/1980"),
             note("b", "Jane Smith", date(2024, 2, 6)),
             note("c", "Robert Jones", date(2024, 2, 6), "20877")]
    match = resolve_client(notes, "10442")
    assert match.matched_by == "id"
    assert sorted(n.id for n in match.notes) == ["a", "b"]
    assert match.identity.dob == "1980-04-12"


def test_shared_name_is_ambiguous_and_lists_candidates():
    notes = [note("a", "Jane Smith", date(2024, 2, 5), "10442", "04/12/1980"),
             note("b", "Jane Smith", date(2024, 2, 6), "55310", "07/01/1992")]
    with pytest.raises(AmbiguousClient) as caught:
        resolve_client(notes, "Jane Smith")
    message = str(caught.value)
    assert "10442" in message and "55310" in message
    assert "1980-04-12" in message and "1992-07-01" in message
    assert {c["client_id"] for c in caught.value.candidates} == {"10442", "55310"}
    assert [n.id for n in resolve_client(notes, "55310").notes] == ["b"]
    assert [n.id for n in resolve_client(notes, "Jane Smith", dob=date(1980, 4, 12)).notes] == ["a"]


def test_same_name_without_ids_but_different_birth_dates_is_ambiguous():
    notes = [note("a", "Jane Smith", date(2024, 2, 5), dob="04/12/1980"),
             note("b", "Jane Smith", date(2024, 2, 6), dob="1992-07-01"),
             note("c", "Jane Smith", date(2024, 2, 7))]
    with pytest.raises(AmbiguousClient):
        resolve_client(notes, "Jane Smith")
    match = resolve_client(notes, "Jane Smith", dob=date(1992, 7, 1))
    # the note with neither id nor DOB cannot be attributed while two clients share the name
    assert [n.id for n in match.notes] == ["b"]
    assert [n.id for n in match.unattributed] == ["c"]


def test_id_match_leaves_unlabelled_notes_out_when_another_client_shares_the_name():
    notes = [note("a", "Jane Smith", date(2024, 2, 5), "10442", "04/12/1980"),
             note("b", "Jane Smith", date(2024, 2, 6), "55310", "07/01/1992"),
             note("c", "Jane Smith", date(2024, 2, 7)),
             note("d", "Jane Smith", date(2024, 2, 8), dob="1980-04-12")]
    match = resolve_client(notes, "10442")
    assert sorted(n.id for n in match.notes) == ["a", "d"]
    assert [n.id for n in match.unattributed] == ["c"]


def test_partial_name_is_only_a_suggestion():
    notes = [note("a", "Jane Smith", date(2024, 2, 5), "10442")]
    with pytest.raises(NoRecords) as caught:
        resolve_client(notes, "Smith")
    assert "Jane Smith" in str(caught.value)
    with pytest.raises(NoRecords) as caught:
        resolve_client(notes, "Maria Lopez")
    assert "similar" not in str(caught.value)


def _classes(notes, types):
    return {n.id: Classification(t, 0.9) for n, t in zip(notes, types)}


def test_window_types_and_documents_in_force():
    notes = [
        note("intake_old", "J", date(2023, 6, 1)), note("intake", "J", date(2023, 12, 20)),
        note("plan_old", "J", date(2023, 1, 5)), note("plan", "J", date(2024, 1, 15)),
        note("p1", "J", date(2024, 2, 5)), note("p2", "J", date(2024, 2, 29)),
        note("p_out", "J", date(2024, 3, 1)), note("contact", "J", date(2024, 2, 7)),
        note("undated", "J", None), note("psy", "J", date(2024, 2, 5)),
        note("psy_out", "J", date(2024, 3, 5)), note("declared", "J", date(2024, 2, 6), declared="psychotherapy"),
    ]
    types = ["intake", "intake", "treatment_plan", "treatment_plan", "progress", "progress",
             "progress", "other", "progress", "psychotherapy", "psychotherapy", "progress"]
    selection = select_records(notes, _classes(notes, types), date(2024, 2, 1), date(2024, 2, 29))
    assert [item.note.id for item in selection.items] == ["intake", "plan", "p1", "p2"]
    assert [left.note.id for left in selection.withheld] == ["psy", "declared"]
    assert all(left.reason == WITHHELD_REASON and "164.508(a)(2)" in left.reason for left in selection.withheld)
    assert {left.note.id for left in selection.not_included} == {"contact", "undated"}


def test_authorized_psychotherapy_notes_are_included_in_window_only():
    notes = [note("p1", "J", date(2024, 2, 5)), note("psy", "J", date(2024, 2, 5)),
             note("psy_out", "J", date(2024, 4, 5))]
    selection = select_records(notes, _classes(notes, ["progress", "psychotherapy", "psychotherapy"]),
                               date(2024, 2, 1), date(2024, 2, 29), include_psychotherapy=True)
    assert [item.note.id for item in selection.items] == ["p1", "psy"]
    assert selection.withheld == []


def test_a_plan_dated_on_the_first_day_replaces_the_older_one():
    notes = [note("plan_old", "J", date(2023, 1, 5)), note("plan", "J", date(2024, 2, 1)),
             note("p1", "J", date(2024, 2, 5))]
    selection = select_records(notes, _classes(notes, ["treatment_plan", "treatment_plan", "progress"]),
                               date(2024, 2, 1), date(2024, 2, 29))
    assert [item.note.id for item in selection.items] == ["plan", "p1"]

"""Impossible days: overlapping sessions of one clinician and over-long days."""

from __future__ import annotations

from datetime import date

from auditready.crossnote.days import check_schedules
from auditready.models import FAIL, NOT_APPLICABLE, PASS

from conftest import build_note

DAY = date(2024, 3, 4)


def visit(note_id, client, start=None, end=None, minutes=None, clinician="Dana Whitfield, LCSW", cpt="90834", dos=DAY, body=""):
    lines = [f"Client: {client}", f"Date of Service: {dos.strftime('%m/%d/%Y')}", f"Clinician: {clinician}"]
    fields = {"client": client, "date_of_service": dos, "clinician": clinician, "cpt": cpt}
    if start:
        lines += [f"Start: {start}", f"End: {end}"]
        fields.update(start=start, end=end)
    if minutes is not None:
        lines.append(f"Total minutes: {minutes}")
        fields["minutes"] = minutes
    lines.append(body or "Client practiced thought records.")
    return build_note(note_id, "\n".join(lines), **fields)


def test_overlapping_sessions_fail_on_both_notes_with_their_own_time_spans():
    notes = [visit("a", "Ann Lee", "09:00", "09:53"), visit("b", "Bo Park", "09:45", "10:38"), visit("c", "Cy Diaz", "10:38", "11:31")]
    results = check_schedules(notes, 720)
    assert results["a"].status == FAIL and "overlaps the session 09:45-10:38 in note b" in results["a"].message
    assert results["b"].status == FAIL and "09:00-09:53 in note a" in results["b"].message
    assert results["c"].status == PASS  # back-to-back with b is not an overlap
    assert [span.text for span in results["a"].evidence] == ["09:00", "09:53"]
    assert [span.text for span in results["b"].evidence] == ["09:45", "10:38"]
    assert "overlapping start/end times" in results["a"].searched


def test_sessions_of_other_clinicians_or_days_do_not_overlap():
    notes = [
        visit("a", "Ann Lee", "09:00", "09:53"),
        visit("b", "Bo Park", "09:00", "09:53", clinician="Pat Rivera, LPC"),
        visit("c", "Cy Diaz", "09:00", "09:53", dos=date(2024, 3, 5)),
        visit("d", "Di Chen", "09:00", "09:53", clinician="WHITFIELD, DANA"),
    ]
    results = check_schedules(notes, 720)
    assert results["a"].status == FAIL and "note d" in results["a"].message  # same clinician, spelled differently
    assert results["b"].status == PASS and results["c"].status == PASS


def test_a_group_session_is_one_session_not_an_overlap_and_counts_once():
    notes = [visit(f"g{i}", f"Member {chr(65 + i)}x", "13:00", "14:30", cpt="90853") for i in range(6)]
    notes.append(visit("ind", "Ann Lee", "14:30", "15:23"))
    results = check_schedules(notes, 720)
    assert all(results[f"g{i}"].status == PASS for i in range(6))
    assert "143 minutes across 2 sessions" in results["ind"].message


def test_group_notes_recognized_by_their_text_without_a_group_code():
    notes = [visit(f"g{i}", f"Member {chr(65 + i)}x", "13:00", "14:30", cpt="", body="Group therapy on coping skills.") for i in range(3)]
    assert {r.status for r in check_schedules(notes, 720).values()} == {PASS}


def test_the_same_clients_session_exported_twice_is_not_an_overlap():
    notes = [visit("a", "Ann Lee", "09:00", "09:53"), visit("a-copy", "LEE, ANN", "09:00", "09:53")]
    assert {r.status for r in check_schedules(notes, 720).values()} == {PASS}


def test_an_over_long_day_fails_every_note_of_that_day():
    notes = [visit(f"n{h}", f"Client {chr(65 + h)}y", f"{7 + h:02d}:00", f"{7 + h:02d}:55") for h in range(14)]
    notes.append(visit("other-day", "Ann Lee", "09:00", "09:55", dos=date(2024, 3, 5)))
    results = check_schedules(notes, 720)
    for h in range(14):
        assert results[f"n{h}"].status == FAIL
        assert "770 minutes of sessions on 2024-03-04 across 14 sessions, over the 720-minute daily maximum" in results[f"n{h}"].message
    assert results["other-day"].status == PASS


def test_stated_minutes_count_toward_the_day_without_clock_times():
    notes = [visit(f"m{i}", f"Client {chr(65 + i)}z", minutes=60) for i in range(5)]
    results = check_schedules(notes, 240)
    assert all(r.status == FAIL and "300 minutes" in r.message for r in results.values())
    assert [s.text for s in results["m0"].evidence] == ["60"]


def test_notes_that_cannot_be_placed_are_not_applicable():
    notes = [visit("no-time", "Ann Lee"), build_note("no-clinician", "Start: 09:00", start="09:00", end="09:50", date_of_service=DAY)]
    results = check_schedules(notes, 720)
    assert results["no-time"].status == NOT_APPLICABLE and results["no-clinician"].status == NOT_APPLICABLE

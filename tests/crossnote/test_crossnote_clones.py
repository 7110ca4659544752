"""Clone detection: copy-forward within a client, templates across a clinician's clients, and
the near-misses that must not count (shared MSE blocks, checkbox grids, boilerplate lines)."""

from __future__ import annotations

from datetime import date

import pytest

from auditready.crossnote import clones
from auditready.crossnote.clones import detect_clones, find_clones, narrative_of

from conftest import build_note

COPIED = (
    "{first} reported that the argument with her supervisor on Monday left her shaking and unable "
    "to eat lunch. She described thoughts that she would be fired and lose the apartment. We used "
    "cognitive restructuring to weigh the evidence for being fired against her recent positive "
    "review. {first} practiced a grounding exercise naming five objects in the room and rated her "
    "distress falling from eight to four. Homework is to log two workplace worries each evening "
    "with an alternative thought."
)
DISTINCT = [
    "Client arrived late after missing the bus and spent the first minutes settling. He described "
    "a week of poor sleep since his father moved in and frequent arguments about chores. We built "
    "a simple sleep schedule with a fixed wake time and no screens after ten. He agreed to try a "
    "wind-down routine with reading and to discuss a chore chart with his father on Sunday.",
    "The session focused on grief after the death of her dog in March. She cried while describing "
    "the last visit to the veterinarian and said the house feels silent. We explored a memory box "
    "and writing a letter to the dog. She identified a friend who could walk with her on weekends "
    "and planned to call the friend before our next appointment.",
    "He reported three panic episodes at the grocery store, each lasting about ten minutes with "
    "chest tightness. We reviewed the panic cycle and built an exposure hierarchy starting with "
    "sitting in the parked car outside the store. He completed an interoceptive exercise of "
    "spinning in a chair and noted the sensations peaked and faded without harm.",
    "Teen client and mother attended together to discuss school refusal that began after winter "
    "break. The client said mornings bring stomach aches and dread about the cafeteria. We agreed "
    "on a graded return plan beginning with two morning classes and a check-in with the school "
    "counselor. Mother will avoid reassurance loops and praise each attended class.",
    "Client discussed drinking four to five beers most nights to fall asleep. Using motivational "
    "interviewing we explored pros and cons and he rated his readiness to cut back at six out of "
    "ten. He set a goal of two alcohol-free nights this week and will track cravings on his phone. "
    "We reviewed safer sleep strategies that do not rely on alcohol.",
    "She described conflict with her partner about finances and feeling dismissed when raising "
    "concerns. We rehearsed an assertive request using an I-statement and practiced it twice in "
    "role play. She noticed her voice became steadier on the second attempt. She plans to raise "
    "the budget discussion on Saturday morning when both are rested.",
]
MSE_AND_GRID = (
    "Symptoms: ☒ Anxiety ☐ Depression ☒ Sleep problems ☐ Psychosis\n"
    "Interventions: [x] CBT [ ] DBT [x] Supportive\n"
    "Mental Status Exam:\n"
    "Appearance: Well groomed\nMood: Anxious\nAffect: Congruent\nThought Process: Linear and goal directed\n"
    "Client was alert and oriented x3, well groomed and cooperative, with euthymic mood and "
    "congruent affect, linear and goal directed thought process, fair insight and good judgment, "
    "and denies SI/HI.\n"
)
TELEHEALTH_BOILERPLATE = (
    "This session was conducted via secure video. The client consented to telehealth and "
    "confirmed being located at home in Ohio.\n"
)


def session(note_id, client, dos, narrative, clinician="Dana Whitfield", extra=""):
    first = client.split()[0]
    text = (
        f"Progress Note\nClient: {client}\nDate of Service: {dos.strftime('%m/%d/%Y')}\n"
        f"Clinician: {clinician}, LCSW\nStart Time: 10:00\nEnd Time: 10:53\nCPT: 90837\n"
        f"{MSE_AND_GRID}{extra}Narrative: {narrative.format(first=first)}\n"
        f"Electronically signed by {clinician}, LCSW on {dos.strftime('%m/%d/%Y')} 11:05\n"
    )
    return build_note(note_id, text, client=client, date_of_service=dos, clinician=f"{clinician}, LCSW")


def test_narrative_keeps_the_story_and_drops_fields_grids_mse_and_signatures():
    note = session("n1", "Rosa Diaz", date(2024, 3, 7), COPIED)
    narrative = narrative_of(note)
    kept = " ".join(note.text[s.start : s.end] for s in narrative.sentences)
    assert kept.startswith("Rosa reported that the argument")
    for dropped in ("Progress Note", "Client:", "CPT", "☒", "[x]", "Well groomed", "alert and oriented", "Electronically signed"):
        assert dropped not in kept
    normalized = narrative.text
    assert "rosa" not in normalized and "monday" not in normalized and "eight" in normalized


def test_copy_forward_triple_is_one_client_group_with_the_shared_passage_in_each_note():
    notes = [
        session("a1", "Rosa Diaz", date(2024, 3, 7), COPIED),
        session("a2", "Rosa Diaz", date(2024, 3, 14), COPIED),
        session("a3", "Rosa Diaz", date(2024, 3, 21), COPIED.replace("two workplace worries", "three workplace worries")),
        session("a4", "Rosa Diaz", date(2024, 3, 28), DISTINCT[1]),
        session("b1", "Sam Okafor", date(2024, 3, 7), DISTINCT[0]),
    ]
    detection = detect_clones(notes, threshold=0.9, min_words=40)
    (group,) = detection.groups
    assert sorted(group.notes) == ["a1", "a2", "a3"]
    assert group.scope == "client"
    assert 0.9 <= group.similarity <= 1.0
    assert "cognitive restructuring" in group.shared_passage
    for note in notes[:3]:
        span = detection.passage[note.id]
        assert note.text[span.start : span.end] == span.text
        assert span.text.startswith("Rosa reported that the argument")
    assert "a4" not in detection.group_of and detection.best_similarity["a4"] < 0.5


def test_template_pasted_for_two_clients_is_a_clinician_group():
    notes = [
        session("c1", "Rosa Diaz", date(2024, 3, 7), COPIED),
        session("c2", "Lena Park", date(2024, 3, 8), COPIED),
        session("c3", "Lena Park", date(2024, 3, 15), DISTINCT[2]),
        session("c4", "Rosa Diaz", date(2024, 3, 14), DISTINCT[3]),
    ]
    (group,) = find_clones(notes, {"threshold": 0.9, "min_words": 40})
    assert sorted(group.notes) == ["c1", "c2"] and group.scope == "clinician"


def test_same_template_by_different_clinicians_for_different_clients_is_not_compared():
    # Neither a client block nor a clinician block holds both notes.
    notes = [
        session("d1", "Rosa Diaz", date(2024, 3, 7), COPIED, clinician="Dana Whitfield"),
        session("d2", "Lena Park", date(2024, 3, 8), COPIED, clinician="Pat Rivera"),
    ]
    assert detect_clones(notes, 0.9, 40).groups == []


def test_identical_mse_and_checkbox_grids_with_different_narratives_are_not_clones():
    notes = [session(f"m{i}", "Rosa Diaz", date(2024, 1, 1 + i), text) for i, text in enumerate(DISTINCT)]
    detection = detect_clones(notes, 0.9, 40)
    assert detection.groups == []
    assert max(detection.best_similarity.values()) < 0.5


def test_identical_boilerplate_lines_with_different_narratives_are_not_clones():
    notes = [
        session(f"t{i}", "Lena Park", date(2024, 2, 1 + i), text, extra=TELEHEALTH_BOILERPLATE)
        for i, text in enumerate(DISTINCT[:4])
    ]
    assert detect_clones(notes, 0.9, 40).groups == []


def test_short_narratives_are_not_compared():
    notes = [session(f"s{i}", "Rosa Diaz", date(2024, 1, 1 + i), "Client attended and was engaged in session today.") for i in range(3)]
    detection = detect_clones(notes, 0.9, 40)
    assert detection.groups == [] and set(detection.too_short) == {"s0", "s1", "s2"}


def test_chunked_similarity_finds_the_same_pairs(monkeypatch):
    notes = [session(f"k{i}", "Rosa Diaz", date(2024, 1, 1 + i), DISTINCT[i % 3] if i % 2 else COPIED) for i in range(9)]
    whole = detect_clones(notes, 0.9, 40)
    monkeypatch.setattr(clones, "CHUNK_CELLS", 1)  # one row per chunk
    chunked = detect_clones(notes, 0.9, 40)
    assert [sorted(g.notes) for g in whole.groups] == [sorted(g.notes) for g in chunked.groups]
    assert sorted(whole.groups[0].notes) == ["k0", "k2", "k4", "k6", "k8"]
    assert whole.best_similarity == chunked.best_similarity


def test_notes_without_client_are_blocked_by_source_file():
    text = f"Session summary\n{COPIED.format(first='The client')}\n"
    notes = [build_note("x1", text, path="chart.pdf"), build_note("x2", text, path="chart.pdf"),
             build_note("y1", text, path="other.pdf")]
    (group,) = detect_clones(notes, 0.9, 40).groups
    assert sorted(group.notes) == ["x1", "x2"] and group.scope == "mixed"


def test_an_edited_copy_is_grouped_only_when_the_threshold_allows_and_reports_mean_similarity():
    edited = COPIED.replace("grounding exercise naming five objects in the room", "body scan for three minutes")
    notes = [session("e1", "Rosa Diaz", date(2024, 3, 7), COPIED), session("e2", "Rosa Diaz", date(2024, 3, 14), edited)]
    strict = detect_clones(notes, 0.9, 40)
    assert strict.groups == [] and 0.7 < strict.best_similarity["e1"] < 0.9
    loose = detect_clones(notes, 0.7, 40)
    (group,) = loose.groups
    assert group.similarity == pytest.approx(strict.best_similarity["e1"], abs=1e-3)
    # The longest run of shared sentences: the three before the edited one.
    assert loose.passage["e2"].text.startswith("Rosa reported") and loose.passage["e2"].text.endswith("positive review.")


def test_offsets_stay_aligned_when_lowercasing_changes_the_text_length():
    note = session("u1", "İlkay Şahin", date(2024, 3, 7), COPIED)
    narrative = narrative_of(note)
    first = narrative.sentences[0]
    assert note.text[first.start : first.end].startswith("İlkay reported that the argument")
    assert first.normalized.startswith("reported that the argument")

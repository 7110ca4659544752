"""The bundled sample data (sample_data/, Cedar Grove Counseling) scanned end to end under the
common pack with its plans and claims files, compared with what its author planted
(sample_data/expected_situations.yaml) and with an auditor's review of the criteria that file
leaves unlisted (tests/golden/sample_data_review.yaml): every listed finding status, the clone
groups and the near miss, the impossible days, every claim's status and exposure, the unbilled
note. A failure names the note, the criterion, the expected and actual status and the finding's
message and evidence."""

from __future__ import annotations

import pytest
from golden_helpers import EXPECTED_FILE, REVIEW_FILE, load_yaml, mismatch, note_id, show

from auditready.exposure import load_fees

EXPECTED = load_yaml(EXPECTED_FILE)
REVIEW = load_yaml(REVIEW_FILE)["reviewed"]
NOTES = {note["key"]: note for note in EXPECTED["notes"]}
NOTE_KEYS = list(NOTES)

# Claim situations whose status string the claims stage chooses (README.md "claims[].kind");
# the design statuses (matched, no_note, code_not_supported_by_time) are their own names.
CHOSEN_STATUS = {
    "psychotherapy_note_only": "psychotherapy_note_only",
    "under_16_minutes": "code_not_supported_by_time",
    "extra_units": "units_over_one",
    "denied": "denied",
}
SCHEDULE = "plausible_schedule"
CENT = 0.005


def _all_pass_note(note: dict) -> bool:
    """A note written to pass every criterion that applies to it (the exemplary notes)."""
    expect = note.get("expect", {})
    return len(expect) >= 18 and set(expect.values()) == {"pass"}


# --- every note is found, with the fields the author wrote into it ---------------------------

def test_the_scan_finds_exactly_the_expected_notes(common_scan) -> None:
    expected_ids = {note_id(note) for note in EXPECTED["notes"]}
    scanned_ids = set(common_scan.by_id)
    assert expected_ids - scanned_ids == set(), "expected notes the scan did not find"
    assert scanned_ids - expected_ids == set(), "notes the scan found that the sample data does not hold"
    assert [i.path for i in common_scan.result.inputs if i.status != "parsed"] == []


@pytest.mark.parametrize("key", NOTE_KEYS)
def test_note_fields_and_type(common_scan, key: str) -> None:
    expected, note = NOTES[key], common_scan.note(key)
    problems = []
    for name in ("note_type", "date_of_service", "cpt", "minutes", "start", "end"):
        wanted = expected.get(name)
        if wanted is not None and str(getattr(note, name)) != str(wanted):
            problems.append(f"{name}: expected {wanted!r}, got {getattr(note, name)!r}")
    for name in ("page", "row"):
        wanted = expected.get(name)
        if wanted is not None and getattr(note.source, name) != wanted:
            problems.append(f"source {name}: expected {wanted}, got {getattr(note.source, name)}")
    if expected["client"] not in (note.client or ""):
        problems.append(f"client: expected {expected['client']!r}, got {note.client!r}")
    assert not problems, f"{key} ({note.id}): " + "; ".join(problems)


# --- every planted outcome ---------------------------------------------------------------------

@pytest.mark.parametrize("key", NOTE_KEYS)
def test_planted_findings(common_scan, key: str) -> None:
    expect = NOTES[key].get("expect", {})
    assert expect, f"{key}: expected_situations.yaml lists no outcome"
    problems = [line for criterion, wanted in expect.items()
                if (line := mismatch(key, common_scan, criterion, wanted)) is not None]
    assert not problems, f"{NOTES[key]['situation']}\n" + "\n".join(problems)


@pytest.mark.parametrize("key", [key for key, note in NOTES.items() if _all_pass_note(note)])
def test_exemplary_notes_fail_nothing(common_scan, key: str) -> None:
    failing = [f for f in common_scan.note(key).findings if f.status == "fail"]
    assert not failing, f"{key} ({common_scan.id_of_key[key]}) is written to pass everything:\n" + "\n".join(
        f"{f.criterion}: {show(f)}" for f in failing
    )


# --- the auditor's review of unlisted criteria ------------------------------------------------

@pytest.mark.parametrize("entry", REVIEW, ids=[f"{e['note']}::{e['criterion']}" for e in REVIEW])
def test_reviewed_findings(common_scan, entry: dict) -> None:
    line = mismatch(entry["note"], common_scan, entry["criterion"], entry["expect"])
    assert line is None, f"{line}\nreviewer: {entry['why']}"


def test_review_adds_to_the_planted_outcomes_without_contradicting_them() -> None:
    for entry in REVIEW:
        assert entry["note"] in NOTES, f"review names an unknown note {entry['note']!r}"
        assert entry["criterion"] in EXPECTED["criteria"], entry
        planted = NOTES[entry["note"]].get("expect", {}).get(entry["criterion"])
        assert planted is None, (f"{entry['note']} {entry['criterion']} is planted as {planted}; "
                                 "keep it in expected_situations.yaml only")
    pairs = [(e["note"], e["criterion"]) for e in REVIEW]
    assert len(pairs) == len(set(pairs)), "a note and criterion reviewed twice"


# --- clones and the near miss -----------------------------------------------------------------

def _groups(common_scan) -> list[tuple[frozenset[str], object]]:
    return [(frozenset(group.notes), group) for group in common_scan.result.clones]


@pytest.mark.parametrize("planted", EXPECTED["clones"], ids=[g["scope"] for g in EXPECTED["clones"]])
def test_clone_group_found_with_its_members(common_scan, planted: dict) -> None:
    members = frozenset(common_scan.id_of_key[key] for key in planted["notes"])
    found = [group for notes, group in _groups(common_scan) if notes == members]
    assert found, (f"{planted['situation']}\nno clone group of exactly {sorted(members)}; groups found: "
                   f"{[sorted(notes) for notes, _ in _groups(common_scan)]}")
    assert found[0].scope == planted["scope"]
    for key in planted["notes"]:
        assert mismatch(key, common_scan, "not_cloned", "fail") is None, mismatch(key, common_scan, "not_cloned", "fail")


def test_no_clone_groups_beyond_the_planted_ones(common_scan) -> None:
    planted = {frozenset(common_scan.id_of_key[key] for key in group["notes"]) for group in EXPECTED["clones"]}
    extra = [sorted(notes) for notes, _ in _groups(common_scan) if notes not in planted]
    assert extra == [], "clone groups the sample data does not plant"


@pytest.mark.parametrize("near_miss", EXPECTED["not_clones"], ids=lambda g: "+".join(g["notes"]))
def test_near_miss_is_not_a_clone(common_scan, near_miss: dict) -> None:
    ids = {common_scan.id_of_key[key] for key in near_miss["notes"]}
    for notes, group in _groups(common_scan):
        assert len(ids & notes) < 2, f"{near_miss['situation']}\nflagged as clones (similarity {group.similarity})"
    problems = [line for key in near_miss["notes"]
                if (line := mismatch(key, common_scan, "not_cloned", "pass")) is not None]
    assert not problems, "\n".join(problems)


# --- impossible days ----------------------------------------------------------------------------

def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


@pytest.mark.parametrize("day", EXPECTED["impossible_days"], ids=lambda d: f"{d['kind']}-{d['date']}")
def test_impossible_day_flagged_on_its_notes(common_scan, day: dict) -> None:
    notes = [common_scan.note(key) for key in day["notes"]]
    problems = [line for key in day["notes"] if (line := mismatch(key, common_scan, SCHEDULE, "fail")) is not None]
    assert not problems, "\n".join(problems)
    assert sum(note.minutes for note in notes) == day["minutes_documented"]
    if day["kind"] == "overlap":
        first, second = notes
        overlap = min(_minutes(first.end), _minutes(second.end)) - max(_minutes(first.start), _minutes(second.start))
        assert overlap == day["overlap_minutes"]
        for note, other in ((first, second), (second, first)):
            finding = next(f for f in note.findings if f.criterion == SCHEDULE)
            assert other.id in finding.message, f"{note.id}: the overlap finding does not name {other.id}: {show(finding)}"
    else:
        for note in notes:
            finding = next(f for f in note.findings if f.criterion == SCHEDULE)
            assert str(day["minutes_documented"]) in finding.message, f"{note.id}: {show(finding)}"


def test_no_other_day_is_flagged(common_scan) -> None:
    flagged_keys = {key for day in EXPECTED["impossible_days"] for key in day["notes"]}
    wrongly = [line for key in NOTE_KEYS if key not in flagged_keys
               and (finding := common_scan.finding(key, SCHEDULE)) is not None and finding.status == "fail"
               and (line := f"{key}: {show(finding)}")]
    assert wrongly == []


# --- claims -------------------------------------------------------------------------------------

def _claim(common_scan, claim_id: str):
    found = [claim for claim in common_scan.result.claims if claim.claim_id == claim_id]
    assert len(found) == 1, f"{claim_id}: {len(found)} claim results"
    return found[0]


def test_every_claim_line_is_reported(common_scan) -> None:
    reported = {claim.claim_id for claim in common_scan.result.claims if claim.claim_id}
    assert reported == {claim["claim_id"] for claim in EXPECTED["claims"]}


@pytest.mark.parametrize("planted", EXPECTED["claims"], ids=lambda c: f"{c['claim_id']}-{c['kind']}")
def test_claim_status_and_exposure(common_scan, planted: dict) -> None:
    claim = _claim(common_scan, planted["claim_id"])
    shown = (f"{planted['claim_id']} ({planted['situation']}): status {claim.status}, note {claim.note_id}, "
             f"exposure {claim.exposure}, detail {claim.detail!r}")
    kind = planted["kind"]
    wanted_status = kind if planted["design_status"] else CHOSEN_STATUS[kind]
    assert claim.status == wanted_status, shown
    wanted_note = common_scan.id_of_key[planted["note"]] if planted["note"] else None
    assert claim.note_id == wanted_note, shown
    assert claim.exposure is not None, shown
    if "expected_exposure" in planted:
        assert abs(claim.exposure.amount - planted["expected_exposure"]) < CENT, shown
    if "supported_code" in planted:
        assert claim.supported_cpt == planted["supported_code"], shown
        # paid x (1 - fee(supported) / fee(billed)), at the fee table's rates for the author
        fees = load_fees()
        credentials = common_scan.by_id[claim.note_id].credentials
        ratio = fees.fee(planted["supported_code"], credentials) / fees.fee(planted["cpt"], credentials)
        assert abs(claim.exposure.amount - round(planted["paid"] * (1 - ratio), 2)) < 0.011, shown
    if kind == "under_16_minutes":
        assert claim.supported_cpt is None, shown


def test_unbilled_notes_are_listed_without_exposure(common_scan) -> None:
    unbilled = {common_scan.id_of_key[key] for key in EXPECTED["unbilled_notes"]}
    listed = {claim.note_id: claim for claim in common_scan.result.claims if claim.status == "no_claim"}
    assert set(listed) == unbilled
    for claim in listed.values():
        assert claim.exposure is not None and claim.exposure.amount == 0, claim

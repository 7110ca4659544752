"""expected_situations.yaml and README.md: what every generated file holds and what each planted
situation should trip, derived from the same note objects the writers rendered.

Cross-note situations (clones, impossible days) and plan currency are recomputed here from the
notes and plans and checked against what was planted, so the manifest cannot drift from the data.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from .claims import ClaimRow
from .model import CRITERIA, Placement, SampleNote
from .plans import CLIENTS_WITHOUT_PLAN, PLANS
from .practice import CLIENTS, CLINICIANS, PRACTICE

MAX_DAY_MINUTES = 12 * 60

CLONE_GROUPS = (
    {"scope": "client", "notes": ["wrenfield-2025-04-10", "wrenfield-2025-04-17",
                                  "wrenfield-2025-04-24"],
     "situation": "Copy-forward: one narrative carried over three weekly notes, only the date "
                  "changed."},
    {"scope": "clinician", "notes": ["marchbank-2025-05-14", "thistlewood-2025-05-15"],
     "situation": "Template clone: one narrative used for two different clients of the same "
                  "clinician."},
)
NOT_CLONES = (
    {"notes": ["ashdown-2025-09-09", "esterhazy-2025-09-30"],
     "situation": "Near miss: identical one-click mental-status grid, different individual "
                  "narratives. Must not be reported as clones."},
)
IMPOSSIBLE_DAYS = (
    {"clinician": "merriweather", "date": "2025-09-16", "kind": "overlap"},
    {"clinician": "fenwick", "date": "2025-10-08", "kind": "over_12_hours"},
)

CLAIM_KINDS = {
    "matched": ("A progress note (or evaluation) supports this line.", None),
    "no_note": ("No document of any kind for this client, clinician and date.", "paid"),
    "psychotherapy_note_only": ("The only document for this date is a psychotherapy note, which "
                                "cannot support a claim.", "paid"),
    "code_not_supported_by_time": ("90837 billed; the note documents fewer than 53 minutes "
                                   "(supports 90834).", "downcode"),
    "under_16_minutes": ("90832 billed for a 12-minute session: under 16 minutes no "
                         "psychotherapy code is billable.", "paid"),
    "extra_units": ("2 units of 90834 for one session (one unit per day).", None),
    "denied": ("Denied by the payer (paid 0): no exposure, still listed.", "zero"),
}
# Status strings fixed by DESIGN.md ("claims" in audit.json); the others name the situation and
# leave the status string to the claims stage.
DESIGN_CLAIM_STATUSES = {"matched", "no_note", "code_not_supported_by_time"}


def _plan_status(client_key: str, on: date) -> tuple[str, str]:
    """(expected treatment_plan_current, plan state) for a progress note on `on`."""
    plans = [plan for plan in PLANS if plan.client == client_key]
    if not plans:
        return "fail", "none"
    (plan,) = plans
    if not plan.signed:
        return "fail", "unsigned"
    if on > plan.review:
        return "fail", "expired"
    if on < plan.effective:
        return "fail", "not_yet_effective"
    return "pass", "current"


def expectations(note: SampleNote) -> dict[str, str]:
    expected = dict(note.expect)
    unknown = set(expected) - set(CRITERIA)
    if unknown:
        raise ValueError(f"{note.key}: unknown criteria {sorted(unknown)}")
    if note.kind == "progress":
        derived, _state = _plan_status(note.client, note.dos)
        if expected.setdefault("treatment_plan_current", derived) != derived:
            raise ValueError(f"{note.key}: treatment_plan_current planted as "
                             f"{expected['treatment_plan_current']} but the plans say {derived}")
    return dict(sorted(expected.items(), key=lambda item: CRITERIA.index(item[0])))


def _minutes(value) -> int:
    return value.hour * 60 + value.minute


def find_impossible_days(notes: list[SampleNote]) -> list[dict]:
    """Clinician-days with overlapping sessions or more than 12 hours of documented sessions."""
    by_day: dict[tuple[str, date], list[SampleNote]] = defaultdict(list)
    for note in notes:
        if note.kind != "psychotherapy" and note.start and note.end:
            by_day[(note.clinician, note.dos)].append(note)
    found = []
    for (clinician, day), sessions in sorted(by_day.items(), key=lambda item: (item[0][1], item[0][0])):
        sessions.sort(key=lambda n: n.start)
        total = sum(n.minutes for n in sessions)
        overlaps = [
            (a, b, _minutes(a.end) - _minutes(b.start))
            for a, b in zip(sessions, sessions[1:]) if _minutes(b.start) < _minutes(a.end)
        ]
        base = {"clinician": CLINICIANS[clinician].name, "date": day.isoformat(),
                "notes": [n.key for n in sessions], "minutes_documented": total}
        if overlaps:
            found.append({**base, "kind": "overlap",
                          "overlap_minutes": sum(minutes for *_pair, minutes in overlaps)})
        if total > MAX_DAY_MINUTES:
            found.append({**base, "kind": "over_12_hours"})
    return found


def _check_planted(notes: list[SampleNote]) -> list[dict]:
    by_key = {note.key: note for note in notes}
    for group in CLONE_GROUPS:
        bodies = {by_key[key].sections for key in group["notes"]}
        if len(bodies) != 1:
            raise ValueError(f"clone group {group['notes']} does not share one narrative")
    for pair in NOT_CLONES:
        first, second = (by_key[key] for key in pair["notes"])
        shared = set(first.sections) & set(second.sections)
        if len(shared) != 1:
            raise ValueError(f"near-miss {pair['notes']} must share exactly the MSE block")
    found = find_impossible_days(notes)
    planted = {(CLINICIANS[day["clinician"]].name, day["date"], day["kind"])
               for day in IMPOSSIBLE_DAYS}
    if {(day["clinician"], day["date"], day["kind"]) for day in found} != planted:
        raise ValueError(f"impossible days in the data {found} differ from the planted ones")
    return found


def _note_entry(note: SampleNote, placement: Placement) -> dict:
    client, clinician = CLIENTS[note.client], CLINICIANS[note.clinician]
    entry = {"key": note.key, "source": placement.source, "note": placement.note}
    if placement.page is not None:
        entry["page"] = placement.page
    if placement.row is not None:
        entry["row"] = placement.row
    entry.update({
        "client": client.name, "client_id": client.client_id, "clinician": clinician.name,
        "credentials": clinician.credentials, "date_of_service": note.dos.isoformat(),
        "start": note.start.strftime("%H:%M") if note.start else None,
        "end": note.end.strftime("%H:%M") if note.end else None,
        "minutes": note.minutes, "cpt": note.cpt, "note_type": note.kind,
        "telehealth": note.telehealth, "signed": note.signed_at is not None,
        "situation": note.situation, "expect": expectations(note),
    })
    return entry


def _claim_entry(claim: ClaimRow) -> dict:
    description, exposure = CLAIM_KINDS[claim.kind]
    entry = {
        "claim_id": claim.claim_id, "client": CLIENTS[claim.client].name,
        "clinician": CLINICIANS[claim.clinician].name, "date_of_service": claim.dos.isoformat(),
        "cpt": claim.cpt, "units": claim.units, "paid": claim.paid, "kind": claim.kind,
        "design_status": claim.kind in DESIGN_CLAIM_STATUSES, "note": claim.note_key,
        "situation": description,
    }
    if exposure == "paid":
        entry["expected_exposure"] = claim.paid
    elif exposure == "zero":
        entry["expected_exposure"] = 0.0
    elif exposure == "downcode":
        entry["supported_code"] = "90834"
        entry["expected_exposure_rule"] = "paid x (1 - fee(90834) / fee(90837))"
    return entry


def build_manifest(notes: list[SampleNote], placements: dict[str, Placement],
                   claims: list[ClaimRow]) -> dict:
    impossible = _check_planted(notes)
    billed = {claim.note_key for claim in claims}
    unbilled = [note.key for note in notes if note.kind != "psychotherapy" and note.key not in billed]
    plans = []
    for plan in PLANS:
        plans.append({"client": CLIENTS[plan.client].name, "effective": plan.effective.isoformat(),
                      "review": plan.review.isoformat(), "signed": plan.signed,
                      "goals": [goal_id for goal_id, _text in plan.goals], "state": plan.state,
                      "situation": plan.situation})
    for client_key, situation in CLIENTS_WITHOUT_PLAN.items():
        plans.append({"client": CLIENTS[client_key].name, "state": "none", "situation": situation})
    return {
        "practice": PRACTICE,
        "scan": {"exports": "exports/", "plans": "plans/plans.csv", "claims": "claims/claims.csv"},
        "criteria": list(CRITERIA),
        "notes": [_note_entry(note, placements[note.key]) for note in notes],
        "clones": [dict(group) for group in CLONE_GROUPS],
        "not_clones": [dict(pair) for pair in NOT_CLONES],
        "impossible_days": impossible,
        "claims": [_claim_entry(claim) for claim in claims],
        "unbilled_notes": unbilled,
        "plans": plans,
    }


# --- README ----------------------------------------------------------------------------------


def _where(entry: dict) -> str:
    if "page" in entry:
        return f"`{entry['source']}` page {entry['page']} (note {entry['note']})"
    if "row" in entry:
        return f"`{entry['source']}` row {entry['row']} (note {entry['note']})"
    return f"`{entry['source']}` (note {entry['note']})"


def _expect_text(expect: dict) -> str:
    fails = [name for name, status in expect.items() if status == "fail"]
    passes = [name for name, status in expect.items() if status == "pass"]
    parts = []
    if fails:
        parts.append("**fail:** " + ", ".join(f"`{name}`" for name in fails))
    if passes:
        parts.append(f"pass: {len(passes)} criteria" if len(passes) > 4 else
                     "pass: " + ", ".join(f"`{name}`" for name in passes))
    return "; ".join(parts) or "-"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def build_readme(manifest: dict, files: list[tuple[str, str]], intro: str) -> str:
    lines = [intro.rstrip(), "", "## Files", "", "| file | what it is |", "|---|---|"]
    lines += [f"| `{path}` | {_cell(description)} |" for path, description in files]
    lines += ["", "## Notes and planted situations", "",
              "Every note, where it is, and what it should trip. \"pass: N criteria\" means the "
              "note was written to pass every listed criterion; the exact list is in "
              "`expected_situations.yaml`.", "",
              "| where | client | clinician | DOS | code / min | type | situation | expected |",
              "|---|---|---|---|---|---|---|---|"]
    for entry in manifest["notes"]:
        code = f"{entry['cpt'] or '-'} / {entry['minutes'] if entry['minutes'] is not None else '-'}"
        lines.append(
            f"| {_where(entry)} | {entry['client']} | {entry['clinician']}, "
            f"{entry['credentials']} | {entry['date_of_service']} | {code} | "
            f"{entry['note_type']} | {_cell(entry['situation'])} | {_expect_text(entry['expect'])} |")
    lines += ["", "## Cross-note situations", "", "| situation | notes | expected |", "|---|---|---|"]
    for group in manifest["clones"]:
        lines.append(f"| {_cell(group['situation'])} | {', '.join(group['notes'])} | "
                     f"clone group (scope: {group['scope']}); `not_cloned` **fail** for each |")
    for pair in manifest["not_clones"]:
        lines.append(f"| {_cell(pair['situation'])} | {', '.join(pair['notes'])} | "
                     f"no clone group; `not_cloned` pass |")
    for day in manifest["impossible_days"]:
        detail = (f"overlap of {day['overlap_minutes']} min" if day["kind"] == "overlap"
                  else f"{day['minutes_documented']} minutes documented")
        lines.append(f"| Impossible day ({day['kind']}): {day['clinician']} on {day['date']}, "
                     f"{detail} | {', '.join(day['notes'])} | impossible-day finding |")
    lines += ["", "## Treatment plans (`plans/plans.csv`)", "",
              "| client | effective | review | signed | state | situation |", "|---|---|---|---|---|---|"]
    for plan in manifest["plans"]:
        lines.append(f"| {plan['client']} | {plan.get('effective', '-')} | {plan.get('review', '-')} | "
                     f"{plan.get('signed', '-')} | {plan['state']} | {_cell(plan['situation'])} |")
    lines += ["", "## Claims (`claims/claims.csv`)", "",
              f"{len(manifest['claims'])} claim lines. All are `matched` except:", "",
              "| claim | client | DOS | CPT x units | paid | situation | kind | exposure |",
              "|---|---|---|---|---|---|---|---|"]
    for claim in manifest["claims"]:
        if claim["kind"] == "matched":
            continue
        exposure = (f"{claim['expected_exposure']:.2f}" if "expected_exposure" in claim
                    else claim.get("expected_exposure_rule", "see situation"))
        lines.append(f"| {claim['claim_id']} | {claim['client']} | {claim['date_of_service']} | "
                     f"{claim['cpt']} x {claim['units']} | {claim['paid']:.2f} | "
                     f"{_cell(claim['situation'])} | `{claim['kind']}` | {exposure} |")
    for key in manifest["unbilled_notes"]:
        lines.append(f"| (none) | note `{key}` | | | | A signed progress note with no claim: "
                     f"unbilled, no exposure. | `unbilled` | 0 |")
    lines.append("")
    return "\n".join(lines)


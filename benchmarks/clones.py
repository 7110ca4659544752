"""Clone detection time and peak memory, and how they scale with the practice.

    python -m benchmarks.clones --notes 10000
    python -m benchmarks.clones --notes 100000

Fictional notes are generated in memory: each clinician has `--block` notes (default 500),
each client `--per-client` notes (default 20), and `--planted` of the notes (default 1%) are
copy-forwards of an earlier note of the same client. The command first runs a reference
practice one tenth the size with the SAME block sizes, then the requested one, and prints the
time ratio: similarity is computed only within blocks (per client, per clinician), so ten
times the notes should cost about ten times the time (linear), not a hundred times
(quadratic). Peak memory is the process's peak resident set size after each run (it includes
the generated notes, which are reported separately).

DESIGN.md budget: 100,000 notes in <= 10 min end to end with peak memory <= 2 GB; clone
detection sub-quadratic. Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import date, timedelta

from auditready.crossnote.clones import detect_clones, narrative_of
from auditready.models import ExtractedField, Locator, Note

FIRST = ["Ana", "Ben", "Cleo", "Dev", "Esme", "Farid", "Gia", "Hugo", "Ines", "Jon", "Kai", "Lena",
         "Milo", "Nia", "Omar", "Pia", "Quinn", "Rosa", "Sami", "Tess", "Uma", "Vik", "Wren", "Yara"]
LAST = ["Diaz", "Okafor", "Lindqvist", "Patel", "Moreau", "Haddad", "Russo", "Kowalski", "Nguyen",
        "Abara", "Sato", "Brennan", "Ferreira", "Osei", "Varga", "Ibsen", "Quartey", "Zeller"]
# Word banks combined at random so that two generated notes share topics, not sentences.
SUBJECTS = ["work", "school", "sleep", "the commute", "family dinners", "a new job", "money", "the divorce",
            "her sister", "his father", "a court date", "the holidays", "moving house", "a breakup",
            "church", "the gym", "night shifts", "a medical test", "the landlord", "online classes"]
FEELINGS = ["anxious", "numb", "irritable", "tearful", "restless", "hopeless", "ashamed", "overwhelmed",
            "guarded", "calmer", "hopeful", "tense", "lonely", "angry", "flat", "relieved"]
ACTIONS = ["cognitive restructuring", "paced breathing", "a grounding exercise", "behavioral activation",
           "motivational interviewing", "an exposure step", "assertiveness role play", "a values card sort",
           "problem solving", "a thought record", "urge surfing", "sleep scheduling", "a safety plan review",
           "chain analysis", "opposite action", "self-compassion writing"]
DETAILS = ["on the bus", "before the meeting", "after the phone call", "at the pharmacy", "in the car",
           "during lunch", "with the neighbor", "at the bank", "on the stairs", "at the clinic door",
           "in the kitchen", "on the porch", "at the library", "during the drive", "at the store"]
MSE = (
    "Mental Status Exam:\nAppearance: Well groomed\nMood: Anxious\nAffect: Congruent\n"
    "Client was alert and oriented x3, cooperative, with linear and goal directed thought process, "
    "fair insight and judgment, and denies SI/HI.\n"
)


def _narrative(rng: random.Random, first: str) -> str:
    sentences = []
    for _ in range(rng.randint(6, 9)):
        kind = rng.randrange(4)
        if kind == 0:
            sentences.append(f"{first} said {rng.choice(SUBJECTS)} left them {rng.choice(FEELINGS)} "
                             f"{rng.choice(DETAILS)} and {rng.choice(FEELINGS)} by evening.")
        elif kind == 1:
            sentences.append(f"We used {rng.choice(ACTIONS)} about {rng.choice(SUBJECTS)}, then "
                             f"{rng.choice(ACTIONS)} for what happened {rng.choice(DETAILS)}.")
        elif kind == 2:
            sentences.append(f"{first} rated distress {rng.randint(5, 9)} of 10 before and "
                             f"{rng.randint(1, 5)} after, and felt {rng.choice(FEELINGS)} about {rng.choice(SUBJECTS)}.")
        else:
            sentences.append(f"Homework: practice {rng.choice(ACTIONS)} {rng.choice(DETAILS)} and "
                             f"note moments of feeling {rng.choice(FEELINGS)} about {rng.choice(SUBJECTS)}.")
    return " ".join(sentences)


def build_practice(notes: int, block: int, per_client: int, planted: float, seed: int) -> tuple[list[Note], int]:
    """Notes of a fictional practice and the number of planted copy-forwards."""
    rng = random.Random(seed)
    clinicians = max(1, notes // block)
    result: list[Note] = []
    planted_count = 0
    client_number = 0
    start = date(2024, 1, 1)
    clinician_names = [f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}{'x' * (i // (len(FIRST) * len(LAST)))}, LCSW"
                       for i in range(clinicians)]
    while len(result) < notes:
        client_number += 1
        # Names repeat across a large practice (as they do in life); the client id tells them apart.
        client = f"{FIRST[client_number % len(FIRST)]} {LAST[(client_number // len(FIRST)) % len(LAST)]}"
        clinician = clinician_names[client_number % clinicians]
        first = client.split()[0]
        narratives: list[str] = []
        for visit in range(min(per_client, notes - len(result))):
            if narratives and rng.random() < planted:
                narrative = narratives[-1]
                planted_count += 1
            else:
                narrative = _narrative(rng, first)
            narratives.append(narrative)
            dos = start + timedelta(days=7 * visit)
            text = (
                f"Progress Note\nClient: {client}\nDate of Service: {dos:%m/%d/%Y}\nClinician: {clinician}\n"
                f"Start Time: 10:00\nEnd Time: 10:53\nCPT: 90837\n{MSE}Narrative: {narrative}\n"
                f"Electronically signed by {clinician} on {dos:%m/%d/%Y}\n"
            )
            fields = {"client": ExtractedField(client), "client_id": ExtractedField(f"{client_number:06d}"),
                      "clinician": ExtractedField(clinician), "date_of_service": ExtractedField(dos)}
            result.append(Note(f"note-{len(result) + 1}", Locator(f"export/{client_number}.pdf", page=visit + 1), text, fields))
    return result, planted_count


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def measure(notes: int, block: int, per_client: int, planted: float, seed: int, threshold: float, min_words: int) -> dict:
    practice, planted_count = build_practice(notes, block, per_client, planted, seed)
    rss_with_notes = _peak_rss_mb()
    began = time.perf_counter()
    for note in practice[: min(len(practice), 2000)]:
        narrative_of(note)
    narrative_rate = min(len(practice), 2000) / (time.perf_counter() - began)
    began = time.perf_counter()
    detection = detect_clones(practice, threshold, min_words)
    seconds = time.perf_counter() - began
    members = sum(len(group.notes) for group in detection.groups)
    return {
        "notes": notes,
        "clinicians": max(1, notes // block),
        "seconds": seconds,
        "narrative_per_second": narrative_rate,
        "peak_rss_mb": _peak_rss_mb(),
        "rss_after_generation_mb": rss_with_notes,
        "groups": len(detection.groups),
        "members": members,
        "planted": planted_count,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.clones", description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10_000, help="notes in the practice (default 10000)")
    parser.add_argument("--block", type=int, default=500, help="notes per clinician (default 500)")
    parser.add_argument("--per-client", type=int, default=20, help="notes per client (default 20)")
    parser.add_argument("--planted", type=float, default=0.01, help="share of notes copied forward (default 0.01)")
    parser.add_argument("--threshold", type=float, default=0.9, help="clone threshold (pack default 0.9)")
    parser.add_argument("--min-words", type=int, default=40, help="min narrative words (pack default 40)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-reference", action="store_true", help="skip the one-tenth-size reference run")
    args = parser.parse_args(argv)

    sizes = [args.notes] if args.no_reference else [max(args.block, args.notes // 10), args.notes]
    print(f"clone detection: {args.block} notes per clinician, {args.per_client} per client, "
          f"threshold {args.threshold}, {args.planted:.0%} planted copy-forwards")
    print(f"{'notes':>8} {'clinicians':>10} {'seconds':>9} {'notes/s':>9} {'peak RSS MB':>12} "
          f"{'RSS notes MB':>13} {'groups':>7} {'in groups':>10} {'planted':>8}")
    runs = []
    for size in sizes:
        run = measure(size, args.block, args.per_client, args.planted, args.seed, args.threshold, args.min_words)
        runs.append(run)
        print(f"{run['notes']:>8} {run['clinicians']:>10} {run['seconds']:>9.2f} "
              f"{run['notes'] / run['seconds']:>9.0f} {run['peak_rss_mb']:>12.0f} {run['rss_after_generation_mb']:>13.0f} "
              f"{run['groups']:>7} {run['members']:>10} {run['planted']:>8}")
    print(f"narrative extraction alone: {runs[-1]['narrative_per_second']:.0f} notes/s")
    if len(runs) == 2:
        growth = runs[1]["notes"] / runs[0]["notes"]
        ratio = runs[1]["seconds"] / runs[0]["seconds"]
        print(f"{growth:.0f}x the notes with the same block sizes took {ratio:.1f}x the time "
              f"(linear in notes: {growth:.0f}x; quadratic: {growth ** 2:.0f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Micro-benchmark of the text-matching layer: every packaged lexicon run over a synthetic corpus.

    python benchmarks/text_matching.py [--notes 2000] [--repeat 3] [--seed 7]

Prints notes/s and matches/s for a cold pass (every note's sentences, anchors and ConText
computed once) and a warm pass (the rules engine asking again for the same note, served from
the per-text cache), plus the cost per lexicon. The corpus is fictional: sentences assembled
from clinical phrase fragments with a seeded RNG, so runs are comparable. Timings are the best
of `--repeat` runs; nothing here is asserted (see DESIGN.md "Performance budgets").
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from auditready.text.analysis import analyze  # noqa: E402
from auditready.text.lexicon import lexicon_names, load_lexicon  # noqa: E402

_OPENERS = ["Client", "Pt", "She", "He", "They", "Patient", "Client's partner", "Her mother"]
_SUBJECTIVE = [
    "reports {symptom} {frequency}", "denies {symptom}", "endorses {symptom} since last session",
    "states that {symptom} has been worse at work", "reports no {symptom} this week",
    "describes {symptom} and {impairment}", "has a history of {symptom} as a teenager",
    "noted {symptom} {frequency}, rated 6/10", "reports {impairment} due to {symptom}",
]
_SYMPTOMS = [
    "depressed mood", "anxiety", "panic attacks", "difficulty falling asleep", "nightmares",
    "irritability", "low energy", "poor concentration", "hopelessness", "worry", "cravings",
    "intrusive thoughts", "tearfulness", "anger outbursts", "loss of interest",
]
_FREQUENCY = ["daily", "4 of 7 nights", "3 times per week", "most days", "occasionally"]
_IMPAIRMENT = [
    "missed 2 days of work", "conflict with her partner", "withdrawn from friends",
    "falling behind in classes", "difficulty completing household tasks",
]
_INTERVENTIONS = [
    "Therapist used cognitive restructuring to challenge all-or-nothing thinking",
    "Practiced diaphragmatic breathing and 5-4-3-2-1 grounding in session",
    "Reviewed the thought record and used Socratic questioning",
    "Introduced behavioral activation with an activity schedule",
    "Completed a chain analysis of the weekend episode using DBT skills",
    "Provided psychoeducation on the cognitive model",
    "Used MI to explore ambivalence and elicit change talk",
    "Conducted in vivo exposure with the SUDS hierarchy",
    "Discussed the week and provided support",
]
_RESPONSE = [
    "Client was able to identify two cognitive distortions.",
    "SUDS decreased from 7 to 3 by the end of the exposure.",
    "Client was receptive and practiced the skill twice.",
    "Client struggled to generate alternative thoughts but engaged throughout.",
    "PHQ-9 dropped from 17 to 12 since intake.",
]
_RISK = [
    "Client denies SI/HI, plan or intent.", "Risk assessment completed; C-SSRS screen negative.",
    "Reports passive death wish without plan; safety plan reviewed and 988 provided.",
    "No safety concerns today.",
]
_PLAN = [
    "Plan: next session in 1 week; homework: complete daily thought records.",
    "Will try behavioral activation next week and follow up on sleep hygiene.",
    "Continue weekly individual therapy; coordinate with PCP regarding medication.",
    "Goal 1 (reduce anxiety): progressing, panic attacks down from 4 to 1 per week.",
]


def synthetic_note(rng: random.Random) -> str:
    """One fictional progress note in SOAP shape, 1-3 KB."""
    def fill(template: str) -> str:
        return template.format(symptom=rng.choice(_SYMPTOMS), frequency=rng.choice(_FREQUENCY),
                               impairment=rng.choice(_IMPAIRMENT))

    subjective = " ".join(f"{rng.choice(_OPENERS)} {fill(rng.choice(_SUBJECTIVE))}."
                          for _ in range(rng.randint(3, 7)))
    objective = "Client appeared anxious, affect congruent, speech normal rate. " + rng.choice(_RISK)
    assessment = " ".join(rng.sample(_INTERVENTIONS, rng.randint(2, 4))) + ". " + " ".join(
        rng.sample(_RESPONSE, rng.randint(1, 3)))
    plan = " ".join(rng.sample(_PLAN, rng.randint(1, 3)))
    start = rng.randint(8, 16)
    return (
        f"Progress Note\nDate of Service: 03/{rng.randint(1, 28):02d}/2025\n"
        f"Time: {start}:00-{start}:53\nCPT: 90834\nDiagnosis: F41.1 Generalized anxiety disorder\n\n"
        f"Subjective:\n{subjective}\n\nObjective:\n{objective}\n\n"
        f"Assessment:\n{assessment}\n\nPlan:\n{plan}\n\n"
        f"Electronically signed by Jane Doe, LCSW on 03/29/2025\n"
    )


def _best_of(repeat: int, run) -> tuple[float, int]:
    """Best CPU time of `repeat` runs (CPU time, so other processes on the machine matter less),
    each from an empty per-text cache."""
    best, result = float("inf"), 0
    for _ in range(repeat):
        analyze.cache_clear()
        started = time.process_time()
        result = run()
        best = min(best, time.process_time() - started)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    # Distinct strings, so the per-text cache cannot serve one note for another.
    corpus = [synthetic_note(rng) + f"Note {index}\n" for index in range(args.notes)]
    started = time.process_time()
    lexicons = [load_lexicon(name) for name in lexicon_names()]
    load_seconds = time.process_time() - started

    def every_lexicon() -> int:
        return sum(len(lexicon.find(text)) for text in corpus for lexicon in lexicons)

    cold_seconds, matches = _best_of(args.repeat, every_lexicon)

    # Warm: the rules engine asking again for a note it has just matched, served from the
    # per-text cache. Only the second round of calls is timed.
    analyze.cache_clear()
    warm_seconds = 0.0
    for text in corpus:
        for lexicon in lexicons:
            lexicon.find(text)
        started = time.process_time()
        for lexicon in lexicons:
            lexicon.find(text)
        warm_seconds += time.process_time() - started
    warm_seconds = max(warm_seconds, 1e-9)

    def shared_only() -> int:
        for text in corpus:
            analysis = analyze(text)
            analysis.positions  # noqa: B018 - the anchor pass
            analysis.sentences()
            analysis.occurrences()
        return 0

    shared_seconds, _ = _best_of(args.repeat, shared_only)

    count = len(corpus)
    size = sum(len(text) for text in corpus) / count
    print(f"corpus: {count} synthetic notes, mean {size:.0f} characters; "
          f"{len(lexicons)} lexicons compiled in {load_seconds * 1000:.0f} ms (CPU)")
    print(f"cold:  {count / cold_seconds:8.0f} notes/s  {matches / cold_seconds:9.0f} matches/s"
          f"  ({cold_seconds / count * 1e6:.0f} us/note, {matches / count:.1f} matches/note)")
    print(f"warm:  {count / warm_seconds:8.0f} notes/s  (every lexicon again, from the per-text cache)")
    print(f"shared per-note work (anchor pass, sentences, ConText triggers): "
          f"{shared_seconds / count * 1e6:.0f} us/note")
    print("per lexicon, on top of the shared work:")
    for lexicon in lexicons:
        def shared_then_lexicon(lexicon=lexicon) -> int:
            found = 0
            for text in corpus:
                analysis = analyze(text)
                analysis.positions  # noqa: B018
                analysis.sentences()
                analysis.occurrences()
                found += len(lexicon.find(text))
            return found

        total, found = _best_of(args.repeat, shared_then_lexicon)
        print(f"  {lexicon.name:16s} {max(total - shared_seconds, 0) / count * 1e6:7.1f} us/note"
              f"  {found / count:5.1f} matches/note")


if __name__ == "__main__":
    main()

"""Progress (or its absence) toward the treatment goals, made specific (criteria.md 1C
`progress_toward_goals`): a goal named or a measure given. "Making progress" alone is not
enough (Headway [S]); "no progress this month on Goal 2" is a valid progress statement."""

from __future__ import annotations

from pydantic import Field

from auditready.rules.evidence import named, searched_terms, sentences
from auditready.rules.lexicon_params import Categories
from auditready.rules.patterns import PatternList, compiled
from auditready.rules.registry import CheckParams, note_check
from auditready.rules.result import failed, passed

LEXICON = "goals"


class Params(CheckParams):
    # Statements of change toward a goal (improved, unchanged, regressed, measured change).
    progress_categories: Categories(LEXICON)
    # References to a plan goal or objective.
    goal_categories: Categories(LEXICON)
    # Changes stated with numbers or against a baseline.
    measure_categories: Categories(LEXICON)
    # Further measures that make a progress sentence specific (standardized scores).
    measure_patterns: PatternList = []
    # Section headings that hold progress ("Treatment Plan Progress:", "Progress toward goals"),
    # matched at the start of a sentence; a section with at least `min_section_words` words is
    # a progress statement.
    section_headings: PatternList = []
    min_section_words: int = Field(default=4, ge=1)
    # Whether a sentence that names a goal and gives a measure ("Goal 1: skill use 5 of 7
    # days", "Goal 2: mood 7/10") is itself a progress statement: it says where the client
    # stands on that goal, which is what a reviewer looks for.
    goal_measure_is_progress: bool = False


@note_check("progress_toward_goals", Params)
def check(note, classification, params: Params, ctx):
    """Progress toward the goals is stated against a named goal or a measure."""
    # A statement that there was NO progress is still a progress statement; a hoped-for one is not.
    progress = [m for m in ctx.in_categories(LEXICON, params.progress_categories)
                if not m.hypothetical and not m.other_experiencer]
    sections = ctx.section_contents(compiled(tuple(params.section_headings)), params.min_section_words)
    searched = searched_terms(ctx.run.lexicon(LEXICON), params.progress_categories,
                              "statements of progress or a progress section, with a named goal or a measure")
    # "No progress toward Goal 2" names Goal 2: the negation belongs to the progress, not the goal.
    goals = [m for m in ctx.in_categories(LEXICON, params.goal_categories) if not m.other_experiencer]
    measured = [m.sentence for m in ctx.in_categories(LEXICON, params.measure_categories)]
    pattern = compiled(tuple(params.measure_patterns))
    if not progress and not sections:
        measured_goals = _goals_with_measure(goals, measured, pattern) if params.goal_measure_is_progress else []
        if measured_goals:
            return passed(f"Where the client stands on {named(measured_goals, 2)}, with a measure.",
                          sentences(measured_goals, 2))
        return failed("No statement of progress (or lack of it) toward the goals.", searched)
    if pattern is not None:
        measured += [m.sentence for m in progress if pattern.search(m.sentence.text)]
    stated = f"Progress stated ({named(progress, 2)})" if progress else "A progress section"
    if goals or measured:
        anchor = f"against {named(goals, 2)}" if goals else "with a measure"
        evidence = sentences(progress, 1) + sections[:1] + (sentences(goals, 1) if goals else measured[:1])
        return passed(f"{stated} {anchor}.", evidence)
    return failed(f"{stated} without naming a goal or a measure.", searched, sentences(progress) + sections[:1])


def _goals_with_measure(goals, measured_sentences, pattern) -> list:
    """Goal references (not hoped-for ones) whose sentence also gives a measure."""
    measured = {(span.start, span.end) for span in measured_sentences}
    return [
        goal for goal in goals
        if not goal.hypothetical and (
            (goal.sentence.start, goal.sentence.end) in measured
            or (pattern is not None and pattern.search(goal.sentence.text))
        )
    ]

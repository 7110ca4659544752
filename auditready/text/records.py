"""Fast constructors for the frozen slots dataclasses that the matching hot loops build by the
dozen per note (Span, lexicon.Match).

A frozen dataclass's generated __init__ goes through object.__setattr__ once per field, about 4x
slower than setting the slots directly; at ~40 matches and ~25 sentences a note that is a
measurable share of scoring time (benchmarks/scoring.py). The objects built are the same.
"""

from __future__ import annotations

import dataclasses

from auditready.models import Span


def fast_constructor(cls):
    """make(*field values) -> an instance of frozen slots dataclass `cls`, fields in order."""
    setters = [cls.__dict__[f.name].__set__ for f in dataclasses.fields(cls)]
    names = [f"s{i}" for i in range(len(setters))]
    arguments = [f"a{i}" for i in range(len(setters))]
    body = "; ".join(f"{n}(o, {a})" for n, a in zip(names, arguments, strict=True))
    source = f"def make({', '.join(arguments)}):\n    o = new(cls); {body}; return o\n"
    namespace = {"new": object.__new__, "cls": cls, **dict(zip(names, setters, strict=True))}
    exec(source, namespace)  # noqa: S102 - code built above from field positions only
    return namespace["make"]


new_span = fast_constructor(Span)  # new_span(start, end, text)

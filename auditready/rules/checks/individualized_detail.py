"""Specific observations or the client's own words, not generic text (criteria.md 1C
`not_cloned` and `not_checkbox_only` detection signals; CMS: "changing only the date is not
enough"). Strong detail is a quote of the client or a number (scores, frequencies, hours);
otherwise enough distinct clinical specifics (symptoms, functioning, techniques, responses). A
note made mostly of stock phrases ("tolerated session well", "continue current plan") fails."""

from __future__ import annotations

from pydantic import Field, field_validator

from auditready.models import Span
from auditready.rules.evidence import named, sentences
from auditready.rules.lexicon_params import Categories
from auditready.rules.patterns import PatternList, compiled
from auditready.rules.registry import CheckParams, note_check
from auditready.rules.result import failed, passed


class Params(CheckParams):
    # The client's own words and measured specifics: quotes, scores, frequencies, durations.
    specific_patterns: PatternList
    # Lexicons whose distinct affirmed terms count as clinical specifics.
    detail_lexicons: list[str]
    # Distinct specifics needed when the note has no quote or number.
    min_detail_terms: int = Field(ge=1)
    vague_categories: Categories("vague") = None
    # Largest share of stock phrases among everything specific or stock in the note.
    max_vague_share: float = Field(gt=0, le=1)

    @field_validator("detail_lexicons")
    @classmethod
    def _known_lexicons(cls, value: list[str]) -> list[str]:
        from auditready.text.lexicon import lexicon_names

        known = lexicon_names()
        for name in value:
            if name not in known:
                raise ValueError(f"{name!r} is not a lexicon (known: {', '.join(known)})")
        return value


def _outside_fields(ctx, spans: list[Span]) -> list[Span]:
    """Pattern hits that are not header data (a date of birth, a session time)."""
    taken = [(f.span.start, f.span.end) for f in ctx.note.fields.values() if f.span is not None]
    return [s for s in spans if not any(start < s.end and s.start < end for start, end in taken)]


@note_check("individualized_detail", Params)
def check(note, classification, params: Params, ctx):
    """The note holds details specific to this client and session."""
    pattern = compiled(tuple(params.specific_patterns))
    hits = [Span(m.start(), m.end(), m.group()) for m in pattern.finditer(note.text)] if pattern else []
    strong = _outside_fields(ctx, hits)
    details = [m for lexicon in params.detail_lexicons for m in ctx.affirmed(lexicon)]
    distinct_terms = len({(m.category, m.term) for m in details})
    vague = [m for m in ctx.in_categories("vague", params.vague_categories) if not m.negated]
    specifics = len(strong) + distinct_terms
    share = len(vague) / (len(vague) + specifics) if (vague or specifics) else 1.0
    searched = ("quotes of the client, numbers (scores, frequencies, hours), and distinct clinical "
                f"specifics (at least {params.min_detail_terms}); stock phrases counted against them")
    enough = bool(strong) or distinct_terms >= params.min_detail_terms
    if enough and share <= params.max_vague_share:
        quoted = [ctx.sentence_at(span.start) or span for span in strong[:2]]
        what = f"{len(strong)} quote(s)/number(s), " if strong else ""
        return passed(f"Individual detail: {what}{distinct_terms} distinct clinical specifics.",
                      quoted + sentences(details, 2 if not strong else 1))
    if vague and share > params.max_vague_share:
        return failed(f"Mostly stock phrases ({named(vague)}): {len(vague)} of "
                      f"{len(vague) + specifics} statements are generic.", searched, sentences(vague))
    return failed(f"Too little detail specific to this client: no quote or number and "
                  f"{distinct_terms} distinct clinical specifics.", searched, sentences(vague))

"""Specific observations or the client's own words, not generic text (criteria.md 1C
`not_cloned` and `not_checkbox_only` detection signals; CMS: "changing only the date is not
enough"). Strong detail is a quote of the client or a measurement (scores, frequencies, hours of
sleep, changes from baseline); otherwise enough distinct clinical specifics (symptoms,
functioning, techniques, responses). A note made mostly of stock phrases ("tolerated session
well", "continue current plan") fails."""

from __future__ import annotations

from pydantic import Field, model_validator

from auditready.models import Span
from auditready.rules.evidence import named, sentences
from auditready.rules.lexicon_params import Categories
from auditready.rules.patterns import PatternList, compiled
from auditready.rules.registry import CheckParams, note_check
from auditready.rules.result import failed, passed


class Params(CheckParams):
    # The client's own words in quotes.
    quote_patterns: PatternList
    # Lexicon terms that are measurements (lexicon -> terms), e.g. symptoms: [rating scale score].
    measure_terms: dict[str, list[str]]
    # Lexicons (and their categories, null: all) whose distinct affirmed terms count as clinical
    # specifics.
    detail_lexicons: dict[str, list[str] | None]
    # Distinct specifics needed when the note has no quote or measurement.
    min_detail_terms: int = Field(ge=1)
    vague_categories: Categories("vague") = None
    # Largest share of stock phrases among everything specific or stock in the note.
    max_vague_share: float = Field(gt=0, le=1)

    @model_validator(mode="after")
    def _known_lexicons_and_terms(self) -> Params:
        from auditready.text.lexicon import lexicon_names, load_lexicon

        known = lexicon_names()
        for name in [*self.detail_lexicons, *self.measure_terms]:
            if name not in known:
                raise ValueError(f"{name!r} is not a lexicon (known: {', '.join(known)})")
        for name, categories in self.detail_lexicons.items():
            unknown = set(categories or ()) - set(load_lexicon(name).categories)
            if unknown:
                raise ValueError(f"{sorted(unknown)[0]!r} is not a category of lexicon {name!r}")
        for name, terms in self.measure_terms.items():
            missing = set(terms) - set(load_lexicon(name).terms())
            if missing:
                raise ValueError(f"{sorted(missing)[0]!r} is not a term of lexicon {name!r}")
        return self


@note_check("individualized_detail", Params)
def check(note, classification, params: Params, ctx):
    """The note holds details specific to this client and session."""
    quotes = _quotes(ctx, compiled(tuple(params.quote_patterns)))
    measures = [m for name, terms in params.measure_terms.items()
                for m in ctx.matches(name) if m.term in terms and not m.other_experiencer]
    strong = len(quotes) + len(measures)
    details = [m for lexicon, categories in params.detail_lexicons.items()
               for m in ctx.affirmed(lexicon, categories)]
    distinct_terms = len({(m.category, m.term) for m in details})
    vague = [m for m in ctx.in_categories("vague", params.vague_categories) if not m.negated]
    specifics = strong + distinct_terms
    share = len(vague) / (len(vague) + specifics) if (vague or specifics) else 1.0
    searched = ("quotes of the client, measurements (scores, frequencies, hours, change from "
                f"baseline), and distinct clinical specifics (at least {params.min_detail_terms}); "
                "stock phrases counted against them")
    enough = strong > 0 or distinct_terms >= params.min_detail_terms
    if enough and share <= params.max_vague_share:
        strong_evidence = [ctx.sentence_at(s.start) or s for s in quotes[:1]] + sentences(measures, 1)
        what = f"{len(quotes)} quote(s), {len(measures)} measurement(s), " if strong else ""
        return passed(f"Individual detail: {what}{distinct_terms} distinct clinical specifics.",
                      strong_evidence + sentences(details, 1 if strong else 2))
    if vague and share > params.max_vague_share:
        return failed(f"Mostly stock phrases ({named(vague)}): {len(vague)} of "
                      f"{len(vague) + specifics} statements are generic.", searched, sentences(vague))
    return failed(f"Too little detail specific to this client: no quote or measurement and "
                  f"{distinct_terms} distinct clinical specifics.", searched, sentences(vague))


def _quotes(ctx, pattern) -> list[Span]:
    """Quoted passages outside header fields. Most notes hold no quote mark at all, so the
    pattern runs only when one is present."""
    text = ctx.text
    if pattern is None or ('"' not in text and "\u201c" not in text):
        return []
    return [Span(m.start(), m.end(), m.group()) for m in pattern.finditer(text)
            if not ctx.in_header(m.start(), m.end())]

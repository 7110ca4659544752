"""A psychotherapy (process) note holds none of the items HIPAA excludes from psychotherapy
notes (criteria.md §3 item 2): medication, session start/stop times, modalities and frequency,
test results, and summaries of diagnosis, functional status, plan, symptoms, prognosis and
progress. Those belong in the progress note; mixed into a process note they are not protected
(CR 3457) and suggest the two records are not kept apart."""

from __future__ import annotations

from auditready.rules.evidence import searched_terms, sentences
from auditready.rules.lexicon_params import Categories
from auditready.rules.registry import CheckParams, note_check
from auditready.rules.result import failed, passed


class Params(CheckParams):
    item_categories: Categories("excluded_items") = None
    # Extracted fields that are excluded items themselves (field name -> what it is).
    excluded_fields: dict[str, str] = {}


@note_check("psychotherapy_note_separate", Params)
def check(note, classification, params: Params, ctx):
    """A psychotherapy note contains none of the HIPAA-excluded items."""
    # The whole text is searched, header lines included: session times, a diagnosis line or a
    # medication list at the top of a process note are exactly the items it must not hold
    # (other checks skip header fields because there they say nothing about the session).
    lexicon = ctx.run.lexicon("excluded_items")
    wanted = None if params.item_categories is None else set(params.item_categories)
    items = [m for m in lexicon.find(note.text)
             if not m.negated and (wanted is None or m.category in wanted)]
    present = [name for name in params.excluded_fields if note.value(name) is not None]
    searched = searched_terms(lexicon, params.item_categories, "items HIPAA excludes from psychotherapy notes")
    if items or present:
        found = list(dict.fromkeys(params.excluded_fields[name] for name in present))
        if items:
            found.append("in the text: " + ", ".join(dict.fromkeys(m.term for m in items)))
        return failed("This psychotherapy note holds items that belong in the progress note: "
                      + "; ".join(found) + ".", searched, ctx.field_evidence(*present) + sentences(items))
    return passed("No HIPAA-excluded items in this psychotherapy note.", searched=searched)

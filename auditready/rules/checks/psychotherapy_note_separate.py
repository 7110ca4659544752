"""A psychotherapy (process) note holds none of the items HIPAA excludes from psychotherapy
notes (criteria.md §3 item 2): medication, session start/stop times, modalities and frequency,
test results, and summaries of diagnosis, functional status, plan, symptoms, prognosis and
progress. Those belong in the progress note; mixed into a process note they are not protected
(CR 3457) and suggest the two records are not kept apart."""

from __future__ import annotations

from auditready.rules.evidence import named, searched_terms, sentences
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
    items = [m for m in ctx.in_categories("excluded_items", params.item_categories) if not m.negated]
    present = [name for name in params.excluded_fields if note.value(name) is not None]
    searched = searched_terms(ctx.run.lexicon("excluded_items"), params.item_categories,
                              "items HIPAA excludes from psychotherapy notes")
    if items or present:
        found = [params.excluded_fields[name] for name in present]
        if items:
            found.append(named(items, 3))
        return failed("This psychotherapy note holds items that belong in the progress note: "
                      + "; ".join(found) + ".", searched, ctx.field_evidence(*present) + sentences(items))
    return passed("No HIPAA-excluded items in this psychotherapy note.", searched=searched)

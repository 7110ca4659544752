"""A diagnosis (ICD-10 code or DSM name) is in the note (criteria.md 1C `diagnosis_supported`)."""

from __future__ import annotations

from auditready.rules.patterns import PatternList, compiled
from auditready.rules.registry import CheckParams, note_check
from auditready.rules.result import failed, passed


class Params(CheckParams):
    # Diagnosis names that count when no ICD-10 code was extracted ("Major depressive disorder").
    name_patterns: PatternList = []
    described: str = "ICD-10 codes (F32.1, Z63.0) and DSM diagnosis names"


@note_check("diagnosis", Params)
def check(note, classification, params: Params, ctx):
    """An ICD-10 code or a named DSM diagnosis is documented."""
    codes = note.value("diagnoses") or []
    if codes:
        return passed(f"Diagnosis {', '.join(str(code) for code in codes)}.", ctx.field_evidence("diagnoses"))
    named = ctx.search(compiled(tuple(params.name_patterns)), limit=1)
    if named:
        return passed("A diagnosis is named (no ICD-10 code).", named)
    return failed("No diagnosis in the note.", params.described)

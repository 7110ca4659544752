"""Rule packs and the engine that judges one note against a pack.

    pack = load_pack("optum")                         # or a path to a custom pack file
    findings = evaluate_note(note, classification, pack, RuleContext())
    score, verdict = score_and_verdict(findings, pack)

Packs are YAML data (scoring_models/*.yaml) over small Python checks (rules/checks/); see
docs/rules.md, generated from the packs by `python -m auditready.rules.docs`.
"""

from auditready.rules.context import RuleContext
from auditready.rules.cpt import supported_code
from auditready.rules.engine import evaluate_note, score_and_verdict
from auditready.rules.pack import Pack, PackError, Rule, builtin_pack_names, load_pack

__all__ = [
    "Pack",
    "PackError",
    "Rule",
    "RuleContext",
    "builtin_pack_names",
    "evaluate_note",
    "load_pack",
    "score_and_verdict",
    "supported_code",
]

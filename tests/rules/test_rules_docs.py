"""docs/rules.md is generated from the packs; the committed file must equal the generator's
output (regenerate with `python -m auditready.rules.docs docs/rules.md`)."""

from __future__ import annotations

from rules_helpers import REPO_ROOT

from auditready.rules import load_pack
from auditready.rules.docs import main, render


def test_committed_rules_doc_is_current() -> None:
    committed = (REPO_ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == render(), "docs/rules.md is stale: run `python -m auditready.rules.docs docs/rules.md`"


def test_doc_covers_every_rule_and_source() -> None:
    text = render()
    for name in ("common", "optum", "medicare", "medi-cal"):
        pack = load_pack(name)
        assert f"## Pack `{name}`" in text
        for rule in pack.rules:
            assert f"| {rule.id} |" in text
            for url in rule.citation:
                assert f"<{url}>" in text


def test_main_writes_the_file(tmp_path) -> None:
    out = tmp_path / "rules.md"
    assert main([str(out)]) == 0
    assert out.read_text(encoding="utf-8") == render()

"""Pack loading: every shipped pack validates; mistakes in a pack are errors that name the file
and the line; packs extend, override and disable rules; every citation comes from the domain
docs."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from rules_helpers import DOMAIN_DOCS

from auditready.rules import PackError, builtin_pack_names, load_pack
from auditready.rules.criteria import CORE_CRITERIA
from auditready.rules.registry import registered_checks

SHIPPED = ("common", "optum", "medicare", "medi-cal")

BASE = """\
id: tiny
name: Tiny test pack
version: 1
description: A pack for loader tests.
parameters:
  severity_weights: {fatal: 4, recode: 3, risk: 2, quality: 1, privacy: 1}
  score_pass_mark: 80
  cpt_time_bands:
    "90832": {family: individual, min: 16, max: 37}
    "90834": {family: individual, min: 38, max: 52}
    "90837": {family: individual, min: 53}
rules:
  - id: DOS001
    criterion: date_of_service
    check: date_of_service
    severity: fatal
    citation: https://www.cgsmedicare.com/partb/pubs/news/2021/10/cope23744.html
    what: Dated.
    why: Claims need dates.
    fix: Date it.
  - id: TIM002
    criterion: time_supports_code
    check: time_supports_code
    params:
      no_code_severity: fatal
      clock_mismatch_tolerance: 2
    severity: recode
    citation: https://www.novitas-solutions.com/webcenter/portal/MedicareJL/pagebyid?contentId=00026768
    what: Minutes support the code.
    why: Midpoint rule.
    fix: Bill what the minutes support.
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error_of(path: Path) -> PackError:
    with pytest.raises(PackError) as caught:
        load_pack(path)
    return caught.value


def line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the pack text")


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_packs_validate(name: str) -> None:
    pack = load_pack(name)
    assert pack.id == name
    assert pack.rules
    assert set(CORE_CRITERIA) <= {rule.criterion for rule in pack.rules}
    for rule in pack.rules:
        assert rule.citation and rule.what and rule.why and rule.fix
        assert registered_checks()[rule.check].scope == rule.scope


def test_builtin_pack_names_lists_only_packs() -> None:
    names = builtin_pack_names()
    assert set(SHIPPED) <= set(names)
    assert "columns" not in names


def test_every_citation_comes_from_the_domain_docs() -> None:
    docs = "".join((DOMAIN_DOCS / name).read_text(encoding="utf-8") for name in ("criteria.md", "money.md"))
    for name in SHIPPED:
        for rule in load_pack(name).rules:
            for url in rule.citation:
                assert url in docs, f"{name} {rule.id}: {url} is not cited in criteria.md or money.md"


def test_payer_packs_change_what_their_payer_does_differently() -> None:
    common, optum, medicare, medi_cal = (load_pack(name) for name in SHIPPED)
    assert common.rule("TIM001").params.require_clock_times is False
    assert optum.rule("TIM001").params.require_clock_times is True
    assert optum.rule("TIM001").params.clock_times_missing_severity == "risk"
    assert optum.rule("TIM003").codes == ("90837", "90838")
    assert optum.parameters["score_pass_mark"] == 85
    assert optum.parameters["cpt_time_bands"] == common.parameters["cpt_time_bands"]
    assert common.rule("TXP001").severity == "quality"
    assert medicare.rule("TXP001").severity == "fatal"
    assert medi_cal.rule("SIG002").params.business_days is True
    assert medi_cal.rule("SIG002").params.max_days == 3
    assert medi_cal.rule("SIG002").params.crisis_max_days == 1
    assert medi_cal.rule("PLN001").severity == "risk"
    assert medi_cal.rule("TEL001").params.require_consent is True
    # an override keeps what it does not mention
    assert medi_cal.rule("TEL001").params.require_location is True
    assert medi_cal.rule("TEL001").what != common.rule("TEL001").what
    assert medi_cal.rule("TEL001").fix == common.rule("TEL001").fix


def test_pack_api(tmp_path: Path) -> None:
    pack = load_pack(write(tmp_path, "tiny.yaml", BASE))
    assert (pack.id, pack.version, pack.name) == ("tiny", "1", "Tiny test pack")
    assert [r.id for r in pack.rules] == ["DOS001", "TIM002"]
    assert pack.rule("tim002").criterion == "time_supports_code"
    assert pack.rules_for("date_of_service")[0].id == "DOS001"
    assert pack.rules_for("diagnosis") == []
    assert pack.rule("TIM002").params.clock_mismatch_tolerance == 2
    assert pack.rule("DOS001").applies_to == ("progress",)
    assert pack.rule("DOS001").scope == "note"
    assert pack.rule("TIM002").source.endswith(f"line {line_of(BASE, 'id: TIM002')}")
    with pytest.raises(KeyError):
        pack.rule("XYZ001")


def test_unknown_top_level_key(tmp_path: Path) -> None:
    text = BASE.replace("description: A pack", "descripton: oops\ndescription: A pack")
    error = error_of(write(tmp_path, "bad.yaml", text))
    assert error.path.endswith("bad.yaml") and error.line == line_of(text, "descripton")
    assert "unknown key 'descripton'" in str(error)
    assert f"bad.yaml, line {error.line}" in str(error)


def test_unknown_key_in_a_rule(tmp_path: Path) -> None:
    text = BASE.replace("    severity: recode\n", "    severity: recode\n    severty: fatal\n")
    error = error_of(write(tmp_path, "bad.yaml", text))
    assert error.line == line_of(text, "severty")
    assert "rule TIM002" in error.reason and "severty" in error.reason


def test_unknown_check(tmp_path: Path) -> None:
    text = BASE.replace("check: date_of_service", "check: date_of_servise")
    error = error_of(write(tmp_path, "bad.yaml", text))
    assert error.line == line_of(text, "date_of_servise")
    assert "unknown check 'date_of_servise'" in error.reason


def test_bad_params(tmp_path: Path) -> None:
    text = BASE.replace("clock_mismatch_tolerance: 2", "clock_mismatch_tolerance: -5")
    error = error_of(write(tmp_path, "bad.yaml", text))
    assert error.line == line_of(text, "clock_mismatch_tolerance")
    assert "clock_mismatch_tolerance" in error.reason and "TIM002" in error.reason


def test_unknown_param(tmp_path: Path) -> None:
    text = BASE.replace("clock_mismatch_tolerance: 2", "clock_mismatch_tolerance: 2\n      treshold: 3")
    error = error_of(write(tmp_path, "bad.yaml", text))
    assert error.line == line_of(text, "treshold")
    assert "unknown key 'treshold'" in error.reason


def test_bad_severity(tmp_path: Path) -> None:
    text = BASE.replace("severity: recode", "severity: deadly")
    error = error_of(write(tmp_path, "bad.yaml", text))
    assert error.line == line_of(text, "deadly")


def test_unknown_lexicon_category_in_params(tmp_path: Path) -> None:
    text = BASE + textwrap.indent(textwrap.dedent("""\
        - id: RSK001
          criterion: risk_assessment
          check: risk_assessment
          params:
            indicator_categories: [suicidal_ideation, suicidal_idetion]
            assessment_categories: [safety_plan]
            screening_categories: [suicidal_ideation]
          severity: quality
          citation: https://therapistsupport.rula.com/hc/en-us/articles/32923260947995
          what: Risk.
          why: Liability.
          fix: Assess.
    """), "  ")
    error = error_of(write(tmp_path, "bad.yaml", text))
    assert error.line == line_of(text, "suicidal_idetion")
    assert "suicidal_idetion" in error.reason


def test_unknown_criterion_must_be_declared(tmp_path: Path) -> None:
    text = BASE.replace("criterion: date_of_service", "criterion: date_of_servic")
    error = error_of(write(tmp_path, "bad.yaml", text))
    assert error.line == line_of(text, "id: DOS001")
    assert "unknown criterion 'date_of_servic'" in error.reason
    declared = text + "criteria:\n  date_of_servic: a new criterion\n"
    assert load_pack(write(tmp_path, "ok.yaml", declared)).rule("DOS001").criterion == "date_of_servic"


def test_missing_required_fields_of_a_new_rule(tmp_path: Path) -> None:
    text = BASE.replace("    fix: Date it.\n", "")
    error = error_of(write(tmp_path, "bad.yaml", text))
    assert error.line == line_of(text, "id: DOS001")
    assert "needs fix" in error.reason


def test_repeated_key_is_an_error(tmp_path: Path) -> None:
    text = BASE.replace("    severity: fatal\n", "    severity: fatal\n    severity: risk\n")
    error = error_of(write(tmp_path, "bad.yaml", text))
    assert error.line == line_of(text, "severity: risk")
    assert "twice" in error.reason


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    text = BASE.replace("    what: Dated.", "    what: [unclosed")
    error = error_of(write(tmp_path, "bad.yaml", text))
    assert error.path.endswith("bad.yaml") and error.line is not None


def test_bad_rule_id_and_citation(tmp_path: Path) -> None:
    text = BASE.replace("id: DOS001", "id: dos-1")
    assert "rule ids" in error_of(write(tmp_path, "a.yaml", text)).reason
    text = BASE.replace("citation: https://www.cgsmedicare.com/partb/pubs/news/2021/10/cope23744.html",
                        "citation: CGS TPE list")
    error = error_of(write(tmp_path, "b.yaml", text))
    assert error.line == line_of(text, "CGS TPE list") and "not a URL" in error.reason


def test_parameters_are_validated(tmp_path: Path) -> None:
    text = BASE.replace("recode: 3, ", "")
    error = error_of(write(tmp_path, "bad.yaml", text))
    assert error.line == line_of(text, "severity_weights") and "recode" in error.reason
    text = BASE.replace("score_pass_mark: 80", "score_pass_mark: 80\n  pass_mark: 85")
    error = error_of(write(tmp_path, "bad2.yaml", text))
    assert error.line == line_of(text, "  pass_mark") and "pass_mark" in error.reason


def test_two_single_note_rules_for_one_criterion(tmp_path: Path) -> None:
    text = BASE + textwrap.indent(textwrap.dedent("""\
        - id: DOS002
          criterion: date_of_service
          check: date_of_service
          severity: fatal
          citation: https://www.cgsmedicare.com/partb/pubs/news/2021/10/cope23744.html
          what: Dated again.
          why: Twice.
          fix: Date it.
    """), "  ")
    error = error_of(write(tmp_path, "bad.yaml", text))
    assert error.line == line_of(text, "id: DOS002") and "one single-note rule per criterion" in error.reason


def test_extends_overrides_and_disables(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", BASE)
    child = """\
    id: child
    name: Child
    version: "2"
    description: Child pack.
    extends: base.yaml
    parameters:
      score_pass_mark: 85
      cpt_time_bands:
        "90839": {family: crisis, min: 30, fallback_family: individual}
    rules:
      - id: TIM002
        params:
          clock_mismatch_tolerance: 5
        severity: fatal
      - id: DOS001
        disabled: true
      - id: TIM001
        criterion: time_documented
        check: time_documented
        params: {require_clock_times: true}
        severity: fatal
        citation: https://www.novitas-solutions.com/webcenter/portal/MedicareJL/pagebyid?contentId=00026768
        what: Clock times.
        why: Payer rule.
        fix: Write them down.
    """
    pack = load_pack(write(tmp_path, "child.yaml", child))
    assert [r.id for r in pack.rules] == ["TIM002", "TIM001"]
    assert pack.disabled == ("DOS001",)
    tim002 = pack.rule("TIM002")
    assert tim002.params.clock_mismatch_tolerance == 5
    assert tim002.params.no_code_severity == "fatal"  # kept from the parent
    assert tim002.severity == "fatal" and tim002.what == "Minutes support the code."
    assert pack.parameters["score_pass_mark"] == 85
    assert set(pack.parameters["cpt_time_bands"]) == {"90832", "90834", "90837", "90839"}
    assert pack.parameters["severity_weights"]["fatal"] == 4


def test_override_errors(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", BASE)
    head = "id: child\nname: Child\nversion: 1\ndescription: x\nextends: base.yaml\nrules:\n"
    text = head + "  - id: TIM002\n    check: date_of_service\n"
    error = error_of(write(tmp_path, "c1.yaml", text))
    assert error.line == line_of(text, "check: date_of_service") and "keeps its check" in error.reason
    text = head + "  - id: TIM002\n    params: {clock_mismatch_tolerance: many}\n"
    error = error_of(write(tmp_path, "c2.yaml", text))
    assert error.path.endswith("c2.yaml") and error.line == line_of(text, "many")
    text = head + "  - id: XYZ001\n    disabled: true\n"
    assert "no parent pack defines it" in error_of(write(tmp_path, "c3.yaml", text)).reason
    text = head.replace("base.yaml", "nowhere.yaml") + "  - id: TIM002\n    severity: risk\n"
    error = error_of(write(tmp_path, "c4.yaml", text))
    assert error.line == line_of(text, "extends") and "nowhere.yaml" in error.reason


def test_circular_extends(tmp_path: Path) -> None:
    head = "name: Loop\nversion: 1\ndescription: x\nrules: []\n"
    write(tmp_path, "a.yaml", "id: a\nextends: b.yaml\n" + head)
    write(tmp_path, "b.yaml", "id: b\nextends: a.yaml\n" + head)
    assert "circle" in error_of(tmp_path / "a.yaml").reason


def test_extending_a_builtin_pack_by_name(tmp_path: Path) -> None:
    text = "id: practice\nname: Our practice\nversion: 1\ndescription: Optum plus our own limit.\nextends: optum\n" \
           "rules:\n  - id: SIG002\n    params: {max_days: 1}\n"
    pack = load_pack(write(tmp_path, "practice.yaml", text))
    assert pack.rule("SIG002").params.max_days == 1
    assert pack.rule("TIM003").criterion == "extended_session_rationale"


def test_unknown_pack_name() -> None:
    with pytest.raises(PackError) as caught:
        load_pack("aetna")
    assert "built-in packs are" in caught.value.reason
    assert re.search(r"common.*optum", caught.value.reason)

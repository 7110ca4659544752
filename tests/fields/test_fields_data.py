"""The field data files load strictly: a typo fails loudly instead of extracting nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from auditready.ingest.fieldpatterns import FieldDataError, build_patterns, field_patterns, normalize_label
from auditready.models import NOTE_TYPES
from auditready.resources import scoring_models

DATA = scoring_models() / "ingest"


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "ingest"
    shutil.copytree(DATA, folder)
    return folder


def _edit(folder: Path, name: str, change) -> None:
    path = folder / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data), encoding="utf-8")


def test_packaged_data_loads_and_is_consistent() -> None:
    p = field_patterns()
    assert set(p.title_types.values()) <= set(NOTE_TYPES)
    assert {"90832", "90834", "90837", "90791"} <= p.cpt_codes
    assert p.places["02"].telehealth and p.places["10"].telehealth and not p.places["11"].telehealth
    assert p.modifiers["95"].modality == "video" and p.modifiers["93"].modality == "audio"
    assert p.labels[normalize_label("Date of Service")].field == "date_of_service"
    assert p.credential("LCSW").level == "independent"
    assert p.credential("LMSW").level == "associate"


def test_a_copy_of_the_packaged_data_builds(data_copy: Path) -> None:
    assert build_patterns(data_copy).labels == field_patterns().labels


def test_unknown_label_field_is_rejected(data_copy: Path) -> None:
    _edit(data_copy, "labels.yaml", lambda d: d.update({"date_of_sevice": {"strong": ["DOS2"], "weak": []}}))
    with pytest.raises(FieldDataError, match="date_of_sevice"):
        build_patterns(data_copy)


def test_a_label_listed_for_two_fields_is_rejected(data_copy: Path) -> None:
    _edit(data_copy, "labels.yaml", lambda d: d["client"]["strong"].append("Date of Service"))
    with pytest.raises(FieldDataError, match="both"):
        build_patterns(data_copy)


def test_unknown_key_in_a_label_group_is_rejected(data_copy: Path) -> None:
    _edit(data_copy, "labels.yaml", lambda d: d["client"].update({"strng": ["Client Name"]}))
    with pytest.raises(FieldDataError, match="strng"):
        build_patterns(data_copy)


def test_unknown_credential_level_is_rejected(data_copy: Path) -> None:
    _edit(data_copy, "credentials.yaml", lambda d: d[0].update({"level": "licensed"}))
    with pytest.raises(FieldDataError, match="credentials.yaml"):
        build_patterns(data_copy)


def test_unknown_note_type_is_rejected(data_copy: Path) -> None:
    _edit(data_copy, "note_titles.yaml", lambda d: d.update({"progres": ["Session Summary"]}))
    with pytest.raises(FieldDataError, match="progres"):
        build_patterns(data_copy)


def test_malformed_code_is_rejected(data_copy: Path) -> None:
    _edit(data_copy, "codes.yaml", lambda d: d["cpt"].update({"9083": "too short"}))
    with pytest.raises(FieldDataError, match="9083"):
        build_patterns(data_copy)


def test_add_on_code_must_be_listed(data_copy: Path) -> None:
    _edit(data_copy, "codes.yaml", lambda d: d["add_on"].append("90999"))
    with pytest.raises(FieldDataError, match="90999"):
        build_patterns(data_copy)


def test_placeholder_pattern_must_compile(data_copy: Path) -> None:
    _edit(data_copy, "signature.yaml", lambda d: d["placeholders"].append("[unclosed"))
    with pytest.raises(FieldDataError, match="unclosed"):
        build_patterns(data_copy)


def test_missing_file_is_reported(data_copy: Path) -> None:
    (data_copy / "telehealth.yaml").unlink()
    with pytest.raises(FieldDataError, match="telehealth.yaml"):
        build_patterns(data_copy)


def test_new_title_in_data_changes_extraction(data_copy: Path) -> None:
    """Titles are data: adding one makes it a note title without touching code."""
    _edit(data_copy, "note_titles.yaml", lambda d: d["progress"].append("Session Summary"))
    patterns = build_patterns(data_copy)
    assert patterns.title_type("session summary") == "progress"
    assert patterns.title_re.match("SESSION SUMMARY") is not None

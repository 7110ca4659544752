"""The fast report writers that 100,000 notes need give what the slow, obvious ones give.

- audit.json's encoder: byte for byte json.dumps(to_jsonable(value), indent=2), NaN refused,
  on arbitrary nested values (dataclasses, dates, dicts, lists, tuples, text of any script);
- the streaming XLSX writer: a valid package openpyxl reads back with the same values and
  types, text that looks like a formula kept as text, characters XML refuses dropped.
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from auditready.models import Span, to_jsonable
from auditready.reports.json_report import _encode
from auditready.reports.xlsx_writer import DATE, MONEY, NUMBER, PERCENT, TEXT, Highlight, Workbook


@dataclass
class Inner:
    start: int
    text: str
    spans: list[Span] = field(default_factory=list)


@dataclass
class Outer:
    name: str
    when: date | None
    score: float | None
    inner: Inner | None
    extra: dict = field(default_factory=dict)


texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
                    st.floats(allow_nan=False, allow_infinity=False), texts,
                    st.dates(), st.datetimes())
spans = st.builds(Span, st.integers(0, 500), st.integers(0, 500), texts)
inners = st.builds(Inner, st.integers(0, 10**6), texts, st.lists(spans, max_size=3))
values = st.recursive(
    st.one_of(scalars, spans, inners),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.tuples(children, children),
        st.dictionaries(st.one_of(texts, st.integers(0, 99)), children, max_size=4),
        st.builds(Outer, texts, st.one_of(st.none(), st.dates()), st.one_of(st.none(), st.floats(-1e6, 1e6)),
                  st.one_of(st.none(), inners), st.dictionaries(texts, children, max_size=2)),
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(values, st.sampled_from(["\n", "\n  ", "\n    "]))
def test_json_encoder_matches_the_standard_library(value, newline):
    parts: list[str] = []
    _encode(value, newline, parts)
    expected = json.dumps(to_jsonable(value), ensure_ascii=False, indent=2, allow_nan=False)
    assert "".join(parts) == expected.replace("\n", newline)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_json_encoder_refuses_what_json_cannot_hold(bad):
    with pytest.raises(ValueError):
        _encode(Outer("x", None, bad, None), "\n", [])


def _write(rows, kinds, tmp_path):
    path = tmp_path / "t.xlsx"
    headers = [f"col{i}" for i in range(len(kinds))]
    with Workbook(path, [Highlight("fail", "F8C9C4", "8B1A10")]) as book:
        book.add_sheet("Sheet & <one>", headers, kinds, [12] * len(kinds), rows, highlighted_columns=[1])
        book.add_sheet("Second", ["only"], [TEXT], [10], [["x"]])
    return path


def test_xlsx_parts_are_well_formed_xml(tmp_path):
    path = _write([["fail", 1.5, "2025-03-04"]], [TEXT, MONEY, DATE], tmp_path)
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        assert {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/styles.xml",
                "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"} <= set(names)
        for name in names:
            etree.parse(io.BytesIO(package.read(name)))  # raises on malformed XML


def test_xlsx_values_and_types_read_back(tmp_path):
    rows = [
        ["=HYPERLINK(\"http://evil.example\")", 12.5, 0.25, "2025-03-04", 7, "fail"],
        ["+1+1", None, "n/a", date(2024, 1, 2), "", "pass"],
        ["bad\x00control\x0bchars\ufffe", 3, 1, datetime(2024, 5, 6, 10, 30), 2.0, "fail"],
        ["tab\tand\nnewline  ", "text in a money column", None, "not a date", None, None],
    ]
    kinds = [TEXT, MONEY, PERCENT, DATE, NUMBER, TEXT]
    path = _write(rows, kinds, tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book["Sheet & <one>"]
    assert book.sheetnames == ["Sheet & <one>", "Second"]
    assert [c.value for c in sheet[1]] == [f"col{i}" for i in range(6)] and sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:F5"
    first, second, third, fourth = (list(row) for row in sheet.iter_rows(min_row=2))
    assert first[0].value == rows[0][0] and first[0].data_type == "s"
    assert first[1].value == 12.5 and first[1].number_format == '"$"#,##0.00'
    assert first[2].value == 0.25 and first[2].number_format == "0.0%"
    assert first[3].is_date and first[3].value.date() == date(2025, 3, 4)
    assert first[4].value == 7
    assert second[0].value == "+1+1" and second[0].data_type == "s"
    assert second[1].value is None and second[2].value == "n/a" and second[4].value is None
    assert second[3].value.date() == date(2024, 1, 2)
    assert third[0].value == "badcontrolchars"
    assert third[3].value.date() == date(2024, 5, 6)
    assert fourth[0].value == "tab\tand\nnewline  "
    assert fourth[1].value == "text in a money column" and fourth[3].value == "not a date"
    rules = [(str(r.sqref), rule.formula) for r in sheet.conditional_formatting for rule in r.rules]
    assert rules == [("A2:A5", ['"fail"'])]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    book.close()


def test_xlsx_an_empty_table_still_has_its_header_and_filter(tmp_path):
    path = _write([], [TEXT, NUMBER, TEXT], tmp_path)
    sheet = openpyxl.load_workbook(path)["Sheet & <one>"]
    assert [c.value for c in sheet[1]] == ["col0", "col1", "col2"] and sheet.auto_filter.ref == "A1:C2"

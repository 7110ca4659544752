"""Fixtures for the bundled sample data: the committed folder, its manifest, a fresh
regeneration in a temporary folder, and text extraction per file format."""

from __future__ import annotations

import csv
import importlib.util
import io
import sys
from pathlib import Path
from types import SimpleNamespace

import docx
import openpyxl
import pypdfium2
import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DIR = REPO_ROOT / "sample_data"
GENERATED_FOLDERS = ("exports", "plans", "claims")


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE_DIR


@pytest.fixture(scope="session")
def manifest() -> dict:
    return yaml.safe_load((SAMPLE_DIR / "expected_situations.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def make_samples():
    """The generator module, imported from sample_data/ (it imports its sibling package)."""
    saved_path, saved_flag = list(sys.path), sys.dont_write_bytecode
    sys.path.insert(0, str(SAMPLE_DIR))
    try:
        spec = importlib.util.spec_from_file_location("make_samples", SAMPLE_DIR / "make_samples.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path[:] = saved_path
        sys.dont_write_bytecode = saved_flag


@pytest.fixture(scope="session")
def regenerated(make_samples, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("regenerated_samples")
    make_samples.build(out)
    return out


def generated_files(root: Path) -> list[str]:
    """Relative paths of every file the generator writes under `root`."""
    paths = [p for folder in GENERATED_FOLDERS for p in (root / folder).rglob("*") if p.is_file()]
    paths += [root / "README.md", root / "expected_situations.yaml"]
    return sorted(p.relative_to(root).as_posix() for p in paths)


def pdf_pages(path: Path) -> list[str]:
    document = pypdfium2.PdfDocument(str(path))
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range().replace("\r\n", "\n"))
            textpage.close()
            page.close()
        return pages
    finally:
        document.close()


def docx_structure(path: Path) -> dict:
    document = docx.Document(str(path))
    section = document.sections[0]
    return {
        "paragraphs": [(p.style.name, p.text) for p in document.paragraphs],
        "tables": [[[cell.text for cell in row.cells] for row in table.rows]
                   for table in document.tables],
        "header": [p.text for p in section.header.paragraphs],
        "footer": [p.text for p in section.footer.paragraphs],
    }


def docx_text(path: Path) -> str:
    structure = docx_structure(path)
    parts = structure["header"] + [text for _style, text in structure["paragraphs"]]
    parts += [cell for table in structure["tables"] for row in table for cell in row]
    return "\n".join(parts + structure["footer"])


def xlsx_rows(path: Path) -> dict[str, list[tuple]]:
    workbook = openpyxl.load_workbook(str(path), read_only=True)
    try:
        return {sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)]
                for sheet in workbook.worksheets}
    finally:
        workbook.close()


def csv_records(path: Path, encoding: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode(encoding), newline="")))


def extract(path: Path):
    """A comparable, format-aware reading of one generated file."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return pdf_pages(path)
    if suffix == ".docx":
        return docx_structure(path)
    if suffix == ".xlsx":
        return xlsx_rows(path)
    if suffix == ".csv":
        raw = path.read_bytes()
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("cp1252")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def read():
    """The readers above, for test modules (conftest modules are not importable by name when
    several test folders each have one)."""
    return SimpleNamespace(
        generated_files=generated_files, pdf_pages=pdf_pages, docx_structure=docx_structure,
        docx_text=docx_text, xlsx_rows=xlsx_rows, csv_records=csv_records, extract=extract,
    )

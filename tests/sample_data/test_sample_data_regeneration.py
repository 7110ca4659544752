"""Regenerating the sample data reproduces the committed files: same file set, same extracted
text and structure (PDF page text, DOCX paragraphs/tables/header/footer, XLSX cell values,
CSV/text content). Bytes are not compared: a newer fpdf2 or python-docx may lay bytes out
differently while the notes stay the same."""

from __future__ import annotations


def test_regeneration_writes_the_same_files(regenerated, sample_dir, read):
    assert read.generated_files(regenerated) == read.generated_files(sample_dir)


def test_regenerated_files_read_the_same_as_committed(regenerated, sample_dir, read):
    differing = [
        relative for relative in read.generated_files(sample_dir)
        if read.extract(sample_dir / relative) != read.extract(regenerated / relative)
    ]
    assert differing == [], "rerun `.venv/bin/python sample_data/make_samples.py` and commit"


def test_regeneration_returns_the_committed_manifest(make_samples, regenerated, manifest, tmp_path):
    assert make_samples.build(tmp_path) == manifest


def test_generator_only_replaces_its_own_folders(make_samples, tmp_path):
    keep = tmp_path / "notes_of_my_own.txt"
    keep.write_text("not generated", encoding="utf-8")
    stale = tmp_path / "exports" / "stale.pdf"
    stale.parent.mkdir()
    stale.write_bytes(b"%PDF-stale")
    make_samples.build(tmp_path)
    assert keep.read_text(encoding="utf-8") == "not generated"
    assert not stale.exists()

"""Text and Markdown notes: encodings, newlines, blank files; public sample notes read as-is."""

from __future__ import annotations

import pytest

NOTE = "Progress Note\r\nClient: Zoë Martín\r\nClient’s mood “better” — slept 6 hours.\r\n"


@pytest.mark.parametrize(
    "encoded",
    [
        NOTE.encode("utf-8"),
        b"\xef\xbb\xbf" + NOTE.encode("utf-8"),
        NOTE.encode("cp1252"),
        NOTE.encode("utf-16"),
    ],
    ids=["utf-8", "utf-8-sig", "cp1252", "utf-16-bom"],
)
def test_encodings_are_detected(tmp_path, make, encoded):
    record, document = make.read_one(tmp_path, "note.txt", encoded)
    assert (record.status, record.format, record.reason) == ("parsed", "text", "")
    assert document.parts[0].text == NOTE.replace("\r\n", "\n")
    assert document.parts[0].page is None and document.parts[0].row is None


def test_undecodable_bytes_are_replaced_with_a_warning(tmp_path, make):
    # 0x81 is undefined in cp1252 and invalid UTF-8 here.
    record, document = make.read_one(tmp_path, "note.md", b"Progress Note\n\x81 Session text.\n")
    assert record.status == "parsed"
    assert "replaced" in record.reason
    assert "Session text." in document.parts[0].text


def test_whitespace_only_text_is_empty(tmp_path, make):
    record, _ = make.read_one(tmp_path, "blank.text", b" \r\n\t\n")
    assert record.status == "error"
    assert "only blank space" in record.reason


def test_public_sample_notes_are_read_verbatim(make):
    folder = make.external_notes
    if not folder.is_dir():
        pytest.skip("../shared/external-notes is not present in this checkout")
    result = make.ingest(folder)
    names = sorted(p.name for p in folder.iterdir() if p.suffix in (".txt", ".md"))
    assert sorted(r.path for r in result.inputs) == names
    assert all(r.status == "parsed" for r in result.inputs)
    for document in result.documents:
        original = (folder / document.path).read_text(encoding="utf-8")
        assert document.parts[0].text == original.replace("\r\n", "\n")

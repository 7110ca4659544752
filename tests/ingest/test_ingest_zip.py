"""Archives: members listed as "archive.zip!member", nesting limits, zip bombs judged from the
directory before extraction and enforced while reading, corrupt and encrypted archives."""

from __future__ import annotations

import io
import zipfile


def test_nested_zip_is_read_to_the_depth_limit(tmp_path, make):
    deepest = make.zip({"too-deep.txt": b"Progress Note\ndeep"})
    middle = make.zip({"level2.txt": b"Progress Note\nlevel two", "level3.zip": deepest})
    make.write(tmp_path, "outer.zip", make.zip({"level1.txt": b"Progress Note\nlevel one", "middle.zip": middle}))
    result = make.ingest(tmp_path)
    rows = [(r.path, r.format, r.status) for r in result.inputs]
    assert rows == [
        ("outer.zip!level1.txt", "text", "parsed"),
        ("outer.zip!middle.zip!level2.txt", "text", "parsed"),
        ("outer.zip!middle.zip!level3.zip", "zip", "error"),
    ]
    assert "nested more than 2 levels deep" in result.inputs[2].reason
    assert result.documents[1].path == "outer.zip!middle.zip!level2.txt"
    assert result.documents[1].parts[0].text == "Progress Note\nlevel two"

    deeper = make.ingest(tmp_path, max_zip_depth=3)
    assert [r.path for r in deeper.inputs][-1] == "outer.zip!middle.zip!level3.zip!too-deep.txt"


def test_zip_bomb_by_ratio_is_refused_before_extraction(tmp_path, make):
    bomb = make.zip({"notes.txt": b"\x00" * (8 * 1024 * 1024), "cover.txt": b"Progress Note"})
    assert len(bomb) < 100_000
    make.write(tmp_path, "bomb.zip", bomb)
    result = make.ingest(tmp_path)
    assert [(r.path, r.format, r.status) for r in result.inputs] == [("bomb.zip", "zip", "error")]
    reason = result.inputs[0].reason
    assert reason.startswith("zip bomb suspected") and "expands" in reason and "limit is 100x" in reason


def test_zip_bomb_by_total_size_from_the_directory(tmp_path, make):
    make.write(tmp_path, "big.zip", make.zip({f"n{i}.txt": bytes(range(256)) * 40 for i in range(5)}))
    result = make.ingest(tmp_path, max_zip_total_bytes=40_000)
    assert result.inputs[0].status == "error"
    assert "would expand to 50 KB" in result.inputs[0].reason


def test_budget_is_shared_with_nested_archives_while_reading(tmp_path, make):
    import random

    rng = random.Random(7)
    words = [b"session", b"client", b"goal", b"plan", b"anxiety", b"sleep", b"coping", b"review"]

    def text(n):
        return b" ".join(rng.choice(words) for _ in range(n))

    inner = make.zip({"inner-note.txt": text(3000)})
    outer = make.zip({"a-note.txt": text(3000), "b-inner.zip": inner}, compression=zipfile.ZIP_STORED)
    make.write(tmp_path, "outer.zip", outer)
    declared = sum(info.file_size for info in zipfile.ZipFile(tmp_path / "outer.zip").infolist())
    # The outer directory fits the limit; what the inner archive adds once opened does not.
    result = make.ingest(tmp_path, max_zip_total_bytes=declared + 1000)
    rows = make.rows_by_path(result)
    assert rows["outer.zip!a-note.txt"].status == "parsed"
    assert rows["outer.zip!b-inner.zip"].status == "error"
    assert rows["outer.zip!b-inner.zip"].reason.startswith("zip bomb suspected: the archive would expand")


def test_member_whose_data_exceeds_its_declared_size_is_refused(tmp_path, make):
    honest = make.zip({"note.txt": b"Progress Note\n" + b"plan " * 400, "ok.txt": b"Progress Note\nfine"})
    lying = make.patch_central_directory(honest, "note.txt", file_size=100)
    make.write(tmp_path, "lying.zip", lying)
    rows = make.rows_by_path(make.ingest(tmp_path))
    assert rows["lying.zip!note.txt"].status == "error"
    assert "corrupt or truncated zip member" in rows["lying.zip!note.txt"].reason
    assert rows["lying.zip!ok.txt"].status == "parsed"


def test_too_many_members(tmp_path, make):
    make.write(tmp_path, "many.zip", make.zip({f"{i}.txt": f"note {i}".encode() for i in range(6)}))
    result = make.ingest(tmp_path, max_zip_members=5)
    assert "holds 6 files; the limit is 5" in result.inputs[0].reason


def test_corrupt_truncated_empty_and_encrypted_archives(tmp_path, make):
    good = make.zip({"a.txt": b"Progress Note\n" + b"text " * 200, "b.txt": b"Progress Note\nb"})
    make.write(tmp_path, "cut.zip", good[: len(good) // 2])
    make.write(tmp_path, "fake.zip", b"<html>not an archive</html>")
    make.write(tmp_path, "empty.zip", make.zip({}))
    make.write(tmp_path, "locked.zip", make.patch_central_directory(good, "a.txt", flag_bits=0x1))
    rows = make.rows_by_path(make.ingest(tmp_path))
    assert rows["cut.zip"].status == "error" and "corrupt or truncated zip archive" in rows["cut.zip"].reason
    assert rows["fake.zip"].status == "error" and rows["fake.zip"].reason == "not a zip archive: the file is an HTML page"
    assert rows["empty.zip"].status == "skipped" and "empty archive" in rows["empty.zip"].reason
    assert rows["locked.zip!a.txt"].status == "error"
    assert "encrypted zip member" in rows["locked.zip!a.txt"].reason
    assert rows["locked.zip!b.txt"].status == "parsed"


def test_office_file_that_is_a_zip_bomb(tmp_path, make):
    document = make.docx_document()
    document.add_paragraph("Progress Note")
    data = make.docx(document)
    # Office files are zips: re-pack the .docx with a huge, highly compressible extra part.
    with zipfile.ZipFile(io.BytesIO(data)) as original:
        members = {info.filename: original.read(info) for info in original.infolist()}
    members["word/media/padding.bin"] = b"\x00" * (4 * 1024 * 1024)
    record, _ = make.read_one(tmp_path, "bomb.docx", make.zip(members))
    assert record.status == "error"
    assert record.reason.startswith("zip bomb suspected") and "this Word file" in record.reason


def test_zip_whose_first_member_is_a_stored_pdf_is_read_as_a_zip(tmp_path, make):
    # A stored (uncompressed) PDF puts "%PDF-" in the archive's first kilobyte; the zip magic
    # at offset 0 must still win, or whole exports are refused as "not a zip".
    note_pdf = make.pdf(["Progress Note\nDate of Service: 03/04/2025\nClient worked on sleep."])
    make.write(tmp_path, "export.zip", make.zip({"note.pdf": note_pdf}, compression=zipfile.ZIP_STORED))
    result = make.ingest(tmp_path)
    assert [(r.path, r.format, r.status) for r in result.inputs] == [("export.zip!note.pdf", "pdf", "parsed")]
    assert "Client worked on sleep." in result.documents[0].parts[0].text

"""Walking folders and zips into the intake table: every file exactly once, deterministic order,
paths relative to the scanned root, hidden files and duplicates skipped with a reason."""

from __future__ import annotations

import os

from auditready.ingest import IngestOptions, ingest_paths


def _export_folder(tmp_path, make):
    root = tmp_path / "export"
    make.write(root, "b_client/2024-03-04.txt", make.note_text("Ana Diaz", 4).encode())
    make.write(root, "a_client/chart.pdf", make.pdf([make.note_text("Ben Okafor", 5)]))
    make.write(root, "a_client/.DS_Store", b"\x00\x00\x00\x01Bud1")
    make.write(root, "a_client/~$note.docx", b"Dana Reyes lock")
    make.write(root, ".git/config", b"[core]\n")
    make.write(root, "notes.zip", make.zip({
        "march/2024-03-11.txt": make.note_text("Ana Diaz", 11).encode(),
        "__MACOSX/march/._2024-03-11.txt": b"\x00\x05\x16\x07",
        "inner.zip": make.zip({"2024-03-18.md": make.note_text("Ana Diaz", 18).encode()}),
        "march/chart.pdf": make.pdf([make.note_text("Ana Diaz", 25), make.note_text("Ana Diaz", 26)]),
    }))
    make.write(root, "readme.rtf", b"{\\rtf1 hello}")
    return root


def test_folder_walk_lists_every_file_once_in_sorted_order(tmp_path, make):
    root = _export_folder(tmp_path, make)
    result = make.ingest(root)
    rows = [(r.path, r.format, r.status) for r in result.inputs]
    assert rows == [
        (".git/", "folder", "skipped"),
        ("a_client/.DS_Store", "", "skipped"),
        ("a_client/chart.pdf", "pdf", "parsed"),
        ("a_client/~$note.docx", "docx", "skipped"),
        ("b_client/2024-03-04.txt", "text", "parsed"),
        ("notes.zip!__MACOSX/march/._2024-03-11.txt", "text", "skipped"),
        ("notes.zip!inner.zip!2024-03-18.md", "text", "parsed"),
        ("notes.zip!march/2024-03-11.txt", "text", "parsed"),
        ("notes.zip!march/chart.pdf", "pdf", "parsed"),
        ("readme.rtf", "rtf", "skipped"),
    ]
    reasons = make.rows_by_path(result)
    assert reasons[".git/"].reason == "hidden folder; not scanned"
    assert "Office lock file" in reasons["a_client/~$note.docx"].reason
    assert "hidden file" in reasons["a_client/.DS_Store"].reason
    assert "unsupported format: .rtf" in reasons["readme.rtf"].reason
    assert "save as .docx" in reasons["readme.rtf"].reason and ".pdf" in reasons["readme.rtf"].reason
    # documents come in row order and each points back at its row
    assert [d.path for d in result.documents] == [r.path for r in result.inputs if r.status == "parsed"]
    for document, record in result.pairs():
        assert result.record_for(document) is record
        assert record.sha256 and record.size > 0
    assert "Ana Diaz" in result.documents[2].parts[0].text
    chart = result.documents[4]
    assert chart.path == "notes.zip!march/chart.pdf" and [p.page for p in chart.parts] == [1, 2]
    assert "03/26/2024" in chart.parts[1].text
    assert result.failed == 0 and result.skipped == 5
    # the same walk gives the same table
    again = make.ingest(root)
    assert [(r.path, r.status, r.sha256) for r in again.inputs] == [
        (r.path, r.status, r.sha256) for r in result.inputs
    ]


def test_single_file_is_named_by_its_name(tmp_path, make):
    path = make.write(tmp_path / "deep" / "folder", "note.txt", b"Progress Note\nSession text.")
    result = make.ingest(path)
    assert [r.path for r in result.inputs] == ["note.txt"]
    assert result.documents[0].path == "note.txt"


def test_several_paths_are_relative_to_their_common_folder(tmp_path, make):
    first = make.write(tmp_path / "site_a", "note.txt", b"Progress Note A")
    make.write(tmp_path / "site_b", "note.txt", b"Progress Note B")
    claims = make.write(tmp_path, "loose.txt", b"Progress Note C")
    result = make.ingest([tmp_path / "site_a", tmp_path / "site_b", claims, first])
    assert [r.path for r in result.inputs] == ["site_a/note.txt", "site_b/note.txt", "loose.txt"]
    assert all(r.status == "parsed" for r in result.inputs)


def test_exact_duplicates_are_skipped_naming_the_first_copy(tmp_path, make):
    note = make.note_text("Ana Diaz", 4).encode()
    make.write(tmp_path, "a/note.txt", note)
    make.write(tmp_path, "b/note-copy.txt", note)
    make.write(tmp_path, "c/archive.zip", make.zip({"again.txt": note}))
    result = make.ingest(tmp_path)
    rows = make.rows_by_path(result)
    assert rows["a/note.txt"].status == "parsed"
    for path in ("b/note-copy.txt", "c/archive.zip!again.txt"):
        assert rows[path].status == "skipped"
        assert rows[path].reason == "exact duplicate of a/note.txt (same SHA-256); read once"
        assert rows[path].sha256 == rows["a/note.txt"].sha256
    assert len(result.documents) == 1


def test_empty_and_oversized_files(tmp_path, make):
    make.write(tmp_path, "empty.pdf", b"")
    make.write(tmp_path, "big.txt", b"Progress Note\n" + b"x" * 500)
    make.write(tmp_path, "small.txt", b"Progress Note\nok")
    make.write(tmp_path, "bundle.zip", make.zip({"big-member.txt": b"y" * 600, "ok.txt": b"fine"}))
    result = make.ingest(tmp_path, max_file_bytes=400)
    rows = make.rows_by_path(result)
    assert (rows["empty.pdf"].status, rows["empty.pdf"].reason) == ("error", "empty file (0 bytes); export it again")
    for path in ("big.txt", "bundle.zip!big-member.txt"):
        assert rows[path].status == "error"
        assert "over the size limit of 400 bytes" in rows[path].reason and "--max-file-mb" in rows[path].reason
    assert rows["small.txt"].status == rows["bundle.zip!ok.txt"].status == "parsed"
    assert rows["big.txt"].size == 514 and rows["big.txt"].sha256 == ""


def test_unsupported_file_whose_content_is_a_pdf_says_rename(tmp_path, make):
    make.write(tmp_path, "download", make.pdf(["Progress Note"]))
    result = make.ingest(tmp_path)
    record = result.inputs[0]
    assert record.status == "skipped"
    assert "files without an extension are not read" in record.reason
    assert "rename it to .pdf" in record.reason


def test_text_file_that_is_binary_is_an_error(tmp_path, make):
    record, _ = make.read_one(tmp_path, "note.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    assert (record.status, record.reason) == ("error", "not a text file: the file is a PNG image")


def test_unreadable_file_is_an_error_row_not_a_crash(tmp_path, make):
    if os.geteuid() == 0:
        # root reads anything; a dangling link gives the same "cannot read" path
        os.symlink(tmp_path / "missing.txt", tmp_path / "dangling.txt")
    else:
        locked = make.write(tmp_path, "dangling.txt", b"Progress Note")
        locked.chmod(0)
    make.write(tmp_path, "fine.txt", b"Progress Note\nSession text.")
    result = make.ingest(tmp_path)
    rows = make.rows_by_path(result)
    assert rows["dangling.txt"].status == "error"
    assert rows["dangling.txt"].reason.startswith("cannot read this file")
    assert rows["fine.txt"].status == "parsed"


def test_progress_callback_sees_every_row(tmp_path, make):
    make.write(tmp_path, "a.txt", b"Progress Note A")
    make.write(tmp_path, "b.doc", b"old")
    seen = []
    result = ingest_paths([tmp_path], IngestOptions(), progress=seen.append)
    assert seen == result.inputs and len(seen) == 2


def test_missing_path_is_an_error_row(tmp_path):
    result = ingest_paths([tmp_path / "nope.pdf"], IngestOptions())
    assert [(r.path, r.status, r.reason) for r in result.inputs] == [
        ("nope.pdf", "error", "not found: the path does not exist")
    ]


def test_names_with_bang_and_special_files(tmp_path, make):
    make.write(tmp_path, "Urgent!.txt", b"Progress Note\nSession text.")
    make.write(tmp_path, "bundle.zip", make.zip({"a!b.txt": b"Progress Note\nzip member"}))
    os.mkfifo(tmp_path / "pipe.txt")
    rows = make.rows_by_path(make.ingest(tmp_path))
    assert rows["Urgent!.txt"].status == "parsed" and rows["Urgent!.txt"].format == "text"
    assert rows["bundle.zip!a!b.txt"].status == "parsed"
    assert (rows["pipe.txt"].status, rows["pipe.txt"].reason) == (
        "skipped", "not a regular file (a pipe, socket or device)"
    )

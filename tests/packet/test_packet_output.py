"""The packet folder is private and appears whole; sources are re-verified by SHA-256 (zip
members included) before anything is written."""

from __future__ import annotations

import io
import os
import stat
import zipfile

import pytest

from auditready.models import InputRecord
from auditready.packet.errors import PacketUsageError, SourceChanged, SourceUnavailable
from auditready.packet.sources import SourceReader, scan_base, sha256_bytes
from auditready.packet.writer import write_folder


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_folder_is_private_and_complete(tmp_path):
    out = tmp_path / "packet"
    write_folder(out, {"records.pdf": b"%PDF-1.7 test", "manifest.json": b"{}"}, force=False)
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "records.pdf"]
    assert _mode(out) == 0o700
    assert all(_mode(p) == 0o600 for p in out.iterdir())
    assert (out / "records.pdf").read_bytes() == b"%PDF-1.7 test"
    assert [p.name for p in tmp_path.iterdir()] == ["packet"]  # no staging folder left behind


def test_non_empty_folder_is_refused_unless_forced(tmp_path):
    out = tmp_path / "packet"
    out.mkdir()
    (out / "old.txt").write_text("previous packet")
    with pytest.raises(PacketUsageError, match="not empty"):
        write_folder(out, {"records.pdf": b"new"}, force=False)
    assert (out / "old.txt").exists()
    write_folder(out, {"records.pdf": b"new"}, force=True)
    assert sorted(p.name for p in out.iterdir()) == ["records.pdf"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["packet"]


def test_empty_existing_folder_is_used(tmp_path):
    out = tmp_path / "packet"
    out.mkdir()
    write_folder(out, {"a.txt": b"x"}, force=False)
    assert (out / "a.txt").read_bytes() == b"x"
    assert _mode(out) == 0o700


def test_a_failed_write_leaves_nothing(tmp_path):
    out = tmp_path / "packet"
    with pytest.raises(FileNotFoundError):
        write_folder(out, {"a.txt": b"x", "missing/b.txt": b"y"}, force=False)
    assert list(tmp_path.iterdir()) == []


def test_scan_base_follows_discovery(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.pdf").write_bytes(b"1")
    (tmp_path / "b").mkdir()
    assert scan_base([tmp_path / "a"]) == tmp_path / "a"
    assert scan_base([tmp_path / "a" / "x.pdf"]) == tmp_path / "a"
    assert scan_base([tmp_path / "a", tmp_path / "b"]) == tmp_path


def test_changed_file_is_refused(tmp_path):
    (tmp_path / "note.pdf").write_bytes(b"original")
    reader = SourceReader(tmp_path, [InputRecord("note.pdf", "pdf", "parsed", sha256=sha256_bytes(b"original"))])
    (tmp_path / "note.pdf").write_bytes(b"altered")
    with pytest.raises(SourceChanged, match="note.pdf changed since it was scanned"):
        reader.read("note.pdf")


def test_missing_or_unrecorded_file_is_refused(tmp_path):
    reader = SourceReader(tmp_path, [InputRecord("gone.pdf", "pdf", "parsed", sha256="0" * 64)])
    with pytest.raises(SourceUnavailable, match="gone.pdf"):
        reader.read("gone.pdf")
    (tmp_path / "other.pdf").write_bytes(b"x")
    with pytest.raises(SourceUnavailable, match="no SHA-256"):
        reader.read("other.pdf")


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_zip_members_are_verified(tmp_path):
    inner = _zip({"deep/note.docx": b"inner member"})
    (tmp_path / "export.zip").write_bytes(_zip({"a.pdf": b"member a", "inner.zip": inner}))
    records = [InputRecord("export.zip!a.pdf", "pdf", "parsed", sha256=sha256_bytes(b"member a")),
               InputRecord("export.zip!inner.zip!deep/note.docx", "docx", "parsed",
                           sha256=sha256_bytes(b"inner member"))]
    reader = SourceReader(tmp_path, records)
    assert reader.read("export.zip!a.pdf").data == b"member a"
    nested = reader.read("export.zip!inner.zip!deep/note.docx")
    assert nested.data == b"inner member"
    assert nested.file_sha256 == sha256_bytes((tmp_path / "export.zip").read_bytes())
    (tmp_path / "export.zip").write_bytes(_zip({"a.pdf": b"member A changed"}))
    with pytest.raises(SourceChanged, match="export.zip!a.pdf"):
        SourceReader(tmp_path, records).read("export.zip!a.pdf")

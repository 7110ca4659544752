"""Source files of a packet, re-read and checked at build time.

The packet must be exactly what was scanned and reviewed: every source is read again when the
packet is built, hashed, and compared with the SHA-256 recorded at ingest; a mismatch stops the
build and names the file. The bytes that were hashed are the bytes the pages are copied from,
so a file cannot change between the check and the copy. Sources are only ever read.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from auditready.models import InputRecord
from auditready.packet.errors import SourceChanged, SourceUnavailable

MEMBER_SEPARATOR = "!"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(slots=True)
class VerifiedSource:
    """A source document's bytes, checked against the scan."""

    path: str  # as the scan names it: relative to the scanned root, zip members "a.zip!b.pdf"
    data: bytes
    sha256: str
    file: Path  # the file on disk (the outermost archive for a zip member)
    file_sha256: str  # that file's SHA-256 (equal to sha256 unless it is a zip member)


def scan_base(paths: list[Path]) -> Path:
    """The folder the scan's relative paths start from (ingest/discover.py: one folder -> that
    folder; one file -> its folder; several paths -> the deepest folder holding all their
    parents)."""
    roots = list(dict.fromkeys(Path(os.path.abspath(path)) for path in paths))
    if len(roots) == 1:
        return roots[0] if roots[0].is_dir() else roots[0].parent
    return Path(os.path.commonpath([str(root.parent) for root in roots]))


def _read_member(data: bytes, label: str) -> bytes:
    """A member's bytes; "name (2)" is the second member of that name (discover.py gives
    repeated names in one archive such labels)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        named = [info for info in infos if info.filename.replace("\\", "/") == label]
        if named:
            return archive.read(named[0])
        match = re.fullmatch(r"(.*) \((\d+)\)", label)
        if match:
            same = [info for info in infos if info.filename.replace("\\", "/") == match.group(1)]
            copy = int(match.group(2))
            if len(same) >= copy:
                return archive.read(same[copy - 1])
    raise KeyError(label)


class SourceReader:
    """Finds scanned documents on disk again and verifies them against the intake records."""

    def __init__(self, base: Path, inputs: list[InputRecord]):
        self.base = base
        self.recorded = {record.path: record.sha256 for record in inputs if record.sha256}
        self._cache: dict[str, VerifiedSource] = {}
        self._files: dict[str, Path] = {}

    def register(self, path: str, file: Path, sha256: str) -> None:
        """A source read outside the exports scan (a plan document from --plans), shown as
        `path`, hashed as `sha256` when it was read."""
        self._files[path] = file
        self.recorded[path] = sha256

    def _locate(self, outer: str) -> Path:
        candidate = self._files.get(outer) or self.base / outer
        if not candidate.is_file():
            raise SourceUnavailable(
                f"source file {outer} can no longer be found; it was moved or deleted after the scan"
            )
        return candidate

    def _check(self, path: str, data: bytes) -> str:
        digest = sha256_bytes(data)
        expected = self.recorded.get(path)
        if expected is not None and expected != digest:
            raise SourceChanged(
                f"source file {path} changed since it was scanned (SHA-256 now {digest[:12]}..., "
                f"at the scan {expected[:12]}...); nothing was written. Build the packet again so "
                "the records sent are the records reviewed."
            )
        return digest

    def read(self, path: str) -> VerifiedSource:
        if path in self._cache:
            return self._cache[path]
        chain = path.split(MEMBER_SEPARATOR)
        if not any(MEMBER_SEPARATOR.join(chain[:n]) in self.recorded for n in range(1, len(chain) + 1)):
            raise SourceUnavailable(
                f"the scan recorded no SHA-256 for {path}, so it cannot be verified; build the packet again"
            )
        file = self._locate(chain[0])
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise SourceUnavailable(f"source file {chain[0]} cannot be read: {exc.strerror}") from exc
        file_sha = self._check(chain[0], data)
        for depth in range(1, len(chain)):
            try:
                data = _read_member(data, chain[depth])
            except (KeyError, zipfile.BadZipFile, OSError) as exc:
                raise SourceChanged(
                    f"source {path}: member {chain[depth]} can no longer be read from "
                    f"{MEMBER_SEPARATOR.join(chain[:depth])}; the archive changed since the scan"
                ) from exc
            self._check(MEMBER_SEPARATOR.join(chain[: depth + 1]), data)
        source = VerifiedSource(path, data, sha256_bytes(data), file, file_sha)
        self._cache[path] = source
        return source

"""Walk the paths a user named — files, folders (recursively), .zip archives (and zips inside
them, up to IngestOptions.max_zip_depth) — and hand out one Entry per input file.

Paths shown to the user:
- one folder named: paths relative to it ("2024/jan/note.pdf");
- one file named: its name;
- several paths named: relative to the deepest folder containing all of them, so every path
  stays unique ("exportA/note.pdf", "claims.csv");
- archive members: "archive.zip!inner/path.pdf", nested: "a.zip!b.zip!note.pdf".

Order is deterministic: the named paths in the order given, folder entries and archive members
sorted by name. Hidden and system files met while walking (".DS_Store", "~$" Office lock files,
"Thumbs.db", files under macOS "__MACOSX" folders) become `skipped` entries with a reason; on
disk a hidden folder is one skipped entry (format "folder") and is not walked. A file named
explicitly is read even if its name is hidden.

An archive contributes one entry per member. The archive itself appears as an entry only
when it is refused or unreadable as a whole (corrupt, zip bomb, nested too deep, empty), so
that nothing the user gave disappears and no note is counted twice.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from auditready.ingest import safety
from auditready.ingest.errors import (
    CorruptFile,
    IngestError,
    NoNotesFound,
    UnsupportedFormat,
    ZipBomb,
)
from auditready.ingest.options import IngestOptions


@dataclass(slots=True)
class Entry:
    """One input file, not yet read. `read()` returns its bytes under the size limits; when
    `problem` is set the file is not read at all and the problem is its intake row."""

    path: str  # as shown in the intake table
    name: str  # the file's own name (an archive member's path inside its archive)
    size: int
    read: Callable[[], bytes] | None = None
    head: Callable[[int], bytes] | None = None
    problem: IngestError | None = None
    format: str = ""  # set for rows that are not files: "zip" (archive refused whole), "folder"
    # The file's absolute path when it is a file on disk (not an archive member), so that a
    # worker process can read it itself instead of receiving its bytes.
    disk_path: str | None = None


def iter_entries(paths: list[Path], options: IngestOptions) -> Iterator[Entry]:
    roots = _unique_roots(paths)
    base = _display_base(roots)
    seen_files: set[str] = set()
    for root in roots:
        label = _relative(root, base)
        if root.is_dir():
            yield from _walk(root, base, options, seen_files)
        elif root.exists():
            yield from _disk_file(root, label, options, seen_files)
        else:
            yield Entry(label, root.name, 0, problem=IngestError("not found: the path does not exist"))


def _unique_roots(paths: list[Path]) -> list[Path]:
    roots: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        resolved = Path(os.path.abspath(path))
        if resolved not in seen:
            seen.add(resolved)
            roots.append(resolved)
    return roots


def _display_base(roots: list[Path]) -> Path:
    if len(roots) == 1:
        only = roots[0]
        return only if only.is_dir() else only.parent
    return Path(os.path.commonpath([str(root.parent) for root in roots]))


def _relative(path: Path, base: Path) -> str:
    relative = os.path.relpath(path, base)
    return path.name if relative == "." else relative.replace(os.sep, "/")


def _walk(folder: Path, base: Path, options: IngestOptions, seen_files: set[str]) -> Iterator[Entry]:
    try:
        children = sorted(os.scandir(folder), key=lambda child: child.name)
    except OSError as exc:
        yield Entry(
            _relative(folder, base) + "/", folder.name, 0, problem=IngestError(_os_reason("folder", exc)),
            format="folder",
        )
        return
    for child in children:
        path = Path(child.path)
        label = _relative(path, base)
        try:
            is_dir = child.is_dir(follow_symlinks=False)
            is_link_to_dir = child.is_symlink() and child.is_dir()
        except OSError as exc:
            yield Entry(label, child.name, 0, problem=IngestError(_os_reason("file", exc)))
            continue
        if is_dir or is_link_to_dir:
            reason = safety.hidden_folder_reason(child.name)
            if reason is None and is_link_to_dir:
                reason = "link to a folder; not followed (scan the folder it points to directly)"
            if reason:
                yield Entry(label + "/", child.name, 0, problem=UnsupportedFormat(reason), format="folder")
            else:
                yield from _walk(path, base, options, seen_files)
            continue
        reason = safety.hidden_reason(child.name)
        if reason:
            yield Entry(label, child.name, _stat_size(child), problem=UnsupportedFormat(reason))
            continue
        yield from _disk_file(path, label, options, seen_files)


def _disk_file(path: Path, label: str, options: IngestOptions, seen_files: set[str]) -> Iterator[Entry]:
    # Named twice (a folder and a file inside it): one input, one row. Paths are absolute
    # already; a link to a file elsewhere is caught later as an exact duplicate instead.
    key = str(path)
    if key in seen_files:
        return
    seen_files.add(key)
    try:
        status = path.stat()
    except OSError as exc:
        yield Entry(label, path.name, 0, problem=IngestError(_os_reason("file", exc)))
        return
    if not stat.S_ISREG(status.st_mode):  # a pipe or device would block or never end
        yield Entry(
            label, path.name, 0, problem=UnsupportedFormat("not a regular file (a pipe, socket or device)")
        )
        return
    size = status.st_size
    if safety.is_archive(path.name):
        yield from _disk_archive(path, label, size, options)
        return

    def read() -> bytes:
        return read_disk_file(path, options)

    def head(count: int) -> bytes:
        try:
            with open(path, "rb") as stream:
                return stream.read(count)
        except OSError:
            return b""

    yield Entry(label, path.name, size, read=read, head=head, disk_path=str(path))


def read_disk_file(path: Path | str, options: IngestOptions) -> bytes:
    """A file's bytes under the size limit (what an Entry's `read` does for a file on disk; a
    scan worker calls it directly with `Entry.disk_path`)."""
    try:
        with open(path, "rb") as stream:
            # Read one byte past the limit: a file that grew since stat() is still refused.
            data = stream.read(options.max_file_bytes + 1)
    except OSError as exc:
        raise IngestError(_os_reason("file", exc)) from exc
    safety.check_size(len(data), options)
    return data


def _disk_archive(path: Path, label: str, size: int, options: IngestOptions) -> Iterator[Entry]:
    try:
        with open(path, "rb") as stream:
            safety.sniff(stream.read(1024), "zip")
        archive = zipfile.ZipFile(path)
    except IngestError as exc:
        yield Entry(label, path.name, size, problem=exc, format="zip")
        return
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        yield Entry(label, path.name, size, problem=_archive_problem(), format="zip")
        return
    with archive:
        budget = safety.ZipBudget(options.max_zip_total_bytes)
        yield from _members(archive, label, size, 1, options, budget)


def _members(
    archive: zipfile.ZipFile,
    label: str,
    size: int,
    depth: int,
    options: IngestOptions,
    budget: safety.ZipBudget,
) -> Iterator[Entry]:
    try:
        members = sorted(safety.file_members(archive), key=lambda info: info.filename)
        safety.check_zip_directory(members, size, options, budget, "the archive")
    except IngestError as exc:
        yield Entry(label, label, size, problem=exc, format="zip")
        return
    if not members:
        yield Entry(label, label, size, problem=NoNotesFound("empty archive: it holds no files"), format="zip")
        return
    used: set[str] = set()
    for info in members:
        name = info.filename.replace("\\", "/")
        member_label = _unique_label(f"{label}!{name}", used)
        folders = name.split("/")[:-1]
        reason = next(filter(None, map(safety.hidden_folder_reason, folders)), None)
        reason = reason or safety.hidden_reason(name)
        if reason:
            yield Entry(member_label, name, info.file_size, problem=UnsupportedFormat(reason))
            continue
        if safety.is_archive(name):
            yield from _nested_archive(archive, info, member_label, depth, options, budget)
            continue
        yield Entry(
            member_label,
            name,
            info.file_size,
            read=_member_reader(archive, info, options, budget),
            head=_member_head(archive, info),
        )


def _nested_archive(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    label: str,
    depth: int,
    options: IngestOptions,
    budget: safety.ZipBudget,
) -> Iterator[Entry]:
    if depth + 1 > options.max_zip_depth:
        yield Entry(
            label,
            info.filename,
            info.file_size,
            problem=ZipBomb(
                f"zip nested more than {options.max_zip_depth} levels deep; extract the outer "
                "archives and scan the folder"
            ),
            format="zip",
        )
        return
    try:
        data = safety.read_member(archive, info, options, budget)
        safety.sniff(data, "zip")
        inner = zipfile.ZipFile(io.BytesIO(data))
    except IngestError as exc:
        yield Entry(label, info.filename, info.file_size, problem=exc, format="zip")
        return
    except (zipfile.BadZipFile, ValueError, EOFError):
        yield Entry(label, info.filename, info.file_size, problem=_archive_problem(), format="zip")
        return
    with inner:
        yield from _members(inner, label, len(data), depth + 1, options, budget)


def _member_reader(archive, info, options, budget) -> Callable[[], bytes]:
    return lambda: safety.read_member(archive, info, options, budget)


def _member_head(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[int], bytes]:
    def head(count: int) -> bytes:
        if info.flag_bits & 0x1:
            return b""
        try:
            with archive.open(info) as stream:
                return stream.read(count)
        except Exception:  # a peek for a friendlier message; the row's reason stands without it
            return b""

    return head


def _unique_label(label: str, used: set[str]) -> str:
    candidate, copy = label, 1
    while candidate in used:
        copy += 1
        candidate = f"{label} ({copy})"
    used.add(candidate)
    return candidate


def _archive_problem() -> IngestError:
    return CorruptFile(
        "corrupt or truncated zip archive (its directory cannot be read); copy or download it again"
    )


def _stat_size(child: os.DirEntry) -> int:
    try:
        return child.stat().st_size
    except OSError:
        return 0


def _os_reason(kind: str, exc: OSError) -> str:
    detail = (exc.strerror or type(exc).__name__).lower()
    return f"cannot read this {kind}: {detail}"

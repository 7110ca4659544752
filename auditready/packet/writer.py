"""Write the packet folder atomically, readable by the user only.

The packet holds PHI, so the folder is 0700 and every file 0600 from the moment it exists
(DESIGN.md "PHI"). Files are written into a temporary folder beside the destination and the
folder is renamed into place at the end, so an interrupted build never leaves a half packet
that could be mistaken for a complete one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from auditready.packet.errors import PacketUsageError

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def check_destination(out: Path, force: bool) -> None:
    """Refuse a destination that is a file, or a folder with content (unless `force`)."""
    if out.exists() and not out.is_dir():
        raise PacketUsageError(f"--out {out} is a file; give a folder for the packet")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise PacketUsageError(
            f"--out {out} is not empty; choose a new folder or pass --force to replace its contents"
        )


def write_folder(out: Path, files: dict[str, bytes], force: bool) -> None:
    """Create `out` holding exactly `files` (name -> bytes)."""
    check_destination(out, force)
    parent = out.parent if str(out.parent) else Path(".")
    parent.mkdir(parents=True, exist_ok=True)
    old_umask = os.umask(0o077)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=parent))
    finally:
        os.umask(old_umask)
    try:
        os.chmod(staging, FOLDER_MODE)
        for name, data in files.items():
            target = staging / name
            descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(target, FILE_MODE)
        _swap_into_place(staging, out, parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap_into_place(staging: Path, out: Path, parent: Path) -> None:
    if not out.exists():
        os.rename(staging, out)
        return
    # --force (or an empty folder): move the old folder aside first, so the new packet appears
    # in one rename and the old one is removed only once the new one is in place.
    retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.replaced-", dir=parent))
    os.rmdir(retired)
    os.rename(out, retired)
    try:
        os.rename(staging, out)
    except BaseException:
        os.rename(retired, out)
        raise
    shutil.rmtree(retired, ignore_errors=True)

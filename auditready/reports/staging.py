"""All-or-nothing report writes: every file is rendered to a temporary file beside its final
name, and only when every renderer has succeeded are they moved into place with os.replace.
A renderer that raises leaves the previous report exactly as it was.

Reports hold PHI: files are created 0600 and folders 0700 (DESIGN.md "PHI").
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from types import TracebackType

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) if needed and make it readable by the user only."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    os.chmod(path, DIR_MODE)
    return path


class StagedFiles:
    """Temporary files that become real only on `commit()`.

    with StagedFiles(out_dir) as staged:
        staged.write_bytes("audit.json", data)
        path = staged.temp_path("audit.xlsx")   # for writers that want a file name
        staged.commit()
    """

    def __init__(self, root: Path):
        self.root = root
        self._pending: dict[Path, Path] = {}  # final path -> temp path

    def __enter__(self) -> StagedFiles:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.discard()

    def temp_path(self, relative: str) -> Path:
        """A fresh 0600 temporary file in the final file's folder (same filesystem, so the
        later os.replace is atomic)."""
        final = self.root / relative
        private_dir(final.parent)
        if final in self._pending:
            raise ValueError(f"{relative} is staged twice")
        handle, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent)
        os.close(handle)
        os.chmod(name, FILE_MODE)
        self._pending[final] = Path(name)
        return Path(name)

    def write_bytes(self, relative: str, data: bytes) -> Path:
        temp = self.temp_path(relative)
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        return temp

    def write_text(self, relative: str, text: str) -> Path:
        return self.write_bytes(relative, text.encode("utf-8"))

    def commit(self) -> list[Path]:
        """Move every staged file into place, all or none: if one move fails (a folder in the
        way, a file made read-only), the files already moved are put back as they were."""
        finals: list[Path] = []
        backups: dict[Path, Path] = {}  # final -> the previous report's file, kept aside
        try:
            for final, temp in self._pending.items():
                os.chmod(temp, FILE_MODE)
                if final.is_file():
                    handle, backup = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".old", dir=final.parent)
                    os.close(handle)
                    os.replace(final, backup)
                    backups[final] = Path(backup)
                os.replace(temp, final)
                finals.append(final)
        except BaseException:
            for final in finals:
                final.unlink(missing_ok=True)
            for final, backup in backups.items():
                os.replace(backup, final)
            raise
        for backup in backups.values():
            backup.unlink(missing_ok=True)
        self._pending.clear()
        return finals

    def discard(self) -> None:
        for temp in self._pending.values():
            try:
                temp.unlink()
            except FileNotFoundError:
                pass
        self._pending.clear()

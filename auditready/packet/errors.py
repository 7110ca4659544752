"""Why a records packet could not be built. Messages name files, clients' identifiers and
dates only, never note text (preamble: no note text in errors). The CLI turns `PacketUsageError`
into a usage error (exit 2) and every other `PacketError` into an error (exit 1)."""

from __future__ import annotations


class PacketError(Exception):
    """A packet that cannot be built as asked; the message says why and what to do."""


class PacketUsageError(PacketError):
    """The request itself is inconsistent (flags, dates, output folder)."""


class NoRecords(PacketError):
    """Nothing to send: no client by that name or id, or none of their records in the window."""


class AmbiguousClient(PacketUsageError):
    """Several clients match --client; `candidates` lists them so the user can pick one."""

    def __init__(self, message: str, candidates: list[dict]):
        super().__init__(message)
        self.candidates = candidates


class SourceChanged(PacketError):
    """A source file's bytes differ from what was scanned: the packet would not be what was
    reviewed, so nothing is written."""


class SourceUnavailable(PacketError):
    """A source file that was scanned can no longer be read."""

"""What the user asked for, checked before any file is read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from auditready.ingest.options import IngestOptions
from auditready.packet.errors import PacketUsageError
from auditready.packet.writer import check_destination


@dataclass(frozen=True)
class PacketRequest:
    exports: tuple[Path, ...]
    client: str
    start: date
    end: date
    out: Path
    dob: date | None = None
    claims: Path | None = None
    plans: Path | None = None
    payer: str = "common"
    pack_path: Path | None = None
    fees: Path | None = None
    include_psychotherapy_notes: bool = False
    authorization: Path | None = None
    include_shared_pages: bool = False
    force: bool = False
    ingest: IngestOptions = field(default_factory=IngestOptions)


def validate_request(request: PacketRequest) -> None:
    """Usage errors: caught before the exports are read, each with the fix."""
    if not request.client.strip():
        raise PacketUsageError("--client is empty: give the client's name or client id")
    if request.end < request.start:
        raise PacketUsageError(
            f"--to {request.end.isoformat()} is before --from {request.start.isoformat()}"
        )
    if request.include_psychotherapy_notes and request.authorization is None:
        raise PacketUsageError(
            "--include-psychotherapy-notes needs --authorization FILE: psychotherapy notes may be "
            "disclosed only under the client's specific written authorization (45 CFR 164.508(a)(2))"
        )
    if request.authorization is not None and not request.include_psychotherapy_notes:
        raise PacketUsageError(
            "--authorization was given without --include-psychotherapy-notes; pass both to release "
            "psychotherapy notes, or neither to withhold them"
        )
    if request.authorization is not None and not request.authorization.is_file():
        raise PacketUsageError(f"--authorization {request.authorization}: no such file")
    out = request.out.resolve()
    for export in request.exports:
        resolved = export.resolve()
        if out == resolved or resolved in out.parents:
            raise PacketUsageError(
                f"--out {request.out} is inside the exports being read ({export}); choose a folder elsewhere"
            )
    check_destination(request.out, request.force)

"""Records-request packets: one client's progress notes, assessment and plans for a date range,
as original pages where the export is a PDF, with psychotherapy notes withheld, a manifest of
what was sent and a pre-release review. See docs/packet.md.

    from auditready.packet.build import build_packet, prepare_packet, write_packet

    plan = prepare_packet(PacketRequest(exports=(Path("EXPORTS"),), client="Jane Smith",
                                        start=date(2024, 1, 1), end=date(2024, 6, 30),
                                        out=Path("packet")))
    result = write_packet(plan)     # or build_packet(request) for both steps

The build module is not imported here: `auditready --help` loads every command module, and the
packet's errors and request types should not pull in the whole scoring stack.
"""

from auditready.packet.errors import (
    AmbiguousClient,
    NoRecords,
    PacketError,
    PacketUsageError,
    SourceChanged,
    SourceUnavailable,
)
from auditready.packet.request import PacketRequest

__all__ = [
    "AmbiguousClient",
    "NoRecords",
    "PacketError",
    "PacketRequest",
    "PacketUsageError",
    "SourceChanged",
    "SourceUnavailable",
]

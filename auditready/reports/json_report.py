"""audit.json: the contract other tools and tests read (DESIGN.md "audit.json", schema_version 1).

Keys keep the contract's order with added fields after them; notes are ordered by source path,
page and row so two runs over the same files give the same file. Note text is left out (the
evidence spans carry the passages that matter; the full text would multiply the file's size).

The file is written one list item at a time, so 100,000 notes never exist as one giant string;
the bytes are exactly those of `json.dumps(audit_dict(result), indent=2)`.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import IO, Any

from auditready.models import AuditResult, to_jsonable
from auditready.reports.summaries import source_order_key

TOP_LEVEL_ORDER = ("schema_version", "tool", "pack", "inputs", "notes", "clones", "claims", "clinicians", "summary")
STREAMED_LISTS = ("inputs", "notes", "clones", "claims", "clinicians")
NOTE_FIELDS_LEFT_OUT = ("text",)


def note_dict(note: Any) -> dict[str, Any]:
    data = to_jsonable(note)
    for name in NOTE_FIELDS_LEFT_OUT:
        data.pop(name, None)
    return data


def _top_level(result: AuditResult) -> list[tuple[str, Any]]:
    """(key, value) in contract order; list values stay lazy (iterables of plain dicts)."""
    values: dict[str, Any] = {
        "schema_version": result.schema_version,
        "tool": result.tool,
        "pack": result.pack,
        "inputs": (to_jsonable(r) for r in result.inputs),
        "notes": (note_dict(n) for n in sorted(result.notes, key=source_order_key)),
        "clones": (to_jsonable(c) for c in result.clones),
        "claims": (to_jsonable(c) for c in result.claims),
        "clinicians": (to_jsonable(c) for c in result.clinicians),
        "summary": result.summary,
    }
    return [(key, values[key]) for key in TOP_LEVEL_ORDER]


def audit_dict(result: AuditResult) -> dict[str, Any]:
    """The whole file as one dict (for callers that want it in memory)."""
    return {key: list(value) if key in STREAMED_LISTS else to_jsonable(value) for key, value in _top_level(result)}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)


def _indented(text: str, prefix: str) -> str:
    return text.replace("\n", "\n" + prefix)


def write_json(result: AuditResult, handle: IO[str]) -> None:
    """Stream audit.json to a text handle. NaN is refused (it is not JSON)."""
    handle.write("{")
    entries = _top_level(result)
    for index, (key, value) in enumerate(entries):
        handle.write(f"\n  {json.dumps(key)}: ")
        if key in STREAMED_LISTS:
            _write_list(value, handle)
        else:
            handle.write(_indented(_dumps(to_jsonable(value)), "  "))
        if index < len(entries) - 1:
            handle.write(",")
    handle.write("\n}\n")


def _write_list(items: Iterable[Any], handle: IO[str]) -> None:
    wrote = False
    for item in items:
        handle.write(",\n    " if wrote else "[\n    ")
        handle.write(_indented(_dumps(item), "    "))
        wrote = True
    handle.write("\n  ]" if wrote else "[]")


def render_json(result: AuditResult) -> bytes:
    """The file's bytes (small results, tests)."""
    buffer = io.StringIO()
    write_json(result, buffer)
    return buffer.getvalue().encode("utf-8")

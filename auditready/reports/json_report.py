"""audit.json: the contract other tools and tests read (DESIGN.md "audit.json", schema_version 1).

Keys keep the contract's order with added fields after them; notes are ordered by source path,
page and row so two runs over the same files give the same file. Note text is left out (the
evidence spans carry the passages that matter; the full text would multiply the file's size).

The file is written one list item at a time, so 100,000 notes never exist as one giant string;
the bytes are exactly those of `json.dumps(audit_dict(result), indent=2)`. They are produced by
`_encode`, which walks the dataclasses directly: the standard library's indenting encoder is
pure Python and, with `to_jsonable` building every dict first, took about 3 ms per note (five
minutes at 100,000 notes); `_encode` takes a tenth of that.
"""

from __future__ import annotations

import dataclasses
import io
import json
import math
from collections.abc import Iterable
from datetime import date
from json.encoder import encode_basestring
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
    lists: dict[str, tuple[Iterable[Any], tuple[str, ...]]] = {
        "inputs": (result.inputs, ()),
        "notes": (sorted(result.notes, key=source_order_key), NOTE_FIELDS_LEFT_OUT),
        "clones": (result.clones, ()),
        "claims": (result.claims, ()),
        "clinicians": (result.clinicians, ()),
    }
    for index, key in enumerate(TOP_LEVEL_ORDER):
        handle.write(f"\n  {json.dumps(key)}: ")
        if key in lists:
            items, left_out = lists[key]
            _write_list(items, handle, left_out)
        else:
            parts: list[str] = []
            _encode(getattr(result, key), "\n  ", parts)
            handle.write("".join(parts))
        if index < len(TOP_LEVEL_ORDER) - 1:
            handle.write(",")
    handle.write("\n}\n")


def _write_list(items: Iterable[Any], handle: IO[str], left_out: tuple[str, ...] = ()) -> None:
    wrote = False
    for item in items:
        parts = [",\n    " if wrote else "[\n    "]
        _encode(item, "\n    ", parts, left_out)
        handle.write("".join(parts))
        wrote = True
    handle.write("\n  ]" if wrote else "[]")


# ------------------------------------------------------------------------------- the encoder
# json.dumps(to_jsonable(value), ensure_ascii=False, indent=2, allow_nan=False), byte for byte,
# without building the intermediate dicts. `newline` is "\n" plus the current indentation.

_KEYS: dict[tuple[type, tuple[str, ...]], tuple[tuple[str, str], ...]] = {}


def _keys(kind: type, left_out: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(field name, its encoded key with the separator) for a dataclass type, computed once."""
    keys = _KEYS.get((kind, left_out))
    if keys is None:
        keys = _KEYS[(kind, left_out)] = tuple(
            (f.name, encode_basestring(f.name) + ": ") for f in dataclasses.fields(kind) if f.name not in left_out
        )
    return keys


def _float(value: float) -> str:
    if math.isnan(value) or math.isinf(value):
        raise ValueError("Out of range float values are not JSON compliant: " + repr(value))
    return float.__repr__(value)


def _encode(value: Any, newline: str, out: list[str], left_out: tuple[str, ...] = ()) -> None:
    kind = type(value)
    if kind is str:
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is float:
        out.append(_float(value))
    elif kind is list or kind is tuple:
        _sequence(value, newline, out)
    elif kind is dict:
        _mapping(value, newline, out)
    else:
        _other(value, newline, out, left_out)


def _other(value: Any, newline: str, out: list[str], left_out: tuple[str, ...]) -> None:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        _object(value, _keys(type(value), left_out), newline, out)
    elif isinstance(value, date):
        out.append(encode_basestring(value.isoformat()))
    elif isinstance(value, dict):
        _mapping(value, newline, out)
    elif isinstance(value, (list, tuple)):
        _sequence(value, newline, out)
    elif isinstance(value, str):
        out.append(encode_basestring(value))
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _object(value: Any, keys: tuple[tuple[str, str], ...], newline: str, out: list[str]) -> None:
    if not keys:
        out.append("{}")
        return
    inner = newline + "  "
    separator = "," + inner
    out.append("{" + inner)
    first = True
    append = out.append
    for name, key in keys:
        if first:
            first = False
        else:
            append(separator)
        append(key)
        item = getattr(value, name)
        kind = type(item)
        # The leaves most fields hold, without a call each.
        if kind is str:
            append(encode_basestring(item))
        elif item is None:
            append("null")
        elif kind is int:
            append(int.__repr__(item))
        else:
            _encode(item, inner, out)
    append(newline + "}")


def _sequence(values: Any, newline: str, out: list[str]) -> None:
    if not values:
        out.append("[]")
        return
    inner = newline + "  "
    separator = "," + inner
    out.append("[" + inner)
    first = True
    for item in values:
        if not first:
            out.append(separator)
        first = False
        _encode(item, inner, out)
    out.append(newline + "]")


def _mapping(values: dict[Any, Any], newline: str, out: list[str]) -> None:
    if not values:
        out.append("{}")
        return
    inner = newline + "  "
    separator = "," + inner
    out.append("{" + inner)
    first = True
    for key, item in values.items():
        if first:
            first = False
        else:
            out.append(separator)
        out.append(encode_basestring(key if type(key) is str else str(key)))
        out.append(": ")
        _encode(item, inner, out)
    out.append(newline + "}")


def render_json(result: AuditResult) -> bytes:
    """The file's bytes (small results, tests)."""
    buffer = io.StringIO()
    write_json(result, buffer)
    return buffer.getvalue().encode("utf-8")

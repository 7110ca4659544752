"""`--deidentify`: client names and ids replaced by stable pseudonyms everywhere in the outputs.

"Everywhere" means every string the renderers can print: note fields, note text, evidence
snippets, messages, shared clone passages, file paths (exports are often named after the
client), note ids built from those paths, claims, the summaries. The result is a deep copy; the
scan's own AuditResult is left as it was unless the caller asks for in-place work.

Pseudonyms are "Client-001", "Client-002", ... numbered in an order drawn from a random per-run
salt that is never stored, so numbers are stable within a run but say nothing about the name
(not even its alphabetical position). Ids become "ID-001" for the same client. Dates of birth
are dropped.

Detection in free text replaces every known name token case-insensitively: the full name in
either order ("Maria Garcia", "Garcia, Maria", "MariaGarcia" in a file name), each first and
last name alone (so "Maria's" becomes "Client-001's"), and ids of four or more characters
(shorter ids would clobber ordinary numbers such as minutes; they are replaced in id fields
only). A client first name that is also an ordinary word ("Hope") is replaced wherever it
occurs: a garbled sentence is the lesser harm.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from auditready.crossnote.identity import normalize_id, person_key
from auditready.models import AuditResult, NoteResult, Span

# Fields whose values are vocabulary or staff, never client data; scrubbing them could only
# corrupt them (a client named "Pass" must not rename a status).
UNSCRUBBED_FIELDS = frozenset(
    {
        "criterion", "status", "severity", "verdict", "note_type", "format", "rule", "rule_id",
        "clinician", "credentials", "cpt", "sha256", "date_of_service", "start", "end",
        "schema_version", "unit", "method", "basis_kind", "fee_source", "universe_source",
    }
)
DROPPED_FIELDS = frozenset({"dob"})
MIN_NAME_TOKEN = 2
MIN_ID_IN_TEXT = 4
_HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr"}


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def _name_tokens(name: str) -> list[str]:
    text = re.sub(r"\([^)]*\)", " ", name)
    tokens = [t.strip(".") for t in re.split(r"[\s,]+", text) if t.strip(".")]
    tokens = [t for t in tokens if t.casefold() not in _HONORIFICS]
    return [t for t in tokens if len(_norm(t)) >= MIN_NAME_TOKEN]


@dataclass
class _Client:
    key: str
    names: set[str]
    ids: set[str]
    pseudonym: str = ""
    id_pseudonym: str = ""


# Words: letters joined by inner apostrophes or hyphens (O'Connell, Garcia-Lopez, Maria's).
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
# Id-like runs holding a digit: letters and digits joined by hyphens (MRN-000123, A12345).
# Ids made only of letters are replaced in id fields but not searched for in free text.
_ID_WITH_DIGIT = re.compile(r"(?:[^\W_]+-)*[^\W\d_]*\d[^\W_]*(?:-[^\W_]+)*")
_WORD_JOINERS = str.maketrans("", "", "'’-")
_CAMEL_PART = re.compile(r"[A-Z][a-z]+|[a-z]+|[A-Z]+(?![a-z])")
_CACHED_LENGTH = 400
_BETWEEN_NAME_PARTS = re.compile(r"^[\s,_.\-]*$")


class Scrubber:
    """Replaces known client names and ids in text in one linear pass over its words (a regex
    alternation of every name would be quadratic in practice size); can map offsets of the
    original text onto the new one."""

    def __init__(self, clients: Iterable[_Client]):
        owners: dict[str, set[str]] = {}
        self._ids: dict[str, str] = {}
        self._ids_in_text: dict[str, str] = {}
        for client in clients:
            for name in client.names:
                for token in _name_tokens(name):
                    owners.setdefault(_norm(token), set()).add(client.pseudonym)
                    for part in re.split(r"['’\-]", token):
                        if len(_norm(part)) >= MIN_NAME_TOKEN:
                            owners.setdefault(_norm(part), set()).add(client.pseudonym)
            for raw_id in client.ids:
                for variant in _id_variants(raw_id):
                    self._ids[variant] = client.id_pseudonym
                    if len(variant) >= MIN_ID_IN_TEXT:
                        self._ids_in_text[variant] = client.id_pseudonym
        self._owners = {token: frozenset(found) for token, found in owners.items()}
        self._cache: dict[str, str] = {}

    def _name_at(self, word: str) -> tuple[frozenset[str], int] | None:
        """(possible owners, length of the name) when `word` is a known name, maybe possessive.
        `word` is a _WORD match: letters with inner apostrophes or hyphens only."""
        found = self._owners.get(word.casefold().translate(_WORD_JOINERS))
        if found:
            return found, len(word)
        if word[-1:] in "sS" and word[-2:-1] in "'’":
            stem = word[:-2]
            found = self._owners.get(stem.casefold().translate(_WORD_JOINERS))
            if found:
                return found, len(stem)
        return None

    def _camel_names(self, part: str, base: int) -> list[tuple[int, int, frozenset[str]]]:
        """Names glued into file names: "MariaGarcia", "OConnellNotes" (longest run first)."""
        pieces = [(m.start(), m.end()) for m in _CAMEL_PART.finditer(part)]
        found = []
        i = 0
        while i < len(pieces):
            for width in (3, 2, 1):
                if i + width <= len(pieces):
                    start, end = pieces[i][0], pieces[i + width - 1][1]
                    owners = self._owners.get(_norm(part[start:end]))
                    if owners:
                        found.append((base + start, base + end, owners))
                        i += width
                        break
            else:
                i += 1
        return found

    def _edits(self, text: str) -> list[tuple[int, int, str]]:
        names: list[tuple[int, int, frozenset[str]]] = []
        owners_of = self._owners
        for match in _WORD.finditer(text):
            word = match.group(0)
            joined = "-" in word or "'" in word or "’" in word
            if not joined:
                # The common case, one dictionary lookup: an ordinary word or a plain name.
                found = owners_of.get(word.casefold())
                if found:
                    names.append((match.start(), match.end(), found))
                    continue
                if word[1:].islower():
                    continue
            base = match.start()
            whole = self._name_at(word)
            if whole:
                names.append((base, base + whole[1], whole[0]))
                continue
            # Parts of hyphenated words, then camel-case parts of glued file names.
            offset = 0
            for part in re.split(r"(['’\-])", word):
                if part and part not in "'’-":
                    hit = self._name_at(part)
                    if hit:
                        names.append((base + offset, base + offset + hit[1], hit[0]))
                    elif not part[1:].islower() and not part[1:].isupper():
                        names.extend(self._camel_names(part, base + offset))
                offset += len(part)
        merged: list[tuple[int, int, frozenset[str]]] = []
        for start, end, owners in names:
            # "Maria Garcia", "Garcia, Maria", "MariaGarcia" -> one pseudonym, not two; a first
            # name two clients share is resolved by the last name beside it.
            if merged and _BETWEEN_NAME_PARTS.match(text[merged[-1][1]:start]):
                common = merged[-1][2] & owners
                if common:
                    merged[-1] = (merged[-1][0], end, common)
                    continue
            merged.append((start, end, owners))
        edits = [(start, end, next(iter(owners)) if len(owners) == 1 else "Client")
                 for start, end, owners in merged]
        if self._ids_in_text:
            ids = self._ids_in_text
            for match in _ID_WITH_DIGIT.finditer(text):
                # A run is letters, digits and hyphens only, so this equals _norm().
                found = ids.get(match.group(0).casefold().replace("-", ""))
                if found:
                    edits.append((match.start(), match.end(), found))
        edits.sort()
        kept: list[tuple[int, int, str]] = []
        for edit in edits:
            if kept and edit[0] < kept[-1][1]:
                if edit[1] > kept[-1][1]:
                    kept[-1] = (kept[-1][0], edit[1], kept[-1][2])
                continue
            kept.append(edit)
        return kept

    def scrub_with_offsets(self, text: str) -> tuple[str, list[tuple[int, int, int, int]]]:
        """New text and the (old_start, old_end, new_start, new_end) of every replacement."""
        if not text:
            return text, []
        pieces: list[str] = []
        mapped: list[tuple[int, int, int, int]] = []
        position = produced = 0
        for start, end, replacement in self._edits(text):
            pieces.append(text[position:start])
            produced += start - position
            pieces.append(replacement)
            mapped.append((start, end, produced, produced + len(replacement)))
            produced += len(replacement)
            position = end
        pieces.append(text[position:])
        return "".join(pieces), mapped

    def scrub(self, text: str) -> str:
        # Messages, fixes and labels repeat across thousands of findings: scrub each once.
        if len(text) > _CACHED_LENGTH:
            return self.scrub_with_offsets(text)[0]
        found = self._cache.get(text)
        if found is None:
            found = self._cache[text] = self.scrub_with_offsets(text)[0]
        return found

    def scrub_id(self, value: Any) -> Any:
        if value is None or value == "":
            return value
        return self._ids.get(_norm(str(value)), self.scrub(str(value)))


def _id_variants(raw_id: str) -> set[str]:
    """An id as exports write it: whole ("mrn000123"), and its digits ("000123", "123")."""
    whole = _norm(raw_id)
    digits = re.sub(r"\D", "", raw_id)
    variants = {whole}
    if digits:
        variants.update({digits, digits.lstrip("0") or "0"})
    return {v for v in variants if v}


def _map_offset(offset: int, edits: list[tuple[int, int, int, int]], is_end: bool) -> int:
    shift = 0
    for old_start, old_end, new_start, new_end in edits:
        if offset >= old_end:
            shift = new_end - old_end
            continue
        if offset > old_start:  # inside a replaced name: snap to the replacement's edge
            return new_end if is_end else new_start
        break
    return offset + shift


def _collect_clients(result: AuditResult, salt: bytes) -> list[_Client]:
    clients: dict[str, _Client] = {}
    id_owner: dict[str, str] = {}

    def add(name: Any, client_id: Any) -> None:
        name = str(name).strip() if name else ""
        raw_id = str(client_id).strip() if client_id not in (None, "") else ""
        key = person_key(name) or (f"id:{normalize_id(raw_id)}" if raw_id else "")
        if not key:
            return
        if raw_id and normalize_id(raw_id) in id_owner:
            key = id_owner[normalize_id(raw_id)]
        client = clients.setdefault(key, _Client(key, set(), set()))
        if name:
            client.names.add(name)
        if raw_id:
            client.ids.add(raw_id)
            id_owner.setdefault(normalize_id(raw_id), key)

    for note in result.notes:
        add(note.client, note.fields.get("client_id"))
        if note.fields.get("client") and note.fields.get("client") != note.client:
            add(note.fields.get("client"), note.fields.get("client_id"))
    for claim in result.claims:
        add(claim.client, getattr(claim, "client_id", None))
    ordered = sorted(clients.values(), key=lambda c: hmac.new(salt, c.key.encode(), hashlib.sha256).digest())
    width = max(3, len(str(len(ordered))))
    for number, client in enumerate(ordered, start=1):
        client.pseudonym = f"Client-{number:0{width}d}"
        client.id_pseudonym = f"ID-{number:0{width}d}"
    return ordered


def _scrub_value(value: Any, scrubber: Scrubber, field_name: str | None = None) -> Any:
    if field_name in UNSCRUBBED_FIELDS:
        return value
    if isinstance(value, NoteResult):
        # Text and evidence were done together by _scrub_note, offsets and all.
        for f in dataclasses.fields(value):
            if f.name not in ("text", "findings"):
                setattr(value, f.name, _scrub_value(getattr(value, f.name), scrubber, f.name))
        for finding in value.findings:
            for f in dataclasses.fields(finding):
                if f.name != "evidence":
                    setattr(finding, f.name, _scrub_value(getattr(finding, f.name), scrubber, f.name))
            if not value.text:
                finding.evidence = [Span(s.start, s.end, scrubber.scrub(s.text)) for s in finding.evidence]
        return value
    if isinstance(value, str):
        return scrubber.scrub(value)
    if isinstance(value, list):
        return [_scrub_value(v, scrubber) for v in value]
    if isinstance(value, tuple):
        return tuple(_scrub_value(v, scrubber) for v in value)
    if isinstance(value, dict):
        return {k: _scrub_value(v, scrubber, str(k)) for k, v in value.items() if k not in DROPPED_FIELDS}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if not getattr(value, "__dataclass_params__").frozen:
                setattr(value, f.name, _scrub_value(getattr(value, f.name), scrubber, f.name))
        if getattr(value, "__dataclass_params__").frozen:
            changes = {f.name: _scrub_value(getattr(value, f.name), scrubber, f.name) for f in dataclasses.fields(value)}
            return dataclasses.replace(value, **changes)
        return value
    return value


def _scrub_note(note: NoteResult, scrubber: Scrubber) -> None:
    """Note text and its evidence spans together, so highlighted offsets still line up."""
    if note.text:
        new_text, edits = scrubber.scrub_with_offsets(note.text)
        for finding in note.findings:
            spans = []
            for span in finding.evidence:
                if 0 <= span.start <= span.end <= len(note.text) and note.text[span.start:span.end] == span.text:
                    start = _map_offset(span.start, edits, False)
                    end = _map_offset(span.end, edits, True)
                    spans.append(Span(start, end, new_text[start:end]))
                else:
                    spans.append(Span(span.start, span.end, scrubber.scrub(span.text)))
            finding.evidence = spans
        note.text = new_text
    if "client_id" in note.fields:
        note.fields["client_id"] = scrubber.scrub_id(note.fields["client_id"])


def deidentify(result: AuditResult, salt: bytes | None = None, *, in_place: bool = False) -> AuditResult:
    """`result` with client names and ids replaced by pseudonyms everywhere: a copy, or (for
    a large scan whose identified result is no longer needed) the same object changed in place."""
    copied = result if in_place else copy.deepcopy(result)
    clients = _collect_clients(copied, salt if salt is not None else secrets.token_bytes(32))
    scrubber = Scrubber(clients)
    for note in copied.notes:
        _scrub_note(note, scrubber)
    _scrub_value(copied, scrubber)
    copied.summary = dict(copied.summary)
    copied.summary["deidentified"] = True
    return copied

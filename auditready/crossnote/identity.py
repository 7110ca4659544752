"""Who a record is about and who wrote it, in a form that matches across sources.

A note says "SMITH, JOHN A.", the claims export "John Smith", the plan "john  smith"; the EHR
prints client ids as "000123", the clearinghouse as "MRN-123"; the rendering provider is "Dana
Whitfield, LCSW" on the claim and "Whitfield, Dana" in the note. Plans, claims and the clone
blocks all key people through this one module so those spellings land on the same key.

Keys are deliberately coarse (first and last name only, order-free): a false merge of two
clients with the same first and last name is possible, which is why an id, when both sides
have one, always wins over the name (`same_client`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache, wraps

# Professional credentials and degrees that follow (or precede) a clinician's name in EHR and
# billing exports. Stripped only from clinician names: a client named "Ma" or "Do" keeps it.
CLINICIAN_CREDENTIALS = frozenset(
    """
    lcsw licsw lcswc lcswr lmsw lsw lisw csw acsw msw lpc lpcc lpcs lpca lpcmh lcpc lcmhc lmhc
    lmhca lmft lmfts lmfta mft amft lcadc ladc cadc licdc lac lcdc lp lpa psyd phd edd md do
    dnp np aprn pmhnp pmhnpbc fnp fnpbc rn pa pac ma ms mss med mdiv bcba qmhp qmha ncc
    """.split()
)
HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof"})
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _ascii_lower(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _tokens(chunk: str) -> list[str]:
    # Apostrophes, hyphens and dots join a name's parts (O'Brien, Garcia-Lopez, Ph.D.).
    chunk = re.sub(r"['’.\-]", "", chunk)
    return re.findall(r"[a-z0-9]+", chunk)


def _name_tokens(name: str | None, strip_credentials: bool) -> list[str]:
    """Given-name-first tokens without initials, honorifics, suffixes (and credentials)."""
    if not name:
        return []
    text = _ascii_lower(str(name))
    text = re.sub(r"\([^)]*\)", " ", text)  # "(she/her)", "(preferred: Jack)"
    chunks = [_tokens(chunk) for chunk in text.split(",")]
    if strip_credentials:
        chunks = [[t for t in chunk if t not in CLINICIAN_CREDENTIALS] for chunk in chunks]
    chunks = [[t for t in chunk if t not in NAME_SUFFIXES] for chunk in chunks]
    chunks = [chunk for chunk in chunks if chunk]
    if len(chunks) >= 2:
        # "Last, First Middle" (anything after the second chunk was a suffix or credential).
        ordered = chunks[1] + chunks[0]
    else:
        ordered = chunks[0] if chunks else []
    ordered = [t for t in ordered if t not in HONORIFICS]
    # Initials ("A", "J.") vary between systems; drop them unless they are all there is.
    full = [t for t in ordered if len(t) > 1 and not t.isdigit()]
    return full or ordered


def _key_from_tokens(tokens: list[str]) -> str:
    if not tokens:
        return ""
    # First and last name, order-free, so "Smith John" (no comma) still meets "John Smith";
    # middle names differ too often between systems to be part of the key.
    return " ".join(sorted({tokens[0], tokens[-1]}))


def _memoized(function: Callable[[object], str]) -> Callable[[object], str]:
    """Keys are asked for the same few thousand names and ids once per note per check (about
    eight times per note at 100,000 notes): remember them. Unhashable values are computed."""
    cached = lru_cache(maxsize=1 << 16)(function)

    @wraps(function)
    def key(value: object) -> str:
        try:
            return cached(value)
        except TypeError:
            return function(value)

    return key


@_memoized
def person_key(name: str | None) -> str:
    """Match key for a client's name; "" when there is no name."""
    return _key_from_tokens(_name_tokens(name, strip_credentials=False))


@_memoized
def clinician_key(name: str | None) -> str:
    """Match key for a clinician's name, ignoring credentials ("Dana Whitfield, LCSW")."""
    return _key_from_tokens(_name_tokens(name, strip_credentials=True))


@_memoized
def normalize_id(value: object) -> str:
    """Match key for a client/member id: digits without leading zeros ("MRN-000123" -> "123");
    ids without digits compare as lowercase letters. "" when there is no id."""
    if value is None:
        return ""
    text = _ascii_lower(str(value)).strip()
    if re.fullmatch(r"\d+\.0", text):  # a numeric id read back from a spreadsheet as 123.0
        text = text[:-2]
    digits = re.sub(r"\D", "", text)
    if digits:
        return digits.lstrip("0") or "0"
    return re.sub(r"[^a-z]", "", text)


def same_client(name_a: str | None, id_a: object, name_b: str | None, id_b: object) -> bool:
    """Two records are about the same client: by id when both carry one, else by name."""
    key_a, key_b = normalize_id(id_a), normalize_id(id_b)
    if key_a and key_b:
        return key_a == key_b
    name_key_a, name_key_b = person_key(name_a), person_key(name_b)
    return bool(name_key_a) and name_key_a == name_key_b


def same_clinician(name_a: str | None, name_b: str | None) -> bool:
    key_a, key_b = clinician_key(name_a), clinician_key(name_b)
    return bool(key_a) and key_a == key_b


class ClientIndex:
    """Records (plans, notes) looked up by client: id first, name when an id is missing.

    A record with an id is found by that id, and by name only from a query without an id;
    so two clients who share a name but carry different ids never meet.
    """

    def __init__(self) -> None:
        self._by_id: dict[str, list[object]] = {}
        self._by_name: dict[str, list[tuple[str, object]]] = {}

    def add(self, name: str | None, client_id: object, record: object) -> None:
        id_key = normalize_id(client_id)
        if id_key:
            self._by_id.setdefault(id_key, []).append(record)
        name_key = person_key(name)
        if name_key:
            self._by_name.setdefault(name_key, []).append((id_key, record))

    def find(self, name: str | None, client_id: object) -> list[object]:
        id_key = normalize_id(client_id)
        found: list[object] = []
        seen: set[int] = set()

        def take(record: object) -> None:
            if id(record) not in seen:
                seen.add(id(record))
                found.append(record)

        if id_key:
            for record in self._by_id.get(id_key, []):
                take(record)
        for record_id, record in self._by_name.get(person_key(name), []):
            # By name only where at most one side has an id.
            if not (id_key and record_id):
                take(record)
        return found

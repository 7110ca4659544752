"""Which notes belong to the client a records request names.

Sending another client's record to a payer is an impermissible disclosure, so matching is
exact after normalization (case, accents, punctuation, "Last, First" order) and never guesses:
a partial match ("Lopez" for "Maria Lopez") is only offered as a suggestion, and a name shared
by clients with different ids or dates of birth is refused with the candidates listed, so the
user re-runs with the id (or --dob).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from auditready.crossnote.identity import normalize_id, person_key
from auditready.models import Note
from auditready.packet.errors import AmbiguousClient, NoRecords

DOB_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%m-%d-%Y", "%d.%m.%Y", "%B %d, %Y", "%b %d, %Y")


def name_key(name: object) -> str:
    """A client name as the project's match key (first and last name, order-free, accents,
    case, initials and "Last, First" order ignored: crossnote/identity.py)."""
    return person_key(str(name)) if name else ""


def id_key(value: object) -> str:
    return normalize_id(value)


def dob_key(value: object) -> str:
    """A date of birth as ISO text when it can be read as a date, else its trimmed text."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value or "").strip()
    for fmt in DOB_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return text


@dataclass(slots=True)
class ClientIdentity:
    """The client a packet is for, as the records name them."""

    name: str
    client_id: str = ""
    dob: str = ""  # ISO date when readable

    def describe(self) -> str:
        parts = [self.name or "(no name)"]
        parts.append(f"id {self.client_id}" if self.client_id else "no id")
        parts.append(f"DOB {self.dob}" if self.dob else "no DOB")
        return ", ".join(parts)


@dataclass(slots=True)
class ClientMatch:
    identity: ClientIdentity
    notes: list[Note]
    # Notes carrying the client's name but no id or DOB, while another client shares that
    # name: they cannot be attributed safely, so they stay out and the review lists them.
    unattributed: list[Note] = field(default_factory=list)
    matched_by: str = "name"  # name | id


@dataclass(slots=True)
class _Group:
    client_id: str = ""
    dob: str = ""
    notes: list[Note] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # key -> a name as written

    def add(self, note: Note) -> None:
        self.notes.append(note)
        name = str(note.value("client") or "").strip()
        if name:
            self.names.setdefault(name_key(name), name)


def _note_id(note: Note) -> str:
    return id_key(note.value("client_id"))


def _note_dob(note: Note) -> str:
    return dob_key(note.value("dob"))


def _group(notes: list[Note]) -> tuple[list[_Group], list[Note]]:
    """Cluster notes into client identities: by client id first, then by DOB; a note lacking
    both joins the only identity there is, or stays unattributed when there are several."""
    by_id: dict[str, _Group] = {}
    by_dob: dict[str, _Group] = {}
    bare: list[Note] = []
    for note in notes:
        cid, dob = _note_id(note), _note_dob(note)
        if cid:
            group = by_id.setdefault(cid, _Group(client_id=str(note.value("client_id")).strip()))
            group.add(note)
            if dob and not group.dob:
                group.dob = dob
            elif dob and group.dob != dob:
                # One id with two birth dates is a data conflict: keep them apart so the user sees it.
                conflict = by_id.setdefault(f"{cid}|{dob}", _Group(client_id=group.client_id, dob=dob))
                group.notes.remove(note)
                conflict.add(note)
        elif dob:
            by_dob.setdefault(dob, _Group(dob=dob)).add(note)
        else:
            bare.append(note)
    groups = list(by_id.values())
    for dob, dob_group in by_dob.items():
        owners = [g for g in groups if g.dob == dob]
        if len(owners) == 1:
            for note in dob_group.notes:
                owners[0].add(note)
        else:
            groups.append(dob_group)
    if len(groups) <= 1:
        if not groups:
            groups = [_Group()]
        for note in bare:
            groups[0].add(note)
        return groups, []
    return groups, bare


def _candidate(group: _Group) -> dict:
    return {
        "name": next(iter(group.names.values()), ""),
        "client_id": group.client_id,
        "dob": group.dob,
        "notes": len(group.notes),
    }


def _suggestions(notes: list[Note], query: str) -> list[str]:
    """Clients whose name contains every word of the query, or the query every word of
    theirs, or whose id starts with it: offered, never used."""
    words = set(name_key(query).split())
    qid = id_key(query)
    found: dict[tuple[str, str], str] = {}
    for note in notes:
        name = str(note.value("client") or "").strip()
        tokens = set(name_key(name).split())
        cid = _note_id(note)
        partial = words and tokens and (words <= tokens or tokens <= words)
        if partial or (qid and cid and cid.startswith(qid)):
            found.setdefault((name_key(name), cid), ClientIdentity(
                name, str(note.value("client_id") or "").strip(), _note_dob(note)).describe())
    return sorted(found.values())


def _add_unlabelled(group: _Group, notes: list[Note], qid: str) -> list[Note]:
    """In an id match, notes carrying the client's name but no id (a DOCX without an id line)
    join when their DOB agrees; a note with neither id nor DOB joins only when no other client
    in the exports carries that name. Returns the notes left out as unattributable."""
    names = set(group.names)
    same_name = [n for n in notes if name_key(n.value("client")) in names]
    others = {_note_id(n) for n in same_name if _note_id(n)} - {qid}
    other_dobs = {_note_dob(n) for n in same_name if _note_dob(n)} - {group.dob}
    already = {id(n) for n in group.notes}
    left_out = []
    for note in same_name:
        if _note_id(note) or id(note) in already:
            continue
        dob = _note_dob(note)
        if (dob and dob == group.dob) or (not dob and not others and not other_dobs):
            group.add(note)
        elif not dob:
            left_out.append(note)
    return left_out


def resolve_client(notes: list[Note], query: str, dob: date | None = None) -> ClientMatch:
    """The notes of the one client `query` names (a name or a client id), or an error that
    lists the candidates. `dob` chooses among clients who share a name."""
    query = query.strip()
    qid, qname = id_key(query), name_key(query)
    if not qid and not qname:
        raise NoRecords("--client is empty: give the client's name or id")
    by_id = [n for n in notes if qid and _note_id(n) == qid]
    matched_by = "id" if by_id else "name"
    matched = by_id or [n for n in notes if qname and name_key(n.value("client")) == qname]
    if not matched:
        hint = _suggestions(notes, query)
        message = f"no records for client {query!r} in the scanned exports"
        if hint:
            message += "; clients with a similar name or id: " + "; ".join(hint[:10])
        raise NoRecords(message)
    # Group everything the query matched first, so a DOB filter cannot hide that another
    # client shares the name (which would let their undated, unlabelled notes slip in).
    groups, unattributed = _group(matched)
    if dob is not None:
        wanted = dob.isoformat()
        chosen = [g for g in groups if g.dob == wanted] or [g for g in groups if not g.dob]
        if not chosen:
            found = ", ".join(sorted(g.dob for g in groups if g.dob))
            raise NoRecords(f"no records for client {query!r} with DOB {wanted} (DOBs found: {found})")
        groups = chosen
    if len(groups) > 1:
        candidates = [_candidate(g) for g in groups]
        listed = "; ".join(
            ClientIdentity(c["name"], c["client_id"], c["dob"]).describe() + f" ({c['notes']} notes)"
            for c in candidates
        )
        raise AmbiguousClient(
            f"{len(groups)} clients match {query!r}: {listed}. Re-run with --client ID "
            "(or --dob YYYY-MM-DD) to choose one.",
            candidates,
        )
    group = groups[0]
    if matched_by == "id":
        unattributed = unattributed + _add_unlabelled(group, notes, qid)
    name = next(iter(group.names.values()), query)
    return ClientMatch(
        identity=ClientIdentity(name=name, client_id=group.client_id, dob=group.dob),
        notes=group.notes,
        unattributed=unattributed,
        matched_by=matched_by,
    )

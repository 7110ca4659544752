"""The note is signed by its author, with credentials (criteria.md 1E `signature_valid`,
`credentials_present`). Field extraction (ingest/fields.py) reads the signature line and its
status: a draft, an unsigned status or a placeholder signature line ("Signature: ______") is not
a signature, and neither is an EHR "signed" status that names no author."""

from __future__ import annotations

from auditready.rules.registry import CheckParams, note_check
from auditready.rules.result import failed, passed

SEARCHED = ("a signature naming the author ('Electronically signed by <name>, <credentials> on "
            "<date>', 'Signature: ...'), a signer column, and the note's status (draft/unsigned)")


class Params(CheckParams):
    require_credentials: bool = True


@note_check("signature", Params)
def check(note, classification, params: Params, ctx):
    """The note is signed, and the signature carries the author's credentials."""
    status, signer = note.value("signature_status"), note.value("signer")
    if status in ("draft", "unsigned"):
        return failed(f"The note is {'a draft' if status == 'draft' else 'not signed'}.",
                      SEARCHED, ctx.field_evidence("signature_status"))
    if not signer:
        if status == "signed":
            return failed("Marked signed, but the record does not name who signed it.",
                          SEARCHED, ctx.field_evidence("signature_status"))
        return failed("No signature found.", SEARCHED)
    credentials = note.value("signer_credentials") or note.value("credentials")
    if credentials:
        return passed(f"Signed by {signer}, {credentials}.",
                      ctx.field_evidence("signer", "signer_credentials", "signed_date"))
    if params.require_credentials:
        return failed(f"Signed by {signer}, but without credentials (e.g. LCSW, PhD).",
                      "credentials after the signer's name or in a credentials column",
                      ctx.field_evidence("signer"))
    return passed(f"Signed by {signer}.", ctx.field_evidence("signer", "signed_date"))

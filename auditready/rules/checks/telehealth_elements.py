"""A telehealth note states its modality, where the client was, and (where a payer requires it)
consent (criteria.md 1F: `telehealth_modality`, `telehealth_patient_location`,
`telehealth_consent`). Applies only to notes that are telehealth by field, POS or modifier."""

from __future__ import annotations

from auditready.rules.evidence import sentences
from auditready.rules.lexicon_params import Categories
from auditready.rules.registry import CheckParams, note_check
from auditready.rules.result import failed, not_applicable, passed

LEXICON = "telehealth"


class Params(CheckParams):
    modality_categories: Categories(LEXICON)
    location_categories: Categories(LEXICON)
    consent_categories: Categories(LEXICON)
    require_modality: bool = True
    require_location: bool = True
    require_consent: bool = False
    # Place-of-service codes that mean telehealth (Medicare from 2024: 02 other than home, 10
    # home, criteria.md 1F) and the one that also states the client's location (home).
    telehealth_places: list[str] = ["02", "10"]
    home_place: str = "10"


@note_check("telehealth_elements", Params)
def check(note, classification, params: Params, ctx):
    """A telehealth note documents modality, client location and (if required) consent."""
    place = str(note.value("place_of_service") or "").strip()
    if note.value("telehealth") is not True and place not in params.telehealth_places:
        return not_applicable("Not a telehealth session.")

    def stated(categories):
        return [m for m in ctx.in_categories(LEXICON, categories) if not m.negated]

    modality = stated(params.modality_categories)
    location = stated(params.location_categories)
    consent = stated(params.consent_categories)
    evidence = ctx.field_evidence("telehealth_modality", "place_of_service")
    has = {
        "modality (audio-video or audio-only)": bool(modality) or note.value("telehealth_modality") is not None,
        "client location": bool(location) or place == params.home_place,
        "telehealth consent": bool(consent),
    }
    required = {
        "modality (audio-video or audio-only)": params.require_modality,
        "client location": params.require_location,
        "telehealth consent": params.require_consent,
    }
    evidence += sentences(modality, 1) + sentences(location, 1) + sentences(consent, 1)
    missing = [name for name, needed in required.items() if needed and not has[name]]
    if missing:
        return failed(f"Telehealth note without {', '.join(missing)}.",
                      "statements of " + ", ".join(name for name, needed in required.items() if needed),
                      evidence)
    shown = [name for name, needed in required.items() if needed and has[name]]
    return passed("Telehealth elements documented: " + ", ".join(shown) + ".", evidence)

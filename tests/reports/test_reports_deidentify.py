"""--deidentify: no client name or id survives in any output file."""

from __future__ import annotations

import re
import zipfile

from auditready.reports import build_summaries, deidentify, write_reports
from auditready.reports.deidentify import Scrubber, _Client

# Every token of the fixture clients' names and ids (conftest.CLIENTS).
SECRETS = ["Marisol", "Quintanilla", "Dmitri", "Connell", "Beatriz", "Fairweather", "004417", "A99812", "73310",
           "1984-02-11"]


def _all_output_text(folder):
    """Every file's text (xlsx members unzipped) and every file name under `folder`."""
    texts = {}
    for path in folder.rglob("*"):
        texts[f"name:{path.relative_to(folder)}"] = str(path.relative_to(folder))
        if path.is_file() and path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    texts[f"{path.name}!{member}"] = archive.read(member).decode("utf-8", "replace")
        elif path.is_file():
            texts[path.name] = path.read_text(encoding="utf-8-sig")
    return texts


def test_no_client_name_or_id_in_any_output(claims_result, default_fees, tmp_path):
    build_summaries(claims_result, fees=default_fees)
    clean = deidentify(claims_result, salt=b"test")
    out = tmp_path / "report"
    written = write_reports(clean, out, {"json", "csv", "xlsx", "html"})
    assert {"json", "xlsx", "html", "notes_csv", "findings_csv", "claims_csv"} <= set(written)
    texts = _all_output_text(out)
    for name, text in texts.items():
        for secret in SECRETS:
            assert secret.lower() not in text.lower(), f"{secret} leaked into {name}"
    # The pseudonyms are there instead, and clinicians are not renamed.
    joined = "\n".join(texts.values())
    assert re.search(r"Client-00[1-3]", joined) and "Dana Whitfield, LCSW" in joined
    assert "de-identified" in texts["index.html"]


def test_original_result_is_untouched(claims_result):
    deidentify(claims_result)
    assert claims_result.notes[0].client == "Marisol Quintanilla"
    assert "Marisol" in claims_result.notes[0].text


def test_pseudonyms_are_consistent_and_evidence_still_lines_up(claims_result):
    clean = deidentify(claims_result, salt=b"salt")
    by_client = {}
    for note in clean.notes:
        by_client.setdefault(note.fields["client_id"], set()).add(note.client)
        assert "dob" not in note.fields
        for finding in note.findings:
            for span in finding.evidence:
                assert note.text[span.start:span.end] == span.text
    assert all(len(names) == 1 for names in by_client.values())
    pseudonym = clean.notes[0].client
    assert pseudonym.startswith("Client-") and clean.notes[0].fields["client_id"].startswith("ID-")
    assert clean.claims[0].client == pseudonym  # same client in the claims file, same pseudonym
    assert clean.notes[0].id.startswith(f"exports/{pseudonym}.pdf#")
    assert clean.claims[0].note_id == clean.notes[0].id
    assert clean.clones[0].notes[0] == clean.notes[0].id
    assert f"{pseudonym}'s response" in clean.notes[0].text  # possessive kept readable
    # Same salt, same numbering; numbering does not follow alphabetical order of names.
    assert deidentify(claims_result, salt=b"salt").notes[0].client == pseudonym


def test_scrubber_variants():
    scrubber = Scrubber([
        _Client("a", {"Maria Garcia-Lopez"}, {"MRN-000123"}, "Client-001", "ID-001"),
        _Client("b", {"Dmitri O'Connell"}, set(), "Client-002", "ID-002"),
        _Client("c", {"Chen, Maria"}, set(), "Client-003", "ID-003"),
    ])
    cases = {
        "Garcia-Lopez, Maria; MRN 000123, 45 minutes": "Client-001; MRN ID-001, 45 minutes",
        "GARCIA LOPEZ said": "Client-001 said",
        "Dmitri's mood; O’Connell, Dmitri": "Client-002's mood; Client-002",
        "MariaGarcia_2024.pdf and OConnellNotes.pdf": "Client-001_2024.pdf and Client-002Notes.pdf",
        "maria chen; Maria said": "Client-003; Client said",  # a shared first name names neither
    }
    for original, expected in cases.items():
        assert scrubber.scrub(original) == expected

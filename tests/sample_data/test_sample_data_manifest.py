"""expected_situations.yaml agrees with the files it describes: every note is where the
manifest says, each planted situation is visible in the file text, and the claims, plans,
clones and impossible days follow from the files themselves."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

DESIGN_MD = Path(__file__).resolve().parents[3] / "shared" / "DESIGN.md"
TEXT_RULE = "=" * 72
SIGNED = re.compile(r"signed by [^\n]*? (?:on|at) (\d{2}/\d{2}/\d{4})", re.IGNORECASE)
ICD10 = re.compile(r"\b[A-TV-Z]\d{2}(?:\.\d{1,4})?\b")
CLOCK_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
# CPT time bands (criteria.md section 2, Novitas): minutes that support each timed code.
BANDS = {"90832": (16, 37), "90834": (38, 52), "90837": (53, 10_000)}


def us(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%m/%d/%Y")


def clock(hhmm: str | None) -> str | None:
    if hhmm is None:
        return None
    value = datetime.strptime(hhmm, "%H:%M")
    return f"{value.hour % 12 or 12}:{value.minute:02d} {'AM' if value.hour < 12 else 'PM'}"


def by_source(manifest: dict) -> dict[str, list[dict]]:
    grouped = defaultdict(list)
    for entry in manifest["notes"]:
        grouped[entry["source"]].append(entry)
    return grouped


@pytest.fixture(scope="module")
def note_texts(manifest, sample_dir, read) -> dict[str, str]:
    """Each note's full text as its file holds it (header, body, signature)."""
    texts = {}
    for source, entries in by_source(manifest).items():
        path = sample_dir / source
        suffix = path.suffix
        if suffix == ".pdf":
            pages = read.pdf_pages(path)
            if len(entries) == 1:
                texts[entries[0]["key"]] = "\n".join(pages)
                continue
            whole = "\n".join(pages)
            starts = [whole.index(f"Date of Service: {us(e['date_of_service'])}") for e in entries]
            for entry, start, end in zip(entries, starts, starts[1:] + [len(whole)]):
                texts[entry["key"]] = whole[start:end]
        elif suffix == ".docx":
            texts[entries[0]["key"]] = read.docx_text(path)
        elif suffix == ".txt":
            blocks = path.read_text(encoding="utf-8").split(TEXT_RULE)
            for entry in entries:
                texts[entry["key"]] = blocks[entry["note"]]
        elif suffix == ".xlsx":
            (rows,) = read.xlsx_rows(path).values()
            for entry in entries:
                texts[entry["key"]] = "\n".join(str(v) for v in rows[entry["row"] - 1] if v is not None)
        elif suffix == ".csv":
            records = read.csv_records(path, "cp1252")
            for entry in entries:
                texts[entry["key"]] = "\n".join(records[entry["row"] - 1])
    return texts


def test_every_note_is_where_the_manifest_says(manifest, sample_dir, read):
    for source, entries in by_source(manifest).items():
        path = sample_dir / source
        assert path.is_file(), source
        assert [e["note"] for e in entries] == list(range(1, len(entries) + 1)), source
        if path.suffix == ".pdf":
            pages = read.pdf_pages(path)
            assert [e["page"] for e in entries] == sorted(e["page"] for e in entries)
            for entry in entries:
                page = pages[entry["page"] - 1]
                assert entry["client"] in page and us(entry["date_of_service"]) in page, entry["key"]
                for moment in (clock(entry["start"]), clock(entry["end"])):
                    assert moment is None or moment in page, entry["key"]
        elif path.suffix == ".xlsx":
            (rows,) = read.xlsx_rows(path).values()
            header = rows[2]
            assert len(rows) - 3 == len(entries)
            for entry in entries:
                cells = dict(zip(header, rows[entry["row"] - 1]))
                assert cells["Service Date"].date().isoformat() == entry["date_of_service"]
                assert cells["Client Name"] == entry["client"]
                assert cells["Rendering Provider"] == f"{entry['clinician']}, {entry['credentials']}"
                assert cells["Time In"] == clock(entry["start"])
                assert cells["Time Out"] == clock(entry["end"])
                assert cells["Service Code"] == entry["cpt"]
        elif path.suffix == ".csv":
            records = read.csv_records(path, "cp1252")
            assert len(records) - 1 == len(entries)
            for entry in entries:
                cells = dict(zip(records[0], records[entry["row"] - 1]))
                assert cells["DOS"] == us(entry["date_of_service"])
                assert cells["Patient"] == entry["client"]
                assert cells["Therapist"] == f"{entry['clinician']}, {entry['credentials']}"
                assert cells["Duration"] == f"{entry['minutes']} min"
                assert cells["CPT Code"] == entry["cpt"]
        else:
            text = read.docx_text(path) if path.suffix == ".docx" else path.read_text("utf-8")
            for entry in entries:
                dos = date.fromisoformat(entry["date_of_service"])
                long_form = f"{dos.strftime('%B')} {dos.day}, {dos.year}"
                assert us(entry["date_of_service"]) in text or long_form in text, entry["key"]
                assert entry["client"] in text
                assert clock(entry["start"]) in text and clock(entry["end"]) in text


def test_expected_criteria_are_design_criterion_ids(manifest):
    if not DESIGN_MD.is_file():
        pytest.skip("../shared/DESIGN.md not beside the repository")
    design = DESIGN_MD.read_text(encoding="utf-8")
    table = design.split("### Criterion ids", 1)[1].split("###", 1)[0]
    ids = set(re.findall(r"^\| `([a-z_]+)` \|", table, re.MULTILINE))
    assert set(manifest["criteria"]) == ids
    for entry in manifest["notes"]:
        assert set(entry["expect"]) <= ids, entry["key"]
        assert set(entry["expect"].values()) <= {"pass", "fail"}


def test_sample_plants_a_failure_and_a_pass_for_each_checked_criterion(manifest):
    outcomes = defaultdict(set)
    for entry in manifest["notes"]:
        for criterion, status in entry["expect"].items():
            outcomes[criterion].add(status)
    # Every sample note carries a date of service and a plan; all other criteria are planted
    # both ways.
    only_passing = {"date_of_service", "plan_next_steps"}
    for criterion in manifest["criteria"]:
        expected = {"pass"} if criterion in only_passing else {"pass", "fail"}
        assert outcomes[criterion] == expected, criterion


def test_time_supports_code_follows_the_cpt_time_bands(manifest):
    for entry in manifest["notes"]:
        verdict = entry["expect"].get("time_supports_code")
        if verdict is None:
            continue
        low, high = BANDS[entry["cpt"]]
        assert (verdict == "pass") == (low <= entry["minutes"] <= high), entry["key"]


def test_minutes_match_documented_clock_times(manifest):
    for entry in manifest["notes"]:
        if entry["start"] and entry["end"]:
            span = (datetime.strptime(entry["end"], "%H:%M")
                    - datetime.strptime(entry["start"], "%H:%M"))
            assert span == timedelta(minutes=entry["minutes"]), entry["key"]


def test_signature_situations_are_in_the_text(manifest, note_texts, sample_dir, read):
    (rows,) = read.xlsx_rows(sample_dir / "exports/session_notes_report_2025H2.xlsx").values()
    header = rows[2]
    for entry in manifest["notes"]:
        expect = entry["expect"]
        if entry["source"].endswith(".xlsx"):
            signed_at = dict(zip(header, rows[entry["row"] - 1]))["Signed At"]
            signed_on = signed_at.date() if signed_at else None
        else:
            match = SIGNED.search(note_texts[entry["key"]])
            signed_on = datetime.strptime(match.group(1), "%m/%d/%Y").date() if match else None
        assert (signed_on is not None) == entry["signed"], entry["key"]
        if expect.get("signature") == "fail":
            assert signed_on is None, entry["key"]
        lag = signed_on and (signed_on - date.fromisoformat(entry["date_of_service"])).days
        if expect.get("signature_timely") == "pass":
            assert 0 <= lag <= 2, entry["key"]
        if expect.get("signature_timely") == "fail":
            assert lag >= 21, entry["key"]


def test_content_situations_are_in_the_text(manifest, note_texts):
    for entry in manifest["notes"]:
        text, expect, key = note_texts[entry["key"]], entry["expect"], entry["key"]
        if expect.get("time_documented") == "fail":
            assert entry["start"] is None and entry["minutes"] is None
            assert not re.search(r"\d+\s*(?:min|minutes)\b", text), key
        if expect.get("diagnosis") == "fail":
            assert not ICD10.search(text), key
        if expect.get("diagnosis") == "pass":
            assert ICD10.search(text), key
        if expect.get("not_checkbox_only") == "fail":
            assert text.count("[X]") >= 5 and len(re.sub(r"\[[X ]\]\s*\w+", "", text)) < 900, key
        if expect.get("telehealth_elements") == "fail":
            assert entry["telehealth"] and "consent" not in text.lower() and "Oregon" not in text
        if expect.get("telehealth_elements") == "pass":
            assert "consent" in text.lower() and "Oregon" in text and "video" in text.lower()
        if expect.get("risk_assessment") == "fail":
            assert "not wake up" in text, key
            assert not re.search(r"\bSI\b|safety|suicid|C-SSRS|988", text), key
        if expect.get("no_psychotherapy_content") == "fail":
            assert "dream" in text and "Countertransference" in text, key
        if expect.get("psychotherapy_note_separate") == "fail":
            assert ICD10.search(text) and " mg " in text and CLOCK_TIME.search(text), key
        if expect.get("psychotherapy_note_separate") == "pass":
            body = text.split("Session date:", 1)[1].split("Electronically signed", 1)[0]
            assert not ICD10.search(body) and " mg " not in body and not CLOCK_TIME.search(body)
            assert "dream" in body and "countertransference" in body.lower()
        if entry["note_type"] == "psychotherapy":
            assert "PSYCHOTHERAPY NOTE" in text and entry["cpt"] is None
        if expect.get("individualized_detail") == "pass":
            assert re.search(r'"[^"]{8,}"|“[^”]{8,}”', text), key


def test_boilerplate_note_is_the_three_generic_sentences(manifest, note_texts):
    (entry,) = [e for e in manifest["notes"] if e["expect"].get("individualized_detail") == "fail"]
    assert "Client discussed the week. Provided support. Continue treatment." in note_texts[entry["key"]]


def test_clone_groups_share_their_narrative_and_the_near_miss_does_not(manifest, note_texts):
    def body(key: str) -> str:
        text = note_texts[key]
        return text[text.index("Risk Assessment"):text.index("Electronically signed")]

    for group in manifest["clones"]:
        assert len({body(key) for key in group["notes"]}) == 1, group["notes"]
    clients = {e["key"]: e["client"] for e in manifest["notes"]}
    copy_forward, template = manifest["clones"]
    assert copy_forward["scope"] == "client" and len({clients[k] for k in copy_forward["notes"]}) == 1
    assert template["scope"] == "clinician" and len({clients[k] for k in template["notes"]}) == 2
    for pair in manifest["not_clones"]:
        first, second = (note_texts[key] for key in pair["notes"])
        mse = first[first.index("Orientation:"):first.index("Risk Assessment")]
        assert mse in second
        shared_lines = set(body(pair["notes"][0]).splitlines()) & set(body(pair["notes"][1]).splitlines())
        assert shared_lines <= {"Risk Assessment", "Symptom Description and Subjective Report",
                                "Interventions Used", "Client Response", "Treatment Plan Progress",
                                "Plan", ""}


def test_impossible_days_follow_from_the_documented_times(manifest):
    sessions = defaultdict(list)
    for entry in manifest["notes"]:
        if entry["start"] and entry["note_type"] != "psychotherapy":
            sessions[(entry["clinician"], entry["date_of_service"])].append(entry)
    found = set()
    for (clinician, day), entries in sessions.items():
        entries.sort(key=lambda e: e["start"])
        if any(b["start"] < a["end"] for a, b in zip(entries, entries[1:])):
            found.add((clinician, day, "overlap"))
        if sum(e["minutes"] for e in entries) > 12 * 60:
            found.add((clinician, day, "over_12_hours"))
    assert found == {(d["clinician"], d["date"], d["kind"]) for d in manifest["impossible_days"]}
    assert len(found) == 2


def test_claims_file_matches_the_manifest(manifest, sample_dir, read):
    records = read.csv_records(sample_dir / "claims/claims.csv", "utf-8")
    header, rows = records[0], [dict(zip(records[0], r)) for r in records[1:]]
    assert header[:13] == ["Claim ID", "Patient Name", "Patient ID", "Rendering Provider", "DOS",
                           "CPT", "Modifier", "POS", "Units", "Billed", "Allowed", "Paid", "Payer"]
    by_id = {row["Claim ID"]: row for row in rows}
    assert set(by_id) == {claim["claim_id"] for claim in manifest["claims"]}
    notes = {entry["key"]: entry for entry in manifest["notes"]}
    ids = {entry["client"]: entry["client_id"] for entry in manifest["notes"]}
    stripped = 0
    for claim in manifest["claims"]:
        row = by_id[claim["claim_id"]]
        last, first = row["Patient Name"].split(", ")
        assert f"{first} {last}" == claim["client"]
        assert row["Patient ID"] in (ids[claim["client"]], ids[claim["client"]].lstrip("0"))
        stripped += row["Patient ID"] != ids[claim["client"]]
        assert row["Rendering Provider"].startswith(claim["clinician"] + ", ")
        assert row["DOS"] == us(claim["date_of_service"]) and row["CPT"] == claim["cpt"]
        assert int(row["Units"]) == claim["units"] and float(row["Paid"]) == claim["paid"]
        same_day = [e for e in manifest["notes"]
                    if e["client"] == claim["client"] and e["date_of_service"] == claim["date_of_service"]]
        kind = claim["kind"]
        if kind == "no_note":
            assert claim["note"] is None and same_day == []
        else:
            note = notes[claim["note"]]
            assert note in same_day and note["clinician"] == claim["clinician"]
        if kind == "psychotherapy_note_only":
            assert {e["note_type"] for e in same_day} == {"psychotherapy"}
        if kind == "code_not_supported_by_time":
            assert claim["cpt"] == "90837" and 38 <= note["minutes"] <= 52
        if kind == "under_16_minutes":
            assert note["minutes"] < 16
        if kind == "extra_units":
            assert claim["units"] == 2
        if kind == "denied":
            assert float(row["Paid"]) == 0 and claim["expected_exposure"] == 0
        if kind == "matched":
            assert note["note_type"] in ("progress", "intake") and claim["units"] == 1
            low, high = BANDS.get(claim["cpt"], (0, 10_000))
            assert note["cpt"] == claim["cpt"]
            # A note without documented time is still the claim's match; its verdict, not
            # the match, carries the exposure.
            assert note["minutes"] is None or low <= note["minutes"] <= high
            assert 40 <= float(row["Paid"]) <= 200
        if row["Modifier"] == "95":
            assert note["telehealth"]
    assert 0 < stripped < len(manifest["claims"])
    kinds = {claim["kind"] for claim in manifest["claims"]}
    assert kinds == {"matched", "no_note", "psychotherapy_note_only", "code_not_supported_by_time",
                     "under_16_minutes", "extra_units", "denied"}
    paid_90837 = [float(by_id[c["claim_id"]]["Paid"]) for c in manifest["claims"]
                  if c["cpt"] == "90837" and c["kind"] == "matched"]
    assert all(150 <= amount <= 180 for amount in paid_90837)


def test_every_billable_note_is_billed_once_except_the_unbilled_one(manifest):
    billed = defaultdict(int)
    for claim in manifest["claims"]:
        if claim["note"]:
            billed[claim["note"]] += 1
    billable = [e["key"] for e in manifest["notes"] if e["note_type"] != "psychotherapy"]
    assert manifest["unbilled_notes"] == [key for key in billable if key not in billed]
    assert len(manifest["unbilled_notes"]) == 1
    assert all(count == 1 for count in billed.values())


def test_plan_currency_follows_from_plans_csv(manifest, sample_dir, read):
    records = read.csv_records(sample_dir / "plans/plans.csv", "utf-8")
    plans = {}
    for row in (dict(zip(records[0], r)) for r in records[1:]):
        plans.setdefault(row["Client"], set()).add(
            (row["Effective Date"], row["Review Date"], row["Signed"]))
    states = {}
    for client, versions in plans.items():
        ((effective, review, signed),) = versions  # one plan per client, repeated per goal
        states[client] = (datetime.strptime(effective, "%m/%d/%Y").date(),
                          datetime.strptime(review, "%m/%d/%Y").date(), signed == "Yes")
    checked = 0
    for entry in manifest["notes"]:
        expected = entry["expect"].get("treatment_plan_current")
        if entry["note_type"] != "progress":
            assert expected is None
            continue
        dos = date.fromisoformat(entry["date_of_service"])
        plan = states.get(entry["client"])
        current = plan is not None and plan[2] and plan[0] <= dos <= plan[1]
        assert expected == ("pass" if current else "fail"), entry["key"]
        checked += 1
    assert checked == sum(e["note_type"] == "progress" for e in manifest["notes"])
    plan_states = {p["client"]: p["state"] for p in manifest["plans"]}
    assert sorted(plan_states.values()).count("current") == len(plan_states) - 3
    assert {s for s in plan_states.values() if s != "current"} == {"expired", "unsigned", "none"}
    assert all(client not in plans for client, state in plan_states.items() if state == "none")


def test_chart_pdf_has_running_header_and_page_footer_on_every_page(manifest, sample_dir, read):
    chart = next(source for source in by_source(manifest) if "/charts/" in source)
    pages = read.pdf_pages(sample_dir / chart)
    entries = by_source(manifest)[chart]
    client = entries[0]["client"]
    assert 8 <= len(entries) <= 12 and len(pages) >= 4
    for number, page in enumerate(pages, start=1):
        assert f"Chart of {client} - DOB" in page.splitlines()[0]
        assert f"Page {number} of {len(pages)}" in page


def test_pdf_text_extracts_cleanly(sample_dir, read):
    for path in sorted((sample_dir / "exports").rglob("*.pdf")):
        for page in read.pdf_pages(path):
            assert "\ufffd" not in page, path.name
            assert all(ch in "\n\t" or 32 <= ord(ch) < 127 or 160 <= ord(ch) < 256 for ch in page), path.name


def test_notes_csv_is_windows_1252_with_non_ascii_text(sample_dir):
    raw = (sample_dir / "exports/legacy_notes_export_2025H1.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1252")
    assert "\u2014" in text and "caf\u00e9" in text


def test_office_layouts_cover_tables_headers_and_a_title_row(sample_dir, read):
    structures = [read.docx_structure(p) for p in sorted((sample_dir / "exports/docx").glob("*.docx"))]
    assert any(s["tables"] and s["tables"][0][0] == ["Client", s["tables"][0][0][1]] for s in structures)
    assert any(not s["tables"] and s["footer"] != [""] for s in structures)
    assert any(not s["tables"] and s["footer"] == [""] for s in structures)
    (rows,) = read.xlsx_rows(sample_dir / "exports/session_notes_report_2025H2.xlsx").values()
    assert "Session Notes Report" in rows[0][0] and set(rows[1]) == {None}
    assert rows[2][:3] == ("Service Date", "Rendering Provider", "Client Name")


def test_readme_describes_every_file_and_situation(manifest, sample_dir, read):
    readme = (sample_dir / "README.md").read_text(encoding="utf-8")
    for relative in read.generated_files(sample_dir):
        if relative != "README.md":
            assert f"`{relative}`" in readme, relative
    for claim in manifest["claims"]:
        if claim["kind"] != "matched":
            assert claim["claim_id"] in readme
    for group in manifest["clones"] + manifest["not_clones"]:
        assert ", ".join(group["notes"]) in readme


def test_sample_is_small_and_the_right_shape(manifest, sample_dir):
    total = sum(p.stat().st_size for p in sample_dir.rglob("*") if p.is_file())
    assert total < 2 * 1024 * 1024
    assert 45 <= len(manifest["notes"]) <= 60
    credentials = {(e["clinician"], e["credentials"]) for e in manifest["notes"]}
    assert sorted(c for _name, c in credentials) == ["AMFT", "LCSW", "LPC", "PsyD"]
    assert len({e["client"] for e in manifest["notes"]}) <= 13
    assert {e["date_of_service"][:4] for e in manifest["notes"]} == {"2025"}
    assert {e["note_type"] for e in manifest["notes"]} == {"progress", "psychotherapy", "intake"}

"""`auditready packet` end to end on a mixed export: the right pages and notes, original pages
pixel for pixel, no psychotherapy-note text anywhere unless authorized, a manifest whose hashes
verify, clear errors, and untouched sources."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import stat
import zipfile
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from packet_fixtures import (
    INTAKE_MARK,
    JANE,
    JANE_0205_MARK,
    JANE_0212_MARK,
    JANE_0212_TAIL_MARK,
    JANE_0304_MARK,
    JANE_DOCX_MARK,
    JANE_TWIN,
    PSYCH_DOCX_MARK,
    PSYCH_PDF_MARK,
    ROBERT,
    ROBERT_MARK,
    TWIN_MARK,
    build_export,
    clinical_body,
    docx_file,
    flat,
    page_pixels,
    pdf_page_texts,
    progress_lines,
)

from auditready.cli import main
from auditready.packet.build import prepare_packet, write_packet
from auditready.packet.errors import SourceChanged
from auditready.packet.request import PacketRequest

FEBRUARY = ["--from", "2024-02-01", "--to", "2024-02-29"]
PSYCH_MARKS = (PSYCH_PDF_MARK, PSYCH_DOCX_MARK, "flooded lighthouse", "countertransference",
               "secret about her father")


def run(*args: str):
    result = CliRunner().invoke(main, ["packet", *map(str, args)], catch_exceptions=False)
    return result


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def all_output_text(out) -> dict[str, str]:
    """Every packet file's text, the PDF's extracted page by page."""
    texts = {}
    for path in sorted(out.iterdir()):
        if path.suffix == ".pdf":
            texts[path.name] = flat(" ".join(pdf_page_texts(path.read_bytes())))
        else:
            texts[path.name] = flat(path.read_text(encoding="utf-8"))
    return texts


@pytest.fixture(scope="module")
def packet(tmp_path_factory):
    """One February packet for Jane Smith with claims, shared by the read-only tests."""
    export = build_export(tmp_path_factory.mktemp("shared"))
    before = export.hashes()
    out = export.root.parent / "packet"
    result = run(export.root, "--client", "Jane Smith", *FEBRUARY, "--claims", export.claims, "--out", out)
    assert result.exit_code == 0, result.output
    return export, out, result, before


def test_packet_holds_exactly_the_requested_pages(packet):
    export, out, _, _ = packet
    data = (out / "records.pdf").read_bytes()
    pages = [flat(text) for text in pdf_page_texts(data)]
    manifest = json.loads((out / "manifest.json").read_text())
    first = manifest["records_pdf"]["index_pages"]
    # intake (rendering), 02/05 (chart p1), 02/12 (chart p2 + rendering of its part of p3),
    # 02/19 (DOCX rendering)
    assert len(pages) == first + 5
    body = pages[first:]
    assert INTAKE_MARK in body[0]
    assert JANE_0205_MARK in body[1]
    assert JANE_0212_MARK in body[2]
    assert JANE_0212_TAIL_MARK in body[3] and "Text rendering of chart_2024.pdf, page 3" in body[3]
    assert JANE_DOCX_MARK in body[4] and "Smith_Jane_2024-02-19.docx" in body[4]
    for rendered in (body[0], body[3], body[4]):
        assert "Jane Smith" in rendered and "1980-04-12" in rendered
    assert "2024-02-19" in body[4] and "2024-01-08" in body[0]
    everything = " ".join(pages)
    for absent in (JANE_0304_MARK, ROBERT_MARK, ROBERT["name"], *PSYCH_MARKS):
        assert absent not in everything
    types = [(d["date_of_service"], d["document_type"]) for d in manifest["documents"]]
    assert types == [("2024-01-08", "intake"), ("2024-02-05", "progress"), ("2024-02-12", "progress"),
                     ("2024-02-19", "progress")]


def test_copied_pages_are_the_original_pages(packet):
    export, out, _, _ = packet
    data = (out / "records.pdf").read_bytes()
    source = export.chart.read_bytes()
    manifest = json.loads((out / "manifest.json").read_text())
    copied = [d for d in manifest["documents"] if d["source"]["path"] == "chart_2024.pdf"]
    assert [d["source_pages"] for d in copied] == [[1], [2, 3]]
    assert [d["reproduction"] for d in copied] == ["original_pages", "mixed"]
    for packet_page, source_page in ((copied[0]["packet_pages"][0], 1), (copied[1]["packet_pages"][0], 2)):
        assert np.array_equal(page_pixels(data, packet_page - 1), page_pixels(source, source_page - 1))


def test_no_psychotherapy_note_text_in_any_packet_file(packet):
    _, out, result, _ = packet
    texts = all_output_text(out)
    assert set(texts) == {"records.pdf", "manifest.json", "manifest.csv", "review.txt", "review.json"}
    for name, text in texts.items():
        for mark in PSYCH_MARKS:
            assert mark not in text, f"{mark!r} leaked into {name}"
    for mark in PSYCH_MARKS:
        assert mark not in result.output


def test_manifest_lists_withheld_notes_and_verifies(packet):
    export, out, _, _ = packet
    manifest = json.loads((out / "manifest.json").read_text())
    withheld = manifest["withheld"]
    assert sorted((w["date_of_service"], w["source"]["path"]) for w in withheld) == [
        ("2024-02-12", "chart_2024.pdf"), ("2024-02-19", "private/Smith_Jane_process_2024-02-19.docx")]
    assert all("164.508(a)(2)" in w["reason"] and "164.501" in w["reason"] for w in withheld)
    assert [w["source_pages"] for w in withheld if w["source"]["path"] == "chart_2024.pdf"] == [[6]]
    for source in manifest["sources"]:
        assert source["sha256"] == sha(export.root / source["path"])
    assert manifest["records_pdf"]["sha256"] == sha(out / "records.pdf")
    for output in manifest["outputs"]:
        assert output["sha256"] == sha(out / output["file"])
    assert {o["file"] for o in manifest["outputs"]} == {"review.txt", "review.json", "manifest.csv"}
    request = manifest["request"]
    assert (request["from"], request["to"]) == ("2024-02-01", "2024-02-29")
    assert request["client"] == {"name": "Jane Smith", "client_id": "10442", "dob": "1980-04-12"}
    assert request["claims"]["sha256"] == sha(export.claims)
    assert manifest["authorization"] is None
    assert manifest["tool"]["version"]
    rows = list(csv.DictReader(io.StringIO((out / "manifest.csv").read_text())))
    assert [r["status"] for r in rows].count("included") == 4
    assert [r["status"] for r in rows].count("withheld") == 2
    assert {r["source_sha256"] for r in rows if r["status"] == "included"} == {
        sha(export.chart), sha(export.progress_docx), sha(export.intake_docx)}


def test_sources_are_never_changed_and_output_is_private(packet):
    export, out, _, before = packet
    assert export.hashes() == before
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o700
    assert all(stat.S_IMODE(os.stat(p).st_mode) == 0o600 for p in out.iterdir())


def test_unreadable_export_file_is_reported(export, tmp_path):
    (export.root / "Smith_Jane_2024-02-22.pdf").write_bytes(b"<html>session expired</html>")
    out = tmp_path / "packet"
    result = run(export.root, "--client", "Jane Smith", *FEBRUARY, "--out", out)
    assert result.exit_code == 0, result.output
    sections = {s["id"]: s["issues"] for s in json.loads((out / "review.json").read_text())["sections"]}
    assert [i["location"] for i in sections["unreadable"]] == ["Smith_Jane_2024-02-22.pdf"]
    assert "Smith_Jane_2024-02-22.pdf" in result.output


def test_review_lists_what_the_clinician_must_see(packet):
    _, out, result, _ = packet
    review = json.loads((out / "review.json").read_text())
    sections = {s["id"]: s["issues"] for s in review["sections"]}
    assert [i["date_of_service"] for i in sections["claims_without_note"]] == ["2024-02-26"]
    assert sections["claims_without_note"][0]["exposure"] == pytest.approx(142.0)
    assert [i["location"] for i in sections["shared_pages"]] == ["chart_2024.pdf, page 3"]
    assert [i["location"] for i in sections["psychotherapy_in_chart"]] == ["chart_2024.pdf, page 6"]
    assert "dated addendum" in review["advice"]
    text = (out / "review.txt").read_text()
    assert "do not send" in text and "dated addendum" in text
    assert "2024-02-26" in result.output and "dated addendum" in result.output


def test_authorized_psychotherapy_notes_are_included(export, tmp_path):
    out = tmp_path / "packet"
    result = run(export.root, "--client", "10442", *FEBRUARY, "--out", out,
                 "--include-psychotherapy-notes", "--authorization", export.authorization)
    assert result.exit_code == 0, result.output
    records = all_output_text(out)["records.pdf"]
    assert PSYCH_PDF_MARK in records and PSYCH_DOCX_MARK in records
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["withheld"] == []
    assert manifest["authorization"]["sha256"] == sha(export.authorization)
    assert manifest["authorization"]["path"] == str(export.authorization)
    assert sum(d["document_type"] == "psychotherapy" for d in manifest["documents"]) == 2


@pytest.mark.parametrize("flags, message", [
    (["--include-psychotherapy-notes"], "needs --authorization"),
    (["--authorization", "AUTH"], "without --include-psychotherapy-notes"),
    (["--include-psychotherapy-notes", "--authorization", "MISSING"], "no such file"),
])
def test_psychotherapy_flags_must_come_together(export, tmp_path, flags, message):
    flags = [str(export.authorization) if f == "AUTH" else str(tmp_path / "none.pdf") if f == "MISSING" else f
             for f in flags]
    result = run(export.root, "--client", "Jane Smith", *FEBRUARY, "--out", tmp_path / "p", *flags)
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "p").exists()


def test_ambiguous_client_lists_candidates(export, tmp_path):
    docx_file(export.root / "Smith_Jane_B.docx",
              progress_lines(JANE_TWIN, "02/20/2024", clinical_body(TWIN_MARK)))
    result = run(export.root, "--client", "Jane Smith", *FEBRUARY, "--out", tmp_path / "p")
    assert result.exit_code == 2
    assert "10442" in result.output and "55310" in result.output
    assert "1980-04-12" in result.output and "1992-07-01" in result.output
    result = run(export.root, "--client", "55310", *FEBRUARY, "--out", tmp_path / "p")
    assert result.exit_code == 0, result.output
    records = all_output_text(tmp_path / "p")["records.pdf"]
    assert TWIN_MARK in records and JANE_DOCX_MARK not in records


@pytest.mark.parametrize("changed, message", [
    ("chart", "chart_2024.pdf changed since it was scanned"),
    ("progress_docx", "Smith_Jane_2024-02-19.docx changed since it was scanned"),
    ("authorization", "authorization_jane_smith.pdf changed since it was read"),
])
def test_changed_source_stops_the_build(export, tmp_path, changed, message):
    out = tmp_path / "packet"
    plan = prepare_packet(PacketRequest(exports=(export.root,), client="Jane Smith",
                                        start=date(2024, 2, 1), end=date(2024, 2, 29), out=out,
                                        include_psychotherapy_notes=True,
                                        authorization=export.authorization))
    source = getattr(export, changed)
    source.write_bytes(source.read_bytes() + b"\n% appended after the scan\n")
    with pytest.raises(SourceChanged, match=message):
        write_packet(plan)
    assert not out.exists()
    assert list(tmp_path.glob(".packet*")) == []


@pytest.mark.parametrize("args, code, message", [
    (["--client", "Jane Smith", "--from", "2024-03-01", "--to", "2024-02-01"], 2, "is before --from"),
    (["--client", "Jane Smith", "--from", "2023-01-01", "--to", "2023-03-31"], 1, "no progress notes"),
    (["--client", "Maria Lopez", *FEBRUARY], 1, "no records for client"),
])
def test_clear_errors(export, tmp_path, args, code, message):
    result = run(export.root, *args, "--out", tmp_path / "p")
    assert result.exit_code == code
    assert message in result.output


def test_packet_inside_the_exports_is_refused(export):
    result = run(export.root, "--client", "Jane Smith", *FEBRUARY, "--out", export.root / "packet")
    assert result.exit_code == 2
    assert "inside the exports" in result.output
    assert not (export.root / "packet").exists()


def test_existing_packet_needs_force(export, tmp_path):
    out = tmp_path / "packet"
    assert run(export.root, "--client", "Jane Smith", *FEBRUARY, "--out", out).exit_code == 0
    result = run(export.root, "--client", "Jane Smith", *FEBRUARY, "--out", out)
    assert result.exit_code == 2 and "--force" in result.output
    result = run(export.root, "--client", "Jane Smith", *FEBRUARY, "--out", out, "--force")
    assert result.exit_code == 0, result.output


def test_plans_file_adds_the_plan_in_force(export, tmp_path):
    out = tmp_path / "packet"
    result = run(export.root, "--client", "Jane Smith", *FEBRUARY, "--plans", export.plans, "--out", out)
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text())
    plans = [d for d in manifest["documents"] if d["document_type"] == "treatment_plan"]
    assert [(p["date_of_service"], p["source"]["path"]) for p in plans] == [("2024-01-15", "plans.csv")]
    records = all_output_text(out)["records.pdf"]
    assert "Reduce worry from 7/10 to 4/10" in records and "Return to full shifts" not in records


def test_chart_inside_a_zip_is_copied_from_the_member(export, tmp_path):
    zipped = tmp_path / "zipped"
    zipped.mkdir()
    # deflated: a stored PDF member shows "%PDF-" in the first KB, which ingest takes for a PDF
    with zipfile.ZipFile(zipped / "export.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(export.chart, "charts/chart_2024.pdf")
    out = tmp_path / "packet"
    result = run(zipped, "--client", "Jane Smith", *FEBRUARY, "--out", out)
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert [s["path"] for s in manifest["sources"]] == ["export.zip!charts/chart_2024.pdf"]
    assert manifest["sources"][0]["sha256"] == sha(export.chart)
    assert manifest["sources"][0]["container_sha256"] == sha(zipped / "export.zip")
    data = (out / "records.pdf").read_bytes()
    first = manifest["documents"][0]["packet_pages"][0]
    assert np.array_equal(page_pixels(data, first - 1), page_pixels(export.chart.read_bytes(), 0))


UNSIGNED_DREAM = "She recounted a dream in which her childhood home was full of water"
PSYCH_0226_SECRET = "I suspect the water imagery is about the miscarriage she has never named"


def test_review_on_an_unsigned_note_with_process_content(export, tmp_path):
    """A progress note without signature (fatal under the pack) that holds a dream, and a
    psychotherapy note that holds session times and a diagnosis, on the date of claim C-4."""
    body = clinical_body("reviewed the sleep diary") + [f"{UNSIGNED_DREAM}."]
    docx_file(export.root / "Smith_Jane_2024-02-26.docx",
              progress_lines(JANE, "02/26/2024", body, signed=False))
    docx_file(export.root / "private" / "Smith_Jane_process_2024-02-26.docx", [
        "Psychotherapy Note",
        f"Client Name: {JANE['name']}    DOB: {JANE['dob']}    Client ID: {JANE['id']}",
        "Date of Service: 02/26/2024",
        "Start Time: 10:00 AM    End Time: 10:50 AM",
        "Diagnosis: F41.1 Generalized anxiety disorder",
        f"{PSYCH_0226_SECRET}.",
    ])
    before = export.hashes()
    out = tmp_path / "packet"
    result = run(export.root, "--client", "Jane Smith", *FEBRUARY, "--claims", export.claims, "--out", out)
    assert result.exit_code == 0, result.output
    assert export.hashes() == before
    sections = {s["id"]: s["issues"] for s in json.loads((out / "review.json").read_text())["sections"]}
    assert sections["claims_without_note"] == []  # C-4 now has a note
    fatal = [i for i in sections["fatal"] if i["date_of_service"] == "2024-02-26"]
    assert len(fatal) == 1 and "signature" in fatal[0]["criterion"]
    assert fatal[0]["exposure"] == pytest.approx(142.0)
    process = [i for i in sections["process_content"] if i["date_of_service"] == "2024-02-26"]
    assert process and UNSIGNED_DREAM in " ".join(q["text"] for q in process[0]["quotes"])
    assert UNSIGNED_DREAM in flat((out / "review.txt").read_text())
    excluded = [i for i in sections["excluded_items"] if i["date_of_service"] == "2024-02-26"]
    assert [i["location"] for i in excluded] == ["private/Smith_Jane_process_2024-02-26.docx"]
    assert excluded[0]["quotes"] == []
    for name, text in all_output_text(out).items():
        assert PSYCH_0226_SECRET not in text, name
    assert PSYCH_0226_SECRET not in result.output
    assert "2024-02-26" in result.output


ROW_MARK = "identified what-if chains before the quarterly audit"


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_spreadsheet_rows_are_rendered_with_their_cells(tmp_path, suffix):
    header = ["Client Name", "Client ID", "DOB", "Date of Service", "Clinician", "CPT Code",
              "Start Time", "End Time", "Note"]
    rows = [
        ["Smith, Jane", "10442", "04/12/1980", "2024-02-07", "Dana Whitfield, LCSW", "90834", "10:00",
         "10:45", f"Client reports worry 6/10; {ROW_MARK}. Plan: weekly CBT. "
                  "Electronically signed by Dana Whitfield, LCSW on 02/07/2024"],
        ["Jones, Robert", "20877", "09/30/1975", "2024-02-07", "Dana Whitfield, LCSW", "90834", "11:00",
         "11:45", f"Client {ROBERT_MARK}."],
    ]
    exports = tmp_path / "exports"
    exports.mkdir()
    if suffix == "csv":
        with open(exports / "notes.csv", "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows([header, *rows])
    else:
        from openpyxl import Workbook

        workbook = Workbook()
        for row in [header, *rows]:
            workbook.active.append(row)
        workbook.save(exports / "notes.xlsx")
    out = tmp_path / "packet"
    result = run(exports, "--client", "10442", *FEBRUARY, "--out", out)
    assert result.exit_code == 0, result.output
    pages = [flat(t) for t in pdf_page_texts((out / "records.pdf").read_bytes())]
    rendered = pages[-1]
    assert ROW_MARK in rendered
    assert f"Text rendering of notes.{suffix}, row 2" in rendered
    assert "Date of service: 2024-02-07" in rendered and "Start: 10:00" in rendered
    assert "Smith, Jane" in rendered and "1980-04-12" in rendered
    assert not any(ROBERT_MARK in page or "Robert" in page for page in pages)


def test_shared_page_copied_on_request_and_flagged(export, tmp_path):
    out = tmp_path / "packet"
    result = run(export.root, "--client", "Jane Smith", *FEBRUARY, "--out", out, "--include-shared-pages")
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text())
    shared_note = [d for d in manifest["documents"] if d["source_pages"] == [2, 3]][0]
    assert shared_note["reproduction"] == "original_pages"
    assert "redaction" in shared_note["shared_pages"][0]["handled"]
    data = (out / "records.pdf").read_bytes()
    page = shared_note["packet_pages"][-1]
    assert np.array_equal(page_pixels(data, page - 1), page_pixels(export.chart.read_bytes(), 2))
    assert "redact" in result.output
    assert PSYCH_PDF_MARK not in all_output_text(out)["records.pdf"]


EXTERNAL_NOTES = Path(__file__).resolve().parents[2].parent / "shared" / "external-notes"
EXTERNAL_SOAP = "032_fictional-soap-depression-connor.txt"


def test_external_text_note_is_rendered_line_for_line(tmp_path):
    """A public sample note (read at test time, never copied): every line of its text appears
    in the rendering, and the other sample notes (no client name) stay out."""
    if not (EXTERNAL_NOTES / EXTERNAL_SOAP).is_file():
        pytest.skip("shared/external-notes is not beside the repository")
    out = tmp_path / "packet"
    result = run(EXTERNAL_NOTES, "--client", "Connor Client", "--from", "2023-07-01", "--to", "2023-07-31",
                 "--out", out)
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert [d["source"]["path"] for d in manifest["documents"]] == [EXTERNAL_SOAP]
    assert manifest["sources"][0]["sha256"] == sha(EXTERNAL_NOTES / EXTERNAL_SOAP)
    bodies = []
    for page in pdf_page_texts((out / "records.pdf").read_bytes())[manifest["records_pdf"]["index_pages"]:]:
        lines = page.replace("\r", "").split("\n")
        # header: client line, title line, origin line; footer: the origin again
        origin = next(i for i, line in enumerate(lines) if line.startswith("Text rendering of"))
        while not lines[origin].endswith(")"):  # the origin line may wrap
            origin += 1
        footer = max(i for i, line in enumerate(lines) if line.startswith("Text rendering of"))
        bodies.append(" ".join(lines[origin + 1:footer]))
    rendered = flat(" ".join(bodies))
    source_lines = [flat(line) for line in (EXTERNAL_NOTES / EXTERNAL_SOAP).read_text(encoding="utf-8").splitlines()]
    missing = [line for line in source_lines if line and line not in rendered]
    assert missing == []


PLAN_GOAL_MARK = "Walk to the corner shop alone twice a week"


def test_plan_documents_folder(export, tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    for who, goal in ((JANE, PLAN_GOAL_MARK), (ROBERT, "Return to full shifts")):
        docx_file(plans / f"plan_{who['id']}.docx", [
            "Treatment Plan",
            f"Client Name: {who['name']}",
            f"Client ID: {who['id']}",
            "Effective Date: 01/15/2024",
            "Review Date: 07/15/2024",
            "Goals:",
            f"1. {goal}",
            "Electronically signed by Dana Whitfield, LCSW on 01/15/2024",
        ])
    out = tmp_path / "packet"
    result = run(export.root, "--client", "Jane Smith", *FEBRUARY, "--plans", plans, "--out", out)
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text())
    plan_docs = [d for d in manifest["documents"] if d["document_type"] == "treatment_plan"]
    assert [d["source"]["path"] for d in plan_docs] == ["plans/plan_10442.docx"]
    source = [s for s in manifest["sources"] if s["path"] == "plans/plan_10442.docx"][0]
    assert source["sha256"] == sha(plans / "plan_10442.docx")
    records = all_output_text(out)["records.pdf"]
    assert PLAN_GOAL_MARK in records and "Return to full shifts" not in records

"""`auditready scan` on a folder mixing good and bad files: the run goes on, every file is in
the intake table with a specific reason, and the exit code says some files failed."""

from __future__ import annotations

import io
import json
import zipfile

from click.testing import CliRunner
from fpdf import FPDF

from auditready.cli import main

GOOD_NOTE = """Progress Note
Client: Rowan Testcase   DOB: 02/03/1990
Clinician: Mara Example, LCSW
Date of Service: 03/04/2025   Start: 2:00 PM   End: 2:53 PM   CPT: 90837
Diagnosis: F41.1 Generalized anxiety disorder
Client reports worry most days and missed two shifts at work this week because of panic.
Used cognitive restructuring to challenge the prediction "I will be fired"; client identified
two counter-examples and rated belief 80% -> 40%. Worked on Goal 1 (reduce worry); partial progress.
Extended session needed to complete the exposure exercise. Denies SI/HI.
Plan: thought record daily; next session in one week.
Electronically signed by Mara Example, LCSW on 03/05/2025 9:00 AM
"""


def _pdf(text: str, **encryption) -> bytes:
    pdf = FPDF()
    if encryption:
        pdf.set_encryption(**encryption)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def _export(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "good.pdf").write_bytes(_pdf(GOOD_NOTE))
    (folder / "locked.pdf").write_bytes(_pdf(GOOD_NOTE, owner_password="o", user_password="secret"))
    (folder / "truncated.pdf").write_bytes(_pdf(GOOD_NOTE)[:400])
    (folder / "photo.heic").write_bytes(b"\x00\x00\x00\x18ftypheic")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def test_bad_files_become_intake_rows_and_the_run_goes_on(tmp_path):
    folder = _export(tmp_path)
    out = tmp_path / "report"
    result = CliRunner().invoke(main, ["scan", str(folder), "--out", str(out), "--payer", "optum"])
    assert result.exit_code == 3, result.output
    audit = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    rows = {row["path"]: row for row in audit["inputs"]}
    assert set(rows) == {"good.pdf", "locked.pdf", "truncated.pdf", "photo.heic", "empty.txt"}
    assert rows["good.pdf"]["status"] == "parsed" and rows["good.pdf"]["notes"] == 1
    assert rows["locked.pdf"]["status"] == "error" and "--pdf-password" in rows["locked.pdf"]["reason"]
    assert rows["truncated.pdf"]["status"] == "error"
    assert rows["photo.heic"]["status"] == "skipped" and ".heic" in rows["photo.heic"]["reason"]
    assert rows["empty.txt"]["status"] == "error" and "empty" in rows["empty.txt"]["reason"]
    assert "could not be read" in result.output and "locked.pdf" in result.output
    (note,) = audit["notes"]
    assert note["client"] == "Rowan Testcase" and note["cpt"] == "90837" and note["minutes"] == 53


def test_password_opens_the_encrypted_export(tmp_path):
    folder = _export(tmp_path)
    out = tmp_path / "report"
    result = CliRunner().invoke(main, ["scan", str(folder / "locked.pdf"), "--out", str(out),
                                       "--pdf-password", "secret", "--format", "json"])
    assert result.exit_code == 0, result.output
    audit = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert audit["inputs"][0]["status"] == "parsed"
    assert audit["notes"][0]["date_of_service"] == "2025-03-04"


def test_quiet_prints_only_the_report_path(tmp_path):
    folder = _export(tmp_path)
    out = tmp_path / "report"
    result = CliRunner().invoke(main, ["scan", str(folder / "good.pdf"), "--out", str(out), "-q", "--format", "json"])
    assert result.exit_code == 0
    assert result.output.strip() == str(out / "audit.json")


def test_deidentified_outputs_hold_no_client_name(tmp_path):
    folder = _export(tmp_path)
    out = tmp_path / "report"
    result = CliRunner().invoke(main, ["scan", str(folder / "good.pdf"), "--out", str(out), "--deidentify"])
    assert result.exit_code == 0, result.output
    written = [p for p in out.rglob("*") if p.is_file()]
    assert written
    for path in written:
        data = path.read_bytes()
        if path.suffix == ".xlsx":  # the workbook's text lives in compressed XML parts
            with zipfile.ZipFile(io.BytesIO(data)) as workbook:
                data = b"".join(workbook.read(name) for name in workbook.namelist())
        assert b"Rowan" not in data and b"Testcase" not in data, path.name

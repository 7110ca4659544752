"""Generate a folder of fictional progress notes in every format ingest reads, for benchmarks.

    python -m benchmarks.corpus_gen --notes 2000 --out benchmarks/corpus/ingest-2000

The files go into OUT/notes/<kind>/ and the manifest into OUT/manifest.json. Shares of the
notes: per-note PDFs 30%, multi-note chart PDFs (one note per page, 25 per file) 30%,
one-note DOCX files 15%, XLSX exports (200 rows per workbook, a title row above the header)
15%, CSV exports (250 rows per file, other column names, cp1252) 10%. The manifest records
what was made, so a second run with the same parameters reuses the folder. Deterministic
for a given seed. Every name and sentence is invented.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import shutil
import textwrap
import zipfile
import zlib
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

GENERATOR_VERSION = 3
CHART_NOTES_PER_FILE = 25
XLSX_ROWS_PER_FILE = 200
CSV_ROWS_PER_FILE = 250
SHARES = {"pdf_single": 0.30, "pdf_chart": 0.30, "docx": 0.15, "xlsx": 0.15, "csv": 0.10}

FIRST = ["Ana", "Ben", "Cleo", "Dev", "Esme", "Farid", "Gia", "Hugo", "Ines", "Jon", "Kai", "Lena",
         "Milo", "Nia", "Omar", "Pia", "Quinn", "Rosa", "Sami", "Tess"]
LAST = ["Diaz", "Okafor", "Lindqvist", "Patel", "Moreau", "Haddad", "Russo", "Kowalski", "Nguyen",
        "Abara", "Sato", "Brennan", "Ferreira", "Osei", "Varga"]
CLINICIANS = ["Dana Reyes, LCSW", "Eli Park, LPC", "Mara Quist, PsyD", "Theo Grant, LMFT"]
CPT_MINUTES = {"90832": (16, 37), "90834": (38, 52), "90837": (53, 70)}
COMPLAINTS = [
    "reported sleeping about {n} hours a night and waking with racing thoughts",
    "described {n} panic episodes since the last session, mostly on the commute",
    "said low mood kept them in bed until noon on {n} days this week",
    "reported skipping {n} shifts at work because of worry about mistakes",
    "noted arguing with their partner {n} times, each ending in withdrawal",
]
INTERVENTIONS = [
    "Used cognitive restructuring on the thought 'I always fail'",
    "Practiced paced breathing and grounding (5-4-3-2-1)",
    "Reviewed the behavioral activation schedule and planned two pleasant activities",
    "Applied motivational interviewing to explore ambivalence about medication",
    "Rehearsed assertive requests using role play",
]
RESPONSES = [
    "Client rated anxiety {a}/10 before and {b}/10 after the exercise",
    "Client identified one alternative thought and said it felt 'a little true'",
    "Client engaged well and completed the worksheet in session",
    "Client was guarded at first, then described a recent conflict in detail",
]
PLANS = [
    "Continue weekly CBT; homework is a daily worry log",
    "Next session in one week; client will schedule two activities",
    "Follow up on sleep diary; consider referral for medication evaluation",
]


@dataclass
class Manifest:
    version: int
    notes: int
    seed: int
    files: dict[str, int]
    notes_by_kind: dict[str, int]


@dataclass
class FakeNote:
    client: str
    clinician: str
    day: date
    cpt: str
    start: str
    end: str
    minutes: int
    body: str

    def text(self) -> str:
        return (
            f"Progress Note\nClient: {self.client}\nDate of Service: {self.day:%m/%d/%Y}\n"
            f"Clinician: {self.clinician}\nStart Time: {self.start}  End Time: {self.end} "
            f"({self.minutes} minutes)\nCPT: {self.cpt}\nDiagnosis: F41.1\n{self.body}\n"
            f"Electronically signed by {self.clinician} on {self.day:%m/%d/%Y}"
        )


def fake_notes(count: int, seed: int) -> list[FakeNote]:
    rng = random.Random(seed)
    notes = []
    start_day = date(2024, 1, 2)
    for index in range(count):
        cpt = rng.choice(list(CPT_MINUTES))
        minutes = rng.randint(*CPT_MINUTES[cpt])
        hour = rng.randint(8, 17)
        end_total = hour * 60 + minutes
        body = (
            f"Subjective: client {rng.choice(COMPLAINTS).format(n=rng.randint(2, 6))}. "
            f"Intervention: {rng.choice(INTERVENTIONS)}. "
            f"Response: {rng.choice(RESPONSES).format(a=rng.randint(6, 9), b=rng.randint(2, 5))}. "
            f"Goal 1 (reduce avoidance): {rng.choice(['some progress', 'no change', 'good progress'])}. "
            f"Plan: {rng.choice(PLANS)}."
        )
        notes.append(FakeNote(
            client=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            clinician=rng.choice(CLINICIANS),
            day=start_day + timedelta(days=index % 360),
            cpt=cpt,
            start=f"{hour:02d}:00",
            end=f"{end_total // 60:02d}:{end_total % 60:02d}",
            minutes=minutes,
            body=body,
        ))
    return notes


def _pdf(pages: list[str]) -> bytes:
    """A text PDF (Helvetica, compressed content streams, one page per text) written directly:
    fpdf2 is ~100x slower per page, which would make the generator dominate the benchmark."""
    objects: list[bytes] = [b"", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for text in pages:
        lines = [piece for line in text.split("\n") for piece in textwrap.wrap(line, 100) or [""]]
        ops = b"".join(b"(" + _pdf_string(line) + b") Tj T* " for line in lines)
        stream = zlib.compress(b"BT /F1 10 Tf 12 TL 50 800 Td " + ops + b"ET")
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_number = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % content_number
        )
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


@cache
def _docx_template() -> dict[str, bytes]:
    """The parts of a DOCX made once with python-docx (header, a fields table, paragraphs),
    with placeholders that each note's values replace."""
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Client: @CLIENT@"
    document.add_paragraph("Progress Note")
    table = document.add_table(rows=3, cols=2)
    for row, (label, value) in enumerate([("Date of Service:", "@DOS@"), ("Clinician:", "@CLINICIAN@"), ("CPT:", "@CPT@")]):
        table.cell(row, 0).text = label
        table.cell(row, 1).text = value
    document.add_paragraph("Start Time: @START@  End Time: @END@")
    document.add_paragraph("@BODY@")
    document.add_paragraph("Electronically signed by @CLINICIAN@ on @DOS@")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _docx(note: FakeNote) -> bytes:
    values = {
        "@CLIENT@": note.client, "@DOS@": f"{note.day:%m/%d/%Y}", "@CLINICIAN@": note.clinician,
        "@CPT@": note.cpt, "@START@": note.start, "@END@": note.end, "@BODY@": note.body,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in _docx_template().items():
            if name in ("word/document.xml", "word/header1.xml"):
                text = data.decode("utf-8")
                for key, value in values.items():
                    text = text.replace(key, xml_escape(value))
                data = text.encode("utf-8")
            archive.writestr(name, data)
    return buffer.getvalue()


def _xlsx(notes: list[FakeNote]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Notes")
    sheet.append(["Progress notes export (fictional)"])
    sheet.append([])
    sheet.append(["Date of Service", "Client Name", "Clinician", "CPT Code", "Start Time", "End Time", "Progress Note"])
    for note in notes:
        sheet.append([note.day, note.client, note.clinician, int(note.cpt), note.start, note.end, note.body])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv(notes: list[FakeNote]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["Service Date", "Patient Name", "Rendering Provider", "Billing Code", "Time In", "Time Out", "Narrative"])
    for note in notes:
        writer.writerow([f"{note.day:%m/%d/%Y}", note.client, note.clinician, note.cpt, note.start, note.end, note.body])
    return buffer.getvalue().encode("cp1252", errors="replace")


def _chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def notes_folder(out: Path) -> Path:
    """Where the input files are (the manifest sits beside it, so it is not an input)."""
    return out / "notes"


def generate(out: Path, notes: int, seed: int = 0) -> Manifest:
    """Write the corpus into `out` (replacing what is there) and return its manifest."""
    if notes_folder(out).exists():
        shutil.rmtree(notes_folder(out))
    notes_folder(out).mkdir(parents=True)
    all_notes = fake_notes(notes, seed)
    counts = {kind: int(notes * share) for kind, share in SHARES.items()}
    counts["pdf_single"] += notes - sum(counts.values())
    files: dict[str, int] = {}
    position = 0
    for kind, count in counts.items():
        batch = all_notes[position : position + count]
        position += count
        folder = notes_folder(out) / kind
        folder.mkdir()
        if kind == "pdf_single":
            for i, note in enumerate(batch):
                (folder / f"note-{i:05d}.pdf").write_bytes(_pdf([note.text()]))
            files[kind] = len(batch)
        elif kind == "pdf_chart":
            groups = _chunks(batch, CHART_NOTES_PER_FILE)
            for i, group in enumerate(groups):
                (folder / f"chart-{i:04d}.pdf").write_bytes(_pdf([note.text() for note in group]))
            files[kind] = len(groups)
        elif kind == "docx":
            for i, note in enumerate(batch):
                (folder / f"note-{i:05d}.docx").write_bytes(_docx(note))
            files[kind] = len(batch)
        elif kind == "xlsx":
            groups = _chunks(batch, XLSX_ROWS_PER_FILE)
            for i, group in enumerate(groups):
                (folder / f"export-{i:03d}.xlsx").write_bytes(_xlsx(group))
            files[kind] = len(groups)
        elif kind == "csv":
            groups = _chunks(batch, CSV_ROWS_PER_FILE)
            for i, group in enumerate(groups):
                (folder / f"export-{i:03d}.csv").write_bytes(_csv(group))
            files[kind] = len(groups)
    manifest = Manifest(GENERATOR_VERSION, notes, seed, files, counts)
    (out / "manifest.json").write_text(json.dumps(asdict(manifest), indent=2))
    return manifest


def load_or_generate(out: Path, notes: int, seed: int = 0) -> tuple[Manifest, bool]:
    """The corpus in `out`, generated only if missing or made with other parameters.
    Returns (manifest, reused)."""
    manifest_path = out / "manifest.json"
    if manifest_path.is_file() and notes_folder(out).is_dir():
        try:
            existing = Manifest(**json.loads(manifest_path.read_text()))
        except (TypeError, ValueError):
            existing = None
        if existing and (existing.version, existing.notes, existing.seed) == (GENERATOR_VERSION, notes, seed):
            return existing, True
    return generate(out, notes, seed), False


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    out = args.out or Path("benchmarks/corpus") / f"ingest-{args.notes}"
    manifest, reused = load_or_generate(out, args.notes, args.seed)
    print(f"{'reused' if reused else 'generated'} {out}: {sum(manifest.files.values())} files, {manifest.notes} notes")


if __name__ == "__main__":
    main()

"""Generate a folder of fictional progress notes in every format ingest reads, for benchmarks.

    python -m benchmarks.corpus_gen --notes 2000 --out benchmarks/corpus/ingest-2000

The files go into OUT/notes/<kind>/ and the manifest into OUT/manifest.json. Shares of the
notes: per-note PDFs 30%, multi-note chart PDFs (one note per page, 25 per file) 30%,
one-note DOCX files 15%, XLSX exports (200 rows per workbook, a title row above the header)
15%, CSV exports (250 rows per file, other column names, cp1252) 10%. The manifest records
what was made, so a second run with the same parameters reuses the folder. Deterministic
for a given seed. Every name and sentence is invented.

`--practice` makes the end-to-end benchmark corpus instead (benchmarks/run.py): a whole
practice with many clinicians and clients, notes written in varied sentences with planted
deficiencies, copy-forward clones, psychotherapy and intake notes, telehealth sessions, a few
broken files, a zip of notes, and the practice's treatment plans (plans.csv) and claims
(claims.csv). See `generate_practice`.
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
from collections import Counter
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

# ------------------------------------------------------------------------------------------
# The practice corpus: what benchmarks/run.py scans end to end.

PRACTICE_VERSION = 1
NOTES_PER_CLINICIAN = 250
NOTES_PER_CLIENT = 20
CHART_MAX_NOTES = 40
PRACTICE_XLSX_ROWS = 500
PRACTICE_CSV_ROWS = 1000
# Share of CLIENTS whose notes go into each kind of export (a client's notes share one kind,
# as one EHR export would give them).
PRACTICE_SHARES = {"pdf_single": 0.28, "pdf_chart": 0.30, "docx": 0.15, "xlsx": 0.15, "csv": 0.10, "zip": 0.02}
# Planted situations, as shares of the notes (each drawn independently).
DEFECTS = {
    "no_times": 0.06, "short_time": 0.05, "no_response": 0.06, "no_signature": 0.03,
    "late_signature": 0.04, "generic": 0.04, "no_plan_section": 0.04,
}
CLONE_SHARE = 0.02  # copy-forward: the body of the client's previous note, dates changed
PSYCHOTHERAPY_SHARE, INTAKE_SHARE, TELEHEALTH_SHARE = 0.02, 0.02, 0.15
UNBILLED_SHARE, DENIED_SHARE, PHANTOM_CLAIM_SHARE, UPCODED_CLAIM_SHARE = 0.02, 0.01, 0.005, 0.03
NO_PLAN_CLIENT_SHARE, EXPIRED_PLAN_CLIENT_SHARE = 0.05, 0.04

P_FIRST = ["Ana", "Ben", "Cleo", "Dev", "Esme", "Farid", "Gia", "Hugo", "Ines", "Jon", "Kai", "Lena",
           "Milo", "Nia", "Omar", "Pia", "Quinn", "Rosa", "Sami", "Tess", "Uma", "Vik", "Wren", "Yara",
           "Zane", "Alba", "Bruno", "Carys", "Dario", "Elin", "Fenna", "Goran", "Hanne", "Ilse",
           "Joaquin", "Keira", "Luca", "Maren", "Nils", "Odile", "Petra", "Rafe", "Signe", "Tomas",
           "Ulla", "Vera", "Wim", "Xena", "Yusuf", "Zora"]
P_LAST = ["Diaz", "Okafor", "Lindqvist", "Patel", "Moreau", "Haddad", "Russo", "Kowalski", "Nguyen",
          "Abara", "Sato", "Brennan", "Ferreira", "Osei", "Varga", "Ibsen", "Quartey", "Zeller",
          "Achterberg", "Bellamy", "Castellano", "Dunmore", "Eskildsen", "Fairclough", "Galloway",
          "Holloway", "Iversen", "Jaramillo", "Kettering", "Lockhart", "Marchetti", "Northcott",
          "Oyelaran", "Pemberton", "Quillan", "Rasmussen", "Stavros", "Thackeray", "Underhill",
          "Vasquez", "Whitcombe", "Yamada", "Zielinski", "Ashdown", "Blackwood", "Cormack"]
CREDENTIALS = ["LCSW", "LPC", "PsyD", "LMFT", "PhD", "LMHC"]
DIAGNOSES = [("F41.1", "generalized anxiety disorder"), ("F33.1", "major depressive disorder, recurrent, moderate"),
             ("F43.10", "post-traumatic stress disorder"), ("F43.23", "adjustment disorder with mixed anxiety and depressed mood"),
             ("F40.10", "social anxiety disorder"), ("F42.2", "obsessive-compulsive disorder")]
GOALS = [
    "Reduce panic episodes to fewer than two per week for four consecutive weeks",
    "Return to work full time and miss no more than one shift per month",
    "Sleep at least six and a half hours on five nights per week",
    "Use a coping skill in place of avoidance in three feared situations per week",
    "Lower PHQ-9 below 10 on two consecutive administrations",
    "Resume two valued activities each week (behavioral activation)",
    "Reduce time spent on checking rituals to under thirty minutes a day",
    "Attend one social event per week without leaving early",
    "Process the trauma narrative and reduce PCL-5 by ten points",
    "Communicate needs to partner using I-statements during conflicts",
]
PEOPLE = ["her sister", "his brother", "their manager", "a coworker", "the landlord", "her mother",
          "his father", "their partner", "a neighbor", "the school counselor", "an old friend", "her son",
          "his daughter", "the coach", "their roommate"]
PLACES = ["the grocery store", "the bus", "the office", "a family dinner", "the gym", "church",
          "the pharmacy", "a job interview", "the school pickup line", "the dentist", "a birthday party",
          "the train platform", "a staff meeting", "the park", "the bank"]
ACTIVITIES = ["walked the dog", "called a friend", "cooked dinner", "went to a yoga class", "repotted plants",
              "played guitar", "visited the library", "fixed a bike", "baked bread", "went swimming",
              "painted", "wrote in a journal", "volunteered at the shelter", "went fishing", "sorted old photos"]
SYMPTOMS = [
    "reported {n} panic attacks since the last session, the worst one at {place}",
    "described sleeping about {h} hours a night and lying awake replaying a conflict with {person}",
    "said low mood kept them in bed until noon on {n} days this week and they skipped {place}",
    "reported worrying for hours about money and missing {n} shifts at work",
    "described intrusive memories on {n} days, triggered by {place}",
    "said they avoided {place} all week because of fear of being judged",
    "reported checking the stove and locks for about {n} hours a day",
    "described irritability and two arguments with {person} that ended with them leaving the house",
    "reported appetite down and eating one meal a day on {n} days",
    "said concentration was poor at work; they reread emails {n} times before sending",
]
IMPAIRMENT = [
    "This is affecting work: they left early {n} times and received a warning.",
    "They have stopped seeing friends and missed {person}'s birthday.",
    "Household tasks are piling up; bills went unpaid this month.",
    "They could not attend classes on {n} days and are behind on assignments.",
    "Parenting is strained; {person} has taken over school pickups.",
    "They have withdrawn from their partner and sleep in separate rooms.",
]
QUOTES = ["\"I felt like I was going to pass out\"", "\"I just can't get started in the morning\"",
          "\"it's like my brain won't shut off\"", "\"I'm tired of feeling this way\"",
          "\"I did better than I thought I would\"", "\"I keep waiting for something bad to happen\"",
          "\"nobody at work noticed, which surprised me\"", "\"I actually laughed this week\""]
MSE = [
    "Alert and oriented x4, casually dressed, speech normal rate, mood anxious, affect congruent, thought process linear.",
    "Oriented, fair grooming, psychomotor slowing, mood 'flat', affect constricted, no perceptual disturbances.",
    "Alert, cooperative, good eye contact, mood 'okay', affect full range, insight and judgment fair.",
    "Restless, wringing hands, speech slightly pressured, mood 'on edge', thought content focused on work.",
]
RISK_CLEAR = [
    "Risk: client denies suicidal ideation, intent or plan and denies homicidal ideation; no change in risk since intake.",
    "Safety: denies SI/HI; reviewed safety plan, which remains current; protective factors include {person}.",
]
RISK_PRESENT = [
    "Risk: client endorsed passive thoughts of not waking up on {n} nights, denies plan or intent; safety plan reviewed and updated, crisis line numbers confirmed.",
]
INTERVENTIONS_DETAILED = [
    "Used cognitive restructuring on the thought \"{quote_thought}\"; client rated belief {a}% before and {b}% after.",
    "Practiced paced breathing (4-6 count) and 5-4-3-2-1 grounding, then rehearsed using it at {place}.",
    "Reviewed the behavioral activation log; client {activity} and rated mood {a}/10 afterwards; scheduled two more activities.",
    "Built an exposure hierarchy for {place} and completed the first step in session (imaginal, {m} minutes).",
    "Applied motivational interviewing to explore ambivalence about returning to {place}; elicited change talk.",
    "Role-played an assertive request to {person} using DEAR MAN; client practiced twice with feedback.",
    "Provided psychoeducation on the sleep cycle and set a stimulus-control plan with a fixed {wake} wake time.",
    "Worked through the trauma narrative (chapter {n}) using prolonged exposure; SUDS peaked at {a} and fell to {b}.",
    "Used exposure and response prevention: client touched the doorknob and delayed washing for {m} minutes.",
    "Practiced a thought record on the week's conflict with {person}; identified mind-reading and catastrophizing.",
]
RESPONSES_DETAILED = [
    "Client response: engaged throughout and said {quote}; anxiety went from {a}/10 to {b}/10.",
    "Client response: initially guarded, then described the conflict with {person} in detail and identified one alternative thought.",
    "Client response: completed the exercise and asked for a worksheet to use at home; reported feeling calmer.",
    "Client response: tearful when discussing {person}; was able to use grounding and finish the session composed.",
    "Client response: skeptical that the skill will work at {place} but agreed to try it twice this week.",
]
PROGRESS = [
    "Progress toward goals: Goal {g}: {progress}.",
    "Goal {g} ({goal_short}): {progress}.",
]
PROGRESS_WORDS = ["some progress; panic episodes down from {a} to {b} this week", "no change this week",
                  "good progress; completed {n} of 3 planned activities", "regressed after the conflict with {person}",
                  "partial progress; slept over six hours on {n} nights", "progressing; attended {place} once"]
PLANS_DETAILED = [
    "Plan: continue weekly CBT; homework is a daily worry log and one exposure at {place}. Next session {next}.",
    "Plan: next session {next}; client will schedule two activities and track mood; review sleep diary.",
    "Plan: follow up on the safety plan; consider referral for medication evaluation; meet again {next}.",
    "Plan: continue ERP hierarchy (step {n}); client will practice delaying rituals daily. Return {next}.",
]
GENERIC_BODY = ("Client was seen for individual therapy. Discussed how the week went. Client is doing okay. "
                "Provided supportive therapy. Client was receptive. Will continue to monitor. Continue current plan.")
PROCESS_NOTE_BODY = [
    "Therapist's impressions: I wonder whether her anger at {person} is displaced from her father; "
    "transference felt strong today and I noticed my own urge to rescue. Hypothesis: the avoidance of {place} "
    "protects against shame. Explore the dream about the flooded house next time. Countertransference: irritation.",
]


@dataclass
class PracticeManifest:
    version: int
    notes: int
    seed: int
    clients: int
    clinicians: int
    files: dict[str, int]
    notes_by_kind: dict[str, int]
    planted: dict[str, int]
    broken_files: int
    plans_rows: int
    claims_rows: int


@dataclass
class PracticeNote:
    client: str
    client_id: str
    dob: date
    clinician: str
    credentials: str
    day: date
    kind: str  # progress | psychotherapy | intake
    cpt: str
    start: str | None
    end: str | None
    minutes: int | None
    telehealth: bool
    diagnosis: tuple[str, str]
    body: str
    signed: date | None

    def title(self) -> str:
        return {"progress": "PROGRESS NOTE", "psychotherapy": "PSYCHOTHERAPY NOTE", "intake": "INTAKE ASSESSMENT"}[self.kind]

    def header_lines(self) -> list[str]:
        lines = [self.title(), f"Client: {self.client}    Client ID: {self.client_id}    DOB: {self.dob:%m/%d/%Y}",
                 f"Date of Service: {self.day:%m/%d/%Y}", f"Clinician: {self.clinician}, {self.credentials}"]
        if self.start:
            lines.append(f"Start Time: {self.start}   End Time: {self.end}   Total: {self.minutes} minutes")
        elif self.minutes:
            lines.append(f"Session length: {self.minutes} minutes")
        if self.kind != "psychotherapy":
            pos = "02 (telehealth, client at home)" if self.telehealth else "11 (office)"
            lines.append(f"CPT: {self.cpt}    Place of Service: {pos}")
            lines.append(f"Diagnosis: {self.diagnosis[0]} {self.diagnosis[1]}")
        return lines

    def signature(self) -> str:
        if self.signed is None:
            return ""
        return f"Electronically signed by {self.clinician}, {self.credentials} on {self.signed:%m/%d/%Y}"

    def text(self) -> str:
        parts = ["\n".join(self.header_lines()), self.body]
        if self.signed is not None:
            parts.append(self.signature())
        return "\n".join(parts)


def _clock(minutes_of_day: int) -> str:
    hour, minute = divmod(minutes_of_day, 60)
    suffix = "AM" if hour < 12 else "PM"
    return f"{(hour - 1) % 12 + 1}:{minute:02d} {suffix}"


class _Writer:
    """Fills sentence templates with per-note details, so two notes share topics, not text."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def fill(self, template: str, goal_short: str = "", g: str = "1") -> str:
        r = self.rng
        a = r.randint(5, 9)
        return template.format(
            n=r.randint(2, 6), h=r.randint(3, 6), m=r.randint(10, 25), a=a, b=r.randint(1, a - 1),
            place=r.choice(PLACES), person=r.choice(PEOPLE), activity=r.choice(ACTIVITIES),
            quote=r.choice(QUOTES), quote_thought=r.choice(["I always ruin things", "they think I'm useless",
                                                            "something terrible will happen", "I can't cope"]),
            wake=f"{r.randint(6, 7)}:{r.choice(['00', '15', '30', '45'])} AM",
            next=r.choice(["in one week", "next Tuesday", "in two weeks", "on Thursday"]),
            goal_short=goal_short, g=g, progress="{progress}",
        )

    def body(self, goals: list[tuple[str, str]], defects: set[str], telehealth: bool, risk_present: bool) -> str:
        r = self.rng
        if "generic" in defects:
            return GENERIC_BODY
        lines = []
        first, second = (self.fill(t) for t in r.sample(SYMPTOMS, 2))
        lines.append(f"Subjective: Client {first}. Client also {second}. Client stated {r.choice(QUOTES)}. "
                     f"{self.fill(r.choice(IMPAIRMENT))}")
        lines.append(f"Mental status: {r.choice(MSE)}")
        lines.append(self.fill(r.choice(RISK_PRESENT if risk_present else RISK_CLEAR)))
        if telehealth:
            consent = "" if "no_consent" in defects else " Consent to telehealth on file and reconfirmed verbally."
            lines.append(f"Telehealth: session held by secure video; client located at home in a private room.{consent}")
        lines.append("Interventions: " + " ".join(self.fill(t) for t in r.sample(INTERVENTIONS_DETAILED, 2)))
        if "no_response" not in defects:
            lines.append(self.fill(r.choice(RESPONSES_DETAILED)))
        goal_id, goal_text = r.choice(goals)
        progress = self.fill(r.choice(PROGRESS_WORDS))
        lines.append(self.fill(r.choice(PROGRESS), goal_short=goal_text.split(" ")[0].lower() + " " + goal_text.split(" ")[1],
                               g=goal_id).replace("{progress}", progress))
        if "no_plan_section" not in defects:
            lines.append(self.fill(r.choice(PLANS_DETAILED)))
        return "\n".join(lines)


@dataclass
class _Client:
    name: str
    client_id: str
    dob: date
    clinician: int
    diagnosis: tuple[str, str]
    goals: list[tuple[str, str]]
    kind: str = ""
    plan: str = "current"  # current | none | expired


def _person_names(rng: random.Random, count: int, used: set[str]) -> list[str]:
    names = []
    while len(names) < count:
        name = f"{rng.choice(P_FIRST)} {rng.choice('ABCDEFGHJKLMNPRSTVW')}. {rng.choice(P_LAST)}"
        if name not in used:
            used.add(name)
            names.append(name)
    return names


def practice_notes(count: int, seed: int) -> tuple[list[PracticeNote], list[_Client], list[tuple[str, str]], Counter]:
    """The practice's notes in chronological order per client, its clients and clinicians, and
    how many of each planted situation were made."""
    rng = random.Random(seed)
    writer = _Writer(rng)
    used: set[str] = set()
    clinicians = [(name, rng.choice(CREDENTIALS)) for name in
                  _person_names(rng, max(4, count // NOTES_PER_CLINICIAN), used)]
    client_count = max(2, count // NOTES_PER_CLIENT)
    clients = []
    for index, name in enumerate(_person_names(rng, client_count, used)):
        goals = [(str(g + 1), goal) for g, goal in enumerate(rng.sample(GOALS, rng.randint(2, 3)))]
        roll = rng.random()
        plan = "none" if roll < NO_PLAN_CLIENT_SHARE else "expired" if roll < NO_PLAN_CLIENT_SHARE + EXPIRED_PLAN_CLIENT_SHARE else "current"
        clients.append(_Client(name, f"{10000 + index}", date(1950, 1, 1) + timedelta(days=rng.randint(0, 20000)),
                               rng.randrange(len(clinicians)), rng.choice(DIAGNOSES), goals, plan=plan))
    planted: Counter = Counter()
    notes: list[PracticeNote] = []
    per_client = [count // client_count + (1 if i < count % client_count else 0) for i in range(client_count)]
    for client, sessions in zip(clients, per_client):
        clinician, credentials = clinicians[client.clinician]
        first_day = date(2024, 1, 2) + timedelta(days=rng.randint(0, 60))
        weekday_offset = rng.randint(0, 4)
        previous_body = None
        for session in range(sessions):
            day = first_day + timedelta(days=7 * session + weekday_offset)
            kind = "intake" if session == 0 and rng.random() < INTAKE_SHARE * NOTES_PER_CLIENT else "progress"
            if kind == "progress" and rng.random() < PSYCHOTHERAPY_SHARE:
                kind = "psychotherapy"
            defects = {name for name, share in DEFECTS.items() if rng.random() < share}
            telehealth = rng.random() < TELEHEALTH_SHARE
            if telehealth and rng.random() < 0.3:
                defects.add("no_consent")
            cpt = "90791" if kind == "intake" else rng.choice(list(CPT_MINUTES))
            low, high = CPT_MINUTES.get(cpt, (55, 75))
            minutes = rng.randint(low, high)
            if "short_time" in defects and cpt in CPT_MINUTES:
                cpt, minutes = "90837", rng.randint(40, 50)
            start_minute = rng.randint(8, 17) * 60 + rng.choice([0, 0, 15, 30])
            start = end = None
            if "no_times" not in defects:
                start, end = _clock(start_minute), _clock(start_minute + minutes)
            elif rng.random() < 0.5:
                defects.discard("no_times")  # half of them give the duration only
                defects.add("minutes_only")
            else:
                minutes = None
            if kind == "psychotherapy":
                body = writer.fill(PROCESS_NOTE_BODY[0])
                defects = set()
            elif previous_body is not None and rng.random() < CLONE_SHARE:
                body = previous_body
                defects = {"clone"}
            else:
                body = writer.body(client.goals, defects, telehealth, risk_present=rng.random() < 0.04)
            signed = None
            if "no_signature" not in defects:
                signed = day + timedelta(days=rng.randint(15, 40) if "late_signature" in defects else rng.randint(0, 2))
            planted.update(defects)
            planted[kind] += 1
            planted["telehealth"] += telehealth
            notes.append(PracticeNote(client.name, client.client_id, client.dob, clinician, credentials, day, kind,
                                      cpt, start, end, minutes, telehealth, client.diagnosis, body, signed))
            if kind == "progress":
                previous_body = body
    return notes, clients, clinicians, planted


def _plans_csv(clients: list[_Client], notes_by_client: dict[str, list[PracticeNote]]) -> tuple[bytes, int]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["Client", "Client ID", "Goal ID", "Goal Text", "Effective Date", "Review Date", "Signed"])
    rows = 0
    for client in clients:
        sessions = notes_by_client.get(client.name, [])
        if client.plan == "none" or not sessions:
            continue
        effective = sessions[0].day - timedelta(days=3)
        review = effective + timedelta(days=60 if client.plan == "expired" else 365)
        for goal_id, goal in client.goals:
            writer.writerow([client.name, client.client_id, goal_id, goal, f"{effective:%m/%d/%Y}",
                             f"{review:%m/%d/%Y}", "Yes"])
            rows += 1
    return buffer.getvalue().encode("utf-8"), rows


_FEES = {"90791": 174.86, "90832": 77.48, "90834": 102.65, "90837": 151.34}


def _claims_csv(notes: list[PracticeNote], rng: random.Random, planted: Counter) -> tuple[bytes, int]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["Claim ID", "Patient Name", "Patient ID", "Rendering Provider", "DOS", "CPT", "Modifier",
                     "POS", "Units", "Billed", "Allowed", "Paid", "Payer", "Claim Status"])
    rows = 0
    for note in notes:
        if note.kind == "psychotherapy":
            continue
        if rng.random() < UNBILLED_SHARE:
            planted["unbilled"] += 1
            continue
        day = note.day
        if rng.random() < PHANTOM_CLAIM_SHARE:  # billed on a day with no note
            day += timedelta(days=1)
            planted["claim_without_note"] += 1
        cpt = note.cpt
        if cpt in ("90832", "90834") and rng.random() < UPCODED_CLAIM_SHARE:
            cpt = "90837"
            planted["claim_upcoded"] += 1
        fee = _FEES[cpt]
        denied = rng.random() < DENIED_SHARE
        planted["claim_denied"] += denied
        rows += 1
        writer.writerow([f"CLM-{rows:07d}", note.client, note.client_id, f"{note.clinician}, {note.credentials}",
                         f"{day:%m/%d/%Y}", cpt, "95" if note.telehealth else "", "02" if note.telehealth else "11", 1,
                         f"{fee * 1.4:.2f}", f"{fee:.2f}", "0.00" if denied else f"{fee * 0.9:.2f}",
                         "Northwind Health", "Denied" if denied else "Paid"])
    return buffer.getvalue().encode("utf-8"), rows


def _practice_docx(note: PracticeNote) -> bytes:
    values = {"@CLIENT@": f"{note.client}    Client ID: {note.client_id}    DOB: {note.dob:%m/%d/%Y}", "@DOS@": f"{note.day:%m/%d/%Y}", "@CLINICIAN@": f"{note.clinician}, {note.credentials}",
              "@CPT@": note.cpt if note.kind != "psychotherapy" else "", "@START@": note.start or "", "@END@": note.end or "",
              "@BODY@": f"Diagnosis: {note.diagnosis[0]} {note.diagnosis[1]}\n{note.body}" if note.kind != "psychotherapy" else note.body}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in _docx_template().items():
            if name in ("word/document.xml", "word/header1.xml"):
                text = data.decode("utf-8")
                text = text.replace("Progress Note", note.title().title())
                signature = note.signature()
                text = text.replace("Electronically signed by @CLINICIAN@ on @DOS@", xml_escape(signature))
                body = "".join(f"</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\">{xml_escape(line)}"
                               for line in values["@BODY@"].split("\n"))
                for key, value in values.items():
                    text = text.replace(key, body[len("</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\">"):]
                                        if key == "@BODY@" else xml_escape(value))
                data = text.encode("utf-8")
            archive.writestr(name, data)
    return buffer.getvalue()


def _practice_rows(notes: list[PracticeNote]) -> list[list]:
    return [[note.day, note.client, note.client_id, f"{note.clinician}, {note.credentials}", note.cpt,
             note.start or "", note.end or "", note.minutes if note.minutes is not None else "",
             note.diagnosis[0] if note.kind != "psychotherapy" else "", note.title().title(),
             f"{note.body}\n{note.signature()}".strip()] for note in notes]


PRACTICE_COLUMNS = ["Date of Service", "Client Name", "Client ID", "Clinician", "CPT Code", "Start Time",
                    "End Time", "Duration (min)", "Diagnosis", "Note Type", "Progress Note"]


def _practice_xlsx(notes: list[PracticeNote]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Session Notes")
    sheet.append(["Session notes export (fictional practice)"])
    sheet.append([])
    sheet.append(PRACTICE_COLUMNS)
    for row in _practice_rows(notes):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _practice_csv(notes: list[PracticeNote]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(PRACTICE_COLUMNS)
    for row in _practice_rows(notes):
        row[0] = f"{row[0]:%m/%d/%Y}"
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def _broken_files(folder: Path, notes: list[PracticeNote], count: int) -> int:
    """Files a real export folder holds beside the notes: a truncated PDF, an HTML error page
    saved as .pdf, an empty file, a legacy .doc, an Office lock file."""
    folder.mkdir()
    made = 0
    for index in range(count):
        kind = index % 5
        note = notes[index % len(notes)]
        if kind == 0:
            data = _pdf([note.text()])
            (folder / f"download-{index:03d}.pdf").write_bytes(data[: len(data) // 2])
        elif kind == 1:
            (folder / f"export-{index:03d}.pdf").write_bytes(b"<!DOCTYPE html><html><body>Session expired</body></html>")
        elif kind == 2:
            (folder / f"empty-{index:03d}.docx").write_bytes(b"")
        elif kind == 3:
            (folder / f"old-{index:03d}.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
        else:
            (folder / f"~$note-{index:03d}.docx").write_bytes(b"\x00" * 162)
        made += 1
    return made


def practice_notes_folder(out: Path) -> Path:
    return out / "notes"


def generate_practice(out: Path, notes: int, seed: int = 0) -> PracticeManifest:
    """Write the practice corpus into `out` (replacing it): notes/ with every export kind,
    plans.csv, claims.csv and manifest.json."""
    rng = random.Random(seed + 1)
    folder = practice_notes_folder(out)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    all_notes, clients, clinicians, planted = practice_notes(notes, seed)
    by_client: dict[str, list[PracticeNote]] = {}
    for note in all_notes:
        by_client.setdefault(note.client, []).append(note)
    kinds = list(PRACTICE_SHARES)
    weights = [PRACTICE_SHARES[kind] for kind in kinds]
    for client in clients:
        client.kind = rng.choices(kinds, weights)[0]
    grouped: dict[str, list[PracticeNote]] = {kind: [] for kind in kinds}
    charts: list[list[PracticeNote]] = []
    for client in clients:
        own = by_client.get(client.name, [])
        grouped[client.kind].extend(own)
        if client.kind == "pdf_chart":
            charts.extend(_chunks(own, CHART_MAX_NOTES))
    files: dict[str, int] = {}
    for kind in kinds:
        (folder / kind).mkdir()
    for i, note in enumerate(grouped["pdf_single"]):
        (folder / "pdf_single" / f"note-{i:06d}.pdf").write_bytes(_pdf([note.text()]))
    files["pdf_single"] = len(grouped["pdf_single"])
    for i, chart in enumerate(charts):
        (folder / "pdf_chart" / f"chart-{i:05d}.pdf").write_bytes(_pdf([note.text() for note in chart]))
    files["pdf_chart"] = len(charts)
    for i, note in enumerate(grouped["docx"]):
        (folder / "docx" / f"note-{i:06d}.docx").write_bytes(_practice_docx(note))
    files["docx"] = len(grouped["docx"])
    workbooks = _chunks(grouped["xlsx"], PRACTICE_XLSX_ROWS)
    for i, group in enumerate(workbooks):
        (folder / "xlsx" / f"sessions-{i:04d}.xlsx").write_bytes(_practice_xlsx(group))
    files["xlsx"] = len(workbooks)
    tables = _chunks(grouped["csv"], PRACTICE_CSV_ROWS)
    for i, group in enumerate(tables):
        (folder / "csv" / f"sessions-{i:04d}.csv").write_bytes(_practice_csv(group))
    files["csv"] = len(tables)
    archives = _chunks(grouped["zip"], 500)
    for i, group in enumerate(archives):
        with zipfile.ZipFile(folder / "zip" / f"notes-batch-{i:03d}.zip", "w", zipfile.ZIP_DEFLATED) as archive:
            for j, note in enumerate(group):
                if j % 2:
                    archive.writestr(f"batch/note-{j:05d}.docx", _practice_docx(note))
                else:
                    archive.writestr(f"batch/note-{j:05d}.pdf", _pdf([note.text()]))
    files["zip"] = len(archives)
    broken = _broken_files(folder / "broken", all_notes, max(5, notes // 2000))
    plans, plans_rows = _plans_csv(clients, by_client)
    (out / "plans.csv").write_bytes(plans)
    claims, claims_rows = _claims_csv(all_notes, rng, planted)
    (out / "claims.csv").write_bytes(claims)
    manifest = PracticeManifest(
        PRACTICE_VERSION, notes, seed, len(clients), len(clinicians), files,
        {kind: len(grouped[kind]) for kind in kinds}, dict(sorted(planted.items())), broken, plans_rows, claims_rows,
    )
    (out / "manifest.json").write_text(json.dumps(asdict(manifest), indent=2))
    return manifest


def load_or_generate_practice(out: Path, notes: int, seed: int = 0) -> tuple[PracticeManifest, bool]:
    """The practice corpus in `out`, generated only if missing or made with other parameters."""
    manifest_path = out / "manifest.json"
    if manifest_path.is_file() and practice_notes_folder(out).is_dir() and (out / "claims.csv").is_file():
        try:
            existing = PracticeManifest(**json.loads(manifest_path.read_text()))
        except (TypeError, ValueError):
            existing = None
        if existing and (existing.version, existing.notes, existing.seed) == (PRACTICE_VERSION, notes, seed):
            return existing, True
    return generate_practice(out, notes, seed), False



def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--practice", action="store_true",
                        help="the end-to-end practice corpus (with plans, claims, clones, defects)")
    args = parser.parse_args(argv)
    if args.practice:
        out = args.out or Path("benchmarks/corpus") / f"practice-{args.notes}"
        practice, reused = load_or_generate_practice(out, args.notes, args.seed)
        print(f"{'reused' if reused else 'generated'} {out}: {sum(practice.files.values()) + practice.broken_files} files, "
              f"{practice.notes} notes, {practice.clients} clients, {practice.clinicians} clinicians")
        return
    out = args.out or Path("benchmarks/corpus") / f"ingest-{args.notes}"
    manifest, reused = load_or_generate(out, args.notes, args.seed)
    print(f"{'reused' if reused else 'generated'} {out}: {sum(manifest.files.values())} files, {manifest.notes} notes")


if __name__ == "__main__":
    main()

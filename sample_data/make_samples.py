"""Write the fictional Cedar Grove Counseling sample data that `auditready demo` scans.

    .venv/bin/python sample_data/make_samples.py [--out DIR]

Deterministic: fixed dates, no randomness, fixed PDF creation dates and Office zip timestamps,
so rerunning reproduces the same files. The notes themselves are hand-written in cedar_grove/
(one module per export file); this script only lays them out and writes the manifest
(expected_situations.yaml) and README.md from the same objects.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import yaml

sys.dont_write_bytecode = True  # keep __pycache__ out of the packaged sample_data/ folder
from cedar_grove import notes_chart, notes_csv, notes_docx, notes_pdf, notes_text, notes_xlsx
from cedar_grove.claims import build_claims
from cedar_grove.manifest import build_manifest, build_readme
from cedar_grove.model import Placement, SampleNote
from cedar_grove.plans import NARRATIVE_PLAN_CLIENT, NARRATIVE_PLAN_SECTIONS, PLANS
from cedar_grove.practice import CLIENTS
from cedar_grove.render_office import write_note_docx, write_notes_xlsx, write_plan_docx
from cedar_grove.render_pdf import write_chart_pdf, write_note_pdf
from cedar_grove.render_tabular import (
    write_claims_csv,
    write_notes_csv,
    write_plans_csv,
    write_text_export,
)

# Folders this script owns inside the output directory; they are rebuilt from scratch.
GENERATED_FOLDERS = ("exports", "plans", "claims")
CHART_PDF = "exports/charts/Quill_Aurelia_chart_2025.pdf"
NOTES_XLSX = "exports/session_notes_report_2025H2.xlsx"
NOTES_CSV = "exports/legacy_notes_export_2025H1.csv"
TEXT_EXPORT = "exports/Larkspur_Bennett_notes_export.txt"
PLANS_CSV = "plans/plans.csv"
CLAIMS_CSV = "claims/claims.csv"
MANIFEST = "expected_situations.yaml"

FILE_SUFFIX = {"progress": "progress_note", "psychotherapy": "psychotherapy_note",
               "intake": "diagnostic_evaluation"}

README_INTRO = """\
# Sample data: Cedar Grove Counseling (fictional)

Everything in this folder is invented: the practice, its four clinicians, its thirteen
clients, their dates of birth, every note, plan and claim. Any resemblance to real people is
accidental. Phone numbers use the 555-01xx range reserved for fiction; the town of Fairhollow,
Oregon is invented.

`auditready demo` scans it like a practice's own export:

```bash
auditready scan sample_data/exports --plans sample_data/plans/plans.csv \\
    --claims sample_data/claims/claims.csv --payer optum --out auditready-report/
```

**Regenerate** (deterministic; rerunning reproduces the same files):
`.venv/bin/python sample_data/make_samples.py`. The notes are hand-written in
`cedar_grove/notes_*.py` (one module per export file), in each clinician's own voice:

| clinician | credentials | voice and format |
|---|---|---|
| Juniper Ashcombe | LCSW | SOAP; behavioral activation, cognitive restructuring, CBT-I, exposure; quotes the client; PHQ-9/GAD-7 each session. Mostly exemplary. |
| Dorian Fenwick | LPC | TherapyNotes-style template with a one-click "All Normal" mental-status grid; copy-forward and template clones, boilerplate, a checkbox-only note, an impossible day. Some good MI and exposure notes. |
| Imogen Whitlock | PsyD | DAP; EMDR with SUDS/VOC and PCL-5; a diagnostic evaluation; psychotherapy (process) notes. Supervises Merriweather. |
| Caspian Merriweather | AMFT (registered associate) | First-person Word notes, DBT and narrative/systemic work, co-signed by Whitlock. |

**`expected_situations.yaml`** lists every note with its location and the criterion outcomes
it was written to produce (criterion ids from DESIGN.md "Criterion ids"); only outcomes that
hold by construction are listed. It assumes the scan is given `plans/plans.csv` and
`claims/claims.csv`. Locations:

- `source`: path relative to this folder; the scan root is `exports/`, so drop that prefix to
  compare with `audit.json` `source.path`.
- `note`: 1-based position of the note in its file (the `n` of auditready's note id `path#n`).
- `page`: the PDF page the note starts on. `row`: the row number a spreadsheet program shows
  (XLSX: title row 1, blank row 2, header row 3, notes from row 4; CSV: header row 1, notes
  from row 2; a CSV note cell holds line breaks, so rows are records, not text lines).
- `claims[].kind`: `matched`, `no_note` and `code_not_supported_by_time` are DESIGN.md claim
  statuses (`design_status: true`); `psychotherapy_note_only`, `under_16_minutes`,
  `extra_units` and `denied` name situations whose status string the claims stage chooses.
  `expected_exposure` is given where DESIGN.md "Exposure" fixes it (full paid amount, or 0).
"""


class _ManifestDumper(yaml.SafeDumper):
    """Quotes digit-only strings (chart numbers such as 00418, CPT codes) so that no YAML
    reader, 1.1 or 1.2, turns them into numbers."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "'" if value.isdigit() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_ManifestDumper.add_representer(str, _represent_str)


def _file_name(note: SampleNote, extension: str) -> str:
    client = CLIENTS[note.client]
    return f"{client.last}_{client.first}_{note.dos.isoformat()}_{FILE_SUFFIX[note.kind]}.{extension}"


def build(out_dir: Path) -> dict:
    """Write every sample file into `out_dir`; return the manifest."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for folder in GENERATED_FOLDERS:
        shutil.rmtree(out_dir / folder, ignore_errors=True)
    for folder in ("exports/pdf", "exports/docx", "exports/charts", "plans", "claims"):
        (out_dir / folder).mkdir(parents=True, exist_ok=True)

    notes: list[SampleNote] = []
    placements: dict[str, Placement] = {}
    files: list[tuple[str, str]] = []

    def place(note: SampleNote, source: str, number: int, page=None, row=None) -> None:
        notes.append(note)
        placements[note.key] = Placement(note.key, source, number, page=page, row=row)

    for note in notes_pdf.NOTES:
        source = f"exports/pdf/{_file_name(note, 'pdf')}"
        write_note_pdf(note, out_dir / source)
        place(note, source, 1, page=1)
        files.append((source, f"One {note.kind.replace('_', ' ')} note printed to PDF "
                              f"({CLIENTS[note.client].name}, {note.dos.isoformat()})."))

    pages = write_chart_pdf(notes_chart.NOTES, out_dir / CHART_PDF)
    for number, (note, page) in enumerate(zip(notes_chart.NOTES, pages), start=1):
        place(note, CHART_PDF, number, page=page)
    files.append((CHART_PDF, f"Aurelia Quill's chart: {len(pages)} progress notes over "
                             f"{max(pages)}+ pages, running header and 'Page N of M' footer."))

    for layout, note in notes_docx.NOTES:
        source = f"exports/docx/{_file_name(note, 'docx')}"
        write_note_docx(note, layout, out_dir / source)
        place(note, source, 1)
        files.append((source, f"Word note, layout '{layout}' ({CLIENTS[note.client].name}, "
                              f"{note.dos.isoformat()})."))

    xlsx_notes = tuple(sorted(notes_xlsx.NOTES, key=lambda n: (n.dos, n.start or n.dos)))
    for number, (note, row) in enumerate(
            zip(xlsx_notes, write_notes_xlsx(xlsx_notes, out_dir / NOTES_XLSX)), start=1):
        place(note, NOTES_XLSX, number, row=row)
    files.append((NOTES_XLSX, f"Session notes report: title row, blank row, header, "
                              f"{len(xlsx_notes)} notes (one per row)."))

    csv_notes = tuple(sorted(notes_csv.NOTES, key=lambda n: n.dos))
    for number, (note, row) in enumerate(
            zip(csv_notes, write_notes_csv(csv_notes, out_dir / NOTES_CSV)), start=1):
        place(note, NOTES_CSV, number, row=row)
    files.append((NOTES_CSV, f"Legacy notes CSV in Windows-1252 (em dash, e-acute): "
                             f"{len(csv_notes)} notes, duration instead of clock times."))

    write_text_export(notes_text.NOTES, out_dir / TEXT_EXPORT)
    for number, note in enumerate(notes_text.NOTES, start=1):
        place(note, TEXT_EXPORT, number)
    files.append((TEXT_EXPORT, f"Plain-text export of {len(notes_text.NOTES)} notes."))

    write_plans_csv(PLANS, out_dir / PLANS_CSV)
    files.append((PLANS_CSV, "Treatment plans, one row per goal (current, expired, unsigned; "
                             "one client has none)."))
    plan = next(p for p in PLANS if p.client == NARRATIVE_PLAN_CLIENT)
    client = CLIENTS[NARRATIVE_PLAN_CLIENT]
    plan_docx = f"plans/{client.last}_{client.first}_treatment_plan.docx"
    write_plan_docx(NARRATIVE_PLAN_CLIENT, plan.effective, plan.review, NARRATIVE_PLAN_SECTIONS,
                    out_dir / plan_docx)
    files.append((plan_docx, "The same client's plan as a narrative Word document (diagnosis, "
                             "goals, frequency, signatures)."))

    claims = build_claims(notes)
    write_claims_csv(claims, out_dir / CLAIMS_CSV)
    files.append((CLAIMS_CSV, f"Billing export, {len(claims)} claim lines (Patient Name as "
                              f"'Last, First'; some payers strip the ID's leading zeros)."))

    manifest = build_manifest(notes, placements, claims)
    (out_dir / MANIFEST).write_text(
        "# Planted situations of the Cedar Grove sample data; written by make_samples.py.\n"
        "# See README.md for the conventions (source, note, page, row).\n"
        + yaml.dump(manifest, Dumper=_ManifestDumper, sort_keys=False, allow_unicode=True,
                    width=100),
        encoding="utf-8")
    files += [(MANIFEST, "Every note's location and expected outcomes, as data for tests."),
              ("make_samples.py", "This generator; `cedar_grove/` holds the hand-written notes.")]
    (out_dir / "README.md").write_text(build_readme(manifest, files, README_INTRO),
                                       encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # The default is the folder holding this script, so the script regenerates its own
    # sample_data/ from any working directory.
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent,
                        help="output folder (default: the folder holding this script)")
    args = parser.parse_args(argv)
    manifest = build(args.out)
    print(f"wrote {len(manifest['notes'])} notes, {len(manifest['claims'])} claims to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

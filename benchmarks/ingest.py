"""Ingest benchmark: files/s, notes/s and peak memory on a generated export of >= 2,000 notes,
PDF ingest against raw pypdfium2 text extraction (DESIGN.md budget: within 2x), and the
pypdfium2 vs pdfplumber comparison on the same PDFs.

    python -m benchmarks.ingest [--notes 2000] [--out DIR] [--repeat 3] [--compare-files 100]

--out is the corpus folder (default benchmarks/corpus/ingest-<notes>, reused when it was made
with the same parameters). The full ingest runs in a fresh process so that its peak memory is
its own. Notes are counted with auditready.ingest.split.split_document when it is available,
otherwise as document parts (pages, bodies and rows). Prints results; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from benchmarks.corpus_gen import load_or_generate, notes_folder

DESIGN_PDF_RATIO_BUDGET = 2.0


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def _count_notes(documents) -> tuple[int, str]:
    try:
        from auditready.ingest.split import split_document
    except ImportError:
        return sum(len(document.parts) for document in documents), "document parts"
    return sum(len(split_document(document)) for document in documents), "split_document"


def measure_full_ingest(folder: str, engine: str) -> dict:
    """Run in a fresh process: ingest the whole corpus, then count notes."""
    # Import every reader's library first, so the baseline separates import cost from ingest.
    import docx  # noqa: F401
    import openpyxl  # noqa: F401
    import pandas  # noqa: F401
    import pdfplumber  # noqa: F401
    import pypdfium2  # noqa: F401

    from auditready.ingest import IngestOptions, ingest_paths

    baseline = _peak_rss_mb()
    per_format: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    last = [time.perf_counter()]

    def tick(record) -> None:
        now = time.perf_counter()
        per_format[record.format][0] += 1
        per_format[record.format][1] += now - last[0]
        last[0] = now

    start = time.perf_counter()
    result = ingest_paths([Path(folder)], IngestOptions(pdf_engine=engine), progress=tick)
    ingest_seconds = time.perf_counter() - start
    split_start = time.perf_counter()
    notes, counted_by = _count_notes(result.documents)
    split_seconds = time.perf_counter() - split_start
    statuses: dict[str, int] = defaultdict(int)
    for record in result.inputs:
        statuses[record.status] += 1
    return {
        "files": len(result.inputs),
        "statuses": dict(statuses),
        "notes": notes,
        "counted_by": counted_by,
        "ingest_seconds": ingest_seconds,
        "split_seconds": split_seconds,
        "per_format": {fmt: {"files": int(n), "seconds": s} for fmt, (n, s) in sorted(per_format.items())},
        "peak_rss_mb": _peak_rss_mb(),
        "baseline_rss_mb": baseline,
    }


def raw_pdfium_seconds(files: list[Path]) -> tuple[float, int]:
    """The floor: read each file and pull every page's text with pypdfium2, nothing else."""
    import pypdfium2 as pdfium

    pages = 0
    start = time.perf_counter()
    for path in files:
        document = pdfium.PdfDocument(path.read_bytes())
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        document.close()
    return time.perf_counter() - start, pages


def ingest_pdf_seconds(files: list[Path], engine: str) -> tuple[float, int]:
    from auditready.ingest import IngestOptions, ingest_paths

    start = time.perf_counter()
    result = ingest_paths(files, IngestOptions(pdf_engine=engine))
    seconds = time.perf_counter() - start
    bad = [record for record in result.inputs if record.status != "parsed"]
    if bad:
        raise SystemExit(f"benchmark corpus PDF not parsed: {bad[0].path}: {bad[0].reason}")
    return seconds, sum(len(document.parts) for document in result.documents)


def _best(function, repeat: int, *args) -> tuple[float, int]:
    runs = [function(*args) for _ in range(max(repeat, 1))]
    return min(runs, key=lambda run: run[0])


def _rate(count: float, seconds: float, unit: str) -> str:
    return f"{count / seconds:,.0f} {unit}/s" if seconds > 0 else f"n/a {unit}/s"


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ingest", description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=2000, help="notes in the generated corpus (default 2000)")
    parser.add_argument("--out", type=Path, help="corpus folder (default benchmarks/corpus/ingest-<notes>)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="best of N for the PDF timings (default 3)")
    parser.add_argument("--compare-files", type=int, default=100,
                        help="PDF files in the pdfplumber comparison (0 = all; pdfplumber is slow)")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    args = parser.parse_args(argv)

    out = args.out or Path("benchmarks/corpus") / f"ingest-{args.notes}"
    generate_start = time.perf_counter()
    manifest, reused = load_or_generate(out, args.notes, args.seed)
    generate_seconds = time.perf_counter() - generate_start
    folder = notes_folder(out)
    print(f"corpus: {out} ({sum(manifest.files.values())} files, {manifest.notes} notes; "
          f"{'reused' if reused else f'generated in {generate_seconds:.1f} s'})")

    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        full = pool.submit(measure_full_ingest, str(folder), "pypdfium2").result()
    seconds = full["ingest_seconds"]
    print("\nfull ingest (pypdfium2, fresh process)")
    with_split = seconds + full["split_seconds"]
    print(f"  files      {full['files']:>7,}  in {seconds:6.2f} s  {_rate(full['files'], seconds, 'files')}")
    print(f"  notes      {full['notes']:>7,}  {_rate(full['notes'], seconds, 'notes')} ingest only; "
          f"{_rate(full['notes'], with_split, 'notes')} with splitting (counted by {full['counted_by']})")
    print(f"  intake     {', '.join(f'{n} {status}' for status, n in sorted(full['statuses'].items()))}")
    print(f"  peak RSS   {full['peak_rss_mb']:,.0f} MB ({full['baseline_rss_mb']:,.0f} MB after imports)")
    for fmt, row in full["per_format"].items():
        rate = _rate(row["files"], row["seconds"], "files")
        print(f"    {fmt:<6} {row['files']:>6,} files  {row['seconds']:6.2f} s  {rate}")

    pdfs = sorted(folder.rglob("*.pdf"))
    raw_seconds, raw_pages = _best(raw_pdfium_seconds, args.repeat, pdfs)
    ours_seconds, ours_pages = _best(ingest_pdf_seconds, args.repeat, pdfs, "pypdfium2")
    ratio = ours_seconds / raw_seconds if raw_seconds else float("nan")
    print(f"\nPDF ingest vs raw pypdfium2 ({len(pdfs):,} files, {raw_pages:,} pages, best of {args.repeat})")
    print(f"  raw pypdfium2      {raw_seconds:6.2f} s  {_rate(raw_pages, raw_seconds, 'pages')}")
    print(f"  auditready ingest  {ours_seconds:6.2f} s  {_rate(ours_pages, ours_seconds, 'pages')}")
    print(f"  ratio              {ratio:6.2f}x  (DESIGN budget: <= {DESIGN_PDF_RATIO_BUDGET:g}x)")

    subset = pdfs if args.compare_files <= 0 else pdfs[: args.compare_files]
    fast_seconds, fast_pages = _best(ingest_pdf_seconds, args.repeat, subset, "pypdfium2")
    slow_seconds, slow_pages = ingest_pdf_seconds(subset, "pdfplumber")
    engine_ratio = slow_seconds / fast_seconds if fast_seconds else float("nan")
    print(f"\nPDF engines on the same {len(subset):,} files ({fast_pages:,} pages)")
    print(f"  pypdfium2   {fast_seconds:6.2f} s  {_rate(fast_pages, fast_seconds, 'pages')}")
    print(f"  pdfplumber  {slow_seconds:6.2f} s  {_rate(slow_pages, slow_seconds, 'pages')}")
    print(f"  pdfplumber takes {engine_ratio:,.1f}x as long")

    results = {
        "corpus": {"path": str(out), "files": sum(manifest.files.values()), "notes": manifest.notes, "reused": reused},
        "full_ingest": full,
        "pdf_vs_raw": {"files": len(pdfs), "pages": raw_pages, "raw_seconds": raw_seconds,
                       "ingest_seconds": ours_seconds, "ratio": ratio},
        "engines": {"files": len(subset), "pages": fast_pages, "pypdfium2_seconds": fast_seconds,
                    "pdfplumber_seconds": slow_seconds, "ratio": engine_ratio},
    }
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main()

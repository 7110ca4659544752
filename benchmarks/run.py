"""End-to-end benchmark: a generated practice scanned by the real pipeline, timed stage by stage.

    python -m benchmarks.run --notes 10000 [--jobs 2] [--keep]
    python -m benchmarks.run --notes 100000 --keep

The corpus is the practice export of benchmarks/corpus_gen.py (`--practice`): per-note PDFs,
multi-note chart PDFs, DOCX, XLSX and CSV exports, a zip of notes, a few broken files, many
clinicians and clients, planted deficiencies and clones, plus plans.csv and claims.csv. It is
made in benchmarks/corpus/practice-<notes> (or --corpus) and deleted after the run unless
--keep is given (a kept corpus is reused by the next run with the same parameters).

The scan runs in a fresh process (`auditready scan`'s options, all report formats, with the
plans and claims files) so its memory is its own. Printed per stage: seconds, notes/s, and
peak memory. Stages inside the workers (ingest+split, classify, rules, clone text) are CPU
seconds summed over the workers; the others are wall-clock. Peak memory is reported three
ways: the scan's main process and its largest worker (getrusage ru_maxrss), and the sampled
peak of all of them together (sum of proportional set sizes from /proc, Linux only, which
counts memory shared between the forked workers once). Then PDF ingest against raw pypdfium2
text extraction of the same files (single process, best of --repeat), and the budgets of
DESIGN.md "Performance budgets", each marked met or NOT met. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.corpus_gen import load_or_generate_practice, practice_notes_folder

BUDGET_SCORING_PER_CORE = 2000  # notes/s
BUDGET_10K_SECONDS = 60
BUDGET_100K_SECONDS = 600
BUDGET_PEAK_MB = 2048
BUDGET_PDF_RATIO = 2.0
STAGE_ORDER = ("load pack", "ingest+split", "classify", "rules", "clone text", "read+judge (wall)",
               "plans+claims", "cross-note", "exposure+summaries", "de-identify", "reports")


# --------------------------------------------------------------------------- the scan (child)


def _max_rss_mb(who: int) -> float:
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def child(corpus: Path, out: Path, jobs: int | None, results: Path) -> None:
    """Run the scan the way `auditready scan` does and write timings and memory to `results`."""
    started = time.perf_counter()
    from auditready.commands.options import DEFAULT_FILE_TIMEOUT, build_scan_options
    from auditready.pipeline import run_scan

    imported = time.perf_counter() - started
    options = {
        "payer": "common", "pack_path": None, "plans": corpus / "plans.csv", "claims": corpus / "claims.csv",
        "fees": None, "universe": None, "lookback": None, "columns_file": None, "deidentify": False,
        "pdf_engine": "pypdfium2", "pdf_password": None, "max_file_mb": 200, "jobs": jobs,
        "file_timeout": DEFAULT_FILE_TIMEOUT,
    }
    scan_options = build_scan_options(options)
    stages: list[dict] = []
    begun = time.perf_counter()

    def timing(stage) -> None:
        # ru_maxrss only grows: read after each stage, it is the peak up to the end of that stage.
        stages.append({"stage": stage.stage, "seconds": stage.seconds, "items": stage.items,
                       "summed_over_workers": stage.summed_over_workers,
                       "main_peak_mb": _max_rss_mb(resource.RUSAGE_SELF),
                       "worker_peak_mb": _max_rss_mb(resource.RUSAGE_CHILDREN)})

    result, written = run_scan([practice_notes_folder(corpus)], scan_options, out,
                               {"json", "html", "xlsx", "csv"}, timing=timing)
    scan_seconds = time.perf_counter() - begun
    statuses: dict[str, int] = {}
    for record in result.inputs:
        statuses[record.status] = statuses.get(record.status, 0) + 1
    sizes = {name: path.stat().st_size for name, path in written.items()}
    clinician_pages = [size for name, size in sizes.items() if name.startswith("clinician:")]
    results.write_text(json.dumps({
        "jobs": scan_options.jobs,
        "imports_seconds": imported,
        "scan_seconds": scan_seconds,
        "stages": stages,
        "notes": len(result.notes),
        "files": len(result.inputs),
        "statuses": statuses,
        "clones": len(result.clones),
        "clinicians": len(result.clinicians),
        "main_peak_mb": _max_rss_mb(resource.RUSAGE_SELF),
        "worker_peak_mb": _max_rss_mb(resource.RUSAGE_CHILDREN),
        "report_sizes": {
            "audit.json": sizes.get("json", 0), "audit.xlsx": sizes.get("xlsx", 0),
            "index.html": sizes.get("html", 0), "clinician pages": len(clinician_pages),
            "largest clinician page": max(clinician_pages, default=0),
            "findings.csv": sizes.get("findings_csv", 0),
        },
    }))


# ------------------------------------------------------------------------ memory (the parent)


def _descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    queue.extend(int(child) for child in handle.read().split())
        except OSError:
            continue
    return found


def _memory_kb(pid: int) -> tuple[int, int]:
    """(Pss, Rss) in kB of one process, or (0, 0) when it is gone."""
    pss = rss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss = int(line.split()[1])
    except OSError:
        pass
    return pss, rss


class TreeSampler(threading.Thread):
    """Samples the summed memory of a process and all its descendants every `interval` s."""

    def __init__(self, pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_pss_kb = self.peak_rss_kb = 0
        self.available = os.path.exists(f"/proc/{os.getpid()}/smaps_rollup")
        self._halt = threading.Event()

    def run(self) -> None:
        while self.available and not self._halt.is_set():
            totals = [_memory_kb(pid) for pid in _descendants(self.pid)]
            self.peak_pss_kb = max(self.peak_pss_kb, sum(p for p, _ in totals))
            self.peak_rss_kb = max(self.peak_rss_kb, sum(r for _, r in totals))
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def machine_busy_seconds() -> float | None:
    """CPU-seconds every process on the machine has used since boot (/proc/stat), or None."""
    try:
        with open("/proc/stat") as handle:
            fields = handle.readline().split()[1:]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


# ------------------------------------------------------------------------------ PDF vs raw


def pdf_ratio(corpus: Path, limit: int, repeat: int) -> dict:
    from benchmarks.ingest import ingest_pdf_seconds, raw_pdfium_seconds

    pdfs = sorted(practice_notes_folder(corpus).glob("pdf_*/*.pdf"))
    if limit > 0:
        step = max(1, len(pdfs) // limit)  # spread over single-note and chart files alike
        pdfs = pdfs[::step][:limit]
    raw = min((raw_pdfium_seconds(pdfs) for _ in range(repeat)), key=lambda run: run[0])
    ours = min((ingest_pdf_seconds(pdfs, "pypdfium2") for _ in range(repeat)), key=lambda run: run[0])
    return {"files": len(pdfs), "pages": raw[1], "raw_seconds": raw[0], "ingest_seconds": ours[0],
            "ratio": ours[0] / raw[0] if raw[0] else float("nan")}


# ------------------------------------------------------------------------------- printing


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:>10,.0f}" if seconds > 0 else f"{'—':>10}"


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def report(notes: int, scan: dict, wall: float, sampler: TreeSampler, pdf: dict | None, cpus: int,
           machine: dict) -> dict:
    stages = {row["stage"]: row for row in scan["stages"]}
    print(f"\nscan of {scan['notes']:,} notes in {scan['files']:,} files "
          f"({', '.join(f'{n:,} {s}' for s, n in sorted(scan['statuses'].items()))}); "
          f"{scan['jobs']} worker{'s' * (scan['jobs'] != 1)} on {cpus} CPU{'s' * (cpus != 1)}; "
          f"{scan['clones']:,} clone groups, {scan['clinicians']:,} clinicians")
    print(f"\n  {'stage':<22}{'seconds':>9}{'notes/s':>11}{'peak RSS MB':>13}")
    for name in STAGE_ORDER:
        row = stages.get(name)
        if row is None:
            continue
        items = scan["notes"]
        rate = _rate(items, row["seconds"]) if name not in ("load pack", "plans+claims") else f"{'':>10}"
        if row["summed_over_workers"]:
            memory, note = f"{'':>13}", "  CPU-s summed over the workers"
        else:
            memory = f"{row['main_peak_mb']:>13,.0f}"
            note = "  wall clock of the four stages above; largest worker " \
                   f"{row['worker_peak_mb']:,.0f} MB" if name == "read+judge (wall)" else ""
        print(f"  {name:<22}{row['seconds']:9.2f} {rate}{memory}{note}")
    end_to_end = wall
    print(f"  {'end to end (wall)':<22}{end_to_end:9.2f} {_rate(scan['notes'], end_to_end)}"
          f"{scan['main_peak_mb']:>13,.0f}  the whole `scan` process: start-up, imports "
          f"({scan['imports_seconds']:.1f} s), scan, reports")
    print("  (peak RSS: the scan's main process, highest up to the end of the stage)")

    others = machine["others_cpu_seconds"]
    print(f"\n  CPU: the scan's processes used {machine['scan_cpu_seconds']:,.1f} CPU-s in {wall:,.1f} s on "
          f"{cpus} cores" + ("" if others is None else
                             f"; other processes on this machine used {max(others, 0):,.1f} CPU-s meanwhile"
                             f" (load average {machine['load_before']:.2f} at the start)"))

    print("\n  peak memory")
    print(f"    scan main process   {scan['main_peak_mb']:8,.0f} MB (max RSS)")
    print(f"    largest worker      {scan['worker_peak_mb']:8,.0f} MB (max RSS)")
    if sampler.available:
        print(f"    all processes       {sampler.peak_pss_kb / 1024:8,.0f} MB (sampled peak of summed PSS; "
              f"summed RSS {sampler.peak_rss_kb / 1024:,.0f} MB counts pages shared by forked workers twice)")
    peak_mb = sampler.peak_pss_kb / 1024 if sampler.available else scan["main_peak_mb"] + scan["worker_peak_mb"] * scan["jobs"]

    sizes = scan["report_sizes"]
    print("\n  reports: " + ", ".join(
        f"{name} {value / 1e6:,.1f} MB" if name not in ("clinician pages",) else f"{value} {name}"
        for name, value in sizes.items()))

    if pdf is not None:
        print(f"\n  PDF ingest vs raw pypdfium2 on {pdf['files']:,} files ({pdf['pages']:,} pages), one process:")
        print(f"    raw pypdfium2 {pdf['raw_seconds']:7.2f} s; auditready ingest {pdf['ingest_seconds']:7.2f} s; "
              f"ratio {pdf['ratio']:.2f}x")

    judged = stages.get("classify", {}).get("seconds", 0) + stages.get("rules", {}).get("seconds", 0)
    per_core = scan["notes"] / judged if judged else float("nan")
    print("\n  budgets (DESIGN.md)")
    print(f"    scoring >= {BUDGET_SCORING_PER_CORE:,} notes/s per core: {per_core:,.0f} notes/s "
          f"(classify + rules, CPU time) — {_met(per_core >= BUDGET_SCORING_PER_CORE)}")
    budgets = {"scoring_per_core": per_core}
    if notes <= 10_000:
        print(f"    {notes:,} notes end to end <= {BUDGET_10K_SECONDS} s: {end_to_end:.1f} s — "
              f"{_met(end_to_end <= BUDGET_10K_SECONDS)}"
              + ("" if notes == 10_000 else " (the budget is for 10,000 notes)"))
    if notes >= 100_000:
        print(f"    {notes:,} notes end to end <= {BUDGET_100K_SECONDS // 60} min: {end_to_end / 60:.1f} min — "
              f"{_met(end_to_end <= BUDGET_100K_SECONDS)}")
        print(f"    peak memory <= {BUDGET_PEAK_MB / 1024:g} GB: {peak_mb / 1024:.2f} GB — {_met(peak_mb <= BUDGET_PEAK_MB)}")
    if pdf is not None:
        print(f"    PDF ingest within {BUDGET_PDF_RATIO:g}x raw pypdfium2: {pdf['ratio']:.2f}x — "
              f"{_met(pdf['ratio'] <= BUDGET_PDF_RATIO)}")
    budgets.update(end_to_end_seconds=end_to_end, peak_mb=peak_mb, pdf_ratio=pdf["ratio"] if pdf else None)
    return budgets


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=10_000, help="notes in the practice corpus (default 10000)")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: the CPU count)")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and the reports after the run")
    parser.add_argument("--corpus", type=Path, help="corpus folder (default benchmarks/corpus/practice-<notes>)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pdf-files", type=int, default=2000,
                        help="PDF files in the raw-pypdfium2 comparison (0 = all; default 2000)")
    parser.add_argument("--repeat", type=int, default=2, help="best of N for the PDF comparison (default 2)")
    parser.add_argument("--json", type=Path, help="also write the numbers to this JSON file")
    parser.add_argument("--child", nargs=3, metavar=("CORPUS", "OUT", "RESULTS"), help=argparse.SUPPRESS)
    parser.add_argument("--child-jobs", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        corpus, out, results = map(Path, args.child)
        child(corpus, out, args.child_jobs, results)
        return {}

    corpus = args.corpus or Path("benchmarks/corpus") / f"practice-{args.notes}"
    made = time.perf_counter()
    manifest, reused = load_or_generate_practice(corpus, args.notes, args.seed)
    print(f"corpus: {corpus} ({args.notes:,} notes, {manifest.clients:,} clients, {manifest.clinicians:,} clinicians, "
          f"{sum(manifest.files.values()) + manifest.broken_files:,} files; "
          f"{'reused' if reused else f'generated in {time.perf_counter() - made:.0f} s'})")
    print("  files by kind: " + ", ".join(f"{kind} {count:,}" for kind, count in manifest.files.items())
          + f", broken {manifest.broken_files}")
    print("  planted: " + ", ".join(f"{name} {count:,}" for name, count in manifest.planted.items()))

    work = Path(tempfile.mkdtemp(prefix="auditready-bench-"))
    out, results = work / "report", work / "scan.json"
    command = [sys.executable, "-m", "benchmarks.run", "--child", str(corpus), str(out), str(results)]
    if args.jobs:
        command += ["--child-jobs", str(args.jobs)]
    try:
        load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
        busy_before = machine_busy_seconds()
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        process = subprocess.Popen(command)
        sampler = TreeSampler(process.pid)
        sampler.start()
        code = process.wait()
        wall = time.perf_counter() - started
        sampler.stop()
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        busy_after = machine_busy_seconds()
        scan_cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
        machine = {"scan_cpu_seconds": scan_cpu, "load_before": load_before,
                   "others_cpu_seconds": (busy_after - busy_before - scan_cpu)
                   if busy_before is not None and busy_after is not None else None}
        if code != 0:
            raise SystemExit(f"the scan failed (exit status {code})")
        scan = json.loads(results.read_text())
        pdf = pdf_ratio(corpus, args.pdf_files, max(1, args.repeat))
        budgets = report(args.notes, scan, wall, sampler, pdf, os.cpu_count() or 1, machine)
    finally:
        if args.keep:
            print(f"\nkept: corpus {corpus}, reports {out}")
        else:
            shutil.rmtree(work, ignore_errors=True)
            if not reused or args.corpus is None:
                shutil.rmtree(corpus, ignore_errors=True)
    numbers = {"notes": args.notes, "corpus": str(corpus), "scan": scan, "wall_seconds": wall, "machine": machine,
               "peak_pss_mb": sampler.peak_pss_kb / 1024, "pdf": pdf, "budgets": budgets}
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(numbers, indent=2))
    return numbers


if __name__ == "__main__":
    main()

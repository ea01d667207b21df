"""Build speed against the bare parser, with one job, two jobs and a Dask LocalCluster, at two
corpus sizes; peak memory of each build.

The corpus is the Wikinews test data replicated with new ids up to each size (texts unchanged,
so every size parses the same kind of text). For each size it prints the words/s of a bare
``nlp.pipe`` over the same texts with the same pipeline, then of ``pipeline.build`` into a new
folder with each engine, each build in a fresh process so that its peak resident memory (the
builder's own, and the largest of its worker processes) is its alone, and the ratios:
build / bare parse, jobs 2 / jobs 1 (beside the speed-up two CPU-bound processes get over
one on this machine at that time: a shared or throttled core caps what two jobs can gain), and
the peak memory of the largest size over the smallest. Every run happens on this machine in
this invocation, so the ratios do not depend on the machine's speed.

    python benchmarks/build_scale.py [--sizes 300,3000] [--runs jobs1,jobs2,dask]
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CORPORA = [DATA / "wikinews-2019.csv", DATA / "wikinews-2020.csv"]
RUNS = {"jobs1": ("local", 1), "jobs2": ("local", 2), "dask": ("dask", 2)}


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory in MiB (Linux reports KiB) of this process or of its largest
    finished child."""
    return resource.getrusage(who).ru_maxrss / 1024


def replicated(size: int, folder: Path) -> tuple[Path, list[str]]:
    """A CSV of ``size`` articles: the corpus rows over and over, each copy with a new id."""
    csv.field_size_limit(1 << 30)
    rows = []
    for corpus in CORPORA:
        with corpus.open(encoding="utf-8", newline="") as handle:
            rows.extend(csv.DictReader(handle))
    chosen = [
        {"id": f"copy{n // len(rows)}-{n % len(rows)}", **rows[n % len(rows)]} for n in range(size)
    ]
    path = folder / f"corpus-{size}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(chosen[0]))
        writer.writeheader()
        writer.writerows(chosen)
    return path, [row["text"] for row in chosen]


def child(corpus: Path, out: Path, engine: str, jobs: int) -> None:
    """One build in this process; prints its figures as JSON."""
    from graphbuild import pipeline

    start = time.perf_counter()
    report = pipeline.build([corpus], out, jobs=jobs, engine=engine)
    seconds = time.perf_counter() - start
    figures = {
        "seconds": seconds,
        "rss": peak_rss_mb(),
        "workers_rss": peak_rss_mb(resource.RUSAGE_CHILDREN),
        "quads": report.quads,
        "rejected": len(report.rejected),
        "timings": report.timings,
    }
    print(json.dumps(figures))


def bare_parse(texts: list[str]) -> tuple[int, float]:
    """Tokens and seconds of one ``nlp.pipe`` over ``texts`` (in a fresh process)."""
    code = (
        "import json, sys, time\n"
        "from graphbuild import nlp as stage\n"
        "texts = json.load(sys.stdin)\n"
        "nlp = stage.load()\n"
        "list(nlp.pipe(['Warm up the pipeline.']))\n"
        "start = time.perf_counter()\n"
        "words = sum(len(doc) for doc in nlp.pipe(texts))\n"
        "print(json.dumps([words, time.perf_counter() - start]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
    )
    words, seconds = json.loads(done.stdout)
    return words, seconds


def parallel_ceiling(loops: int = 40_000_000) -> float:
    """How much faster two processes get through twice a CPU-bound loop than one process
    gets through it once: the most two jobs can gain over one on this machine right now (2.0
    on two idle cores; less when the cores are shared)."""
    code = f"x = 0\nfor i in range({loops}):\n    x += i\n"

    def wall(copies: int) -> float:
        start = time.perf_counter()
        children = [subprocess.Popen([sys.executable, "-c", code]) for _ in range(copies)]
        for process in children:
            process.wait()
        return time.perf_counter() - start

    return 2 * wall(1) / wall(2)


def run_build(corpus: Path, out: Path, engine: str, jobs: int) -> dict:
    args = [sys.executable, __file__, "--child", str(corpus), str(out), engine, str(jobs)]
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"build failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="300,3000", help="corpus sizes, comma-separated")
    parser.add_argument(
        "--runs", default="jobs1,jobs2,dask", help=f"builds to time, from {','.join(RUNS)}"
    )
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        corpus, out, engine, jobs = args.child
        child(Path(corpus), Path(out), engine, int(jobs))
        return 0
    sizes = [int(size) for size in args.sizes.split(",")]
    runs = [run for run in args.runs.split(",") if run]
    unknown = [run for run in runs if run not in RUNS]
    if unknown:
        parser.error(f"unknown runs {unknown} (choose from {list(RUNS)})")
    rss: dict[tuple[int, str], float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            corpus, texts = replicated(size, Path(tmp))
            words, parse_seconds = bare_parse(texts)
            base = words / parse_seconds
            print(f"{size} articles, {words} tokens")
            print(f"  bare nlp.pipe   {parse_seconds:8.1f} s  {base:8.0f} words/s")
            speeds = {}
            for run in runs:
                engine, jobs = RUNS[run]
                figures = run_build(corpus, Path(tmp) / f"out-{size}-{run}", engine, jobs)
                speeds[run] = words / figures["seconds"]
                rss[size, run] = figures["rss"]
                stages = "  ".join(f"{k} {v:.1f}" for k, v in figures["timings"].items())
                print(
                    f"  build {run:9} {figures['seconds']:8.1f} s  {speeds[run]:8.0f} words/s"
                    f"  {speeds[run] / base:5.2f}x parse   peak RSS {figures['rss']:6.0f} MiB"
                    f" (workers {figures['workers_rss']:.0f} MiB)   {figures['quads']} quads"
                )
                print(f"      stages (s): {stages}")
            if "jobs1" in speeds and "jobs2" in speeds:
                print(
                    f"  jobs 2 / jobs 1  {speeds['jobs2'] / speeds['jobs1']:5.2f}x"
                    f"   (two CPU-bound processes / one: {parallel_ceiling():.2f}x)"
                )
            if "jobs1" in speeds and "dask" in speeds:
                print(f"  dask / jobs 1    {speeds['dask'] / speeds['jobs1']:5.2f}x")
            sys.stdout.flush()
    if len(sizes) > 1:
        small, large = min(sizes), max(sizes)
        for run in runs:
            print(
                f"peak RSS {large} / {small} articles, {run}: "
                f"{rss[large, run] / rss[small, run]:.2f}x"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

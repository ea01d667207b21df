"""Build a whole corpus and compare the time with bare spaCy parsing of the same texts.

Prints the parse-only baseline, the full build (ingest, parse, extract, resolve, store,
dumps, pages), their ratio, throughput, graph size and peak memory. Both runs happen in this
process, one after the other, so the ratio does not depend on the machine's speed.

    python benchmarks/build_corpus.py [--corpus tests/data/wikinews-2019.csv] [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus", type=Path, default=ROOT / "tests" / "data" / "wikinews-2019.csv"
    )
    parser.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    parser.add_argument("--max-ratio", type=float, default=0.0, help="fail above this ratio")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus} (give --corpus)", file=sys.stderr)
        return 2

    from graphbuild import nlp as nlp_stage
    from graphbuild import pipeline

    csv.field_size_limit(1 << 30)
    with args.corpus.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if args.limit:
        rows = rows[: args.limit]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / args.corpus.name
        with corpus.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)

        nlp = nlp_stage.load()
        nlp_stage.parse_text(nlp, "Warm up the pipeline.")
        start = time.perf_counter()
        words = sum(len(doc) for doc in nlp.pipe(row["text"] for row in rows))
        parse_seconds = time.perf_counter() - start
        parse_rss = peak_rss_mb()

        start = time.perf_counter()
        report = pipeline.build([corpus], Path(tmp) / "out")
        build_seconds = time.perf_counter() - start

    ratio = build_seconds / parse_seconds
    print(f"articles        {len(rows)} ({words} tokens), rejected {len(report.rejected)}")
    print(f"spaCy parse     {parse_seconds:8.2f} s   ({len(rows) / parse_seconds:.1f} articles/s)")
    print(f"full build      {build_seconds:8.2f} s   ({len(rows) / build_seconds:.1f} articles/s)")
    print(f"ratio           {ratio:8.2f}   (full build / parse alone)")
    print(f"graph           {report.relations} relations, {report.quads} quads")
    print(
        f"peak memory     {parse_rss:8.0f} MiB after parsing, {peak_rss_mb():.0f} MiB after build"
    )
    if args.max_ratio and ratio > args.max_ratio:
        print(f"FAIL: ratio {ratio:.2f} > {args.max_ratio}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Time of the extraction rules relative to the spaCy parse, on Wikinews articles.

Parses N corpus articles with ``nlp.pipe`` (t_parse), then runs ``extract`` over the same docs
(t_extract), prints both and their ratio, and exits 1 when the ratio is above the budget
(10 % by default). Times are CPU seconds of this process (all its threads), so other load on
the machine does not skew the ratio; t_extract is the best of ``--repeat`` runs.

    python benchmarks/extraction_overhead.py [--corpus CSV] [-n 100] [--budget 0.10]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        default=ROOT / "tests" / "data" / "wikinews-2019.csv",
        help="CSV with a text column",
    )
    parser.add_argument("-n", type=int, default=100, help="number of articles")
    parser.add_argument("--budget", type=float, default=0.10, help="largest allowed ratio")
    parser.add_argument("--repeat", type=int, default=3, help="extraction runs (best counts)")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"extraction_overhead: corpus {args.corpus} not found (use --corpus)")
        return 2
    csv.field_size_limit(sys.maxsize)
    with args.corpus.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle) if row.get("text")][: args.n]

    from graphbuild.extract import extract
    from graphbuild.nlp import load

    nlp = load()
    list(nlp.pipe(texts[:2]))  # warm up
    started = time.process_time()
    docs = list(nlp.pipe(texts, batch_size=64))
    t_parse = time.process_time() - started
    runs = []
    for _ in range(max(1, args.repeat)):
        started = time.process_time()
        relations = sum(1 for n, doc in enumerate(docs) for _ in extract(doc, str(n)))
        runs.append(time.process_time() - started)
    t_extract = min(runs)
    ratio = t_extract / t_parse if t_parse else 0.0
    words = sum(len(doc) for doc in docs)
    print(f"articles {len(docs)}, tokens {words}, relations {relations}")
    print(f"t_parse={t_parse:.2f}s t_extract={t_extract:.2f}s ratio={ratio:.3f}")
    return 0 if ratio <= args.budget else 1


if __name__ == "__main__":
    sys.exit(main())

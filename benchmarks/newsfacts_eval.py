"""Score graphbuild's extraction records on the NewsFacts sentences.

Extracts every record of the articles a NewsFacts set annotates, keeps those at or above a
confidence threshold, and prints the last line of the NewsFacts scorer for each threshold:
end-to-end precision, recall and F1, and the same at triple level.

    python benchmarks/newsfacts_eval.py --eval-dir DIR [--threshold T ...] [--explain N]
        [--heldout]

The development set is not shipped: ``DIR`` holds ``newsfacts-dev/gold.jsonl`` and
``newsfacts-dev/score.py``. ``--heldout`` also scores the held-out set in
``benchmarks/newsfacts-heldout/`` (54 sentences of 9 other Wikinews articles, annotated by two
readers working independently with the same guidelines) against each reader's facts. It is
there to check a choice, such as the graph's threshold, on sentences nothing was tuned on.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [ROOT / "tests" / "data" / f"wikinews-{year}.csv" for year in (2019, 2020)]
HELDOUT = ROOT / "benchmarks" / "newsfacts-heldout"


def main(argv: list[str] | None = None) -> int:
    from graphbuild.pipeline import Config

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, required=True, help="holds newsfacts-dev/")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=CORPORA[1],
        help="the articles of the development set (default: the 2020 Wikinews corpus)",
    )
    parser.add_argument(
        "--threshold",
        type=float,
        action="append",
        help="count records at or above this confidence; repeat for a line per threshold "
        "(default: the graph's threshold)",
    )
    parser.add_argument("--explain", type=int, default=0, help="list up to N errors of each kind")
    parser.add_argument("--out", type=Path, help="keep the development records in this file")
    parser.add_argument(
        "--heldout", action="store_true", help="also score the held-out set of each reader"
    )
    args = parser.parse_args(argv)
    thresholds = args.threshold or [Config.min_confidence]

    gold = args.eval_dir / "newsfacts-dev" / "gold.jsonl"
    scorer = args.eval_dir / "newsfacts-dev" / "score.py"
    for path in (gold, scorer, args.corpus):
        if not path.is_file():
            print(f"newsfacts_eval: {path} not found")
            return 2

    with tempfile.TemporaryDirectory() as tmp:
        records = args.out or Path(tmp) / "records.jsonl"
        write_records([args.corpus], records)
        sets = [("dev", gold, records)]
        if args.heldout:
            readers = sorted(HELDOUT.glob("gold-*.jsonl"))
            corpus = Path(tmp) / "heldout.csv"
            write_articles(readers[0], corpus)
            write_records([corpus], Path(tmp) / "heldout.jsonl")
            for reader in readers:
                name = "heldout-" + reader.stem.removeprefix("gold-")
                sets.append((name, reader, Path(tmp) / "heldout.jsonl"))
        for name, facts, found in sets:
            for threshold in thresholds:
                lines = score(scorer, facts, found, threshold, args.explain)
                if lines is None:
                    return 1
                label = f"{name} T={threshold:g}: " if len(sets) + len(thresholds) > 2 else ""
                print("\n".join([*lines[:-1], label + lines[-1]]))
    return 0


def write_records(paths: list[Path], out: Path) -> None:
    from graphbuild import pipeline

    with out.open("w", encoding="utf-8") as handle:
        for relation in pipeline.extract_records(paths):
            handle.write(json.dumps(relation.to_json(), ensure_ascii=False) + "\n")


def write_articles(gold: Path, out: Path) -> None:
    """The corpus articles whose titles the gold sentences name, as one CSV."""
    titles = {json.loads(line)["doc"] for line in gold.open(encoding="utf-8")}
    csv.field_size_limit(1 << 30)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = None
        for path in CORPORA:
            with path.open(encoding="utf-8", newline="") as rows:
                for row in csv.DictReader(rows):
                    if row["title"] not in titles:
                        continue
                    if writer is None:
                        writer = csv.DictWriter(handle, fieldnames=list(row))
                        writer.writeheader()
                    writer.writerow(row)


def score(
    scorer: Path, gold: Path, records: Path, threshold: float, explain: int
) -> list[str] | None:
    """The scorer's output lines (the explanations and the figures), or None when it fails."""
    command = [sys.executable, str(scorer), str(gold), str(records)]
    command += ["--min-confidence", str(threshold), "--explain", str(explain)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        print(f"newsfacts_eval: the scorer failed:\n{result.stderr}")
        return None
    lines = result.stdout.strip().splitlines()
    return lines if explain else lines[-1:]


if __name__ == "__main__":
    sys.exit(main())

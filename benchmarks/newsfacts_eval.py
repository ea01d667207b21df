"""Score graphbuild's extraction records on the NewsFacts development sentences.

Extracts every record of the 2020 Wikinews corpus (the articles NewsFacts annotates), keeps
those at or above the graph's confidence threshold, and prints the last line of the NewsFacts
scorer: end-to-end precision, recall and F1, and the same at triple level.

    python benchmarks/newsfacts_eval.py --eval-dir DIR [--threshold T] [--explain N]

The evaluation folder is not shipped: it holds ``newsfacts-dev/gold.jsonl`` and
``newsfacts-dev/score.py``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    from graphbuild.pipeline import Config

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, required=True, help="holds newsfacts-dev/")
    parser.add_argument(
        "--corpus", type=Path, default=ROOT / "tests" / "data" / "wikinews-2020.csv"
    )
    parser.add_argument(
        "--threshold",
        type=float,
        default=Config.min_confidence,
        help="count records at or above this confidence (default: the graph's threshold)",
    )
    parser.add_argument("--explain", type=int, default=0, help="list up to N errors of each kind")
    parser.add_argument("--out", type=Path, help="keep the records in this file")
    args = parser.parse_args(argv)

    gold = args.eval_dir / "newsfacts-dev" / "gold.jsonl"
    scorer = args.eval_dir / "newsfacts-dev" / "score.py"
    for path in (gold, scorer, args.corpus):
        if not path.is_file():
            print(f"newsfacts_eval: {path} not found")
            return 2

    from graphbuild import pipeline

    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp) / "records.jsonl"
        with out.open("w", encoding="utf-8") as handle:
            for relation in pipeline.extract_records([args.corpus]):
                handle.write(json.dumps(relation.to_json(), ensure_ascii=False) + "\n")
        command = [sys.executable, str(scorer), str(gold), str(out)]
        command += ["--min-confidence", str(args.threshold), "--explain", str(args.explain)]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            print(f"newsfacts_eval: the scorer failed:\n{result.stderr}")
            return 1
        lines = result.stdout.strip().splitlines()
        print("\n".join(lines if args.explain else lines[-1:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())

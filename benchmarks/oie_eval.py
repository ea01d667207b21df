"""Score graphbuild's Open IE output on the CaRB and BenchIE development sentences.

Runs ``oie_lines(..., pretokenized=True)`` over ``carb-dev/sentences.txt`` of the evaluation
folder, writes the tabbed extractions, and prints the last line of both scorers.

    python benchmarks/oie_eval.py --eval-dir DIR [--out FILE]

The evaluation folder is not shipped: it holds ``carb-dev/sentences.txt`` and ``gold.tsv``
(CaRB development split), ``benchie-dev/gold.txt`` and the two scorers.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--eval-dir",
        type=Path,
        required=True,
        help="folder holding carb-dev/, benchie-dev/ and the two scorers",
    )
    parser.add_argument("--out", type=Path, help="keep the extractions in this file")
    args = parser.parse_args(argv)

    sentences = args.eval_dir / "carb-dev" / "sentences.txt"
    scorers = [args.eval_dir / "benchie_score.py", args.eval_dir / "carb_score.py"]
    for path in [sentences, *scorers]:
        if not path.is_file():
            print(f"oie_eval: {path} not found (give the evaluation folder with --eval-dir)")
            return 2

    from graphbuild.extract.oie import oie_lines
    from graphbuild.nlp import load

    nlp = load()
    started = time.perf_counter()
    with sentences.open(encoding="utf-8") as lines:
        output = list(oie_lines(nlp, lines, pretokenized=True))
    elapsed = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp) / "dev.tsv"
        out.write_text("".join(line + "\n" for line in output), encoding="utf-8")
        print(f"{len(output)} extractions in {elapsed:.1f} s -> {out if args.out else 'temp file'}")
        for scorer in scorers:
            result = subprocess.run(
                [sys.executable, str(scorer), str(out)], capture_output=True, text=True, check=False
            )
            if result.returncode != 0:
                print(f"oie_eval: {scorer.name} failed:\n{result.stderr}")
                return 1
            print(result.stdout.strip().splitlines()[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The judged statements behind the confidence: draw them, fit the model, show its reliability.

    python benchmarks/calibrate.py sample CORPUS.csv... --exclude-titles GOLD.jsonl -n 400 \
        --out items.jsonl
    python benchmarks/calibrate.py fit [--fixture tests/extract/fixtures/judged.jsonl]
    python benchmarks/calibrate.py report [--fixture ...] [--plot docs/reliability.svg]

``sample`` extracts every record of the corpora (with the installed graphbuild), leaves out
the articles whose titles a benchmark's gold file names, and draws ``n`` records at random
(fixed seed), each with the article title, date and the sentences before it, for readers to
judge. ``fit`` re-extracts the judged articles, matches every judged record to the record the
code produces now (same sentence, parts and relation), computes its features
(``graphbuild.extract.confidence.features``) and fits a logistic regression (scikit-learn, the
``calibrate`` extra) whose coefficients it prints as the Python table to paste into
``confidence.py``. ``report`` scores the shipped model on the fixture: reliability by bins of
predicted probability, cross-validated (out of fold) and as shipped, with the Brier score and
the expected calibration error, and what each threshold keeps.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "extract" / "fixtures" / "judged.jsonl"
CONTEXT_SENTENCES = 4


def record_key(record: dict) -> str:
    """What identifies a record within its article: sentence, parts, relation and factuality."""

    def span(part: dict | None) -> str:
        return "-" if not part else f"{part['span'][0]}:{part['span'][1]}"

    args = ",".join(f"{a['role']}@{span(a)}" for a in record.get("arguments") or [])
    return "|".join(
        [
            record["doc"],
            span({"span": record["sentence_span"]}),
            span(record["subject"]),
            f"{record['relation']['lemma']}@{record['relation']['span'][0]}",
            span(record.get("object")),
            args,
            record["polarity"],
            record["modality"],
            span(record.get("attribution")),
        ]
    )


def _articles(paths: Iterable[Path]) -> dict[str, object]:
    from graphbuild.ingest import read
    from graphbuild.records import Article

    return {a.id: a for a in read([str(p) for p in paths]) if isinstance(a, Article)}


def _records(paths: Iterable[Path]) -> Iterator[dict]:
    from graphbuild import pipeline

    for relation in pipeline.extract_records([str(p) for p in paths]):
        yield relation.to_json()


def _context(text: str, start: int) -> str:
    """The sentences before offset ``start`` in ``text`` (about ``CONTEXT_SENTENCES``)."""
    before = text[:start].rstrip()
    cut = len(before)
    for _ in range(CONTEXT_SENTENCES):
        found = max(before.rfind(". ", 0, cut - 1), before.rfind("\n", 0, cut - 1))
        if found < 0:
            cut = 0
            break
        cut = found
    return before[cut:].strip(". \n")


def show(record: dict) -> dict:
    """A record as a reader sees it: each part's text and, when resolved, the entity."""

    def part(p: dict | None) -> str | None:
        if not p:
            return None
        entity = p.get("entity")
        return p["text"] + (f" [= {entity}]" if entity and entity != p["text"] else "")

    return {
        "subject": part(record["subject"]),
        "relation": record["relation"]["lemma"],
        "relation_text": record["relation"]["text"],
        "object": part(record.get("object")),
        "arguments": [f"{a['role']}: {part(a)}" for a in record.get("arguments") or []],
        "polarity": record["polarity"],
        "modality": record["modality"],
        "source": part(record.get("attribution")),
    }


def sample(args: argparse.Namespace) -> int:
    excluded = set()
    for gold in args.exclude_titles or []:
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                excluded.add(json.loads(line)["title"])
    articles = _articles(args.corpus)
    keep = {doc for doc, a in articles.items() if a.title not in excluded}
    records = [r for r in _records(args.corpus) if r["doc"] in keep]
    seen: dict[str, dict] = {}
    for record in records:  # an article reposted under two ids counts once
        seen.setdefault(
            f"{articles[record['doc']].hash}|{record_key(record)[len(record['doc']) :]}", record
        )
    pool = sorted(seen.values(), key=record_key)
    rng = random.Random(args.seed)
    chosen = rng.sample(pool, min(args.n, len(pool)))
    with args.out.open("w", encoding="utf-8") as out:
        for number, record in enumerate(chosen, start=1):
            article = articles[record["doc"]]
            item = {
                "item": number,
                "key": record_key(record),
                "title": article.title,
                "date": article.date,
                "context": _context(article.text, record["sentence_span"][0]),
                "sentence": record["sentence"],
                "statement": show(record),
            }
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{len(chosen)} of {len(pool)} records from {len(keep)} articles -> {args.out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    sampler = commands.add_parser("sample", help="draw records for readers to judge")
    sampler.add_argument("corpus", nargs="+", type=Path)
    sampler.add_argument("--exclude-titles", type=Path, action="append")
    sampler.add_argument("-n", type=int, default=400)
    sampler.add_argument("--seed", type=int, default=2026)
    sampler.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    csv.field_size_limit(1 << 30)
    return {"sample": sample}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())

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
import itertools
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
    judged = set()
    for path in args.exclude_judged or []:
        judged.update(json.loads(line)["key"] for line in path.read_text().splitlines() if line)
    pool = sorted((r for r in seen.values() if record_key(r) not in judged), key=record_key)
    rng = random.Random(args.seed)
    chosen = rng.sample(pool, min(args.n, len(pool)))
    with args.out.open("w", encoding="utf-8") as out:
        for number, record in enumerate(chosen, start=args.first_item):
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


CORPORA = (
    ROOT / "tests" / "data" / "wikinews-2019.csv",
    ROOT / "tests" / "data" / "wikinews-2020.csv",
)


def load_fixture(path: Path) -> list[dict]:
    """The judged statements: one JSON object a line, with ``key`` and ``right`` (0 or 1)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def judged_features(fixture: list[dict], corpora: Iterable[Path] = CORPORA) -> list[tuple]:
    """(features, right, item) for every judged statement the code still extracts."""
    from graphbuild.extract.confidence import record_features
    from graphbuild.ingest import read
    from graphbuild.records import Article

    wanted = {item["key"].split("|", 1)[0] for item in fixture}
    articles = [a for a in read([str(p) for p in corpora]) if isinstance(a, Article)]
    articles = [a for a in articles if a.id in wanted]
    from graphbuild import pipeline

    produced = {}
    for graph in pipeline.analyse(articles):
        for relation in graph.relations:
            produced.setdefault(record_key(relation.to_json()), relation)
    out = []
    for item in fixture:
        relation = produced.get(item["key"])
        # the judgment holds only for the record as the readers saw it (entities included)
        if relation is not None and show(relation.to_json()) == item["statement"]:
            out.append((record_features(relation), int(item["right"]), item))
    return out


def _matrix(rows: list[tuple]) -> tuple[list[str], object, object]:
    import numpy

    names = sorted({name for features, _, _ in rows for name in features})
    x = numpy.array([[features.get(n, 0.0) for n in names] for features, _, _ in rows])
    y = numpy.array([right for _, right, _ in rows])
    return names, x, y


def _model():
    from sklearn.linear_model import LogisticRegressionCV

    return LogisticRegressionCV(
        Cs=12,
        cv=5,
        scoring="neg_log_loss",
        max_iter=5000,
        l1_ratios=(0.0,),
        use_legacy_attributes=False,
    )


CONFIDENCE = ROOT / "graphbuild" / "extract" / "confidence.py"
_BEGIN, _END = "COEFFICIENTS: dict[str, float] = {", "}\n"


def fit(args: argparse.Namespace) -> int:
    fixture = load_fixture(args.fixture)
    rows = judged_features(fixture)
    names, x, y = _matrix(rows)
    model = _model()
    model.fit(x, y)
    weights = {"bias": float(model.intercept_[0])}
    weights.update({n: float(w) for n, w in zip(names, model.coef_[0], strict=True)})
    lines = [_BEGIN]
    for name, weight in sorted(weights.items(), key=lambda kv: (kv[0] != "bias", kv[0])):
        if name == "bias" or abs(weight) >= 0.0005:
            lines.append(f"    {name!r}: {weight:.3f},")
    table = "\n".join(lines) + "\n" + _END
    print(
        f"# {len(rows)} of {len(fixture)} judged statements still extracted, {int(y.sum())} right"
    )
    print(table, end="")
    if args.write:
        source = CONFIDENCE.read_text(encoding="utf-8")
        start = source.index(_BEGIN)
        end = source.index(_END, start) + len(_END)
        CONFIDENCE.write_text(source[:start] + table + source[end:], encoding="utf-8")
        features = {item["key"]: found for found, _, item in rows}
        with args.fixture.open("w", encoding="utf-8") as out:
            for item in fixture:
                item["features"] = features.get(item["key"])
                out.write(json.dumps(item, ensure_ascii=False) + "\n")
        print(f"wrote {CONFIDENCE.relative_to(ROOT)} and {args.fixture}")
    return 0


def _bins(pairs: list[tuple[float, int]], edges: tuple[float, ...]) -> list[tuple]:
    out = []
    for low, high in itertools.pairwise(edges):
        inside = [(p, y) for p, y in pairs if low <= p < high or (high == 1.0 and p == 1.0)]
        if inside:
            mean_p = sum(p for p, _ in inside) / len(inside)
            observed = sum(y for _, y in inside) / len(inside)
            out.append((low, high, len(inside), mean_p, observed))
    return out


def calibration(pairs: list[tuple[float, int]]) -> dict:
    """Brier score, expected calibration error and the reliability table of (p, right) pairs."""
    edges = tuple(i / 10 for i in range(11))
    table = _bins(pairs, edges)
    n = len(pairs)
    brier = sum((p - y) ** 2 for p, y in pairs) / n
    ece = sum(count * abs(mean_p - obs) for _, _, count, mean_p, obs in table) / n
    return {"n": n, "brier": brier, "ece": ece, "auc": auc(pairs), "bins": table}


def auc(pairs: list[tuple[float, int]]) -> float:
    """Area under the ROC curve: the chance that a right statement has a higher probability
    than a wrong one (ties count half); how well the confidence separates them."""
    right = [p for p, y in pairs if y]
    wrong = [p for p, y in pairs if not y]
    if not right or not wrong:
        return 0.5
    wins = sum((r > w) + 0.5 * (r == w) for r in right for w in wrong)
    return wins / (len(right) * len(wrong))


def out_of_fold(rows: list[tuple], folds: int = 5, seed: int = 0) -> list[tuple[float, int]]:
    """Each statement's probability from a model fitted without its fold."""
    from sklearn.model_selection import StratifiedKFold

    _, x, y = _matrix(rows)
    pairs = [None] * len(rows)
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=seed).split(x, y):
        model = _model()
        model.fit(x[train], y[train])
        for i, p in zip(test, model.predict_proba(x[test])[:, 1], strict=True):
            pairs[i] = (float(p), int(y[i]))
    return pairs


def report(args: argparse.Namespace) -> int:
    from graphbuild.extract.confidence import COEFFICIENTS

    rows = judged_features(load_fixture(args.fixture))
    import math

    def shipped(features: dict) -> float:
        logit = COEFFICIENTS.get("bias", 0.0) + sum(
            COEFFICIENTS.get(n, 0.0) * v for n, v in features.items()
        )
        return 1 / (1 + math.exp(-logit))

    sets = {"shipped model": [(shipped(f), y) for f, y, _ in rows]}
    if args.cross_validate:
        sets["out of fold"] = out_of_fold(rows)
    for name, pairs in sets.items():
        found = calibration(pairs)
        print(
            f"{name}: n={found['n']} AUC={found['auc']:.3f} Brier={found['brier']:.3f} "
            f"ECE={found['ece']:.3f}"
        )
        print("  predicted     n  mean p  observed")
        for low, high, count, mean_p, observed in found["bins"]:
            print(f"  {low:.1f}-{high:.1f}  {count:5d}  {mean_p:6.3f}  {observed:8.3f}")
        for threshold in (0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7):
            kept = [y for p, y in pairs if p >= threshold]
            share = len(kept) / len(pairs)
            precision = sum(kept) / len(kept) if kept else 0.0
            print(f"  threshold {threshold:.2f}: keeps {share:.0%}, right {precision:.0%}")
    if args.plot:
        write_svg(
            calibration(sets["out of fold" if args.cross_validate else "shipped model"]), args.plot
        )
        print(f"reliability diagram -> {args.plot}")
    return 0


def write_svg(found: dict, path: Path) -> None:
    """A reliability diagram: observed share right against mean predicted probability."""
    size, pad = 320, 40

    def xy(p: float, q: float) -> tuple[float, float]:
        return pad + p * (size - 2 * pad), size - pad - q * (size - 2 * pad)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}" font-family="sans-serif" font-size="11">',
        f'<rect width="{size}" height="{size}" fill="white"/>',
    ]
    (x0, y0), (x1, y1) = xy(0, 0), xy(1, 1)
    parts.append(
        f'<line x1="{x0}" y1="{y0}" x2="{x1}" y2="{y1}" stroke="#bbb" stroke-dasharray="4"/>'
    )
    parts.append(
        f'<rect x="{x0}" y="{y1}" width="{x1 - x0}" height="{y0 - y1}" fill="none" stroke="#444"/>'
    )
    for tick in (0, 0.5, 1):
        tx, ty = xy(tick, 0)
        parts.append(f'<text x="{tx}" y="{ty + 14}" text-anchor="middle">{tick}</text>')
        lx, ly = xy(0, tick)
        parts.append(f'<text x="{lx - 6}" y="{ly + 4}" text-anchor="end">{tick}</text>')
    parts.append(
        f'<text x="{size / 2}" y="{size - 8}" text-anchor="middle">predicted probability</text>'
    )
    parts.append(
        f'<text x="12" y="{size / 2}" transform="rotate(-90 12 {size / 2})" '
        'text-anchor="middle">observed share right</text>'
    )
    points = [xy(mean_p, observed) for _, _, _, mean_p, observed in found["bins"]]
    path_d = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(points))
    parts.append(f'<path d="{path_d}" fill="none" stroke="#1f77b4" stroke-width="2"/>')
    for (x, y), (_, _, count, _, _) in zip(points, found["bins"], strict=True):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{2 + count**0.5 / 2:.1f}" fill="#1f77b4"/>'
        )
    parts.append(
        f'<text x="{pad}" y="16">n={found["n"]}, AUC {found["auc"]:.3f}, '
        f"Brier {found['brier']:.3f}, ECE {found['ece']:.3f}</text>"
    )
    parts.append("</svg>")
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")


FIELDS = ("triple", "polarity", "asserted", "source", "entities", "worth", "right")


def merge(args: argparse.Namespace) -> int:
    """Join the items with two readers' verdicts (and an adjudicator's where they disagree on
    ``right``) into fixture lines, appended to ``--out``; print the readers' agreement."""
    items = [json.loads(line) for line in args.items.read_text(encoding="utf-8").splitlines()]
    first, second = (
        {v["item"]: v for v in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
        for path in args.judges
    )
    third = {}
    if args.adjudicator:
        lines = args.adjudicator.read_text(encoding="utf-8").splitlines()
        third = {v["item"]: v for v in map(json.loads, lines)}
    agree = {f: sum(first[i["item"]][f] == second[i["item"]][f] for i in items) for f in FIELDS}
    rows = []
    for item in items:
        a, b = first[item["item"]], second[item["item"]]
        final = a if a["right"] == b["right"] else third.get(item["item"])
        if final is None:
            print(f"item {item['item']}: readers disagree and no adjudicator verdict")
            return 1
        reasons = [
            v["reason"] for v in (a, b, final) if v["right"] == final["right"] and v["reason"]
        ]
        rows.append(
            {
                "key": item["key"],
                "item": item["item"],
                "sentence": item["sentence"],
                "statement": item["statement"],
                "right": final["right"],
                "reason": reasons[0] if reasons else "",
                "readers": [
                    a["right"],
                    b["right"],
                    *([final["right"]] if final not in (a, b) else []),
                ],
            }
        )
    with args.out.open("a", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    n = len(items)
    print(", ".join(f"{f} {agree[f] / n:.1%}" for f in FIELDS), f"(agreement of {n} items)")
    print(f"{sum(r['right'] for r in rows)} of {n} right -> {args.out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    sampler = commands.add_parser("sample", help="draw records for readers to judge")
    sampler.add_argument("corpus", nargs="+", type=Path)
    sampler.add_argument("--exclude-titles", type=Path, action="append")
    sampler.add_argument("--exclude-judged", type=Path, action="append")
    sampler.add_argument("-n", type=int, default=400)
    sampler.add_argument("--first-item", type=int, default=1)
    sampler.add_argument("--seed", type=int, default=2026)
    sampler.add_argument("--out", type=Path, required=True)
    merger = commands.add_parser("merge", help="join readers' verdicts into fixture lines")
    merger.add_argument("items", type=Path)
    merger.add_argument("--judges", type=Path, nargs=2, required=True)
    merger.add_argument("--adjudicator", type=Path)
    merger.add_argument("--out", type=Path, default=FIXTURE)
    fitter = commands.add_parser("fit", help="fit the confidence model on the judged fixture")
    fitter.add_argument("--fixture", type=Path, default=FIXTURE)
    fitter.add_argument(
        "--write", action="store_true", help="write the coefficients and the fixture's features"
    )
    reporter = commands.add_parser("report", help="reliability of the shipped model")
    reporter.add_argument("--fixture", type=Path, default=FIXTURE)
    reporter.add_argument("--cross-validate", action="store_true")
    reporter.add_argument("--plot", type=Path)
    args = parser.parse_args(argv)
    csv.field_size_limit(1 << 30)
    commands_run = {"sample": sample, "merge": merge, "fit": fit, "report": report}
    return commands_run[args.command](args)


if __name__ == "__main__":
    sys.exit(main())

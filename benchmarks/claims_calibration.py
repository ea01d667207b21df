"""How often a claim of the claims graph is right, against its confidence.

    python benchmarks/claims_calibration.py sample GRAPH_FOLDER -n 60 --out items.jsonl
    python benchmarks/claims_calibration.py report tests/graph/fixtures/judged_claims.jsonl \
        --graph GRAPH_FOLDER

``sample`` draws ``n`` claims at random (fixed seed) from a built graph and writes, for each,
the claim (subject, relation, object, polarity, modality), its counts and confidence, and every
supporting statement's evidence sentence with its article title and speaker, for readers to
judge (the Wikinews corpora's 80 judged claims are in
``tests/graph/fixtures/judged_claims.jsonl``: two independent readers, who agreed on all 80). A
claim is right when at least one of its sentences states it as given (the same
subject and object, the relation, the polarity and modality), the reading the claim
confidence is a probability of (see docs/rdf.md, "Claims"). ``report`` reads the judged items
(``right`` 0 or 1 on each), looks up each claim's confidence in a graph built from the same
articles with the installed graphbuild (claim IRIs are stable), and prints the share right by
bins of confidence, the mean confidence, the Brier score, and the share right by number of
sources.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

CLAIMS = """
SELECT ?claim ?subject ?relation ?object ?pol ?mod ?sources ?articles ?confidence WHERE {
  GRAPH ?c {
    ?claim a gb:Claim ; gb:claimSubject ?s ; gb:claimPredicate ?p ; gb:claimPolarity ?pol ;
        gb:claimModality ?mod ; gb:sourceCount ?sources ; gb:articleCount ?articles ;
        gb:claimConfidence ?confidence .
  }
  GRAPH ?g1 { ?s rdfs:label ?subject }
  GRAPH ?g2 { ?p rdfs:label ?relation }
  OPTIONAL { GRAPH ?c { ?claim gb:claimObject ?o } GRAPH ?g3 { ?o rdfs:label ?object } }
} ORDER BY ?claim"""

REPORTS = """
SELECT ?statement ?evidence ?title ?speaker ?confidence WHERE {
  GRAPH ?c { <%s> gb:supportedBy ?statement }
  GRAPH ?a { ?statement gb:evidence ?evidence ; gb:confidence ?confidence }
  OPTIONAL { GRAPH ?a { ?a dcterms:title ?title } }
  OPTIONAL { GRAPH ?a { ?statement gb:attributionText ?speaker } }
} ORDER BY ?statement"""


def sample(folder: Path, n: int, out: Path, seed: int = 13) -> None:
    from graphbuild.folder import GraphFolder

    def value(term: object) -> str | None:
        return None if term is None else term.value  # type: ignore[attr-defined]

    with GraphFolder(folder).open_store(read_only=True) as store:
        claims = list(store.query(CLAIMS))
        chosen = random.Random(seed).sample(claims, min(n, len(claims)))
        with out.open("w", encoding="utf-8") as f:
            for number, row in enumerate(chosen, start=1):
                reports = [
                    {
                        "evidence": value(r["evidence"]),
                        "title": value(r["title"]),
                        "speaker": value(r["speaker"]),
                    }
                    for r in store.query(REPORTS % row["claim"].value)
                ]
                item = {
                    "item": number,
                    "claim": row["claim"].value,
                    "subject": value(row["subject"]),
                    "relation": value(row["relation"]),
                    "object": value(row["object"]),
                    "polarity": row["pol"].value.rsplit("#", 1)[-1].lower(),
                    "modality": row["mod"].value.rsplit("#", 1)[-1].lower(),
                    "sources": int(row["sources"].value),
                    "articles": int(row["articles"].value),
                    "confidence": float(row["confidence"].value),
                    "reports": reports,
                }
                f.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{len(chosen)} of {len(claims)} claims -> {out}")


def report(judged: Path, folder: Path) -> None:
    from graphbuild.folder import GraphFolder

    items = [json.loads(line) for line in judged.read_text(encoding="utf-8").splitlines()]
    items = [i for i in items if i.get("right") in (0, 1)]
    with GraphFolder(folder).open_store(read_only=True) as store:
        for item in items:
            found = list(store.query(f"SELECT ?c {{ <{item['claim']}> gb:claimConfidence ?c }}"))
            item["confidence"] = float(found[0]["c"].value) if found else None
    missing = [i["item"] for i in items if i["confidence"] is None]
    if missing:
        print(f"{len(missing)} judged claims are not in {folder} (items {missing[:10]} ...)")
    items = [i for i in items if i["confidence"] is not None]
    if not items:
        sys.exit(f"{judged}: no judged claim found in {folder}")
    mean = sum(i["confidence"] for i in items) / len(items)
    right = sum(i["right"] for i in items) / len(items)
    brier = sum((i["confidence"] - i["right"]) ** 2 for i in items) / len(items)
    print(f"{len(items)} claims: mean confidence {mean:.3f}, right {right:.3f}, Brier {brier:.3f}")
    print("confidence bin   claims  mean conf  right")
    for low, high in ((0.0, 0.6), (0.6, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.01)):
        group = [i for i in items if low <= i["confidence"] < high]
        if group:
            conf = sum(i["confidence"] for i in group) / len(group)
            ok = sum(i["right"] for i in group) / len(group)
            print(f"[{low:.2f}, {min(high, 1):.2f})  {len(group):>6}  {conf:>9.3f}  {ok:.3f}")
    print("sources  claims  right")
    for sources in sorted({min(i["sources"], 3) for i in items}):
        group = [i for i in items if min(i["sources"], 3) == sources]
        label = f"{sources}+" if sources == 3 else str(sources)
        print(f"{label:>7}  {len(group):>6}  {sum(i['right'] for i in group) / len(group):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    draw = commands.add_parser("sample", help="draw claims of a built graph for judging")
    draw.add_argument("folder", type=Path, help="a graph folder (graphbuild build -o FOLDER)")
    draw.add_argument("-n", type=int, default=60, help="how many claims to draw")
    draw.add_argument("--out", type=Path, required=True, help="JSONL file of items to judge")
    show = commands.add_parser("report", help="reliability of judged claims")
    show.add_argument("judged", type=Path, help="the judged items (JSONL with 'right')")
    show.add_argument("--graph", type=Path, required=True, help="a graph of the same articles")
    args = parser.parse_args()
    if args.command == "sample":
        sample(args.folder, args.n, args.out)
    else:
        report(args.judged, args.graph)


if __name__ == "__main__":
    main()

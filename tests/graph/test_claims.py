"""Claims: statements of different articles and sources that state the same thing."""

from __future__ import annotations

import dataclasses
import itertools
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from samples import simple_graph

from graphbuild import pipeline
from graphbuild.graph import claims
from graphbuild.graph.claims import ClaimKey, Report
from graphbuild.graph.store import GraphStore
from graphbuild.graph.validate import validate
from graphbuild.graph.vocab import GB, XSD
from graphbuild.query import read_query, run_query

ROOT = Path(__file__).resolve().parents[2]
POS, NEG = GB.Positive.value, GB.Negative.value
ASSERTED, INTENDED, QUESTION = GB.Asserted.value, GB.Intended.value, GB.Question.value
SUPPLY = ClaimKey("http://e/Iran", "http://r/supply", "http://c/drone", POS, ASSERTED)


def report(n: int, source: str, confidence: float = 0.5, key: ClaimKey = SUPPLY, article=None):
    return Report(key, f"http://st/{n}", article or f"http://a/{n}", source, confidence)


def summary(quads: list[ox.Quad]) -> dict[tuple[str, str], dict[str, object]]:
    """(polarity, modality) of each claim -> its counts, confidence and contested mark."""
    out: dict[str, dict[str, object]] = {}
    for quad in quads:
        values = out.setdefault(quad.subject.value, {"supportedBy": 0})
        name = quad.predicate.value.rsplit("#", 1)[-1]
        if name == "supportedBy":
            values[name] += 1
        else:
            values[name] = quad.object.value
    return {
        (v["claimPolarity"].rsplit("#")[-1], v["claimModality"].rsplit("#")[-1]): {
            "articles": int(v["articleCount"]),
            "sources": int(v["sourceCount"]),
            "statements": v["supportedBy"],
            "confidence": float(v["claimConfidence"]),
            "contested": "contested" in v,
        }
        for v in out.values()
    }


@pytest.mark.parametrize(
    ("reports", "expected"),
    [
        pytest.param([report(1, "s1", 0.6)], {}, id="one report makes no claim node"),
        pytest.param(
            [report(1, "pub:a", 0.6), report(2, "pub:a", 0.5)],
            {("Positive", "Asserted"): (2, 1, 2, 0.8, False)},
            id="two articles of one publisher: one source, noisy-or over the articles",
        ),
        pytest.param(
            [report(1, "pub:a", 0.6), report(2, "pub:b", 0.5)],
            {("Positive", "Asserted"): (2, 2, 2, 0.8, False)},
            id="two sources in two articles: noisy-or",
        ),
        pytest.param(
            [
                report(1, "jane", 0.6, article="http://a/1"),
                report(2, "john", 0.5, article="http://a/1"),
            ],
            {("Positive", "Asserted"): (1, 2, 2, 0.6, False)},
            id="two speakers in one article: two sources, the article's best confidence",
        ),
        pytest.param(
            [report(1, "pub:a", 0.6), report(2, "pub:b", 0.7, SUPPLY.opposite())],
            {
                ("Positive", "Asserted"): (1, 1, 1, 0.6, True),
                ("Negative", "Asserted"): (1, 1, 1, 0.7, True),
            },
            id="asserted by one source, denied by another: contested both ways",
        ),
        pytest.param(
            [report(1, "pub:a", 0.6), report(2, "pub:a", 0.7, SUPPLY.opposite())],
            {},
            id="one source contradicting itself is not contested",
        ),
        pytest.param(
            [report(1, "pub:a", 0.6), report(2, "pub:b", 0.7, SUPPLY._replace(modality=INTENDED))],
            {},
            id="an intent is not the fact: modalities kept apart",
        ),
        pytest.param(
            [
                report(1, "pub:a", 0.6, SUPPLY._replace(modality=QUESTION)),
                report(2, "pub:b", 0.7, SUPPLY._replace(modality=QUESTION).opposite()),
            ],
            {},
            id="questions are never contested",
        ),
        pytest.param(
            [report(1, "pub:a", 0.6), report(2, "pub:b", 0.7, SUPPLY._replace(obj=""))],
            {},
            id="no object is not the same object",
        ),
    ],
)
def test_claims_of_reports(reports: list[Report], expected: dict) -> None:
    found = summary(claims.claim_quads(reports))
    wanted = {
        kind: dict(
            zip(("articles", "sources", "statements", "confidence", "contested"), v, strict=True)
        )
        for kind, v in expected.items()
    }
    assert {k: {**v, "confidence": round(v["confidence"], 3)} for k, v in found.items()} == wanted


def test_claim_quads_do_not_depend_on_report_order() -> None:
    reports = [
        report(1, "pub:a", 0.6),
        report(2, "pub:b", 0.5),
        report(3, "pub:c", 0.9, SUPPLY.opposite()),
    ]
    results = {tuple(claims.claim_quads(list(order))) for order in itertools.permutations(reports)}
    assert len(results) == 1


def test_contested_claims_link_each_other() -> None:
    quads = claims.claim_quads([report(1, "a"), report(2, "b", key=SUPPLY.opposite())])
    links = {(q.subject.value, q.object.value) for q in quads if q.predicate == GB.contradicts}
    positive, negative = claims.claim_iri(SUPPLY), claims.claim_iri(SUPPLY.opposite())
    assert links == {(positive, negative), (negative, positive)}
    marks = [q.object for q in quads if q.predicate == GB.contested]
    assert marks == [ox.Literal("true", datatype=XSD.boolean)] * 2


# --- in the store: claims follow every write and removal --------------------------------------


def article(doc: str, url: str | None, **kwargs) -> object:
    ag = simple_graph(doc, **kwargs)
    return dataclasses.replace(ag, article=dataclasses.replace(ag.article, url=url))


ARTICLES = {
    "a1": article("a1", "https://a.example/1", confidence=0.6),
    "a2": article("a2", "https://www.b.example/2", confidence=0.5),
    "a3": article("a3", "https://b.example/3", confidence=0.7),
    "a4": article("a4", "https://c.example/4", polarity="negative", confidence=0.8),
    "a5": article("a5", None, lemma="attack", confidence=0.9),
}


def claims_graph(store: GraphStore) -> list[str]:
    graph = ox.NamedNode(claims.claims_graph_iri())
    return sorted(str(q) for q in store.quads_for_pattern(None, None, None, graph))


def clean_build(docs: list[str]) -> list[str]:
    with GraphStore() as store:
        store.write([ARTICLES[d] for d in docs])
        return claims_graph(store)


def test_store_claims_counts_and_contested_mark() -> None:
    with GraphStore() as store:
        store.write(ARTICLES.values())
        quads = list(
            store.quads_for_pattern(None, None, None, ox.NamedNode(claims.claims_graph_iri()))
        )
        assert validate(store).conforms
    assert summary(quads) == {
        ("Positive", "Asserted"): {
            "articles": 3,
            "sources": 2,  # a.example, b.example (www. or not)
            "statements": 3,
            "confidence": 0.94,  # 1 - (1 - 0.6) * (1 - 0.5) * (1 - 0.7)
            "contested": True,
        },
        ("Negative", "Asserted"): {
            "articles": 1,
            "sources": 1,
            "statements": 1,
            "confidence": 0.8,
            "contested": True,
        },
    }


@pytest.mark.parametrize(
    "steps",
    [
        [["a1"], ["a2"], ["a3"], ["a4"], ["a5"]],
        [["a5", "a4"], ["a3", "a2", "a1"]],
        [["a4"], ["a1", "a2"], ["a5"], ["a3"]],
    ],
    ids=["one by one", "reversed batches", "mixed"],
)
def test_incremental_writes_give_the_claims_of_a_clean_build(steps: list[list[str]]) -> None:
    with GraphStore() as store:
        for step in steps:
            store.write([ARTICLES[d] for d in step])
        assert claims_graph(store) == clean_build(list(ARTICLES))


def test_replacing_and_removing_articles_keeps_claims_exact() -> None:
    with GraphStore() as store:
        store.write(ARTICLES.values())
        # a2 changes its mind: now it denies too
        denial = article("a2", "https://www.b.example/2", polarity="negative", confidence=0.5)
        store.write([denial])
        with GraphStore() as clean:
            clean.write([*(ARTICLES[d] for d in ("a1", "a3", "a4", "a5")), denial])
            assert claims_graph(store) == claims_graph(clean)
        store.remove("a4")
        store.remove("a2")
        assert claims_graph(store) == clean_build(["a1", "a3", "a5"])
        assert validate(store).conforms  # an uncontested claim is valid too
        store.remove("a3")
        assert claims_graph(store) == []
        assert ox.NamedNode(claims.claims_graph_iri()) not in set(store.named_graphs())


# --- end to end: real articles through the real pipeline ---------------------------------------

REPORTS = [
    ("a1", "https://a.example/news/1", "2023-03-02", "Iran supplied drones to Russia last year."),
    ("a2", "https://www.b.example/news/2", "2023-03-03", "Iran supplied drones to Russia in 2022."),
    ("a3", "https://b.example/news/3", "2023-03-04", "Iran supplied drones to Russia."),
    ("a4", "https://c.example/news/4", "2023-03-05", "Iran did not supply drones to Russia."),
]


def write_articles(path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    lines = [
        json.dumps({"id": doc, "title": f"Report {doc}", "url": url, "date": date, "text": text})
        for doc, url, date, text in rows
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def rows(out: Path, query: str) -> list[dict[str, str]]:
    with GraphStore(out / "store", read_only=True) as store:
        found = run_query(store, read_query(ROOT / "queries" / query))
        return [
            {k.value: v.value for k, v in zip(found.variables, row, strict=True) if v}
            for row in found
        ]


def test_built_articles_that_report_and_deny_a_fact(tmp_path: Path) -> None:
    """Three articles from two publishers report that Iran supplied drones to Russia, a fourth
    from a third publisher denies it: one corroborated, contested claim and its denial."""
    out = tmp_path / "out"
    pipeline.build([write_articles(tmp_path / "all.jsonl", REPORTS)], out, pages=False)
    corroborated = [r for r in rows(out, "corroborated.rq") if r["subject"] == "Iran"]
    assert [
        (r["relation"], r["object"], r["polarity"], r["sources"], r["articles"], r["contested"])
        for r in corroborated
    ] == [("supply", "drone", "positive", "2", "3", "true")]
    contested = rows(out, "contested.rq")
    assert [
        (r["subject"], r["relation"], r["object"], r["side"], r["sources"], r["articles"])
        for r in contested
    ] == [("Iran", "supply", "drone", "reports", "2", "3")] * 3 + [
        ("Iran", "supply", "drone", "denies", "1", "1")
    ]
    assert contested[-1]["evidence"] == "Iran did not supply drones to Russia."

    # the denial is withdrawn: the claim stands uncontested, as in a build without it
    pipeline.remove(["a4"], out)
    assert rows(out, "contested.rq") == []
    (claim,) = [r for r in rows(out, "corroborated.rq") if r["subject"] == "Iran"]
    assert (claim["sources"], claim["articles"], claim["contested"]) == ("2", "3", "false")
    clean = tmp_path / "clean"
    pipeline.build([write_articles(tmp_path / "three.jsonl", REPORTS[:3])], clean, pages=False)
    with (
        GraphStore(out / "store", read_only=True) as a,
        GraphStore(clean / "store", read_only=True) as b,
    ):
        assert claims_graph(a) == claims_graph(b)


def test_batch_writes_then_one_refresh_give_the_claims_of_a_clean_build() -> None:
    denial = article("a2", "https://www.b.example/2", polarity="negative", confidence=0.5)
    with GraphStore() as store:
        pending = store.write_articles([ARTICLES["a1"], ARTICLES["a2"]])
        pending |= store.write_articles([ARTICLES["a3"], ARTICLES["a4"], ARTICLES["a5"]])
        store.refresh_shared(pending)
        assert claims_graph(store) == clean_build(list(ARTICLES))
        # a writer killed before its refresh: the next one derives everything again
        store.write_articles([denial])
        store.refresh_shared(None)
        with GraphStore() as clean:
            clean.write([*(ARTICLES[d] for d in ("a1", "a3", "a4", "a5")), denial])
            assert claims_graph(store) == claims_graph(clean)
            assert sorted(map(str, store)) == sorted(map(str, clean))

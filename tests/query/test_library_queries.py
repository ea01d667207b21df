"""The shipped queries (queries/*.rq): complete orders, and statistics that agree with counting."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from samples import seed_graph

from graphbuild.graph.stats import refresh_stats, stats_graph_iri
from graphbuild.graph.store import GraphStore
from graphbuild.query import read_query, run_query

QUERIES = Path(__file__).resolve().parents[2] / "queries"
LIBRARY = sorted(QUERIES.glob("*.rq"))
_KEY = re.compile(r"(DESC|ASC)?\(?\s*\?(\w+)\s*\)?", re.I)


@pytest.fixture(scope="module")
def store() -> Iterator[GraphStore]:
    """The seed article three times over (new ids), so that every count and label ties."""
    seed = seed_graph()
    copies = [seed]
    for n in (1, 2):
        copies.append(
            dataclasses.replace(
                seed,
                article=dataclasses.replace(seed.article, id=f"{seed.article.id}~{n}", hash=""),
                relations=tuple(dataclasses.replace(r, doc=f"{r.doc}~{n}") for r in seed.relations),
            )
        )
    with GraphStore() as graph_store:
        graph_store.write(copies)
        refresh_stats(graph_store)
        yield graph_store


def order_keys(query: str) -> list[str]:
    """The variables of the query's ORDER BY clause, in order."""
    clauses = re.findall(r"ORDER\s+BY\s+(.*?)(?:LIMIT|OFFSET|}|$)", query, re.I | re.S)
    assert clauses, "no ORDER BY"
    return [name for _, name in _KEY.findall(clauses[-1])]  # the outermost one comes last


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.name)
def test_every_library_query_orders_its_rows_completely(store: GraphStore, path: Path) -> None:
    """The ORDER BY keys are projected and tell any two different rows apart, so the same graph
    gives the same rows in the same order in any store."""
    query = read_query(path)
    keys = order_keys(query)
    results = run_query(store, query)
    names = [v.value for v in results.variables]
    assert set(keys) <= set(names), f"ORDER BY {keys} not all projected in {names}"
    rows = [tuple(row[n] for n in names) for row in results]
    by_key: dict[tuple, set[tuple]] = {}
    for row in rows:
        by_key.setdefault(tuple(row[names.index(k)] for k in keys), set()).add(row)
    ties = {key: found for key, found in by_key.items() if len(found) > 1}
    assert not ties, f"{path.name}: rows tied on {keys}: {next(iter(ties.values()))}"


# The counts as a query computes them without the statistics graph (what the library queries
# did before the counts were materialized).
COUNTED_ENTITIES = """
SELECT ?entity (COUNT(DISTINCT ?statement) AS ?degree) (COUNT(DISTINCT ?article) AS ?articles)
WHERE {
  GRAPH ?article {
    ?statement a gb:Statement .
    { ?statement rdf:subject ?entity } UNION { ?statement rdf:object ?entity }
    UNION { ?statement gb:argumentMention/gb:refersTo ?entity }
  }
} GROUP BY ?entity
"""
COUNTED_MENTIONS = """
SELECT ?entity (COUNT(DISTINCT ?article) AS ?articles)
WHERE { GRAPH ?article { ?article a gb:Article . ?entity gb:typeInArticle ?t } } GROUP BY ?entity
"""
COUNTED_ARTICLES = """
SELECT ?article (COUNT(?statement) AS ?statements) (SUM(?fact) AS ?facts)
       (SUM(?negative) AS ?denials) (SUM(?nonfactual) AS ?other)
WHERE {
  GRAPH ?article {
    ?article a gb:Article .
    ?statement a gb:Statement ; gb:polarity ?pol ; gb:modality ?mod .
    BIND (IF(?pol = gb:Positive && ?mod = gb:Asserted, 1, 0) AS ?fact)
    BIND (IF(?pol = gb:Negative, 1, 0) AS ?negative)
    BIND (IF(?mod != gb:Asserted, 1, 0) AS ?nonfactual)
  }
} GROUP BY ?article
"""


def table(store: GraphStore, query: str) -> dict[str, tuple[int, ...]]:
    rows = run_query(store, query)
    names = [v.value for v in rows.variables]
    return {row[0].value: tuple(int(row[n].value) for n in names[1:]) for row in rows}


def stat(store: GraphStore, *properties: str) -> dict[str, tuple[int, ...]]:
    where = " ".join(f"?node gb:{p} ?v{i} ." for i, p in enumerate(properties))
    graph = stats_graph_iri()
    variables = " ".join(f"?v{i}" for i in range(len(properties)))
    return table(store, f"SELECT ?node {variables} WHERE {{ GRAPH <{graph}> {{ {where} }} }}")


def test_statistics_agree_with_counting(store: GraphStore) -> None:
    assert stat(store, "statementCount", "statementArticleCount") == table(store, COUNTED_ENTITIES)
    assert stat(store, "articleCount") == table(store, COUNTED_MENTIONS)
    assert stat(
        store,
        "articleStatementCount",
        "articleFactCount",
        "articleDenialCount",
        "articleNonFactualCount",
    ) == table(store, COUNTED_ARTICLES)
    assert set(stat(store, "articleCount").values()) == {(3,)}  # every node in every copy


def test_ranks_follow_the_counts(store: GraphStore) -> None:
    ranks = stat(store, "statementRank", "statementCount")
    ordered = sorted(ranks.values())
    assert [rank for rank, _ in ordered] == list(range(1, len(ordered) + 1))
    assert [count for _, count in ordered] == sorted((c for _, c in ordered), reverse=True)
    articles = stat(store, "articleRank")
    assert sorted(r for (r,) in articles.values()) == [1, 2, 3]


def test_claim_ranks_are_the_order_the_store_sorts_claims_in(store: GraphStore) -> None:
    ordered = run_query(
        store,
        """SELECT ?claim WHERE {
             GRAPH ?g { ?claim a gb:Claim ; gb:sourceCount ?sources ; gb:articleCount ?articles ;
                                gb:claimConfidence ?confidence } }
           ORDER BY DESC(?sources) DESC(?articles) DESC(?confidence) ?claim""",
    )
    claims = [row["claim"].value for row in ordered]
    ranks = stat(store, "claimRank")
    assert len(claims) > 1
    assert sorted(ranks, key=lambda claim: ranks[claim]) == claims
    assert sorted(r for (r,) in ranks.values()) == list(range(1, len(claims) + 1))


def test_refresh_follows_removals_and_leaves_an_empty_store_empty() -> None:
    seed = seed_graph()
    with GraphStore() as one:
        one.write([seed])
        refresh_stats(one)
        graph = ox.NamedNode(stats_graph_iri())
        before = len(list(one.quads_for_pattern(None, None, None, graph)))
        assert before > 0
        assert refresh_stats(one) == before  # unchanged: nothing rewritten
        one.remove(seed.article.id)
        assert refresh_stats(one) == 0
        assert len(one) == 0

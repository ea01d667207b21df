"""Counts materialized at build time, so that ranking queries stay fast on large graphs.

The **statistics graph** ``{base}graph/stats`` holds numbers derived from the article graphs
and the claims graph (never the other way round), as ``xsd:integer`` literals:

- for each entity, concept or predicate that an article describes: ``gb:articleCount``, the
  articles that mention it (have a view of it); for each one a statement of an article takes
  part in (as subject, object or argument): ``gb:statementCount``, those statements, and
  ``gb:statementArticleCount``, the articles they come from, and ``gb:statementRank``, its
  place (1, 2, ...) when those nodes are ordered by ``gb:statementCount`` (most first), then
  label, then IRI;
- for each article: ``gb:articleStatementCount``, its statements, ``gb:articleFactCount``
  (positive and asserted), ``gb:articleDenialCount`` (negative polarity) and
  ``gb:articleNonFactualCount`` (any modality but asserted), and ``gb:articleRank``, its
  place when articles are ordered by statements (most first), then identifier;
- for each claim of the claims graph: ``gb:claimRank``, its place when claims are ordered by
  ``gb:sourceCount``, then ``gb:articleCount``, then ``gb:claimConfidence`` (most first), then
  IRI.

The ranks give the ranking queries a total order that costs an integer comparison (ordering
by a label or an identifier in the query compares strings, which a large result pays for).

Counting them in a query means grouping every statement of the graph (seconds at a million
quads); reading them is a look-up. The graph is derived from the whole store at once by
``refresh_stats``, which a build calls after its last write (and a removal after it removes).

>>> from graphbuild.graph.store import GraphStore
>>> from graphbuild.records import Article, ArticleGraph, Part, Predicate, Relation
>>> r = Relation("a1", "Iran sent drones.", (0, 17), Part("Iran", (0, 4), entity="Iran",
...              type="Country"), Predicate("sent", "send", (5, 9)), Part("drones", (10, 16)))
>>> with GraphStore() as store:
...     _ = store.write([ArticleGraph(Article(id="a1", text="Iran sent drones."), (r,), ())])
...     refresh_stats(store)
...     rows = store.query("SELECT ?n WHERE { ?iran rdfs:label 'Iran' ; gb:statementCount ?n }")
...     [row["n"].value for row in rows]
14
['1']
"""

from __future__ import annotations

from collections import defaultdict
from string import Template
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graphbuild.graph.claims import claims_graph_iri
from graphbuild.graph.iris import DEFAULT_BASE
from graphbuild.graph.rdf import integer_literal
from graphbuild.graph.shared import article_graph_prefix, entity_graph_iri
from graphbuild.graph.vocab import GB, RDFS

if TYPE_CHECKING:
    from graphbuild.graph.store import GraphStore


ARTICLE_COUNTS = (
    "articleStatementCount",
    "articleFactCount",
    "articleDenialCount",
    "articleNonFactualCount",
)
"""The counts kept for each article (local names in ``gb:``)."""


def stats_graph_iri(base: str = DEFAULT_BASE) -> str:
    """The IRI of the statistics graph of the articles minted under ``base``.

    >>> stats_graph_iri()
    'https://w3id.org/graphbuild/id/graph/stats'
    """
    return f"{base}graph/stats"


_NODE_STATEMENTS = """
SELECT ?node (COUNT(DISTINCT ?st) AS ?statements) (COUNT(DISTINCT ?g) AS ?articles) WHERE {
  GRAPH ?g {
    ?st a gb:Statement .
    { ?st rdf:subject ?node } UNION { ?st rdf:object ?node }
    UNION { ?st gb:argumentMention ?mention . ?mention gb:refersTo ?node }
  }
  FILTER (isIRI(?node) && STRSTARTS(STR(?g), $prefix))
}
GROUP BY ?node"""

_NODE_ARTICLES = """
SELECT ?node (COUNT(DISTINCT ?g) AS ?articles) WHERE {
  GRAPH ?g { ?node gb:typeInArticle ?type }
  FILTER (STRSTARTS(STR(?g), $prefix))
}
GROUP BY ?node"""

_ARTICLE_STATEMENTS = """
SELECT ?g (COUNT(?st) AS ?statements)
       (SUM(IF(BOUND(?pol) && sameTerm(?pol, gb:Positive)
               && BOUND(?mod) && sameTerm(?mod, gb:Asserted), 1, 0)) AS ?facts)
       (SUM(IF(BOUND(?pol) && sameTerm(?pol, gb:Negative), 1, 0)) AS ?denials)
       (SUM(IF(BOUND(?mod) && !sameTerm(?mod, gb:Asserted), 1, 0)) AS ?non_factual)
WHERE {
  GRAPH ?g {
    ?st a gb:Statement .
    OPTIONAL { ?st gb:polarity ?pol }
    OPTIONAL { ?st gb:modality ?mod }
  }
  FILTER (STRSTARTS(STR(?g), $prefix))
}
GROUP BY ?g"""

_ARTICLES = """
SELECT ?g ?id WHERE {
  GRAPH ?g { ?g a gb:Article OPTIONAL { ?g dcterms:identifier ?id } }
  FILTER (STRSTARTS(STR(?g), $prefix))
}"""


def stats_quads(store: GraphStore, base: str = DEFAULT_BASE) -> list[ox.Quad]:
    """The quads of the statistics graph, derived from the article graphs of ``store``, sorted.

    Only article graphs (named under ``base``) count; an article counts once per node, a
    statement once per node however many of its parts the node fills. The counting is done
    by the store (grouping queries), so that this process holds a number per node and per
    article, never the statements.
    """
    prefix = ox.Literal(article_graph_prefix(base))

    def rows(sparql: str) -> ox.QuerySolutions:
        return store.query(Template(sparql).substitute(prefix=prefix))

    target = ox.NamedNode(stats_graph_iri(base))
    out: list[ox.Quad] = []

    def add(node: ox.Term, name: str, value: int) -> None:
        out.append(ox.Quad(node, GB[name], integer_literal(value), target))

    for node, articles in rows(_NODE_ARTICLES):
        add(node, "articleCount", int(articles.value))
    counts = {node: (int(n.value), int(a.value)) for node, n, a in rows(_NODE_STATEMENTS)}
    entities = ox.NamedNode(entity_graph_iri(base))
    labels = {
        q.subject: q.object.value for q in store.quads_for_pattern(None, RDFS.label, None, entities)
    }
    nodes = sorted(counts, key=lambda n: (-counts[n][0], labels.get(n, ""), n.value))
    for rank, node in enumerate(nodes, start=1):
        add(node, "statementCount", counts[node][0])
        add(node, "statementArticleCount", counts[node][1])
        add(node, "statementRank", rank)
    tallies: dict[ox.Term, tuple[int, ...]] = {}
    ids: dict[ox.Term, str] = {}
    for graph, identifier in rows(_ARTICLES):
        tallies[graph] = (0,) * len(ARTICLE_COUNTS)
        if identifier is not None:
            ids[graph] = identifier.value
    for graph, *values in rows(_ARTICLE_STATEMENTS):
        tallies[graph] = tuple(int(value.value) for value in values)
    articles = sorted(tallies, key=lambda a: (-tallies[a][0], ids.get(a, "")))
    for rank, article in enumerate(articles, start=1):
        for name, value in zip(ARTICLE_COUNTS, tallies[article], strict=True):
            add(article, name, value)
        add(article, "articleRank", rank)
    for rank, claim in enumerate(_ranked_claims(store, base), start=1):
        add(claim, "claimRank", rank)
    out.sort(key=lambda q: (q.subject.value, q.predicate.value))
    return out


def _ranked_claims(store: GraphStore, base: str) -> list[ox.NamedNode]:
    """The claims of the claims graph, most sources first, then most articles, then highest
    confidence, then IRI (as ``corroborated.rq`` lists them)."""
    graph = ox.NamedNode(claims_graph_iri(base))
    values: dict[ox.Term, dict[ox.NamedNode, float]] = defaultdict(dict)
    for predicate in (GB.sourceCount, GB.articleCount, GB.claimConfidence):
        for quad in store.quads_for_pattern(None, predicate, None, graph):
            values[quad.subject][predicate] = float(quad.object.value)
    claims = [c for c in values if isinstance(c, ox.NamedNode)]
    return sorted(
        claims,
        key=lambda c: (
            -values[c].get(GB.sourceCount, 0.0),
            -values[c].get(GB.articleCount, 0.0),
            -values[c].get(GB.claimConfidence, 0.0),
            c.value,
        ),
    )


def refresh_stats(store: GraphStore, base: str = DEFAULT_BASE) -> int:
    """Derive the statistics graph of ``store`` again from its article graphs and its claims
    graph (derive that one first).

    Call it after the last write of a build and after removing articles: until then the counts
    describe the graph as it was. Returns the number of quads of the statistics graph (an
    emptied store is left without one).
    """
    quads = stats_quads(store, base)
    db = store._writable()  # the graph stage's own store: the statistics are part of the build
    graph = ox.NamedNode(stats_graph_iri(base))
    if set(db.quads_for_pattern(None, None, None, graph)) == set(quads):
        return len(quads)
    if db.contains_named_graph(graph):
        db.remove_graph(graph)
    if quads:
        db.extend(quads)
    return len(quads)

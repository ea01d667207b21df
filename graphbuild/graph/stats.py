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

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graphbuild.graph.claims import claims_graph_iri
from graphbuild.graph.iris import DEFAULT_BASE
from graphbuild.graph.rdf import integer_literal
from graphbuild.graph.shared import article_graph_prefix, entity_graph_iri
from graphbuild.graph.vocab import DCTERMS, GB, RDF, RDFS

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


def stats_quads(store: GraphStore, base: str = DEFAULT_BASE) -> list[ox.Quad]:
    """The quads of the statistics graph, derived from the article graphs of ``store``, sorted.

    Only article graphs (named under ``base``) count; an article counts once per node, a
    statement once per node however many of its parts the node fills.
    """
    prefix = article_graph_prefix(base)

    def article_quads(predicate: ox.NamedNode):
        for quad in store.quads_for_pattern(None, predicate, None, None):
            graph = quad.graph_name
            if isinstance(graph, ox.NamedNode) and graph.value.startswith(prefix):
                yield quad

    statements: dict[ox.NamedNode, ox.NamedNode] = {}  # statement -> its article graph
    for quad in article_quads(RDF.type):
        if quad.object == GB.Statement:
            statements[quad.subject] = quad.graph_name
    mentions = {quad.object: quad.subject for quad in article_quads(GB.argumentMention)}
    part_of: dict[ox.Term, set[ox.Term]] = defaultdict(set)  # node -> statements
    for predicate in (RDF.subject, RDF.object):
        for quad in article_quads(predicate):
            if quad.subject in statements:
                part_of[quad.object].add(quad.subject)
    for quad in article_quads(GB.refersTo):
        statement = mentions.get(quad.subject)
        if statement in statements:
            part_of[quad.object].add(statement)
    seen_in: dict[ox.Term, set[ox.Term]] = defaultdict(set)  # node -> articles describing it
    for quad in article_quads(GB.typeInArticle):
        seen_in[quad.subject].add(quad.graph_name)

    polarity = {q.subject: q.object for q in article_quads(GB.polarity)}
    modality = {q.subject: q.object for q in article_quads(GB.modality)}
    counts: dict[ox.Term, Counter[str]] = defaultdict(Counter)
    for quad in article_quads(RDF.type):
        if quad.object == GB.Article and quad.subject == quad.graph_name:
            counts[quad.subject].update(())
    for statement, graph in statements.items():
        tally = counts[graph]
        tally["articleStatementCount"] += 1
        positive = polarity.get(statement) == GB.Positive
        asserted = modality.get(statement) == GB.Asserted
        tally["articleFactCount"] += positive and asserted
        tally["articleDenialCount"] += polarity.get(statement) == GB.Negative
        tally["articleNonFactualCount"] += modality.get(statement) is not None and not asserted

    target = ox.NamedNode(stats_graph_iri(base))
    out: list[ox.Quad] = []

    def add(node: ox.Term, name: str, value: int) -> None:
        out.append(ox.Quad(node, GB[name], integer_literal(value), target))

    for node, graphs in seen_in.items():
        add(node, "articleCount", len(graphs))
    entities = ox.NamedNode(entity_graph_iri(base))
    labels = {
        q.subject: q.object.value for q in store.quads_for_pattern(None, RDFS.label, None, entities)
    }
    nodes = [node for node in part_of if isinstance(node, ox.NamedNode)]
    nodes.sort(key=lambda n: (-len(part_of[n]), labels.get(n, ""), n.value))
    for rank, node in enumerate(nodes, start=1):
        found = part_of[node]
        add(node, "statementCount", len(found))
        add(node, "statementArticleCount", len({statements[s] for s in found}))
        add(node, "statementRank", rank)
    ids = {q.subject: q.object.value for q in article_quads(DCTERMS.identifier)}
    articles = sorted(counts, key=lambda a: (-counts[a]["articleStatementCount"], ids.get(a, "")))
    for rank, article in enumerate(articles, start=1):
        for name in ARTICLE_COUNTS:
            add(article, name, counts[article][name])
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

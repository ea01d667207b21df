"""Validating built graphs against the SHACL shapes of ``ontologies/shapes.ttl`` (pyshacl)."""

from __future__ import annotations

import warnings
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graphbuild.graph.shared import ONTOLOGY_GRAPH, entity_graph_quads, ontology_graph_quads
from graphbuild.graph.vocab import GB, RDF, RDFS, shapes_path

if TYPE_CHECKING:
    from collections.abc import Iterable


_DERIVED = "urn:graphbuild:derived-entities"


@dataclass(frozen=True, slots=True)
class Validation:
    """The outcome of a SHACL validation: whether the graph conforms, and pyshacl's report."""

    conforms: bool
    violations: int
    report: str

    def __bool__(self) -> bool:
        return self.conforms


def validate(quads: Iterable[ox.Quad]) -> Validation:
    """Validate quads (a ``GraphStore``, a list) against the shapes, each named graph on its own.

    An article graph is checked together with the ``rdf:type`` and ``rdfs:label`` triples that
    the other graphs (the shared entity graph, the ontology graph) give the nodes it uses; those
    graphs are then checked on their own. When the quads hold article graphs only (as
    ``article_quads`` returns them), the shared entity graph is derived from them first and the
    ontology is added. No inference is run (``inference="none"``): the shapes name the classes
    they target.

    >>> from graphbuild.graph.rdf import article_quads
    >>> from graphbuild.records import Article, ArticleGraph, Part, Predicate, Relation
    >>> r = Relation("a1", "Iran sent drones.", (0, 17), Part("Iran", (0, 4), entity="Iran",
    ...     type="Country"), Predicate("sent", "send", (5, 9)), Part("drones", (10, 16),
    ...     head="drone"), confidence=0.8)
    >>> quads = article_quads(ArticleGraph(Article(id="a1", text="Iran sent drones."), (r,), ()))
    >>> validate(quads).conforms
    True
    >>> without_subject = [q for q in quads if q.predicate != RDF.subject]
    >>> validate(without_subject).conforms
    False
    """
    import pyshacl
    import rdflib

    nquads = ox.serialize(with_context(quads), format=ox.RdfFormat.N_QUADS)
    with warnings.catch_warnings():
        # rdflib's own N-Quads parser and pyshacl use rdflib APIs rdflib 7 deprecates
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset = rdflib.Dataset()
        dataset.parse(data=nquads, format="nquads")
        shapes = rdflib.Graph()
        shapes.parse(data=shapes_path().read_bytes(), format="turtle")
        conforms, report_graph, report = pyshacl.validate(
            dataset,
            shacl_graph=shapes,
            inference="none",
            advanced=True,
            allow_warnings=False,
        )
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    violations = len(set(report_graph.subjects(rdflib.RDF.type, sh.ValidationResult)))
    return Validation(bool(conforms), violations, str(report))


def with_context(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """The quads to validate: ``quads``, plus in each article graph the types and labels that
    the other graphs give its nodes (deriving the shared entity graph and adding the ontology
    graph when they are missing).

    >>> from graphbuild.graph.rdf import article_quads
    >>> from graphbuild.records import Article, ArticleGraph, Part, Predicate, Relation
    >>> r = Relation("a1", "Iran sent drones.", (0, 17), Part("Iran", (0, 4), entity="Iran",
    ...     type="Country"), Predicate("sent", "send", (5, 9)), Part("drones", (10, 16)))
    >>> quads = article_quads(ArticleGraph(Article(id="a1", text="Iran sent drones."), (r,), ()))
    >>> added = with_context(quads)[len(quads) :]
    >>> article = quads[0].graph_name
    >>> sorted({q.predicate.value.rsplit("#")[-1] for q in added if q.graph_name == article})
    ['label', 'type']
    """
    by_graph: dict[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, list[ox.Quad]] = defaultdict(list)
    for quad in quads:
        by_graph[quad.graph_name].append(quad)
    articles = {
        graph
        for graph, found in by_graph.items()
        if any(
            q.subject == graph and q.predicate == RDF.type and q.object == GB.Article for q in found
        )
    }
    others = [graph for graph in by_graph if graph not in articles]
    out = [quad for found in by_graph.values() for quad in found]
    ontology = ox.NamedNode(ONTOLOGY_GRAPH)
    if not any(graph != ontology and not isinstance(graph, ox.DefaultGraph) for graph in others):
        views = (q for graph in articles for q in by_graph[graph])
        derived = entity_graph_quads(views, _DERIVED)
        by_graph[ox.NamedNode(_DERIVED)] = derived
        others.append(ox.NamedNode(_DERIVED))
        out.extend(derived)
    if ontology not in by_graph:
        by_graph[ontology] = list(ontology_graph_quads())
        others.append(ontology)
        out.extend(by_graph[ontology])

    described: dict[ox.NamedNode, list[ox.Triple]] = defaultdict(list)
    for graph in others:
        for quad in by_graph[graph]:
            if quad.predicate in (RDF.type, RDFS.label) and isinstance(quad.subject, ox.NamedNode):
                described[quad.subject].append(quad.triple)
    for graph in sorted(articles, key=str):
        found = by_graph[graph]
        nodes = {q.subject for q in found} | {q.object for q in found}
        have = {q.triple for q in found}
        extra = {t for node in nodes for t in described.get(node, ()) if t not in have}
        out.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in sorted(extra, key=str))
    return out

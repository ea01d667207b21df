"""The graphs every article shares: the entity graph (derived) and the ontology graph.

Each article graph holds its own view of the entities and predicates it uses
(``gb:nameInArticle``, ``gb:typeInArticle``, ``gb:aliasInArticle``, ``gb:wikidataInArticle``).
The **shared entity graph** ``{base}graph/entities`` is derived from those views, so that a
query over the union of the graphs sees each entity described once:

- one ``rdf:type``: the class most articles give it, a specific class before ``gb:Entity`` and
  ``gb:Concept``, then the first in code-point order;
- one ``rdfs:label``: the name most articles give it, then the first in code-point order;
- ``skos:altLabel`` for every other name and every alias of any article;
- ``owl:sameAs`` for every Wikidata item any article links it to.

Predicates get the same treatment (type ``gb:OpenRelation`` and a label), except those the
ontology describes (the core relations): the **ontology graph**
``https://w3id.org/graphbuild/ontology`` holds ``ontologies/graphbuild.ttl`` itself, so no triple
is in two graphs. The derivation depends only on the set of article views, never on the order
articles were written in.

>>> import pyoxigraph as ox
>>> from graphbuild.graph.vocab import GB
>>> iran, g1, g2 = (ox.NamedNode(f"http://example.org/{n}") for n in ("Iran", "a1", "a2"))
>>> views = [ox.Quad(iran, GB.nameInArticle, ox.Literal(name), g)
...          for name, g in (("Iran", g1), ("Islamic Republic of Iran", g2), ("Iran", g2))]
>>> for quad in entity_graph_quads(views, "http://example.org/graph/entities"):
...     print(quad.predicate.value.rsplit("#", 1)[-1], quad.object.value)
label Iran
altLabel Islamic Republic of Iran
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache

import pyoxigraph as ox

from graphbuild.graph.iris import DEFAULT_BASE
from graphbuild.graph.vocab import GB, OWL, RDF, RDFS, SKOS, ontology_quads

ONTOLOGY_GRAPH = "https://w3id.org/graphbuild/ontology"
"""The named graph holding the ontology (``ontologies/graphbuild.ttl``)."""

GENID = f"{ONTOLOGY_GRAPH}/genid/"
"""Prefix of the IRIs that stand for the blank nodes of the ontology file (its RDF lists)."""

VIEW_PREDICATES: tuple[ox.NamedNode, ...] = (
    GB.nameInArticle,
    GB.typeInArticle,
    GB.aliasInArticle,
    GB.wikidataInArticle,
    GB.governmentOfInArticle,
)
"""The properties of an article's own view of an entity or predicate."""

_GENERIC = frozenset({GB.Entity.value, GB.Concept.value})


def entity_graph_iri(base: str = DEFAULT_BASE) -> str:
    """The IRI of the shared entity graph of the articles minted under ``base``.

    >>> entity_graph_iri()
    'https://w3id.org/graphbuild/id/graph/entities'
    """
    return f"{base}graph/entities"


def article_graph_prefix(base: str = DEFAULT_BASE) -> str:
    """The start of every article graph IRI under ``base``.

    >>> article_graph_prefix("http://example.org/kg/")
    'http://example.org/kg/article/'
    """
    return f"{base}article/"


@cache
def ontology_graph_quads() -> tuple[ox.Quad, ...]:
    """The ontology's triples in the ontology graph, in file order.

    The RDF lists of the ontology (``owl:oneOf``) are its only blank nodes; they are replaced by
    fixed IRIs (``https://w3id.org/graphbuild/ontology/genid/1``, ...), so that the store holds
    no blank nodes and every store dumps them identically.

    >>> quads = ontology_graph_quads()
    >>> quads[0].graph_name.value
    'https://w3id.org/graphbuild/ontology'
    >>> sorted({q.subject.value for q in quads if "/genid/" in q.subject.value})[:2]
    ['https://w3id.org/graphbuild/ontology/genid/1', 'https://w3id.org/graphbuild/ontology/genid/2']
    """
    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    labels: dict[str, ox.NamedNode] = {}

    def term(node):
        if isinstance(node, ox.BlankNode):
            found = labels.get(node.value)
            if found is None:
                found = labels[node.value] = ox.NamedNode(f"{GENID}{len(labels) + 1}")
            return found
        return node

    return tuple(
        ox.Quad(term(q.subject), q.predicate, term(q.object), graph) for q in ontology_quads()
    )


@cache
def ontology_described() -> frozenset[str]:
    """IRIs the ontology gives a type to (classes, properties, individuals, core relations);
    the shared entity graph leaves them to the ontology graph.

    >>> "https://w3id.org/graphbuild/relation/supply" in ontology_described()
    True
    """
    return frozenset(
        q.subject.value
        for q in ontology_quads()
        if q.predicate == RDF.type and isinstance(q.subject, ox.NamedNode)
    )


def entity_graph_quads(views: Iterable[ox.Quad], graph: str) -> list[ox.Quad]:
    """The shared entity graph derived from article-view quads, in a deterministic order.

    ``views`` are the ``VIEW_PREDICATES`` quads of the article graphs (other quads are
    ignored); each article counts once per value. The result is sorted by subject IRI, then
    type, label, alternative labels and Wikidata links.
    """
    names: dict[str, Counter[str]] = defaultdict(Counter)
    types: dict[str, Counter[str]] = defaultdict(Counter)
    aliases: dict[str, set[str]] = defaultdict(set)
    same_as: dict[str, set[str]] = defaultdict(set)
    governs: dict[str, set[str]] = defaultdict(set)
    literal_values = {GB.nameInArticle.value: names, GB.aliasInArticle.value: aliases}
    iri_values = {
        GB.typeInArticle.value: types,
        GB.wikidataInArticle.value: same_as,
        GB.governmentOfInArticle.value: governs,
    }
    for quad in set(views):
        subject, value = quad.subject, quad.object
        predicate = quad.predicate.value
        if isinstance(value, ox.Literal):
            found = literal_values.get(predicate)
        elif isinstance(value, ox.NamedNode):
            found = iri_values.get(predicate)
        else:
            continue
        if found is None or not isinstance(subject, ox.NamedNode):
            continue
        if isinstance(found[subject.value], Counter):
            found[subject.value][value.value] += 1
        else:
            found[subject.value].add(value.value)

    target = ox.NamedNode(graph)
    skip = ontology_described()
    out: list[ox.Quad] = []
    for iri in sorted(names.keys() | types.keys()):
        if iri in skip:
            continue
        node = ox.NamedNode(iri)
        kinds = types.get(iri)
        if kinds:
            kind = min(kinds, key=lambda k: (k in _GENERIC, -kinds[k], k))
            out.append(ox.Quad(node, RDF.type, ox.NamedNode(kind), target))
        votes = names.get(iri)
        label = min(votes, key=lambda n: (-votes[n], n)) if votes else None
        if label is not None:
            out.append(ox.Quad(node, RDFS.label, ox.Literal(label), target))
        others = (aliases.get(iri, set()) | set(votes or ())) - {label}
        out.extend(ox.Quad(node, SKOS.altLabel, ox.Literal(a), target) for a in sorted(others))
        out.extend(
            ox.Quad(node, OWL.sameAs, ox.NamedNode(q), target) for q in sorted(same_as.get(iri, ()))
        )
        out.extend(
            ox.Quad(node, GB.governmentOf, ox.NamedNode(state), target)
            for state in sorted(governs.get(iri, ()))
        )
    return out

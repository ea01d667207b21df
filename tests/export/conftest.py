"""A small graph with the shapes the exports must carry: two article graphs, a shared graph,
statements, language-tagged and typed literals, unicode, quotes and percent-encoded IRIs."""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox
import pytest
from samples import seed_graph

from graphbuild.graph.iris import (
    ONTOLOGY,
    article_iri,
    entity_iri,
    relation_iri,
    statement_iri,
)
from graphbuild.graph.store import GraphStore

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OWL = "http://www.w3.org/2002/07/owl#"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCTERMS = "http://purl.org/dc/terms/"
WD = "http://www.wikidata.org/entity/"

IRAN = entity_iri("Iran", "Country")
RUSSIA = entity_iri("Russia", "Country")
KIRBY = entity_iri("John Kirby", "Person")
DRONE = entity_iri("drone", None)
ODD = entity_iri('The "Quoted" <Angle> & Co; Ltd', "Organization")
KYIV = entity_iri("Київ", "City")

SENTENCES = {
    "s1": 'Iran had violated "international law" in supplying hundreds of drones to Russia.',
    "s2": "Kirby said, on\ttwo lines:\nIran did not supply <more> drones; ever.",
    "s3": "Київ — “quoted”, 'single', back\\slash and emoji 🛰️.",
}


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def build_store() -> GraphStore:
    """The sample store, built from scratch (so it can be built twice)."""
    quads: list[ox.Quad] = []
    shared = _n(article_iri("entities"))
    a1, a2 = _n(article_iri("a1")), _n(article_iri("a2"))
    entities = [
        (IRAN, "Country", "Iran", ["Islamic Republic of Iran", "IR"], "Q794"),
        (RUSSIA, "Country", "Russia", ["Russian Federation"], "Q159"),
        (KIRBY, "Person", "John Kirby", ["Kirby", "Mr. Kirby"], None),
        (DRONE, "Concept", "drone", [], None),
        (ODD, "Organization", 'The "Quoted" <Angle> & Co; Ltd', ["Q; L", "a,b"], None),
        (KYIV, "City", "Київ", ["Kyiv", "Kiev"], "Q1899"),
    ]
    for iri, type_, label, aliases, qid in entities:
        quads.append(ox.Quad(_n(iri), _n(RDF + "type"), _n(ONTOLOGY + type_), shared))
        quads.append(ox.Quad(_n(iri), _n(RDFS + "label"), ox.Literal(label, language="en"), shared))
        for alias in aliases:
            quads.append(ox.Quad(_n(iri), _n(SKOS + "altLabel"), ox.Literal(alias), shared))
        if qid:
            wikidata = _n(f"http://www.wikidata.org/entity/{qid}")
            quads.append(ox.Quad(_n(iri), _n(OWL + "sameAs"), wikidata, shared))
    statements = [
        (a1, "s1", IRAN, "supply", DRONE, "positive", "asserted", None, "0.81"),
        (a1, "s1b", IRAN, "supply", RUSSIA, "positive", "asserted", None, "0.7"),
        (a2, "s2", IRAN, "supply", DRONE, "negative", "asserted", KIRBY, "0.55"),
        (a2, "s3", ODD, "call for", KYIV, "positive", "sought", KIRBY, "0.3"),
    ]
    for graph, key, subject, relation, obj, polarity, modality, source, confidence in statements:
        doc = str(graph.value).rsplit("/", 1)[1]
        st = _n(statement_iri(doc, key))
        text = SENTENCES[key[:2]]
        triples = [
            (st, _n(RDF + "type"), _n(RDF + "Statement")),
            (st, _n(RDF + "subject"), _n(subject)),
            (st, _n(RDF + "predicate"), _n(relation_iri(relation))),
            (st, _n(RDF + "object"), _n(obj)),
            (st, _n(ONTOLOGY + "polarity"), ox.Literal(polarity)),
            (st, _n(ONTOLOGY + "modality"), ox.Literal(modality)),
            (st, _n(ONTOLOGY + "confidence"), ox.Literal(confidence, datatype=_n(XSD + "decimal"))),
            (st, _n(ONTOLOGY + "sentence"), ox.Literal(text, language="en")),
            (st, _n(ONTOLOGY + "sentenceStart"), ox.Literal("12", datatype=_n(XSD + "integer"))),
            (st, _n(PROV + "wasDerivedFrom"), graph),
        ]
        if source:
            triples.append((st, _n(ONTOLOGY + "attribution"), _n(source)))
        if polarity == "positive" and modality == "asserted":
            triples.append((_n(subject), _n(relation_iri(relation)), _n(obj)))
        for s, p, o in triples:
            quads.append(ox.Quad(s, p, o, graph))
    for graph, title, date in [(a1, "Iran & Russia: <drones>", "2022-10-19"), (a2, "Київ", None)]:
        quads.append(ox.Quad(graph, _n(DCTERMS + "title"), ox.Literal(title), graph))
        if date:
            day = ox.Literal(date, datatype=_n(XSD + "date"))
            quads.append(ox.Quad(graph, _n(DCTERMS + "date"), day, graph))
    # the same entity label stated in an article graph too: one triple in the union
    quads.append(ox.Quad(_n(IRAN), _n(RDFS + "label"), ox.Literal("Iran", language="en"), a1))
    russia = ox.Literal("Russia", language="en")
    quads.append(ox.Quad(_n(RUSSIA), _n(RDFS + "label"), russia, ox.DefaultGraph()))
    return GraphStore.from_quads(quads)


def build_network() -> nx.MultiDiGraph:
    """An entity network in the shape ``entity_network`` returns, with hostile text."""
    g = nx.MultiDiGraph()
    nodes = [
        (IRAN, "Iran", "Country", WD + "Q794", "Islamic Republic of Iran; IR", 2),
        (RUSSIA, "Russia", "Country", WD + "Q159", "Russian Federation", 1),
        (DRONE, "drone", "", "", "", 2),
        (ODD, 'The "Quoted" <Angle> & Co; Ltd', "Organization", "", "Q;L; a,b; line\nbreak", 1),
        (KYIV, "Київ", "City", WD + "Q1899", "Kyiv; Kiev", 1),
        (KIRBY, "John Kirby", "Person", "", "Kirby; Mr. Kirby", 0),
    ]
    for iri, label, type_, wikidata, aliases, articles in nodes:
        g.add_node(
            iri,
            label=label,
            type=type_,
            iri=iri,
            wikidata=wikidata,
            aliases=aliases,
            articles=articles,
        )
    edges = [
        (IRAN, DRONE, "a1", "s1", "supply", "positive", "asserted", "", 0.81),
        (IRAN, RUSSIA, "a1", "s1b", "supply", "positive", "asserted", "", 0.7),
        (IRAN, DRONE, "a2", "s2", "supply", "negative", "asserted", KIRBY, 0.55),
        (ODD, KYIV, "a2", "s3", "call for", "positive", "sought", KIRBY, 0.3),
    ]
    for u, v, doc, key, relation, polarity, modality, attribution, confidence in edges:
        g.add_edge(
            u,
            v,
            key=statement_iri(doc, key),
            label=relation,
            predicate=relation_iri(relation),
            sentence=SENTENCES[key[:2]],
            doc=doc,
            title='Iran & Russia: <drones>, "quoted"',
            url=f"https://example.org/{doc}?a=1&b=2",
            confidence=confidence,
            polarity=polarity,
            modality=modality,
            attribution=attribution,
            role="",
        )
    return g


@pytest.fixture
def store() -> GraphStore:
    """The sample store."""
    return build_store()


@pytest.fixture
def make_store():
    """Builds a fresh copy of the sample store."""
    return build_store


@pytest.fixture
def network() -> nx.MultiDiGraph:
    """The sample entity network."""
    return build_network()


@pytest.fixture
def make_network():
    """Builds a fresh copy of the sample entity network."""
    return build_network


@pytest.fixture
def seed_store() -> GraphStore:
    """The store the graph stage writes for the seed article's hand-made records."""
    store = GraphStore()
    store.write([seed_graph()])
    return store

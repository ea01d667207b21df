"""Mapping records to quads: the RDF shape of SPEC section 4."""

from __future__ import annotations

import dataclasses

import pyoxigraph as ox
import pytest
from samples import seed_graph, simple_graph

from graphbuild.errors import InputError
from graphbuild.graph import iris
from graphbuild.graph.rdf import article_quads, confidence_literal, date_literal, statement_key
from graphbuild.graph.vocab import DCTERMS, GB, NIF, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, XSD

seed = seed_graph()
build = simple_graph

IRAN = ox.NamedNode(iris.entity_iri("Iran", "Country"))
RUSSIA = ox.NamedNode(iris.entity_iri("Russia", "Country"))
DRONES = ox.NamedNode(iris.entity_iri("drones", None))
SUPPLY = ox.NamedNode("https://w3id.org/graphbuild/relation/supply")


def triples(quads: list[ox.Quad]) -> set[tuple]:
    return {(q.subject, q.predicate, q.object) for q in quads}


def statement(quads: list[ox.Quad]) -> ox.NamedNode:
    (node,) = {q.subject for q in quads if q.predicate == RDF.type and q.object == GB.Statement}
    return node


def values(quads: list[ox.Quad], subject: ox.NamedNode, predicate: ox.NamedNode) -> list:
    return sorted(
        (q.object for q in quads if q.subject == subject and q.predicate == predicate), key=str
    )


def test_everything_is_in_the_article_graph() -> None:
    quads = article_quads(build())
    graph = ox.NamedNode(iris.article_iri("a1"))
    assert {q.graph_name for q in quads} == {graph}


def test_no_blank_nodes() -> None:
    for quad in article_quads(seed):
        assert not isinstance(quad.subject, ox.BlankNode)
        assert not isinstance(quad.object, ox.BlankNode)


@pytest.mark.parametrize(
    ("polarity", "modality", "polarity_iri", "modality_iri", "direct"),
    [
        ("positive", "asserted", GB.Positive, GB.Asserted, True),
        ("negative", "asserted", GB.Negative, GB.Asserted, False),
        ("positive", "intended", GB.Positive, GB.Intended, False),
        ("positive", "sought", GB.Positive, GB.Sought, False),
        ("positive", "expected", GB.Positive, GB.Expected, False),
        ("positive", "possible", GB.Positive, GB.Possible, False),
        ("positive", "hypothetical", GB.Positive, GB.Hypothetical, False),
        ("positive", "question", GB.Positive, GB.Question, False),
        ("negative", "intended", GB.Negative, GB.Intended, False),
    ],
)
def test_direct_triple_only_for_facts(
    polarity, modality, polarity_iri, modality_iri, direct
) -> None:
    quads = article_quads(build(polarity=polarity, modality=modality))
    st = statement(quads)
    assert values(quads, st, GB.polarity) == [polarity_iri]
    assert values(quads, st, GB.modality) == [modality_iri]
    assert ((IRAN, SUPPLY, DRONES) in triples(quads)) is direct


def test_statement_shape() -> None:
    ag = build(attribution="Britain", confidence=0.8123)
    quads = article_quads(ag)
    st = statement(quads)
    article = ox.NamedNode(iris.article_iri("a1"))
    expected = {
        RDF.subject: [IRAN],
        RDF.predicate: [SUPPLY],
        RDF.object: [DRONES],
        GB.recipient: [RUSSIA],
        GB.attributedTo: [ox.NamedNode(iris.entity_iri("Britain", "Country"))],
        GB.confidence: [ox.Literal("0.812", datatype=XSD.decimal)],
        GB.evidence: [ox.Literal("Iran sent drones to Russia.")],
        NIF.beginIndex: [ox.Literal("0", datatype=XSD.integer)],
        NIF.endIndex: [ox.Literal("27", datatype=XSD.integer)],
        PROV.wasDerivedFrom: [article],
        GB.extractionRule: [ox.Literal("test")],
        GB.relationLemma: [ox.Literal("send")],
        GB.subjectText: [ox.Literal("Iran")],
        GB.objectText: [ox.Literal("drones")],
    }
    for predicate, objects in expected.items():
        assert values(quads, st, predicate) == objects, predicate
    assert st.value == iris.statement_iri("a1", statement_key(ag.relations[0]))


def test_argument_mention() -> None:
    quads = article_quads(build())
    st = statement(quads)
    (mention,) = values(quads, st, GB.argumentMention)
    assert values(quads, mention, RDF.type) == [GB.ArgumentMention]
    assert values(quads, mention, GB.role) == [ox.Literal("recipient")]
    assert values(quads, mention, GB.preposition) == [ox.Literal("to")]
    assert values(quads, mention, GB.text) == [ox.Literal("Russia")]
    assert values(quads, mention, NIF.beginIndex) == [ox.Literal("20", datatype=XSD.integer)]
    assert values(quads, mention, GB.refersTo) == [RUSSIA]


@pytest.mark.parametrize(
    ("role", "prop"),
    [
        ("recipient", GB.recipient),
        ("time", GB.time),
        ("location", GB.location),
        ("instrument", GB.instrument),
        ("purpose", GB.purpose),
        ("topic", GB.topic),
        ("beneficiary", GB.beneficiary),
        ("source", GB.source),
        ("manner", GB.manner),
        ("other", GB.argument),
    ],
)
def test_role_properties(role, prop) -> None:
    quads = article_quads(build(role=role))
    assert values(quads, statement(quads), prop) == [RUSSIA]


def test_statement_without_object() -> None:
    quads = article_quads(build(obj=None, sentence="Iran retreated to Russia.", lemma="retreat"))
    st = statement(quads)
    assert values(quads, st, RDF.object) == []
    assert values(quads, st, GB.recipient) == [RUSSIA]
    retreat = ox.NamedNode("https://w3id.org/graphbuild/relation/retreat")
    assert not any(q.predicate == retreat for q in quads)
    assert values(quads, retreat, GB.typeInArticle) == [GB.OpenRelation]
    assert values(quads, retreat, GB.nameInArticle) == [ox.Literal("retreat")]


def test_core_predicate_has_its_article_view() -> None:
    quads = article_quads(build())
    assert values(quads, SUPPLY, GB.nameInArticle) == [ox.Literal("supply")]
    assert values(quads, SUPPLY, GB.typeInArticle) == [GB.CoreRelation]


def test_entities_are_described_in_the_article_view() -> None:
    quads = article_quads(seed)
    assert values(quads, IRAN, GB.typeInArticle) == [GB.Country]
    assert values(quads, IRAN, GB.nameInArticle) == [ox.Literal("Iran")]
    assert values(quads, IRAN, GB.wikidataInArticle) == [
        ox.NamedNode("http://www.wikidata.org/entity/Q794")
    ]
    assert values(quads, IRAN, GB.aliasInArticle) == [
        ox.Literal("Iranian"),
        ox.Literal("the Iranian government"),
    ]
    drone = ox.NamedNode(iris.entity_iri("drone", None))
    assert values(quads, drone, GB.typeInArticle) == [GB.Concept]
    assert values(quads, drone, GB.nameInArticle) == [ox.Literal("drone")]


@pytest.mark.parametrize(
    "predicate", [RDF.type, RDFS.label, SKOS.altLabel, OWL.sameAs], ids=lambda p: p.value
)
def test_article_graphs_leave_shared_descriptions_out(predicate: ox.NamedNode) -> None:
    """Types, labels, aliases and Wikidata links of entities live in the shared entity graph;
    the article graph types only its article, statements and argument mentions."""
    quads = article_quads(seed)
    own = {GB.Article, GB.Statement, GB.ArgumentMention}
    found = [q for q in quads if q.predicate == predicate and q.object not in own]
    assert found == []


def test_each_entity_has_one_name_even_with_different_mentions() -> None:
    quads = article_quads(seed)
    names: dict = {}
    for q in quads:
        if q.predicate == GB.nameInArticle:
            names.setdefault(q.subject, []).append(q.object)
    assert len(names) > 5
    assert all(len(v) == 1 for v in names.values())
    typed = {q.subject for q in quads if q.predicate == GB.typeInArticle}
    assert typed == set(names)


def test_article_description() -> None:
    quads = article_quads(seed)
    article = ox.NamedNode(iris.article_iri(seed.article.id))
    assert values(quads, article, RDF.type) == [GB.Article]
    assert values(quads, article, DCTERMS.identifier) == [ox.Literal(seed.article.id)]
    assert values(quads, article, GB.contentHash) == [ox.Literal(seed.article.hash)]
    assert values(quads, article, DCTERMS.title) == [ox.Literal(seed.article.title)]
    assert values(quads, article, SCHEMA.headline) == [ox.Literal(seed.article.title)]
    assert values(quads, article, SCHEMA.url) == [ox.NamedNode(seed.article.url)]
    assert values(quads, article, DCTERMS.date) == [ox.Literal("2023-12-08", datatype=XSD.date)]


@pytest.mark.parametrize(
    ("text", "lexical", "datatype"),
    [
        ("2019-01-31", "2019-01-31", XSD.date),
        (" 2019-01-31 ", "2019-01-31", XSD.date),
        ("2019-02-30", "2019-02-30", XSD.string),
        ("2019-01-31T10:20", "2019-01-31T10:20:00", XSD.dateTime),
        ("2019-01-31T10:20:05Z", "2019-01-31T10:20:05Z", XSD.dateTime),
        ("2019-01-31T10:20:05.500+02:00", "2019-01-31T10:20:05.5+02:00", XSD.dateTime),
        ("Thursday, January 31, 2019", "Thursday, January 31, 2019", XSD.string),
    ],
)
def test_date_literal(text: str, lexical: str, datatype: ox.NamedNode) -> None:
    literal = date_literal(text)
    assert (literal.value, literal.datatype) == (lexical, datatype)


@pytest.mark.parametrize(
    ("value", "lexical"),
    [(0, "0"), (1, "1"), (0.5, "0.5"), (0.8126, "0.813"), (0.0004, "0"), (0.1, "0.1")],
)
def test_confidence_literal(value: float, lexical: str) -> None:
    assert confidence_literal(value).value == lexical


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://en.wikinews.org/wiki/A_b", ox.NamedNode("https://en.wikinews.org/wiki/A_b")),
        ("https://example.org/a b", ox.NamedNode("https://example.org/a%20b")),
        ('https://example.org/ä?q="x"', ox.NamedNode("https://example.org/ä?q=%22x%22")),
        ("not a url", ox.Literal("not%20a%20url", datatype=XSD.anyURI)),
    ],
)
def test_article_url(url: str, expected) -> None:
    ag = build()
    ag = dataclasses.replace(ag, article=dataclasses.replace(ag.article, url=url))
    article = ox.NamedNode(iris.article_iri("a1"))
    assert values(article_quads(ag), article, SCHEMA.url) == [expected]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"polarity": "maybe"}, "unknown polarity 'maybe'"),
        ({"modality": "wished"}, "unknown modality 'wished'"),
        ({"confidence": 1.5}, "confidence 1.5 is not a number in [0, 1]"),
        ({"confidence": -0.1}, "confidence -0.1 is not a number in [0, 1]"),
        ({"confidence": float("nan")}, "confidence nan is not a number in [0, 1]"),
        ({"role": "victim"}, "unknown argument role 'victim'"),
    ],
)
def test_bad_records_raise_input_error(change: dict, message: str) -> None:
    with pytest.raises(InputError, match=r"article 'a1'") as info:
        article_quads(build(**change))
    assert message in str(info.value)


def test_same_spans_twice_get_two_statements() -> None:
    ag = build()
    ag = dataclasses.replace(ag, relations=ag.relations * 2)
    quads = article_quads(ag)
    statements = {q.subject for q in quads if q.object == GB.Statement}
    assert len(statements) == 2


def test_mapping_is_deterministic() -> None:
    assert article_quads(seed) == article_quads(seed)
    assert [str(q) for q in article_quads(seed)] == [str(q) for q in article_quads(seed)]


def test_custom_base() -> None:

    base = "http://example.org/kg/"
    quads = article_quads(seed_graph(base), base)
    nodes = {q.subject.value for q in quads} | {q.graph_name.value for q in quads}
    assert all(n.startswith((base, "https://w3id.org/graphbuild/relation/")) for n in nodes)

"""Built graphs validate against ontologies/shapes.ttl; broken ones do not."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from samples import seed_graph, simple_graph

from graphbuild.graph import iris
from graphbuild.graph.rdf import article_quads
from graphbuild.graph.shared import entity_graph_iri
from graphbuild.graph.store import GraphStore
from graphbuild.graph.validate import validate
from graphbuild.graph.vocab import DCTERMS, GB, PREFIXES, RDF, RDFS, XSD

seed = seed_graph()
build = simple_graph

ENTITIES = entity_graph_iri()
IRAN = iris.entity_iri("Iran", "Country")


def test_seed_graph_conforms() -> None:
    with GraphStore() as store:
        store.write(
            [
                seed,
                build("a2", polarity="negative", attribution="Iran"),
                build("a3", modality="intended", obj=None),
            ]
        )
        result = validate(store)
    assert result.conforms, result.report
    assert result.violations == 0


def statement_of(quads: list[ox.Quad], polarity: ox.NamedNode = GB.Positive) -> ox.NamedNode:
    return next(q.subject for q in quads if q.predicate == GB.polarity and q.object == polarity)


def without(quads, subject, predicate):
    return [q for q in quads if not (q.subject == subject and q.predicate == predicate)]


def with_value(quads, subject, predicate, value):
    graph = quads[0].graph_name
    return [*without(quads, subject, predicate), ox.Quad(subject, predicate, value, graph)]


def add(quads, subject, predicate, value):
    return [*quads, ox.Quad(subject, predicate, value, quads[0].graph_name)]


def break_confidence(quads):
    st = statement_of(quads)
    return with_value(quads, st, GB.confidence, ox.Literal("1.5", datatype=XSD.decimal))


def break_subject(quads):
    return without(quads, statement_of(quads), RDF.subject)


def two_subjects(quads):
    return add(quads, statement_of(quads), RDF.subject, ox.NamedNode(iris.entity_iri("X", None)))


def break_modality(quads):
    return with_value(quads, statement_of(quads), GB.modality, GB.Wished)


def break_polarity(quads):
    return with_value(quads, statement_of(quads), GB.polarity, ox.Literal("positive"))


def break_evidence(quads):
    return without(quads, statement_of(quads), GB.evidence)


def break_offsets(quads):
    from graphbuild.graph.vocab import NIF

    return with_value(
        quads, statement_of(quads), NIF.beginIndex, ox.Literal("-3", datatype=XSD.integer)
    )


def add_unknown_property(quads):
    return add(quads, statement_of(quads), GB.reviewedBy, ox.Literal("an analyst"))


def derived_from_non_article(quads):
    from graphbuild.graph.vocab import PROV

    return with_value(
        quads, statement_of(quads), PROV.wasDerivedFrom, ox.NamedNode("http://example.org/x")
    )


def two_labels(quads):
    iran = ox.NamedNode(iris.entity_iri("Iran", "Country"))
    return add(quads, iran, RDFS.label, ox.Literal("Islamic Republic of Iran"))


def unlabelled_entity(quads):
    iran = ox.NamedNode(iris.entity_iri("Iran", "Country"))
    return without(quads, iran, GB.nameInArticle)


def two_names_in_one_article(quads):
    iran = ox.NamedNode(iris.entity_iri("Iran", "Country"))
    return add(quads, iran, GB.nameInArticle, ox.Literal("Islamic Republic of Iran"))


def untyped_entity(quads):
    iran = ox.NamedNode(iris.entity_iri("Iran", "Country"))
    return without(quads, iran, GB.typeInArticle)


def bad_wikidata_link(quads):
    iran = ox.NamedNode(iris.entity_iri("Iran", "Country"))
    return add(quads, iran, GB.wikidataInArticle, ox.NamedNode("http://example.org/Q1"))


def direct_triple_of(quads, st):
    spo = [
        next(q.object for q in quads if q.subject == st and q.predicate == p)
        for p in (RDF.subject, RDF.predicate, RDF.object)
    ]
    return add(quads, *spo)


def direct_triple_of_denial(quads):
    return direct_triple_of(quads, statement_of(quads, GB.Negative))


def direct_triple_of_intention(quads):
    intended = next(
        q.subject for q in quads if q.predicate == GB.modality and q.object == GB.Intended
    )
    return direct_triple_of(quads, intended)


def article_without_hash(quads):
    return without(quads, quads[0].graph_name, GB.contentHash)


def article_without_identifier(quads):
    return without(quads, quads[0].graph_name, DCTERMS.identifier)


@pytest.mark.parametrize(
    "breaker",
    [
        break_confidence,
        break_subject,
        two_subjects,
        break_modality,
        break_polarity,
        break_evidence,
        break_offsets,
        derived_from_non_article,
        two_labels,
        unlabelled_entity,
        two_names_in_one_article,
        untyped_entity,
        bad_wikidata_link,
        direct_triple_of_denial,
        direct_triple_of_intention,
        article_without_hash,
        article_without_identifier,
    ],
)
def test_broken_graphs_fail(breaker) -> None:
    result = validate(breaker(article_quads(seed)))
    assert not result.conforms
    assert result.violations >= 1


def test_extra_properties_are_allowed() -> None:
    """The shapes are open: annotations added by other tools do not break validation."""
    assert validate(add_unknown_property(article_quads(seed))).conforms


def test_seed_graph_conforms_as_quads() -> None:
    """Article quads alone validate: the shared entity graph is derived from them."""
    assert validate(article_quads(seed)).conforms


@pytest.mark.parametrize(
    "change",
    [
        "DELETE WHERE { GRAPH ?g { ?e rdfs:label ?l } }",
        f'INSERT DATA {{ GRAPH <{ENTITIES}> {{ <{IRAN}> rdfs:label "Persia" }} }}',
        f'INSERT DATA {{ GRAPH <{ENTITIES}> {{ rel:supply rdfs:label "give" }} }}',
        f"DELETE WHERE {{ GRAPH <{ENTITIES}> {{ <{IRAN}> a ?class }} }}",
    ],
)
def test_broken_shared_graph_in_a_store_fails(change: str) -> None:
    with GraphStore() as store:
        store.write([seed])
        store._store.update(change, prefixes=PREFIXES)  # damage it on purpose
        result = validate(store)
    assert not result.conforms
    assert result.violations >= 1

"""The relation vocabulary and the ontology it is read from."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graphbuild.graph import vocab
from graphbuild.graph.vocab import GB, OWL, RDF, RDFS


@pytest.mark.parametrize(
    ("lemma", "name"),
    [
        ("supply", "supply"),
        ("provide", "supply"),
        ("deliver", "supply"),
        ("send", "supply"),
        ("Ship", "supply"),
        ("attack", "attack"),
        ("strike", "attack"),
        ("invade", "invade"),
        ("deny", "deny"),
        ("urge", "call for"),
        ("call  for", "call for"),
        ("criticise", "condemn"),
        ("knit", "knit"),
        ("  Knit ", "knit"),
        ("", ""),
    ],
)
def test_relation_name(lemma: str, name: str) -> None:
    assert vocab.relation_name(lemma) == name


@pytest.mark.parametrize(
    ("lemma", "iri"),
    [
        ("provide", "https://w3id.org/graphbuild/relation/supply"),
        ("urge", "https://w3id.org/graphbuild/relation/call_for"),
        ("knit", "https://w3id.org/graphbuild/relation/knit"),
        ('say "no"', "https://w3id.org/graphbuild/relation/say_%22no%22"),
    ],
)
def test_predicate_iri(lemma: str, iri: str) -> None:
    assert vocab.predicate_iri(lemma) == iri
    ox.NamedNode(iri)


def test_core_relations_come_from_the_ontology() -> None:
    required = {
        "supply", "attack", "invade", "sanction", "accuse", "deny", "meet", "cooperate",
        "support", "warn", "say", "kill", "arrest", "sign", "visit", "threaten", "condemn",
        "elect", "appoint", "sue", "ban", "fund",
    }  # fmt: skip
    assert required <= set(vocab.CORE_RELATIONS)
    assert {"provide", "deliver", "send", "ship"} <= vocab.CORE_RELATIONS["supply"]
    seen: dict[str, str] = {}
    for name, triggers in vocab.CORE_RELATIONS.items():
        assert name in triggers
        for trigger in triggers:
            assert seen.setdefault(trigger, name) == name, f"{trigger} triggers two relations"


def test_every_ontology_term_has_label_and_comment() -> None:
    quads = vocab.ontology_quads()
    terms = {
        q.subject
        for q in quads
        if q.predicate == RDF.type
        and isinstance(q.subject, ox.NamedNode)
        and q.object
        in (
            OWL.Class,
            OWL.ObjectProperty,
            OWL.DatatypeProperty,
            OWL.AnnotationProperty,
            OWL.NamedIndividual,
            OWL.Ontology,
        )
    }
    assert len(terms) > 100
    labelled = {q.subject for q in quads if q.predicate == RDFS.label}
    commented = {q.subject for q in quads if q.predicate == RDFS.comment}
    assert terms - labelled == set()
    assert terms - commented == set()


def test_core_relations_are_object_properties() -> None:
    quads = set(vocab.ontology_quads())
    for name in vocab.CORE_RELATIONS:
        node = ox.NamedNode(vocab.predicate_iri(name))
        assert ox.Quad(node, RDF.type, OWL.ObjectProperty) in quads
        assert ox.Quad(node, RDF.type, GB.CoreRelation) in quads


@pytest.mark.parametrize(
    ("type_", "cls"),
    [
        ("Person", "Person"),
        ("GovernmentBody", "GovernmentBody"),
        ("governmentbody", "GovernmentBody"),
        ("Weapon", "Weapon"),
        ("Nationality", "Nationality"),
        (None, "Concept"),
        ("", "Concept"),
        ("Spaceship", "Entity"),
    ],
)
def test_class_name(type_: str | None, cls: str) -> None:
    assert vocab.class_name(type_) == cls


def test_ontology_aligns_entity_classes_with_schema_org() -> None:
    quads = set(vocab.ontology_quads())
    schema = vocab.SCHEMA
    for cls, parent in [
        (GB.Person, schema.Person),
        (GB.Organization, schema.Organization),
        (GB.GovernmentBody, schema.GovernmentOrganization),
        (GB.Country, schema.Country),
        (GB.City, schema.City),
        (GB.Location, schema.Place),
        (GB.Product, schema.Product),
        (GB.Weapon, GB.Product),
        (GB.Event, schema.Event),
        (GB.Concept, vocab.SKOS.Concept),
        (GB.Statement, RDF.Statement),
        (GB.Article, schema.NewsArticle),
    ]:
        assert ox.Quad(cls, RDFS.subClassOf, parent) in quads, cls


def test_every_gb_term_the_graph_uses_is_declared() -> None:
    from samples import seed_graph, simple_graph

    from graphbuild.graph.rdf import article_quads

    declared = {q.subject.value for q in vocab.ontology_quads() if q.predicate == RDF.type}
    used = set()
    graphs = [seed_graph(), *(simple_graph(role=role) for role in vocab.ROLE_PROPERTIES)]
    graphs += [simple_graph(modality=m) for m in vocab.MODALITY_INDIVIDUALS]
    for ag in graphs:
        for quad in article_quads(ag):
            for term in (quad.predicate, quad.object):
                if isinstance(term, ox.NamedNode) and term.value.startswith(str(GB)):
                    used.add(term.value)
    assert len(used) > 40
    assert used - declared == set()


def test_every_gb_term_the_shapes_name_is_declared() -> None:
    shapes = ox.parse(vocab.shapes_path().read_bytes(), format=ox.RdfFormat.TURTLE)
    named = {
        term.value
        for quad in shapes
        for term in (quad.subject, quad.object)
        if isinstance(term, ox.NamedNode) and term.value.startswith(str(GB))
    }
    declared = {q.subject.value for q in vocab.ontology_quads() if q.predicate == RDF.type}
    assert named - declared == set()

"""The shared entity graph (derived from the article graphs) and the ontology graph."""

from __future__ import annotations

import dataclasses
import io
import itertools

import pyoxigraph as ox
import pytest
from samples import seed_graph, simple_graph

from graphbuild.export import export
from graphbuild.graph import iris
from graphbuild.graph.shared import (
    ONTOLOGY_GRAPH,
    VIEW_PREDICATES,
    entity_graph_iri,
    entity_graph_quads,
    ontology_graph_quads,
)
from graphbuild.graph.store import GraphStore
from graphbuild.graph.vocab import GB, OWL, RDF, RDFS, SKOS
from graphbuild.records import Entity

seed = seed_graph()
build = simple_graph

IRAN = iris.entity_iri("Iran", "Country")
SYRIA = iris.entity_iri("Syria", "Country")
ENTITIES = ox.NamedNode(entity_graph_iri())


def with_entity(ag, name: str, aliases: tuple[str, ...] = (), wikidata: str | None = None):
    """``ag`` whose entity record for ``name`` has the given aliases and Wikidata item."""
    entities = tuple(
        dataclasses.replace(e, aliases=aliases, wikidata=wikidata) if e.name == name else e
        for e in ag.entities
    )
    return dataclasses.replace(ag, entities=entities)


def nquads(store: GraphStore) -> bytes:
    buffer = io.BytesIO()
    export(store, "nq", buffer)
    return buffer.getvalue()


def shared(store: GraphStore) -> set[str]:
    return {str(q.triple) for q in store.quads_for_pattern(None, None, None, ENTITIES)}


def values(store: GraphStore, subject: str, predicate: ox.NamedNode) -> list[str]:
    found = store.quads_for_pattern(ox.NamedNode(subject), predicate, None, ENTITIES)
    return sorted(q.object.value for q in found)


def test_an_entity_in_three_articles_has_one_label_in_the_union() -> None:
    with GraphStore() as store:
        store.write([build("a1"), build("a2"), build("a3", subject="Syria", recipient="Iran")])
        rows = list(store.query(f"SELECT ?l WHERE {{ <{IRAN}> rdfs:label ?l }}"))
        assert [row["l"].value for row in rows] == ["Iran"]
        rows = list(store.query(f"SELECT ?c WHERE {{ <{IRAN}> a ?c }}"))
        assert [row["c"].value for row in rows] == [GB.Country.value]
        rows = list(store.query(f"SELECT ?a WHERE {{ <{IRAN}> skos:altLabel ?a }}"))
        assert [row["a"].value for row in rows] == ["Iran alias"]


def test_every_label_is_returned_once_by_the_union() -> None:
    with GraphStore() as store:
        store.write([seed, build("a2"), build("a3", subject="Syria")])
        rows = [
            (r["e"].value, r["l"].value) for r in store.query("SELECT ?e ?l { ?e rdfs:label ?l }")
        ]
        assert len(rows) == len(set(rows)) > 10


def test_removing_the_only_article_of_an_entity_removes_it() -> None:
    with GraphStore() as store:
        store.write([build("a1"), build("a2", subject="Syria")])
        assert values(store, SYRIA, RDFS.label) == ["Syria"]
        store.remove("a2")
        assert values(store, SYRIA, RDFS.label) == []
        assert not store.query(f"ASK {{ <{SYRIA}> ?p ?o }}")
        assert values(store, IRAN, RDFS.label) == ["Iran"]  # still used by a1


def test_a_changed_article_drops_its_old_alias() -> None:
    first = with_entity(build("a1"), "Iran", ("Persia", "the Islamic Republic"), "Q794")
    changed = with_entity(build("a1"), "Iran", ("Persia",))
    with GraphStore() as store:
        store.write([first, build("a2", subject="Syria")])
        assert values(store, IRAN, SKOS.altLabel) == ["Persia", "the Islamic Republic"]
        assert values(store, IRAN, OWL.sameAs) == ["http://www.wikidata.org/entity/Q794"]
        store.write([changed])
        assert values(store, IRAN, SKOS.altLabel) == ["Persia"]
        assert values(store, IRAN, OWL.sameAs) == []


def test_aliases_of_all_articles_are_kept() -> None:
    with GraphStore() as store:
        store.write([with_entity(build("a1"), "Iran", ("Persia",)), build("a2")])
        assert values(store, IRAN, SKOS.altLabel) == ["Iran alias", "Persia"]
        store.remove("a2")
        assert values(store, IRAN, SKOS.altLabel) == ["Persia"]


def test_removing_every_article_empties_the_store() -> None:
    with GraphStore() as store:
        store.write([seed, build("a2")])
        assert ox.NamedNode(ONTOLOGY_GRAPH) in set(store.named_graphs())
        store.remove(seed.article.id)
        store.remove("a2")
        assert len(store) == 0
        assert list(store.named_graphs()) == []


ARTICLES = [seed, build("a2", subject="Syria"), build("a3", polarity="negative"), build("a4")]


@pytest.mark.parametrize(
    "batches",
    [
        [ARTICLES],
        [ARTICLES[::-1]],
        [[a] for a in ARTICLES],
        [[a] for a in ARTICLES[::-1]],
        [ARTICLES[2:], ARTICLES[:2]],
        [[ARTICLES[1], ARTICLES[3]], [ARTICLES[0]], [ARTICLES[2]]],
    ],
    ids=["one batch", "reversed", "one by one", "one by one reversed", "halves", "mixed"],
)
def test_build_order_and_batching_give_identical_dumps(batches) -> None:
    with GraphStore() as reference:
        reference.write(ARTICLES)
        expected = nquads(reference)
    with GraphStore() as store:
        for batch in batches:
            store.write(batch)
        assert nquads(store) == expected


def test_rewrites_and_removals_keep_the_shared_graph_derived() -> None:
    """After any sequence of writes and removals, the shared graph is what deriving it from
    scratch gives."""
    changed = with_entity(build("a2", subject="Syria"), "Syria", ("Sham",), "Q858")
    steps = [
        ("write", [seed, build("a2", subject="Syria")]),
        ("write", [changed]),
        ("remove", seed.article.id),
        ("write", [seed, build("a5", subject="Russia", recipient="Iran")]),
        ("remove", "a2"),
    ]
    with GraphStore() as store:
        for action, arg in steps:
            if action == "write":
                store.write(arg)
            else:
                assert store.remove(arg)
            views = itertools.chain.from_iterable(
                store.quads_for_pattern(None, p, None, None) for p in VIEW_PREDICATES
            )
            derived = {str(q.triple) for q in entity_graph_quads(views, ENTITIES.value)}
            assert shared(store) == derived


def view(subject: str, predicate: ox.NamedNode, value, graph: str) -> ox.Quad:
    if isinstance(value, str):
        value = ox.Literal(value)
    return ox.Quad(ox.NamedNode(subject), predicate, value, ox.NamedNode(f"http://x/{graph}"))


X = "http://x/e"


@pytest.mark.parametrize(
    ("views", "label", "cls", "alt"),
    [
        # the name most articles use wins, the others become alternative labels
        ([("Iran", "a1"), ("Persia", "a2"), ("Persia", "a3")], "Persia", None, ["Iran"]),
        # a tie goes to the first name in code-point order
        ([("Persia", "a1"), ("Iran", "a2")], "Iran", None, ["Persia"]),
        # a specific class wins over gb:Entity and gb:Concept, even when fewer articles use it
        ([(GB.Concept, "a1"), (GB.Concept, "a2"), (GB.Person, "a3")], None, GB.Person, []),
        ([(GB.Person, "a1"), (GB.Country, "a2"), (GB.Country, "a3")], None, GB.Country, []),
        ([(GB.Person, "a1"), (GB.Country, "a2")], None, GB.Country, []),
    ],
)
def test_label_and_class_choice(views, label, cls, alt) -> None:
    quads = [
        view(X, GB.nameInArticle if isinstance(v, str) else GB.typeInArticle, v, g)
        for v, g in views
    ]
    for order in (quads, quads[::-1]):
        out = entity_graph_quads(order, "http://x/entities")
        found = {p: sorted(q.object.value for q in out if q.predicate == p) for p in (RDFS.label,
                 RDF.type, SKOS.altLabel)}  # fmt: skip
        assert found[RDFS.label] == ([label] if label else [])
        assert found[RDF.type] == ([cls.value] if cls else [])
        assert found[SKOS.altLabel] == alt


def test_core_relations_are_left_to_the_ontology_graph() -> None:
    supply = "https://w3id.org/graphbuild/relation/supply"
    retreat = "https://w3id.org/graphbuild/relation/retreat"
    with GraphStore() as store:
        store.write([build("a1"), build("a2", obj=None, lemma="retreat")])
        assert values(store, supply, RDFS.label) == []
        assert values(store, retreat, RDFS.label) == ["retreat"]
        assert values(store, retreat, RDF.type) == [GB.OpenRelation.value]
        rows = list(store.query(f"SELECT ?l WHERE {{ <{supply}> rdfs:label ?l }}"))
        assert [(r["l"].value, r["l"].language) for r in rows] == [("supply", "en")]


def test_no_triple_is_in_two_graphs() -> None:
    with GraphStore() as store:
        store.write([seed, build("a2"), build("a3", obj=None, lemma="retreat")])
        graphs: dict[ox.Triple, set] = {}
        for quad in store:
            graphs.setdefault(quad.triple, set()).add(quad.graph_name)
        shared_graphs = {ENTITIES, ox.NamedNode(ONTOLOGY_GRAPH)}
        doubled = [t for t, g in graphs.items() if len(g) > 1 and g & shared_graphs]
        assert doubled == []


def test_the_ontology_graph_is_loaded_once() -> None:
    with GraphStore() as store:
        store.write([seed])
        graph = ox.NamedNode(ONTOLOGY_GRAPH)
        first = sorted(map(str, store.quads_for_pattern(None, None, None, graph)))
        store.write([build("a2")])
        store.write([seed])
        again = sorted(map(str, store.quads_for_pattern(None, None, None, graph)))
        assert first == again == sorted(map(str, ontology_graph_quads()))
        assert store.query("ASK { gb:Person rdfs:label ?l . rel:supply gb:trigger ?t }")


def test_each_base_has_its_own_shared_graph() -> None:
    base = "http://example.org/kg/"
    with GraphStore() as store:
        store.write([seed])
        store.write([seed_graph(base)], base=base)
        theirs = ox.NamedNode(entity_graph_iri(base))
        subjects = {q.subject.value for q in store.quads_for_pattern(None, None, None, theirs)}
        assert subjects and all(s.startswith((base, iris.RELATION)) for s in subjects)
        store.remove(seed.article.id, base=base)
        assert theirs not in set(store.named_graphs())
        assert shared(store)


def test_entity_records_without_relations_are_described() -> None:
    ag = dataclasses.replace(
        build("a1"),
        entities=(Entity("Oman", "Country", iris.entity_iri("Oman", "Country"), ("Muscat",)),),
    )
    with GraphStore() as store:
        store.write([ag])
        oman = iris.entity_iri("Oman", "Country")
        assert values(store, oman, RDFS.label) == ["Oman"]
        assert values(store, oman, SKOS.altLabel) == ["Muscat"]


def test_an_article_rewritten_without_entities_leaves_no_empty_graph() -> None:
    with GraphStore() as store:
        store.write([build("a1")])
        store.write([dataclasses.replace(build("a1"), relations=(), entities=())])
        assert ENTITIES not in set(store.named_graphs())
        assert {str(g) for g in store.named_graphs()} == {
            f"<{iris.article_iri('a1')}>",
            f"<{ONTOLOGY_GRAPH}>",
        }


def test_a_government_is_linked_to_the_state_it_acts_for() -> None:
    kremlin = iris.entity_iri("Government of Russia", "GovernmentBody")
    russia = iris.entity_iri("Russia", "Country")
    ag = build("a1")
    government = Entity("Government of Russia", "GovernmentBody", kremlin, ("the Kremlin",))
    ag = dataclasses.replace(
        ag, entities=(*ag.entities, dataclasses.replace(government, country="Russia"))
    )
    with GraphStore() as store:
        store.write([ag])
        assert values(store, kremlin, GB.governmentOf) == [russia]
        assert values(store, russia, RDFS.label) == ["Russia"]
        assert values(store, russia, RDF.type) == [GB.Country.value]
        store.remove("a1")
        assert values(store, kremlin, GB.governmentOf) == []

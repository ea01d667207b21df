"""The entity network read back from the store."""

from __future__ import annotations

import pytest
from samples import seed_graph, simple_graph

from graphbuild.graph import iris
from graphbuild.graph.network import entity_network
from graphbuild.graph.store import GraphStore

seed = seed_graph()
build = simple_graph

IRAN = iris.entity_iri("Iran", "Country")
RUSSIA = iris.entity_iri("Russia", "Country")
DRONE = iris.entity_iri("drone", None)


@pytest.fixture
def network():
    with GraphStore() as store:
        store.write([seed, build("a2", subject="Iran", recipient="Russia", title=None)])
        yield entity_network(store)


def test_nodes_carry_entity_attributes(network) -> None:
    assert network.nodes[IRAN] == {
        "label": "Iran",
        "type": "Country",
        "iri": IRAN,
        "wikidata": "http://www.wikidata.org/entity/Q794",
        "aliases": "Iran alias; Iranian; the Iranian government",
        "articles": 2,
    }
    assert network.nodes[DRONE]["type"] == "Concept"
    assert network.nodes[DRONE]["wikidata"] == ""
    assert network.nodes[DRONE]["articles"] == 1


def test_edges_carry_statement_attributes(network) -> None:
    edges = [
        (u, v, d)
        for u, v, d in network.edges(data=True)
        if d["label"] == "supply" and d["doc"] == seed.article.id and u == IRAN
    ]
    assert len(edges) == 1
    _, v, data = edges[0]
    assert v == DRONE
    assert data == {
        "label": "supply",
        "predicate": "https://w3id.org/graphbuild/relation/supply",
        "sentence": seed.relations[0].sentence,
        "doc": seed.article.id,
        "title": seed.article.title,
        "url": seed.article.url,
        "confidence": 0.81,
        "polarity": "positive",
        "modality": "asserted",
        "attribution": "Barbara Woodward",
        "role": "",
        "date": seed.article.date,
    }


def test_time_qualifiers_are_statement_values_not_nodes() -> None:
    """A resolved time argument gives its statement an event date; it is no node of the network,
    and an object-less statement points to its first argument that is a node."""
    from graphbuild.graph.store import GraphStore
    from graphbuild.records import Argument, Article, ArticleGraph, Part, Predicate, Relation

    text = "Iran sent drones in February. Talks resumed on Friday in Geneva."
    february = Argument(
        "February",
        (20, 28),
        role="time",
        prep="in",
        type="Date",
        value="2023-02",
        granularity="month",
    )
    friday = Argument(
        "Friday",
        (47, 53),
        role="time",
        prep="on",
        type="Date",
        value="2023-12-08",
        granularity="day",
    )
    sent = Relation(
        "a1",
        text[:29],
        (0, 29),
        Part("Iran", (0, 4), entity="Iran", type="Country"),
        Predicate("sent", "send", (5, 9)),
        Part("drones", (10, 16), head="drone"),
        arguments=(february,),
        confidence=0.8,
    )
    geneva = Argument("Geneva", (57, 63), role="location", prep="in", entity="Geneva", type="City")
    resumed = Relation(
        "a1",
        text[30:],
        (30, 64),
        Part("Talks", (30, 35), head="talk"),
        Predicate("resumed", "resume", (36, 43)),
        None,
        arguments=(friday, geneva),
        confidence=0.8,
    )
    article = Article(id="a1", text=text, date="2023-12-10")
    with GraphStore() as store:
        store.write([ArticleGraph(article, (sent, resumed), ())])
        net = entity_network(store)
    assert sorted(net.nodes[n]["label"] for n in net) == ["Geneva", "Iran", "drone", "talk"]
    edges = sorted((d["label"], d["role"], d["date"]) for *_, d in net.edges(data=True))
    assert edges == [("resume", "location", "2023-12-08"), ("supply", "", "2023-02")]


@pytest.mark.parametrize(
    ("subject", "label", "target", "polarity", "modality", "role"),
    [
        ("Russia", "use", DRONE, "negative", "asserted", ""),
        (
            "Russia",
            "supply",
            iris.entity_iri("military component", None),
            "positive",
            "intended",
            "",
        ),
        ("support", "grow", iris.entity_iri("month", None), "positive", "expected", "time"),
    ],
)
def test_denials_intents_and_objectless_statements_are_edges(
    network, subject, label, target, polarity, modality, role
) -> None:
    found = [
        d
        for u, v, d in network.edges(data=True)
        if network.nodes[u]["label"] == subject and d["label"] == label and v == target
    ]
    assert [(d["polarity"], d["modality"], d["role"]) for d in found] == [
        (polarity, modality, role)
    ]


def test_edge_keys_are_statement_iris(network) -> None:
    for _, _, key in network.edges(keys=True):
        assert key.startswith("https://w3id.org/graphbuild/id/statement/")
    assert network.number_of_edges() == 6


def test_min_confidence_filters_edges() -> None:
    with GraphStore() as store:
        store.write([seed])
        assert entity_network(store, 0.7).number_of_edges() == 2
        assert entity_network(store, 0.0).number_of_edges() == 5
        assert entity_network(store, 0.99).number_of_edges() == 0


def test_missing_title_and_url_are_empty_strings(network) -> None:
    data = [d for *_, d in network.edges(data=True) if d["doc"] == "a2"]
    assert [(d["title"], d["url"]) for d in data] == [("", "")]


def test_empty_store_gives_empty_network() -> None:
    with GraphStore() as store:
        net = entity_network(store)
    assert (net.number_of_nodes(), net.number_of_edges()) == (0, 0)


def test_network_is_deterministic() -> None:
    def snapshot():
        with GraphStore() as store:
            store.write([build("a2"), seed])
            net = entity_network(store)
        return list(net.nodes(data=True)), list(net.edges(keys=True, data=True))

    assert snapshot() == snapshot()


def test_shared_columns_give_what_each_reader_reads_alone() -> None:
    from graphbuild.graph.network import Columns, page_facts

    graphs = [seed_graph(), simple_graph("a2", "France sold rifles to Chile.", "France", "sell")]
    with GraphStore() as store:
        store.write(graphs)
        alone = entity_network(store), page_facts(store)
        columns = Columns(store)
        facts = page_facts(store, columns)  # the other reader first: it fills the columns
        network = entity_network(store, columns=columns)
    assert facts == alone[1] and len(facts.statements) > 3
    assert list(network.nodes(data=True)) == list(alone[0].nodes(data=True))
    assert list(network.edges(keys=True, data=True)) == list(alone[0].edges(keys=True, data=True))

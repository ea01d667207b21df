"""Entity-network exports: GraphML and GEXF re-read by networkx, Neo4j CSV re-read by csv."""

from __future__ import annotations

import csv
import io
import re
import tempfile
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphbuild.errors import ExportError
from graphbuild.export import export
from graphbuild.export.neo4j import NODE_HEADER, RELATIONSHIP_HEADER, write_neo4j
from graphbuild.export.network import portable, write_gexf, write_graphml, xml_text
from graphbuild.graph.iris import entity_iri, relation_iri, statement_iri

SCALARS = (str, int, float, bool)
IRAN = entity_iri("Iran", "Country")
KIRBY = entity_iri("John Kirby", "Person")
ODD = entity_iri('The "Quoted" <Angle> & Co; Ltd', "Organization")


def read_graphml(path: Path) -> nx.MultiDiGraph:
    return nx.read_graphml(path, force_multigraph=True)


def read_gexf(path: Path) -> nx.MultiDiGraph:
    """The GEXF file as a MultiDiGraph keyed by the edge ids (the statement IRIs)."""
    read = nx.read_gexf(path)
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(read.nodes(data=True))
    for u, v, data in read.edges(data=True):
        data = dict(data)
        graph.add_edge(u, v, key=data.pop("id"), **data)
    return graph


GRAPH_FORMATS = [
    ("graphml", write_graphml, read_graphml),
    ("gexf", write_gexf, read_gexf),
]


def write_file(writer, graph: nx.MultiDiGraph, path: Path) -> Path:
    with path.open("wb") as handle:
        writer(graph, handle)
    return path


def assert_same_network(read: nx.MultiDiGraph, graph: nx.MultiDiGraph) -> None:
    expected = portable(graph)
    assert read.number_of_nodes() == graph.number_of_nodes()
    assert read.number_of_edges() == graph.number_of_edges()
    assert dict(read.nodes(data=True)) == dict(expected.nodes(data=True))
    assert {(u, v, k): d for u, v, k, d in read.edges(keys=True, data=True)} == {
        (u, v, k): d for u, v, k, d in expected.edges(keys=True, data=True)
    }


@pytest.mark.parametrize("fmt, writer, reader", GRAPH_FORMATS)
def test_networkx_reads_back_nodes_edges_and_attributes(network, tmp_path, fmt, writer, reader):
    read = reader(write_file(writer, network, tmp_path / f"graph.{fmt}"))
    assert_same_network(read, network)
    # the hand-built network needs no cleaning: what was written is what was given
    assert dict(read.nodes(data=True)) == dict(network.nodes(data=True))
    edge_keys = set(network.edges(keys=True))
    assert set(read.edges(keys=True)) == edge_keys


@pytest.mark.parametrize("fmt, writer, reader", GRAPH_FORMATS)
def test_every_node_and_edge_has_a_label(tmp_path, fmt, writer, reader):
    graph = nx.MultiDiGraph()
    graph.add_node("urn:a")
    graph.add_edge("urn:a", "urn:b", key="urn:s", predicate="urn:p", wikidata=None)
    read = reader(write_file(writer, graph, tmp_path / f"graph.{fmt}"))
    assert dict(read.nodes(data="label")) == {"urn:a": "urn:a", "urn:b": "urn:b"}
    assert list(read.edges(keys=True, data=True)) == [
        ("urn:a", "urn:b", "urn:s", {"predicate": "urn:p", "label": "urn:p"})
    ]


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, None),
        ("text", "text"),
        (3, 3),
        (0.5, 0.5),
        (True, True),
        (["a", "b"], "a; b"),
        ({"b", "a"}, "a; b"),
        (("x",), "x"),
        (Path("p"), "p"),
        ("bell\x07", "bell\ufffd"),
    ],
)
def test_portable_attributes_are_plain_scalars(value, expected):
    graph = nx.MultiDiGraph()
    graph.add_node("n", value=value)
    graph.add_edge("n", "n", key="k", value=value)
    clean = portable(graph)
    for data in (clean.nodes["n"], clean.edges["n", "n", "k"]):
        assert data.get("value") == expected
        assert all(isinstance(item, SCALARS) for item in data.values())


def test_portable_gives_one_type_per_attribute():
    graph = nx.MultiDiGraph()
    graph.add_node("a", weight=1, mixed="x")
    graph.add_node("b", weight=0.5, mixed=2)
    clean = portable(graph)
    assert [clean.nodes[n]["weight"] for n in "ab"] == [1.0, 0.5]
    assert [clean.nodes[n]["mixed"] for n in "ab"] == ["x", "2"]


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "neo4j"])
def test_same_network_gives_the_same_bytes(make_network, tmp_path, fmt):
    forward = make_network()
    backward = nx.MultiDiGraph()
    backward.add_nodes_from(reversed(list(forward.nodes(data=True))))
    backward.add_edges_from(reversed(list(forward.edges(keys=True, data=True))))
    outputs = []
    for index, graph in enumerate([forward, forward, backward]):
        target = tmp_path / str(index)
        if fmt == "neo4j":
            write_neo4j(graph, target)
            outputs.append({p.name: p.read_bytes() for p in sorted(target.iterdir())})
        else:
            writer = write_graphml if fmt == "graphml" else write_gexf
            target.mkdir()
            outputs.append(write_file(writer, graph, target / f"graph.{fmt}").read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]


# -- Neo4j -----------------------------------------------------------------------------------


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def test_neo4j_headers_are_what_neo4j_admin_expects(network, tmp_path):
    folder = write_neo4j(network, tmp_path / "neo4j")
    node_header, nodes = read_csv(folder / "nodes.csv")
    rel_header, rels = read_csv(folder / "relationships.csv")
    assert node_header == ["id:ID", "label", "type", "wikidata", "aliases:string[]", ":LABEL"]
    assert node_header == list(NODE_HEADER)
    assert rel_header[:11] == [
        ":START_ID",
        ":END_ID",
        ":TYPE",
        "relation",
        "predicate",
        "sentence",
        "doc",
        "confidence:float",
        "polarity",
        "modality",
        "attribution",
    ]
    assert rel_header == list(RELATIONSHIP_HEADER)
    assert len(nodes) == network.number_of_nodes()
    assert len(rels) == network.number_of_edges()
    assert sorted(p.name for p in folder.iterdir()) == [
        "README.md",
        "import.cypher",
        "nodes.csv",
        "relationships.csv",
    ]


def test_neo4j_relationships_reference_existing_nodes(network, tmp_path):
    folder = write_neo4j(network, tmp_path)
    ids = {row["id:ID"] for row in read_csv(folder / "nodes.csv")[1]}
    assert len(ids) == network.number_of_nodes()
    for row in read_csv(folder / "relationships.csv")[1]:
        assert row[":START_ID"] in ids and row[":END_ID"] in ids
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*", row[":TYPE"])
        assert 0.0 <= float(row["confidence:float"]) <= 1.0


def test_neo4j_hostile_text_survives(network, tmp_path):
    folder = write_neo4j(network, tmp_path)
    nodes = {row["id:ID"]: row for row in read_csv(folder / "nodes.csv")[1]}
    rels = {row["statement"]: row for row in read_csv(folder / "relationships.csv")[1]}
    assert nodes[ODD]["label"] == 'The "Quoted" <Angle> & Co; Ltd'
    # one alias held "Q;L": the array separator inside it becomes a comma
    assert nodes[ODD]["aliases:string[]"].split(";") == ["Q,L", "a,b", "line\nbreak"]
    assert nodes[ODD][":LABEL"] == "Entity;Organization"
    assert nodes[IRAN]["wikidata"] == "http://www.wikidata.org/entity/Q794"
    for u, v, key, data in network.edges(keys=True, data=True):
        row = rels[key]
        assert (row[":START_ID"], row[":END_ID"]) == (u, v)
        for column in ("sentence", "doc", "polarity", "modality", "attribution", "predicate"):
            assert row[column] == data[column]
        assert row["relation"] == data["label"]
        assert float(row["confidence:float"]) == data["confidence"]
    assert {row[":TYPE"] for row in rels.values()} == {"SUPPLY", "CALL_FOR"}
    assert any("\n" in row["sentence"] for row in rels.values())
    assert any(row["attribution"] == KIRBY for row in rels.values())


def test_neo4j_cypher_loads_every_type_with_merge(network, tmp_path):
    script = (write_neo4j(network, tmp_path) / "import.cypher").read_text(encoding="utf-8")
    assert script.count("LOAD CSV WITH HEADERS FROM 'file:///relationships.csv'") == 2
    assert "MERGE (a)-[r:`SUPPLY` {statement: row.statement}]->(b)" in script
    assert "MERGE (a)-[r:`CALL_FOR` {statement: row.statement}]->(b)" in script
    assert "MERGE (n:Entity {id: row.`id:ID`})" in script
    for label in ("City", "Country", "Organization", "Person"):
        assert f"SET n:`{label}`;" in script
    statements = [part.strip() for part in script.split(";\n") if part.strip()]
    assert len(statements) == 1 + 1 + 4 + 2  # constraint, nodes, labels, relationship types
    assert all(s.startswith(("CREATE", "LOAD", "//")) for s in statements)


def test_neo4j_export_needs_a_folder_path(store):
    with pytest.raises(ExportError, match="needs a path"):
        export(store, "neo4j", io.BytesIO())


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_writes_the_entity_network_of_the_store(seed_store, tmp_path, fmt):
    from graphbuild.graph.network import entity_network

    network = entity_network(seed_store)
    assert network.number_of_edges() > 0
    path = export(seed_store, fmt, tmp_path / f"graph.{fmt}")
    reader = read_graphml if fmt == "graphml" else read_gexf
    assert_same_network(reader(path), network)


def test_export_writes_the_neo4j_folder_of_the_store(seed_store, tmp_path):
    from graphbuild.graph.network import entity_network

    network = entity_network(seed_store)
    folder = export(seed_store, "neo4j", tmp_path / "neo4j")
    assert folder == tmp_path / "neo4j"
    assert len(read_csv(folder / "nodes.csv")[1]) == network.number_of_nodes()
    assert len(read_csv(folder / "relationships.csv")[1]) == network.number_of_edges()


# -- anything in, valid files out ----------------------------------------------------------

TEXT = st.one_of(st.text(max_size=30), st.text(min_size=200, max_size=1500))


@st.composite
def hostile_networks(draw: st.DrawFn) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    names = draw(st.lists(st.text(max_size=100), min_size=2, max_size=4, unique=True))
    iris = [entity_iri(name, draw(st.sampled_from(["Person", None, "Odd type"]))) for name in names]
    for iri, name in zip(iris, names, strict=True):
        aliases = draw(st.lists(st.text(max_size=20), max_size=3))
        graph.add_node(
            iri,
            label=name,
            type=draw(st.sampled_from(["Person", "", "Org;Unit", "Ünïcode"])),
            iri=iri,
            wikidata="",
            aliases="; ".join(aliases),
            articles=draw(st.integers(0, 5)),
        )
    for index in range(draw(st.integers(1, 4))):
        relation = draw(st.text(max_size=20))
        graph.add_edge(
            iris[index % len(iris)],
            iris[(index + 1) % len(iris)],
            key=statement_iri("doc", str(index)),
            label=relation,
            predicate=relation_iri(relation),
            sentence=draw(TEXT),
            doc="doc",
            title=draw(TEXT),
            url="https://example.org/doc",
            confidence=draw(st.floats(0, 1)),
            polarity="positive",
            modality="asserted",
            attribution=draw(st.sampled_from(["", iris[0]])),
            role="",
        )
    return graph


def _neo4j_text(text: str) -> str:
    return re.sub("[\x00\ufffe\uffff]", "\ufffd", text)


@settings(max_examples=30, deadline=None)
@given(graph=hostile_networks())
def test_any_text_exports_to_files_that_read_back(graph):
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, writer, reader in GRAPH_FORMATS:
            read = reader(write_file(writer, graph, Path(tmp) / f"graph.{fmt}"))
            assert_same_network(read, graph)
        folder = write_neo4j(graph, Path(tmp) / "neo4j")
        nodes = read_csv(folder / "nodes.csv")[1]
        rels = {row["statement"]: row for row in read_csv(folder / "relationships.csv")[1]}
    assert {row["id:ID"] for row in nodes} == set(graph.nodes)
    for row in nodes:
        assert row["label"] == _neo4j_text(graph.nodes[row["id:ID"]]["label"])
        assert all(
            alias and alias == alias.strip() for alias in row["aliases:string[]"].split(";")
        ) or (row["aliases:string[]"] == "")
    for u, v, key, data in graph.edges(keys=True, data=True):
        assert (rels[key][":START_ID"], rels[key][":END_ID"]) == (u, v)
        assert rels[key]["sentence"] == _neo4j_text(data["sentence"])
        assert float(rels[key]["confidence:float"]) == data["confidence"]
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*", rels[key][":TYPE"])


def test_xml_text_keeps_what_xml_can_hold():
    text = "tab\t, newline\n, return\r, Київ, 🛰️, <&>"
    assert xml_text(text) == text

"""The page of a real graph: the seed article's statements, written to a store and read back."""

from __future__ import annotations

from collections import Counter

from networks import embedded_data
from samples import seed_graph

from graphbuild.graph.network import entity_network
from graphbuild.graph.store import GraphStore
from graphbuild.render import write_pages


def test_seed_graph_page_shows_every_statement(tmp_path):
    with GraphStore() as store:
        store.write([seed_graph()])
        network = entity_network(store)
    path = write_pages(network, tmp_path)[0]
    data = embedded_data(path.read_text(encoding="utf-8"))
    assert {n["id"] for n in data["nodes"]} == set(network.nodes)
    assert Counter((e["from"], e["to"], e["statement"]) for e in data["edges"]) == Counter(
        (u, v, k) for u, v, k in network.edges(keys=True)
    )
    nodes = {n["id"]: n for n in data["nodes"]}
    found = {
        (nodes[e["from"]]["label"], e["label"], nodes[e["to"]]["label"]): e for e in data["edges"]
    }
    supply = found[("Iran", "supply", "drone")]
    assert supply["dashes"] is False and supply["attribution"] == "Barbara Woodward"
    assert "drones to Russia" in supply["sentence"]
    assert found[("Russia", "use", "drone")]["dashes"] == [2, 5]  # denied
    assert {t["type"] for t in data["types"]} >= {"Country", "Person"}

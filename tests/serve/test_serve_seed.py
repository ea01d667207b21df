"""The endpoint over a store written by the graph stage: analysts' questions answered."""

from __future__ import annotations

import threading

import pytest
from samples import seed_graph
from SPARQLWrapper import JSON, SPARQLWrapper

from graphbuild.graph.store import GraphStore
from graphbuild.serve import make_server

PREFIXES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rel: <https://w3id.org/graphbuild/relation/>
"""


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed-out")
    with GraphStore(out / "store") as store:
        store.write([seed_graph()])
    server = make_server(out, "127.0.0.1", 0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.url + "sparql"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def select(endpoint: str, query: str) -> list[dict[str, str]]:
    client = SPARQLWrapper(endpoint)
    client.setQuery(PREFIXES + query)
    client.setReturnFormat(JSON)
    bindings = client.query().convert()["results"]["bindings"]
    return [{name: cell["value"] for name, cell in row.items()} for row in bindings]


def test_who_supplies_what_skips_intents_and_denials(endpoint):
    rows = select(
        endpoint,
        "SELECT ?who ?what WHERE { ?s rel:supply ?o . ?s rdfs:label ?who . ?o rdfs:label ?what }",
    )
    assert rows == [{"who": "Iran", "what": "drone"}]


def test_every_article_is_a_named_graph(endpoint):
    rows = select(endpoint, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    assert any(row["g"].endswith("000_a95de5eb2c9af007") for row in rows)

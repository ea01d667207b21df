"""The cases of the W3C SPARQL 1.1 Protocol test suite (protocol/manifest.ttl), by name, sent
byte for byte over real HTTP to a server on the seed article's store.

The suite's three data graphs are the seed store's three graphs: ``data1`` is the article graph
(it describes the article, whose IRI is the graph's), ``data2`` the shared entity graph and
``data3`` the ontology graph. The endpoint is read-only, so the suite's update cases must be
refused (403) and leave the store as it was; every other case is answered as the suite says.
"""

from __future__ import annotations

import json
import urllib.parse
import xml.etree.ElementTree as ET
from http.client import HTTPMessage

import pyoxigraph as ox
import pytest
from servers import Running, raw_request, seed_out

from graphbuild.serve.protocol import GRAPH_TYPES, SOLUTION_TYPES

DATA1 = "https://w3id.org/graphbuild/id/article/000_a95de5eb2c9af007"
DATA2 = "https://w3id.org/graphbuild/id/graph/entities"
DATA3 = "https://w3id.org/graphbuild/ontology"
COUNTRY = "https://w3id.org/graphbuild/ontology#Country"
FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
# The suite's form cases spell the form type "x-www-url-form-urlencoded"; that is no media type
# at all, so the cases below send the registered one.
CLEAR = "CLEAR ALL"
INSERT = f"INSERT DATA {{ GRAPH <{DATA1}> {{ <{DATA1}> a <http://xmlns.com/foaf/0.1/Document> }} }}"

# Both data graphs are needed for these to be true: the article is described in data1 only,
# countries in data2 only.
BOTH = f"ASK {{ <{DATA1}> ?p ?o . ?c a <{COUNTRY}> }}"
BOTH_NAMED = f"ASK {{ GRAPH ?g1 {{ <{DATA1}> ?p ?o }} GRAPH ?g2 {{ ?c a <{COUNTRY}> }} }}"
FULL = "SELECT DISTINCT ?g WHERE { ?x ?y ?o GRAPH ?g { ?s ?p ?o } }"


def params(**values: str | list[str]) -> str:
    return urllib.parse.urlencode(
        {name.replace("_", "-"): value for name, value in values.items()}, doseq=True
    )


def form(**values: str | list[str]) -> bytes:
    return params(**values).encode("ascii")


JSON_RESULTS = {"Accept": "application/sparql-results+json"}

# name: (method, URL query string, request headers, body, expected status)
CASES: dict[str, tuple[str, str, dict[str, str], bytes, int]] = {
    # -- queries, each way of sending one -----------------------------------------------------
    "query_get": ("GET", params(query="ASK {}"), JSON_RESULTS, b"", 200),
    "query_post_form": (
        "POST",
        "",
        {"Content-Type": FORM, **JSON_RESULTS},
        form(query="ASK {}"),
        200,
    ),
    "query_post_direct": ("POST", "", {"Content-Type": DIRECT, **JSON_RESULTS}, b"ASK {}", 200),
    # -- the dataset given by the protocol ------------------------------------------------------
    "query_dataset_default_graphs_get": (
        "GET",
        params(query=BOTH, default_graph_uri=[DATA1, DATA2]),
        JSON_RESULTS,
        b"",
        200,
    ),
    "query_dataset_default_graphs_post": (
        "POST",
        "",
        {"Content-Type": FORM, **JSON_RESULTS},
        form(query=BOTH, default_graph_uri=[DATA1, DATA2]),
        200,
    ),
    "query_dataset_named_graphs_post": (
        "POST",
        "",
        {"Content-Type": FORM, **JSON_RESULTS},
        form(query=BOTH_NAMED, named_graph_uri=[DATA1, DATA2]),
        200,
    ),
    "query_dataset_named_graphs_get": (
        "GET",
        params(query=BOTH_NAMED, named_graph_uri=[DATA1, DATA2]),
        JSON_RESULTS,
        b"",
        200,
    ),
    "query_dataset_full": (
        "POST",
        params(default_graph_uri=DATA3, named_graph_uri=[DATA1, DATA2]),
        {"Content-Type": DIRECT, **JSON_RESULTS},
        FULL.encode(),
        200,
    ),
    "query_multiple_dataset": (
        "POST",
        params(default_graph_uri=DATA2),
        {"Content-Type": DIRECT, **JSON_RESULTS},
        f"ASK FROM <{DATA1}> {{ <{DATA1}> ?p ?o }}".encode(),
        200,
    ),
    # -- the media type of each result form ---------------------------------------------------
    "query_content_type_select": (
        "POST",
        "",
        {"Content-Type": DIRECT},
        b"SELECT (1 AS ?value) {}",
        200,
    ),
    "query_content_type_ask": ("POST", "", {"Content-Type": DIRECT}, b"ASK {}", 200),
    "query_content_type_describe": (
        "POST",
        "",
        {"Content-Type": DIRECT},
        b"DESCRIBE <http://example.org/>",
        200,
    ),
    "query_content_type_construct": (
        "POST",
        "",
        {"Content-Type": DIRECT},
        b"CONSTRUCT { <s> <p> 1 } WHERE {}",
        200,
    ),
    # -- updates: the endpoint is read-only -----------------------------------------------------
    "update_dataset_default_graph": (
        "POST",
        params(using_graph_uri=DATA1),
        {"Content-Type": UPDATE},
        f"{CLEAR} ; {INSERT}".encode(),
        403,
    ),
    "update_dataset_default_graphs": (
        "POST",
        params(using_graph_uri=[DATA1, DATA2]),
        {"Content-Type": UPDATE},
        f"{CLEAR} ; {INSERT}".encode(),
        403,
    ),
    "update_dataset_named_graphs": (
        "POST",
        params(using_named_graph_uri=[DATA1, DATA2]),
        {"Content-Type": UPDATE},
        f"{CLEAR} ; {INSERT}".encode(),
        403,
    ),
    "update_dataset_full": (
        "POST",
        params(using_graph_uri=DATA3, using_named_graph_uri=[DATA1, DATA2]),
        {"Content-Type": UPDATE},
        f"{CLEAR} ; {INSERT}".encode(),
        403,
    ),
    "update_post_form": ("POST", "", {"Content-Type": FORM}, form(update=CLEAR), 403),
    "update_post_direct": ("POST", "", {"Content-Type": UPDATE}, CLEAR.encode(), 403),
    "update_base_uri": (
        "POST",
        "",
        {"Content-Type": UPDATE},
        f"INSERT DATA {{ GRAPH <{DATA1}> {{ <http://example.org/s> <http://example.org/p> "
        "<test> } }".encode(),
        403,
    ),
    # -- requests the protocol does not allow ---------------------------------------------------
    "bad_query_method": ("PUT", params(query="ASK {}"), {}, b"", 405),
    "bad_multiple_queries": ("GET", params(query=["ASK {}", "SELECT * {}"]), {}, b"", 400),
    "bad_query_wrong_media_type": ("POST", "", {"Content-Type": "text/plain"}, b"ASK {}", 415),
    "bad_query_missing_form_type": ("POST", "", {}, form(query="ASK {}"), 415),
    "bad_query_missing_direct_type": ("POST", "", {}, b"ASK {}", 415),
    "bad_query_non_utf8": (
        "POST",
        "",
        {"Content-Type": f"{DIRECT}; charset=UTF-16"},
        "ASK {}".encode("utf-16"),
        415,
    ),
    "bad_query_syntax": ("GET", params(query="ASK {"), {}, b"", 400),
    "bad_update_get": ("GET", params(update=CLEAR), {}, b"", 403),
    "bad_multiple_updates": (
        "POST",
        "",
        {"Content-Type": FORM},
        form(update=["CLEAR NAMED", "CLEAR DEFAULT"]),
        403,
    ),
    "bad_update_wrong_media_type": (
        "POST",
        "",
        {"Content-Type": "text/plain"},
        b"CLEAR NAMED",
        415,
    ),
    "bad_update_missing_form_type": ("POST", "", {}, form(update="CLEAR NAMED"), 415),
    "bad_update_non_utf8": (
        "POST",
        "",
        {"Content-Type": f"{UPDATE}; charset=UTF-16"},
        "CLEAR NAMED".encode("utf-16"),
        403,
    ),
    "bad_update_syntax": ("POST", "", {"Content-Type": FORM}, form(update="CLEAR XYZ"), 403),
    "bad_update_dataset_conflict": (
        "POST",
        "",
        {"Content-Type": FORM},
        form(
            using_named_graph_uri="http://example/people",
            update="WITH <http://example/addresses> DELETE { ?p ?q 'Bill' } "
            "INSERT { ?p ?q 'William' } WHERE { ?p ?q 'Bill' }",
        ),
        403,
    ),
}

# What the suite expects of each successful query, from the data of the three graphs.
ANSWERS = {
    "query_get": True,
    "query_post_form": True,
    "query_post_direct": True,
    "query_dataset_default_graphs_get": True,
    "query_dataset_default_graphs_post": True,
    "query_dataset_named_graphs_post": True,
    "query_dataset_named_graphs_get": True,
    # The protocol's dataset (data2 alone) wins over the query's FROM (data1).
    "query_multiple_dataset": False,
    "query_content_type_ask": True,
}


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return seed_out(tmp_path_factory.mktemp("protocol"))


@pytest.fixture(scope="module")
def server(out):
    running = Running(out, quiet=True, workers=2)
    yield running
    running.stop()


def send(server: Running, case: str) -> tuple[int, HTTPMessage, bytes]:
    method, query, headers, body, _ = CASES[case]
    target = "/sparql" + (f"?{query}" if query else "")
    return raw_request(server, method, target, headers, body)


def quad_count(server: Running) -> int:
    status, _, body = raw_request(
        server,
        "GET",
        "/sparql?" + params(query="SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"),
        JSON_RESULTS,
    )
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def media(headers: HTTPMessage) -> str:
    return headers["Content-Type"].split(";")[0].strip()


SUITE = (
    "query_post_form",
    "query_dataset_default_graphs_get",
    "query_dataset_default_graphs_post",
    "query_dataset_named_graphs_post",
    "query_dataset_named_graphs_get",
    "query_dataset_full",
    "query_multiple_dataset",
    "query_get",
    "query_post_direct",
    "query_content_type_select",
    "query_content_type_ask",
    "query_content_type_describe",
    "query_content_type_construct",
    "update_dataset_default_graph",
    "update_dataset_default_graphs",
    "update_dataset_named_graphs",
    "update_dataset_full",
    "update_post_form",
    "update_post_direct",
    "update_base_uri",
    "bad_query_method",
    "bad_multiple_queries",
    "bad_query_wrong_media_type",
    "bad_query_missing_form_type",
    "bad_query_missing_direct_type",
    "bad_query_non_utf8",
    "bad_query_syntax",
    "bad_update_get",
    "bad_multiple_updates",
    "bad_update_wrong_media_type",
    "bad_update_missing_form_type",
    "bad_update_non_utf8",
    "bad_update_syntax",
    "bad_update_dataset_conflict",
)
"""The 34 entries of the suite's manifest."""


def test_the_table_has_every_case_of_the_suite():
    assert sorted(CASES) == sorted(SUITE) and len(SUITE) == 34
    assert set(ANSWERS) <= set(CASES)


@pytest.mark.parametrize("case", [name for name in CASES if CASES[name][4] == 200])
def test_a_query_case_is_answered_as_the_suite_says(server, out, case):
    status, headers, body = send(server, case)
    assert status == 200, body
    if case in ANSWERS:
        assert media(headers) in ("application/sparql-results+json", *SOLUTION_TYPES)
        if media(headers) == "application/sparql-results+json":
            assert json.loads(body)["boolean"] is ANSWERS[case]
        else:
            found = ET.fromstring(body).find("{http://www.w3.org/2005/sparql-results#}boolean")
            assert found is not None and found.text == str(ANSWERS[case]).lower()
    elif case == "query_content_type_select":
        assert media(headers) in SOLUTION_TYPES
        assert b"value" in body and b"1" in body
    elif case == "query_dataset_full":
        found = sorted(row["g"]["value"] for row in json.loads(body)["results"]["bindings"])
        oracle = ox.Store.read_only(str(out / "store"))
        expected = sorted(
            row["g"].value
            for row in oracle.query(
                FULL,
                default_graph=[ox.NamedNode(DATA3)],
                named_graphs=[ox.NamedNode(DATA1), ox.NamedNode(DATA2)],
            )
        )
        assert found == expected and set(found) <= {DATA1, DATA2}
    else:  # DESCRIBE and CONSTRUCT: an RDF media type; relative IRIs against the endpoint
        assert media(headers) in GRAPH_TYPES
        if case == "query_content_type_construct":
            fmt = ox.RdfFormat.from_media_type(media(headers))
            [triple] = list(ox.parse(body, format=fmt))
            assert triple.subject == ox.NamedNode(server.endpoint.removesuffix("sparql") + "s")


@pytest.mark.parametrize("case", [name for name in CASES if CASES[name][4] == 403])
def test_an_update_case_is_refused_and_changes_nothing(server, case):
    before = quad_count(server)
    status, _, body = send(server, case)
    assert status == 403, body
    assert "read-only" in body.decode("utf-8")
    assert quad_count(server) == before > 0


@pytest.mark.parametrize("case", [name for name in CASES if CASES[name][4] in (400, 405, 415)])
def test_a_request_the_protocol_forbids_gets_its_error(server, case):
    status, headers, body = send(server, case)
    assert status == CASES[case][4], body
    assert body.strip(), "an error says what was wrong"
    if status == 405:
        assert "GET" in headers["Allow"] and "POST" in headers["Allow"]


def test_a_post_with_the_query_in_the_url_and_no_body_is_answered(server):
    status, _, body = raw_request(server, "POST", "/sparql?" + params(query="ASK {}"), JSON_RESULTS)
    assert status == 200, body
    assert json.loads(body)["boolean"] is True

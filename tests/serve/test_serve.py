"""The SPARQL endpoint and page server, over a real store, queried by real clients."""

from __future__ import annotations

import http.client
import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from servers import Running, raw_request, request
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TURTLE, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from graphbuild.errors import GraphbuildError, StoreError
from graphbuild.serve import ServeError, make_server

ID = "https://w3id.org/graphbuild/id/"
REL = "https://w3id.org/graphbuild/relation/"
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
A1 = ox.NamedNode(ID + "article/000_a95de5eb2c9af007")
A2 = ox.NamedNode(ID + "article/001_b")
SHARED = ox.NamedNode(ID + "graph/entities")
IRAN, RUSSIA, DRONE, KIRBY = (
    ox.NamedNode(ID + path)
    for path in ("country/Iran", "country/Russia", "concept/drone", "person/John_Kirby")
)
SUPPLY, MEET = ox.NamedNode(REL + "supply"), ox.NamedNode(REL + "meet")
PAGE = "<!DOCTYPE html><title>graph</title><p>the graph page</p>"
SECRET = "top secret, outside the served folder"


def fill(store: ox.Store) -> None:
    """Six quads: labels in a shared graph, one statement in each of two article graphs."""
    for node, label in ((IRAN, "Iran"), (RUSSIA, "Russia"), (DRONE, "drone"), (KIRBY, "Кирби")):
        store.add(ox.Quad(node, RDFS_LABEL, ox.Literal(label), SHARED))
    store.add(ox.Quad(IRAN, SUPPLY, DRONE, A1))
    store.add(ox.Quad(KIRBY, MEET, RUSSIA, A2))


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("serve")
    (root / "secret.txt").write_text(SECRET, encoding="utf-8")
    out = root / "graph-out"
    out.mkdir()
    store = ox.Store(str(out / "store"))
    fill(store)
    store.flush()
    del store
    (out / "index.html").write_text(PAGE, encoding="utf-8")
    (out / "graph.ttl").write_text(f"<{IRAN.value}> <{SUPPLY.value}> <{DRONE.value}> .\n")
    (out / "build.json").write_text('{"quads": 6}\n')
    (out / "outside").symlink_to(root / "secret.txt")
    return out


@pytest.fixture(scope="module")
def server(out):
    running = Running(out, quiet=True)
    yield running
    running.stop()


def sparql_url(server, query: str, **params) -> str:
    return server.url + "sparql?" + urllib.parse.urlencode({"query": query, **params}, doseq=True)


def wrapper(server, query: str, fmt=JSON) -> SPARQLWrapper:
    client = SPARQLWrapper(server.url + "sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client


# -- SPARQL over the protocol -------------------------------------------------------------

LABELS = (
    "SELECT ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label"
)


def test_select_json_over_the_union_of_named_graphs(server):
    result = wrapper(server, LABELS).query().convert()
    assert result["head"]["vars"] == ["label"]
    assert [b["label"]["value"] for b in result["results"]["bindings"]] == [
        "Iran",
        "Russia",
        "drone",
        "Кирби",
    ]


def test_select_joins_across_graphs(server):
    query = f"SELECT ?who WHERE {{ ?s <{SUPPLY.value}> ?o . ?s <{RDFS_LABEL.value}> ?who }}"
    bindings = wrapper(server, query).query().convert()["results"]["bindings"]
    assert [b["who"]["value"] for b in bindings] == ["Iran"]


def test_the_project_prefixes_need_no_declaration(server):
    query = "SELECT ?who WHERE { ?s rel:supply ?o ; rdfs:label ?who }"
    bindings = wrapper(server, query).query().convert()["results"]["bindings"]
    assert [b["who"]["value"] for b in bindings] == ["Iran"]


@pytest.mark.parametrize(
    "query, expected",
    [
        (f"ASK {{ <{IRAN.value}> <{SUPPLY.value}> <{DRONE.value}> }}", True),
        (f"ASK {{ <{RUSSIA.value}> <{SUPPLY.value}> ?x }}", False),
        (f"ASK {{ GRAPH <{A2.value}> {{ ?s <{MEET.value}> ?o }} }}", True),
    ],
)
def test_ask(server, query, expected):
    assert wrapper(server, query).query().convert()["boolean"] is expected


def test_construct_turtle(server):
    query = f"CONSTRUCT {{ ?s <{SUPPLY.value}> ?o }} WHERE {{ ?s <{SUPPLY.value}> ?o }}"
    response = wrapper(server, query, TURTLE).query()
    assert response.response.headers["Content-Type"].startswith("text/turtle")
    quads = ox.parse(response.convert(), format=ox.RdfFormat.TURTLE)
    assert [(q.subject, q.predicate, q.object) for q in quads] == [(IRAN, SUPPLY, DRONE)]


@pytest.mark.parametrize("method", [URLENCODED, POSTDIRECTLY])
def test_post_form_and_direct(server, method):
    client = wrapper(server, LABELS)
    client.setMethod(POST)
    client.setRequestMethod(method)
    bindings = client.query().convert()["results"]["bindings"]
    assert len(bindings) == 4


def test_csv_through_sparqlwrapper(server):
    body = wrapper(server, LABELS, CSV).query().convert()
    assert body.decode("utf-8").splitlines() == ["label", "Iran", "Russia", "drone", "Кирби"]


@pytest.mark.parametrize(
    "accept, content_type, first_line",
    [
        ("text/csv", "text/csv; charset=utf-8", "label"),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8", "?label"),
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml; charset=utf-8",
            '<?xml version="1.0"?>',
        ),
        ("text/html,application/xhtml+xml,*/*;q=0.8", "application/sparql-results+json", "{"),
        ("", "application/sparql-results+json", "{"),
    ],
)
def test_select_formats_by_accept(server, accept, content_type, first_line):
    headers = {"Accept": accept} if accept else {}
    status, got, body = request(sparql_url(server, LABELS), headers=headers)
    assert status == 200
    assert got["Content-Type"] == content_type
    assert body.decode("utf-8").startswith(first_line)
    assert "Кирби" in body.decode("utf-8")


@pytest.mark.parametrize(
    "accept, fmt",
    [
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/n-quads", ox.RdfFormat.N_QUADS),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("text/turtle;q=0.2, application/trig", ox.RdfFormat.TRIG),
        ("*/*", ox.RdfFormat.TURTLE),
    ],
)
def test_construct_formats_by_accept(server, accept, fmt):
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{SHARED.value}> {{ ?s ?p ?o }} }}"
    status, headers, body = request(sparql_url(server, query), headers={"Accept": accept})
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == fmt.media_type
    parsed = {(q.subject, q.predicate, q.object) for q in ox.parse(body, format=fmt)}
    assert len(parsed) == 4 and (KIRBY, RDFS_LABEL, ox.Literal("Кирби")) in parsed


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, 2),
        ({"default-graph-uri": A1.value}, 1),
        ({"default-graph-uri": [A1.value, A2.value]}, 2),
        ({"default-graph-uri": SHARED.value}, 0),
    ],
)
def test_default_graph_uri(server, params, expected):
    query = (
        "SELECT ?p WHERE { ?s ?p ?o FILTER(?p != <http://www.w3.org/2000/01/rdf-schema#label>) }"
    )
    status, _, body = request(sparql_url(server, query, **params))
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == expected


def test_named_graph_uri(server):
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    status, _, body = request(sparql_url(server, query, **{"named-graph-uri": A2.value}))
    assert status == 200
    assert [b["g"]["value"] for b in json.loads(body)["results"]["bindings"]] == [A2.value]


# -- refusals -----------------------------------------------------------------------------

INSERT = f"INSERT DATA {{ <{IRAN.value}> <{SUPPLY.value}> <{RUSSIA.value}> }}"


@pytest.mark.parametrize(
    "how",
    ["get-query", "get-update", "form-update", "form-query", "sparql-update", "prefixed"],
)
def test_updates_are_refused(server, how):
    form = "application/x-www-form-urlencoded"
    if how == "get-query":
        status, _, body = request(sparql_url(server, INSERT))
    elif how == "get-update":
        status, _, body = request(
            server.url + "sparql?" + urllib.parse.urlencode({"update": INSERT})
        )
    elif how in ("form-update", "form-query"):
        key = "update" if how == "form-update" else "query"
        data = urllib.parse.urlencode({key: INSERT}).encode()
        status, _, body = request(server.url + "sparql", data=data, headers={"Content-Type": form})
    elif how == "sparql-update":
        headers = {"Content-Type": "application/sparql-update"}
        status, _, body = request(server.url + "sparql", data=INSERT.encode(), headers=headers)
    else:
        query = "# add one\nPREFIX ex: <http://example.org/>\n  delete where { ?s ?p ?o }"
        status, _, body = request(sparql_url(server, query))
    assert status == 403
    assert b"read-only" in body
    ask = f"ASK {{ <{IRAN.value}> <{SUPPLY.value}> <{RUSSIA.value}> }}"
    assert wrapper(server, ask).query().convert()["boolean"] is False
    assert wrapper(server, "SELECT * { ?s ?p ?o }").query().convert()["results"]["bindings"]


@pytest.mark.parametrize("form", ["SERVICE", "service silent", "SERVICE ?endpoint"])
def test_federated_queries_make_no_request(server, form):
    """pyoxigraph would fetch a SERVICE itself: the endpoint refuses before it can."""
    calls = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # pragma: no cover - must not be reached
            calls.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args):
            pass

    target = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=target.serve_forever, daemon=True)
    thread.start()
    try:
        remote = f"<http://127.0.0.1:{target.server_address[1]}/sparql>"
        where = f"BIND({remote} AS ?endpoint)" if "?" in form else ""
        endpoint = "" if "?" in form else remote
        query = f"SELECT * WHERE {{ {where} {form} {endpoint} {{ ?s ?p ?o }} }}"
        status, _, body = request(sparql_url(server, query))
    finally:
        target.shutdown()
        target.server_close()
    assert status == 403
    assert b"SERVICE" in body
    assert calls == []


def test_update_through_sparqlwrapper_is_refused(server):
    client = SPARQLWrapper(server.url + "sparql")
    client.setMethod(POST)
    client.setQuery(INSERT)
    with pytest.raises(urllib.error.HTTPError) as info:
        client.query()
    assert info.value.code == 403


@pytest.mark.parametrize(
    "query, message",
    [
        ("SELEC ?s WHERE { ?s ?p ?o }", "malformed SPARQL query at line 1, column 10: expected"),
        ("SELECT ?s WHERE { ?s ?p }", "malformed SPARQL query at line 1, column"),
        (
            "SELECT ?s WHERE { ?s undefined:p ?o }",
            "malformed SPARQL query at line 1, column 33: unknown prefix 'undefined:'",
        ),
    ],
)
@pytest.mark.filterwarnings("ignore:(not detected|unknown) query type:RuntimeWarning")
def test_malformed_query_is_400_with_the_parser_message(server, query, message):
    status, headers, body = request(sparql_url(server, query))
    assert status == 400
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    assert body.decode("utf-8").startswith(message)
    with pytest.raises(QueryBadFormed):
        wrapper(server, query).query()


@pytest.mark.parametrize(
    "path, data, headers, status, text",
    [
        ("sparql", None, {}, 400, "give exactly one SPARQL query"),
        ("sparql?query=ASK%7B%7D&query=ASK%7B%7D", None, {}, 400, "exactly one query"),
        (
            "sparql?query=" + urllib.parse.quote(LABELS),
            None,
            {"Accept": "image/png"},
            406,
            "text/csv",
        ),
        ("sparql", b"query=ASK{}", {"Content-Type": "text/plain"}, 415, "application/sparql-query"),
        ("sparql?default-graph-uri=not%20an%20iri&query=ASK%7B%7D", None, {}, 400, "bad graph IRI"),
        ("index.html", b"x", {"Content-Type": "text/plain"}, 405, "/sparql only"),
        ("nothing-here.html", None, {}, 404, "not found"),
    ],
)
def test_bad_requests(server, path, data, headers, status, text):
    got, _, body = request(server.url + path, data=data, headers=headers)
    assert got == status
    assert text in body.decode("utf-8")


def test_result_size_and_time_guards(out):
    running = Running(out, quiet=True, max_result_bytes=200)
    slow = Running(out, quiet=True, timeout=0)
    try:
        status, _, body = request(sparql_url(running, "SELECT * { ?s ?p ?o }"))
        assert status == 503 and b"larger than 200 bytes" in body
        status, _, body = request(sparql_url(running, "ASK { ?s ?p ?o }"))
        assert status == 200
        status, _, body = request(sparql_url(slow, "SELECT * { ?s ?p ?o }"))
        assert status == 503 and b"ran out of time" in body
    finally:
        running.stop()
        slow.stop()


# -- files --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, content_type, text",
    [
        ("", "text/html; charset=utf-8", PAGE),
        ("index.html", "text/html; charset=utf-8", PAGE),
        ("graph.ttl", "text/turtle; charset=utf-8", "<https://w3id.org"),
        ("build.json", "application/json", '{"quads": 6}'),
    ],
)
def test_pages_and_dumps_are_served(server, path, content_type, text):
    status, headers, body = request(server.url + path)
    assert status == 200
    assert headers["Content-Type"] == content_type
    assert "Access-Control-Allow-Origin" not in headers  # CORS is off unless asked for
    assert body.decode("utf-8").startswith(text)
    status, headers, body = request(server.url + path, method="HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 0


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2f%2e%2e%2fetc/passwd",
        "/./../secret.txt",
        "/outside",
        "/store",
        "/store/",
        "/store/CURRENT",
        "/%73tore/CURRENT",
        "//store/CURRENT",
        "/etc/passwd",
        "/..\\secret.txt",
        "/.index.html.tmp",
    ],
)
def test_nothing_outside_the_pages_is_served(server, path):
    status, _, body = raw_request(server, "GET", path, {})
    assert status in (403, 404)
    assert SECRET.encode() not in body and b"root:" not in body
    assert body.startswith((b"forbidden", b"not found", b"the store"))


def test_cors_is_off_by_default(server):
    status, headers, _ = request(sparql_url(server, "ASK {}"))
    assert status == 200 and "Access-Control-Allow-Origin" not in headers
    status, headers, _ = request(server.url + "sparql", method="OPTIONS")
    assert status == 405 and "OPTIONS" not in headers["Allow"]


@pytest.mark.parametrize("origin", ["*", "https://notebooks.example.org"])
def test_cors_and_preflight_when_asked_for(out, origin):
    running = Running(out, quiet=True, cors=origin)
    try:
        status, headers, _ = request(sparql_url(running, "ASK {}"))
        assert status == 200 and headers["Access-Control-Allow-Origin"] == origin
        status, headers, _ = request(running.url + "index.html")
        assert status == 200 and headers["Access-Control-Allow-Origin"] == origin
        status, headers, _ = request(running.url + "sparql", method="OPTIONS")
        assert status == 204
        assert headers["Access-Control-Allow-Origin"] == origin
        assert "POST" in headers["Access-Control-Allow-Methods"]
    finally:
        running.stop()


def test_requests_are_logged_unless_quiet(out, capfd):
    running = Running(out)
    try:
        request(running.url + "index.html")
        request(sparql_url(running, "ASK {}"))
    finally:
        running.stop()
    lines = capfd.readouterr().err.splitlines()
    assert len(lines) == 2
    assert '"GET /index.html HTTP/1.1" 200' in lines[0] and "/sparql?query=" in lines[1]


def test_shutdown_is_clean(out):
    running = Running(out, quiet=True)
    host, port = running.server.server_address[:2]
    assert request(running.url)[0] == 200
    running.stop()
    with pytest.raises(OSError):
        http.client.HTTPConnection(host, port, timeout=2).connect()


# -- starting -----------------------------------------------------------------------------


@pytest.mark.parametrize("case", ["missing", "file", "no-store", "bad-store"])
def test_unusable_folder_is_a_store_error(tmp_path, case):
    target = tmp_path / "graph-out"
    if case == "file":
        target.write_text("x")
    elif case == "no-store":
        target.mkdir()
    elif case == "bad-store":
        (target / "store").mkdir(parents=True)
        (target / "store" / "CURRENT").write_text("garbage\n")
    with pytest.raises(StoreError, match="graph-out") as info:
        make_server(target, "127.0.0.1", 0)
    assert isinstance(info.value, GraphbuildError)


def test_address_in_use_is_a_serve_error(server, out):
    host, port = server.server.server_address[:2]
    with pytest.raises(ServeError, match=f"cannot listen on {host}:{port}"):
        make_server(out, host, port)


def test_serve_stops_cleanly_on_ctrl_c(out):
    code = f"from graphbuild.serve import serve; serve({str(out)!r}, '127.0.0.1', 0)"
    process = subprocess.Popen(
        [sys.executable, "-c", code], stderr=subprocess.PIPE, text=True, env=os.environ.copy()
    )
    try:
        line = process.stderr.readline()
        assert line.startswith(f"Serving {out} at http://127.0.0.1:")
        url = line.split(" at ")[1].split()[0]
        assert request(url + "index.html")[0] == 200
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
        assert "Traceback" not in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_browsers_get_a_query_form(server):
    status, headers, body = request(server.url + "sparql", headers={"Accept": "text/html"})
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    page = body.decode("utf-8")
    assert "<textarea" in page and "connect-src 'self'" in page
    status, _, _ = request(server.url + "sparql", headers={"Accept": "application/json"})
    assert status == 400


def test_post_without_length_is_refused(server):
    host, port = server.server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        conn.putrequest("POST", "/sparql")
        conn.putheader("Content-Type", "application/sparql-query")
        conn.endheaders()
        response = conn.getresponse()
        assert response.status == 411
        assert b"Content-Length" in response.read()
    finally:
        conn.close()


@pytest.mark.xfail(
    strict=True,
    reason="pyoxigraph 0.5 repeats a triple once per named graph holding it in the union "
    "default graph (oxigraph/oxigraph#1919, fixed for 0.6)",
)
def test_union_default_graph_is_a_set(tmp_path):
    out = tmp_path / "graph-out"
    out.mkdir()
    store = ox.Store(str(out / "store"))
    for graph in (A1, A2):
        store.add(ox.Quad(IRAN, RDFS_LABEL, ox.Literal("Iran"), graph))
    store.flush()
    del store
    running = Running(out, quiet=True)
    try:
        status, _, body = request(
            sparql_url(running, f"SELECT ?l WHERE {{ <{IRAN.value}> ?p ?l }}")
        )
    finally:
        running.stop()
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 1

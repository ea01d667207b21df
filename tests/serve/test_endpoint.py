"""The endpoint over real HTTP on a store built from the seed article: the SPARQL 1.1 Protocol
cases, time limits and concurrent clients (SPARQLWrapper and plain HTTP as clients)."""

from __future__ import annotations

import csv
import http.client
import io
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import pytest
from servers import Running, request, seed_out
from SPARQLWrapper import GET, JSON, POST, POSTDIRECTLY, URLENCODED, XML, SPARQLWrapper

from graphbuild.serve import make_server
from graphbuild.serve.protocol import GRAPH_TYPES, SOLUTION_TYPES

QUERIES = Path(__file__).resolve().parents[2] / "queries"
SUPPLIERS = (
    "SELECT ?who ?what WHERE { ?s rel:supply ?o . ?s rdfs:label ?who . ?o rdfs:label ?what }"
)
LABELS = "SELECT ?label WHERE { ?e rdfs:label ?label ; a gb:Country } ORDER BY ?label"
COUNTRIES = ["Iran", "Russia", "Ukraine"]
# Some hundred million rows to count: minutes of work, far past the time limits used here.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return seed_out(tmp_path_factory.mktemp("endpoint"))


@pytest.fixture(scope="module")
def server(out):
    running = Running(out, quiet=True, workers=3)
    yield running
    running.stop()


def query_url(server: Running, query: str) -> str:
    return server.endpoint + "?" + urllib.parse.urlencode({"query": query})


def rows(endpoint: str, query: str, method=GET, request_method=URLENCODED) -> list[dict]:
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(JSON)
    client.setMethod(method)
    client.setRequestMethod(request_method)
    bindings = client.query().convert()["results"]["bindings"]
    return [{name: cell["value"] for name, cell in row.items()} for row in bindings]


# -- the three ways to send a query -----------------------------------------------------------


@pytest.mark.parametrize(
    "method, request_method",
    [(GET, URLENCODED), (POST, URLENCODED), (POST, POSTDIRECTLY)],
    ids=["get", "post-form", "post-direct"],
)
def test_every_protocol_operation_gets_the_same_answer(server, method, request_method):
    found = rows(server.endpoint, SUPPLIERS, method, request_method)
    assert found == [{"who": "Iran", "what": "drone"}]


def test_sparqlwrapper_xml_results(server):
    client = SPARQLWrapper(server.endpoint)
    client.setQuery(LABELS)
    client.setReturnFormat(XML)
    document = client.query().convert()
    literals = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert literals == COUNTRIES


# -- content negotiation: every media type of every query form --------------------------------


def parse_solutions(fmt: str, body: bytes) -> list[str] | bool:
    """The ?label column (or the ASK answer) of a result body, by an independent parser."""
    text = body.decode("utf-8")
    if fmt == "JSON":
        data = json.loads(text)
        if "boolean" in data:
            return data["boolean"]
        return [row["label"]["value"] for row in data["results"]["bindings"]]
    if fmt == "XML":
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        root = ET.fromstring(body)
        answer = root.find("r:boolean", ns)
        if answer is not None:
            return answer.text == "true"
        return [node.text for node in root.iterfind(".//r:literal", ns)]
    lines = text.splitlines()
    if lines in (["true"], ["false"]):
        return lines == ["true"]
    if fmt == "CSV":
        table = list(csv.reader(io.StringIO(text)))
        assert table[0] == ["label"]
        return [row[0] for row in table[1:]]
    assert lines[0] == "?label"
    return [line.strip('"') for line in lines[1:]]


@pytest.mark.parametrize("media", list(SOLUTION_TYPES))
def test_select_in_every_results_media_type(server, media):
    status, headers, body = request(query_url(server, LABELS), headers={"Accept": media})
    assert status == 200, body
    assert headers["Content-Type"].split(";")[0] in SOLUTION_TYPES
    assert parse_solutions(SOLUTION_TYPES[media], body) == COUNTRIES


ONE_OF_EACH = [
    next(media for media, name in SOLUTION_TYPES.items() if name == fmt)
    for fmt in ("JSON", "XML", "CSV", "TSV")
]


@pytest.mark.parametrize("media", ONE_OF_EACH)
@pytest.mark.parametrize(
    "query, expected", [("ASK { ?s rel:supply ?o }", True), ("ASK { ?s rel:nothing ?o }", False)]
)
def test_ask_in_every_results_media_type(server, media, query, expected):
    status, _, body = request(query_url(server, query), headers={"Accept": media})
    assert status == 200, body
    assert parse_solutions(SOLUTION_TYPES[media], body) is expected


IRAN = ox.NamedNode("https://w3id.org/graphbuild/id/country/Iran")


@pytest.mark.parametrize("media", list(GRAPH_TYPES))
@pytest.mark.parametrize(
    "query",
    [
        "CONSTRUCT { ?s rel:supply ?o } WHERE { ?s rel:supply ?o }",
        "DESCRIBE <https://w3id.org/graphbuild/id/country/Iran>",
    ],
    ids=["construct", "describe"],
)
def test_graphs_in_every_rdf_media_type(server, media, query):
    status, headers, body = request(query_url(server, query), headers={"Accept": media})
    assert status == 200, body
    fmt = getattr(ox.RdfFormat, GRAPH_TYPES[media])
    assert headers["Content-Type"].split(";")[0] == fmt.media_type
    subjects = {quad.subject for quad in ox.parse(body, format=fmt)}
    assert IRAN in subjects


def test_nothing_acceptable_is_406(server):
    status, _, body = request(query_url(server, LABELS), headers={"Accept": "image/png"})
    assert status == 406 and b"text/csv" in body


# -- service description, base IRI, charsets ------------------------------------------------


@pytest.mark.parametrize("media", ["text/turtle", "application/rdf+xml", "application/n-triples"])
def test_service_description(server, media):
    status, headers, body = request(server.endpoint, headers={"Accept": media})
    assert status == 200
    fmt = getattr(ox.RdfFormat, GRAPH_TYPES[media])
    assert headers["Content-Type"].split(";")[0] == fmt.media_type
    graph = {(q.subject, q.predicate, q.object) for q in ox.parse(body, format=fmt)}
    sd = "http://www.w3.org/ns/sparql-service-description#"
    me = ox.NamedNode(server.endpoint)
    assert (me, ox.NamedNode(sd + "endpoint"), me) in graph
    assert (me, ox.NamedNode(sd + "feature"), ox.NamedNode(sd + "UnionDefaultGraph")) in graph


def test_relative_iris_resolve_against_the_endpoint(server):
    query = "CONSTRUCT { <s> <p> 1 } WHERE {}"
    status, _, body = request(query_url(server, query), headers={"Accept": "application/n-triples"})
    assert status == 200, body
    [quad] = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
    assert quad.subject == ox.NamedNode(server.url + "s")
    query = "BASE <http://example.org/> SELECT ?x WHERE { BIND(<y> AS ?x) }"
    assert rows(server.endpoint, query) == [{"x": "http://example.org/y"}]


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", "us-ascii", None])
def test_a_direct_post_is_read_as_utf8(server, charset):
    query = 'SELECT ?x WHERE { BIND("Zürich café" AS ?x) }'
    content_type = "application/sparql-query" + (f"; charset={charset}" if charset else "")
    status, _, body = request(
        server.endpoint,
        data=query.encode("utf-8"),
        headers={"Content-Type": content_type, "Accept": "application/sparql-results+json"},
    )
    assert status == 200, body
    assert json.loads(body)["results"]["bindings"][0]["x"]["value"] == "Zürich café"


@pytest.mark.parametrize("charset", ["iso-8859-1", "utf-16", "windows-1252"])
def test_a_direct_post_in_another_charset_is_refused(server, charset):
    query = 'SELECT ?x WHERE { BIND("Zürich café" AS ?x) }'
    status, _, body = request(
        server.endpoint,
        data=query.encode(charset),
        headers={"Content-Type": f"application/sparql-query; charset={charset}"},
    )
    assert status == 415
    assert f"UTF-8 text, not {charset}" in body.decode("utf-8")


def test_a_form_post_is_read_in_its_charset(server):
    query = 'SELECT ?x WHERE { BIND("Zürich" AS ?x) }'
    data = urllib.parse.urlencode({"query": query}, encoding="iso-8859-1").encode("ascii")
    headers = {"Content-Type": "application/x-www-form-urlencoded; charset=ISO-8859-1"}
    status, _, body = request(server.endpoint, data=data, headers=headers)
    assert status == 200, body
    assert json.loads(body)["results"]["bindings"][0]["x"]["value"] == "Zürich"


@pytest.mark.parametrize(
    "content_type, data, status, text",
    [
        ("application/x-www-form-urlencoded; charset=klingon", b"q", 415, "unsupported charset"),
        ("application/sparql-query; charset=utf-8", b"ASK { \xff }", 400, "not utf-8"),
        ("application/sparql-query", b"ASK { \xe9 }", 400, "not utf-8"),
    ],
)
def test_bodies_that_cannot_be_read_are_refused(server, content_type, data, status, text):
    got, _, body = request(server.endpoint, data=data, headers={"Content-Type": content_type})
    assert got == status
    assert text in body.decode("utf-8")


# -- methods ----------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize("path", ["sparql", "index.html"])
def test_other_methods_are_405_with_allow(server, method, path):
    status, headers, body = request(server.url + path, data=b"x", method=method)
    assert status == 405
    allowed = {m.strip() for m in headers["Allow"].split(",")}
    assert "GET" in allowed and method not in allowed
    assert b"read-only" in body or b"/sparql only" in body


def test_binds_this_machine_only_by_default(out):
    server = make_server(out, port=0, quiet=True, workers=1)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_keep_alive_serves_many_requests_on_one_connection(server):
    host, port = server.server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=30)
    try:
        conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}))
        first = conn.getresponse()
        first.read()
        sock = conn.sock
        conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}))
        second = conn.getresponse()
        assert second.status == 200 and b"true" in second.read()
        assert conn.sock is sock and sock is not None  # the same connection, kept open
        assert (first.getheader("Connection") or "").lower() != "close"
    finally:
        conn.close()


# -- limits -----------------------------------------------------------------------------------


@pytest.mark.parametrize("media", list(dict.fromkeys(SOLUTION_TYPES.values())))
def test_max_rows_cuts_select_results(out, media):
    running = Running(out, quiet=True, workers=1, max_rows=2)
    try:
        accept = next(m for m, f in SOLUTION_TYPES.items() if f == media)
        status, headers, body = request(query_url(running, LABELS), headers={"Accept": accept})
        assert status == 200
        assert headers["X-Result-Truncated"] == "max-rows=2"
        assert parse_solutions(media, body) == COUNTRIES[:2]
        status, headers, body = request(query_url(running, LABELS + " LIMIT 2"))
        assert status == 200 and "X-Result-Truncated" not in headers
    finally:
        running.stop()


@pytest.mark.parametrize("in_memory", [True, False], ids=["in-memory", "on-disk"])
def test_a_query_over_the_time_limit_is_stopped_and_the_server_goes_on(out, in_memory):
    running = Running(out, quiet=True, workers=1, timeout=1, in_memory=in_memory)
    try:
        status, _, body = request(query_url(running, ENDLESS))
        assert status == 503
        assert b"ran out of time" in body and b"1 s limit" in body
        # the one worker was stuck in that query: it is replaced, and answers again
        for _ in range(3):
            assert rows(running.endpoint, SUPPLIERS) == [{"who": "Iran", "what": "drone"}]
    finally:
        running.stop()


@pytest.mark.parametrize("in_memory", [True, False], ids=["in-memory", "on-disk"])
def test_a_slow_query_does_not_hold_up_simple_ones(out, in_memory):
    running = Running(out, quiet=True, workers=2, timeout=4, in_memory=in_memory)
    done: list[str] = []
    try:
        slow = threading.Thread(
            target=lambda: done.append(f"slow {request(query_url(running, ENDLESS))[0]}")
        )
        slow.start()
        time.sleep(0.5)  # let the slow query reach its worker
        for _ in range(20):
            assert rows(running.endpoint, SUPPLIERS) == [{"who": "Iran", "what": "drone"}]
            done.append("simple")
        slow.join(timeout=30)
    finally:
        running.stop()
    assert done[:20] == ["simple"] * 20  # all answered while the slow query still ran
    assert done[20] == "slow 503"


def test_forty_concurrent_clients_get_correct_answers(server):
    queries = {path.name: path.read_text(encoding="utf-8") for path in sorted(QUERIES.glob("*.rq"))}
    expected = {name: rows(server.endpoint, query) for name, query in queries.items()}
    jobs = [list(queries)[n % len(queries)] for n in range(40)]
    with ThreadPoolExecutor(40) as clients:
        answers = list(clients.map(lambda name: (name, rows(server.endpoint, queries[name])), jobs))
    assert len(answers) == 40
    for name, found in answers:
        assert found == expected[name], name


def test_in_memory_and_on_disk_workers_give_the_same_answers(out, server):
    assert server.server.pool.in_memory  # a small graph is copied into memory by default
    on_disk = Running(out, quiet=True, workers=1, in_memory=False)
    try:
        for path in sorted(QUERIES.glob("*.rq")):
            query = path.read_text(encoding="utf-8")
            assert rows(on_disk.endpoint, query) == rows(server.endpoint, query), path.name
    finally:
        on_disk.stop()


def test_stopping_the_server_ends_every_worker(out):
    running = Running(out, quiet=True, workers=2, timeout=1, in_memory=True)
    pool = running.server.pool
    pids = {worker.pid for worker in pool._all} | {pool._zygote.process.pid}
    assert request(query_url(running, ENDLESS))[0] == 503  # its worker is ended, one forked
    assert rows(running.endpoint, SUPPLIERS) == [{"who": "Iran", "what": "drone"}]
    pids |= {worker.pid for worker in pool._all}
    assert len(pids) == 4
    running.stop()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in pids):
        time.sleep(0.1)
    assert not [pid for pid in pids if Path(f"/proc/{pid}").exists()]


# -- the query page -----------------------------------------------------------------------


def test_the_query_page_offers_the_library_queries(server):
    status, headers, body = request(server.endpoint, headers={"Accept": "text/html"})
    assert status == 200 and b"<textarea" in body
    status, headers, body = request(server.url + "sparql/examples.json")
    assert status == 200 and headers["Content-Type"] == "application/json"
    examples = json.loads(body)
    assert {"denials.rq", "supplies.rq", "entities.rq"} <= set(examples)
    assert examples["supplies.rq"] == (QUERIES / "supplies.rq").read_text(encoding="utf-8")


# -- the command ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "verbose, where",
    [(True, None), (False, "--on-disk"), (False, "--in-memory")],
    ids=["verbose", "on-disk", "in-memory"],
)
def test_serve_command_logs_requests_with_verbose_only(out, verbose, where):
    import os
    import signal
    import subprocess
    import sys

    command = [sys.executable, "-m", "graphbuild", "serve", str(out), "--port", "0"]
    command += ["--workers", "1", "--timeout", "5", *(["-v"] if verbose else [])]
    command += [where] if where else []
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    try:
        line = process.stderr.readline()
        assert line.startswith(f"Serving {out} at http://127.0.0.1:"), line
        said = "from the store on disk" if where == "--on-disk" else "from memory"
        assert said in line
        url = line.split(" at ")[1].split()[0]
        assert rows(url + "sparql", SUPPLIERS) == [{"who": "Iran", "what": "drone"}]
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
        rest = process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert "Traceback" not in rest
    assert ('"GET /sparql?query=' in rest) is verbose

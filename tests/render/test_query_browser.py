"""The served pages in a browser: the graph page links to the SPARQL form, and the form runs
queries against the endpoint and shows their results as text."""

from __future__ import annotations

import re
import threading

import pytest
from browser_util import CHROMIUM, launch, open_offline
from playwright.sync_api import expect
from samples import seed_graph

from graphbuild.graph.network import entity_network
from graphbuild.graph.store import GraphStore
from graphbuild.render import write_pages
from graphbuild.serve import make_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed"),
]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    out = tmp_path_factory.mktemp("served")
    with GraphStore(out / "store") as store:
        store.write([seed_graph()])
        write_pages(entity_network(store), out)
    server = make_server(out, "127.0.0.1", 0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.url
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


def test_graph_page_links_to_the_query_form(browser, served):
    visit = open_offline(browser, served, allow=served)
    link = visit.page.locator("header nav a")
    assert link.text_content() == "SPARQL query"
    link.click()
    visit.page.wait_for_selector("#query-form")
    assert visit.page.url == served + "sparql"
    assert visit.errors == [] and visit.refused == []
    visit.page.close()


@pytest.mark.parametrize(
    "query, accept, expected",
    [
        (None, "application/sparql-results+json", ["Iran", "supply", "drone"]),
        ("ASK { ?s ?p ?o }", "application/sparql-results+json", "yes (true)"),
        (
            "SELECT ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label "
            "FILTER(?label = 'Iran') }",
            "text/csv",
            "label\r\nIran\r\n",
        ),
        ("SELECT nonsense", "application/sparql-results+json", "malformed SPARQL query"),
    ],
)
def test_query_form_runs_queries(browser, served, query, accept, expected):
    visit = open_offline(browser, served + "sparql", ready=False, allow=served)
    page = visit.page
    if query is not None:
        page.fill("#query", query)
    page.select_option("#accept", accept)
    page.click("#query-form button[type=submit]")
    expect(page.locator("#query-status")).to_have_text(re.compile(r"(in [0-9.]+ s|error \d+)$"))
    if isinstance(expected, list):
        rows = page.locator("#results tr").all_inner_texts()
        assert [cell.strip() for cell in rows[1].split("\t")] == expected
    else:
        assert expected in page.locator("#results").inner_text()
    assert page.locator("#results script").count() == 0
    console_errors = [e for e in visit.errors if "400" not in e]
    assert console_errors == [] and visit.refused == []
    page.close()

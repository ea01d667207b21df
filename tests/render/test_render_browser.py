"""The pages in a real browser, offline: the overview draws every node, logs no error, runs no
injected script, and its search, filters, neighbour view and links work; entity and article
pages draw their own networks; no page of a hostile graph runs its text."""

from __future__ import annotations

import time

import networkx as nx
import pytest
from browser_util import CHROMIUM, launch, non_background_pixels, open_offline
from networks import (
    BAD,
    HOSTILE_SENTENCE,
    IRAN,
    KRYVYI,
    RUSSIA,
    SCRIPT,
    embedded_data,
    random_network,
    statement,
)

from graphbuild.render import page_slug, write_pages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed"),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def visit(browser, hostile, tmp_path):
    path = write_pages(hostile, tmp_path)[0]
    visit = open_offline(browser, path)
    yield visit
    visit.page.close()


def test_page_draws_every_node_without_errors(visit, hostile, browser, tmp_path):
    page = visit.page
    assert visit.errors == []
    assert visit.refused == []
    assert page.evaluate("network.body.data.nodes.length") == hostile.number_of_nodes()
    assert page.evaluate("graphEdges.length") == hostile.number_of_edges()
    positions = page.evaluate("network.getPositions()")
    assert sorted(positions) == sorted(hostile.nodes)
    box = page.locator("#graph canvas").bounding_box()
    assert box["width"] > 100 and box["height"] > 100
    shot = tmp_path / "page.png"
    page.screenshot(path=str(shot))
    assert non_background_pixels(browser, shot.read_bytes()) > 1000
    canvas = page.locator("#graph canvas").screenshot()
    assert non_background_pixels(browser, canvas) > 100


def test_hostile_text_does_not_run(visit):
    page = visit.page
    ids = page.evaluate(
        "([s, to]) => graphEdges.getIds({filter: (e) => e.statement === s && e.to === to})",
        [statement(2), RUSSIA],
    )
    assert len(ids) == 1
    page.evaluate("(id) => network.emit('click', {nodes: [], edges: [id]})", ids[0])
    details = page.locator("#details")
    assert details.locator("blockquote").text_content() == HOSTILE_SENTENCE
    assert details.locator("script, img").count() == 0
    assert details.locator("a").count() == 0  # its javascript: URL was dropped
    page.evaluate("(id) => network.emit('click', {nodes: [id], edges: []})", BAD)
    assert details.locator("h2").first.text_content() == '<img src=x onerror="window.__pwned = 2">'
    assert details.locator("img, script").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert visit.errors == []


def test_search_focuses_the_entity(visit):
    page = visit.page
    page.fill("#search-input", "iran")
    page.press("#search-input", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == [IRAN]
    assert page.locator("#details h2").first.text_content() == "Iran"
    page.fill("#search-input", "r")  # Russia (8 statements) before Iran (6), Kirby, ...
    page.press("#search-input", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == [RUSSIA]
    page.fill("#search-input", "no such entity")
    page.press("#search-input", "Enter")
    assert page.locator("#search-status").text_content() == "no entity matches"


def test_type_filter_hides_and_restores(visit, hostile):
    page = visit.page
    total = hostile.number_of_nodes()
    page.uncheck("input.type-filter[value=Country]")
    assert page.evaluate("network.body.data.nodes.length") == total - 2
    page.fill("#search-input", "Russia")
    page.press("#search-input", "Enter")  # finding a hidden entity shows its type again
    assert page.evaluate("network.body.data.nodes.length") == total
    assert page.is_checked("input.type-filter[value=Country]")


def test_empty_page_has_no_errors(browser, tmp_path):
    path = write_pages(nx.MultiDiGraph(), tmp_path)[0]
    visit = open_offline(browser, path, ready=False)
    assert "The graph is empty" in visit.page.text_content("main")
    assert visit.errors == [] and visit.refused == []
    visit.page.close()


@pytest.mark.slow
@pytest.mark.parametrize("max_shown", [1500, 5000])
def test_five_thousand_nodes_are_usable(browser, tmp_path, record_property, max_shown):
    network = random_network(5000, 10000)
    path = write_pages(network, tmp_path, max_shown=max_shown)[0]
    started = time.perf_counter()
    visit = open_offline(browser, path, timeout_ms=120_000)
    seconds = time.perf_counter() - started
    timing = visit.page.evaluate("graphTiming")
    record_property("browser_ready_seconds", round(seconds, 2))
    print(
        f"5,000 nodes / 10,000 edges, {max_shown} drawn: ready in {seconds:.1f} s; "
        f"in-page timing {timing}"
    )
    assert visit.errors == []
    assert visit.page.evaluate("Object.keys(network.getPositions()).length") == max_shown
    assert visit.page.evaluate("graphNodes.length") == 5000
    assert visit.page.evaluate("network.physics.options.enabled") is False
    visit.page.close()


@pytest.mark.parametrize("node, shown", [(BAD, f"also: {SCRIPT}"), (IRAN, "Wikidata: Q794")])
def test_tooltips_show_text_not_markup(visit, hostile, node, shown):
    page = visit.page
    point = page.evaluate("(id) => network.canvasToDOM(network.getPositions([id])[id])", node)
    box = page.locator("#graph canvas").bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    assert tooltip.inner_text().split("\n")[0] == hostile.nodes[node]["label"]
    assert shown in tooltip.inner_text()
    tags = tooltip.evaluate("(div) => [...div.querySelectorAll('*')].map((e) => e.tagName)")
    assert set(tags) <= {"BR"}  # line breaks of the plain text, nothing else
    assert page.evaluate("window.__pwned") is None


def test_only_the_most_connected_are_drawn_first(browser, tmp_path):
    network = random_network(120, 100, seed=3)
    path = write_pages(network, tmp_path, max_shown=40)[0]
    visit = open_offline(browser, path)
    page = visit.page
    drawn = page.evaluate("network.body.data.nodes.getIds()")
    ranks = page.evaluate("(ids) => ids.map((id) => graphNodes.get(id).rank)", drawn)
    assert len(drawn) == 40 and max(ranks) == 39
    hidden = page.evaluate("graphNodes.get({filter: (n) => n.rank === 100})[0]")
    page.fill("#search-input", hidden["label"])
    page.press("#search-input", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == [hidden["id"]]
    assert page.evaluate("network.body.data.nodes.length") == 41
    assert "80 others are hidden" in page.text_content("#hidden-note")
    page.select_option("#shown", "120")
    assert page.evaluate("network.body.data.nodes.length") == 120
    assert len(page.evaluate("network.getPositions()")) == 120
    assert page.evaluate("network.physics.options.enabled") is False
    assert visit.errors == []
    page.close()


def shown(page) -> tuple[int, int]:
    """(entities, statements) the overview draws now."""
    return (
        page.evaluate("network.body.data.nodes.length"),
        page.evaluate("visibleEdges.length"),
    )


@pytest.mark.parametrize(
    "action, expected",
    [
        # relation: only "deny" statements, and the entities they join
        (lambda p: p.select_option("#filter-relation", "deny"), (2, 1)),
        (lambda p: p.uncheck("input.polarity-filter[value=negative]"), (7, 7)),
        (lambda p: p.uncheck("input.modality-filter[value=asserted]"), (2, 1)),
        (lambda p: p.fill("#filter-confidence", "0.9"), (2, 1)),
        (lambda p: p.select_option("#filter-article", "002_x"), (2, 1)),
        (lambda p: p.fill("#filter-from", "2024-01-02"), (2, 1)),
        (lambda p: p.fill("#filter-to", "2023-12-31"), (6, 7)),
    ],
    ids=["relation", "polarity", "modality", "confidence", "article", "from", "to"],
)
def test_each_filter_changes_what_is_drawn(browser, hostile, tmp_path, action, expected):
    dated = hostile.copy()
    for _, _, key, attrs in dated.edges(keys=True, data=True):
        attrs["date"] = "2024-03-05" if key == statement(7) else "2023-11-20"
    visit = open_offline(browser, write_pages(dated, tmp_path)[0])
    page = visit.page
    assert shown(page) == (7, 8)
    action(page)
    page.dispatch_event("#filters input[type=range]", "change")  # range fill fires input only
    assert shown(page) == expected
    assert page.get_attribute("body", "data-shown-nodes") == str(expected[0])
    assert "Filters hide the rest." in page.text_content("#hidden-note")
    page.click("#filter-reset")
    assert shown(page) == (7, 8)
    assert visit.errors == []
    page.close()


def test_click_shows_neighbours_and_double_click_opens_the_entity_page(visit, tmp_path):
    page = visit.page
    page.evaluate("(id) => network.emit('click', {nodes: [id], edges: []})", RUSSIA)
    neighbours = page.locator("#details ul.neighbours li").all_text_contents()
    assert sorted(neighbours) == sorted(["Iran", "Кривий Ріг 🇺🇦 \u2028line"])
    page.click("#neighbours-only")
    assert page.evaluate("network.body.data.nodes.length") == 3
    page.click("#neighbours-only")
    assert page.evaluate("network.body.data.nodes.length") == 7
    link = page.locator("#details a.entity-page-link")
    assert link.get_attribute("href") == f"entities/{page_slug(RUSSIA)}.html"
    page.evaluate("(id) => network.emit('doubleClick', {nodes: [id], edges: []})", KRYVYI)
    page.wait_for_url(f"**/entities/{page_slug(KRYVYI)}.html")
    page.wait_for_selector("body[data-ready=true]", state="attached")
    assert page.evaluate("graphNodes.length") >= 2
    assert visit.errors == [] and visit.refused == []


def test_no_page_of_a_hostile_graph_runs_its_text(browser, hostile, tmp_path):
    write_pages(hostile, tmp_path, title=SCRIPT)
    pages = sorted(tmp_path.rglob("*.html"))
    assert len(pages) == 13
    for path in pages:
        visit = open_offline(browser, path, ready=False)
        page = visit.page
        if page.locator("#graph").count():
            page.wait_for_selector("body[data-ready=true]", state="attached", timeout=30_000)
        # hover over every highlighted span and table row, click every node of the network
        for mark in page.locator("mark").all()[:20]:
            mark.hover()
        if page.locator("#graph").count():
            for node in page.evaluate("graphNodes.getIds()"):
                page.evaluate("(id) => network.emit('click', {nodes: [id], edges: []})", node)
        assert page.evaluate("window.__pwned") is None, path.name
        assert page.locator("body img, body script:not([src]):not([type])").count() == 0
        assert visit.dialogs == [] and visit.errors == [] and visit.refused == [], path.name
        page.close()


def test_entity_page_draws_its_neighbourhood(browser, hostile, tmp_path):
    write_pages(hostile, tmp_path)
    visit = open_offline(browser, tmp_path / "entities" / f"{page_slug(IRAN)}.html")
    page = visit.page
    assert page.text_content("h1").strip() == "Iran"
    data = page.evaluate("JSON.parse(document.getElementById('graph-data').textContent)")
    assert page.evaluate("network.body.data.nodes.length") == len(data["nodes"])
    assert page.evaluate("network.body.data.edges.length") == len(data["edges"])
    assert len(page.evaluate("network.getPositions()")) == len(data["nodes"])
    rows = page.locator("section.kind-denial tbody tr")
    assert rows.count() == 1
    assert rows.locator("td.evidence").text_content() == HOSTILE_SENTENCE
    colours = {
        kind: page.locator(f"section.kind-{kind}").evaluate(
            "(s) => getComputedStyle(s).borderLeftColor"
        )
        for kind in ("fact", "denial", "intent")
    }
    assert len(set(colours.values())) == 3  # each kind is visibly different
    page.evaluate("(id) => network.emit('doubleClick', {nodes: [id], edges: []})", RUSSIA)
    page.wait_for_url(f"**/entities/{page_slug(RUSSIA)}.html")
    assert visit.errors == [] and visit.refused == []
    page.close()


def test_a_big_graph_page_puts_back_what_it_leaves_out(browser, hostile, tmp_path, monkeypatch):
    # a big graph's page leaves tooltips, styles and repeated article fields out of its data and
    # works them out in the browser: they must come out as the small graph's page writes them
    from graphbuild.render import page as page_module

    network = random_network(2500, 2000, seed=9)
    for k, (_, _, attrs) in enumerate(network.edges(data=True)):
        # most statements carry their article's date, some an event date of their own
        attrs["date"] = f"2020-01-{int(attrs['doc'][1:]) % 28 + 1:02d}" if k % 7 else "2019-12-31"
        attrs["role"] = ("object", "object", "recipient", "")[k % 4]
    network.add_nodes_from(hostile.nodes(data=True))
    network.add_edges_from(hostile.edges(keys=True, data=True))
    compact = write_pages(network, tmp_path / "compact")[0]
    monkeypatch.setattr(page_module, "BIG_GRAPH", 10**9)
    whole = embedded_data(write_pages(network, tmp_path / "whole")[0].read_text("utf-8"))
    assert len(compact.read_bytes()) < 0.7 * len((tmp_path / "whole" / "index.html").read_bytes())
    kinds = {(e["polarity"], e["modality"], bool(e["attribution"])) for e in whole["edges"]}
    assert len(kinds) >= 4 and any("smooth" in e for e in whole["edges"])

    visit = open_offline(browser, compact)
    assert visit.errors == [] and visit.dialogs == []
    nodes = {n["id"]: n for n in visit.page.evaluate("graphNodes.get()")}
    edges = {e["id"]: e for e in visit.page.evaluate("graphEdges.get()")}
    assert len(nodes) == len(whole["nodes"]) and len(edges) == len(whole["edges"])
    for want in whole["nodes"]:
        got = nodes[want["id"]]
        for name in ("title", "font", "iri", "wikidata", "aliases", "page"):
            assert got[name] == want[name], (want["id"], name)
    for want in whole["edges"]:
        got = edges[want["id"]]
        for name in ("from", "to", "statement", "title", "color", "dashes", "doc_title", "url"):
            assert got[name] == want[name], (want["id"], name)
        for name in ("date", "polarity", "modality", "attribution", "role", "smooth"):
            assert got.get(name) == want.get(name), (want["id"], name)
        assert abs(got["width"] - want["width"]) < 0.011
    assert visit.page.evaluate("window.__pwned") is None
    visit.page.close()

"""The pages of real graphs: the seed article's statements written to a store and read back,
and the seed article built by the real pipeline."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from browser_util import CHROMIUM, launch, open_offline
from networks import embedded_data
from samples import seed_graph

from graphbuild import pipeline
from graphbuild.folder import GraphFolder
from graphbuild.graph.network import entity_network, page_facts
from graphbuild.graph.store import GraphStore
from graphbuild.ingest import read
from graphbuild.render import page_slug, write_pages

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_a95de5eb2c9af007.txt"


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


# --- the seed article built by the real pipeline, its pages opened in the browser ---------


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory) -> Path:
    """graphbuild build seeds/: the real pipeline and store, with its pages."""
    out = tmp_path_factory.mktemp("seed-build")
    pipeline.build([SEED], out)
    return out


@pytest.fixture(scope="module")
def seed_network(seed_build):
    with GraphFolder(seed_build).open_store(read_only=True) as store:
        return entity_network(store), page_facts(store)


def test_seed_build_has_every_entity_and_article_page(seed_build, seed_network):
    network, facts = seed_network
    assert network.number_of_edges() > 5
    entities = {page_slug(n) for n in network if network.degree(n)}
    assert {p.stem for p in (seed_build / "entities").glob("*.html")} == entities
    assert [p.stem for p in (seed_build / "articles").glob("*.html")] == [page_slug(SEED.stem)]
    assert list(facts.articles) == [SEED.stem]


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed")
def test_seed_pages_in_the_browser_show_the_graphs_statements(seed_build, seed_network):
    from playwright.sync_api import sync_playwright

    network, facts = seed_network
    with sync_playwright() as playwright:
        browser = launch(playwright)
        visit = open_offline(browser, seed_build / "index.html")
        page = visit.page
        assert page.evaluate("graphNodes.length") == network.number_of_nodes()
        assert page.evaluate("graphEdges.length") == network.number_of_edges()
        assert page.evaluate("network.body.data.nodes.length") == network.number_of_nodes()
        page.fill("#search-input", "Iran")
        page.press("#search-input", "Enter")
        [found] = page.evaluate("network.getSelectedNodes()")
        assert network.nodes[found]["label"] == "Iran"
        assert visit.errors == [] and visit.refused == []
        page.close()
        # each entity page lists exactly the statements the graph has for it
        for iri in sorted(n for n in network if network.degree(n))[:12]:
            visit = open_offline(browser, seed_build / "entities" / f"{page_slug(iri)}.html")
            rows = visit.page.eval_on_selector_all(
                "table.statements tbody tr", "(rows) => rows.map((r) => r.dataset.statement)"
            )
            own = {k for u, v, k in network.edges(keys=True) if iri in (u, v)}
            as_argument = {
                s.iri for s in facts.statements.values() if iri in {a.target for a in s.arguments}
            }
            assert own <= set(rows) <= own | as_argument, iri
            assert visit.errors == [] and visit.refused == [] and visit.dialogs == []
            visit.page.close()
        # the article page highlights every statement of the article
        visit = open_offline(
            browser, seed_build / "articles" / f"{page_slug(SEED.stem)}.html", ready=False
        )
        marked = visit.page.eval_on_selector_all(
            "mark.hl", "(marks) => marks.flatMap((m) => m.dataset.statements.split(' '))"
        )
        listed = visit.page.locator("ol.statements-summary li").count()
        assert listed == len(facts.statements)
        assert {int(n) for n in marked} == set(range(1, listed + 1))
        first = visit.page.locator("mark.hl").first
        first.hover()
        number = first.get_attribute("data-statements").split()[0]
        summary = visit.page.text_content(f"#statement-{number} .summary")
        assert f"{number}. {summary}" in first.get_attribute("title")
        # the whole article is there, word for word, not only the sentences with statements
        shown = visit.page.text_content(".article-text")
        (article,) = read([SEED])
        assert shown.split() == article.text.split()
        assert visit.errors == [] and visit.refused == []
        visit.page.close()
        browser.close()

"""Build and open the graph pages: build time, size, and how soon the overview is usable.

For a synthetic entity network (default 5,000 entities, 20,000 statements, 1,000 articles) and,
with ``--graph OUT``, for a built graph folder, prints:

- the time to write every page (overview, entity pages, article pages) and their total size;
- the time of an incremental rewrite after one article is added, against the full write;
- the overview's ready time in headless Chromium (``file://``, every other request refused),
  from navigation until the network is drawn, against a baseline page in the same run that
  draws the same nodes and edges at the same positions with bare vis-network (no filters, no
  search, no details);
- the time one filter change takes once the page is ready.

    python benchmarks/pages_bench.py [--nodes 5000] [--edges 20000] [--graph graph-out]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
BASE = "https://w3id.org/graphbuild/id/"


def synthetic(n_nodes: int, n_edges: int, n_articles: int, seed: int = 1) -> Any:
    """A random entity network with the attributes ``entity_network`` gives, hubs included."""
    import networkx as nx

    rng = random.Random(seed)
    types = ["Person", "Organization", "GovernmentBody", "Country", "City", "Concept", "Weapon"]
    relations = ["supply", "meet", "attack", "say", "sign", "visit", "sanction", "elect"]
    g = nx.MultiDiGraph()
    for i in range(n_nodes):
        g.add_node(
            f"{BASE}e/{i}",
            label=f"Entity {i}",
            type=rng.choice(types),
            iri=f"{BASE}e/{i}",
            wikidata="",
            aliases="",
            articles=rng.randint(1, 5),
        )
    for j in range(n_edges):
        # preferential: low numbers are hubs, as in news
        a = min(int(rng.paretovariate(1.2)) - 1, n_nodes - 1)
        b = rng.randrange(n_nodes)
        doc = j % n_articles
        g.add_edge(
            f"{BASE}e/{a}",
            f"{BASE}e/{b}",
            key=f"{BASE}statement/d{doc}/s{j}",
            label=rng.choice(relations),
            predicate="",
            sentence="A sentence of about twenty words that the statement was read from, "
            "with a name or two and a date.",
            doc=f"d{doc}",
            title=f"Article {doc}",
            url="",
            confidence=round(rng.random(), 3),
            polarity="negative" if rng.random() < 0.1 else "positive",
            modality=rng.choice(["asserted", "asserted", "asserted", "intended"]),
            attribution="",
            role="object",
            date=f"2020-{1 + doc % 12:02d}-{1 + doc % 28:02d}",
        )
    return g


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def baseline_page(out: Path) -> Path:
    """The same graph drawn by bare vis-network: nodes at the overview's positions."""
    text = (out / "index.html").read_text(encoding="utf-8")
    start = text.index('id="graph-data">') + len('id="graph-data">')
    data = json.loads(text[start : text.index("</script>", start)])
    shown = [n for n in data["nodes"] if n["rank"] < data["layout"]["max_shown"]]
    nodes = [{k: n[k] for k in ("id", "label", "x", "y", "color", "size")} for n in shown]
    ids = {n["id"] for n in nodes}

    def end(value: int | str) -> str:  # a big graph's edges give their ends as node positions
        return data["nodes"][value]["id"] if isinstance(value, int) else value

    ends = [(end(e["from"]), end(e["to"])) for e in data["edges"]]
    edges = [{"from": u, "to": v} for u, v in ends if u in ids and v in ids]
    payload = json.dumps({"nodes": nodes, "edges": edges}).replace("<", "\\u003c")
    page = out / "baseline.html"
    page.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        "<link rel='stylesheet' href='assets/vis-network.css'></head>"
        "<body style='margin:0'><div id='g' style='width:1280px;height:800px'></div>"
        f"<script type='application/json' id='d'>{payload}</script>"
        "<script src='assets/vis-network.min.js'></script><script>"
        "var d=JSON.parse(document.getElementById('d').textContent);"
        "var n=new vis.Network(document.getElementById('g'),"
        "{nodes:new vis.DataSet(d.nodes),edges:new vis.DataSet(d.edges)},"
        "{physics:{enabled:false},layout:{improvedLayout:false},edges:{smooth:false},"
        "interaction:{hideEdgesOnDrag:true}});"
        "n.once('afterDrawing',function(){document.body.setAttribute('data-ready','true')});"
        "</script></body></html>",
        encoding="utf-8",
    )
    return page


def open_ready(browser: Any, path: Path) -> tuple[float, Any]:
    """Seconds from navigation until ``body[data-ready]``, and the open page."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort(),
    )
    started = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=300_000)
    seconds = time.perf_counter() - started
    if errors:
        raise SystemExit(f"{path.name}: console errors: {errors[:3]}")
    return seconds, page


def measure_browser(out: Path, repeat: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    base = baseline_page(out)
    results: dict[str, list[float]] = {"overview": [], "baseline": [], "filter": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        for _ in range(repeat):
            seconds, page = open_ready(browser, base)
            results["baseline"].append(seconds)
            page.close()
            seconds, page = open_ready(browser, out / "index.html")
            results["overview"].append(seconds)
            started = time.perf_counter()
            page.select_option("#filter-relation", index=1)
            page.evaluate("network.redraw()")
            results["filter"].append(time.perf_counter() - started)
            page.close()
        browser.close()
    return {name: min(values) for name, values in results.items()}


def report(name: str, out: Path, build_s: float, incremental_s: float | None, repeat: int) -> None:
    files, size = folder_size(out)
    entities = len(list((out / "entities").glob("*.html")))
    articles = len(list((out / "articles").glob("*.html")))
    overview = (out / "index.html").stat().st_size
    print(f"== {name}")
    print(f"pages: 1 overview + {entities:,} entity + {articles:,} article pages")
    print(f"build, all pages: {build_s:.1f} s; total size {size / 1e6:.1f} MB in {files:,} files")
    print(f"overview page: {overview / 1e6:.2f} MB")
    if incremental_s is not None:
        print(
            f"incremental rewrite after adding one article (20 statements): {incremental_s:.2f} s "
            f"({incremental_s / build_s:.3f} of the full write)"
        )
    if CHROMIUM.exists():
        timing = measure_browser(out, repeat)
        print(
            f"overview ready in {timing['overview']:.2f} s; bare vis-network, same graph: "
            f"{timing['baseline']:.2f} s (ratio {timing['overview'] / timing['baseline']:.2f}); "
            f"one filter change: {timing['filter']:.2f} s"
        )
    else:
        print(f"{CHROMIUM} not found: no browser timings")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=5000, help="synthetic entities")
    parser.add_argument("--edges", type=int, default=20000, help="synthetic statements")
    parser.add_argument("--articles", type=int, default=1000, help="synthetic articles")
    parser.add_argument("--graph", type=Path, help="also a built graph folder (build OUT)")
    parser.add_argument("--repeat", type=int, default=3, help="browser runs (best is kept)")
    parser.add_argument("--keep", type=Path, help="write the synthetic pages here and keep them")
    args = parser.parse_args(argv)

    from graphbuild.render import write_pages

    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp) / "synthetic"
        if out.exists():
            shutil.rmtree(out)
        network = synthetic(args.nodes, args.edges, args.articles)
        started = time.perf_counter()
        write_pages(network, out)
        build_s = time.perf_counter() - started
        # one more article: 20 statements between existing entities
        rng = random.Random(2)
        for j in range(20):
            network.add_edge(
                f"{BASE}e/{rng.randrange(args.nodes)}",
                f"{BASE}e/{rng.randrange(args.nodes)}",
                key=f"{BASE}statement/new/s{j}",
                **{**next(iter(network.edges(data=True)))[2], "doc": "new", "title": "New"},
            )
        started = time.perf_counter()
        rewritten = write_pages(network, out, changed={"new"})
        incremental_s = time.perf_counter() - started
        print(f"incremental rewrite: {len(rewritten)} pages written (the overview included)")
        report(
            f"synthetic: {args.nodes:,} entities, {args.edges:,} statements, "
            f"{args.articles:,} articles",
            out,
            build_s,
            incremental_s,
            args.repeat,
        )
        if args.graph:
            from graphbuild.folder import GraphFolder
            from graphbuild.graph.network import entity_network, page_facts

            folder = GraphFolder(args.graph)
            with folder.open_store(read_only=True) as store:
                started = time.perf_counter()
                network, facts = entity_network(store), page_facts(store)
                read_s = time.perf_counter() - started
            target = Path(tmp) / "corpus"
            started = time.perf_counter()
            write_pages(network, target, facts=facts)
            build_s = time.perf_counter() - started
            print(f"(reading the network and page facts from the store: {read_s:.1f} s)")
            report(
                f"{args.graph}: {network.number_of_nodes():,} entities, "
                f"{network.number_of_edges():,} statements, {len(facts.articles):,} articles",
                target,
                build_s,
                None,
                args.repeat,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

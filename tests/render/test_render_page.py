"""The overview page: offline, complete, escaped, laid out at build time, and drawn without
touching its input."""

from __future__ import annotations

import copy
import re
import time
from collections import Counter

import networkx as nx
import pytest
from networks import (
    BAD,
    BARE,
    HOSTILE_SENTENCE,
    IMG,
    IRAN,
    KRYVYI,
    LONG_SENTENCE,
    RUSSIA,
    SCRIPT,
    embedded_data,
    random_network,
    statement,
)

from graphbuild.errors import GraphbuildError, OutputError
from graphbuild.render import PAGE, graph_data, page_slug, render_page, write_pages

REMOTE = [
    re.compile(r"""\b(?:src|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I),
    re.compile(r"""<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?//""", re.I),
    re.compile(r"""url\(\s*["']?\s*(?:https?:)?//""", re.I),
    re.compile(r"""@import""", re.I),
]


def scripts(page: str) -> list[tuple[str, str]]:
    """(attributes, content) of every script element."""
    return re.findall(r"<script\b([^>]*)>(.*?)</script>", page, flags=re.S | re.I)


@pytest.fixture
def page(hostile, tmp_path) -> str:
    path = write_pages(hostile, tmp_path, title='News <graph> & "friends"')[0]
    assert path == tmp_path / PAGE
    return path.read_text(encoding="utf-8")


def local_references(page: str) -> list[str]:
    return re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', page)


@pytest.mark.parametrize("pattern", REMOTE, ids=lambda p: p.pattern[:24])
def test_page_has_no_remote_reference(page, pattern):
    assert pattern.search(page) is None


def test_page_loads_shared_assets_and_declares_a_strict_policy(page, tmp_path):
    found = scripts(page)
    assert [attrs.strip() for attrs, _ in found] == [
        'type="application/json" id="graph-data"',
        'src="assets/vis-network.min.js"',
        'src="assets/overview.js"',
    ]
    assert [code for _, code in found[1:]] == ["", ""]  # no inline code at all
    for ref in local_references(page):
        assert (tmp_path / ref).is_file(), ref
    assert "new vis.Network" in (tmp_path / "assets" / "overview.js").read_text()
    assert "vis-network" in (tmp_path / "assets" / "vis-network.min.js").read_text()[:2000]
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    policy = policy.replace("&#39;", "'")
    assert "default-src 'none'" in policy and "unsafe-eval" not in policy
    assert "script-src 'self';" in policy and "connect-src 'none'" in policy


def test_every_node_and_edge_is_in_the_page(hostile, page):
    data = embedded_data(page)
    assert sorted(n["id"] for n in data["nodes"]) == sorted(hostile.nodes)
    drawn = Counter((e["from"], e["to"], e["statement"]) for e in data["edges"])
    assert drawn == Counter((u, v, k) for u, v, k in hostile.edges(keys=True))
    assert len({e["id"] for e in data["edges"]}) == hostile.number_of_edges()
    assert data["counts"] == {"nodes": 7, "edges": 8, "articles": 5}
    assert "7 entities · 8 statements · 5 articles" in page


def test_hostile_text_is_never_markup(page):
    head, _, body = page.partition("</head>")
    assert "<title>News &lt;graph&gt; &amp; &#34;friends&#34;</title>" in head
    assert "<h1>News &lt;graph&gt; &amp; &#34;friends&#34;</h1>" in body
    for raw in (SCRIPT, IMG, "<img", "<b>Weird", 'onerror="window'):
        assert raw not in page
    assert len(scripts(page)) == 3
    data_text = re.search(r'id="graph-data">(.*?)</script>', page, re.S).group(1)
    assert not set("<>&") & set(data_text)
    assert "\u2028" not in data_text
    assert "&lt;b&gt;Weird &amp; &#34;type&#34;&lt;/b&gt;" in page  # legend row, escaped


def test_text_reaches_the_page_unchanged(hostile, page):
    """Escaping is for transport only: the data holds exactly the graph's text."""
    data = embedded_data(page)
    nodes = {n["id"]: n for n in data["nodes"]}
    edges = {(e["statement"], e["to"]): e for e in data["edges"]}
    assert nodes[BAD]["label"] == IMG and nodes[BAD]["aliases"] == SCRIPT
    assert nodes[KRYVYI]["label"] == hostile.nodes[KRYVYI]["label"]
    hostile_edge = edges[(statement(2), RUSSIA)]
    assert hostile_edge["sentence"] == HOSTILE_SENTENCE
    assert hostile_edge["doc_title"] == SCRIPT and hostile_edge["doc"] == "001_<doc>"
    assert edges[(statement(5), BAD)]["label"] == SCRIPT
    assert edges[(statement(3), RUSSIA)]["sentence"] == LONG_SENTENCE


@pytest.mark.parametrize(
    "key, target, url",
    [
        (2, RUSSIA, ""),  # javascript: link dropped
        (1, RUSSIA, "https://example.org/a?x=1&y=2"),
        (4, KRYVYI, ""),
    ],
)
def test_only_web_links_are_kept(page, key, target, url):
    edges = {(e["statement"], e["to"]): e for e in embedded_data(page)["edges"]}
    assert edges[(statement(key), target)]["url"] == url


def test_tooltips_are_plain_text_and_short(page):
    data = embedded_data(page)
    edges = {(e["statement"], e["to"]): e for e in data["edges"]}
    long_title = edges[(statement(3), RUSSIA)]["title"]
    assert len(long_title) < 600 and "…" in long_title
    assert "intended" in long_title and f"according to {IMG}" in long_title
    assert "negative · asserted · according to Iran" in edges[(statement(2), RUSSIA)]["title"]
    recipient = edges[(statement(1), RUSSIA)]["title"]
    assert recipient.startswith("Iran — supply → Russia (recipient)\n")
    assert "confidence 0.81" in recipient
    node = next(n for n in data["nodes"] if n["id"] == IRAN)
    assert node["title"].split("\n")[:2] == ["Iran", "Country"]
    assert node["wikidata"] == "http://www.wikidata.org/entity/Q794"
    assert next(n for n in data["nodes"] if n["id"] == BAD)["wikidata"] == ""


@pytest.mark.parametrize(
    "polarity, modality, dashes, muted",
    [
        ("positive", "asserted", False, False),
        ("positive", "intended", [10, 6], True),
        ("positive", "question", [10, 6], True),
        ("negative", "asserted", [2, 5], True),
        ("negative", "expected", [2, 5], True),
    ],
)
def test_edge_style_follows_polarity_and_modality(polarity, modality, dashes, muted):
    g = nx.MultiDiGraph()
    g.add_edge("urn:a", "urn:b", key="urn:s", label="r", polarity=polarity, modality=modality)
    [edge] = graph_data(g)["edges"]
    assert edge["dashes"] == dashes
    assert (edge["color"]["color"] == "#a9a9a9") is muted


def test_node_colour_and_size(hostile):
    data = graph_data(hostile)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes[IRAN]["color"] == nodes[RUSSIA]["color"] == "#59a14f"
    assert nodes[RUSSIA]["size"] > nodes[IRAN]["size"] > nodes[BARE]["size"]
    fonts = [nodes[key]["font"]["size"] for key in (RUSSIA, IRAN, BARE)]
    assert fonts == sorted(fonts, reverse=True) and fonts[0] > fonts[2] >= 14
    assert nodes[BARE]["label"] == "bare" and nodes[BARE]["type"] == "Other"
    legend = {t["type"]: (t["colour"], t["count"]) for t in data["types"]}
    assert legend["Country"] == ("#59a14f", 2)
    assert legend["Other"] == ("#d4d4d4", 1)
    assert legend['<b>Weird & "type"</b>'][0] not in {
        c for c, _ in legend.values() if c != legend['<b>Weird & "type"</b>'][0]
    }


def test_parallel_edges_are_bent_apart(hostile):
    edges = [e for e in graph_data(hostile)["edges"] if {e["from"], e["to"]} == {IRAN, RUSSIA}]
    bends = [e.get("smooth") for e in edges]
    assert bends[0] is None
    assert [b["type"] for b in bends[1:]] == ["curvedCW", "curvedCCW"]
    assert bends[1]["roundness"] == bends[2]["roundness"] > 0


def test_network_is_not_mutated(hostile, tmp_path):
    before = copy.deepcopy(
        (list(hostile.nodes(data=True)), list(hostile.edges(keys=True, data=True)), hostile.graph)
    )
    write_pages(hostile, tmp_path)
    after = (
        list(hostile.nodes(data=True)),
        list(hostile.edges(keys=True, data=True)),
        hostile.graph,
    )
    assert after == before


def test_empty_graph_gives_a_page_that_says_so(tmp_path):
    path = write_pages(nx.MultiDiGraph(), tmp_path / "new" / "folder")[0]
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "The graph is empty" in page and "0 entities · 0 statements · 0 articles" in page
    assert "<script" not in page


def test_page_is_rewritten_in_place(hostile, tmp_path):
    write_pages(nx.MultiDiGraph(), tmp_path)
    write_pages(hostile, tmp_path)
    assert "The graph is empty" not in (tmp_path / PAGE).read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "assets", "entities", PAGE]
    assert not list(tmp_path.rglob(".*.tmp"))


def test_unwritable_output_is_an_output_error(hostile, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError, match="cannot write") as info:
        write_pages(hostile, blocker)
    assert isinstance(info.value, GraphbuildError)
    assert str(blocker) in str(info.value)


def test_big_graph_is_laid_out_at_build_time(record_property):
    network = random_network(5000, 10000)
    started = time.perf_counter()
    page = render_page(network)
    seconds = time.perf_counter() - started
    record_property("render_5k_seconds", round(seconds, 3))
    record_property("page_megabytes", round(len(page.encode()) / 1e6, 2))
    print(f"5,000 nodes / 10,000 edges: {seconds:.2f} s, {len(page.encode()) / 1e6:.1f} MB")
    data = embedded_data(page)
    assert (len(data["nodes"]), len(data["edges"])) == (5000, 10000)
    assert data["options"]["physics"]["enabled"] is False
    positions = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(positions) > 4900  # hardly any two entities on the same spot
    assert data["options"]["interaction"]["hideEdgesOnDrag"] is True


def test_every_entity_and_article_gets_a_page(tmp_path):
    network = random_network(600, 900, seed=5)
    written = write_pages(network, tmp_path)
    pages = {p.stem for p in (tmp_path / "entities").glob("*.html")}
    assert pages == {page_slug(n) for n in network if network.degree(n)}
    docs = {d["doc"] for *_, d in network.edges(data=True)}
    assert {p.stem for p in (tmp_path / "articles").glob("*.html")} == {page_slug(d) for d in docs}
    assert len(written) == 1 + len(pages) + len(docs)
    links = {n["id"]: n["page"] for n in embedded_data((tmp_path / PAGE).read_text())["nodes"]}
    assert all((tmp_path / links[n]).is_file() for n in network if network.degree(n))


def test_positions_are_deterministic(hostile, tmp_path):
    first = embedded_data(render_page(hostile))["nodes"]
    again = embedded_data(render_page(copy.deepcopy(hostile)))["nodes"]
    assert [(n["id"], n["x"], n["y"]) for n in first] == [(n["id"], n["x"], n["y"]) for n in again]


def test_render_page_matches_written_page(hostile, tmp_path):
    path = write_pages(hostile, tmp_path, title="t")[0]
    assert path.read_text(encoding="utf-8") == render_page(hostile, title="t")


def test_any_node_keys_become_string_ids():
    g = nx.MultiDiGraph()
    g.add_edge(1, "urn:b", key=0, label="r")
    g.add_edge(1, 2, key=0)
    data = graph_data(g)
    assert [n["id"] for n in data["nodes"]] == ["1", "urn:b", "2"]
    assert [(e["from"], e["to"], e["statement"]) for e in data["edges"]] == [
        ("1", "urn:b", "0"),
        ("1", "2", "0"),
    ]


def test_nodes_are_ranked_by_degree(hostile):
    nodes = {n["id"]: n for n in graph_data(hostile)["nodes"]}
    assert sorted(n["rank"] for n in nodes.values()) == list(range(len(nodes)))
    assert nodes[IRAN]["rank"] == 1 and nodes[RUSSIA]["rank"] == 0  # 6 and 8 statements
    assert nodes[KRYVYI]["rank"] > nodes[IRAN]["rank"]


@pytest.mark.parametrize(
    "max_shown, control",
    [
        (1500, None),
        (7, None),
        (3, ["3", "7"]),
        (1, ["1", "7"]),
    ],
)
def test_show_control_appears_only_for_bigger_graphs(hostile, max_shown, control):
    page = render_page(hostile, max_shown=max_shown)
    options = re.findall(r'<option value="(\d+)"', page)
    if control is None:
        assert 'id="shown"' not in page and options == []
    else:
        assert options == control
        assert re.search(rf'<option value="{max_shown}" selected>', page)
    assert embedded_data(page)["layout"]["max_shown"] == max_shown
    assert len(embedded_data(page)["nodes"]) == 7  # all entities are in the page regardless

"""The overview page's data (the whole entity network, laid out at build time) and the helpers
every page shares: colours, escaping of script data, the Content-Security-Policy, the assets.

Article text never reaches a page as markup: templates escape every value, script data is JSON
in ``<script type="application/json">`` blocks (with ``<``, ``>`` and ``&`` written as ``\\u``
escapes so no text can close the element), tooltips are plain strings that vis-network shows as
text, and the page scripts build their elements with ``textContent``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections import Counter
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphbuild.errors import OutputError
from graphbuild.graph.iris import RELATION
from graphbuild.render.layout import layout

if TYPE_CHECKING:
    import networkx as nx

PAGE = "index.html"
ASSETS = "assets"
ENTITIES = "entities"
ARTICLES = "articles"

PALETTE: dict[str, str] = {
    "Person": "#4e79a7",
    "Organization": "#f28e2b",
    "GovernmentBody": "#e15759",
    "Country": "#59a14f",
    "City": "#8cd17d",
    "Location": "#b6992d",
    "Product": "#76b7b2",
    "Weapon": "#9c755f",
    "Event": "#b07aa1",
    "Concept": "#bab0ac",
}
"""Node colour of each ontology class; other classes take colours from ``EXTRA_COLOURS``."""

EXTRA_COLOURS = ("#edc948", "#ff9da7", "#499894", "#d37295", "#86bcb6", "#a0cbe8", "#f1ce63")
OTHER_TYPE = "Other"
OTHER_COLOUR = "#d4d4d4"

EDGE_COLOUR = "#5b6b7a"
"""Colour of positive, asserted statements."""
MUTED_COLOUR = "#a9a9a9"
"""Colour of negative or non-asserted statements (drawn dashed as well)."""
HIGHLIGHT_COLOUR = "#222222"
"""Colour of a selected statement."""

MAX_TOOLTIP_SENTENCE = 280

EXAMPLE_QUERY = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
# Who did what to whom: the direct triples, which exist for positive, asserted statements only.
# The DISTINCT subqueries count a triple or a label once even when several articles hold it.
SELECT ?subject ?relation ?object WHERE {{
  {{ SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?p), "{RELATION}")) }} }}
  {{ SELECT DISTINCT ?p ?relation WHERE {{ ?p rdfs:label ?relation }} }}
  {{ SELECT DISTINCT ?s ?subject WHERE {{ ?s rdfs:label ?subject }} }}
  {{ SELECT DISTINCT ?o ?object WHERE {{ ?o rdfs:label ?object }} }}
}}
ORDER BY ?subject ?relation ?object
LIMIT 100
"""
"""The query the SPARQL form starts with."""

MAX_SHOWN = 2000
"""Entities drawn when the overview opens (the most connected ones); more are a click away."""

SHOWN_CHOICES = (500, 2000, 5000, 10000)

BIG_GRAPH = 4000
"""Nodes + edges from which the pages draw more cheaply: no edge labels (the relation is in
the tooltip and the details), no hover highlighting, edges hidden while dragging, and the
evidence only in the tooltip (its entity pages have it in full)."""

_VIS_DIR = "lib/vis-9.1.2"
_URL_SCHEMES = ("http://", "https://")


def graph_data(
    network: nx.MultiDiGraph,
    *,
    max_shown: int = MAX_SHOWN,
    pages: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The overview's data: vis-network nodes (with positions), edges and options, type
    colours, the values the filters offer, and counts.

    Every node and every edge of ``network`` appears once. Edge ids are ``e0``, ``e1``, ...
    since one statement may give several edges (to its object and to its arguments). Each
    node has a ``rank``: 0 for the most connected entity, then down by degree and label; the
    page first draws the nodes ranked below ``max_shown``. ``pages`` maps node ids to the
    address of their entity page, relative to the overview.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("https://ex.org/Iran", label="Iran", type="Country")
    >>> g.add_edge("https://ex.org/Iran", "https://ex.org/drone", key="urn:s1", label="supply")
    'urn:s1'
    >>> data = graph_data(g)
    >>> [(n["label"], n["type"]) for n in data["nodes"]]
    [('Iran', 'Country'), ('drone', 'Other')]
    >>> [(e["from"], e["label"], e["to"], e["statement"]) for e in data["edges"]]
    [('https://ex.org/Iran', 'supply', 'https://ex.org/drone', 'urn:s1')]
    """
    pages = pages or {}
    degree = dict(network.degree())
    colours = type_colours(node_type(attrs) for _, attrs in network.nodes(data=True))
    labels: dict[str, str] = {}
    nodes = []
    for key, attrs in network.nodes(data=True):
        node = _node(text(key), attrs, degree.get(key, 0), colours)
        node["page"] = pages.get(node["id"], "")
        labels[node["id"]] = node["label"]
        nodes.append(node)
    ranked = sorted(range(len(nodes)), key=lambda i: (-nodes[i]["degree"], nodes[i]["label"], i))
    number = {}
    for rank, i in enumerate(ranked):
        nodes[i]["rank"] = rank
        number[nodes[i]["id"]] = rank
    max_shown = max(1, max_shown)
    edges = []
    articles: dict[str, dict[str, str]] = {}
    parallel: Counter[tuple[str, str]] = Counter()
    bends: list[int] = []
    for index, (u, v, key, attrs) in enumerate(network.edges(keys=True, data=True)):
        source, target = text(u), text(v)
        pair = (min(source, target), max(source, target))
        edges.append(edge_data(index, source, target, key, attrs, labels, parallel[pair]))
        bends.append(parallel[pair])
        parallel[pair] += 1
        doc = text(attrs.get("doc"))
        if doc and doc not in articles:
            url = web_link(text(attrs.get("url")))
            articles[doc] = {"id": doc, "title": text(attrs.get("title")), "url": url}
    positions = layout(len(nodes), [(number[e["from"]], number[e["to"]]) for e in edges])
    for node in nodes:
        node["x"], node["y"] = positions[node["rank"]]
    type_counts = Counter(node["type"] for node in nodes)
    dates = sorted(e["date"][:10] for e in edges if e["date"])
    data = {
        "nodes": nodes,
        "edges": edges,
        "types": [
            {"type": name, "colour": colour, "count": type_counts[name]}
            for name, colour in colours.items()
        ],
        "relations": _counted(e["relation"] for e in edges),
        "polarities": _counted(e["polarity"] for e in edges),
        "modalities": _counted(e["modality"] for e in edges),
        "articles": sorted(articles.values(), key=lambda a: (a["title"] or a["id"], a["id"])),
        "dates": {"first": dates[0] if dates else "", "last": dates[-1] if dates else ""},
        "counts": {"nodes": len(nodes), "edges": len(edges), "articles": len(articles)},
        "options": vis_options(len(nodes) + len(edges)),
        "style": {"edge": EDGE_COLOUR, "muted": MUTED_COLOUR, "highlight": HIGHLIGHT_COLOUR},
        "layout": {"max_shown": max_shown},
    }
    if len(nodes) + len(edges) > BIG_GRAPH:
        index = {node["id"]: i for i, node in enumerate(nodes)}
        for node in nodes:
            _compact_node(node)
        usual_dates: dict[str, Counter[str]] = {}
        for edge in edges:
            usual_dates.setdefault(edge["doc"], Counter())[edge["date"]] += 1
        for doc, article in articles.items():
            article["date"] = usual_dates[doc].most_common(1)[0][0]
        data["statement_prefix"] = prefix = shared_prefix([e["statement"] for e in edges])
        data["usual"] = _USUAL
        for edge, rank in zip(edges, bends, strict=True):
            _compact_edge(edge, index, rank, prefix, articles.get(edge["doc"]))
    return data


def _compact_node(node: dict[str, Any]) -> None:
    """Leave out of a big graph's node what the page works out again (``expandNode`` in
    overview.js): its tooltip, label size, and the IRI and empty fields."""
    del node["title"], node["font"]
    if node["iri"] == node["id"]:
        del node["iri"]
    for name in ("wikidata", "aliases", "page"):
        if not node[name]:
            del node[name]


def _compact_edge(
    edge: dict[str, Any],
    index: Mapping[str, int],
    rank: int,
    prefix: str,
    article: Mapping[str, str] | None,
) -> None:
    """Leave out of a big graph's edge what the page works out again (``expandEdge`` in
    overview.js) or does not need: the id (``e`` and its place), the drawn label (measuring
    thousands of them is what makes drawing slow), the tooltip and style (from the other
    fields), the article's title and link, and the date when it is the article's usual one
    (in ``articles``), the predicate IRI, the usual values (positive, asserted, object, no
    source); the statement IRI loses the ``prefix`` all of them share, the ends become
    positions in ``nodes``, a bend the number of the parallel edge, and the evidence is kept
    shortened, as the tooltip shows it."""
    sentence = edge.pop("sentence")
    for name in _WORKED_OUT:
        del edge[name]
    edge["statement"] = edge["statement"][len(prefix) :]
    if article is not None and edge["date"] == article["date"]:
        del edge["date"]
    if sentence:
        edge["quote"] = shorten(sentence, MAX_TOOLTIP_SENTENCE)
    for name, usual in _USUAL.items():
        if edge[name] == usual:
            del edge[name]
    edge["from"], edge["to"] = index[edge["from"]], index[edge["to"]]
    if edge.pop("smooth", None):
        edge["bend"] = rank


def shared_prefix(iris: list[str]) -> str:
    """The start that all ``iris`` share, up to and with its last ``/``.

    >>> shared_prefix(["https://ex.org/statement/d1/s1", "https://ex.org/statement/d2/s1"])
    'https://ex.org/statement/'
    >>> shared_prefix([])
    ''
    """
    if not iris:
        return ""
    first, last = min(iris), max(iris)  # what these two share, every one shares
    length = 0
    while length < min(len(first), len(last)) and first[length] == last[length]:
        length += 1
    return first[: first.rfind("/", 0, length) + 1]


_WORKED_OUT = ("id", "label", "title", "color", "dashes", "width", "predicate", "doc_title", "url")
"""Edge fields a big graph's page leaves out whatever they hold (see ``_compact_edge``)."""

_USUAL = {"attribution": "", "polarity": "positive", "modality": "asserted", "role": "object"}
"""Edge fields a big graph's page leaves out when they hold these values (the page is told
them, as ``usual``)."""


def _counted(values: Any) -> list[dict[str, Any]]:
    """``[{"value", "count"}]``, the most frequent first."""
    counts = Counter(values)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [{"value": value, "count": count} for value, count in ordered]


def _node(key: str, attrs: Mapping[str, Any], degree: int, colours: dict[str, str]) -> dict:
    label = text(attrs.get("label")) or iri_tail(key)
    type_ = node_type(attrs)
    articles = _int(attrs.get("articles"))
    aliases = text(attrs.get("aliases"))
    wikidata = web_link(text(attrs.get("wikidata")))
    lines = [label, type_, f"{plural(articles, 'article')} · {plural(degree, 'statement')}"]
    if aliases:
        lines.append(f"also: {aliases}")
    if wikidata:
        lines.append(f"Wikidata: {iri_tail(wikidata)}")
    return {
        "id": key,
        "label": label,
        "type": type_,
        "color": colours[type_],
        "size": round(min(60.0, 8 + 5 * math.sqrt(degree)), 1),
        # hubs get larger labels, so theirs stay readable when the whole graph is in view
        "font": {"size": round(min(72.0, 14 + 8 * math.sqrt(degree)))},
        "title": "\n".join(lines),
        "iri": text(attrs.get("iri")) or key,
        "wikidata": wikidata,
        "aliases": aliases,
        "articles": articles,
        "degree": degree,
    }


def edge_data(
    index: int,
    source: str,
    target: str,
    key: Any,
    attrs: Mapping[str, Any],
    labels: Mapping[str, str],
    rank: int = 0,
) -> dict:
    """One statement edge as vis-network draws it, with what the details panel and the
    filters need; ``rank`` > 0 bends the ``rank``-th parallel edge of a pair apart."""
    relation = text(attrs.get("label")) or iri_tail(text(attrs.get("predicate")))
    polarity = text(attrs.get("polarity")) or "positive"
    modality = text(attrs.get("modality")) or "asserted"
    attribution = text(attrs.get("attribution"))
    sentence = text(attrs.get("sentence"))
    doc = text(attrs.get("doc"))
    doc_title = text(attrs.get("title"))
    role = text(attrs.get("role"))
    confidence = as_float(attrs.get("confidence"))
    muted = polarity != "positive" or modality != "asserted"
    lines = [f"{labels.get(source, source)} — {relation} → {labels.get(target, target)}"]
    if role and role != "object":
        lines[0] += f" ({role})"
    if sentence:
        lines.append(f"“{shorten(sentence, MAX_TOOLTIP_SENTENCE)}”")
    if doc_title or doc:
        lines.append(f"Article: {doc_title} [{doc}]" if doc_title else f"Article: {doc}")
    stance = f"{polarity} · {modality}"
    if attribution:
        stance += f" · according to {attribution}"
    lines.append(stance)
    if confidence is not None:
        lines.append(f"confidence {confidence:.2f}")
    edge: dict[str, Any] = {
        "id": f"e{index}",
        "from": source,
        "to": target,
        "label": relation,
        "relation": relation,
        "title": "\n".join(lines),
        "color": {"color": MUTED_COLOUR if muted else EDGE_COLOUR, "highlight": HIGHLIGHT_COLOUR},
        "dashes": dashes(polarity, modality),
        "width": round(1 + 2 * (confidence or 0.0), 2),
        "statement": text(key),
        "predicate": text(attrs.get("predicate")),
        "sentence": sentence,
        "doc": doc,
        "doc_title": doc_title,
        "url": web_link(text(attrs.get("url"))),
        "polarity": polarity,
        "modality": modality,
        "attribution": attribution,
        "role": role,
        "confidence": confidence,
        "date": text(attrs.get("date")),
    }
    if rank:
        edge["smooth"] = bend(rank)
    return edge


def bend(rank: int) -> dict[str, Any]:
    """How the ``rank``-th parallel edge between one pair of nodes is drawn: each one further
    out, alternating sides (as ``expandEdge`` in overview.js draws them from ``rank``)."""
    return {
        "enabled": True,
        "type": "curvedCW" if rank % 2 else "curvedCCW",
        "roundness": round(min(0.9, 0.15 * ((rank + 1) // 2)), 2),
    }


def dashes(polarity: str, modality: str) -> list[int] | bool:
    """Dotted for negated statements, dashed for non-asserted ones, solid otherwise (as
    ``expandEdge`` in overview.js draws the edges of a big graph)."""
    if polarity != "positive":
        return [2, 5]
    return [10, 6] if modality != "asserted" else False


def vis_options(size: int) -> dict[str, Any]:
    """vis-network options: positions come from the build, so physics starts off; big graphs
    (``size`` = nodes + edges) are drawn more cheaply."""
    big = size > BIG_GRAPH
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "nodes": {
            "shape": "dot",
            "font": {"size": 14, "face": "sans-serif"},
            "borderWidth": 1,
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "font": {"size": 11, "align": "middle", "color": "#333333", "strokeWidth": 3},
            "smooth": False,
            "selectionWidth": 2,
        },
        "physics": {
            "enabled": False,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -6000,
                "centralGravity": 0.2,
                "springLength": 140,
                "springConstant": 0.03,
                "damping": 0.4,
                "avoidOverlap": 0.1,
            },
            "stabilization": {"enabled": False},
        },
        "interaction": {
            "hover": not big,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "navigationButtons": False,
            "keyboard": False,
        },
    }


def type_colours(types: Any) -> dict[str, str]:
    """Colour of each type present, in palette order, then other types alphabetically."""
    present = set(types)
    colours = {name: colour for name, colour in PALETTE.items() if name in present}
    extra = sorted(present - set(PALETTE) - {OTHER_TYPE})
    for i, name in enumerate(extra):
        colours[name] = EXTRA_COLOURS[i] if i < len(EXTRA_COLOURS) else OTHER_COLOUR
    if OTHER_TYPE in present:
        colours[OTHER_TYPE] = OTHER_COLOUR
    return colours


def shown_choices(total: int, max_shown: int) -> list[int]:
    """The "show the N most connected entities" choices, when the graph has more than that."""
    if total <= max_shown:
        return []
    return [*sorted({n for n in (*SHOWN_CHOICES, max_shown) if n < total}), total]


def node_type(attrs: Mapping[str, Any]) -> str:
    return text(attrs.get("type")) or OTHER_TYPE


def text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def web_link(url: str) -> str:
    """``url`` when it is an http(s) address, else "" (no ``javascript:`` links)."""
    url = url.strip()
    return url if url.lower().startswith(_URL_SCHEMES) else ""


def _int(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def as_float(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def iri_tail(iri: str) -> str:
    """The last path segment or fragment of an IRI, for display.

    >>> iri_tail("https://w3id.org/graphbuild/id/country/Iran")
    'Iran'
    """
    tail = re.split(r"[/#]", iri.rstrip("/#"))[-1]
    return tail.replace("_", " ") or iri


def shorten(value: str, limit: int) -> str:
    """``value`` cut at a word boundary to at most ``limit`` characters, with an ellipsis.

    >>> shorten("one two three", 9)
    'one two…'
    """
    value = " ".join(value.split())
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut) + "…"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else many or word + 's'}"


def json_for_script(data: Any) -> str:
    """JSON that can sit inside a ``<script>`` element whatever strings it holds.

    >>> json_for_script({"s": "</script><b>&"})
    '{"s":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    dumped = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        dumped = dumped.replace(char, escape)
    return dumped


PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'none'; base-uri 'none'; "
    "form-action 'none'"
)
"""The pages' Content-Security-Policy: scripts and styles only from the pages' own folder (the
shared ``assets/``), nothing from the network, no inline script."""


def query_page(*, title: str = "graphbuild SPARQL query") -> str:
    """The HTML text of a small SPARQL query form that posts to ``sparql`` beside it.

    The server shows it at ``/sparql`` to browsers that ask without a query.

    >>> "<textarea" in query_page()
    True
    """
    query_js = _inline(asset_text("static", "query.js"))
    values = {
        "title": html.escape(title),
        "csp": _csp([query_js], connect="'self'"),
        "page_css": _inline(asset_text("static", "page.css")),
        "query": html.escape(EXAMPLE_QUERY),
        "query_js": query_js,
    }
    return _fill(asset_text("templates", "query.html"), values)


def _inline(code: str) -> str:
    """Script or style text made safe to inline (no early end of its element)."""
    return re.sub(r"</(script|style)", r"<\\/\1", code, flags=re.IGNORECASE)


def _csp(scripts: list[str], *, connect: str = "'none'") -> str:
    """A Content-Security-Policy allowing only this page's own inline scripts and styles."""
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
        for s in scripts
    )
    return (
        "default-src 'none'; "
        f"script-src {hashes or chr(39) + 'none' + chr(39)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:; "
        f"connect-src {connect}; base-uri 'none'; form-action 'none'"
    )


_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def _fill(template: str, values: dict[str, str]) -> str:
    """Replace ``{{name}}`` placeholders in one pass, so inserted text is never re-read (the
    query form's template only; the graph pages are Jinja2 templates)."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def asset_text(folder: str, name: str) -> str:
    """A file of this package's ``templates`` or ``static`` folder."""
    return resources.files("graphbuild.render").joinpath(folder, name).read_text(encoding="utf-8")


def vis_asset(name: str) -> str:
    """A file of the vis-network build shipped in the pyvis package (pyvis is not imported)."""
    from importlib.util import find_spec

    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise OutputError("cannot write the graph pages: the pyvis package is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / _VIS_DIR / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write the graph pages: cannot read {path}: {exc}") from exc

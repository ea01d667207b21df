"""The entity network as one self-contained, offline HTML page (vis-network, as shipped by pyvis).

The page carries everything it needs: the vis-network script and style from the pyvis package,
its own small script and style, and the graph as JSON data. It loads nothing from the network,
and a Content-Security-Policy forbids it to.

Article text never reaches the page as markup: the graph data is JSON (with ``<``, ``>`` and
``&`` written as ``\\u`` escapes so no text can close the script element), tooltips are plain
strings that vis-network shows as text, and the details panel builds its elements with
``textContent``.
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

if TYPE_CHECKING:
    import networkx as nx

PAGE = "index.html"

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

MAX_TOOLTIP_SENTENCE = 280
SMALL_GRAPH = 150
"""Up to this many nodes vis-network's slower, nicer initial layout is used."""

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

MAX_SHOWN = 1500
"""Entities drawn when the page opens (the most connected ones); more are a click away."""

SHOWN_CHOICES = (500, 1500, 3000, 6000)

LAYOUT_BUDGET_MS = 4000
"""Time the browser spends on the initial layout at most, whatever the number of iterations."""

_VIS_DIR = "lib/vis-9.1.2"
_URL_SCHEMES = ("http://", "https://")


def write_pages(
    network: nx.MultiDiGraph,
    out_dir: Path | str,
    *,
    title: str = "graphbuild",
    max_shown: int = MAX_SHOWN,
) -> list[Path]:
    """Write ``out_dir/index.html`` showing the whole entity network; return the paths written.

    ``network`` is read, never changed. The page works without any network connection.

    Parameters
    ----------
    network
        The entity network: nodes keyed by entity IRI, edges keyed by statement IRI, with the
        attributes described in :func:`graphbuild.graph.network.entity_network`.
    out_dir
        The output folder; created when missing.
    title
        Shown as the page title and heading.
    max_shown
        How many entities, the most connected first, the page draws when it opens; a control
        on the page shows more or all of them, and search finds any entity. Every entity and
        statement is in the page whatever this number.

    Examples
    --------
    >>> import networkx as nx, tempfile
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("urn:x:iran", "urn:x:russia", key="urn:x:s1", label="supply")
    'urn:x:s1'
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [p.name for p in write_pages(g, Path(tmp))]
    ['index.html']
    """
    out_dir = Path(out_dir)
    page = render_page(network, title=title, max_shown=max_shown)
    path = out_dir / PAGE
    tmp = path.with_name(f".{PAGE}.tmp")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        tmp.write_text(page, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return [path]


def render_page(
    network: nx.MultiDiGraph, *, title: str = "graphbuild", max_shown: int = MAX_SHOWN
) -> str:
    """The HTML text of the page for ``network`` (see :func:`write_pages`).

    >>> import networkx as nx
    >>> "The graph is empty" in render_page(nx.MultiDiGraph())
    True
    """
    data = graph_data(network, max_shown=max_shown)
    counts = data["counts"]
    values = {
        "title": html.escape(title),
        "counts": html.escape(
            f"{_plural(counts['nodes'], 'entity', 'entities')} · "
            f"{_plural(counts['edges'], 'statement')} · {_plural(counts['articles'], 'article')}"
        ),
    }
    if not counts["nodes"]:
        values["csp"] = _csp([])
        values["page_css"] = _inline(_asset("static", "page.css"))
        return _fill(_asset("templates", "empty.html"), values)
    page_js = _inline(_asset("static", "page.js"))
    vis_js = _inline(_vis_asset("vis-network.min.js"))
    values |= {
        "csp": _csp([vis_js, page_js]),
        "vis_css": _inline(_vis_asset("vis-network.css")),
        "page_css": _inline(_asset("static", "page.css")),
        "legend": _legend(data["types"]),
        "shown": _shown_control(counts["nodes"], data["layout"]["max_shown"]),
        "data": _json_for_script(data),
        "vis_js": vis_js,
        "page_js": page_js,
    }
    return _fill(_asset("templates", "index.html"), values)


def query_page(*, title: str = "graphbuild SPARQL query") -> str:
    """The HTML text of a small SPARQL query form that posts to ``sparql`` beside it.

    The server shows it at ``/sparql`` to browsers that ask without a query.

    >>> "<textarea" in query_page()
    True
    """
    query_js = _inline(_asset("static", "query.js"))
    values = {
        "title": html.escape(title),
        "csp": _csp([query_js], connect="'self'"),
        "page_css": _inline(_asset("static", "page.css")),
        "query": html.escape(EXAMPLE_QUERY),
        "query_js": query_js,
    }
    return _fill(_asset("templates", "query.html"), values)


def graph_data(network: nx.MultiDiGraph, *, max_shown: int = MAX_SHOWN) -> dict[str, Any]:
    """The page's data: vis-network nodes, edges and options, type colours and counts.

    Every node and every edge of ``network`` appears once. Edge ids are ``e0``, ``e1``, ...
    since one statement may give several edges (to its object and to its arguments). Each
    node has a ``rank``: 0 for the most connected entity, then down by degree and label; the
    page first draws the nodes ranked below ``max_shown``.

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
    degree = dict(network.degree())
    colours = _type_colours(_node_type(attrs) for _, attrs in network.nodes(data=True))
    labels: dict[str, str] = {}
    nodes = []
    for key, attrs in network.nodes(data=True):
        node = _node(_text(key), attrs, degree.get(key, 0), colours)
        labels[node["id"]] = node["label"]
        nodes.append(node)
    ranked = sorted(range(len(nodes)), key=lambda i: (-nodes[i]["degree"], nodes[i]["label"], i))
    for rank, i in enumerate(ranked):
        nodes[i]["rank"] = rank
    max_shown = max(1, max_shown)
    edges = []
    docs: set[str] = set()
    parallel: Counter[tuple[str, str]] = Counter()
    for index, (u, v, key, attrs) in enumerate(network.edges(keys=True, data=True)):
        source, target = _text(u), _text(v)
        pair = (min(source, target), max(source, target))
        edges.append(_edge(index, source, target, key, attrs, labels, parallel[pair]))
        parallel[pair] += 1
        if attrs.get("doc"):
            docs.add(str(attrs["doc"]))
    type_counts = Counter(node["type"] for node in nodes)
    return {
        "nodes": nodes,
        "edges": edges,
        "types": [
            {"type": name, "colour": colour, "count": type_counts[name]}
            for name, colour in colours.items()
        ],
        "counts": {"nodes": len(nodes), "edges": len(edges), "articles": len(docs)},
        "options": _options(min(len(nodes), max_shown), len(edges)),
        "layout": {"budget_ms": LAYOUT_BUDGET_MS, "max_shown": max_shown},
    }


def _node(key: str, attrs: Mapping[str, Any], degree: int, colours: dict[str, str]) -> dict:
    label = _text(attrs.get("label")) or _iri_tail(key)
    type_ = _node_type(attrs)
    articles = _int(attrs.get("articles"))
    aliases = _text(attrs.get("aliases"))
    wikidata = _text(attrs.get("wikidata"))
    lines = [label, type_, f"{_plural(articles, 'article')} · {_plural(degree, 'statement')}"]
    if aliases:
        lines.append(f"also: {aliases}")
    if wikidata:
        lines.append(f"Wikidata: {_iri_tail(wikidata)}")
    return {
        "id": key,
        "label": label,
        "type": type_,
        "color": colours[type_],
        "size": round(min(60.0, 8 + 5 * math.sqrt(degree)), 1),
        # hubs get larger labels, so theirs stay readable when the whole graph is in view
        "font": {"size": round(min(72.0, 14 + 8 * math.sqrt(degree)))},
        "title": "\n".join(lines),
        "iri": _text(attrs.get("iri")) or key,
        "wikidata": wikidata if wikidata.startswith(_URL_SCHEMES) else "",
        "aliases": aliases,
        "articles": articles,
        "degree": degree,
    }


def _edge(
    index: int,
    source: str,
    target: str,
    key: Any,
    attrs: Mapping[str, Any],
    labels: dict[str, str],
    rank: int,
) -> dict:
    relation = _text(attrs.get("label")) or _iri_tail(_text(attrs.get("predicate")))
    polarity = _text(attrs.get("polarity")) or "positive"
    modality = _text(attrs.get("modality")) or "asserted"
    attribution = _text(attrs.get("attribution"))
    sentence = _text(attrs.get("sentence"))
    doc = _text(attrs.get("doc"))
    doc_title = _text(attrs.get("title"))
    url = _text(attrs.get("url"))
    role = _text(attrs.get("role"))
    confidence = _float(attrs.get("confidence"))
    muted = polarity != "positive" or modality != "asserted"
    lines = [f"{labels.get(source, source)} — {relation} → {labels.get(target, target)}"]
    if role and role != "object":
        lines[0] += f" ({role})"
    if sentence:
        lines.append(f"“{_shorten(sentence, MAX_TOOLTIP_SENTENCE)}”")
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
        "title": "\n".join(lines),
        "color": {"color": MUTED_COLOUR if muted else EDGE_COLOUR, "highlight": "#222222"},
        "dashes": _dashes(polarity, modality),
        "width": round(1 + 2 * (confidence or 0.0), 2),
        "statement": _text(key),
        "predicate": _text(attrs.get("predicate")),
        "sentence": sentence,
        "doc": doc,
        "doc_title": doc_title,
        "url": url if url.startswith(_URL_SCHEMES) else "",
        "polarity": polarity,
        "modality": modality,
        "attribution": attribution,
        "role": role,
        "confidence": confidence,
    }
    if rank:
        # Parallel edges between one pair of nodes: bend each one further out, alternating sides.
        edge["smooth"] = {
            "enabled": True,
            "type": "curvedCW" if rank % 2 else "curvedCCW",
            "roundness": round(min(0.9, 0.15 * ((rank + 1) // 2)), 2),
        }
    return edge


def _dashes(polarity: str, modality: str) -> list[int] | bool:
    """Dotted for negated statements, dashed for non-asserted ones, solid otherwise."""
    if polarity != "positive":
        return [2, 5]
    return [10, 6] if modality != "asserted" else False


def _options(n_nodes: int, n_edges: int) -> dict[str, Any]:
    """vis-network options: bounded stabilization, cheaper drawing for big graphs."""
    big = n_nodes + n_edges > 4000
    iterations = max(100, min(1000, 300_000 // max(n_nodes, 1)))
    return {
        "autoResize": True,
        "layout": {"improvedLayout": n_nodes <= SMALL_GRAPH, "randomSeed": 7},
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
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -6000,
                "centralGravity": 0.2,
                "springLength": 140,
                "springConstant": 0.03,
                "damping": 0.4,
                "avoidOverlap": 0.1,
            },
            "maxVelocity": 40,
            "minVelocity": 0.75,
            "stabilization": {
                "enabled": True,
                "iterations": iterations,
                "updateInterval": 5 if big else 25,
            },
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


def _type_colours(types: Any) -> dict[str, str]:
    """Colour of each type present, in palette order, then other types alphabetically."""
    present = set(types)
    colours = {name: colour for name, colour in PALETTE.items() if name in present}
    extra = sorted(present - set(PALETTE) - {OTHER_TYPE})
    for i, name in enumerate(extra):
        colours[name] = EXTRA_COLOURS[i] if i < len(EXTRA_COLOURS) else OTHER_COLOUR
    if OTHER_TYPE in present:
        colours[OTHER_TYPE] = OTHER_COLOUR
    return colours


def _legend(types: list[dict[str, Any]]) -> str:
    """The legend's type rows: a checkbox (type filter), a swatch, the name and the count."""
    rows = []
    for item in types:
        name = html.escape(item["type"], quote=True)
        rows.append(
            f'<li><label><input type="checkbox" class="type-filter" value="{name}" checked> '
            f'<span class="swatch" style="background:{item["colour"]}"></span> '
            f'{name} <span class="count">{item["count"]}</span></label></li>'
        )
    return "\n".join(rows)


def _shown_control(total: int, max_shown: int) -> str:
    """The "show the N most connected entities" selector, when the graph has more than that."""
    if total <= max_shown:
        return ""
    choices = sorted({n for n in (*SHOWN_CHOICES, max_shown) if n < total})
    options = [
        f'<option value="{n}"{" selected" if n == max_shown else ""}>'
        f"the {n:,} most connected</option>"
        for n in choices
    ]
    options.append(f'<option value="{total}">all {total:,}</option>')
    return (
        '<label class="shown">Show <select id="shown">'
        + "".join(options)
        + "</select> entities</label>"
    )


def _node_type(attrs: Mapping[str, Any]) -> str:
    return _text(attrs.get("type")) or OTHER_TYPE


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _int(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def _float(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _iri_tail(iri: str) -> str:
    """The last path segment or fragment of an IRI, for display.

    >>> _iri_tail("https://w3id.org/graphbuild/id/country/Iran")
    'Iran'
    """
    tail = re.split(r"[/#]", iri.rstrip("/#"))[-1]
    return tail.replace("_", " ") or iri


def _shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis.

    >>> _shorten("one two three", 9)
    'one two…'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut) + "…"


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else plural or word + 's'}"


def _json_for_script(data: Any) -> str:
    """JSON that can sit inside a ``<script>`` element whatever strings it holds.

    >>> _json_for_script({"s": "</script><b>&"})
    '{"s":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


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
    """Replace ``{{name}}`` placeholders in one pass, so inserted text is never re-read."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def _asset(folder: str, name: str) -> str:
    return resources.files("graphbuild.render").joinpath(folder, name).read_text(encoding="utf-8")


def _vis_asset(name: str) -> str:
    """A file of the vis-network build shipped in the pyvis package (pyvis is not imported)."""
    from importlib.util import find_spec

    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise OutputError("cannot write the graph page: the pyvis package is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / _VIS_DIR / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write the graph page: cannot read {path}: {exc}") from exc

"""All graph pages of a build folder: the overview, one page per entity, one per article.

====================  =========================================================================
``index.html``        the overview: the whole entity network, filters, search
``entities/*.html``   one page per entity with at least one statement
``articles/*.html``   one page per article
``assets/``           vis-network and the pages' own scripts and styles, written once
====================  =========================================================================

Pages are Jinja2 templates with autoescaping; data for the page scripts sits in JSON blocks.
Every page works from ``file://`` with no network connection. A rewrite given the ids of the
changed articles renders only the pages those articles touch (see :func:`write_pages`); a page
whose text is unchanged is never rewritten.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphbuild.errors import OutputError
from graphbuild.graph.network import ArticleView, PageFacts, StatementView
from graphbuild.render import page as common
from graphbuild.render.layout import layout, radial
from graphbuild.render.page import ARTICLES, ASSETS, ENTITIES, MAX_SHOWN, PAGE

if TYPE_CHECKING:
    from concurrent.futures import Future

    import jinja2
    import networkx as nx

MANIFEST = "pages.json"
"""In ``assets/``: which entities each article's statements touch, for incremental rewrites."""

KINDS = {
    "fact": "Facts",
    "claim": "Claims (according to a source)",
    "denial": "Denials and negations",
    "intent": "Intents, expectations and other non-facts",
}
"""Statement kinds in the order entity pages list them."""

NEIGHBOURHOOD_NODES = 80
NEIGHBOURHOOD_EDGES = 150
"""Most nodes and edges an entity page's own network draws."""
PAGE_SHARE = 64
"""Pages in each share of the work ``write_pages`` hands out to helpers."""
HEAD_EDGES = 4
"""Statements of each neighbour an entity page's network draws (its first ones), so that a
change elsewhere in a hub's statements leaves the pages of the hub's neighbours alone."""
_SMALL_EDGE_KEYS = ("id", "from", "to", "label", "title", "color", "dashes", "width", "smooth")

ARTICLE_SCRIPTS = ("vis-network.min.js", "small.js")
_STATIC = ("page.css", "overview.js", "small.js")
_VIS = ("vis-network.min.js", "vis-network.css")


def write_pages(
    network: nx.MultiDiGraph,
    out_dir: Path | str,
    *,
    title: str = "graphbuild",
    max_shown: int = MAX_SHOWN,
    facts: PageFacts | None = None,
    changed: Collection[str] | None = None,
    helper: Callable[[list[tuple[str, str]]], Future[list[Path]]] | None = None,
) -> list[Path]:
    """Write the overview, the entity pages and the article pages; return the paths written
    (the overview first, then only pages whose text changed).

    ``network`` is read, never changed.

    Parameters
    ----------
    network
        The entity network (:func:`graphbuild.graph.network.entity_network`).
    out_dir
        The output folder; created when missing.
    title
        Shown as the overview's title and heading.
    max_shown
        How many entities, the most connected first, the overview draws when it opens.
    facts
        Every article and statement with surface texts and offsets
        (:func:`graphbuild.graph.network.page_facts`); without it the pages use what the
        network's edges carry (evidence sentences, no offsets, only articles with statements).
    changed
        Ids of the articles added, changed or removed since the pages were last written, or
        None to render every page. Given, only those articles' pages and the pages of the
        entities their statements (old and new) touch, with their neighbours, are rendered.
    helper
        Starts writing some of the pages elsewhere (another process, with a ``Site`` of the
        same graph): given ``write_some_pages`` keys, it returns the future of their
        ``write_some_pages`` result. The pages are handed out in shares of ``PAGE_SHARE``;
        this process writes the shares no helper has started, from the last one back.

    Examples
    --------
    >>> import networkx as nx, tempfile
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("urn:x:iran", "urn:x:russia", key="urn:x:s1", label="supply", doc="a1")
    'urn:x:s1'
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [p.relative_to(tmp).as_posix() for p in write_pages(g, Path(tmp))][:1]
    ['index.html']
    """
    out = Path(out_dir)
    facts = facts if facts is not None else facts_from_network(network)
    site = Site(network, facts)
    written: list[Path] = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, content in _assets().items():
            _write(out / ASSETS / name, content)
        manifest = _read_manifest(out)
        # every page draws the type colours: a class that moves another's colour redraws all
        if (
            changed is None
            or manifest.get("version") != _version()
            or manifest.get("colours") != site.colours
        ):
            docs, entities = set(site.article_pages), set(site.entity_pages)
            _remove_stale(out / ENTITIES, set(site.entity_pages.values()))
            _remove_stale(out / ARTICLES, set(site.article_pages.values()))
        else:
            docs, entities = site.touched(set(changed), manifest)
            for doc in set(changed) - set(site.article_pages):
                (out / ARTICLES / f"{page_slug(doc)}.html").unlink(missing_ok=True)
            for iri in entities - set(site.entity_pages):
                (out / ENTITIES / f"{page_slug(iri)}.html").unlink(missing_ok=True)
            entities &= set(site.entity_pages)
        overview = out / PAGE
        _write(overview, site.overview(title, max_shown))
        written.append(overview)
        keys = [("entity", iri) for iri in sorted(entities)]
        keys += [("article", doc) for doc in sorted(docs & set(site.article_pages))]
        written.extend(_write_shared(site, out, keys, helper))
        _write(out / ASSETS / MANIFEST, site.manifest())
    except OSError as exc:
        where = getattr(exc, "filename", None) or out
        raise OutputError(f"cannot write {where}: {exc.strerror or exc}") from exc
    return written


def write_some_pages(site: Site, out: Path, keys: Iterable[tuple[str, str]]) -> list[Path]:
    """Write the pages ``keys`` of ``site`` into the folder ``out``: ``("entity", IRI)`` or
    ``("article", id)``; return the paths of those whose text changed."""
    written = []
    for kind, key in keys:
        if kind == "entity":
            folder, slugs, render = ENTITIES, site.entity_pages, site.entity_page
        else:
            folder, slugs, render = ARTICLES, site.article_pages, site.article_page
        path = out / folder / f"{slugs[key]}.html"
        if _write(path, render(key)):
            written.append(path)
    return written


def _write_shared(
    site: Site,
    out: Path,
    keys: list[tuple[str, str]],
    helper: Callable[[list[tuple[str, str]]], Future[list[Path]]] | None,
) -> list[Path]:
    """``write_some_pages`` of ``keys``, shared with ``helper`` (see ``write_pages``); the
    paths are in the order of ``keys`` whoever wrote them."""
    shares = [keys[i : i + PAGE_SHARE] for i in range(0, len(keys), PAGE_SHARE)]
    if helper is None or len(shares) < 2:
        return write_some_pages(site, out, keys)
    futures = [helper(share) for share in shares]
    done: dict[int, list[Path]] = {}
    for i in reversed(range(len(shares))):  # the helpers start from the first share
        if futures[i].cancel():
            done[i] = write_some_pages(site, out, shares[i])
    return [
        path
        for i, future in enumerate(futures)
        for path in (done[i] if i in done else future.result())
    ]


def render_page(
    network: nx.MultiDiGraph, *, title: str = "graphbuild", max_shown: int = MAX_SHOWN
) -> str:
    """The HTML text of the overview page for ``network`` (see :func:`write_pages`).

    >>> import networkx as nx
    >>> "The graph is empty" in render_page(nx.MultiDiGraph())
    True
    """
    return Site(network, facts_from_network(network)).overview(title, max_shown)


def page_slug(key: str) -> str:
    """The file name (without ``.html``) of the page of an entity IRI or an article id: a
    readable ASCII part and a short hash, so different keys never share a page.

    >>> page_slug("https://w3id.org/graphbuild/id/country/Iran")
    'Iran-43eca286'
    >>> page_slug("001_<doc>")
    '001__doc-35d993df'
    """
    tail = key.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", tail).strip("._-")[:48] or "page"
    return f"{readable}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}"


def statement_kind(polarity: str, modality: str, attribution: str) -> str:
    """``fact``, ``claim`` (asserted by a named source), ``denial`` (negated) or ``intent``
    (any non-asserted modality).

    >>> statement_kind("positive", "asserted", ""), statement_kind("negative", "asserted", "")
    ('fact', 'denial')
    """
    if polarity != "positive":
        return "denial"
    if modality != "asserted":
        return "intent"
    return "claim" if attribution else "fact"


def facts_from_network(network: nx.MultiDiGraph) -> PageFacts:
    """Page facts made from the network's edges alone (no offsets, no argument lists)."""
    articles: dict[str, ArticleView] = {}
    statements: dict[str, StatementView] = {}
    labels = {common.text(n): common.text(a.get("label")) for n, a in network.nodes(data=True)}
    for u, v, key, attrs in network.edges(keys=True, data=True):
        doc = common.text(attrs.get("doc"))
        if doc and doc not in articles:
            articles[doc] = ArticleView(
                id=doc,
                iri=doc,
                title=common.text(attrs.get("title")),
                url=common.text(attrs.get("url")),
                date=common.text(attrs.get("date")),
            )
        st = common.text(key)
        if st in statements:
            continue
        statements[st] = edge_statement(u, v, st, attrs)
    return PageFacts(articles=articles, statements=statements, labels=labels)


@dataclass
class Site:
    """The pages of one network: which exist, and the HTML text of each."""

    network: nx.MultiDiGraph
    facts: PageFacts
    entity_pages: dict[str, str] = field(init=False)
    """Entity IRI -> page slug, for every entity with a statement."""
    article_pages: dict[str, str] = field(init=False)
    """Article id -> page slug."""

    def __post_init__(self) -> None:
        net = self.network
        self.nodes = {common.text(n): attrs for n, attrs in net.nodes(data=True)}
        self.edges: list[tuple[str, str, str, Mapping[str, Any]]] = [
            (common.text(u), common.text(v), common.text(k), a)
            for u, v, k, a in net.edges(keys=True, data=True)
        ]
        self.incident: dict[str, list[int]] = defaultdict(list)
        self.by_doc: dict[str, list[int]] = defaultdict(list)
        for i, (u, v, _, attrs) in enumerate(self.edges):
            self.incident[u].append(i)
            if v != u:
                self.incident[v].append(i)
            self.by_doc[common.text(attrs.get("doc"))].append(i)
        self.entity_pages = {iri: page_slug(iri) for iri in sorted(self.incident)}
        docs = set(self.facts.articles) | {d for d in self.by_doc if d}
        self.article_pages = {doc: page_slug(doc) for doc in sorted(docs)}
        self.colours = common.type_colours(common.node_type(a) for a in self.nodes.values())
        self.degree = {iri: len(edges) for iri, edges in self.incident.items()}
        self.doc_statements: dict[str, list[StatementView]] = defaultdict(list)
        self.mentions: dict[str, set[str]] = defaultdict(set)
        self.argument_of: dict[str, list[StatementView]] = defaultdict(list)
        self.doc_entities: dict[str, set[str]] = defaultdict(set)
        for st in self.facts.statements.values():
            self.doc_statements[st.doc].append(st)
            for iri in (st.subject, st.object, *(a.target for a in st.arguments)):
                if iri:
                    self.mentions[iri].add(st.doc)
                    self.doc_entities[st.doc].add(iri)
            for arg in st.arguments:
                if arg.target and arg.target not in (st.subject, st.object):
                    self.argument_of[arg.target].append(st)

    # -- which pages an incremental rewrite renders ---------------------------------------

    def touched(self, changed: set[str], old: Mapping[str, Any]) -> tuple[set[str], set[str]]:
        """(article ids, entity IRIs) whose pages the ``changed`` articles touch, given the
        manifest ``old`` of the pages as they are: the articles themselves; the entities of
        their old and new statements and those entities' neighbours (whose own networks draw
        the edges of their neighbours); and, for an entity that gained or lost its page or
        changed its label, every page that names it."""
        old_articles = old.get("articles", {})
        old_labels = old.get("labels", {})
        old_pages = set(old.get("pages", ()))
        docs = set(changed)
        ends: set[str] = set()
        for doc in changed:
            ends.update(old_articles.get(doc, ()))
            ends.update(self.doc_entities.get(doc, ()))
            for i in self.by_doc.get(doc, ()):
                ends.update(self.edges[i][:2])
        entities = set(ends)
        old_heads = old.get("heads", {})
        for iri in ends:
            # its neighbours draw its first statements: touched when those come from `changed`
            if (set(old_heads.get(iri, ())) | self.head_docs(iri)) & changed:
                entities |= self.neighbours({iri})
            if old_labels.get(iri) != self.label(iri) or (iri in old_pages) != (
                iri in self.entity_pages
            ):
                docs |= self.mentions.get(iri, set())
                for doc in self.mentions.get(iri, ()):
                    entities |= self.doc_entities.get(doc, set())
                near = self.neighbours({iri})
                entities |= near | self.neighbours(near)
        return docs, entities

    def head_docs(self, iri: str) -> set[str]:
        """The articles of the statements of ``iri`` that its neighbours' pages draw."""
        heads = self.incident.get(iri, [])[:HEAD_EDGES]
        return {common.text(self.edges[i][3].get("doc")) for i in heads}

    def neighbours(self, iris: Iterable[str]) -> set[str]:
        """The entities that share a network edge with any of ``iris``."""
        found: set[str] = set()
        for iri in iris:
            for i in self.incident.get(iri, ()):
                found.update(self.edges[i][:2])
        return found

    def manifest(self) -> str:
        articles: dict[str, list[str]] = {}
        for doc in sorted(set(self.by_doc) | set(self.doc_entities)):
            if doc:
                ends = {e for i in self.by_doc.get(doc, ()) for e in self.edges[i][:2]}
                articles[doc] = sorted(ends | self.doc_entities.get(doc, set()))
        shown = sorted(set(self.mentions) | set(self.entity_pages))
        return (
            json.dumps(
                {
                    "version": _version(),
                    "colours": self.colours,
                    "articles": articles,
                    "pages": sorted(self.entity_pages),
                    "heads": {iri: sorted(self.head_docs(iri)) for iri in self.entity_pages},
                    "labels": {iri: self.label(iri) for iri in shown},
                },
                ensure_ascii=False,
                indent=0,
            )
            + "\n"
        )

    # -- shared pieces ----------------------------------------------------------------------

    def label(self, iri: str) -> str:
        attrs = self.nodes.get(iri)
        found = common.text(attrs.get("label")) if attrs else ""
        return found or self.facts.labels.get(iri, "") or common.iri_tail(iri)

    def entity_href(self, iri: str, root: str) -> str:
        slug = self.entity_pages.get(iri)
        return f"{root}{ENTITIES}/{slug}.html" if slug else ""

    def article_href(self, doc: str, root: str) -> str:
        slug = self.article_pages.get(doc)
        return f"{root}{ARTICLES}/{slug}.html" if slug else ""

    def small_network(self, edge_ids: list[int], focus: str, root: str) -> dict[str, Any]:
        """vis-network data of a few edges, laid out here, each node linking to its page."""
        order: dict[str, int] = {}
        if focus:
            order[focus] = 0
        for i in edge_ids:
            for iri in self.edges[i][:2]:
                order.setdefault(iri, len(order))
        ranked = sorted(order, key=lambda n: (n != focus, order[n]))
        number = {iri: i for i, iri in enumerate(ranked)}
        labels = {iri: self.label(iri) for iri in ranked}
        pairs_of = [(number[self.edges[i][0]], number[self.edges[i][1]]) for i in edge_ids]
        if focus:
            placed = _rings(len(ranked), pairs_of)
            positions = [placed[i] for i in range(len(ranked))]
        else:
            positions = layout(len(ranked), pairs_of, core=len(ranked), steps=40)
        nodes = []
        for iri in ranked:
            attrs = self.nodes.get(iri, {})
            type_ = common.node_type(attrs)
            x, y = positions[number[iri]]
            nodes.append(
                {
                    "id": iri,
                    "label": labels[iri],
                    "title": f"{labels[iri]}\n{type_}",
                    "color": self.colours.get(type_, common.OTHER_COLOUR),
                    "size": 24 if iri == focus else 12,
                    "x": x,
                    "y": y,
                    "page": self.entity_href(iri, root),
                    "borderWidth": 3 if iri == focus else 1,
                }
            )
        pairs: dict[tuple[str, str], int] = defaultdict(int)
        edges = []
        for n, i in enumerate(edge_ids):
            u, v, key, attrs = self.edges[i]
            pair = (min(u, v), max(u, v))
            edge = common.edge_data(n, u, v, key, attrs, labels, pairs[pair])
            edges.append({k: edge[k] for k in _SMALL_EDGE_KEYS if k in edge})
            pairs[pair] += 1
        return {
            "nodes": nodes,
            "edges": edges,
            "options": common.vis_options(len(nodes) + len(edges)),
            "focus": focus,
        }

    def statement_row(
        self, st: StatementView, focus: str, root: str, *, other: str = ""
    ) -> dict[str, Any]:
        """One statement as a row of a statement table: ``focus`` is the page's entity (or
        ""), ``other`` the party the row shows (default: the one that is not ``focus``)."""
        article = self.facts.articles.get(st.doc)
        if other:
            direction = "out"
        elif st.subject == focus:
            direction, other = "out", st.object
        else:
            direction, other = "in", st.subject
        role = ""
        if not other:
            arg = next((a for a in st.arguments if a.target and a.target != focus), None)
            if arg is not None:
                other, role = arg.target, arg.role
        arguments = [
            {
                "role": a.role,
                "text": a.label or a.text,
                "surface": a.text,
                "date": a.date,
                "href": self.entity_href(a.target, root),
            }
            for a in st.arguments
            if a.target not in (focus, other) or not a.target
        ]
        return {
            "statement": st.iri,
            "kind": statement_kind(st.polarity, st.modality, st.attribution),
            "relation": st.relation,
            "direction": direction,
            "other": self.label(other) if other else st.object_text,
            "other_href": self.entity_href(other, root) if other else "",
            "role": role,
            "relation_object": "",
            "arguments": arguments,
            "polarity": st.polarity,
            "modality": st.modality,
            "attribution": st.attribution,
            "confidence": "" if st.confidence is None else f"{st.confidence:.2f}",
            "sentence": st.sentence,
            "date": st.date,
            "doc": st.doc,
            "doc_title": (article.title if article else "") or st.doc,
            "doc_date": article.date if article else "",
            "doc_href": self.article_href(st.doc, root),
            "url": common.web_link(article.url if article else ""),
        }

    # -- the pages --------------------------------------------------------------------------

    def overview(self, title: str, max_shown: int) -> str:
        links = {iri: f"{ENTITIES}/{slug}.html" for iri, slug in self.entity_pages.items()}
        data = common.graph_data(self.network, max_shown=max_shown, pages=links)
        counts = data["counts"]
        summary = (
            f"{common.plural(counts['nodes'], 'entity', 'entities')} · "
            f"{common.plural(counts['edges'], 'statement')} · "
            f"{common.plural(counts['articles'], 'article')}"
        )
        if not counts["nodes"]:
            return _render("empty.html", root="", title=title, counts=summary, scripts=())
        shown = min(data["layout"]["max_shown"], counts["nodes"])
        return _render(
            "index.html",
            root="",
            title=title,
            counts=summary,
            data=data,
            shown=shown,
            choices=common.shown_choices(counts["nodes"], data["layout"]["max_shown"]),
            scripts=("vis-network.min.js", "overview.js"),
        )

    def entity_page(self, iri: str) -> str:
        root = "../"
        attrs = self.nodes.get(iri, {})
        label = self.label(iri)
        statements = self.facts.statements
        rows = []
        seen = set()
        for i in self.incident.get(iri, ()):
            u, v, key, edge = self.edges[i]
            if (key, u, v) in seen:
                continue
            seen.add((key, u, v))
            st = statements.get(key) or self._edge_statement(i)
            other = v if u == iri else u
            row = self.statement_row(st, iri, root, other=other)
            row["direction"] = "self" if u == v else ("out" if u == iri else "in")
            role = common.text(edge.get("role"))
            row["role"] = "" if role == "object" else role
            rows.append(row)
        # statements in which it is only an argument (e.g. the recipient of a delivery)
        for st in self.argument_of.get(iri, ()):
            if st.iri not in {r["statement"] for r in rows}:
                row = self.statement_row(st, iri, root, other=st.subject)
                row["direction"] = "arg"
                row["role"] = next((a.role for a in st.arguments if a.target == iri), "")
                row["relation_object"] = self.label(st.object) if st.object else st.object_text
                rows.append(row)
        rows.sort(key=lambda r: (r["doc_date"], r["doc"], r["relation"], r["statement"]))
        groups = [
            {"kind": kind, "heading": heading, "rows": [r for r in rows if r["kind"] == kind]}
            for kind, heading in KINDS.items()
        ]
        positions = [
            r
            for r in rows
            if r["relation"] == "hold position" and r["direction"] in ("out", "self")
        ]
        timeline = sorted((r for r in rows if r["date"]), key=lambda r: (r["date"], r["relation"]))
        docs = self.mentions.get(iri, set()) | {r["doc"] for r in rows if r["doc"]}
        articles = sorted(
            (self._article_item(doc, root) for doc in docs if doc),
            key=lambda a: (a["date"], a["title"], a["id"]),
            reverse=True,
        )
        wikidata = common.web_link(common.text(attrs.get("wikidata")))
        aliases = [a for a in common.text(attrs.get("aliases")).split("; ") if a]
        return _render(
            "entity.html",
            root=root,
            title=label,
            entity={
                "iri": common.text(attrs.get("iri")) or iri,
                "label": label,
                "type": common.node_type(attrs),
                "colour": self.colours.get(common.node_type(attrs), common.OTHER_COLOUR),
                "aliases": aliases,
                "wikidata": wikidata,
                "wikidata_id": common.iri_tail(wikidata) if wikidata else "",
                "degree": self.degree.get(iri, 0),
            },
            groups=groups,
            positions=positions,
            timeline=timeline,
            articles=articles,
            data=self.small_network(self._neighbourhood(iri), iri, root),
            scripts=ARTICLE_SCRIPTS,
        )

    def article_page(self, doc: str) -> str:
        root = "../"
        item = self._article_item(doc, root)
        statements = sorted(
            self.doc_statements.get(doc, ()) or self._doc_edge_statements(doc),
            key=lambda s: ((s.sentence_span or (0, 0))[0], s.iri),
        )
        numbered = [
            {
                "number": n,
                "summary": self._summary(st),
                "kind": statement_kind(st.polarity, st.modality, st.attribution),
                "row": self.statement_row(st, "", root),
            }
            for n, st in enumerate(statements, start=1)
        ]
        summaries = [s["summary"] for s in numbered]
        article = self.facts.articles.get(doc)
        text = article.text if article is not None else ""
        if text:
            sentences = _highlighted_text(text, statements, summaries)
        else:
            sentences = _highlighted_sentences(statements, summaries)
        edge_ids = self.by_doc.get(doc, [])[:NEIGHBOURHOOD_EDGES]
        return _render(
            "article.html",
            root=root,
            title=item["title"],
            article=item,
            sentences=sentences,
            statements=numbered,
            has_offsets=any(st.sentence_span for st in statements),
            whole_text=bool(text),
            data=self.small_network(edge_ids, "", root) if edge_ids else None,
            scripts=ARTICLE_SCRIPTS if edge_ids else (),
        )

    def _article_item(self, doc: str, root: str) -> dict[str, str]:
        article = self.facts.articles.get(doc) or ArticleView(id=doc, iri=doc)
        return {
            "id": doc,
            "title": article.title or doc,
            "date": article.date,
            "url": common.web_link(article.url),
            "href": self.article_href(doc, root),
        }

    def _summary(self, st: StatementView) -> str:
        head = f"{self.label(st.subject)} — {st.relation}"
        if st.object:
            head += f" → {self.label(st.object)}"
        extra = ", ".join(f"{a.role}: {a.label or a.text}" for a in st.arguments)
        stance = f"{st.polarity} · {st.modality}"
        if st.attribution:
            stance += f" · according to {st.attribution}"
        if st.confidence is not None:
            stance += f" · confidence {st.confidence:.2f}"
        return "\n".join(p for p in (head, extra, stance) if p)

    def _edge_statement(self, i: int) -> StatementView:
        u, v, key, attrs = self.edges[i]
        return edge_statement(u, v, key, attrs)

    def _doc_edge_statements(self, doc: str) -> list[StatementView]:
        found: dict[str, StatementView] = {}
        for i in self.by_doc.get(doc, ()):
            found.setdefault(self.edges[i][2], self._edge_statement(i))
        return list(found.values())

    def _neighbourhood(self, iri: str) -> list[int]:
        """Edges of the entity, then of its neighbours (most connected first), within bounds."""
        chosen: list[int] = []
        seen: set[int] = set()
        nodes = {iri}

        def take(i: int) -> bool:
            if i in seen:
                return True
            ends = set(self.edges[i][:2]) - nodes
            if len(chosen) >= NEIGHBOURHOOD_EDGES or len(nodes) + len(ends) > NEIGHBOURHOOD_NODES:
                return False
            seen.add(i)
            chosen.append(i)
            nodes.update(ends)
            return True

        own = self.incident.get(iri, [])
        for i in own:
            take(i)
        neighbours = dict.fromkeys(e for i in own for e in self.edges[i][:2] if e != iri)
        for other in neighbours:
            for i in self.incident.get(other, [])[:HEAD_EDGES]:
                if not take(i) and len(chosen) >= NEIGHBOURHOOD_EDGES:
                    return chosen
        return chosen


def _rings(n: int, pairs: list[tuple[int, int]]) -> dict[int, tuple[float, float]]:
    """Radial positions of nodes ``0 .. n - 1`` around node 0 by breadth-first distance."""
    neighbours: dict[int, set[int]] = defaultdict(set)
    for a, b in pairs:
        neighbours[a].add(b)
        neighbours[b].add(a)
    parent = {0: -1}
    rings = [[(0, -1)]]
    while rings[-1]:
        ring = []
        for node, _ in rings[-1]:
            for other in sorted(neighbours[node]):
                if other not in parent:
                    parent[other] = node
                    ring.append((other, node))
        rings.append(ring)
    rings.append([(i, 0) for i in range(n) if i not in parent])
    return radial(rings)


def _highlighted_sentences(
    statements: list[StatementView], summaries: list[str]
) -> list[dict[str, Any]]:
    """The article's sentences that hold statements, in text order, each cut into segments;
    a segment inside a statement's subject, relation, object or argument text carries the
    numbers and summaries of those statements."""
    groups: dict[Any, list[int]] = {}
    sentence_of: dict[Any, tuple[str, tuple[int, int] | None]] = {}
    for n, st in enumerate(statements):
        key = st.sentence_span or st.sentence
        groups.setdefault(key, []).append(n)
        sentence_of[key] = (st.sentence, st.sentence_span)
    ordered = sorted(groups, key=lambda k: (k[0], k[1]) if isinstance(k, tuple) else (1e18, 0))
    result = []
    previous_end = None
    for key in ordered:
        sentence, span = sentence_of[key]
        start = span[0] if span else None
        marks: list[tuple[int, int, int, str]] = []
        for n in groups[key]:
            marks.extend((a, b, n, part) for a, b, part in _statement_spans(statements[n], start))
        gap = bool(previous_end is not None and start is not None and start > previous_end + 2)
        result.append(
            {
                "gap": gap,
                "segments": _segments(sentence, marks, summaries),
                "numbers": [n + 1 for n in groups[key]],
            }
        )
        previous_end = span[1] if span else None
    return result


def _highlighted_text(
    text: str, statements: list[StatementView], summaries: list[str]
) -> list[dict[str, Any]]:
    """The article's whole text, a paragraph an item, cut into segments as
    ``_highlighted_sentences`` cuts sentences (statement parts found in their sentence, placed
    by the sentence's offsets); a statement whose sentence is not at its offsets in the text is
    left unmarked."""
    marks: list[tuple[int, int, int, str]] = []
    for n, st in enumerate(statements):
        span = st.sentence_span
        if span is None or text[span[0] : span[1]] != st.sentence:
            continue
        marks.extend(
            (span[0] + a, span[0] + b, n, part) for a, b, part in _statement_spans(st, span[0])
        )
    items = []
    start = 0
    for paragraph in re.split(r"(?<=\n)(?=\s*\S)", text):
        end = start + len(paragraph)
        inside = [
            (max(a, start) - start, min(b, end) - start, n, part)
            for a, b, n, part in marks
            if a < end and b > start
        ]
        items.append(
            {
                "gap": False,
                "paragraph": True,
                "segments": _segments(paragraph, inside, summaries),
                "numbers": sorted({n + 1 for *_, n, _ in inside}),
            }
        )
        start = end
    return items


_PART_ORDER = ("relation", "subject", "object", "argument")


def _statement_spans(st: StatementView, start: int | None) -> list[tuple[int, int, str]]:
    """Character ranges of a statement's parts inside its sentence."""
    sentence = st.sentence
    found: list[tuple[int, int, str]] = []

    def locate(surface: str, part: str, after: int = 0) -> int:
        if not surface:
            return after
        at = sentence.find(surface, after)
        if at < 0:
            at = sentence.find(surface)
        if at >= 0:
            found.append((at, at + len(surface), part))
            return at + len(surface)
        return after

    end = locate(st.subject_text, "subject")
    locate(st.relation_text, "relation", end if st.subject_text else 0)
    locate(st.object_text, "object")
    for arg in st.arguments:
        if arg.span and start is not None:
            a, b = arg.span[0] - start, arg.span[1] - start
            if 0 <= a < b <= len(sentence) and sentence[a:b] == arg.text:
                found.append((a, b, "argument"))
                continue
        locate(arg.text, "argument")
    if not found and sentence:
        found.append((0, len(sentence), "relation"))
    return found


def _segments(
    sentence: str, marks: list[tuple[int, int, int, str]], summaries: list[str]
) -> list[dict[str, Any]]:
    cuts = sorted({0, len(sentence), *(a for a, *_ in marks), *(b for _, b, *_ in marks)})
    segments = []
    for a, b in itertools.pairwise(cuts):
        covering = [(n, part) for x, y, n, part in marks if x <= a and b <= y]
        numbers = sorted({n for n, _ in covering})
        part = min((p for _, p in covering), key=_PART_ORDER.index, default="")
        segments.append(
            {
                "text": sentence[a:b],
                "part": part,
                "numbers": " ".join(str(n + 1) for n in numbers),
                "title": "\n\n".join(f"{n + 1}. {summaries[n]}" for n in numbers),
            }
        )
    return segments


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("graphbuild.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["script_json"] = lambda data: jinja2.filters.Markup(common.json_for_script(data))
    env.globals["csp"] = common.PAGE_CSP
    env.globals["kinds"] = KINDS
    return env


def _render(template: str, **values: Any) -> str:
    return _environment().get_template(template).render(**values)


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    files = {name: common.asset_text("static", name) for name in _STATIC}
    files |= {name: common.vis_asset(name) for name in _VIS}
    return files


@lru_cache(maxsize=1)
def _version() -> str:
    """A hash of the templates and scripts: pages made by other ones are all rewritten."""
    digest = hashlib.sha1()
    for name, content in sorted(_assets().items()):
        digest.update(name.encode() + b"\0" + content.encode("utf-8"))
    for name in sorted(_environment().list_templates()):
        digest.update(name.encode() + b"\0" + common.asset_text("templates", name).encode())
    return digest.hexdigest()[:16]


def _read_manifest(out: Path) -> dict[str, Any]:
    try:
        found = json.loads((out / ASSETS / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _write(path: Path, content: str) -> bool:
    """Write ``content`` unless the file already holds exactly that; True when written."""
    data = content.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def _remove_stale(folder: Path, keep: set[str]) -> None:
    """Delete the pages of a folder that no entity or article has any more."""
    if not folder.is_dir():
        return
    for path in folder.glob("*.html"):
        if path.stem not in keep:
            path.unlink()


def edge_statement(u: Any, v: Any, key: Any, attrs: Mapping[str, Any]) -> StatementView:
    """The statement behind a network edge, from what the edge carries (no offsets, no
    arguments)."""
    return StatementView(
        iri=common.text(key),
        doc=common.text(attrs.get("doc")),
        relation=common.text(attrs.get("label")),
        subject=common.text(u),
        subject_text="",
        relation_text="",
        object=common.text(v),
        sentence=common.text(attrs.get("sentence")),
        polarity=common.text(attrs.get("polarity")) or "positive",
        modality=common.text(attrs.get("modality")) or "asserted",
        attribution=common.text(attrs.get("attribution")),
        confidence=common.as_float(attrs.get("confidence")),
        date=common.text(attrs.get("date")),
    )

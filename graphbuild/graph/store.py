"""The persistent graph: a pyoxigraph store (RocksDB on disk, or in memory).

Every article lives in its own named graph, so rebuilding an article replaces exactly its
statements and removing it leaves the others intact. Two more graphs are kept up to date by
``write`` and ``remove``: the shared entity graph ``{base}graph/entities`` (each entity's type,
label, aliases and Wikidata links, once, derived from the article graphs) and the ontology
graph ``https://w3id.org/graphbuild/ontology`` (see ``graphbuild.graph.shared``). Queries run
over the union of the named graphs (``use_default_graph_as_union``), so a plain
``?s rel:supply ?o`` pattern sees them all and ``?e rdfs:label ?l`` gives each label once.

>>> from graphbuild.records import Article, ArticleGraph
>>> with GraphStore() as store:
...     store.write([ArticleGraph(Article(id="a1", text="Hi."), (), ())])
...     store.articles()
4
{'a1': '17f4444f3932f8a1c554c7cdea92208dbecb03b0173a2b6a79cc2310a05c5fad'}
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graphbuild.errors import QueryError, StoreError
from graphbuild.graph import claims
from graphbuild.graph.iris import DEFAULT_BASE
from graphbuild.graph.rdf import article_quads, graph_iri
from graphbuild.graph.shared import (
    ONTOLOGY_GRAPH,
    VIEW_PREDICATES,
    article_graph_prefix,
    entity_graph_iri,
    entity_graph_quads,
    ontology_graph_quads,
)
from graphbuild.graph.vocab import GB, PREFIXES, RDF, SCHEMA
from graphbuild.records import ArticleGraph

_VIEWS = frozenset(VIEW_PREDICATES)

_ARTICLES = """
SELECT ?id ?hash WHERE {
  GRAPH ?g { ?g a gb:Article ; dcterms:identifier ?id ; gb:contentHash ?hash }
}"""


@dataclass
class Pending:
    """What batch writes leave to derive again (``GraphStore.write_articles``): the entities of
    the shared entity graph and the claim sides (``ClaimKey.side``) of the claims graph."""

    entities: set[ox.NamedNode | ox.BlankNode] = field(default_factory=set)
    claims: set[tuple[str, str, str, str]] = field(default_factory=set)

    def __ior__(self, other: Pending) -> Pending:
        self.entities |= other.entities
        self.claims |= other.claims
        return self


class GraphStore:
    """The article graphs of one build, in a pyoxigraph store.

    Parameters
    ----------
    path
        Folder of the on-disk store (created when missing); ``None`` keeps the store in memory.
    read_only
        Open an existing store for reading only (several readers may share it).

    Raises
    ------
    StoreError
        When the folder is not a graph store, is locked by another process or is damaged.
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self._store: ox.Store | None = self._open()
        self._transactions = 0  # of write_articles and refresh_shared since it was opened

    REFRESH_CHUNK = 500
    """Entities, and claim sides, ``refresh_shared`` derives again in one transaction."""

    RELEASE_EVERY = 16
    """Transactions of ``write_articles`` (batches: with the default batch size, every 256
    articles) and of ``refresh_shared`` (chunks) between two ``release_memory`` calls: a
    writer's memory stays flat however many articles it writes."""

    def _open(self) -> ox.Store:
        if self.path is None:
            if self.read_only:
                raise StoreError("a read-only store needs a path")
            return ox.Store()
        path = self.path
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path}: not a graph store (it is a file, not a folder)")
        is_store = (path / "CURRENT").is_file()
        if path.is_dir() and not is_store and any(path.iterdir()):
            raise StoreError(f"{path}: not a graph store (a folder with other files in it)")
        if self.read_only and not is_store:
            raise StoreError(f"{path}: no graph store there")
        try:
            if self.read_only:
                return ox.Store.read_only(str(path))
            path.mkdir(parents=True, exist_ok=True)
            return ox.Store(str(path))
        except (OSError, RuntimeError, ValueError) as err:
            message = str(err)
            if "lock" in message.lower():
                raise StoreError(
                    f"{path}: the graph store is in use by another process (it is locked); "
                    "close the other graphbuild command or open it read-only"
                ) from None
            raise StoreError(f"{path}: cannot open the graph store: {message}") from None

    @classmethod
    def from_quads(cls, quads: Iterable[ox.Quad]) -> GraphStore:
        """An in-memory store holding exactly ``quads``: no entity or ontology graph is added.

        For quads made elsewhere (a parsed dump, CONSTRUCT results, test data) that are to be
        exported, drawn or validated like a built graph.

        >>> import pyoxigraph as ox
        >>> iran = ox.NamedNode("https://w3id.org/graphbuild/id/country/Iran")
        >>> label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
        >>> len(GraphStore.from_quads([ox.Quad(iran, label, ox.Literal("Iran"))]))
        1
        """
        store = cls()
        store._db.extend(quads)
        return store

    @property
    def _db(self) -> ox.Store:
        """The open pyoxigraph store (it never leaves this class)."""
        if self._store is None:
            raise StoreError(f"{self._name()}: the graph store is closed")
        return self._store

    def _name(self) -> str:
        return str(self.path) if self.path is not None else "in-memory store"

    def _writable(self) -> ox.Store:
        if self.read_only:
            raise StoreError(f"{self._name()}: opened read-only")
        return self._db

    def write(self, graphs: Iterable[ArticleGraph], base: str = DEFAULT_BASE) -> int:
        """Replace the named graph of each article with its new quads, in one transaction.

        Returns the number of article-graph quads written. When an article occurs twice, the
        last one wins. The shared entity graph of ``base`` is derived again from the article
        graphs in the same transaction, and the ontology graph is (re)loaded when it differs
        from ``ontologies/graphbuild.ttl``. New articles whose entity descriptions add to the
        shared graph without changing it are added in bulk; otherwise one SPARQL update drops
        the old graphs and inserts the new quads (slower, but a failure leaves the store as it
        was).
        """
        store = self._writable()
        by_graph: dict[str, list[ox.Quad]] = {}
        for ag in graphs:
            by_graph[graph_iri(ag.article.id, base)] = article_quads(ag, base)
        count = sum(len(quads) for quads in by_graph.values())
        if not by_graph:
            return 0
        try:
            existing = [g for g in by_graph if store.contains_named_graph(ox.NamedNode(g))]
            views = [q for quads in by_graph.values() for q in quads if q.predicate in _VIEWS]
            removed, added = self._entity_changes(base, by_graph.keys(), views)
            gone, made = self._claim_changes(base, existing, by_graph)
            removed, added = removed | gone, added | made
            if not existing and not removed:
                store.extend([*(q for quads in by_graph.values() for q in quads), *added])
            else:
                store.update(_update(existing, removed, [*by_graph.items()], added))
                self._drop_if_empty(entity_graph_iri(base), claims.claims_graph_iri(base))
            self._load_ontology()
        except OSError as err:
            raise StoreError(f"{self._name()}: cannot write the graph: {err}") from None
        return count

    def write_articles(self, graphs: Iterable[ArticleGraph], base: str = DEFAULT_BASE) -> Pending:
        """Replace the named graph of each article, in one transaction, without deriving the
        shared entity graph and the claims graph again; return what they must be derived again
        for.

        For batch writers: call ``refresh_shared`` with the union of the results once the
        batches are written (a writer killed in between must call it with ``None``). Together
        they give the store that ``write`` of the same graphs in the same order gives.
        """
        store = self._writable()
        by_graph: dict[str, list[ox.Quad]] = {}
        for ag in graphs:
            by_graph[graph_iri(ag.article.id, base)] = article_quads(ag, base)
        pending = Pending()
        if not by_graph:
            return pending
        try:
            existing = [g for g in by_graph if store.contains_named_graph(ox.NamedNode(g))]
            pending.entities.update(
                q.subject for quads in by_graph.values() for q in quads if q.predicate in _VIEWS
            )
            pending.entities |= self._view_subjects(existing)
            pending.claims.update(
                r.key.side() for quads in by_graph.values() for r in claims.reports_in(quads)
            )
            pending.claims |= self._claim_sides(existing)
            if not existing:
                _load_new(store, [q for quads in by_graph.values() for q in quads])
            else:
                store.update(_update(existing, (), [*by_graph.items()], ()))
        except OSError as err:
            raise StoreError(f"{self._name()}: cannot write the graph: {err}") from None
        del store  # release_memory closes the database: no other reference may keep it open
        self._committed()
        return pending

    def refresh_shared(self, pending: Pending | None, base: str = DEFAULT_BASE) -> None:
        """Derive the shared entity graph and the claims graph of ``base`` again for what
        ``pending`` names (``None``: all of them) from the article graphs, and (re)load the
        ontology graph when it differs from the packaged one.

        Each entity and each claim side is derived on its own, so they are derived
        ``REFRESH_CHUNK`` at a time, a transaction each: the quads compared and written at
        once stay bounded however many changed. A writer killed part-way leaves some derived
        again and others not; a build notices (``build.json`` still says it was writing) and
        derives them all.
        """
        self._writable()
        if pending is None:
            pending = self._everything(base)
        try:
            for entities in _chunks(sorted(pending.entities, key=str), self.REFRESH_CHUNK):
                removed, added = self._entity_changes(base, (), [], entities)
                if removed or added:
                    self._db.update(_update([], removed, [], added))
                    self._committed()
            for sides in _chunks(sorted(pending.claims), self.REFRESH_CHUNK):
                removed, added = self._derive_claims(base, set(sides), [], ())
                if removed or added:
                    self._db.update(_update([], removed, [], added))
                    self._committed()
            self._drop_if_empty(entity_graph_iri(base), claims.claims_graph_iri(base))
            if next(iter(self._db.quads_for_pattern(None, RDF.type, GB.Article, None)), None):
                self._load_ontology()
        except OSError as err:
            raise StoreError(f"{self._name()}: cannot write the graph: {err}") from None
        self.release_memory()  # what follows (statistics, outputs) starts from a lean store

    def _committed(self) -> None:
        """Count one more transaction; every ``RELEASE_EVERY`` of them, release the memory
        the database took for them. The caller must hold no reference to the database."""
        self._transactions += 1
        if self._transactions % self.RELEASE_EVERY == 0:
            self.release_memory()  # else the database's memory grows with what is written

    def _everything(self, base: str) -> Pending:
        """Every entity and claim side the store describes, in the article graphs or in the
        derived graphs (those may hold leftovers of articles since replaced)."""
        store = self._db
        pending = Pending()
        pending.entities |= self._view_subjects(None)
        entities = ox.NamedNode(entity_graph_iri(base))
        pending.entities.update(
            q.subject for q in store.quads_for_pattern(None, None, None, entities)
        )
        prefix = article_graph_prefix(base)
        graphs = [g.value for g in store.named_graphs() if g.value.startswith(prefix)]
        pending.claims |= self._claim_sides(graphs)
        claims_graph = ox.NamedNode(claims.claims_graph_iri(base))
        claim_nodes = {
            q.subject for q in store.quads_for_pattern(None, RDF.type, GB.Claim, claims_graph)
        }
        for node in claim_nodes:
            parts = {
                q.predicate: q.object.value
                for q in store.quads_for_pattern(node, None, None, claims_graph)
            }
            pending.claims.add(
                (
                    parts.get(GB.claimSubject, ""),
                    parts.get(GB.claimPredicate, ""),
                    parts.get(GB.claimObject, ""),
                    parts.get(GB.claimModality, ""),
                )
            )
        return pending

    def remove(self, doc_id: str, base: str = DEFAULT_BASE) -> bool:
        """Remove an article's named graph; False when the article was not in the store.

        The shared entity graph is derived again in the same transaction (entities no other
        article uses disappear from it). Removing the last article also removes the ontology
        graph, so an emptied store is empty.
        """
        store = self._writable()
        graph = graph_iri(doc_id, base)
        if not store.contains_named_graph(ox.NamedNode(graph)):
            return False
        try:
            entities, claims_graph = entity_graph_iri(base), claims.claims_graph_iri(base)
            removed, added = self._entity_changes(base, {graph}, [])
            gone, made = self._claim_changes(base, [graph], {})
            store.update(_update([graph], removed | gone, [], added | made))
            self._drop_if_empty(entities, claims_graph)
            if next(iter(store.quads_for_pattern(None, RDF.type, GB.Article, None)), None) is None:
                for name in (ONTOLOGY_GRAPH, entities, claims_graph):
                    if store.contains_named_graph(ox.NamedNode(name)):
                        store.remove_graph(ox.NamedNode(name))
        except OSError as err:
            raise StoreError(f"{self._name()}: cannot remove {doc_id!r}: {err}") from None
        return True

    def _entity_changes(
        self,
        base: str,
        skip: Collection[str],
        new_views: list[ox.Quad],
        subjects: Collection[ox.NamedNode | ox.BlankNode] = (),
    ) -> tuple[set[ox.Quad], set[ox.Quad]]:
        """The quads to remove from and to add to the shared entity graph of ``base`` when the
        article graphs ``skip`` are replaced by (or removed in favour of) ``new_views``.

        Only the entities and predicates that the old or new graphs describe can change, and
        each is derived from the views of all its articles, so the result is the same as
        deriving the whole graph again. ``subjects`` are further entities to derive again.
        """
        store = self._db
        prefix = article_graph_prefix(base)
        touched = {quad.subject for quad in new_views} | set(subjects)
        touched |= self._view_subjects(skip)
        views = list(new_views)
        for subject in touched:
            for predicate in VIEW_PREDICATES:
                for quad in store.quads_for_pattern(subject, predicate, None, None):
                    graph = quad.graph_name
                    if (
                        isinstance(graph, ox.NamedNode)
                        and graph.value.startswith(prefix)
                        and graph.value not in skip
                    ):
                        views.append(quad)
        entities = ox.NamedNode(entity_graph_iri(base))
        new = set(entity_graph_quads(views, entities.value))
        old = {q for node in touched for q in store.quads_for_pattern(node, None, None, entities)}
        return old - new, new - old

    def _claim_changes(
        self, base: str, skip: Collection[str], new: dict[str, list[ox.Quad]]
    ) -> tuple[set[ox.Quad], set[ox.Quad]]:
        """The quads to remove from and to add to the claims graph of ``base`` when the article
        graphs ``skip`` are replaced by (or removed in favour of) the graphs ``new``, which are
        not in the store yet."""
        reports = [r for quads in new.values() for r in claims.reports_in(quads)]
        sides = {r.key.side() for r in reports} | self._claim_sides(skip)
        return self._derive_claims(base, sides, reports, {*skip, *new})

    def _view_subjects(self, graphs: Iterable[str] | None) -> set[ox.NamedNode | ox.BlankNode]:
        """The entities and predicates the article graphs ``graphs`` (``None``: every graph)
        have a view of."""
        nodes = [None] if graphs is None else [ox.NamedNode(g) for g in graphs]
        return {
            quad.subject
            for node in nodes
            for predicate in VIEW_PREDICATES
            for quad in self._db.quads_for_pattern(None, predicate, None, node)
        }

    def _claim_sides(self, graphs: Iterable[str]) -> set[tuple[str, str, str, str]]:
        """The claim sides (``ClaimKey.side``) of the statements stored in ``graphs``."""
        sides: set[tuple[str, str, str, str]] = set()
        for graph in graphs:
            found = self._db.quads_for_pattern(None, None, None, ox.NamedNode(graph))
            sides.update(r.key.side() for r in claims.reports_in(found))
        return sides

    def _derive_claims(
        self,
        base: str,
        sides: Collection[tuple[str, str, str, str]],
        reports: list[claims.Report],
        ignore: Collection[str],
    ) -> tuple[set[ox.Quad], set[ox.Quad]]:
        """The quads to remove from and to add to the claims graph of ``base`` so that the
        claims of ``sides`` are derived from ``reports`` and every stored statement of those
        sides outside the article graphs ``ignore``.

        Only the claims of changed statements can change; each is derived again from every
        statement of its subject, predicate, object and modality (see
        ``graphbuild.graph.claims``), so the result is the same as deriving the whole claims
        graph again.
        """
        store = self._db
        wanted: dict[str, set[str]] = {}
        for subject, predicate, _, _ in sides:
            wanted.setdefault(subject, set()).add(predicate)
        reports = list(reports)
        for subject, predicates in wanted.items():
            reports.extend(self._reports_about(ox.NamedNode(subject), predicates, ignore))
        reports = [r for r in reports if r.key.side() in sides]
        graph = ox.NamedNode(claims.claims_graph_iri(base))
        derived = set(claims.claim_quads(reports, base))
        existing: set[ox.Quad] = set()
        for subject, predicate, obj, modality in sides:
            for polarity in (GB.Positive.value, GB.Negative.value):
                key = claims.ClaimKey(subject, predicate, obj, polarity, modality)
                node = ox.NamedNode(claims.claim_iri(key, base))
                existing.update(store.quads_for_pattern(node, None, None, graph))
        return existing - derived, derived - existing

    def _reports_about(
        self, subject: ox.NamedNode, predicates: Collection[str], ignore: Collection[str]
    ) -> list[claims.Report]:
        """The reports of the stored statements with ``subject`` and one of ``predicates``,
        leaving out the article graphs ``ignore``."""
        store = self._db
        by_graph: dict[ox.NamedNode, list[ox.Quad]] = {}
        for quad in store.quads_for_pattern(None, RDF.subject, subject, None):
            graph = quad.graph_name
            if not isinstance(graph, ox.NamedNode) or graph.value in ignore:
                continue
            statement = quad.subject
            if not any(
                q.object.value in predicates
                for q in store.quads_for_pattern(statement, RDF.predicate, None, graph)
            ):
                continue
            if graph not in by_graph:
                by_graph[graph] = [
                    *store.quads_for_pattern(subject, GB.typeInArticle, None, graph),
                    *store.quads_for_pattern(graph, SCHEMA.url, None, graph),
                ]
            by_graph[graph].extend(store.quads_for_pattern(statement, None, None, graph))
        return [r for quads in by_graph.values() for r in claims.reports_in(quads)]

    def _drop_if_empty(self, *graphs: str) -> None:
        """Forget named graphs left without quads (the store keeps empty graphs listed)."""
        store = self._db
        for graph in graphs:
            node = ox.NamedNode(graph)
            empty = next(iter(store.quads_for_pattern(None, None, None, node)), None) is None
            if empty and store.contains_named_graph(node):
                store.remove_graph(node)

    def _load_ontology(self) -> None:
        """Replace the ontology graph when it differs from the packaged ontology."""
        store = self._db
        graph = ox.NamedNode(ONTOLOGY_GRAPH)
        wanted = ontology_graph_quads()
        if set(store.quads_for_pattern(None, None, None, graph)) == set(wanted):
            return
        if store.contains_named_graph(graph):
            store.remove_graph(graph)
        store.extend(wanted)

    def articles(self) -> dict[str, str]:
        """Article id -> content hash, as stored."""
        return {
            row["id"].value: row["hash"].value
            for row in self._db.query(
                _ARTICLES, prefixes=PREFIXES, use_default_graph_as_union=False
            )
        }

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[ox.NamedNode] = (),
        named_graphs: Sequence[ox.NamedNode] = (),
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a SPARQL 1.1 query over the union of the named graphs (the article graphs, the
        shared entity graph and the ontology graph), or over ``default_graphs`` when given;
        ``named_graphs``, when given, are the only graphs ``GRAPH`` patterns see.

        The prefixes of ``vocab.PREFIXES`` (gb, rel, id, rdf, rdfs, owl, xsd, skos, schema,
        dcterms, prov, nif, wd) need no declaration. Returns pyoxigraph's results: solutions for
        SELECT, a boolean for ASK, triples for CONSTRUCT and DESCRIBE. Only queries run (never
        updates). Malformed SPARQL, an update included, raises pyoxigraph's ``SyntaxError``:
        ``graphbuild.query.run_query`` is the checked path that explains it.
        """
        options: dict[str, Any] = {"prefixes": PREFIXES}
        if default_graphs:
            options["default_graph"] = list(default_graphs)
        else:
            options["use_default_graph_as_union"] = True
        if named_graphs:
            options["named_graphs"] = list(named_graphs)
        try:
            return self._db.query(sparql, **options)
        except (OSError, ValueError) as err:
            raise QueryError(f"the query failed: {err}") from None

    def __iter__(self) -> Iterator[ox.Quad]:
        """Every quad of every graph (in the store's own order; the exports sort)."""
        return iter(self._db)

    def quads_for_pattern(
        self,
        subject: ox.NamedNode | ox.BlankNode | None = None,
        predicate: ox.NamedNode | None = None,
        obj: ox.NamedNode | ox.BlankNode | ox.Literal | None = None,
        graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph | None = None,
    ) -> Iterator[ox.Quad]:
        """The quads matching a pattern; ``None`` matches anything (``graph=None``: any graph)."""
        return iter(self._db.quads_for_pattern(subject, predicate, obj, graph))

    def named_graphs(self) -> Iterator[ox.NamedNode | ox.BlankNode]:
        """The names of the graphs in the store (article graphs, shared entity graph, ontology)."""
        return iter(self._db.named_graphs())

    def flush(self) -> None:
        """Make sure every write is on disk."""
        if self._store is not None and not self.read_only:
            self._store.flush()

    def release_memory(self) -> None:
        """Flush the on-disk store, close it and open it again: the memory its database takes
        while it stays open for writing (write buffers, caches: some 140 MiB for each 150,000
        quads written, up to several GiB in a long build) is given back. Nothing written is
        lost; an in-memory store is left as it is."""
        if self.path is None or self._store is None:
            return
        self.flush()
        self._store = None  # the last reference: the database closes and drops its lock
        self._store = self._open()

    def in_memory_copy(self) -> GraphStore:
        """A read-only in-memory store holding every quad of this one.

        Queries listing thousands of statements run some three times faster over it than over
        the on-disk store (no database look-up per pattern and row), for memory of about 350
        bytes a quad.

        >>> import pyoxigraph as ox
        >>> iran = ox.NamedNode("https://w3id.org/graphbuild/id/country/Iran")
        >>> label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
        >>> store = GraphStore.from_quads([ox.Quad(iran, label, ox.Literal("Iran"))])
        >>> copy = store.in_memory_copy()
        >>> len(copy), copy.read_only
        (1, True)
        """
        copy = GraphStore()
        copy._db.bulk_extend(self._db.quads_for_pattern(None, None, None, None))
        copy.read_only = True
        return copy

    def optimize(self) -> None:
        """Compact the on-disk store (useful after a large build)."""
        if self._store is not None and not self.read_only:
            self._store.optimize()

    def __len__(self) -> int:
        return len(self._db)

    def close(self) -> None:
        """Flush and release the store (and its lock); further use raises ``StoreError``."""
        if self._store is not None:
            self.flush()
            self._store = None

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._store is None else f"{len(self._store)} quads"
        return f"GraphStore({self._name()!r}, {state})"


def _update(
    drop: Iterable[str],
    removed: Collection[ox.Quad],
    graphs: list[tuple[str, list[ox.Quad]]],
    added: Collection[ox.Quad],
) -> str:
    """One SPARQL update: drop article graphs, remove quads from and add quads to the derived
    graphs (each quad names its graph), insert article graphs."""
    parts = [f"DROP GRAPH <{graph}> ;" for graph in drop]
    if removed:
        parts.append("DELETE DATA {")
        for graph, quads in _by_graph(removed):
            parts.append(f"GRAPH <{graph}> {{")
            parts.extend(f"{quad.triple} ." for quad in quads)
            parts.append("}")
        parts.append("} ;")
    if added:
        graphs = [*graphs, *_by_graph(added)]
    if graphs:
        parts.append("INSERT DATA {")
        for graph, quads in graphs:
            parts.append(f"GRAPH <{graph}> {{")
            parts.extend(f"{quad.triple} ." for quad in quads)
            parts.append("}")
        parts.append("}")
    return "\n".join(parts).removesuffix(" ;")


def _by_graph(quads: Iterable[ox.Quad]) -> list[tuple[str, list[ox.Quad]]]:
    grouped: dict[str, list[ox.Quad]] = {}
    for quad in quads:
        grouped.setdefault(quad.graph_name.value, []).append(quad)
    return sorted(grouped.items())


def _load_new(store: ox.Store, quads: list[ox.Quad]) -> None:
    """Add the quads of graphs new to ``store``: all but the articles' content hashes with
    the bulk loader, which is several times faster than a transaction but not atomic, then the
    hashes in a transaction. A writer killed in between leaves articles without a hash, which
    ``articles`` does not list, so the next build analyses them again and replaces their
    graphs whole."""
    store.bulk_extend([q for q in quads if q.predicate != GB.contentHash])
    store.extend([q for q in quads if q.predicate == GB.contentHash])


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    """``items`` in consecutive slices of at most ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]

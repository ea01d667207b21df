"""The graph folder: what ``graphbuild build`` writes into ``OUT`` and the other commands read.

====================  =========================================================================
``store/``            the graph store (``GraphStore``: an Oxigraph database)
``index.html``        the overview page of the entity network (``graphbuild.render``)
``entities/``         a page per entity with statements
``articles/``         a page per article
``assets/``           the pages' shared scripts and styles, and what the next rewrite needs
``graph.trig``        dump keeping the named graphs (``graphbuild.export``)
``graph.ttl``         dump of their union
``build.json``        what the last build did (``pipeline.BuildReport``)
====================  =========================================================================

``GraphFolder`` is the only place that knows this layout: the pipeline writes through it, and
``query``, ``export``, ``remove`` and ``serve`` open the store through it.

Freshness. ``build.json`` says under ``fresh`` which outputs show the graph as it is in the
store. Before a build or a removal first writes to the store it marks every output stale
(``mark_stale``), so a build killed at any moment leaves ``build.json`` saying so and the next
run writes them again, even when it finds nothing else to do. ``write_outputs`` then rewrites
only what is stale or affected by the articles that changed; a dump of a graph larger than
``DUMP_AUTO_QUADS`` quads is written only on request (``dumps="always"``, or ``graphbuild
export``) and otherwise stays marked stale, so a small incremental build of a large graph does
not re-serialize it; the pages are rendered again only for the articles that changed when they
showed the store before (else all of them, each written only when its bytes differ). Every file
is written through a temporary file renamed over the old one.

>>> folder = GraphFolder("graph-out")
>>> folder.store_path.as_posix(), folder.report_path.as_posix()
('graph-out/store', 'graph-out/build.json')
>>> GraphFolder("/nonexistent/graph-out").open_store(read_only=True)
Traceback (most recent call last):
...
graphbuild.errors.StoreError: no graph in /nonexistent/graph-out: the folder does not exist ...
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Collection, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphbuild.errors import OutputError, StoreError
from graphbuild.render.page import PAGE

if TYPE_CHECKING:
    from concurrent.futures import Future

    import networkx as nx

    from graphbuild.graph.network import PageFacts
    from graphbuild.graph.store import GraphStore
    from graphbuild.render.site import Site

STORE = "store"
DUMPS = {"graph.trig": "trig", "graph.ttl": "ttl"}
"""Dump file name -> its ``graphbuild.export`` format."""
REPORT = "build.json"
DUMP_AUTO_QUADS = 250_000
"""Above this many quads, ``dumps="auto"`` leaves the dumps to be written on request."""
DUMP_POLICIES = ("auto", "always", "never")
"""When ``write_outputs`` writes the dumps: when stale and small enough, when stale, never."""


class GraphFolder:
    """A build output folder: where its parts are, and the one way to its graph store.

    Parameters
    ----------
    path
        The folder (``OUT``). Nothing is created or checked until a method is called.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._pages_whole: bool | None = None  # the pages showed the store when it was marked

    @property
    def store_path(self) -> Path:
        """The graph store's own folder."""
        return self.path / STORE

    @property
    def page_path(self) -> Path:
        """The entity network page."""
        return self.path / PAGE

    @property
    def report_path(self) -> Path:
        """``build.json``."""
        return self.path / REPORT

    @property
    def dump_paths(self) -> dict[str, Path]:
        """Export format -> the dump file written in it."""
        return {fmt: self.path / name for name, fmt in DUMPS.items()}

    def prepare(self) -> GraphFolder:
        """Create the folder for a build; raise ``OutputError`` saying why it cannot be used."""
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            probe = self.path / ".graphbuild-write-test"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            reason = exc.strerror or exc
            raise OutputError(f"cannot write to output folder {self.path}: {reason}") from exc
        return self

    def require_graph(self) -> None:
        """Raise ``StoreError`` unless the folder holds a graph store, saying what is missing."""
        if not self.path.exists():
            reason = "the folder does not exist"
        elif not self.path.is_dir():
            reason = "it is not a folder"
        elif not self.store_path.is_dir():
            reason = f"it has no {STORE}/ folder"
        else:
            return
        raise StoreError(
            f"no graph in {self.path}: {reason} "
            f"(build one with: graphbuild build ARTICLES -o {self.path})"
        )

    def open_store(self, *, read_only: bool = False, create: bool = False) -> GraphStore:
        """The folder's graph store, read-only (several readers may share it) or for writing.

        The folder must hold a graph (``require_graph``) unless ``create`` is true, as for a
        build, which makes the store when it is missing.
        """
        from graphbuild.graph.store import GraphStore

        if not create:
            self.require_graph()
        return GraphStore(self.store_path, read_only=read_only)

    def write_outputs(
        self,
        store: GraphStore,
        *,
        pages: bool = True,
        changed: Collection[str] | None = None,
        dumps: str = "auto",
        jobs: int = 1,
    ) -> dict[str, str]:
        """Bring the dumps and, with ``pages``, the page of ``store`` up to date; return what is
        where.

        ``changed`` is the set of article ids added, replaced or removed since the outputs were
        last written (``None``: unknown, write everything); with an empty set only the outputs
        that ``build.json`` does not list as fresh are written. ``dumps`` is one of
        ``DUMP_POLICIES``. With ``jobs`` above 1, up to ``jobs - 1`` worker processes, each
        reading the store on its own, write the dumps and share the pages with this one. The
        keys of the result are ``store``, the dump formats (``trig``, ``ttl``) that exist and
        ``page``; ``self.fresh`` says which outputs are now up to date.
        """
        if dumps not in DUMP_POLICIES:
            raise ValueError(f"dumps must be one of {DUMP_POLICIES}, not {dumps!r}")
        previous = self.fresh_outputs() if changed is not None and not changed else {}
        files = {"store": str(self.store_path)}
        self.fresh: dict[str, bool] = {"store": True}
        wanted = dumps == "always" or (dumps == "auto" and len(store) <= DUMP_AUTO_QUADS)
        todo: list[tuple[str, Path]] = []  # the dumps to write
        for fmt, path in self.dump_paths.items():
            if previous.get(fmt) and path.is_file():
                self.fresh[fmt] = True
            elif wanted:
                todo.append((fmt, path))
                self.fresh[fmt] = True
            else:
                self.fresh[fmt] = False
        write = pages and not (previous.get("page") and self.page_path.is_file())
        if write or todo:
            self._write(store, todo, changed, write, jobs)
        for fmt, path in self.dump_paths.items():
            if path.is_file():
                files[fmt] = str(path)
        if pages:
            files["page"] = str(self.page_path)
            self.fresh["page"] = True
        else:
            self.fresh["page"] = bool(previous.get("page")) and self.page_path.is_file()
        return files

    def _write(
        self,
        store: GraphStore,
        dumps: list[tuple[str, Path]],
        changed: Collection[str] | None,
        pages: bool,
        jobs: int,
    ) -> None:
        """Write ``dumps`` and, with ``pages``, the pages: with ``jobs`` above 1 (and a store
        on disk), worker processes write the dumps, all but the first when there are no pages,
        and share the pages with this process."""
        if jobs <= 1 or store.path is None or not (pages or len(dumps) > 1):
            self._write_here(store, dumps, changed, pages, None)
            return
        here = [] if pages else dumps[:1]
        workers = jobs - 1 if pages else min(jobs - 1, len(dumps) - 1)
        from concurrent.futures.process import BrokenProcessPool

        from graphbuild.jobs import process_pool

        store.flush()  # the workers read what is on disk
        where = str(store.path)
        try:
            with process_pool(workers) as pool:
                futures = [pool.submit(export_dump, where, *dump) for dump in dumps[len(here) :]]

                def helper(keys: list[tuple[str, str]]) -> Future[list[Path]]:
                    return pool.submit(write_pages_of, where, self.path, keys)

                self._write_here(store, here, changed, pages, helper)
                for future in futures:
                    future.result()
        except BrokenProcessPool as error:
            raise OutputError(
                f"{self.path}: a process writing the outputs failed: {error}"
            ) from None

    def _write_here(
        self,
        store: GraphStore,
        dumps: list[tuple[str, Path]],
        changed: Collection[str] | None,
        pages: bool,
        helper: Callable[[list[tuple[str, str]]], Future[list[Path]]] | None,
    ) -> None:
        from graphbuild.export import export

        if pages:
            from graphbuild.render import write_pages

            # only the pages the changed articles touch, when the pages were whole before
            whole = self._pages_whole
            if whole is None:
                whole = bool(self.fresh_outputs().get("page"))
            network, facts = _network_and_facts(store)
            write_pages(
                network,
                self.path,
                title="graphbuild",
                facts=facts,
                changed=changed if whole else None,
                helper=helper,
            )
        for fmt, path in dumps:
            export(store, fmt, path)

    def read_report(self) -> dict[str, Any]:
        """The last ``build.json`` (empty when there is none or it cannot be read)."""
        try:
            data = json.loads(self.report_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def fresh_outputs(self) -> dict[str, bool]:
        """Output name (``store``, ``trig``, ``ttl``, ``page``) -> whether ``build.json`` lists
        it as showing the graph in the store; an unfinished build leaves nothing fresh."""
        report = self.read_report()
        fresh = report.get("fresh")
        if report.get("status") != "complete" or not isinstance(fresh, dict):
            return {}
        return {str(name): value is True for name, value in fresh.items()}

    def mark_stale(self) -> None:
        """Record in ``build.json`` that the store is being written and no output is fresh."""
        report = self.read_report()
        previous = report.get("fresh") if isinstance(report.get("fresh"), dict) else {}
        self._pages_whole = report.get("status") == "complete" and previous.get("page") is True
        if report.get("status") == "writing":
            return
        fresh = {name: False for name in ("store", *self.dump_paths, "page")}
        self.write_report({**report, "status": "writing", "fresh": fresh})

    def write_report(self, report: Mapping[str, Any]) -> Path:
        """Write ``build.json`` (through a temporary file, renamed over the old one): build
        metadata lives here, never inside the graph."""
        part = self.report_path.with_name(REPORT + ".part")
        with part.open("w", encoding="utf-8") as handle:
            handle.write(json.dumps(report, indent=2) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        part.replace(self.report_path)
        return self.report_path


def _network_and_facts(store: GraphStore) -> tuple[nx.MultiDiGraph, PageFacts]:
    """What the pages of ``store`` show, each predicate read once."""
    from graphbuild.graph.network import Columns, entity_network, page_facts

    columns = Columns(store)
    return entity_network(store, columns=columns), page_facts(store, columns)


def export_dump(store_path: str, fmt: str, path: Path) -> None:
    """Write the dump ``fmt`` of the store at ``store_path``, opened read-only, to ``path``:
    the work of a dump worker process."""
    from graphbuild.export import export
    from graphbuild.graph.store import GraphStore

    with GraphStore(store_path, read_only=True) as store:
        export(store, fmt, path)


@lru_cache(maxsize=1)  # a worker process lives for one writing of the outputs
def _site(store_path: str) -> Site:
    from graphbuild.graph.store import GraphStore
    from graphbuild.render.site import Site

    with GraphStore(store_path, read_only=True) as store:
        return Site(*_network_and_facts(store))


def write_pages_of(store_path: str, out: Path, keys: list[tuple[str, str]]) -> list[Path]:
    """Write the pages ``keys`` (see ``render.site.write_some_pages``) of the store at
    ``store_path``, opened read-only, into ``out``: the work of a page worker process, which
    reads the store once."""
    from graphbuild.render.site import write_some_pages

    return write_some_pages(_site(store_path), out, keys)

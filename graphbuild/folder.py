"""The graph folder: what ``graphbuild build`` writes into ``OUT`` and the other commands read.

====================  =========================================================================
``store/``            the graph store (``GraphStore``: an Oxigraph database)
``index.html``        the entity network page (``graphbuild.render``)
``graph.trig``        dump keeping the named graphs (``graphbuild.export``)
``graph.ttl``         dump of their union
``build.json``        what the last build did (``pipeline.BuildReport``)
====================  =========================================================================

``GraphFolder`` is the only place that knows this layout: the pipeline writes through it, and
``query``, ``export``, ``remove`` and ``serve`` open the store through it.

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
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphbuild.errors import OutputError, StoreError
from graphbuild.render.page import PAGE

if TYPE_CHECKING:
    from graphbuild.graph.store import GraphStore

STORE = "store"
DUMPS = {"graph.trig": "trig", "graph.ttl": "ttl"}
"""Dump file name -> its ``graphbuild.export`` format."""
REPORT = "build.json"


class GraphFolder:
    """A build output folder: where its parts are, and the one way to its graph store.

    Parameters
    ----------
    path
        The folder (``OUT``). Nothing is created or checked until a method is called.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

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

    def write_outputs(self, store: GraphStore, *, pages: bool = True) -> dict[str, str]:
        """(Re)write the dumps and, with ``pages``, the page of ``store``; return what is where.

        The keys are ``store``, the dump formats (``trig``, ``ttl``) and ``page``.
        """
        from graphbuild.export import export

        files = {"store": str(self.store_path)}
        for fmt, path in self.dump_paths.items():
            files[fmt] = str(export(store, fmt, path))
        if pages:
            from graphbuild.graph.network import entity_network, page_facts
            from graphbuild.render import write_pages

            written = write_pages(
                entity_network(store), self.path, title="graphbuild", facts=page_facts(store)
            )
            files["page"] = str(written[0]) if written else str(self.page_path)
        return files

    def write_report(self, report: Mapping[str, Any]) -> Path:
        """Write ``build.json``: build metadata lives here, never inside the graph."""
        self.report_path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        return self.report_path

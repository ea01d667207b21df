"""N-Quads shards of a build: what the build changed, in files another store bulk-loads.

``graphbuild build --shards DIR`` writes, beside its own store:

- ``batch-000001.nq``, ``batch-000002.nq``, ...: the article graphs of each batch, as the build's
  store holds them, written before the batch goes into that store;
- ``shared.nq``: the graphs derived from all articles (entities, claims, statistics, ontology),
  written once the build is done;
- ``drop.ru``: a SPARQL update dropping the graphs a store loaded from earlier shards must lose
  before it loads these: the articles this build replaced, and the shared graphs;
- ``manifest.json``: the files above, whether the build finished (``complete``), and the quads.

The shards of a build on an empty graph hold the whole graph; those of a later build hold its
changes. Loading ``drop.ru`` and then every file, in any order, gives a store the graph of the
build (quads are a set: a quad written twice by a build killed and run again counts once). A
killed build, run again with the same ``--shards``, adds the batches it had not written yet.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphbuild.errors import OutputError

if TYPE_CHECKING:
    from graphbuild.graph.store import GraphStore
    from graphbuild.records import ArticleGraph

MANIFEST = "manifest.json"
SHARED = "shared.nq"
DROP = "drop.ru"


class ShardWriter:
    """Writes the shards of one build into ``folder`` (see the module docstring).

    ``resume`` continues the shards of a build that was killed (its manifest is not complete);
    otherwise the shards of the last build are removed first. Raises ``OutputError`` when
    ``folder`` holds files that are not shards, or cannot be written.
    """

    def __init__(self, folder: str | Path, *, resume: bool = False) -> None:
        self.folder = Path(folder)
        old = self._read_manifest()
        self.batches: list[str] = []
        self.drop: list[str] = []
        self.quads = 0
        if resume and old is not None and not old.get("complete", False):
            try:
                self.batches = [str(name) for name in old.get("batches", [])]
                self.drop = [str(iri) for iri in old.get("drop", [])]
                self.quads = int(old.get("quads", 0))
            except (TypeError, ValueError):
                raise OutputError(f"{self.folder / MANIFEST}: not a shards manifest") from None
        elif old is not None:
            self._remove()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(
                f"{self.folder}: cannot create the folder for shards: {err}"
            ) from None
        self._write_manifest(complete=False)

    def _read_manifest(self) -> dict[str, Any] | None:
        path = self.folder / MANIFEST
        if self.folder.exists() and not self.folder.is_dir():
            raise OutputError(f"{self.folder}: not a folder for shards (it is a file)")
        if not path.is_file():
            if self.folder.is_dir() and any(
                not p.name.endswith(".part") for p in self.folder.iterdir()
            ):
                raise OutputError(
                    f"{self.folder}: not a folder of shards (it has other files and no "
                    f"{MANIFEST}); give an empty or new folder"
                )
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise OutputError(f"{path}: cannot read the shards' manifest: {err}") from None
        if not isinstance(data, dict):
            raise OutputError(f"{path}: not a shards manifest")
        return data

    def _remove(self) -> None:
        """Remove the last build's shards, also a batch a killed build wrote but did not list."""
        for path in self.folder.iterdir():
            if _is_shard(path.name):
                try:
                    path.unlink()
                except OSError as err:
                    raise OutputError(
                        f"{path}: cannot remove the last build's shard: {err}"
                    ) from None

    def write_batch(
        self, graphs: Sequence[ArticleGraph], base: str, replaced: Iterable[str] = ()
    ) -> Path:
        """Write the article graphs of one batch as the next shard; ``replaced`` are the ids of
        those that replace an article of the graph (their graphs go into ``drop.ru``)."""
        from graphbuild.graph.rdf import article_quads, graph_iri

        quads = [q for graph in graphs for q in article_quads(graph, base)]
        name = f"batch-{len(self.batches) + 1:06d}.nq"
        path = self._write(name, _nquads(quads))
        self.batches.append(name)
        self.drop.extend(graph_iri(doc_id, base) for doc_id in replaced)
        self.quads += len(quads)
        self._write_manifest(complete=False)
        return path

    def finish(self, store: GraphStore, base: str) -> None:
        """Write ``shared.nq`` (every graph of ``store`` that is not an article's) and
        ``drop.ru``, and mark the shards complete."""
        import pyoxigraph as ox

        from graphbuild.graph.shared import article_graph_prefix

        prefix = article_graph_prefix(base)
        shared = sorted(g.value for g in store.named_graphs() if not g.value.startswith(prefix))
        quads = [q for g in shared for q in store.quads_for_pattern(graph=ox.NamedNode(g))]
        self._write(SHARED, _nquads(quads))
        self.quads += len(quads)
        dropped = sorted(set(self.drop)) + shared
        self._write(DROP, "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in dropped).encode())
        self._write_manifest(complete=True)

    def _write_manifest(self, complete: bool) -> None:
        manifest = {
            "complete": complete,
            "batches": self.batches,
            "shared": SHARED if complete else None,
            "drop": self.drop,
            "quads": self.quads,
        }
        self._write(MANIFEST, (json.dumps(manifest, indent=1) + "\n").encode())

    def _write(self, name: str, data: bytes) -> Path:
        """Write ``data`` to ``name`` whole or not at all (a temporary file renamed)."""
        path = self.folder / name
        part = path.with_name(path.name + ".part")
        try:
            part.write_bytes(data)
            os.replace(part, path)
        except OSError as err:
            raise OutputError(f"{path}: cannot write the shard: {err}") from None
        return path


def _is_shard(name: str) -> bool:
    """Whether ``name`` is a file a build writes into its shards folder (but the manifest)."""
    batch = name.startswith("batch-") and name.endswith(".nq")
    return batch or name in (SHARED, DROP) or name.endswith(".part")


def _nquads(quads: list[Any]) -> bytes:
    import pyoxigraph as ox

    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""

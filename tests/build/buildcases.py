"""Small real corpora for the build tests, and the graph of a build as sorted N-Quads."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyoxigraph as ox

from graphbuild.export import export
from graphbuild.folder import GraphFolder

DATA = Path(__file__).resolve().parent.parent / "data"


def wikinews(folder: Path, count: int, name: str = "sample.csv") -> Path:
    """The first ``count`` Wikinews 2019 articles as a CSV file in ``folder``."""
    csv.field_size_limit(1 << 30)
    with (DATA / "wikinews-2019.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))[:count]
    path = folder / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def sorted_nquads(out: Path, tmp: Path) -> list[bytes]:
    """Every quad of the graph in ``out``, as sorted N-Quads lines."""
    path = tmp / f"{out.name}.nq"
    with GraphFolder(out).open_store(read_only=True) as store:
        export(store, "nq", path)
    return sorted(path.read_bytes().splitlines())


def outputs(out: Path) -> dict[str, bytes]:
    """The dump files of a build, by name."""
    return {path.name: path.read_bytes() for path in GraphFolder(out).dump_paths.values()}


def load_shards(target: ox.Store, shards: Path) -> None:
    """What the README tells a server store to do with a build's shards: run the drop update,
    then load every file the manifest lists."""
    target.update((shards / "drop.ru").read_text(encoding="utf-8"))
    manifest = json.loads((shards / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] is True
    for name in [*manifest["batches"], manifest["shared"]]:
        target.load(path=str(shards / name), format=ox.RdfFormat.N_QUADS)


def sorted_lines(store: ox.Store, tmp: Path) -> list[bytes]:
    """Every quad of a pyoxigraph store, as sorted N-Quads lines."""
    path = tmp / "store-lines.nq"
    store.dump(str(path), format=ox.RdfFormat.N_QUADS)
    return sorted(path.read_bytes().splitlines())

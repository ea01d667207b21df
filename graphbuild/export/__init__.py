"""Exports for other stores: RDF files, graph files of the entity network, and Neo4j CSV.

``export(store, fmt, out)`` writes the graph of a ``GraphStore`` in one of ``FORMATS``. RDF
formats write the quads themselves (the writers of ``graphbuild.export.rdf`` take any quads);
``graphml``, ``gexf`` and ``neo4j`` write the entity network built from them
(``graphbuild.graph.network.entity_network``). Every format except ``jsonld`` is deterministic:
the same store gives byte-identical files.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from graphbuild.errors import ExportError, OutputError

if TYPE_CHECKING:
    import networkx as nx

    from graphbuild.graph.store import GraphStore

__all__ = ["EXTENSIONS", "FORMATS", "ExportError", "export"]

FORMATS: dict[str, str] = {
    "nt": "N-Triples: all graphs merged, one sorted triple a line",
    "nq": "N-Quads: every quad with its article graph, sorted",
    "ttl": "Turtle: all graphs merged, with prefixes, subjects sorted",
    "trig": "TriG: one block per article graph, with prefixes, sorted",
    "jsonld": "JSON-LD: one @graph per article graph, context embedded",
    "rdfxml": "RDF/XML: all graphs merged",
    "graphml": "GraphML: the entity network (Gephi, yEd, Cytoscape, networkx)",
    "gexf": "GEXF: the entity network for Gephi",
    "neo4j": "Neo4j: a folder of CSV files for neo4j-admin import, plus import.cypher",
}
"""Export format names and a one-line description of each (for command-line help)."""

EXTENSIONS: dict[str, str] = {
    "nt": ".nt",
    "nq": ".nq",
    "ttl": ".ttl",
    "trig": ".trig",
    "jsonld": ".jsonld",
    "rdfxml": ".rdf",
    "graphml": ".graphml",
    "gexf": ".gexf",
    "neo4j": "",
}
"""The usual file extension of each format (``neo4j`` writes a folder)."""

_NETWORK_FORMATS = frozenset({"graphml", "gexf", "neo4j"})


def export(store: GraphStore, fmt: str, out: Path | str | BinaryIO) -> Path | None:
    """Write the graph in ``store`` in format ``fmt`` to ``out``.

    Parameters
    ----------
    store
        The graph (``GraphStore.from_quads`` holds quads made elsewhere).
    fmt
        One of ``FORMATS``.
    out
        A path, or a binary file object open for writing. ``neo4j`` writes a folder and needs
        a path. A file written to a path appears complete or not at all.

    Returns
    -------
    Path | None
        The path written, or None when writing to a file object.

    Raises
    ------
    ExportError
        Unknown format, ``neo4j`` without a path, or a graph the format cannot express.
    OutputError
        The path cannot be written.

    Examples
    --------
    >>> import io, pyoxigraph as ox
    >>> from graphbuild.graph.store import GraphStore
    >>> iri = ox.NamedNode("https://w3id.org/graphbuild/id/country/Iran")
    >>> label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    >>> store = GraphStore.from_quads([ox.Quad(iri, label, ox.Literal("Iran", language="en"))])
    >>> buffer = io.BytesIO()
    >>> export(store, "nt", buffer)
    >>> buffer.getvalue().decode().split(" ")[-2:]
    ['"Iran"@en', '.\\n']
    >>> export(store, "csv", buffer)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graphbuild.errors.ExportError: unknown export format 'csv'; known formats: nt, nq, ttl, ...
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; known formats: {', '.join(FORMATS)}")
    is_path = isinstance(out, str | os.PathLike)
    if fmt == "neo4j":
        if not is_path:
            raise ExportError("neo4j: the export is a folder of files, so it needs a path")
        from graphbuild.export.neo4j import write_neo4j

        return write_neo4j(_network(store, fmt), Path(out))

    write = _writer(store, fmt)
    if not is_path:
        write(out)
        return None
    return _write_file(Path(out), write)


def _writer(store: GraphStore, fmt: str) -> Callable[[BinaryIO], None]:
    if fmt in _NETWORK_FORMATS:
        from graphbuild.export import network

        graph_writer = {"graphml": network.write_graphml, "gexf": network.write_gexf}[fmt]
        graph = _network(store, fmt)
        return lambda out: graph_writer(graph, out)
    from graphbuild.export import rdf

    rdf_writer: Callable[[Any, BinaryIO], None] = {
        "nt": rdf.write_nt,
        "nq": rdf.write_nq,
        "ttl": rdf.write_ttl,
        "trig": rdf.write_trig,
        "jsonld": rdf.write_jsonld,
        "rdfxml": rdf.write_rdfxml,
    }[fmt]
    return lambda out: rdf_writer(store, out)


def _network(store: GraphStore, fmt: str) -> nx.MultiDiGraph:
    try:
        from graphbuild.graph.network import entity_network
    except ImportError as error:
        raise ExportError(f"{fmt}: the entity network is not available ({error})") from error
    return entity_network(store)


def _write_file(path: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Write through a temporary file beside ``path``, renamed over it once complete."""
    part = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with part.open("wb") as handle:
            write(handle)
        part.replace(path)
    except OSError as error:
        _remove(part)
        raise OutputError(f"{path}: cannot write: {error.strerror or error}") from error
    except BaseException:
        _remove(part)
        raise
    return path


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()

"""RDF writers: N-Triples, N-Quads, Turtle, TriG, RDF/XML and JSON-LD of a set of quads.

Each writer takes the quads as any iterable it may read more than once: a ``GraphStore``, a
list. The line-based and Turtle-family writers stream: quads are read, sorted in bounded memory
(runs spilled to temporary files and merged) and written one by one, so the same quads always
give the same bytes. ``nt``, ``ttl`` and ``rdfxml`` write the *union* of all graphs
(each distinct triple once); ``nq``, ``trig`` and ``jsonld`` keep one named graph per article.
"""

from __future__ import annotations

import heapq
import json
import re
import tempfile
import warnings
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO
from xml.parsers import expat

from graphbuild.errors import ExportError
from graphbuild.graph.vocab import PREFIXES as VOCAB_PREFIXES

if TYPE_CHECKING:
    import pyoxigraph

PREFIXES: dict[str, str] = {name: iri for name, iri in VOCAB_PREFIXES.items() if name != "id"}
"""Prefixes declared in Turtle, TriG and RDF/XML output (and in the JSON-LD context)."""

RUN_SIZE = 500_000
"""Sort keys held in memory before a sorted run is spilled to a temporary file."""

_SEP = "\x00"  # never appears in a serialized term: N-Triples escapes U+0000 as \u0000
_XML_FORBIDDEN = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")
_REPLACEMENT = "\ufffd".encode()


def write_nt(quads: Iterable[pyoxigraph.Quad], out: BinaryIO) -> None:
    """Write the union of all graphs as N-Triples, one distinct triple a line, lines sorted.

    >>> import io, pyoxigraph as ox
    >>> p = ox.NamedNode("http://example.org/p")
    >>> graphs = ("http://example.org/g1", "http://example.org/g2")
    >>> quads = [ox.Quad(p, p, ox.Literal("x"), ox.NamedNode(g)) for g in graphs]
    >>> buffer = io.BytesIO()
    >>> write_nt(quads, buffer)
    >>> buffer.getvalue().decode()
    '<http://example.org/p> <http://example.org/p> "x" .\\n'
    """
    for key in _sorted_triples(quads):
        out.write(f"{key} .\n".encode())


def write_nq(quads: Iterable[pyoxigraph.Quad], out: BinaryIO) -> None:
    """Write every quad as N-Quads, sorted by graph (default first), subject, predicate, object.

    >>> import io, pyoxigraph as ox
    >>> p = ox.NamedNode("http://example.org/p")
    >>> buffer = io.BytesIO()
    >>> write_nq([ox.Quad(p, p, ox.Literal("x"), ox.NamedNode("http://example.org/g"))], buffer)
    >>> buffer.getvalue().decode()
    '<http://example.org/p> <http://example.org/p> "x" <http://example.org/g> .\\n'
    """
    for key in _sorted_quads(quads):
        graph, triple = key.split(_SEP, 1)
        line = triple.replace(_SEP, " ")
        out.write(f"{line} {graph} .\n".encode() if graph else f"{line} .\n".encode())


def write_ttl(quads: Iterable[pyoxigraph.Quad], out: BinaryIO) -> None:
    """Write the union of all graphs as Turtle with the project prefixes, subjects sorted.

    >>> import io, pyoxigraph as ox
    >>> gb = ox.NamedNode("https://w3id.org/graphbuild/ontology#x")
    >>> buffer = io.BytesIO()
    >>> write_ttl([ox.Quad(gb, gb, gb, ox.NamedNode("http://example.org/g"))], buffer)
    >>> buffer.getvalue().decode().splitlines()[-1]
    'gb:x gb:x gb:x .'
    """
    import pyoxigraph as ox

    _reserialize(quads, ox.RdfFormat.TURTLE, _SortedPrefixWriter(out))


def write_trig(quads: Iterable[pyoxigraph.Quad], out: BinaryIO) -> None:
    """Write every quad as TriG, one block per named graph, graphs and subjects sorted.

    >>> import io, pyoxigraph as ox
    >>> gb = ox.NamedNode("https://w3id.org/graphbuild/ontology#x")
    >>> buffer = io.BytesIO()
    >>> write_trig([ox.Quad(gb, gb, gb, ox.NamedNode("http://example.org/g"))], buffer)
    >>> buffer.getvalue().decode().splitlines()[-3:]
    ['<http://example.org/g> {', '\\tgb:x gb:x gb:x .', '}']
    """
    import pyoxigraph as ox

    _reserialize(quads, ox.RdfFormat.TRIG, _SortedPrefixWriter(out))


def write_rdfxml(quads: Iterable[pyoxigraph.Quad], out: BinaryIO) -> None:
    """Write the union of all graphs as RDF/XML, subjects sorted.

    XML 1.0 cannot carry some characters at all: control characters other than tab, line feed
    and carriage return, and U+FFFE/U+FFFF. Literals holding them are written with U+FFFD in
    their place (the N-Triples, Turtle and N-Quads exports keep them). Carriage returns are
    written as ``&#13;`` so that XML parsers do not turn them into line feeds.

    Raises
    ------
    ExportError
        When a predicate IRI cannot be written as an XML element name (RDF/XML needs the IRI to
        end with a name such as ``supply``; ``.../relation/42`` has none, and names with letters
        outside those of XML 1.0's first editions are refused by common parsers).

    >>> import io, pyoxigraph as ox
    >>> s = ox.NamedNode("http://example.org/s")
    >>> label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    >>> buffer = io.BytesIO()
    >>> write_rdfxml([ox.Quad(s, label, ox.Literal("a\\rb\\x01"))], buffer)
    >>> [line.strip() for line in buffer.getvalue().decode().splitlines()][3]
    '<rdfs:label>a&#13;b\\ufffd</rdfs:label>'
    """
    import pyoxigraph as ox

    for predicate in sorted({quad.predicate.value for quad in quads}):
        if not _rdfxml_can_name(predicate):
            raise ExportError(
                f"rdfxml: predicate <{predicate}> does not end with an XML name, so RDF/XML "
                "cannot express it; export as nt, nq, ttl, trig or jsonld instead"
            )
    _reserialize(quads, ox.RdfFormat.RDF_XML, _XmlSafeWriter(out))


def write_jsonld(quads: Iterable[pyoxigraph.Quad], out: BinaryIO) -> None:
    """Write every quad as JSON-LD, one ``@graph`` per named graph, with the context embedded.

    The context (``graphbuild/export/context.jsonld``) is embedded, not linked, so the file
    expands the same offline. The sorted N-Quads are read into an rdflib dataset, whose
    serializer builds the document in memory (10 to 30 s per 100,000 quads).

    >>> import io, json, pyoxigraph as ox
    >>> s = ox.NamedNode("http://example.org/s")
    >>> label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    >>> buffer = io.BytesIO()
    >>> write_jsonld([ox.Quad(s, label, ox.Literal("Iran"))], buffer)
    >>> document = json.loads(buffer.getvalue())
    >>> document["label"], document["@context"]["label"]
    ('Iran', {'@id': 'rdfs:label'})
    """
    import rdflib

    with tempfile.TemporaryDirectory(prefix="graphbuild-") as tmp:
        path = Path(tmp) / "sorted.nq"
        with path.open("wb") as sorted_file:
            write_nq(quads, sorted_file)
        with warnings.catch_warnings():
            # rdflib's N-Quads parser and JSON-LD serializer call its own deprecated Dataset API
            warnings.simplefilter("ignore", DeprecationWarning)
            dataset = rdflib.Dataset()
            dataset.parse(path, format="nquads")
            text = dataset.serialize(
                format="json-ld", context=context(), indent=1, ensure_ascii=False
            )
    out.write(text.encode("utf-8"))
    out.write(b"\n")


def _reserialize(
    quads: Iterable[pyoxigraph.Quad],
    format: pyoxigraph.RdfFormat,
    writer: _XmlSafeWriter | _SortedPrefixWriter,
) -> None:
    """Serialize the quads in ``format`` through ``writer``, in the order of the sorted dumps.

    The sorted N-Quads (for a format without graphs, the sorted union as N-Triples) go to a
    temporary file and stream back through pyoxigraph's serializer: the output order is
    deterministic and memory stays bounded.
    """
    import pyoxigraph as ox

    dataset = format.supports_datasets
    with tempfile.TemporaryDirectory(prefix="graphbuild-") as tmp:
        path = Path(tmp) / ("sorted.nq" if dataset else "sorted.nt")
        with path.open("wb") as sorted_file:
            (write_nq if dataset else write_nt)(quads, sorted_file)
        parsed = ox.parse(
            path=path, format=ox.RdfFormat.N_QUADS if dataset else ox.RdfFormat.N_TRIPLES
        )
        ox.serialize(parsed, writer, format=format, prefixes=PREFIXES)
        writer.finish()


@cache
def _context_text() -> str:
    return resources.files("graphbuild.export").joinpath("context.jsonld").read_text("utf-8")


def context() -> dict[str, Any]:
    """The JSON-LD context of the exports: prefixes and short names of the vocabulary terms.

    >>> context()["altLabel"]
    {'@id': 'skos:altLabel'}
    >>> context()["gb"]
    'https://w3id.org/graphbuild/ontology#'
    """
    return json.loads(_context_text())["@context"]


def _sorted_triples(quads: Iterable[pyoxigraph.Quad]) -> Iterator[str]:
    """Distinct triples of all graphs as sorted N-Triples lines without the final `` .``."""
    return _sorted_unique(f"{quad.subject} {quad.predicate} {quad.object}" for quad in quads)


def _sorted_quads(quads: Iterable[pyoxigraph.Quad]) -> Iterator[str]:
    """Quads as sorted ``graph NUL subject NUL predicate NUL object`` keys ('' = default)."""
    import pyoxigraph as ox

    def keys() -> Iterator[str]:
        for quad in quads:
            graph = "" if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name)
            yield _SEP.join((graph, str(quad.subject), str(quad.predicate), str(quad.object)))

    return _sorted_unique(keys())


def _sorted_unique(keys: Iterable[str], run_size: int | None = None) -> Iterator[str]:
    """Sort single-line strings in bounded memory and drop duplicates.

    >>> list(_sorted_unique(["b", "a", "c", "a", "b"], run_size=2))
    ['a', 'b', 'c']
    """
    run_size = run_size or RUN_SIZE
    with tempfile.TemporaryDirectory(prefix="graphbuild-sort-") as tmp:
        runs: list[Path] = []
        buffer: list[str] = []
        for key in keys:
            buffer.append(key)
            if len(buffer) >= run_size:
                runs.append(_spill(sorted(set(buffer)), Path(tmp) / f"run{len(runs)}"))
                buffer = []
        last = sorted(set(buffer))
        if not runs:
            yield from last
            return
        files = [run.open(encoding="utf-8", newline="\n") for run in runs]
        try:
            streams = [(line[:-1] for line in handle) for handle in files]
            previous = None
            for key in heapq.merge(*streams, last):
                if key != previous:
                    yield key
                    previous = key
        finally:
            for handle in files:
                handle.close()


def _spill(keys: list[str], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for key in keys:
            handle.write(key)
            handle.write("\n")
    return path


def _rdfxml_can_name(predicate: str) -> bool:
    """Whether RDF/XML can write ``predicate`` as an element name that XML parsers accept.

    The predicate must end with an XML name (``…/relation/42`` does not), made of characters
    that parsers such as expat accept. Checked by writing one triple with it and reading it back.

    >>> _rdfxml_can_name("https://w3id.org/graphbuild/relation/supply")
    True
    >>> _rdfxml_can_name("https://w3id.org/graphbuild/relation/1a")
    True
    >>> _rdfxml_can_name("https://w3id.org/graphbuild/relation/42")
    False
    >>> _rdfxml_can_name("https://w3id.org/graphbuild/relation/a~")
    False
    """
    import pyoxigraph as ox

    node = ox.NamedNode("urn:x-graphbuild:node")
    triple = ox.Triple(node, ox.NamedNode(predicate), node)
    try:
        data = ox.serialize([triple], format=ox.RdfFormat.RDF_XML)
        expat.ParserCreate(namespace_separator=" ").Parse(data, True)
        back = list(ox.parse(data, format=ox.RdfFormat.RDF_XML))
    except (expat.ExpatError, SyntaxError, ValueError):
        return False
    return [quad.predicate.value for quad in back] == [predicate]


class _XmlSafeWriter:
    """A binary writer that makes pyoxigraph's RDF/XML output well-formed for any literal.

    Replaces bytes XML 1.0 forbids (C0 controls but tab, LF, CR; U+FFFE, U+FFFF) with U+FFFD
    and writes carriage returns as a character reference. UTF-8 never puts these byte
    patterns inside another character, and IRIs cannot contain them, so only literal text is
    touched.
    """

    def __init__(self, out: BinaryIO) -> None:
        self._out = out
        self._pending = b""

    def write(self, chunk: bytes) -> int:
        data = self._pending + bytes(chunk)
        # hold back the start of a U+FFFE/U+FFFF cut by the chunk end (0xEF is always a lead byte)
        keep = 1 if data.endswith(b"\xef") else 2 if data.endswith(b"\xef\xbf") else 0
        data, self._pending = data[: len(data) - keep], data[len(data) - keep :]
        safe = _XML_FORBIDDEN.sub(_REPLACEMENT, data).replace(b"\r", b"&#13;")
        self._out.write(safe)
        return len(chunk)

    def flush(self) -> None:
        """Nothing to do: bytes held back wait for the rest of their character."""

    def finish(self) -> None:
        """Write the bytes held back at the end of the output."""
        self._out.write(self._pending)
        self._pending = b""


class _SortedPrefixWriter:
    """A binary writer that sorts the ``@prefix`` lines heading Turtle or TriG output.

    pyoxigraph writes the prefixes in the order of its own map; sorting them keeps the output
    the same whatever that order is.
    """

    def __init__(self, out: BinaryIO) -> None:
        self._out = out
        self._head: bytes | None = b""

    def write(self, chunk: bytes) -> int:
        if self._head is None:
            self._out.write(chunk)
            return len(chunk)
        self._head += bytes(chunk)
        lines = self._head.split(b"\n")
        complete = lines[:-1]
        if len(complete) >= len(PREFIXES) or any(
            not line.startswith(b"@prefix ") for line in complete
        ):
            self._flush_head()
        return len(chunk)

    def _flush_head(self) -> None:
        head, self._head = self._head or b"", None
        lines = head.split(b"\n")
        count = 0
        while count < len(lines) - 1 and lines[count].startswith(b"@prefix "):
            count += 1
        lines[:count] = sorted(lines[:count])
        self._out.write(b"\n".join(lines))

    def flush(self) -> None:
        """Nothing to do: the head is written once complete."""

    def finish(self) -> None:
        """Write whatever is still held back."""
        if self._head is not None:
            self._flush_head()

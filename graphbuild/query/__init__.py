"""SPARQL over a built graph, read-only, and the formats its results print in.

``run_query`` is the one query path of ``graphbuild query`` and of the SPARQL endpoint: it
refuses updates (``RefusedQueryError``), explains malformed queries on one line
(``MalformedQueryError``) and, for the endpoint, refuses federated ``SERVICE`` queries.

>>> import io
>>> from graphbuild.graph.store import GraphStore
>>> from graphbuild.records import Article, ArticleGraph
>>> store = GraphStore()
>>> _ = store.write([ArticleGraph(Article(id="a1", text="Hi.", title="Hello"), (), ())])
>>> out = io.StringIO()
>>> format_results(run_query(store, "SELECT ?a ?t WHERE { ?a dcterms:title ?t }"), "table", out)
>>> print(out.getvalue(), end="")
a              t
-------------  -----
id:article/a1  Hello
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import pyoxigraph as ox

from graphbuild.errors import MalformedQueryError, QueryError, RefusedQueryError
from graphbuild.graph.vocab import PREFIXES
from graphbuild.table import write_table

if TYPE_CHECKING:
    from graphbuild.graph.store import GraphStore

FORMATS = ("table", "json", "csv", "tsv")
"""Result formats of ``format_results``."""

READ_ONLY = (
    "the graph is read-only: SPARQL updates are not allowed, only queries (SELECT, ASK, "
    "CONSTRUCT, DESCRIBE)"
)
"""Why an update is refused, wherever it is sent."""
NO_SERVICE = "federated queries (SERVICE) are not accepted by this endpoint"
"""Why a federated query is refused where it is (pyoxigraph would send the requests itself)."""

_RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}

# An update starts, after its prologue (comments, PREFIX and BASE), with one of these words.
_UPDATE = re.compile(
    r"^(?:\s|#[^\n]*\n|(?:PREFIX\s+[^\s:]*:\s*<[^>]*>)|(?:BASE\s+<[^>]*>))*"
    r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)
_SERVICE = re.compile(r"\bSERVICE\s+(?:SILENT\s+)?[<?$\w]", re.IGNORECASE)
_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.S)
_QUOTED = re.compile(r'"[^"]*"')
_PREFIXED = re.compile(r"(?<![\w:?$])([A-Za-z][\w.-]*)?:(?=[\w%]|\s|$)")
_DECLARED = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:", re.I)
_LITERALS = re.compile(r'<[^>\s]*>|"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|#[^\n]*')


def run_query(
    store: GraphStore,
    sparql: str,
    *,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
    federated: bool = True,
    base_iri: str | None = None,
) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run a SPARQL 1.1 query, read-only, over the store (see ``GraphStore.query``).

    ``base_iri`` is the IRI relative IRIs of the query resolve against (the endpoint uses its
    own URL); a ``BASE`` of the query itself still applies after it.

    ``default_graphs`` and ``named_graphs`` are the IRIs of the SPARQL protocol's
    ``default-graph-uri`` and ``named-graph-uri``: without them the default graph is the union
    of the named graphs. With ``federated=False`` a query calling ``SERVICE`` is refused before
    it runs.

    Raises
    ------
    RefusedQueryError
        An update (``READ_ONLY``), or a ``SERVICE`` query when not ``federated``
        (``NO_SERVICE``).
    MalformedQueryError
        The query or a graph IRI does not parse (see ``syntax_error_message``).
    QueryError
        The store failed to run the query.

    Examples
    --------
    >>> from graphbuild.graph.store import GraphStore
    >>> run_query(GraphStore(), "DROP ALL")
    Traceback (most recent call last):
    ...
    graphbuild.errors.RefusedQueryError: the graph is read-only: SPARQL updates are not allowed, ...
    """
    try:
        defaults = [ox.NamedNode(iri) for iri in default_graphs]
        named = [ox.NamedNode(iri) for iri in named_graphs]
    except ValueError as err:
        raise MalformedQueryError(f"bad graph IRI: {err}") from None
    if not federated and _SERVICE.search(sparql):
        raise RefusedQueryError(NO_SERVICE)
    prologue = ""
    if base_iri is not None:
        try:
            ox.NamedNode(base_iri)
        except ValueError as err:
            raise MalformedQueryError(f"bad base IRI: {err}") from None
        prologue = f"BASE <{base_iri}> "
    try:
        return store.query(prologue + sparql, default_graphs=defaults, named_graphs=named)
    except SyntaxError as err:
        if _UPDATE.match(sparql):
            raise RefusedQueryError(READ_ONLY) from None
        raise MalformedQueryError(syntax_error_message(sparql, _shift(err, prologue))) from None


def _shift(err: SyntaxError, prologue: str) -> SyntaxError:
    """The syntax error as if ``prologue`` (one line's start) had not been put before the query."""
    found = _POSITION.match(str(err))
    if not prologue or found is None or found.group(1) != "1":
        return err
    column = max(1, int(found.group(2)) - len(prologue))
    return SyntaxError(f"error at 1:{column}: {found.group(3)}")


def syntax_error_message(sparql: str, err: SyntaxError) -> str:
    """"malformed SPARQL query" and oxigraph's syntax error on one line: where, what was expected.

    The parser lists every character range it would accept; those become "a name", and an
    undeclared prefix is named.

    >>> def message(query):
    ...     try:
    ...         ox.Store().query(query, prefixes=PREFIXES)
    ...     except SyntaxError as err:
    ...         return syntax_error_message(query, err)
    >>> message("SELECT ?x WHERE { ?x ")
    'malformed SPARQL query at line 1, column 22: expected one of "!", "$", "(", ":", "<", "?", \
"^", "a", a name'
    >>> message("SELECT * WHERE { ?s nope:p ?o }")
    "malformed SPARQL query at line 1, column 27: unknown prefix 'nope:' (declare it with \
PREFIX nope: <...>)"
    """
    found = _POSITION.match(str(err))
    if found is None:
        return "malformed SPARQL query: " + " ".join(str(err).split())
    line, column, detail = found.groups()
    where = f"malformed SPARQL query at line {line}, column {column}"
    detail = " ".join(detail.split())
    if "Prefix not found" in detail:
        code = _LITERALS.sub(" ", sparql)
        declared = set(_DECLARED.findall(code)) | set(PREFIXES)
        unknown = [name for name in _PREFIXED.findall(code) if name not in declared]
        if unknown:
            name = unknown[0]
            return f"{where}: unknown prefix '{name}:' (declare it with PREFIX {name}: <...>)"
    if detail.startswith("expected one of ") and "[" in detail:
        choices = [*_QUOTED.findall(detail), "a name"]
        detail = "expected " + (f"one of {', '.join(choices)}" if len(choices) > 1 else choices[0])
    return f"{where}: {detail}"


def read_query(text_or_path: str | Path) -> str:
    """The SPARQL text itself, or the content of the ``.rq`` file it names.

    A ``Path``, or a string ending in ``.rq`` or ``.sparql``, names a file; any other string is
    read as a file only when such a file exists, else taken as the query.

    >>> read_query("ASK {}")
    'ASK {}'
    >>> read_query("DESCRIBE <https://w3id.org/graphbuild/id/country/Iran>")[:8]
    'DESCRIBE'
    """
    if isinstance(text_or_path, Path):
        path, must_exist = text_or_path, True
    else:
        text = text_or_path
        if "\n" in text or "{" in text or not text.strip():
            return text
        path = Path(text.strip())
        must_exist = path.suffix.lower() in (".rq", ".sparql")
        try:
            if not must_exist and not path.is_file():
                return text
        except (OSError, ValueError):  # not a usable file name
            return text
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"{path}: no such query file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise QueryError(f"{path}: cannot read the query: {err}") from None


def shorten(iri: str) -> str:
    """An IRI written with the longest known prefix, else in angle brackets.

    >>> shorten("https://w3id.org/graphbuild/relation/supply")
    'rel:supply'
    >>> shorten("http://example.org/x")
    '<http://example.org/x>'
    """
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            best = prefix
    if not best:
        return f"<{iri}>"
    local = iri[len(PREFIXES[best]) :]
    return f"{best}:{local}"


def term_text(term: object) -> str:
    """How a result term reads in a table: prefixed IRIs, literal values, "" for unbound.

    >>> term_text(ox.Literal("0.8", datatype=ox.NamedNode("http://example.org/t")))
    '0.8'
    >>> term_text(None)
    ''
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def format_results(results: object, fmt: str, out: TextIO) -> None:
    """Write query results to ``out``.

    SELECT results: ``table`` (aligned text, IRIs shortened with the known prefixes), ``json``
    (SPARQL 1.1 Query Results JSON), ``csv`` or ``tsv`` (SPARQL 1.1 CSV/TSV). ASK results:
    ``true`` or ``false`` (a SPARQL results JSON object in ``json``). CONSTRUCT and DESCRIBE
    results: sorted Turtle for ``table``, JSON-LD for ``json``, sorted N-Triples for ``csv`` and
    ``tsv``.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown result format {fmt!r}; expected one of {', '.join(FORMATS)}")
    try:
        if isinstance(results, ox.QueryBoolean):
            if fmt == "json":
                data = results.serialize(format=ox.QueryResultsFormat.JSON)
                out.write(data.decode("utf-8") + "\n")
            else:
                out.write("true\n" if bool(results) else "false\n")
        elif isinstance(results, ox.QueryTriples):
            _graph(results, fmt, out)
        elif isinstance(results, ox.QuerySolutions):
            if fmt == "table":
                _table(results, out)
            else:
                data = results.serialize(format=_RESULT_FORMATS[fmt])
                out.write(data.decode("utf-8"))
        else:
            raise QueryError(f"not query results: {type(results).__name__}")
    except BrokenPipeError:
        raise  # the reader stopped reading (`| head`): not a failure of the query
    except OSError as err:
        raise QueryError(f"the query failed: {err}") from None


def _graph(results: ox.QueryTriples, fmt: str, out: TextIO) -> None:
    triples = sorted(set(results), key=str)
    if fmt == "table":
        from graphbuild.export.rdf import write_ttl

        buffer = io.BytesIO()
        write_ttl([ox.Quad(t.subject, t.predicate, t.object) for t in triples], buffer)
        out.write(buffer.getvalue().decode("utf-8"))
    elif fmt == "json":
        out.write(ox.serialize(triples, format=ox.RdfFormat.JSON_LD).decode("utf-8"))
    else:
        out.write("".join(f"{triple} .\n" for triple in triples))


def _table(results: ox.QuerySolutions, out: TextIO) -> None:
    names = [variable.value for variable in results.variables]
    rows = [[term_text(solution[i]) for i in range(len(names))] for solution in results]
    write_table(names, rows, out)
    if not rows:
        out.write("(no results)\n")

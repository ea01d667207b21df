"""The exception hierarchy: every error graphbuild raises on purpose is a GraphbuildError."""

from __future__ import annotations


class GraphbuildError(Exception):
    """Base of every error graphbuild raises about its inputs, options or outputs."""


class InputError(GraphbuildError):
    """An input (file, line, record) cannot be read as an article.

    ``source`` names the input, ``reason`` says what is wrong with it.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ModelError(GraphbuildError):
    """The spaCy pipeline asked for cannot be loaded."""


class OutputError(GraphbuildError):
    """The output location cannot be created or written."""


class StoreError(GraphbuildError):
    """The graph store is missing, locked or damaged."""


class QueryError(GraphbuildError):
    """A SPARQL query is malformed, refused or cannot run."""


class MalformedQueryError(QueryError):
    """The SPARQL text, or a graph IRI given with it, does not parse."""


class RefusedQueryError(QueryError):
    """A request the read-only query path does not run: an update, or a federated ``SERVICE``
    query where those are refused (the SPARQL endpoint)."""


class ExportError(GraphbuildError):
    """A graph cannot be written in the format asked for."""


class ServeError(GraphbuildError):
    """The graph server cannot listen on the address asked for."""


class ResolveError(GraphbuildError):
    """A relation does not fit the article it claims to come from."""


class GazetteerError(GraphbuildError):
    """A gazetteer data file is missing or malformed."""

"""The SPARQL 1.1 Protocol's request side and content negotiation (pure: no I/O).

A query reaches the endpoint in one of three ways: ``GET /sparql?query=...``, ``POST`` of an
``application/x-www-form-urlencoded`` form with ``query=...``, or ``POST`` of the query itself
as ``application/sparql-query``. Each may name ``default-graph-uri`` and ``named-graph-uri``
(in the URL; in the form too for form posts). ``parse_request`` turns any of them into a
``SparqlRequest`` or a ``ProtocolError`` with the HTTP status to answer.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import parse_qs

from graphbuild.query import READ_ONLY

# Media types by query form, the first of each being the default. Names are pyoxigraph's
# QueryResultsFormat / RdfFormat attributes.
SOLUTION_TYPES: dict[str, str] = {
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "application/xml": "XML",
    "text/xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
"""Media types of SELECT and ASK results."""
GRAPH_TYPES: dict[str, str] = {
    "text/turtle": "TURTLE",
    "application/turtle": "TURTLE",
    "application/x-turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "text/plain": "N_TRIPLES",
    "application/n-quads": "N_QUADS",
    "application/trig": "TRIG",
    "application/rdf+xml": "RDF_XML",
    "application/ld+json": "JSON_LD",
    "text/n3": "N3",
}
"""Media types of CONSTRUCT and DESCRIBE results."""

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
UTF8_NAMES = (None, "utf-8", "utf8", "us-ascii")
"""Charsets a direct POST may name: UTF-8 and its ASCII subset."""
MAX_REQUEST_BYTES = 1024 * 1024
"""Largest request body accepted."""


class ProtocolError(Exception):
    """A request answered with an error status and a plain-text message."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class SparqlRequest:
    """One query with the dataset the request gives it (empty: the union default graph)."""

    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


def parse_request(
    method: str, url_query: str, content_type: str | None, body: bytes
) -> SparqlRequest | None:
    """The query of a protocol request, or ``None`` for a request without any parameter
    (a browser visiting ``/sparql``: it gets the query page).

    ``url_query`` is the URL's query string, ``content_type`` the request's Content-Type
    header. A query posted directly must be UTF-8, as the protocol says: a body that names
    another charset is refused (415). A form body is decoded with the charset it names (HTML
    forms may send a legacy one); a charset Python does not know is refused (415). A ``POST``
    with no body and no Content-Type takes its parameters from the URL, like ``GET``.

    >>> parse_request("GET", "query=ASK%7B%7D", None, b"").query
    'ASK{}'
    >>> parse_request("POST", "", "application/x-www-form-urlencoded; charset=latin-1",
    ...               b"query=ASK{%E9}").query
    'ASK{é}'
    >>> parse_request("POST", "", "application/sparql-query; charset=utf-16", b"")
    Traceback (most recent call last):
    ...
    graphbuild.serve.protocol.ProtocolError: a query posted as application/sparql-query is \
UTF-8 text, not utf-16
    >>> parse_request("POST", "", "text/plain", b"ASK{}")
    Traceback (most recent call last):
    ...
    graphbuild.serve.protocol.ProtocolError: POST a query as application/x-www-form-urlencoded \
(query=...) or as application/sparql-query, not text/plain
    """
    params = _form(url_query, "utf-8")
    if method == "POST" and (body or content_type):
        kind, charset = media_type(content_type)
        if kind == FORM:
            charset = charset or "utf-8"
            for name, values in _form(decode(body, charset), charset).items():
                params.setdefault(name, []).extend(values)
        elif kind == DIRECT:
            if "query" in params:
                raise ProtocolError(HTTPStatus.BAD_REQUEST, "give the query in the body only")
            if charset not in UTF8_NAMES:
                raise ProtocolError(
                    HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                    f"a query posted as {DIRECT} is UTF-8 text, not {charset}",
                )
            params["query"] = [decode(body, "utf-8")]
        elif kind == UPDATE:
            raise ProtocolError(HTTPStatus.FORBIDDEN, READ_ONLY)
        else:
            raise ProtocolError(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                f"POST a query as {FORM} (query=...) or as {DIRECT}, "
                f"not {kind or 'no Content-Type'}",
            )
    if "update" in params:
        raise ProtocolError(HTTPStatus.FORBIDDEN, READ_ONLY)
    if not params:
        return None
    queries = params.get("query", [])
    if len(queries) > 1:
        raise ProtocolError(HTTPStatus.BAD_REQUEST, "give exactly one query parameter")
    if not queries or not queries[0].strip():
        raise ProtocolError(
            HTTPStatus.BAD_REQUEST,
            "give exactly one SPARQL query, e.g. /sparql?query=SELECT%20*%20WHERE%20%7B%3Fs"
            "%20%3Fp%20%3Fo%7D%20LIMIT%2010",
        )
    return SparqlRequest(
        queries[0],
        tuple(params.get("default-graph-uri", ())),
        tuple(params.get("named-graph-uri", ())),
    )


def _form(text: str, charset: str) -> dict[str, list[str]]:
    try:
        return parse_qs(text, keep_blank_values=True, encoding=charset, errors="strict")
    except UnicodeDecodeError as err:
        raise ProtocolError(
            HTTPStatus.BAD_REQUEST, f"a form value is not {charset} once percent-decoded: {err}"
        ) from None


def media_type(header: str | None) -> tuple[str, str | None]:
    """The media type of a Content-Type header, lower-cased, and its charset if it names one.

    >>> media_type('Application/SPARQL-Query; Charset="ISO-8859-1"')
    ('application/sparql-query', 'iso-8859-1')
    """
    kind, *params = (part.strip() for part in (header or "").split(";"))
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower() or None
    return kind.lower(), charset


def decode(body: bytes, charset: str) -> str:
    """The text of a request body in ``charset``; 415 for an unknown charset, 400 for bytes
    that are not in it.

    >>> decode("é".encode("utf-16"), "utf-16")
    'é'
    >>> decode(b"x", "klingon")
    Traceback (most recent call last):
    ...
    graphbuild.serve.protocol.ProtocolError: unsupported charset 'klingon': send the query in \
UTF-8 or another charset by its IANA name
    """
    try:
        codecs.lookup(charset)
    except LookupError:
        raise ProtocolError(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
            f"unsupported charset {charset!r}: send the query in UTF-8 or another charset by "
            "its IANA name",
        ) from None
    try:
        return body.decode(charset)
    except UnicodeDecodeError as err:
        raise ProtocolError(
            HTTPStatus.BAD_REQUEST, f"the request body is not {charset} text: {err}"
        ) from None


def negotiate(accept: str | None, offered: dict[str, str]) -> str | None:
    """The media type of ``offered`` that best fits an Accept header, or None if none fits.

    The first offered type is the default (for a missing header or ``*/*``).

    >>> negotiate(None, SOLUTION_TYPES)
    'application/sparql-results+json'
    >>> negotiate("text/csv;q=0.5, text/tab-separated-values", SOLUTION_TYPES)
    'text/tab-separated-values'
    >>> negotiate("text/*", GRAPH_TYPES)
    'text/turtle'
    >>> negotiate("image/png", GRAPH_TYPES) is None
    True
    """
    types = list(offered)
    if not accept or not accept.strip():
        return types[0]
    ranges = []
    for order, item in enumerate(accept.split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranges.append((-quality, order, media.lower()))
    for _, _, media in sorted(ranges):
        if media in offered:
            return media
        if media == "*/*":
            return types[0]
        if media.endswith("/*"):
            prefix = media[:-1]
            match = next((t for t in types if t.startswith(prefix)), None)
            if match:
                return match
    return None

"""A read-only SPARQL 1.1 Protocol endpoint and page server over a built graph folder.

``/sparql`` answers queries (GET ``?query=``, POST form ``query=``, POST
``application/sparql-query``) over the store in ``OUT/store`` opened read-only; the union of all
named graphs is the default graph unless the request names ``default-graph-uri``s. Every other
path serves a file of ``OUT`` (``/`` is ``index.html``); the store's own files are never served.
"""

from __future__ import annotations

import io
import mimetypes
import os
import shutil
import sys
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit

from graphbuild.errors import (
    MalformedQueryError,
    QueryError,
    RefusedQueryError,
    ServeError,
)
from graphbuild.folder import GraphFolder
from graphbuild.query import READ_ONLY, run_query

if TYPE_CHECKING:
    from graphbuild.graph.store import GraphStore

ENDPOINT = "/sparql"

DEFAULT_TIMEOUT = 60.0
"""Seconds a query may spend producing its results."""
DEFAULT_MAX_RESULT_BYTES = 256 * 1024 * 1024
"""Largest serialized result sent; larger results are refused (add a LIMIT)."""
MAX_REQUEST_BYTES = 1024 * 1024
"""Largest request body accepted."""

# Media types by query form, the first of each being the default. Names are pyoxigraph's
# QueryResultsFormat / RdfFormat attributes (looked up when a query runs).
SOLUTION_TYPES: dict[str, str] = {
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "application/xml": "XML",
    "text/xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
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
FILE_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".ttl": "text/turtle; charset=utf-8",
    ".trig": "application/trig; charset=utf-8",
    ".nt": "application/n-triples; charset=utf-8",
    ".nq": "application/n-quads; charset=utf-8",
    ".jsonld": "application/ld+json",
    ".graphml": "application/xml",
    ".csv": "text/csv; charset=utf-8",
    ".rq": "application/sparql-query; charset=utf-8",
}


class _Refused(Exception):
    """A request answered with an error status and a plain-text message."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class _ResultLimit(Exception):
    """Raised from inside a serializer when a result runs over its time or size budget."""


class _Budget(io.RawIOBase):
    """A bytes sink that stops a serializer once a deadline or a size limit is passed."""

    def __init__(self, deadline: float, max_bytes: int) -> None:
        super().__init__()
        self.buffer = io.BytesIO()
        self.deadline = deadline
        self.max_bytes = max_bytes

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if time.monotonic() > self.deadline:
            raise _ResultLimit("the query ran out of time")
        if self.buffer.tell() + len(data) > self.max_bytes:
            raise _ResultLimit(f"the result is larger than {self.max_bytes:,} bytes")
        return self.buffer.write(data)


class GraphServer(ThreadingHTTPServer):
    """The HTTP server: holds the read-only store and the folder it serves (closing the server
    closes the store)."""

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        folder: GraphFolder,
        store: GraphStore,
        *,
        quiet: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
        max_result_bytes: int = DEFAULT_MAX_RESULT_BYTES,
    ) -> None:
        import socket

        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.folder = GraphFolder(folder.path.resolve())
        self.store = store
        self.quiet = quiet
        self.query_timeout = timeout
        self.max_result_bytes = max_result_bytes
        super().__init__(address, GraphRequestHandler)

    def server_close(self) -> None:
        super().server_close()
        self.store.close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Log a failed request in one line (clients hanging up are not worth a traceback)."""
        error = sys.exc_info()[1]
        if self.quiet or isinstance(error, ConnectionError):
            return
        print(f"{client_address[0]}: request failed: {error!r}", file=sys.stderr)

    @property
    def url(self) -> str:
        """The base URL the server listens on."""
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}/"


def make_server(
    out_dir: Path | str,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    quiet: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_result_bytes: int = DEFAULT_MAX_RESULT_BYTES,
) -> GraphServer:
    """A server (not yet serving) for the graph built in ``out_dir``.

    Call ``serve_forever()`` on it (in a thread if need be), then ``shutdown()`` and
    ``server_close()``. Port 0 picks a free port; ``server.url`` tells which.

    Parameters
    ----------
    out_dir
        A folder written by ``graphbuild build``: it must hold ``store/``.
    host, port
        Where to listen.
    quiet
        When true, requests are not logged to stderr.
    timeout
        Seconds a query may spend producing its results (checked while results are written,
        so a query that computes for long before its first result is not interrupted).
    max_result_bytes
        Largest serialized result sent.

    Raises
    ------
    StoreError
        ``out_dir`` is not a folder holding a readable store.
    ServeError
        The address cannot be listened on.

    Examples
    --------
    >>> make_server("/nonexistent/graph-out")
    Traceback (most recent call last):
    ...
    graphbuild.errors.StoreError: no graph in /nonexistent/graph-out: the folder does not exist ...
    """
    folder = GraphFolder(out_dir)
    store = folder.open_store(read_only=True)
    try:
        return GraphServer(
            (host, port),
            folder,
            store,
            quiet=quiet,
            timeout=timeout,
            max_result_bytes=max_result_bytes,
        )
    except OSError as exc:
        store.close()
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


def serve(
    out_dir: Path | str,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    quiet: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_result_bytes: int = DEFAULT_MAX_RESULT_BYTES,
) -> None:
    """Serve the graph in ``out_dir`` until interrupted (Ctrl-C stops cleanly).

    See :func:`make_server` for the parameters and errors.
    """
    server = make_server(
        out_dir, host, port, quiet=quiet, timeout=timeout, max_result_bytes=max_result_bytes
    )
    print(
        f"Serving {out_dir} at {server.url} (SPARQL endpoint: {server.url}sparql); "
        "press Ctrl-C to stop",
        file=sys.stderr,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


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


class GraphRequestHandler(BaseHTTPRequestHandler):
    """Answers SPARQL protocol requests at /sparql and serves the files of the graph folder."""

    server: GraphServer
    server_version = "graphbuild"
    protocol_version = "HTTP/1.1"

    # -- HTTP methods ---------------------------------------------------------------------

    def do_GET(self) -> None:
        self._dispatch(head=False)

    def do_HEAD(self) -> None:
        self._dispatch(head=True)

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        try:
            if url.path.rstrip("/") != ENDPOINT:
                self._read_body()  # keep the connection in a clean state
                raise _Refused(HTTPStatus.METHOD_NOT_ALLOWED, "POST is accepted at /sparql only")
            params = parse_qs(url.query, keep_blank_values=True)
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            body = self._read_body()
            if kind == "application/x-www-form-urlencoded":
                form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
                for name, values in form.items():
                    params.setdefault(name, []).extend(values)
            elif kind == "application/sparql-query":
                if "query" in params:
                    raise _Refused(HTTPStatus.BAD_REQUEST, "give the query in the body only")
                params["query"] = [body.decode("utf-8", "replace")]
            elif kind == "application/sparql-update":
                raise _Refused(HTTPStatus.FORBIDDEN, READ_ONLY)
            else:
                raise _Refused(
                    HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                    "POST a query as application/x-www-form-urlencoded (query=...) or as "
                    f"application/sparql-query, not {kind or 'no Content-Type'}",
                )
            self._sparql(params, head=False)
        except _Refused as refused:
            self._send_text(refused.status, refused.message)

    def do_OPTIONS(self) -> None:
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    # -- plumbing -------------------------------------------------------------------------

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.quiet:
            super().log_message(format, *args)

    def _dispatch(self, *, head: bool) -> None:
        url = urlsplit(self.path)
        try:
            if url.path.rstrip("/") == ENDPOINT:
                self._sparql(parse_qs(url.query, keep_blank_values=True), head=head)
            else:
                self._file(url.path, head=head)
        except _Refused as refused:
            self._send_text(refused.status, refused.message, head=head)

    def _read_body(self) -> bytes:
        length = self.headers.get("Content-Length")
        if length is None:
            self.close_connection = True
            raise _Refused(HTTPStatus.LENGTH_REQUIRED, "a Content-Length header is required")
        try:
            size = int(length)
        except ValueError:
            raise _Refused(HTTPStatus.BAD_REQUEST, "bad Content-Length") from None
        if size > MAX_REQUEST_BYTES or size < 0:
            self.close_connection = True
            raise _Refused(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                f"the request body is larger than {MAX_REQUEST_BYTES:,} bytes",
            )
        return self.rfile.read(size)

    def _send(self, status: HTTPStatus, content_type: str, body: bytes, *, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _send_text(self, status: HTTPStatus, message: str, *, head: bool = False) -> None:
        body = (message.rstrip("\n") + "\n").encode("utf-8")
        self._send(status, "text/plain; charset=utf-8", body, head=head)

    # -- SPARQL ---------------------------------------------------------------------------

    def _sparql(self, params: dict[str, list[str]], *, head: bool) -> None:
        if "update" in params:
            raise _Refused(HTTPStatus.FORBIDDEN, READ_ONLY)
        queries = params.get("query", [])
        if not params and "text/html" in (self.headers.get("Accept") or ""):
            from graphbuild.render import query_page

            page = query_page().encode("utf-8")
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", page, head=head)
            return
        if not queries or not queries[0].strip():
            raise _Refused(
                HTTPStatus.BAD_REQUEST,
                "give exactly one SPARQL query, e.g. /sparql?query=SELECT%20*%20WHERE%20%7B%3Fs"
                "%20%3Fp%20%3Fo%7D%20LIMIT%2010",
            )
        if len(queries) > 1:
            raise _Refused(HTTPStatus.BAD_REQUEST, "give exactly one query parameter")
        import pyoxigraph

        try:
            result = run_query(
                self.server.store,
                queries[0],
                default_graphs=params.get("default-graph-uri", []),
                named_graphs=params.get("named-graph-uri", []),
                federated=False,  # pyoxigraph would send the requests: a public endpoint must not
            )
        except RefusedQueryError as exc:
            raise _Refused(HTTPStatus.FORBIDDEN, str(exc)) from None
        except MalformedQueryError as exc:
            raise _Refused(HTTPStatus.BAD_REQUEST, str(exc)) from None
        except QueryError as exc:
            raise _Refused(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc)) from None
        if isinstance(result, pyoxigraph.QueryTriples):
            offered, formats = GRAPH_TYPES, pyoxigraph.RdfFormat
        else:
            offered, formats = SOLUTION_TYPES, pyoxigraph.QueryResultsFormat
        media = negotiate(self.headers.get("Accept"), offered)
        if media is None:
            raise _Refused(
                HTTPStatus.NOT_ACCEPTABLE,
                "none of the accepted media types can be produced; this query's results are "
                "available as " + ", ".join(sorted(set(offered))),
            )
        sink = _Budget(time.monotonic() + self.server.query_timeout, self.server.max_result_bytes)
        fmt = getattr(formats, offered[media])
        try:
            result.serialize(sink, format=fmt)
        except _ResultLimit as exc:
            raise _Refused(
                HTTPStatus.SERVICE_UNAVAILABLE, f"{exc}: narrow the query or add a LIMIT"
            ) from None
        except (OSError, ValueError) as exc:
            raise _Refused(HTTPStatus.INTERNAL_SERVER_ERROR, f"the query failed: {exc}") from None
        content_type = fmt.media_type  # the canonical name, whichever alias was asked for
        if "charset" not in content_type and not content_type.endswith("json"):
            content_type += "; charset=utf-8"
        self._send(HTTPStatus.OK, content_type, sink.buffer.getvalue(), head=head)

    # -- files ----------------------------------------------------------------------------

    def _file(self, raw_path: str, *, head: bool) -> None:
        path = unquote(raw_path)
        parts = [part for part in path.split("/") if part]
        if any(part.startswith(".") or "\\" in part or "\x00" in part for part in parts):
            raise _Refused(HTTPStatus.FORBIDDEN, "forbidden path")
        folder = self.server.folder
        root = folder.path
        if parts and root / parts[0] == folder.store_path:
            raise _Refused(HTTPStatus.FORBIDDEN, "the store is queried at /sparql, not served")
        target = root.joinpath(*parts)
        if target.is_dir():
            target = target / folder.page_path.name  # any folder's index page, as for the root
        try:
            resolved = target.resolve(strict=True)
        except (OSError, RuntimeError):
            raise _Refused(HTTPStatus.NOT_FOUND, f"not found: {raw_path}") from None
        store = folder.store_path.resolve()
        if (
            not resolved.is_relative_to(root)
            or resolved.is_relative_to(store)
            or not resolved.is_file()
        ):
            raise _Refused(HTTPStatus.NOT_FOUND, f"not found: {raw_path}")
        content_type = FILE_TYPES.get(resolved.suffix.lower()) or (
            mimetypes.guess_type(resolved.name)[0] or "application/octet-stream"
        )
        try:
            handle = resolved.open("rb")
        except OSError as exc:
            raise _Refused(HTTPStatus.NOT_FOUND, f"cannot read {raw_path}: {exc}") from None
        with handle:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(os.fstat(handle.fileno()).st_size))
            self.send_header("Cache-Control", "no-cache")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            if not head:
                shutil.copyfileobj(handle, self.wfile)

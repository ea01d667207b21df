"""The ASGI application: the read-only SPARQL 1.1 Protocol endpoint and the graph folder's pages.

``/sparql`` answers queries (GET ``?query=``, POST form ``query=``, POST
``application/sparql-query``) by handing them to the worker processes (``workers``); without a
query it gives browsers the query page and SPARQL tools the service description.
``/sparql/examples.json`` lists the library's example queries for the query page. Every other
path serves a file of the graph folder (``/`` is ``index.html``); the store's own files are
never served. Only GET, HEAD and POST (at ``/sparql``) are answered, and OPTIONS when CORS is
on: any other method gets 405 with ``Allow``.
"""

from __future__ import annotations

import json
import mimetypes
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from graphbuild.folder import GraphFolder
from graphbuild.serve.protocol import (
    GRAPH_TYPES,
    MAX_REQUEST_BYTES,
    ProtocolError,
    negotiate,
    parse_request,
)
from graphbuild.serve.workers import Answer, Job, Limits, WorkerPool, text_answer

ENDPOINT = "/sparql"
EXAMPLES = "/sparql/examples.json"
SPARQL_METHODS = ("GET", "HEAD", "POST")
FILE_METHODS = ("GET", "HEAD")
ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"]
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
QUERIES = Path(__file__).resolve().parents[2] / "queries"
"""The library's example queries (in a source checkout)."""


@dataclass(frozen=True)
class Settings:
    """How the endpoint behaves: limits per query and the origin CORS allows (None: no CORS)."""

    limits: Limits = field(default_factory=Limits)
    cors: str | None = None


def create_app(folder: GraphFolder, pool: WorkerPool, settings: Settings = Settings()) -> Starlette:
    """The ASGI application serving ``folder`` with queries answered by ``pool``."""
    site = _Site(GraphFolder(folder.path.resolve()), pool, settings)
    routes = [
        Route(ENDPOINT, site.sparql, methods=ALL_METHODS),
        Route(ENDPOINT + "/", site.sparql, methods=ALL_METHODS),
        Route(EXAMPLES, site.examples, methods=ALL_METHODS),
        Route("/{path:path}", site.file, methods=ALL_METHODS),
    ]
    return Starlette(routes=routes)


class _Site:
    def __init__(self, folder: GraphFolder, pool: WorkerPool, settings: Settings) -> None:
        self.folder = folder
        self.pool = pool
        self.settings = settings

    # -- plumbing ---------------------------------------------------------------------------

    def respond(self, request: Request, answer: Answer) -> Response:
        headers = {
            "Cache-Control": "no-cache",
            "X-Content-Type-Options": "nosniff",
            **answer.headers,
        }
        headers.update(self.cors_headers())
        body = b"" if request.method == "HEAD" else answer.body
        response = Response(body, status_code=answer.status, headers=headers)
        response.headers["Content-Type"] = answer.content_type
        if request.method == "HEAD":
            response.headers["Content-Length"] = str(len(answer.body))
        return response

    def cors_headers(self) -> dict[str, str]:
        if self.settings.cors is None:
            return {}
        return {"Access-Control-Allow-Origin": self.settings.cors, "Vary": "Origin"}

    def refuse(
        self, request: Request, status: HTTPStatus, message: str, **headers: str
    ) -> Response:
        answer = text_answer(status, message)
        return self.respond(
            request, Answer(answer.status, answer.content_type, answer.body, headers)
        )

    def not_allowed(self, request: Request, allowed: tuple[str, ...], where: str) -> Response:
        methods = list(allowed) + (["OPTIONS"] if self.settings.cors else [])
        return self.refuse(
            request,
            HTTPStatus.METHOD_NOT_ALLOWED,
            f"{request.method} is not allowed {where}: the endpoint is read-only "
            f"({', '.join(methods)} only)",
            Allow=", ".join(methods),
        )

    def preflight(self, allowed: tuple[str, ...]) -> Response:
        headers = {
            **self.cors_headers(),
            "Access-Control-Allow-Methods": ", ".join((*allowed, "OPTIONS")),
            "Access-Control-Allow-Headers": "Content-Type, Accept",
            "Access-Control-Max-Age": "86400",
            "Allow": ", ".join((*allowed, "OPTIONS")),
        }
        return Response(status_code=HTTPStatus.NO_CONTENT, headers=headers)

    async def body(self, request: Request) -> bytes:
        """The request body, refused when it has no length or is too large."""
        headers = request.headers
        if "content-length" not in headers and "transfer-encoding" not in headers:
            raise ProtocolError(HTTPStatus.LENGTH_REQUIRED, "a Content-Length header is required")
        try:
            declared = int(headers.get("content-length", "0"))
        except ValueError:
            raise ProtocolError(HTTPStatus.BAD_REQUEST, "bad Content-Length") from None
        too_large = ProtocolError(
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
            f"the request body is larger than {MAX_REQUEST_BYTES:,} bytes",
        )
        if declared > MAX_REQUEST_BYTES:
            raise too_large
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_REQUEST_BYTES:
                raise too_large
            chunks.append(chunk)
        return b"".join(chunks)

    # -- SPARQL -----------------------------------------------------------------------------

    async def sparql(self, request: Request) -> Response:
        if request.method == "OPTIONS" and self.settings.cors:
            return self.preflight(SPARQL_METHODS)
        if request.method not in SPARQL_METHODS:
            return self.not_allowed(request, SPARQL_METHODS, "at /sparql")
        try:
            body = await self.body(request) if request.method == "POST" else b""
            parsed = parse_request(
                request.method,
                request.url.query,
                request.headers.get("content-type"),
                body,
            )
        except ProtocolError as err:
            return self.refuse(request, err.status, err.message)
        except ClientDisconnect:
            return Response(status_code=HTTPStatus.BAD_REQUEST)
        accept = request.headers.get("accept")
        if parsed is None:
            return self.describe(request, accept)
        job = Job(parsed, accept, self.endpoint_url(request), self.settings.limits)
        return self.respond(request, await self.pool.run(job))

    def endpoint_url(self, request: Request) -> str:
        return str(request.base_url).rstrip("/") + ENDPOINT

    def describe(self, request: Request, accept: str | None) -> Response:
        """Without a query: the query page for browsers, the service description for SPARQL
        tools that ask for RDF, else a 400 telling how to ask."""
        wanted = (accept or "").lower()
        if "text/html" in wanted:
            from graphbuild.render import query_page

            page = query_page().encode("utf-8")
            return self.respond(request, Answer(200, "text/html; charset=utf-8", page))
        explicit = {t: f for t, f in GRAPH_TYPES.items() if t in wanted}
        media = negotiate(accept, explicit) if explicit else None
        if media is None:
            return self.refuse(
                request,
                HTTPStatus.BAD_REQUEST,
                "give exactly one SPARQL query, e.g. /sparql?query=SELECT%20*%20WHERE%20%7B%3Fs"
                "%20%3Fp%20%3Fo%7D%20LIMIT%2010 (ask for text/turtle without a query for the "
                "service description)",
            )
        body, content_type = service_description(self.endpoint_url(request), GRAPH_TYPES[media])
        return self.respond(request, Answer(200, content_type, body))

    async def examples(self, request: Request) -> Response:
        if request.method not in FILE_METHODS:
            return self.not_allowed(request, FILE_METHODS, "here")
        found = {}
        if QUERIES.is_dir():
            for path in sorted(QUERIES.glob("*.rq")):
                found[path.name] = path.read_text(encoding="utf-8")
        body = json.dumps(found, ensure_ascii=False).encode("utf-8")
        return self.respond(request, Answer(200, "application/json", body))

    # -- files ------------------------------------------------------------------------------

    async def file(self, request: Request) -> Response:
        if request.method == "OPTIONS" and self.settings.cors:
            return self.preflight(FILE_METHODS)
        if request.method not in FILE_METHODS:
            if request.method == "POST":
                return self.refuse(
                    request, HTTPStatus.METHOD_NOT_ALLOWED, "POST is accepted at /sparql only",
                    Allow=", ".join(FILE_METHODS),
                )  # fmt: skip
            return self.not_allowed(request, FILE_METHODS, "here")
        raw = request.scope.get("raw_path") or request.url.path.encode()
        raw_path = raw.decode("latin-1").split("?", 1)[0]
        found = self.locate(raw_path)
        if isinstance(found, Answer):
            return self.respond(request, found)
        content_type = FILE_TYPES.get(found.suffix.lower()) or (
            mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        )
        headers = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}
        headers.update(self.cors_headers())
        response = FileResponse(found, headers=headers, media_type=content_type)
        response.headers["Content-Type"] = content_type
        return response

    def locate(self, raw_path: str) -> Path | Answer:
        """The file of the graph folder a request path names, or the error answer."""
        path = unquote(raw_path)
        parts = [part for part in path.split("/") if part]
        if any(part.startswith(".") or "\\" in part or "\x00" in part for part in parts):
            return text_answer(HTTPStatus.FORBIDDEN, "forbidden path")
        folder = self.folder
        root = folder.path
        if parts and root / parts[0] == folder.store_path:
            return text_answer(HTTPStatus.FORBIDDEN, "the store is queried at /sparql, not served")
        target = root.joinpath(*parts)
        if target.is_dir():
            target = target / folder.page_path.name  # any folder's index page, as for the root
        try:
            resolved = target.resolve(strict=True)
        except (OSError, RuntimeError):
            return text_answer(HTTPStatus.NOT_FOUND, f"not found: {raw_path}")
        store = folder.store_path.resolve()
        if (
            not resolved.is_relative_to(root)
            or resolved.is_relative_to(store)
            or not resolved.is_file()
        ):
            return text_answer(HTTPStatus.NOT_FOUND, f"not found: {raw_path}")
        return resolved


SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
_RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "N-Quads",
    "TriG",
    "RDF_XML",
    "JSON-LD",
    "N3",
)


def service_description(endpoint: str, fmt: str) -> tuple[bytes, str]:
    """The SPARQL 1.1 Service Description of the endpoint, serialized in ``fmt`` (an
    ``RdfFormat`` name), with its media type.

    >>> body, media = service_description("http://127.0.0.1:8000/sparql", "TURTLE")
    >>> media, b"UnionDefaultGraph" in body
    ('text/turtle', True)
    """
    import pyoxigraph as ox

    sd = {name: ox.NamedNode(SD + name) for name in ("endpoint", "supportedLanguage")}
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    service = ox.NamedNode(endpoint)
    dataset, default = ox.BlankNode("dataset"), ox.BlankNode("default")
    triples: list[Any] = [
        (service, rdf_type, ox.NamedNode(SD + "Service")),
        (service, sd["endpoint"], service),
        (service, sd["supportedLanguage"], ox.NamedNode(SD + "SPARQL11Query")),
        (service, ox.NamedNode(SD + "feature"), ox.NamedNode(SD + "UnionDefaultGraph")),
        (service, ox.NamedNode(SD + "defaultDataset"), dataset),
        (dataset, rdf_type, ox.NamedNode(SD + "Dataset")),
        (dataset, ox.NamedNode(SD + "defaultGraph"), default),
        (default, rdf_type, ox.NamedNode(SD + "Graph")),
    ]
    triples += [
        (service, ox.NamedNode(SD + "resultFormat"), ox.NamedNode(FORMATS + name))
        for name in _RESULT_FORMATS
    ]
    rdf_format = getattr(ox.RdfFormat, fmt)
    quads = [ox.Quad(s, p, o) for s, p, o in triples]
    body = ox.serialize(quads, format=rdf_format, prefixes={"sd": SD, "formats": FORMATS})
    media = rdf_format.media_type
    return body, media

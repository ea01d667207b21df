"""A real server on 127.0.0.1 in a thread and a plain HTTP client, for the endpoint tests."""

from __future__ import annotations

import http.client
import threading
import urllib.error
import urllib.request
from pathlib import Path

from samples import seed_graph

from graphbuild.graph.stats import refresh_stats
from graphbuild.graph.store import GraphStore
from graphbuild.serve import make_server


def seed_out(root: Path) -> Path:
    """An output folder under ``root`` whose store holds the seed article's graph."""
    out = root / "graph-out"
    with GraphStore(out / "store") as store:
        store.write([seed_graph()])
        refresh_stats(store)
    (out / "index.html").write_text("<!DOCTYPE html><title>graph</title>", encoding="utf-8")
    return out


class Running:
    """A server on 127.0.0.1 in a thread, stopped cleanly by ``stop``."""

    def __init__(self, out: Path, **options) -> None:
        self.server = make_server(out, "127.0.0.1", 0, **options)
        self.url = self.server.url
        self.endpoint = self.url + "sparql"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)
        assert not self.thread.is_alive()


def request(url: str, *, data: bytes | None = None, headers: dict | None = None, method=None):
    """(status, headers, body) of one request, error statuses included."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


def raw_request(
    server: Running, method: str, target: str, headers: dict[str, str], body: bytes = b""
) -> tuple[int, http.client.HTTPMessage, bytes]:
    """(status, headers, body) of a request sent exactly as given: no header added but
    Host and Content-Length, the target not normalized."""
    host, port = server.server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=30)
    try:
        conn.putrequest(method, target, skip_accept_encoding=True)
        for name, value in {**headers, "Content-Length": str(len(body))}.items():
            conn.putheader(name, value)
        conn.endheaders(body)
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()

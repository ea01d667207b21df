"""Serving a built graph folder: the Starlette application (``app``) on uvicorn.

``make_server`` checks the folder and the address, starts the query workers and returns a
``GraphServer``, not yet serving; ``serve`` runs one until Ctrl-C. The socket is bound before
uvicorn starts, so port 0 picks a free port that ``server.url`` tells, and an address in use is
a ``ServeError`` at once.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import threading
from pathlib import Path
from typing import Any

from graphbuild.errors import ServeError
from graphbuild.folder import GraphFolder
from graphbuild.serve.app import Settings, create_app
from graphbuild.serve.workers import Limits, WorkerPool

DEFAULT_TIMEOUT = 30.0
"""Seconds a query may run before it is stopped with 503."""
DEFAULT_MAX_RESULT_BYTES = 256 * 1024 * 1024
"""Largest serialized result sent; larger results are refused (add a LIMIT)."""
DEFAULT_WORKERS = 4
"""Query worker processes: queries beyond this many at once wait for a free one."""
KEEP_ALIVE = 30
"""Seconds an idle HTTP/1.1 connection is kept open."""
MEMORY_BYTES_PER_QUAD = 350
"""What a quad of an in-memory copy of the store takes (1.08M quads: 341 MiB, measured). The
workers forked from the copy share it at first, but reading the store writes to its pages, so
in the long run each worker holds a copy of its own: workers + 1 copies in all."""


def available_memory() -> int | None:
    """Bytes of memory this machine can still give (``MemAvailable``), None when unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, AttributeError):
        return None


def fits_in_memory(quads: int, workers: int, available: int | None) -> bool:
    """Whether a graph of ``quads`` is served from memory by default: when the copies of
    ``workers`` workers and of the process they are forked from take at most half of the
    ``available`` memory.

    >>> fits_in_memory(1_000_000, 4, 8 * 2**30), fits_in_memory(5_000_000, 4, 8 * 2**30)
    (True, False)
    >>> fits_in_memory(1_000, 4, None)
    False
    """
    needed = quads * MEMORY_BYTES_PER_QUAD * (workers + 1)
    return available is not None and needed <= available // 2


def store_plan(
    out_dir: Path | str, in_memory: bool | None = None, workers: int = DEFAULT_WORKERS
) -> tuple[int, bool]:
    """The number of quads of the graph in ``out_dir`` and whether it is to be served from
    memory (``in_memory``, or when ``None``, whether it fits: ``fits_in_memory``).

    Raises ``StoreError`` when ``out_dir`` holds no readable store.
    """
    with GraphFolder(out_dir).open_store(read_only=True) as store:
        quads = len(store)
    if in_memory is None:
        in_memory = fits_in_memory(quads, workers, available_memory())
    return quads, in_memory


def _log_config(quiet: bool) -> dict[str, Any]:
    """uvicorn's logging: the access log (one line a request) unless quiet, errors always."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "access": {"format": "%(asctime)s %(message)s", "datefmt": "%Y-%m-%dT%H:%M:%S"},
            "plain": {"format": "graphbuild serve: %(message)s"},
        },
        "handlers": {
            "access": {
                "class": "logging.StreamHandler",
                "formatter": "access",
                "stream": "ext://sys.stderr",
            },
            "errors": {
                "class": "logging.StreamHandler",
                "formatter": "plain",
                "stream": "ext://sys.stderr",
            },
        },
        "loggers": {
            "uvicorn.access": {
                "handlers": ["access"],
                "level": logging.CRITICAL if quiet else logging.INFO,
                "propagate": False,
            },
            "uvicorn.error": {"handlers": ["errors"], "level": logging.WARNING, "propagate": False},
            "uvicorn": {"handlers": ["errors"], "level": logging.WARNING, "propagate": False},
        },
    }


class GraphServer:
    """A uvicorn server over one graph folder, with its query workers and listening socket.

    ``serve_forever()`` serves (in the calling thread) until ``shutdown()``; ``server_close()``
    then stops the workers and releases the socket and the store.
    """

    def __init__(
        self, sock: socket.socket, folder: GraphFolder, pool: WorkerPool, settings: Settings,
        *, quiet: bool,
    ) -> None:  # fmt: skip
        import uvicorn

        self.socket = sock
        self.folder = folder
        self.pool = pool
        self.settings = settings
        self.server_address = sock.getsockname()
        app = create_app(folder, pool, settings)
        config = uvicorn.Config(
            app,
            log_config=_log_config(quiet),
            access_log=not quiet,
            timeout_keep_alive=KEEP_ALIVE,
            server_header=False,
            lifespan="off",
            http="h11",
        )
        self._server = uvicorn.Server(config)
        self._stopped = threading.Event()
        self._stopped.set()

    @property
    def url(self) -> str:
        """The base URL the server listens on."""
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}/"

    def serve_forever(self) -> None:
        """Serve until ``shutdown`` (or Ctrl-C, when called in the main thread)."""
        self._stopped.clear()
        try:
            self._server.run(sockets=[self.socket])
        finally:
            self._stopped.set()

    def shutdown(self) -> None:
        """Ask the server to stop and wait until it has."""
        self._server.should_exit = True
        self._stopped.wait(timeout=30)

    def server_close(self) -> None:
        """Stop the query workers and release the socket."""
        self.pool.close()
        self.socket.close()


def make_server(
    out_dir: Path | str,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    quiet: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_result_bytes: int = DEFAULT_MAX_RESULT_BYTES,
    max_rows: int = 0,
    cors: str | None = None,
    workers: int = DEFAULT_WORKERS,
    in_memory: bool | None = None,
) -> GraphServer:
    """A server (not yet serving) for the graph built in ``out_dir``.

    Call ``serve_forever()`` on it (in a thread if need be), then ``shutdown()`` and
    ``server_close()``. Port 0 picks a free port; ``server.url`` tells which. The query workers
    are spawned processes: a script calling this needs an ``if __name__ == "__main__":`` guard.

    Parameters
    ----------
    out_dir
        A folder written by ``graphbuild build``: it must hold ``store/``.
    host, port
        Where to listen (``127.0.0.1``, this machine only, unless told otherwise).
    quiet
        When true, requests are not logged to stderr.
    timeout
        Seconds a query may run; past them it is stopped and answered with 503.
    max_result_bytes
        Largest serialized result sent (503 beyond it).
    max_rows
        When not 0, SELECT results are cut after this many rows (the answer then carries an
        ``X-Result-Truncated`` header).
    cors
        The origin allowed to query from web pages of other sites (``*`` for any); ``None``
        sends no CORS headers.
    workers
        Query worker processes (queries running at once).
    in_memory
        Copy the store into memory and answer from the copy (queries listing thousands of
        statements run some three times faster, for about 350 bytes a quad in each worker
        and once more); ``False`` queries the store on disk; ``None`` copies it when the
        copies take at most half of the memory available (``fits_in_memory``).

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
    if in_memory is None:
        _, in_memory = store_plan(out_dir, None, workers)  # a clear StoreError, or go on
    else:
        folder.open_store(read_only=True).close()  # a clear StoreError before anything starts
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        family = infos[0][0]
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # answers go out as headers then body: without this, each waits on a delayed ACK
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            sock.bind((host, port))
        except OSError:
            sock.close()
            raise
        sock.listen(128)
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    pool = WorkerPool(folder.store_path, workers, in_memory=in_memory)
    try:
        pool.start()
    except BaseException:
        pool.close()
        sock.close()
        raise
    limits = Limits(timeout=timeout, max_result_bytes=max_result_bytes, max_rows=max_rows)
    settings = Settings(limits=limits, cors=cors)
    return GraphServer(sock, GraphFolder(folder.path.resolve()), pool, settings, quiet=quiet)


def serve(
    out_dir: Path | str,
    host: str = "127.0.0.1",
    port: int = 8000,
    **options: Any,
) -> None:
    """Serve the graph in ``out_dir`` until interrupted (Ctrl-C stops cleanly).

    See :func:`make_server` for the parameters and errors.
    """
    workers = options.get("workers", DEFAULT_WORKERS)
    quads, in_memory = store_plan(out_dir, options.pop("in_memory", None), workers)
    if in_memory and quads >= 200_000:  # some seconds: say what the wait is for
        print(
            f"Copying the {quads:,} quads of {out_dir} into memory for faster queries "
            "(--on-disk to query the store on disk) ...",
            file=sys.stderr,
            flush=True,
        )
    server = make_server(out_dir, host, port, in_memory=in_memory, **options)
    where = "from memory" if in_memory else "from the store on disk"
    print(
        f"Serving {out_dir} at {server.url} (SPARQL endpoint: {server.url}sparql, "
        f"{quads:,} quads queried {where}); press Ctrl-C to stop",
        file=sys.stderr,
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()

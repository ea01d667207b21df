"""Queries run in worker processes, each with the store open read-only.

pyoxigraph cannot interrupt a query once it runs, so a query that runs over its time limit is
stopped the only sure way: its worker process is ended and a fresh one takes its place. The
server stays responsive meanwhile, since the other workers go on answering, and the event
loop never waits on a query itself.

``answer`` is what a worker does with one request: run it (``graphbuild.query.run_query``,
federated queries refused), negotiate the result's media type, serialize it within the size
and row limits. It returns an ``Answer`` (status, media type, body, extra headers); nothing in
it raises for a bad request.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http import HTTPStatus
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from graphbuild.errors import MalformedQueryError, QueryError, RefusedQueryError
from graphbuild.serve.protocol import GRAPH_TYPES, SOLUTION_TYPES, SparqlRequest, negotiate


@dataclass(frozen=True)
class Limits:
    """What one query may use: seconds, serialized bytes, result rows (0: no row limit)."""

    timeout: float = 30.0
    max_result_bytes: int = 256 * 1024 * 1024
    max_rows: int = 0


@dataclass(frozen=True)
class Job:
    """One query for a worker: the request, the Accept header, the base IRI, the limits."""

    request: SparqlRequest
    accept: str | None
    base_iri: str
    limits: Limits


@dataclass(frozen=True)
class Answer:
    """The HTTP answer to a job."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def text_answer(status: HTTPStatus | int, message: str) -> Answer:
    """A plain-text answer (every error the endpoint gives is one)."""
    body = (message.rstrip("\n") + "\n").encode("utf-8")
    return Answer(int(status), "text/plain; charset=utf-8", body)


class _OverLimit(Exception):
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
            raise _OverLimit("the query ran out of time")
        if self.buffer.tell() + len(data) > self.max_bytes:
            raise _OverLimit(f"the result is larger than {self.max_bytes:,} bytes")
        return self.buffer.write(data)


def over_time_message(timeout: float) -> str:
    """The message of a 503 for a query that ran over its time limit."""
    return (
        f"the query ran out of time: it took longer than the {timeout:g} s limit of this "
        "endpoint (graphbuild serve --timeout); narrow the query or add a LIMIT"
    )


def answer(store: Any, job: Job) -> Answer:
    """Run one job over ``store`` (a ``GraphStore``) and serialize its result."""
    import pyoxigraph as ox

    from graphbuild.query import run_query

    limits = job.limits
    deadline = time.monotonic() + limits.timeout
    request = job.request
    try:
        result = run_query(
            store,
            request.query,
            default_graphs=request.default_graphs,
            named_graphs=request.named_graphs,
            federated=False,  # pyoxigraph would send the requests: a public endpoint must not
            base_iri=job.base_iri,
        )
    except RefusedQueryError as exc:
        return text_answer(HTTPStatus.FORBIDDEN, str(exc))
    except MalformedQueryError as exc:
        return text_answer(HTTPStatus.BAD_REQUEST, str(exc))
    except QueryError as exc:
        return text_answer(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc))
    if isinstance(result, ox.QueryTriples):
        offered, formats = GRAPH_TYPES, ox.RdfFormat
    else:
        offered, formats = SOLUTION_TYPES, ox.QueryResultsFormat
    media = negotiate(job.accept, offered)
    if media is None:
        return text_answer(
            HTTPStatus.NOT_ACCEPTABLE,
            "none of the accepted media types can be produced; this query's results are "
            "available as " + ", ".join(sorted(set(offered))),
        )
    fmt = getattr(formats, offered[media])
    sink = _Budget(deadline, limits.max_result_bytes)
    headers: dict[str, str] = {}
    try:
        if isinstance(result, ox.QuerySolutions) and limits.max_rows:
            from graphbuild.serve.results import write_solutions

            if write_solutions(result, offered[media], sink, limits.max_rows):
                headers["X-Result-Truncated"] = f"max-rows={limits.max_rows}"
        else:
            result.serialize(sink, format=fmt)
    except _OverLimit as exc:
        message = str(exc)
        if "time" in message:
            message = over_time_message(limits.timeout)
        else:
            message += ": narrow the query or add a LIMIT"
        return text_answer(HTTPStatus.SERVICE_UNAVAILABLE, message)
    except (OSError, ValueError) as exc:
        return text_answer(HTTPStatus.INTERNAL_SERVER_ERROR, f"the query failed: {exc}")
    content_type = fmt.media_type  # the canonical name, whichever alias was asked for
    if "charset" not in content_type and not content_type.endswith("json"):
        content_type += "; charset=utf-8"
    return Answer(HTTPStatus.OK, content_type, sink.buffer.getvalue(), headers)


def _answer_jobs(store: Any, conn: Connection) -> None:
    """A worker's life once it has its store: answer jobs until told to stop."""
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            break
        if job is None:
            break
        try:
            reply = answer(store, job)
        except Exception as exc:  # the worker must answer whatever happens
            reply = text_answer(HTTPStatus.INTERNAL_SERVER_ERROR, f"the query failed: {exc!r}")
        conn.send(reply)


def _work(store_path: str, conn: Connection) -> None:
    """An on-disk worker: open the store read-only, answer jobs."""
    from graphbuild.graph.store import GraphStore

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    with GraphStore(store_path, read_only=True) as store:
        _answer_jobs(store, conn)


def _zygote(store_path: str, conn: Connection) -> None:
    """The parent of the in-memory workers: copy the store into memory once, then fork a
    worker, which starts with that copy, each time the pool asks (the socket of the new worker
    comes with the request; the worker's process id goes back)."""
    from multiprocessing.reduction import recv_handle

    from graphbuild.graph.store import GraphStore

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # ended workers are reaped at once
    with GraphStore(store_path, read_only=True) as disk:
        store = disk.in_memory_copy()
    conn.send("ready")
    while True:
        try:
            conn.recv()
            handle = recv_handle(conn)
        except (EOFError, OSError):
            break
        pid = os.fork()
        if pid == 0:  # the worker: it answers on its own socket, never returns
            code = 0
            try:
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                conn.close()
                _answer_jobs(store, Connection(handle))
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(handle)
        conn.send(pid)


def _says_ready(conn: Connection, seconds: float) -> bool:
    """Whether the process at the other end of ``conn`` says "ready" within ``seconds``."""
    try:
        return conn.poll(seconds) and conn.recv() == "ready"
    except (EOFError, OSError):
        return False


class _Worker:
    """A query worker process and the connection to it."""

    def __init__(self, conn: Connection, name: str) -> None:
        self.conn = conn
        self.name = name

    def wait_ready(self, seconds: float = 120) -> _Worker:
        if not _says_ready(self.conn, seconds):
            self.stop()
            raise QueryError(f"{self.name}: a query worker could not open the store")
        return self

    def ask(self, job: Job) -> Answer:
        self.conn.send(job)
        return self.conn.recv()

    def end(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        self.end()
        self.conn.close()


class _SpawnedWorker(_Worker):
    """A worker with the on-disk store open read-only."""

    def __init__(self, context: Any, store_path: str) -> None:
        ours, theirs = context.Pipe()
        self.process = context.Process(target=_work, args=(store_path, theirs), daemon=True)
        self.process.start()
        theirs.close()
        super().__init__(ours, store_path)

    def end(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)


class _ForkedWorker(_Worker):
    """A worker forked from the zygote: it starts with the zygote's in-memory copy of the store."""

    def __init__(self, conn: Connection, pid: int, name: str) -> None:
        super().__init__(conn, name)
        self.pid = pid

    def end(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)  # the zygote reaps it


class _Zygote:
    """The process holding the in-memory copy of the store, which forks the workers."""

    def __init__(self, context: Any, store_path: str) -> None:
        self.context = context
        self.name = store_path
        self.conn, theirs = context.Pipe()  # a socket pair: it carries the workers' sockets
        self.process = context.Process(target=_zygote, args=(store_path, theirs), daemon=True)
        self.process.start()
        theirs.close()
        self._lock = threading.Lock()

    def wait_ready(self, seconds: float) -> None:
        """Wait until the store is in memory (``QueryError`` when it cannot be)."""
        if not _says_ready(self.conn, seconds):
            self.stop()
            raise QueryError(f"{self.name}: the store could not be copied into memory")

    def fork(self) -> _Worker:
        from multiprocessing.reduction import send_handle

        ours, theirs = self.context.Pipe()
        try:
            with self._lock:
                self.conn.send("fork")
                send_handle(self.conn, theirs.fileno(), self.process.pid)
                pid = self.conn.recv()
        except (EOFError, OSError) as exc:
            ours.close()
            raise QueryError(f"{self.name}: the in-memory store's process ended") from exc
        finally:
            theirs.close()
        return _ForkedWorker(ours, pid, self.name).wait_ready()

    def stop(self) -> None:
        self.conn.close()  # the zygote's end sees EOF and returns
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)


class WorkerPool:
    """``size`` worker processes over the store at ``store_path``; ``run`` answers a job in the
    first free one, within the job's time limit.

    With ``in_memory`` the store is copied into memory once, in a process of its own, and the
    workers are forked from it with the copy (queries listing thousands of statements run
    some three times faster): a worker that replaces a stopped one is ready at once.
    Otherwise each worker opens the on-disk store read-only.
    """

    LOAD_SECONDS = 1800
    """Longest wait for the store to be copied into memory (some 10 s a million quads)."""

    def __init__(self, store_path: Path | str, size: int = 4, *, in_memory: bool = False) -> None:
        self.store_path = str(store_path)
        self.size = max(1, size)
        self.in_memory = in_memory
        self._context = multiprocessing.get_context("spawn")
        self._zygote: _Zygote | None = None
        self._free: asyncio.Queue[_Worker] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._threads = ThreadPoolExecutor(self.size + 2, thread_name_prefix="query")
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> None:
        """Start the workers (blocking; call before serving)."""
        if self.in_memory:
            self._zygote = _Zygote(self._context, self.store_path)
            self._zygote.wait_ready(self.LOAD_SECONDS)
            for _ in range(self.size):
                self._all.add(self._zygote.fork())
            self._pending: Iterable[_Worker] = list(self._all)
            return
        started = [_SpawnedWorker(self._context, self.store_path) for _ in range(self.size)]
        self._all.update(started)
        self._pending = [worker.wait_ready() for worker in started]

    def _new_worker(self) -> _Worker:
        if self._zygote is not None:
            return self._zygote.fork()
        return _SpawnedWorker(self._context, self.store_path).wait_ready()

    async def _queue(self) -> asyncio.Queue[_Worker]:
        if self._free is None:
            self._loop = asyncio.get_running_loop()
            self._free = asyncio.Queue()
            for worker in self._pending:
                self._free.put_nowait(worker)
        return self._free

    async def run(self, job: Job) -> Answer:
        """The answer to ``job``; a 503 when it runs over ``job.limits.timeout`` seconds."""
        free = await self._queue()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + job.limits.timeout
        try:
            worker = free.get_nowait()
        except asyncio.QueueEmpty:
            try:
                worker = await asyncio.wait_for(free.get(), job.limits.timeout)
            except TimeoutError:
                message = over_time_message(job.limits.timeout)
                return text_answer(
                    HTTPStatus.SERVICE_UNAVAILABLE,
                    message + " (every query worker was busy with other queries all along)",
                )
        future = loop.run_in_executor(self._threads, worker.ask, job)
        try:
            # a little more than the limit: the worker itself stops serializing at the limit
            result = await asyncio.wait_for(future, max(0.0, deadline - loop.time()) + 1.0)
        except TimeoutError:
            loop.run_in_executor(self._threads, self._replace, worker)
            return text_answer(
                HTTPStatus.SERVICE_UNAVAILABLE, over_time_message(job.limits.timeout)
            )
        except (EOFError, OSError) as exc:
            loop.run_in_executor(self._threads, self._replace, worker)
            return text_answer(HTTPStatus.INTERNAL_SERVER_ERROR, f"the query failed: {exc!r}")
        free.put_nowait(worker)
        return result

    def _replace(self, worker: _Worker) -> None:
        """End a worker (it may be stuck in a query) and put a fresh one in the pool."""
        worker.stop()
        with self._lock:
            self._all.discard(worker)
            if self._closed:
                return
        fresh = self._new_worker()
        with self._lock:
            if self._closed:
                fresh.stop()
                return
            self._all.add(fresh)
        if self._free is not None and self._loop is not None:
            self._loop.call_soon_threadsafe(self._free.put_nowait, fresh)

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()
        if self._zygote is not None:
            self._zygote.stop()
        self._threads.shutdown(wait=False, cancel_futures=True)

"""The endpoint under load: throughput of a simple SELECT, and simple queries during a slow one.

Builds the seed article with the project's own build (or takes ``--graph OUT``), serves it with
``graphbuild serve`` in its own process, then

1. runs ``--clients`` client processes, each sending a simple SELECT over one keep-alive
   connection for ``--seconds``, and prints queries per second (all answers checked);
2. sends a query that runs until the server's time limit (``--slow`` seconds) and, meanwhile,
   simple SELECTs one after the other from another client, and prints their latency
   (median / p95 / max) and the slow query's status.

    python benchmarks/serve_load.py [--clients 8] [--seconds 10] [--slow 20] [--min-qps 200]
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIMPLE = "SELECT ?s ?o WHERE { ?s rel:supply ?o } LIMIT 10"
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ask(conn: http.client.HTTPConnection, query: str) -> tuple[int, bytes]:
    conn.request(
        "GET",
        "/sparql?" + urllib.parse.urlencode({"query": query}),
        headers={"Accept": "application/sparql-results+json"},
    )
    response = conn.getresponse()
    return response.status, response.read()


def client(port: int, seconds: float, start: float, result: multiprocessing.Queue) -> None:
    """Send SIMPLE from ``start`` for ``seconds``; put (answers, failures) on ``result``."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    expected = None
    answers = failures = 0
    while time.time() < start:
        time.sleep(0.001)
    end = time.time() + seconds
    while time.time() < end:
        status, body = ask(conn, SIMPLE)
        rows = json.loads(body)["results"]["bindings"] if status == 200 else None
        if expected is None:
            expected = rows
        if status == 200 and rows == expected:
            answers += 1
        else:
            failures += 1
    conn.close()
    result.put((answers, failures))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, help="a built graph folder (default: build seeds/)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent client processes")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of the throughput run")
    parser.add_argument("--slow", type=float, default=20.0, help="the slow query's seconds")
    parser.add_argument("--workers", type=int, default=4, help="graphbuild serve --workers")
    parser.add_argument("--min-qps", type=float, default=0.0, help="fail below this throughput")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        out = args.graph
        if out is None:
            from graphbuild import pipeline

            out = Path(tmp) / "graph-out"
            pipeline.build([ROOT / "seeds"], out, pages=False)
        port = free_port()
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-m", "graphbuild", "serve", str(out), "--port", str(port)]
        command += ["--timeout", str(args.slow), "--workers", str(args.workers)]
        server = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            for _ in range(300):
                try:
                    ask(conn, "ASK {}")
                    break
                except OSError:
                    conn.close()
                    time.sleep(0.1)
            conn.close()

            context = multiprocessing.get_context("spawn")
            results: multiprocessing.Queue = context.Queue()
            start = time.time() + 2.0  # every client connected and waiting
            clients = [
                context.Process(target=client, args=(port, args.seconds, start, results))
                for _ in range(args.clients)
            ]
            for process in clients:
                process.start()
            totals = [results.get(timeout=args.seconds + 120) for _ in clients]
            for process in clients:
                process.join()
            answers = sum(a for a, _ in totals)
            failures = sum(f for _, f in totals)
            qps = answers / args.seconds
            print(
                f"throughput      {qps:8.1f} queries/s with {args.clients} clients "
                f"({answers} correct answers, {failures} wrong or failed, {args.workers} workers)"
            )

            slow: dict[str, object] = {}

            def run_slow() -> None:
                started = time.perf_counter()
                slow_conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
                slow["status"], _ = ask(slow_conn, ENDLESS)
                slow["seconds"] = time.perf_counter() - started
                slow_conn.close()

            thread = threading.Thread(target=run_slow)
            thread.start()
            time.sleep(0.5)
            latencies = []
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            while thread.is_alive():
                started = time.perf_counter()
                status, _ = ask(conn, SIMPLE)
                latencies.append(time.perf_counter() - started)
                assert status == 200
            conn.close()
            thread.join()
            ordered = sorted(latencies)
            p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
            print(
                f"slow query      HTTP {slow['status']} after {slow['seconds']:.1f} s; meanwhile "
                f"{len(latencies)} simple queries: median {statistics.median(latencies) * 1000:.1f}"
                f" ms, p95 {p95 * 1000:.1f} ms, max {ordered[-1] * 1000:.1f} ms"
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
    if args.min_qps and qps < args.min_qps:
        print(f"FAIL: {qps:.1f} queries/s < {args.min_qps}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

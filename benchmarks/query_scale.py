"""How the library queries scale: the corpus replicated to 100k, 1M (and 5M) quads, served.

The corpus is analysed once by the project's own pipeline (ingest, spaCy, extract, resolve);
its article graphs are then replicated with new article ids (``<id>~<n>``: the same real
articles, as if published again) until each size is reached, and written by the project's
graph stage into an on-disk store as ``graphbuild build`` does (``GraphStore.write_articles``
in batches, then ``refresh_shared`` and ``graphbuild.graph.stats.refresh_stats`` once). Each
store is served by ``graphbuild serve`` in its own process, once ``--in-memory`` and once
``--on-disk`` (``--modes``), and every ``queries/*.rq`` is sent over HTTP (keep-alive)
``--runs`` times: the table gives rows, median and p95 per query, size and mode, with the
build time and peak memory of the build, and the time each server took to start answering
and the memory it and its workers hold. The baseline is an rdflib
in-memory dataset of the smallest size, queried in this process (each query once, cut off at
``--baseline-timeout``).

    python benchmarks/query_scale.py [--sizes 100k,1M] [--runs 5] [--modes in-memory,on-disk]
        [--work DIR] [--no-baseline]
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import multiprocessing
import os
import pickle
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"


def parse_size(text: str) -> int:
    """``100k`` -> 100000, ``1M`` -> 1000000, ``250000`` -> 250000."""
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * factor)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def analyse_corpus(corpus: Path, cache: Path) -> list:
    """The article graphs of the corpus, as ``graphbuild build`` keeps them (cached by file)."""
    if cache.is_file() and cache.stat().st_mtime > corpus.stat().st_mtime:
        with cache.open("rb") as handle:
            return pickle.load(handle)
    from graphbuild import pipeline

    config = pipeline.Config()
    articles = pipeline._articles([corpus], None)
    graphs = [pipeline._keep(g, config.min_confidence) for g in pipeline.analyse(articles, config)]
    with cache.open("wb") as handle:
        pickle.dump(graphs, handle)
    return graphs


def replicas(graphs: list, copy: int) -> list:
    """The article graphs again, with new article ids (copy 0 is the corpus itself)."""
    if copy == 0:
        return graphs
    return [
        dataclasses.replace(
            g,
            article=dataclasses.replace(g.article, id=f"{g.article.id}~{copy}", hash=""),
            relations=tuple(dataclasses.replace(r, doc=f"{r.doc}~{copy}") for r in g.relations),
        )
        for g in graphs
    ]


def build_store(graphs: list, target: int, out: Path) -> dict:
    """Write replicated article graphs into ``out/store`` until it holds ``target`` quads.

    Runs in a child process so that the peak memory measured is the build's own.
    """
    from graphbuild.folder import GraphFolder
    from graphbuild.graph.stats import refresh_stats
    from graphbuild.graph.store import Pending

    started = time.perf_counter()
    folder = GraphFolder(out).prepare()
    with folder.open_store(create=True) as store:
        touched = Pending()
        copy = 0
        while len(store) < target:
            batch: list = []
            for graph in replicas(graphs, copy):
                batch.append(graph)
                if len(batch) == 16:
                    touched |= store.write_articles(batch)
                    batch = []
                    if len(store) >= target:
                        break
            if batch and len(store) < target:
                touched |= store.write_articles(batch)
            copy += 1
        store.refresh_shared(touched)
        refresh_stats(store)
        store.flush()
        quads = len(store)
        articles = len(store.articles())
    return {
        "quads": quads,
        "articles": articles,
        "seconds": time.perf_counter() - started,
        "peak_mb": peak_rss_mb(),
    }


def _build_child(graphs_path: str, target: int, out: str, result: str) -> None:
    with open(graphs_path, "rb") as handle:
        graphs = pickle.load(handle)
    Path(result).write_text(json.dumps(build_store(graphs, target, Path(out))))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Served:
    """``graphbuild serve OUT --in-memory`` (or ``--on-disk``) in its own process."""

    def __init__(self, out: Path, mode: str) -> None:
        self.port = free_port()
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-m", "graphbuild", "serve", str(out), f"--{mode}"]
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [*command, "--port", str(self.port)],
            env=env,
            stderr=subprocess.DEVNULL,
        )
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        deadline = time.monotonic() + 1800
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                with urllib.request.urlopen(self.url + "?query=ASK%7B%7D", timeout=5):
                    self.start_seconds = time.perf_counter() - started
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"graphbuild serve {out} did not start")

    def memory_mb(self) -> float:
        """Proportional set size of the server and its workers, in MiB (shared pages are
        counted once across them, as the machine sees them)."""
        total, todo = 0, [self.process.pid]
        while todo:
            pid = todo.pop()
            try:
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                for task in Path(f"/proc/{pid}/task").iterdir():
                    todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
        return total / 1024

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def time_http(url: str, query: str, runs: int) -> tuple[int, list[float]]:
    """(rows, seconds per run) of one query sent ``runs`` times over one keep-alive connection."""
    import http.client

    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=600)
    body = urllib.parse.urlencode({"query": query})
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json",
    }
    times, rows = [], 0
    try:
        for _ in range(runs):
            start = time.perf_counter()
            conn.request("POST", parts.path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            times.append(time.perf_counter() - start)
            if response.status != 200:
                raise RuntimeError(f"HTTP {response.status}: {data[:300]!r}")
            rows = len(json.loads(data)["results"]["bindings"])
    finally:
        conn.close()
    return rows, times


def _rdflib_child(path: str, query: str, result: str) -> None:
    import rdflib

    from graphbuild.graph.vocab import PREFIXES

    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(path, format="nquads")
    prologue = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
    start = time.perf_counter()
    rows = len(list(dataset.query(prologue + query)))
    Path(result).write_text(json.dumps({"rows": rows, "seconds": time.perf_counter() - start}))


def rdflib_baseline(out: Path, queries: dict[str, str], timeout: float, work: Path) -> dict:
    """(rows, seconds) per query (one run each; None past ``timeout``, ``"failed"`` when
    rdflib raises) over an rdflib dataset."""
    from graphbuild.folder import GraphFolder

    dump = work / "baseline.nq"
    with GraphFolder(out).open_store(read_only=True) as store, dump.open("w") as handle:
        for quad in store:
            handle.write(f"{quad} .\n")
    results: dict[str, tuple[int, float] | str | None] = {}
    context = multiprocessing.get_context("spawn")
    for name, query in queries.items():
        result = work / f"baseline-{name}.json"
        child = context.Process(target=_rdflib_child, args=(str(dump), query, str(result)))
        child.start()
        child.join(timeout + 120)  # parsing the dump comes first
        if child.is_alive():
            child.terminate()
            child.join()
            results[name] = None
        elif child.exitcode != 0 or not result.is_file():
            results[name] = "failed"  # rdflib cannot evaluate it (its traceback is above)
        else:
            data = json.loads(result.read_text())
            results[name] = (data["rows"], data["seconds"])
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus", type=Path, default=ROOT / "tests" / "data" / "wikinews-2019.csv"
    )
    parser.add_argument("--sizes", default="100k,1M", help="store sizes in quads, e.g. 100k,1M,5M")
    parser.add_argument("--runs", type=int, default=5, help="runs of each query at each size")
    parser.add_argument("--work", type=Path, help="keep the stores here (default: a temp folder)")
    parser.add_argument(
        "--modes",
        default="in-memory,on-disk",
        help="how the server queries the store: in-memory, on-disk or both",
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip the rdflib baseline")
    parser.add_argument("--baseline-timeout", type=float, default=120.0)
    parser.add_argument("--max-ms", type=float, default=0.0, help="fail above this median at 1M")
    args = parser.parse_args(argv)
    from graphbuild.serve.server import DEFAULT_WORKERS

    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus} (give --corpus)", file=sys.stderr)
        return 2
    csv.field_size_limit(1 << 30)
    sizes = [parse_size(s) for s in args.sizes.split(",")]
    queries = {p.stem: p.read_text(encoding="utf-8") for p in sorted(QUERIES.glob("*.rq"))}
    work = args.work or Path(tempfile.mkdtemp(prefix="query-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        start = time.perf_counter()
        graphs = analyse_corpus(args.corpus, work / "graphs.pickle")
        print(f"analysed {len(graphs)} articles in {time.perf_counter() - start:.1f} s")
        modes = args.modes.split(",")
        columns = [(size, mode) for size in sizes for mode in modes]
        table: dict[tuple[int, str], dict[str, tuple[int, list[float]]]] = {}
        served_at: dict[tuple[int, str], tuple[float, float]] = {}
        builds: dict[int, dict] = {}
        context = multiprocessing.get_context("spawn")
        for size in sizes:
            out = work / f"out-{size}"
            report = work / f"build-{size}.json"
            if not report.is_file():
                shutil.rmtree(out, ignore_errors=True)
                child = context.Process(
                    target=_build_child,
                    args=(str(work / "graphs.pickle"), size, str(out), str(report)),
                )
                child.start()
                child.join()
                if child.exitcode != 0:
                    print(f"build of {size} quads failed", file=sys.stderr)
                    return 1
            builds[size] = json.loads(report.read_text())
            b = builds[size]
            print(
                f"built {b['quads']:,} quads ({b['articles']:,} articles) in {b['seconds']:.1f} s,"
                f" peak {b['peak_mb']:.0f} MiB"
            )
            for mode in modes:
                served = Served(out, mode)
                try:
                    table[size, mode] = {}
                    for name, query in queries.items():
                        # warm each worker once (they take turns): the steady state
                        time_http(served.url, query, DEFAULT_WORKERS)
                        table[size, mode][name] = time_http(served.url, query, args.runs)
                    served_at[size, mode] = (served.start_seconds, served.memory_mb())
                finally:
                    served.stop()
        baseline = {}
        if not args.no_baseline:
            baseline = rdflib_baseline(
                work / f"out-{sizes[0]}", queries, args.baseline_timeout, work
            )
        print_table(columns, builds, table, served_at, baseline)
        if args.max_ms:
            over = [
                f"{name} ({mode})"
                for size, mode in columns
                if builds[size]["quads"] >= 1_000_000
                for name, (_, times) in table[size, mode].items()
                if statistics.median(times) * 1000 > args.max_ms
            ]
            if over:
                print(f"FAIL: median over {args.max_ms} ms at 1M: {', '.join(over)}")
                return 1
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def print_table(columns, builds, table, served_at, baseline) -> None:
    """A Markdown table: one row per query, median / p95 in ms per size and server mode, then
    the baseline; below it the builds and the servers' start time and memory."""

    def p95(times: list[float]) -> float:
        ordered = sorted(times)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    sizes = list(dict.fromkeys(size for size, _ in columns))
    heads = [f"{builds[size]['quads']:,} quads, {mode}" for size, mode in columns]
    if baseline:
        heads.append(f"rdflib, {builds[sizes[0]]['quads']:,} quads")
    print()
    print("| query | rows | " + " | ".join(heads) + " |")
    print("| --- | --- |" + " --- |" * len(heads))
    for name in table[columns[0]]:
        rows = "/".join(str(table[size, columns[0][1]][name][0]) for size in sizes)
        cells = []
        for column in columns:
            times = table[column][name][1]
            cells.append(f"{statistics.median(times) * 1000:.1f} / {p95(times) * 1000:.1f} ms")
        if baseline:
            found = baseline.get(name)
            if found is None:
                cells.append("timed out")
            elif found == "failed":
                cells.append("rdflib fails")
            else:
                cells.append(f"{found[1] * 1000:.0f} ms")
        print(f"| {name} | {rows} | " + " | ".join(cells) + " |")
    print()
    for size in sizes:
        b = builds[size]
        print(
            f"build {b['quads']:,} quads / {b['articles']:,} articles: {b['seconds']:.1f} s, "
            f"peak {b['peak_mb']:.0f} MiB"
        )
    for (size, mode), (seconds, memory) in served_at.items():
        print(
            f"serve {builds[size]['quads']:,} quads {mode}: answering after {seconds:.1f} s, "
            f"{memory:.0f} MiB (server and workers, proportional set size)"
        )


if __name__ == "__main__":
    sys.exit(main())

"""A real ``graphbuild build`` killed with SIGKILL part-way, then run again, ends with the graph
and the files of a clean build: no statement lost, none duplicated."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from buildcases import load_shards, outputs, sorted_lines, sorted_nquads, wikinews

from graphbuild import pipeline
from graphbuild.folder import GraphFolder

ROOT = Path(__file__).resolve().parents[2]
ARTICLES, BATCH = 10, 2


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return wikinews(tmp_path_factory.mktemp("corpus"), ARTICLES)


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("clean")
    pipeline.build([corpus], out, pipeline.Config(batch_size=BATCH))
    return out


def command(corpus: Path, out: Path, jobs: int) -> list[str]:
    """The build, with N-Quads shards beside ``out``."""
    return [
        *(sys.executable, "-m", "graphbuild", "build", str(corpus), "-o", str(out), "-q"),
        *("--jobs", str(jobs), "--batch-size", str(BATCH)),
        *("--shards", str(out.with_name("shards"))),
    ]


def environment() -> dict[str, str]:
    paths = [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def writing(out: Path) -> bool:
    """The build has started writing the store (``build.json`` says so)."""
    try:
        return json.loads((out / "build.json").read_text(encoding="utf-8"))["status"] == "writing"
    except (OSError, ValueError, KeyError):
        return False


def dumping(out: Path) -> bool:
    """A dump is being written (its temporary file is there)."""
    return any(out.glob("*.part"))


MOMENTS = {"while writing the store": writing, "while writing the dumps": dumping}


@pytest.mark.parametrize(
    "jobs, moment",
    [
        (1, "while writing the store"),
        (2, "while writing the dumps"),
        pytest.param(2, "while writing the store", marks=pytest.mark.slow),
        pytest.param(1, "while writing the dumps", marks=pytest.mark.slow),
    ],
)
def test_killed_build_run_again_equals_a_clean_build(corpus, clean, tmp_path, jobs, moment):
    out = tmp_path / "out"
    log = tmp_path / "stderr.txt"
    with log.open("wb") as stderr:  # a file: orphaned workers must not hold a pipe open
        build = subprocess.Popen(
            command(corpus, out, jobs), env=environment(), stdout=subprocess.DEVNULL, stderr=stderr
        )
    reached = MOMENTS[moment]
    deadline = time.monotonic() + 120
    while build.poll() is None and not reached(out) and time.monotonic() < deadline:
        time.sleep(0.002)
    if moment == "while writing the store":
        time.sleep(random.uniform(0, 0.5))  # somewhere among the batches
    build.send_signal(signal.SIGKILL)
    build.wait(timeout=60)
    errors = log.read_text(encoding="utf-8", errors="replace")
    assert build.returncode == -signal.SIGKILL, f"the build ended before the kill: {errors}"

    rerun = subprocess.run(
        command(corpus, out, jobs), env=environment(), capture_output=True, timeout=300
    )
    assert rerun.returncode == 0, rerun.stderr.decode()
    graph = sorted_nquads(clean, tmp_path)
    assert sorted_nquads(out, tmp_path) == graph
    assert outputs(out) == outputs(clean)
    loaded = ox.Store()  # the shards of the killed build and of the rerun, loaded together
    load_shards(loaded, tmp_path / "shards")
    assert sorted_lines(loaded, tmp_path) == graph
    report = GraphFolder(out).read_report()
    assert report["status"] == "complete"
    assert report["fresh"] == {"store": True, "trig": True, "ttl": True, "page": True}
    assert report["articles_in_graph"] == ARTICLES

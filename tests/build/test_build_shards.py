"""``build --shards``: N-Quads shards another store loads into the build's graph, whole or as
the changes of a later build."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from buildcases import load_shards, sorted_lines, sorted_nquads, wikinews
from samples import folder_files

from graphbuild import pipeline
from graphbuild.errors import OutputError
from graphbuild.export.shards import ShardWriter

ARTICLES = 6
CONFIG = pipeline.Config(batch_size=2)


def stories(folder: Path, rows: list[dict[str, str]]) -> Path:
    """The rows as ``stories.csv`` in ``folder``, each with an id (``story-N``): an article
    keeps its id when its text changes."""
    path = folder / "stories.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", *rows[0]])
        writer.writeheader()
        writer.writerows({"id": f"story-{n}", **row} for n, row in enumerate(rows))
    return path


def wikinews_rows(folder: Path, count: int) -> list[dict[str, str]]:
    with wikinews(folder, count).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    return stories(folder, wikinews_rows(folder, ARTICLES))


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory) -> tuple[Path, Path]:
    """One job's build of the corpus, with its shards: (out, shards)."""
    folder = tmp_path_factory.mktemp("jobs1")
    pipeline.build([corpus], folder / "out", CONFIG, jobs=1, pages=False, shards=folder / "shards")
    return folder / "out", folder / "shards"


def test_the_shards_of_a_build_are_its_graph(single, tmp_path):
    out, shards = single
    manifest = json.loads((shards / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["batches"] == [f"batch-{n:06d}.nq" for n in (1, 2, 3)]
    assert manifest["drop"] == []
    graph = sorted_nquads(out, tmp_path)
    assert manifest["quads"] == len(graph)
    target = ox.Store()
    load_shards(target, shards)
    assert sorted_lines(target, tmp_path) == graph


def test_two_jobs_write_the_shards_of_one(corpus, single, tmp_path):
    pipeline.build(
        [corpus], tmp_path / "out", CONFIG, jobs=2, pages=False, shards=tmp_path / "shards"
    )
    assert folder_files(tmp_path / "shards") == folder_files(single[1])


def test_the_shards_of_a_later_build_bring_a_loaded_store_up_to_date(corpus, single, tmp_path):
    """A store loaded from the first build's shards, then given the drop update and the shards
    of a build that changed one article and added two, holds that build's graph."""
    out, shards = single
    target = ox.Store()
    load_shards(target, shards)
    rows = wikinews_rows(tmp_path, ARTICLES + 2)  # the same six first, then two more
    rows[1]["text"] = rows[1]["text"][: len(rows[1]["text"]) // 2]  # the first half only
    more = stories(tmp_path, rows)
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    report = pipeline.build(
        [more], copy, CONFIG, jobs=1, pages=False, shards=tmp_path / "later-shards"
    )
    assert len(report.replaced) == 1 and len(report.added) == 2
    manifest = json.loads((tmp_path / "later-shards" / "manifest.json").read_text())
    assert len(manifest["batches"]) == 2 and len(manifest["drop"]) == 1
    load_shards(target, tmp_path / "later-shards")
    assert sorted_lines(target, tmp_path) == sorted_nquads(copy, tmp_path)


def test_a_new_build_replaces_the_shards_of_the_last(tmp_path):
    folder = tmp_path / "shards"
    first = ShardWriter(folder)
    first.write_batch([], "http://example.org/")
    first.write_batch([], "http://example.org/")
    assert (folder / "batch-000002.nq").is_file()
    ShardWriter(folder, resume=True)  # the last build was killed: its batches are kept
    assert (folder / "batch-000002.nq").is_file()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["complete"] = True
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (folder / "batch-000003.nq").write_bytes(b"")  # written by a killed build, not listed
    ShardWriter(folder, resume=True)  # the last build finished: its shards go
    assert sorted(p.name for p in folder.iterdir()) == ["manifest.json"]


@pytest.mark.parametrize(
    "make, problem",
    [
        (lambda p: (p.mkdir(), (p / "notes.txt").write_text("mine")), "not a folder of shards"),
        (lambda p: p.write_text("a file"), "it is a file"),
        (lambda p: (p.mkdir(), (p / "manifest.json").write_text("{broken")), "cannot read"),
    ],
)
def test_a_folder_that_is_not_for_shards_is_named(tmp_path, make, problem):
    folder = tmp_path / "shards"
    make(folder)
    with pytest.raises(OutputError, match=problem) as caught:
        ShardWriter(folder)
    assert str(folder) in str(caught.value)


def test_an_unusable_output_folder_keeps_the_last_shards(corpus, single, tmp_path):
    shards = tmp_path / "shards"
    shutil.copytree(single[1], shards)
    before = folder_files(shards)
    out = tmp_path / "out"
    out.write_text("a file, not a folder")
    with pytest.raises(OutputError, match="output folder"):
        pipeline.build([corpus], out, CONFIG, jobs=1, pages=False, shards=shards)
    assert folder_files(shards) == before

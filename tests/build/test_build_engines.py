"""Every engine gives the same graph to the byte: one job, two worker processes, and Dask."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from buildcases import outputs, sorted_nquads, wikinews
from samples import folder_files

from graphbuild import jobs, pipeline
from graphbuild.graph.store import GraphStore
from graphbuild.jobs import EngineError

ARTICLES = 8
CONFIG = pipeline.Config(batch_size=2)  # four batches: the workers share them out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return wikinews(tmp_path_factory.mktemp("corpus"), ARTICLES)


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory) -> tuple[Path, pipeline.BuildReport]:
    """The reference: the corpus built by one job, in this process."""
    out = tmp_path_factory.mktemp("jobs1")
    return out, pipeline.build([corpus], out, CONFIG, jobs=1, pages=False)


def test_two_jobs_give_the_graph_of_one(corpus, single, tmp_path):
    out = tmp_path / "jobs2"
    report = pipeline.build([corpus], out, CONFIG, jobs=2, pages=False)
    reference = single[1]
    assert report.jobs == 2 and report.rejected == []
    assert report.added == reference.added and len(report.added) == ARTICLES
    assert report.relations == reference.relations
    nquads = sorted_nquads(out, tmp_path)
    assert len(nquads) > 1_000
    assert nquads == sorted_nquads(single[0], tmp_path)
    assert outputs(out) == outputs(single[0])


def test_two_jobs_write_the_pages_and_dumps_of_one(corpus, tmp_path, monkeypatch):
    """With two jobs a worker process writes the dumps and shares the pages (in shares of
    four here, so that it gets some); every file is the one a single job writes."""
    from graphbuild.render import site

    monkeypatch.setattr(site, "PAGE_SHARE", 4)
    files = []
    for count in (1, 2):
        out = tmp_path / f"jobs{count}"
        pipeline.build([corpus], out, CONFIG, jobs=count, dumps="always")
        files.append(folder_files(out))
    assert len([name for name in files[0] if name.startswith("entities/")]) > 8
    assert files[1] == files[0]


@pytest.mark.parametrize("setting", ["RELEASE_EVERY", "REFRESH_CHUNK"])
def test_releasing_memory_and_refreshing_in_chunks_change_nothing(
    corpus, single, tmp_path, monkeypatch, setting
):
    """The reference never releases the store's memory (four batches) and derives the shared
    graphs in one chunk; this build releases it after every batch, or derives one entity and
    one claim side per transaction."""
    assert GraphStore.RELEASE_EVERY > 4 and GraphStore.REFRESH_CHUNK >= 500
    monkeypatch.setattr(GraphStore, setting, 1)
    out = tmp_path / "released"
    report = pipeline.build([corpus], out, CONFIG, jobs=1, pages=False)
    assert report.added == single[1].added and report.rejected == []
    assert sorted_nquads(out, tmp_path) == sorted_nquads(single[0], tmp_path)
    assert outputs(out) == outputs(single[0])


def test_dask_local_cluster_gives_the_graph_of_one_job(corpus, single, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        out = tmp_path / "dask"
        report = pipeline.build(
            [corpus], out, CONFIG, engine="dask", scheduler=cluster.scheduler_address, pages=False
        )
    assert report.engine == "dask" and report.added == single[1].added
    assert sorted_nquads(out, tmp_path) == sorted_nquads(single[0], tmp_path)
    assert outputs(out) == outputs(single[0])


def test_unknown_engine_is_named(corpus, tmp_path):
    with pytest.raises(EngineError, match="unknown engine 'spark'"):
        pipeline.build([corpus], tmp_path / "out", engine="spark")


def test_unreachable_scheduler_is_named(corpus, tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(jobs, "CONNECT_TIMEOUT", 2)
    with pytest.raises(EngineError, match=re.escape("tcp://127.0.0.1:9")):
        pipeline.build(
            [corpus], tmp_path / "out", engine="dask", scheduler="tcp://127.0.0.1:9", pages=False
        )


def test_batched_writes_give_the_graph_of_one_write_per_article(corpus, single, tmp_path):
    """The build derives the shared entity graph once, after its batches: the same store as
    ``GraphStore.write`` article by article, replacements included."""
    from graphbuild.folder import GraphFolder
    from graphbuild.graph.stats import refresh_stats
    from graphbuild.graph.store import GraphStore

    graphs = [
        pipeline._keep(graph, CONFIG.min_confidence)
        for graph in pipeline.analyse(pipeline._articles([corpus], None), CONFIG)
    ]
    out = tmp_path / "one-by-one"
    GraphFolder(out).prepare()
    with GraphStore(out / "store") as store:
        for graph in [*graphs, *graphs[:3]]:  # the last three replace themselves
            store.write([graph])
        refresh_stats(store)  # as a build does once after its writes
    assert sorted_nquads(out, tmp_path) == sorted_nquads(single[0], tmp_path)


def test_a_build_killed_between_a_bulk_load_and_its_hashes_is_completed(corpus, single, tmp_path):
    """New article graphs are bulk-loaded, then their content hashes written in a
    transaction: a store left with articles but no hashes (a writer killed in between) is
    completed by the next build to the graph of a clean one."""
    import shutil

    import pyoxigraph as ox

    from graphbuild.graph.vocab import GB

    out = tmp_path / "killed"
    shutil.copytree(single[0], out)
    db = ox.Store(str(out / "store"))
    hashes = list(db.quads_for_pattern(None, GB.contentHash, None, None))[:3]
    for quad in hashes:
        db.remove(quad)
    del db
    report = pipeline.build([corpus], out, CONFIG, jobs=1, pages=False)
    assert len(report.added) == 3 and len(report.unchanged) == ARTICLES - 3
    assert sorted_nquads(out, tmp_path) == sorted_nquads(single[0], tmp_path)

"""The graph folder: its layout, the one "no graph" error, and the store opened through it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from samples import folder_files

from graphbuild import pipeline
from graphbuild.errors import OutputError, StoreError
from graphbuild.folder import GraphFolder
from graphbuild.graph.store import GraphStore
from graphbuild.records import Article, ArticleGraph
from graphbuild.serve import make_server

HELLO = ArticleGraph(Article(id="a1", text="Hi.", title="Hello"), (), ())


def make(tmp_path: Path, case: str) -> Path:
    """A folder that holds no graph, in one of the ways a folder can fail to."""
    out = tmp_path / "graph-out"
    if case == "it is not a folder":
        out.write_text("x", encoding="utf-8")
    elif case == "it has no store/ folder":
        out.mkdir()
        (out / "index.html").write_text("<p>a page</p>", encoding="utf-8")
    return out


def test_layout(tmp_path: Path) -> None:
    folder = GraphFolder(tmp_path)
    assert folder.store_path == tmp_path / "store"
    assert folder.page_path == tmp_path / "index.html"
    assert folder.report_path == tmp_path / "build.json"
    assert folder.dump_paths == {"trig": tmp_path / "graph.trig", "ttl": tmp_path / "graph.ttl"}


REASONS = ["the folder does not exist", "it is not a folder", "it has no store/ folder"]


@pytest.mark.parametrize("reason", REASONS)
@pytest.mark.parametrize("read_only", [True, False])
def test_no_graph_is_one_store_error(tmp_path: Path, reason: str, read_only: bool) -> None:
    out = make(tmp_path, reason)
    expected = f"no graph in {out}: {reason} (build one with: graphbuild build ARTICLES -o {out})"
    with pytest.raises(StoreError) as info:
        GraphFolder(out).open_store(read_only=read_only)
    assert str(info.value) == expected
    assert not (out / "store").exists()


@pytest.mark.parametrize("reason", REASONS)
def test_every_reader_words_it_the_same(tmp_path: Path, reason: str) -> None:
    out = make(tmp_path, reason)
    messages = set()
    for read in (lambda: make_server(out, "127.0.0.1", 0), lambda: pipeline.remove(["a1"], out)):
        with pytest.raises(StoreError) as info:
            read()
        messages.add(str(info.value))
    assert len(messages) == 1


def test_a_build_creates_the_store_and_readers_share_it(tmp_path: Path) -> None:
    folder = GraphFolder(tmp_path / "a" / "graph-out").prepare()
    with folder.open_store(create=True) as store:
        store.write([HELLO])
        files = folder.write_outputs(store)
    assert set(files) == {"store", "trig", "ttl", "page"}
    assert all(Path(path).exists() for path in files.values())
    with folder.open_store(read_only=True) as one, folder.open_store(read_only=True) as two:
        assert one.articles() == two.articles() == {"a1": HELLO.article.hash}


@pytest.mark.parametrize("pages", [True, False])
def test_dumps_written_by_worker_processes_are_the_same_files(tmp_path: Path, pages) -> None:
    written = []
    for jobs in (1, 2, 3):
        folder = GraphFolder(tmp_path / f"jobs{jobs}").prepare()
        with folder.open_store(create=True) as store:
            store.write([HELLO])
            files = folder.write_outputs(store, pages=pages, jobs=jobs)
        assert set(files) == {"store", "trig", "ttl", *(["page"] if pages else [])}
        assert folder.fresh == {"store": True, "trig": True, "ttl": True, "page": pages}
        written.append(folder_files(folder.path))
    assert "graph.ttl" in written[0] and ("index.html" in written[0]) == pages
    assert written[1] == written[0] and written[2] == written[0]


def test_a_dump_a_worker_process_cannot_write_is_named(tmp_path: Path) -> None:
    folder = GraphFolder(tmp_path).prepare()
    folder.dump_paths["ttl"].mkdir()  # a folder where the dump goes
    with folder.open_store(create=True) as store:
        store.write([HELLO])
        with pytest.raises(OutputError, match=r"graph\.ttl: cannot write"):
            folder.write_outputs(store, pages=False, jobs=2)


def test_outputs_without_pages(tmp_path: Path) -> None:
    folder = GraphFolder(tmp_path)
    with GraphStore() as store:
        store.write([HELLO])
        files = folder.write_outputs(store, pages=False)
    assert "page" not in files and not folder.page_path.exists()
    assert "Hello" in folder.dump_paths["ttl"].read_text(encoding="utf-8")


def test_report_is_json(tmp_path: Path) -> None:
    path = GraphFolder(tmp_path).write_report({"quads": 3, "files": {"store": "x"}})
    assert path == tmp_path / "build.json"
    assert json.loads(path.read_text(encoding="utf-8")) == {"quads": 3, "files": {"store": "x"}}


def test_unwritable_folder_is_an_output_error(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="cannot write to output folder"):
        GraphFolder(tmp_path / "a-file" / "graph-out").prepare()

"""The persistent store: write, replace, remove, dumps of it, persistence, locking."""

from __future__ import annotations

import dataclasses
import io
import pickle
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from samples import seed_graph, simple_graph

from graphbuild.errors import StoreError
from graphbuild.export import export
from graphbuild.graph import iris
from graphbuild.graph.rdf import article_quads
from graphbuild.graph.shared import ONTOLOGY_GRAPH, entity_graph_iri, ontology_graph_quads
from graphbuild.graph.store import GraphStore

# rdflib 7 warns about its own parsers' use of deprecated Dataset APIs
RDFLIB_DEPRECATIONS = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

seed = seed_graph()
build = simple_graph

DETERMINISTIC = ("nq", "trig", "nt", "ttl")
"""The dump formats that give the same bytes for the same graph (JSON-LD does not)."""


def dump(store: GraphStore, fmt: str) -> bytes:
    buffer = io.BytesIO()
    export(store, fmt, buffer)
    return buffer.getvalue()


def graph_quads(store: GraphStore, doc) -> set[str]:
    if not isinstance(doc, str):
        doc = doc.article.id
    graph = ox.NamedNode(iris.article_iri(doc))
    return {str(q) for q in store.quads_for_pattern(None, None, None, graph)}


def test_write_returns_quad_count() -> None:
    with GraphStore() as store:
        assert store.write([seed]) == len(article_quads(seed)) == len(graph_quads(store, seed))
        entities = ox.NamedNode(entity_graph_iri())
        shared = len(list(store.quads_for_pattern(None, None, None, entities)))
        assert len(store) == len(article_quads(seed)) + shared + len(ontology_graph_quads())
        assert store.write([]) == 0


def test_quads_are_read_through_the_store() -> None:
    with GraphStore() as store:
        store.write([seed, build("a2")])
        every = {str(q) for q in store}
        assert len(every) == len(store) == len(list(store.quads_for_pattern()))
        by_graph = {str(q) for g in store.named_graphs() for q in store.quads_for_pattern(graph=g)}
        assert by_graph == every
        copy = GraphStore.from_quads(store)
        assert {str(q) for q in copy} == every


def test_rewriting_a_changed_article_replaces_exactly_its_graph() -> None:
    with GraphStore() as store:
        store.write([build("a1"), build("a2", subject="Syria")])
        other = graph_quads(store, "a2")
        changed = build("a1", lemma="attack", sentence="Iran attack drones to Russia.")
        store.write([changed])
        assert graph_quads(store, "a1") == {str(q) for q in article_quads(changed)}
        assert graph_quads(store, "a2") == other
        iran = iris.entity_iri("Iran", "Country")
        assert not store.query(f"ASK {{ <{iran}> rel:supply ?o }}")
        assert store.query(f"ASK {{ <{iran}> rel:attack ?o }}")


def test_rewriting_the_same_article_adds_nothing() -> None:
    with GraphStore() as store:
        store.write([seed])
        before = dump(store, "nq")
        store.write([seed])
        assert dump(store, "nq") == before


def test_remove_leaves_others_intact() -> None:
    with GraphStore() as store:
        store.write([build("a1"), build("a2", subject="Syria")])
        other = graph_quads(store, "a2")
        assert store.remove("a1") is True
        assert graph_quads(store, "a1") == set()
        assert graph_quads(store, "a2") == other
        assert store.remove("a1") is False
        assert set(store.articles()) == {"a2"}


def test_articles_lists_ids_and_hashes() -> None:
    with GraphStore() as store:
        store.write([seed, build("a2")])
        assert store.articles() == {
            seed.article.id: seed.article.hash,
            "a2": build("a2").article.hash,
        }


def test_last_copy_of_an_article_wins() -> None:
    first, second = build("a1"), build("a1", subject="Syria")
    with GraphStore() as store:
        store.write([first, second])
        assert graph_quads(store, "a1") == {str(q) for q in article_quads(second)}


def test_two_stores_from_the_same_input_dump_identically(tmp_path) -> None:
    inputs = [seed, build("a2"), build("a3", polarity="negative")]
    with GraphStore(tmp_path / "one") as one, GraphStore() as two:
        one.write(inputs)
        for ag in reversed(inputs):
            two.write([ag])
        for fmt in DETERMINISTIC:
            assert dump(one, fmt) == dump(two, fmt), fmt
        lines = dump(one, "nq").decode().splitlines()
        assert lines == sorted(lines, key=lambda line: (line.rsplit(" ", 2)[-2], line))


def test_dump_in_a_child_process_is_byte_identical(tmp_path) -> None:
    """Hash seeds differ between processes: the dump must not depend on them."""
    records = tmp_path / "seed.pickle"
    records.write_bytes(pickle.dumps([seed]))
    code = (
        "import pickle, sys\n"
        "from pathlib import Path\n"
        "from graphbuild.export import export\n"
        "from graphbuild.graph.store import GraphStore\n"
        "s = GraphStore(); s.write(pickle.loads(Path(sys.argv[2]).read_bytes()))\n"
        "export(s, sys.argv[1], sys.stdout.buffer)\n"
    )
    with GraphStore() as store:
        store.write([seed])
        for fmt in ("nq", "ttl", "trig"):
            child = subprocess.run(
                [sys.executable, "-c", code, fmt, str(records)],
                capture_output=True,
                check=True,
                cwd=tmp_path,
            )
            assert child.stdout == dump(store, fmt), fmt


@pytest.mark.parametrize(
    ("fmt", "rdf_format", "quads"),
    [
        ("nq", ox.RdfFormat.N_QUADS, True),
        ("trig", ox.RdfFormat.TRIG, True),
        ("jsonld", ox.RdfFormat.JSON_LD, True),
        ("nt", ox.RdfFormat.N_TRIPLES, False),
        ("ttl", ox.RdfFormat.TURTLE, False),
    ],
)
def test_dumps_parse_back(fmt, rdf_format, quads) -> None:
    with GraphStore() as store:
        store.write([seed, build("a2")])
        data = dump(store, fmt)
        parsed = list(ox.parse(data, format=rdf_format))
        if quads:
            assert {str(q) for q in parsed} == {str(q) for q in store}
        else:
            assert {str(q.triple) for q in parsed} == {str(q.triple) for q in store}


@RDFLIB_DEPRECATIONS
@pytest.mark.parametrize(("fmt", "parser"), [("nq", "nquads"), ("trig", "trig")])
def test_dumps_parse_with_rdflib(fmt: str, parser: str) -> None:
    import rdflib

    with GraphStore() as store:
        store.write([seed])
        dataset = rdflib.Dataset()
        dataset.parse(data=dump(store, fmt), format=parser)
        graphs = {str(g) for *_, g in dataset.quads((None, None, None, None))}
        assert graphs == {iris.article_iri(seed.article.id), entity_graph_iri(), ONTOLOGY_GRAPH}
        assert len(list(dataset.quads((None, None, None, None)))) == len(store)


@RDFLIB_DEPRECATIONS
def test_union_dumps_parse_with_rdflib() -> None:
    import rdflib

    with GraphStore() as store:
        store.write([seed])
        triples = {str(q.triple) for q in store}
        for fmt, parser in (("nt", "nt"), ("ttl", "turtle")):
            graph = rdflib.Graph()
            graph.parse(data=dump(store, fmt), format=parser)
            assert len(graph) == len(triples), fmt


def test_persists_across_reopen(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with GraphStore(path) as store:
        store.write([seed])
        before = dump(store, "nq")
    with GraphStore(path, read_only=True) as store:
        assert dump(store, "nq") == before
        assert store.articles() == {seed.article.id: seed.article.hash}
    with GraphStore(path) as store:
        assert store.remove(seed.article.id)
    with GraphStore(path) as store:
        assert len(store) == 0


def test_locked_store_gives_store_error(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with GraphStore(path), pytest.raises(StoreError, match="in use by another process"):
        GraphStore(path)


def test_lock_is_released_on_close(tmp_path: Path) -> None:
    path = tmp_path / "store"
    GraphStore(path).close()
    GraphStore(path).close()


@pytest.mark.parametrize(
    ("setup", "read_only", "message"),
    [
        ("folder with files", False, "not a graph store"),
        ("file", False, "not a graph store"),
        ("missing", True, "no graph store there"),
        ("empty folder", True, "no graph store there"),
    ],
)
def test_not_a_store_gives_store_error(tmp_path: Path, setup, read_only, message) -> None:
    path = tmp_path / "out"
    if setup == "folder with files":
        path.mkdir()
        (path / "notes.txt").write_text("my notes", encoding="utf-8")
    elif setup == "file":
        path.write_text("not a folder", encoding="utf-8")
    elif setup == "empty folder":
        path.mkdir()
    with pytest.raises(StoreError, match=message):
        GraphStore(path, read_only=read_only)
    if setup == "folder with files":
        assert [p.name for p in path.iterdir()] == ["notes.txt"]


def test_damaged_store_gives_store_error(tmp_path: Path) -> None:
    path = tmp_path / "store"
    GraphStore(path).close()
    (path / "CURRENT").write_text("garbage\n", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot open the graph store"):
        GraphStore(path)


def test_new_store_in_a_missing_folder(tmp_path: Path) -> None:
    with GraphStore(tmp_path / "a" / "b") as store:
        store.write([seed])
    assert (tmp_path / "a" / "b" / "CURRENT").is_file()


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "store"
    GraphStore(path).close()
    with GraphStore(path, read_only=True) as store:
        with pytest.raises(StoreError, match="read-only"):
            store.write([seed])
        with pytest.raises(StoreError, match="read-only"):
            store.remove("x")


def test_closed_store_raises() -> None:
    store = GraphStore()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.write([seed])
    store.close()


def test_query_runs_over_the_union_of_graphs() -> None:
    with GraphStore() as store:
        store.write([seed, build("a2", subject="Syria")])
        rows = store.query("SELECT ?s WHERE { ?s rel:supply ?o } ORDER BY ?s")
        assert [row["s"].value.rsplit("/", 1)[-1] for row in rows] == ["Iran", "Syria"]


def test_query_leaves_malformed_sparql_to_the_query_stage() -> None:
    """``graphbuild.query.run_query`` explains the parser's error (tests/query)."""
    with GraphStore() as store:
        with pytest.raises(SyntaxError):
            store.query("SELEC ?x WHERE { ?x ?p ?o }")
        with pytest.raises(SyntaxError):
            store.query("DROP ALL")


def test_query_over_chosen_graphs() -> None:
    with GraphStore() as store:
        store.write([seed, build("a2", subject="Syria")])
        a2 = ox.NamedNode(iris.article_iri("a2"))
        rows = store.query("SELECT ?s WHERE { ?s rel:supply ?o }", default_graphs=[a2])
        assert [row["s"].value.rsplit("/", 1)[-1] for row in rows] == ["Syria"]
        graphs = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g {} }", named_graphs=[a2])
        assert [row["g"] for row in graphs] == [a2]


def test_remove_on_rewritten_store_keeps_count() -> None:
    with GraphStore() as store:
        store.write([seed])
        count = len(store)
        store.write([build("a2")])
        store.remove("a2")
        assert len(store) == count


def test_write_same_article_with_other_base() -> None:

    base = "http://example.org/kg/"
    with GraphStore() as store:
        store.write([seed])
        store.write([seed_graph(base)], base=base)
        # two article graphs, the shared entity graph of each base, the ontology graph
        assert len(list(store.named_graphs())) == 5
        assert store.remove(seed.article.id, base=base)
        assert set(store.articles()) == {seed.article.id}


def test_replacing_an_article_with_changed_text_updates_its_hash() -> None:
    ag = build("a1")
    changed = dataclasses.replace(ag, article=dataclasses.replace(ag.article, text="New", hash=""))
    with GraphStore() as store:
        store.write([ag])
        store.write([changed])
        assert store.articles() == {"a1": changed.article.hash}


@pytest.mark.parametrize(
    ("tool", "args", "fmt"),
    [
        ("rapper", ["-i", "nquads", "-c"], "nq"),
        ("rapper", ["-i", "trig", "-c"], "trig"),
        ("rapper", ["-i", "turtle", "-c"], "ttl"),
        ("rapper", ["-i", "ntriples", "-c"], "nt"),
        ("serdi", ["-i", "trig", "-o", "nquads"], "trig"),
        ("serdi", ["-i", "turtle", "-o", "ntriples"], "ttl"),
    ],
)
def test_dumps_parse_with_independent_parsers(tmp_path, tool, args, fmt) -> None:
    import shutil

    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (make system-deps)")
    with GraphStore() as store:
        store.write([seed, build("a2", subject='Say "hi" <now>\\')])
        path = export(store, fmt, tmp_path / f"graph.{fmt}")
        expected = len(store) if fmt in ("nq", "trig") else len({q.triple for q in store})
    done = subprocess.run([tool, *args, str(path)], capture_output=True, text=True, check=True)
    if tool == "rapper":
        assert f"returned {expected} " in done.stderr, done.stderr
    else:
        assert len(done.stdout.splitlines()) == expected


def test_a_failing_batch_writes_nothing() -> None:
    from graphbuild.errors import InputError

    with GraphStore() as store:
        store.write([seed])
        before = dump(store, "nq")
        with pytest.raises(InputError):
            store.write([build("a2"), build("a3", confidence=2.0)])
        assert dump(store, "nq") == before


@pytest.mark.parametrize("doc", ["x\U000e0100y", "a b/c?d", "..", 'q"<>', "é" * 300])
def test_any_article_id_can_be_written_and_removed(doc: str) -> None:
    with GraphStore() as store:
        store.write([build(doc), build("other")])
        assert set(store.articles()) == {doc, "other"}
        store.write([build(doc, subject="Syria")])
        assert set(store.articles()) == {doc, "other"}
        assert store.remove(doc)
        assert set(store.articles()) == {"other"}


def test_store_locked_by_another_process_gives_store_error(tmp_path: Path) -> None:
    path = tmp_path / "store"
    code = (
        "import sys, pyoxigraph\n"
        "store = pyoxigraph.Store(sys.argv[1])\n"
        "print('ready', flush=True)\n"
        "sys.stdin.read()\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="in use by another process"):
            GraphStore(path)
    finally:
        child.communicate("", timeout=30)
    GraphStore(path).close()

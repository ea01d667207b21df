"""RDF exports re-read by independent parsers: pyoxigraph, rdflib, serdi and rapper."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import tempfile
import warnings
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from graphbuild.errors import ExportError, OutputError
from graphbuild.export import EXTENSIONS, FORMATS, export, rdf
from graphbuild.graph.iris import ONTOLOGY, article_iri, entity_iri, relation_iri, statement_iri
from graphbuild.graph.store import GraphStore

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"

# format, pyoxigraph syntax, rdflib syntax, serdi syntax, rapper syntax, union of graphs
RDF_FORMATS = [
    ("nt", ox.RdfFormat.N_TRIPLES, "nt", "ntriples", "ntriples", True),
    ("nq", ox.RdfFormat.N_QUADS, "nquads", "nquads", "nquads", False),
    ("ttl", ox.RdfFormat.TURTLE, "turtle", "turtle", "turtle", True),
    ("trig", ox.RdfFormat.TRIG, "trig", "trig", "trig", False),
    ("jsonld", ox.RdfFormat.JSON_LD, "json-ld", None, None, False),
    ("rdfxml", ox.RdfFormat.RDF_XML, "xml", None, "rdfxml", True),
]
BY_NAME = {row[0]: row for row in RDF_FORMATS}
DETERMINISTIC = ["nt", "nq", "ttl", "trig", "rdfxml"]


def expected(store: GraphStore, union: bool) -> set[str]:
    """The store's quads (or distinct triples) as N-Quads lines."""
    return {_line(quad, union) for quad in store}


def _line(quad: ox.Quad, union: bool) -> str:
    triple = f"{quad.subject} {quad.predicate} {quad.object}"
    if union or isinstance(quad.graph_name, ox.DefaultGraph):
        return triple
    return f"{triple} {quad.graph_name}"


def read_pyoxigraph(path: Path, fmt: str) -> set[str]:
    _, syntax, _, _, _, union = BY_NAME[fmt]
    return {_line(quad, union) for quad in ox.parse(path=path, format=syntax)}


def read_rdflib(path: Path, fmt: str) -> tuple[rdflib.Dataset, set[str]]:
    """rdflib's reading of the file, and its content as N-Quads lines (via pyoxigraph)."""
    _, _, syntax, _, _, union = BY_NAME[fmt]
    dataset = rdflib.Dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset.parse(path, format=syntax)
        nquads = dataset.serialize(format="nquads", encoding="utf-8")
    lines = set()
    for quad in ox.parse(nquads, format=ox.RdfFormat.N_QUADS):
        if str(quad.graph_name) == "<urn:x-rdflib:default>":
            quad = ox.Quad(quad.subject, quad.predicate, quad.object, ox.DefaultGraph())
        lines.add(_line(quad, union))
    return dataset, lines


def serdi_count(path: Path, syntax: str) -> int:
    result = subprocess.run(
        ["serdi", "-i", syntax, "-o", "nquads", str(path)],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert not result.stderr, result.stderr.decode()
    return result.stdout.count(b"\n")


def rapper_count(path: Path, syntax: str) -> int:
    result = subprocess.run(
        ["rapper", "-i", syntax, "-c", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr.lower(), result.stderr
    assert "warning" not in result.stderr.lower(), result.stderr
    found = re.search(r"returned (\d+) (?:triples|statements)", result.stderr)
    assert found, result.stderr
    return int(found.group(1))


needs_serdi = pytest.mark.skipif(shutil.which("serdi") is None, reason="serdi is not installed")
needs_rapper = pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper is not installed")


def write(store: GraphStore, fmt: str, folder: Path) -> Path:
    path = export(store, fmt, folder / f"graph{EXTENSIONS[fmt]}")
    assert path is not None
    return path


def test_formats_cover_the_contract():
    assert set(FORMATS) == {row[0] for row in RDF_FORMATS} | {"graphml", "gexf", "neo4j"}
    assert set(EXTENSIONS) == set(FORMATS)
    assert all(description and "\n" not in description for description in FORMATS.values())


def test_sample_store_has_duplicates_across_graphs(store):
    # the union formats must then hold fewer lines than the dataset formats
    assert len(expected(store, union=True)) < len(store)


@pytest.mark.parametrize("fmt", [row[0] for row in RDF_FORMATS])
def test_pyoxigraph_reads_back_the_same_quads(store, tmp_path, fmt):
    path = write(store, fmt, tmp_path)
    assert read_pyoxigraph(path, fmt) == expected(store, BY_NAME[fmt][5])


@pytest.mark.parametrize("fmt", [row[0] for row in RDF_FORMATS])
def test_rdflib_reads_back_the_same_quads(store, tmp_path, fmt):
    path = write(store, fmt, tmp_path)
    _, lines = read_rdflib(path, fmt)
    assert lines == expected(store, BY_NAME[fmt][5])


@needs_serdi
@pytest.mark.parametrize("fmt", [row[0] for row in RDF_FORMATS if row[3]])
def test_serdi_counts(store, tmp_path, fmt):
    path = write(store, fmt, tmp_path)
    assert serdi_count(path, BY_NAME[fmt][3]) == len(expected(store, BY_NAME[fmt][5]))


@needs_rapper
@pytest.mark.parametrize("fmt", [row[0] for row in RDF_FORMATS if row[4]])
def test_rapper_counts(store, tmp_path, fmt):
    path = write(store, fmt, tmp_path)
    assert rapper_count(path, BY_NAME[fmt][4]) == len(expected(store, BY_NAME[fmt][5]))


def test_jsonld_is_isomorphic_graph_by_graph(store, tmp_path):
    reference, _ = read_rdflib(write(store, "nq", tmp_path), "nq")
    dataset, _ = read_rdflib(write(store, "jsonld", tmp_path), "jsonld")
    names = {graph.identifier for graph in reference.graphs()}
    assert names == {graph.identifier for graph in dataset.graphs()}
    assert len(names) == 4  # default, shared entities, two articles
    for name in names:
        assert isomorphic(reference.graph(name), dataset.graph(name)), name


@pytest.mark.parametrize("fmt", [row[0] for row in RDF_FORMATS])
def test_the_graph_stage_output_reads_back(seed_store, tmp_path, fmt):
    path = write(seed_store, fmt, tmp_path)
    union = BY_NAME[fmt][5]
    assert read_pyoxigraph(path, fmt) == expected(seed_store, union)
    assert read_rdflib(path, fmt)[1] == expected(seed_store, union)
    if BY_NAME[fmt][3] and shutil.which("serdi"):
        assert serdi_count(path, BY_NAME[fmt][3]) == len(expected(seed_store, union))
    if BY_NAME[fmt][4] and shutil.which("rapper"):
        assert rapper_count(path, BY_NAME[fmt][4]) == len(expected(seed_store, union))


def test_jsonld_embeds_the_shipped_context(store, tmp_path):
    document = json.loads(write(store, "jsonld", tmp_path).read_text(encoding="utf-8"))
    shipped = json.loads((Path(rdf.__file__).parent / "context.jsonld").read_text(encoding="utf-8"))
    assert document["@context"] == shipped["@context"]
    text = json.dumps(document["@graph"], ensure_ascii=False)
    # short names are used, so the context does something
    assert '"altLabel"' in text and '"label"' in text and '"subject"' in text


@pytest.mark.parametrize("fmt", ["ttl", "trig"])
def test_turtle_family_uses_the_prefixes(store, tmp_path, fmt):
    text = write(store, fmt, tmp_path).read_text(encoding="utf-8")
    declared = re.findall(r"^@prefix (\w+): ", text, flags=re.M)
    assert declared == sorted(rdf.PREFIXES)
    assert "rel:supply" in text and "gb:Country" in text and "rdfs:label" in text


def test_turtle_subjects_are_sorted(store, tmp_path):
    text = write(store, "ttl", tmp_path).read_text(encoding="utf-8")
    subjects = re.findall(r"^(<[^>]*>|\w+:\S*) ", text, flags=re.M)
    assert subjects == sorted(subjects)
    assert len(subjects) == len({quad.subject for quad in store})


def test_nt_lines_are_sorted_and_distinct(store, tmp_path):
    lines = write(store, "nt", tmp_path).read_text(encoding="utf-8").splitlines()
    assert lines == sorted(set(lines))


def test_trig_has_one_block_per_named_graph(store, tmp_path):
    text = write(store, "trig", tmp_path).read_text(encoding="utf-8")
    blocks = re.findall(r"^(<[^>]*>) \{$", text, flags=re.M)
    assert blocks == sorted(blocks)
    assert len(blocks) == 3


@pytest.mark.parametrize("fmt", DETERMINISTIC)
def test_same_store_gives_the_same_bytes(store, make_store, tmp_path, fmt):
    first = write(store, fmt, tmp_path / "first").read_bytes()
    second = write(store, fmt, tmp_path / "second").read_bytes()
    reversed_store = GraphStore.from_quads(reversed(list(make_store())))
    third = write(reversed_store, fmt, tmp_path / "third").read_bytes()
    assert first == second == third


@pytest.mark.parametrize("fmt", ["nt", "nq", "ttl"])
def test_sorting_in_runs_gives_the_same_bytes(store, tmp_path, monkeypatch, fmt):
    in_memory = write(store, fmt, tmp_path / "memory").read_bytes()
    monkeypatch.setattr(rdf, "RUN_SIZE", 7)
    in_runs = write(store, fmt, tmp_path / "runs").read_bytes()
    assert in_runs == in_memory


@pytest.mark.parametrize("fmt", [row[0] for row in RDF_FORMATS])
def test_file_object_and_path_give_the_same_content(store, tmp_path, fmt):
    buffer = io.BytesIO()
    assert export(store, fmt, buffer) is None
    path = write(store, fmt, tmp_path)
    if fmt == "jsonld":
        assert json.loads(buffer.getvalue()) == json.loads(path.read_bytes())
    else:
        assert buffer.getvalue() == path.read_bytes()


def test_empty_store_exports_empty_graphs(tmp_path):
    for fmt, syntax, *_ in RDF_FORMATS:
        path = write(GraphStore(), fmt, tmp_path)
        assert list(ox.parse(path=path, format=syntax)) == [], fmt


@pytest.mark.parametrize(
    "fmt, out, error, message",
    [
        ("csv", "graph.csv", ExportError, "known formats: nt, nq"),
        ("NT", "graph.nt", ExportError, "unknown export format 'NT'"),
        ("neo4j", io.BytesIO(), ExportError, "needs a path"),
        ("nt", "a-file/graph.nt", OutputError, "cannot write"),
    ],
)
def test_bad_requests_raise(store, tmp_path, fmt, out, error, message):
    (tmp_path / "a-file").write_text("not a folder")
    target = tmp_path / out if isinstance(out, str) else out
    with pytest.raises(error, match=message):
        export(store, fmt, target)


@pytest.mark.parametrize("relation", ["42", "1.5", "’", "µ", "ᔓ"])
def test_rdfxml_refuses_predicates_without_a_name_and_leaves_no_file(store, tmp_path, relation):
    subject = ox.NamedNode(entity_iri("Iran", "Country"))
    store = GraphStore.from_quads(
        [*store, ox.Quad(subject, ox.NamedNode(relation_iri(relation)), subject)]
    )
    with pytest.raises(ExportError, match=re.escape(relation_iri(relation))):
        export(store, "rdfxml", tmp_path / "graph.rdf")
    assert list(tmp_path.iterdir()) == []


def test_rdfxml_keeps_carriage_returns_and_replaces_what_xml_cannot_hold(tmp_path):
    subject = ox.NamedNode(entity_iri("x", None))
    label = ox.Literal("a\r\nb\x01c\ufffe")
    store = GraphStore.from_quads([ox.Quad(subject, ox.NamedNode(RDFS + "label"), label)])
    path = write(store, "rdfxml", tmp_path)
    values = [quad.object.value for quad in ox.parse(path=path, format=ox.RdfFormat.RDF_XML)]
    assert values == ["a\r\nb\ufffdc\ufffd"]


@pytest.mark.parametrize("size", [1, 2, 3, 4, 5, 100])
def test_rdfxml_writer_handles_characters_split_across_writes(size):
    data = "x\ufffey\u00bfz\r\uffff\uefbf\x01".encode()
    out = io.BytesIO()
    writer = rdf._XmlSafeWriter(out)
    for start in range(0, len(data), size):
        assert writer.write(data[start : start + size]) == len(data[start : start + size])
    writer.finish()
    assert out.getvalue().decode() == "x\ufffdy\u00bfz&#13;\ufffd\uefbf\ufffd"


def test_jsonld_context_declares_the_turtle_prefixes():
    context = rdf.context()
    assert {name: context[name] for name in rdf.PREFIXES} == rdf.PREFIXES


# -- anything in, valid RDF out ------------------------------------------------------------

TEXT = st.one_of(st.text(max_size=30), st.text(min_size=200, max_size=1500))
NAMES = st.text(min_size=0, max_size=120)


@st.composite
def hostile_stores(draw: st.DrawFn) -> GraphStore:
    quads: list[ox.Quad] = []
    names = draw(st.lists(NAMES, min_size=2, max_size=4, unique=True))
    types = draw(st.lists(st.sampled_from(["Person", "Country", None, "Odd <type>"]), min_size=1))
    iris = [ox.NamedNode(entity_iri(name, types[i % len(types)])) for i, name in enumerate(names)]
    graphs = [ox.NamedNode(article_iri(draw(NAMES))) for _ in range(2)]
    for iri, name in zip(iris, names, strict=True):
        label = ox.Literal(name, language=draw(st.sampled_from(["en", "uk", "zh-Hant"])))
        quads.append(ox.Quad(iri, ox.NamedNode(RDFS + "label"), label, graphs[0]))
        comment = ox.Literal(draw(TEXT))
        quads.append(ox.Quad(iri, ox.NamedNode(RDFS + "comment"), comment, graphs[1]))
    name = draw(
        st.one_of(st.sampled_from(["supply", "call for", "négocier"]), st.text(max_size=15))
    )
    relation = ox.NamedNode(relation_iri(name))
    for index, graph in enumerate(graphs):
        statement = ox.NamedNode(statement_iri(graph.value, str(index)))
        triples = [
            (statement, ox.NamedNode(RDF + "subject"), iris[0]),
            (statement, ox.NamedNode(RDF + "predicate"), relation),
            (statement, ox.NamedNode(RDF + "object"), iris[1]),
            (statement, ox.NamedNode(ONTOLOGY + "sentence"), ox.Literal(draw(TEXT))),
            (iris[0], relation, iris[1]),
        ]
        quads.extend(ox.Quad(s, p, o, graph) for s, p, o in triples)
    return GraphStore.from_quads(quads)


@settings(max_examples=30, deadline=None)
@given(store=hostile_stores())
def test_any_text_exports_to_rdf_every_parser_reads(store):
    with tempfile.TemporaryDirectory() as tmp:
        predicates = {quad.predicate.value for quad in store}
        for fmt, _, _, serdi_syntax, rapper_syntax, union in RDF_FORMATS:
            if fmt == "rdfxml" and not all(map(rdf._rdfxml_can_name, predicates)):
                with pytest.raises(ExportError, match="does not end with an XML name"):
                    write(store, fmt, Path(tmp))
                continue
            path = write(store, fmt, Path(tmp))
            count = len(expected(store, union))
            if fmt == "rdfxml":  # characters XML cannot hold are replaced: compare counts
                assert len(read_pyoxigraph(path, fmt)) == count
                assert len(read_rdflib(path, fmt)[1]) == count
            else:
                assert read_pyoxigraph(path, fmt) == expected(store, union), fmt
                assert read_rdflib(path, fmt)[1] == expected(store, union), fmt
            if serdi_syntax and shutil.which("serdi"):
                assert serdi_count(path, serdi_syntax) == count, fmt
            if rapper_syntax and shutil.which("rapper"):
                assert rapper_count(path, rapper_syntax) == count, fmt

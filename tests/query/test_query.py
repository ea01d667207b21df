"""Running SPARQL over a built graph and printing the results."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from samples import seed_graph

from graphbuild.errors import MalformedQueryError, QueryError, RefusedQueryError
from graphbuild.graph.stats import refresh_stats
from graphbuild.graph.store import GraphStore
from graphbuild.query import FORMATS, READ_ONLY, format_results, read_query, run_query, shorten

QUERIES = Path(__file__).resolve().parents[2] / "queries"


@pytest.fixture
def store() -> Iterator[GraphStore]:
    """An in-memory store with the seed article and a second article repeating two claims."""
    seed = seed_graph()
    other = dataclasses.replace(
        seed,
        article=dataclasses.replace(seed.article, id="other", title="Another article"),
        relations=seed.relations[:2],
    )
    with GraphStore() as graph_store:
        graph_store.write([seed, other])
        refresh_stats(graph_store)
        yield graph_store


LABELS = """
SELECT ?name ?type WHERE {
  GRAPH ?g { ?e rdfs:label ?name ; a ?type FILTER (?type IN (gb:Country, gb:Person)) }
} GROUP BY ?name ?type ORDER BY ?name
"""


def printed(results, fmt: str) -> str:
    out = io.StringIO()
    format_results(results, fmt, out)
    return out.getvalue()


def test_table_is_aligned_with_short_iris(store: GraphStore) -> None:
    text = printed(run_query(store, LABELS), "table")
    assert text.splitlines() == [
        "name              type",
        "----------------  ----------",
        "Barbara Woodward  gb:Person",
        "Iran              gb:Country",
        "John Kirby        gb:Person",
        "Russia            gb:Country",
        "Ukraine           gb:Country",
    ]


def test_empty_table_says_so(store: GraphStore) -> None:
    text = printed(run_query(store, "SELECT ?x WHERE { ?x rel:nothing ?y }"), "table")
    assert text.splitlines() == ["x", "-", "(no results)"]


def test_long_cells_are_cut_in_tables_only(store: GraphStore) -> None:
    query = "SELECT ?e WHERE { ?s gb:evidence ?e } ORDER BY DESC(STRLEN(?e)) LIMIT 1"
    table = printed(run_query(store, query), "table").splitlines()
    assert len(table[2]) == 80 and table[2].endswith("…")
    rows = list(csv.reader(io.StringIO(printed(run_query(store, query), "csv"))))
    assert len(rows[1][0]) > 200


def test_json_is_sparql_results_json(store: GraphStore) -> None:
    data = json.loads(printed(run_query(store, LABELS), "json"))
    assert data["head"]["vars"] == ["name", "type"]
    first = data["results"]["bindings"][0]
    assert first["name"] == {"type": "literal", "value": "Barbara Woodward"}
    assert first["type"] == {
        "type": "uri",
        "value": "https://w3id.org/graphbuild/ontology#Person",
    }


def test_csv_and_tsv(store: GraphStore) -> None:
    rows = list(csv.reader(io.StringIO(printed(run_query(store, LABELS), "csv"))))
    assert rows[0] == ["name", "type"]
    assert rows[1] == ["Barbara Woodward", "https://w3id.org/graphbuild/ontology#Person"]
    lines = printed(run_query(store, LABELS), "tsv").splitlines()
    assert lines[0] == "?name\t?type"
    assert lines[1] == '"Barbara Woodward"\t<https://w3id.org/graphbuild/ontology#Person>'


@pytest.mark.parametrize(
    ("query", "fmt", "expected"),
    [
        ("ASK { ?s rel:supply ?o }", "table", "true\n"),
        ("ASK { ?s rel:supply ?o }", "csv", "true\n"),
        ("ASK { ?s rel:nothing ?o }", "tsv", "false\n"),
        ("ASK { ?s rel:supply ?o }", "json", '{"head":{},"boolean":true}\n'),
    ],
)
def test_ask(store: GraphStore, query: str, fmt: str, expected: str) -> None:
    assert printed(run_query(store, query), fmt) == expected


CONSTRUCT = "CONSTRUCT { ?s rel:supply ?o } WHERE { ?s rel:supply ?o }"


def test_construct_as_turtle_and_ntriples(store: GraphStore) -> None:
    turtle = printed(run_query(store, CONSTRUCT), "table")
    assert "@prefix rel: <https://w3id.org/graphbuild/relation/> ." in turtle
    assert "rel:supply" in turtle
    lines = printed(run_query(store, CONSTRUCT), "csv").splitlines()
    assert lines == [
        "<https://w3id.org/graphbuild/id/country/Iran> "
        "<https://w3id.org/graphbuild/relation/supply> "
        "<https://w3id.org/graphbuild/id/concept/drone> ."
    ]
    data = json.loads(printed(run_query(store, CONSTRUCT), "json"))
    assert data  # JSON-LD


def test_unknown_format(store: GraphStore) -> None:
    with pytest.raises(QueryError, match="unknown result format 'xml'"):
        format_results(run_query(store, LABELS), "xml", io.StringIO())
    assert FORMATS == ("table", "json", "csv", "tsv")


MALFORMED, REFUSED = MalformedQueryError, RefusedQueryError


@pytest.mark.parametrize(
    ("sparql", "error", "message"),
    [
        ("SELECT ?x WHERE { ?x ?p }", MALFORMED, "malformed SPARQL query at line 1, column"),
        ("PREFIX x: <nope SELECT * {}", MALFORMED, "malformed SPARQL query at line 1, column"),
        ("", MALFORMED, "malformed SPARQL query"),
        ("SELEC ?x WHERE { ?x ?p ?o }", MALFORMED, "query at line 1, column 10: expected"),
        ("SELECT ?x WHERE { ?x ?p ", MALFORMED, "query at line 1, column 25: expected"),
        ("SELECT ?x WHERE { ?x nope:p ?o }", MALFORMED, "column 28: unknown prefix 'nope:'"),
        ("DELETE WHERE { ?s ?p ?o }", REFUSED, "updates are not allowed"),
        ("CLEAR ALL", REFUSED, "updates are not allowed"),
        ("INSERT DATA { <http://a/b> <http://a/c> <http://a/d> }", REFUSED, "read-only"),
        ("DROP ALL", REFUSED, "updates are not allowed"),
        (
            "# note\nPREFIX ex: <http://example.org/>\n with <urn:g> delete {} where {}",
            REFUSED,
            "read-only",
        ),
    ],
)
def test_bad_sparql_raises_query_error(
    store: GraphStore, sparql: str, error: type[QueryError], message: str
) -> None:
    size = len(store)
    with pytest.raises(error, match=re.escape(message)) as info:
        run_query(store, sparql)
    assert len(store) == size
    assert "\n" not in str(info.value)


def test_every_update_is_refused_with_one_message(store: GraphStore) -> None:
    for update in ("DROP ALL", "INSERT { ?s ?p ?o } WHERE { SELECT * { ?s ?p ?o } }"):
        with pytest.raises(RefusedQueryError) as info:
            run_query(store, update)
        assert str(info.value) == READ_ONLY


def test_federated_queries_are_refused_only_when_asked(store: GraphStore) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    with pytest.raises(RefusedQueryError, match="SERVICE"):
        run_query(store, query, federated=False)
    assert list(run_query(store, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", federated=False))


def test_default_and_named_graphs_of_the_protocol(store: GraphStore) -> None:
    other = "https://w3id.org/graphbuild/id/article/other"
    titles = "SELECT ?t WHERE { ?a dcterms:title ?t }"
    rows = run_query(store, titles, default_graphs=[other])
    assert [row["t"].value for row in rows] == ["Another article"]
    graphs = run_query(
        store, "SELECT ?g WHERE { GRAPH ?g { ?g a gb:Article } }", named_graphs=[other]
    )
    assert [row["g"].value for row in graphs] == [other]
    with pytest.raises(MalformedQueryError, match="bad graph IRI"):
        run_query(store, titles, default_graphs=["not an IRI"])


def test_supplies_query_names_iran_drones_russia(store: GraphStore) -> None:
    rows = list(run_query(store, read_query(QUERIES / "supplies.rq")))
    found = {
        (
            row["subject"].value,
            row["relation"].value,
            row["object"].value,
            row["recipient"].value,
            row["polarity"].value,
            row["modality"].value,
        )
        for row in rows
    }
    assert ("Iran", "supply", "drone", "Russia", "positive", "asserted") in found
    assert ("Russia", "supply", "military component", "Iran", "positive", "intended") in found
    iran = next(row for row in rows if row["subject"].value == "Iran")
    assert iran["source"].value == "Barbara Woodward"
    assert "supplying hundreds of drones to Russia" in iran["evidence"].value


REAL_BUILD_ONLY = {"contested.rq", "corroborated.rq", "positions.rq", "timeline.rq"}
"""Queries for statements the hand-made seed records do not hold (tested on a real build in
tests/test_cli.py)."""


@pytest.mark.parametrize(
    "path",
    sorted(p for p in QUERIES.glob("*.rq") if p.name not in REAL_BUILD_ONLY),
    ids=lambda p: p.name,
)
def test_example_queries_run_and_return_rows(store: GraphStore, path: Path) -> None:
    text = printed(run_query(store, read_query(path)), "table")
    assert "(no results)" not in text


@pytest.mark.parametrize(
    ("query", "column", "first"),
    [
        ("top_entities.rq", "label", "Russia"),
        ("denials.rq", "relation", "use"),
        ("entity_relations.rq", "subject", "Russia"),
        ("statements_per_article.rq", "statements", "5"),
    ],
)
def test_example_query_answers(store: GraphStore, query: str, column: str, first: str) -> None:
    rows = list(run_query(store, read_query(QUERIES / query)))
    assert rows[0][column].value == first


def test_example_queries_parse_without_default_prefixes() -> None:
    """The example files declare their prefixes, so they run on any SPARQL endpoint."""
    import pyoxigraph as ox

    for path in QUERIES.glob("*.rq"):
        ox.Store().query(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT * WHERE { ?s ?p ?o }"),
        ("ASK {}", "ASK {}"),
    ],
)
def test_read_query_text(given: str, expected: str) -> None:
    assert read_query(given) == expected


def test_read_query_file(tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert read_query(path) == "ASK { ?s ?p ?o }"
    assert read_query(str(path)) == "ASK { ?s ?p ?o }"
    with pytest.raises(QueryError, match="no such query file"):
        read_query(tmp_path / "missing.rq")
    with pytest.raises(QueryError, match="no such query file"):
        read_query(str(tmp_path / "missing.rq"))


@pytest.mark.parametrize(
    ("iri", "short"),
    [
        ("https://w3id.org/graphbuild/ontology#Person", "gb:Person"),
        ("https://w3id.org/graphbuild/id/country/Iran", "id:country/Iran"),
        ("http://www.wikidata.org/entity/Q794", "wd:Q794"),
        ("https://example.org/x", "<https://example.org/x>"),
    ],
)
def test_shorten(iri: str, short: str) -> None:
    assert shorten(iri) == short


@pytest.mark.parametrize(
    "text",
    [
        "DESCRIBE <https://w3id.org/graphbuild/id/country/Iran>",
        "DESCRIBE <urn:x:" + "y" * 400 + ">",
    ],
)
def test_read_query_one_line_without_braces(text: str) -> None:
    assert read_query(text) == text


def test_read_query_undecodable_file(tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_bytes(b"\xff\xfe ASK")
    with pytest.raises(QueryError, match="cannot read the query"):
        read_query(path)


def test_a_label_shared_by_three_articles_is_one_row() -> None:
    from samples import simple_graph

    iran = "https://w3id.org/graphbuild/id/country/Iran"
    with GraphStore() as three:
        three.write([simple_graph(doc) for doc in ("a1", "a2", "a3")])
        rows = list(run_query(three, f"SELECT ?l WHERE {{ <{iran}> rdfs:label ?l }}"))
    assert [row["l"].value for row in rows] == ["Iran"]


@pytest.mark.parametrize(
    ("query", "pattern"),
    [
        ("denials.rq", "?st gb:polarity gb:Negative"),
        ("supplies.rq", "?st rdf:predicate rel:supply"),
        ("entity_relations.rq", "{ ?st rdf:subject ?e } UNION { ?st rdf:object ?e } "
         '?e rdfs:label "Russia"'),
    ],
)  # fmt: skip
def test_example_queries_give_one_row_per_statement(
    store: GraphStore, query: str, pattern: str
) -> None:
    """Labels are described once, so joining on them does not repeat a statement."""
    rows = list(run_query(store, read_query(QUERIES / query)))
    count = f"SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE {{ {pattern} }}"
    expected = int(next(iter(run_query(store, count)))["n"].value)
    assert len(rows) == expected > 0


def test_entities_query_describes_each_entity_once(store: GraphStore) -> None:
    rows = list(run_query(store, read_query(QUERIES / "entities.rq")))
    entities = [row["entity"].value for row in rows]
    assert len(entities) == len(set(entities))
    iran = next(row for row in rows if row["label"].value == "Iran")
    assert iran["type"].value == "Country"
    assert iran["wikidata"].value == "http://www.wikidata.org/entity/Q794"
    assert iran["aliases"].value == "Iranian; the Iranian government"
    assert iran["articles"].value == "2"

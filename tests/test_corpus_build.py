"""A Wikinews corpus built twice: no rejections, valid and identical exports.

The default run uses the first 40 articles; ``pytest -m slow`` adds the whole corpus (171).
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pyoxigraph
import pytest
import rdflib

from graphbuild import pipeline
from graphbuild.export import export
from graphbuild.folder import GraphFolder

CORPUS = Path(__file__).resolve().parent / "data" / "wikinews-2019.csv"
SERDI = {"nt": "ntriples", "nq": "nquads", "ttl": "turtle", "trig": "trig"}
OXIGRAPH = {
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "nq": pyoxigraph.RdfFormat.N_QUADS,
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "trig": pyoxigraph.RdfFormat.TRIG,
}
RDFLIB = {"nt": "nt", "nq": "nquads", "ttl": "turtle", "trig": "trig"}


def corpus_sample(folder: Path, limit: int | None) -> tuple[Path, int]:
    """The corpus, or its first ``limit`` articles as a CSV file in ``folder``."""
    csv.field_size_limit(1 << 30)
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if limit is None:
        return CORPUS, len(rows)
    path = folder / "sample.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows[:limit])
    return path, limit


@pytest.fixture(
    scope="module",
    params=[
        pytest.param(40, id="40-articles"),
        pytest.param(None, id="whole-corpus", marks=pytest.mark.slow),
    ],
)
def builds(request, tmp_path_factory) -> tuple[Path, Path]:
    """The corpus (or its first articles) built into two separate output folders."""
    corpus, count = corpus_sample(tmp_path_factory.mktemp("corpus"), request.param)
    outs = []
    for name in ("first", "second"):
        out = tmp_path_factory.mktemp(name)
        report = pipeline.build([corpus], out, pages=False)
        assert report.rejected == []
        assert report.articles_in_graph == count
        outs.append(out)
    return outs[0], outs[1]


@pytest.fixture(scope="module")
def exported(builds, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports")
    files = {}
    with GraphFolder(builds[0]).open_store(read_only=True) as store:
        for fmt in SERDI:
            files[fmt] = folder / f"graph.{fmt}"
            export(store, fmt, files[fmt])
    return files


def test_two_builds_give_identical_sorted_nquads(builds, tmp_path):
    dumps = []
    for n, out in enumerate(builds):
        path = tmp_path / f"{n}.nq"
        with GraphFolder(out).open_store(read_only=True) as store:
            export(store, "nq", path)
        dumps.append(sorted(path.read_bytes().splitlines()))
    assert len(dumps[0]) > 5_000
    assert dumps[0] == dumps[1]


@pytest.mark.parametrize("fmt", sorted(SERDI))
def test_exports_parse_with_equal_counts_everywhere(exported, fmt):
    path = exported[fmt]
    oxigraph_count = sum(1 for _ in pyoxigraph.parse(path=str(path), format=OXIGRAPH[fmt]))
    dataset = rdflib.Dataset()
    dataset.parse(path, format=RDFLIB[fmt])
    rdflib_count = sum(1 for _ in dataset.quads((None, None, None, None)))
    assert oxigraph_count == rdflib_count > 5_000
    if shutil.which("serdi") is None:
        pytest.skip("serdi is not installed (make test installs it)")
    serdi = subprocess.run(
        ["serdi", "-i", SERDI[fmt], "-o", "nquads", str(path)],
        capture_output=True,
        check=True,
    )
    assert serdi.stdout.count(b"\n") == oxigraph_count


def test_build_validates_against_the_shapes(builds, request):
    """Every tenth article graph by default (SHACL in Python is slow), all of them with -m slow."""
    from graphbuild.graph.iris import article_iri
    from graphbuild.graph.validate import validate

    step = 10 if request.node.callspec.params["builds"] else 1
    with GraphFolder(builds[0]).open_store(read_only=True) as store:
        chosen = sorted(store.articles())[::step]
        quads = [
            quad
            for doc_id in chosen
            for quad in store.quads_for_pattern(
                None, None, None, pyoxigraph.NamedNode(article_iri(doc_id))
            )
        ]
    assert len(chosen) >= 4 and quads
    result = validate(quads)
    assert result.conforms, result.report[:3000]

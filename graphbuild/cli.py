"""The ``graphbuild`` command line: thin commands over ``graphbuild.pipeline`` and the stages.

Exit status: 0 all inputs processed; 1 some inputs were rejected (each named
on stderr with the reason); 2 usage error, unusable output location, missing graph or model,
or a malformed query.
"""

from __future__ import annotations

import functools
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from graphbuild.errors import GraphbuildError
from graphbuild.export import FORMATS as EXPORT_FORMATS
from graphbuild.folder import GraphFolder
from graphbuild.graph.iris import DEFAULT_BASE
from graphbuild.nlp import DEFAULT_MODEL
from graphbuild.pipeline import Config
from graphbuild.records import Rejection, Relation

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
QUERY_FORMATS = ("table", "json", "csv", "tsv")
DEFAULT_OUT = "graph-out"
EXAMPLE_QUERY = "queries/supplies.rq"


def _fail(message: str) -> None:
    click.echo(f"graphbuild: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def handle_errors(func: F) -> F:
    """Turn graphbuild's own errors into one clear line on stderr and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except GraphbuildError as exc:
            _fail(str(exc))
        except KeyboardInterrupt:
            click.echo("graphbuild: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:  # e.g. `graphbuild extract ... | head`
            sys.stderr.close()
            sys.exit(EXIT_OK)

    return wrapper  # type: ignore[return-value]


def _setup_logging(quiet: bool, verbose: int) -> None:
    level = logging.ERROR if quiet else (logging.DEBUG if verbose > 1 else logging.INFO)
    if not verbose and not quiet:
        level = logging.WARNING
    logging.basicConfig(level=level, format="graphbuild: %(message)s", stream=sys.stderr)


model_option = click.option(
    "--model",
    default=DEFAULT_MODEL,
    show_default=True,
    metavar="NAME",
    help="Installed spaCy pipeline to parse with.",
)
"""``--model``, on the commands that parse text."""
base_option = click.option(
    "--base",
    default=DEFAULT_BASE,
    show_default=True,
    metavar="IRI",
    help="Namespace for minted entity, article and statement IRIs.",
)
"""``--base``, on the commands that mint (or look up) IRIs."""


quiet_option = click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
verbose_option = click.option(
    "-v", "--verbose", count=True, help="Say more (repeat for debug output)."
)


def verbosity_options(func: F) -> F:
    """``-q`` and ``-v``, accepted by every command."""
    return quiet_option(verbose_option(func))


graph_folder_option = click.option(
    "-g",
    "--graph",
    "out",
    default=DEFAULT_OUT,
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Build output folder holding the graph.",
)
graph_folder_argument = click.argument(
    "out",
    default=DEFAULT_OUT,
    required=False,
    type=click.Path(file_okay=False, path_type=Path),
    metavar="[OUT]",
)


def _config(base: str, **extra: Any) -> Config:
    if not base.endswith(("/", "#")):
        raise click.BadParameter(f"{base!r} must end with '/' or '#'", param_hint="--base")
    return Config(base=base, **extra)


class _Rejections:
    """Prints each rejected input on stderr as it happens and remembers that one happened."""

    def __init__(self, write: Callable[[str], None] | None = None) -> None:
        self.count = 0
        self.write = write or (lambda line: click.echo(line, err=True))

    def __call__(self, item: Rejection) -> None:
        self.count += 1
        self.write(f"graphbuild: skipped {item.source}: {item.reason}")

    @property
    def status(self) -> int:
        return EXIT_REJECTED if self.count else EXIT_OK


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="graphbuild")
def cli() -> None:
    """Build a knowledge graph of who did what to whom from news articles.

    Articles (text, Markdown, HTML pages, JSON Lines, CSV, RSS/Atom feeds) go in; an RDF graph
    you can query with SPARQL, dumps for other stores and an interactive page come out.

    \b
    Start with:  graphbuild build seeds/ -o graph-out
    Then:        graphbuild query -g graph-out -f queries/supplies.rq
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "-o",
    "--out",
    default=DEFAULT_OUT,
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder: graph store, dumps, pages and build.json.",
)
@click.option(
    "--min-confidence",
    default=Config.min_confidence,
    show_default=True,
    type=click.FloatRange(0, 1),
    help="Leave relations below this confidence out of the graph.",
)
@click.option("--rebuild", is_flag=True, help="Re-extract articles whose text has not changed.")
@click.option("--no-pages", is_flag=True, help="Skip writing the HTML pages.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Worker processes for parsing, extraction and resolution (with --engine dask: the "
    "workers of the local cluster)  [default: the number of cores]",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=Config.batch_size,
    show_default=True,
    metavar="N",
    help="Articles per batch: the unit of work of a worker and of a store transaction.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: worker processes on this machine; dask: workers of a Dask cluster (see "
    "--scheduler; needs graphbuild[dask]).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="With --engine dask: address of a running Dask scheduler (tcp://HOST:8786); without "
    "it a local cluster of --jobs workers is started.",
)
@click.option(
    "--dumps",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="When to rewrite graph.trig and graph.ttl: auto when stale and the graph has at most "
    "250,000 quads (larger graphs on request), always when stale, or never.",
)
@click.option(
    "--shards",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar="DIR",
    help="Also write each batch as N-Quads into DIR, with the shared graphs and a drop.ru "
    "update, for bulk loading into another store (see the README).",
)
@model_option
@base_option
@verbosity_options
@handle_errors
def build(
    paths: tuple[str, ...],
    out: Path,
    min_confidence: float,
    rebuild: bool,
    no_pages: bool,
    jobs: int | None,
    batch_size: int,
    engine: str,
    scheduler: str | None,
    dumps: str,
    shards: Path | None,
    model: str,
    base: str,
    quiet: bool,
    verbose: int,
) -> None:
    """Read articles, extract relations and merge them into the graph in OUT.

    PATH is a file, a folder (read recursively) or - for standard input. Re-running with more
    or changed articles updates the same graph: unchanged articles are skipped, a changed
    article replaces its old statements. A build that is interrupted or killed keeps what it
    finished; run it again to complete it. Files in folders that are not articles (by their
    extension) are passed over: their number is in the summary, -v names them.
    """
    from tqdm import tqdm

    from graphbuild import jobs as engines
    from graphbuild import pipeline

    _setup_logging(quiet, verbose)
    config = _config(base, model=model, min_confidence=min_confidence, batch_size=batch_size)
    if scheduler is not None and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    total = None if quiet else pipeline.count_articles(paths)
    bar = tqdm(
        desc="articles",
        unit=" article",
        total=total,
        disable=True if quiet else None,
        file=sys.stderr,
        smoothing=0.1,
    )
    rejections = _Rejections(write=lambda line: tqdm.write(line, file=sys.stderr))

    def passed_over(path: str, reason: str) -> None:
        if verbose and not quiet:
            tqdm.write(f"graphbuild: passed over {path}: {reason}", file=sys.stderr)

    with bar:
        report = pipeline.build(
            paths,
            out,
            config,
            rebuild=rebuild,
            pages=not no_pages,
            jobs=jobs or engines.default_jobs(),
            engine=engine,
            scheduler=scheduler,
            dumps=dumps,
            shards=shards,
            progress=lambda _doc: bar.update(),
            on_reject=rejections,
            on_pass_over=passed_over,
            stdin=sys.stdin.buffer,
        )
    if not quiet:
        files = report.files
        passed = f", {len(report.passed_over)} files passed over" if report.passed_over else ""
        click.echo(
            f"Built {out}: {report.articles_in_graph} articles in the graph "
            f"({len(report.added)} added, {len(report.replaced)} replaced, "
            f"{len(report.unchanged)} unchanged, {len(report.rejected)} rejected{passed}), "
            f"{report.relations} new relations, {report.quads} quads, {report.seconds:.1f} s"
        )
        if report.settings_changed:
            changed = ", ".join(report.settings_changed)
            click.echo(f"  {changed} changed since the last build: every article analysed again")
        click.echo(f"  graph store  {files.get('store')}")
        stale = [fmt for fmt in ("trig", "ttl") if not report.fresh.get(fmt)]
        dump_files = "  ".join(files[fmt] for fmt in ("trig", "ttl") if fmt in files)
        note = " (stale: write them with --dumps always)" if stale else ""
        click.echo(f"  dumps        {dump_files or '-'}{note}")
        if "page" in files:
            click.echo(f"  page         {files['page']}")
        if report.shards is not None:
            click.echo(f"  shards       {report.shards}")
        click.echo(f"  report       {GraphFolder(out).report_path}")
        if Path(EXAMPLE_QUERY).is_file():
            click.echo(f"Try: graphbuild query -g {out} -f {EXAMPLE_QUERY}")
        else:
            example = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10"
            click.echo(f"Try: graphbuild query -g {out} '{example}'")
    sys.exit(rejections.status)


def _part(part: Any) -> str:
    if part is None:
        return ""
    if part.entity and part.entity != part.text:
        return f"{part.text} [{part.entity}]"
    return part.text


def _table_row(rel: Relation) -> list[str]:
    args = "; ".join(
        f"{a.role}:{(a.prep + ' ') if a.prep else ''}{_part(a)}" for a in rel.arguments
    )
    flags = [] if rel.polarity == "positive" else ["NOT"]
    if rel.modality != "asserted":
        flags.append(rel.modality)
    return [
        rel.doc,
        _part(rel.subject),
        rel.relation.lemma + (f" ({', '.join(flags)})" if flags else ""),
        _part(rel.object),
        args,
        _part(rel.attribution),
        f"{rel.confidence:.2f}",
    ]


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "table"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one JSON object a line per extracted relation (see above); table: a readable "
    "summary.",
)
@click.option(
    "--min-confidence",
    default=0.0,
    show_default=True,
    type=click.FloatRange(0, 1),
    help="Print only relations at or above this confidence.",
)
@model_option
@base_option
@verbosity_options
@handle_errors
def extract(
    paths: tuple[str, ...],
    fmt: str,
    min_confidence: float,
    model: str,
    base: str,
    quiet: bool,
    verbose: int,
) -> None:
    """Print the extraction records of articles, without touching any graph.

    One record per extracted relation: its subject, relation and object, the arguments with
    their roles (recipient, time, location, ...), polarity, modality, attribution (who says
    so), confidence, and the evidence sentence with character offsets into the article's text.
    """
    from graphbuild import pipeline

    _setup_logging(quiet, verbose)
    rejections = _Rejections()
    records = (
        rel
        for rel in pipeline.extract_records(
            paths, _config(base, model=model), on_reject=rejections, stdin=sys.stdin.buffer
        )
        if rel.confidence >= min_confidence
    )
    if fmt == "jsonl":
        for rel in records:
            click.echo(json.dumps(rel.to_json(), ensure_ascii=False))
    else:
        from graphbuild.table import write_table

        header = ["doc", "subject", "relation", "object", "arguments", "attribution", "conf"]
        write_table(header, [_table_row(rel) for rel in records], sys.stdout)
    sys.exit(rejections.status)


@cli.command()
@click.argument("file", type=click.File("r", encoding="utf-8"), default="-", metavar="[FILE|-]")
@click.option(
    "--pretokenized",
    is_flag=True,
    help="Keep each line's whitespace-separated tokens exactly (benchmark data).",
)
@model_option
@verbosity_options
@handle_errors
def oie(file: Any, pretokenized: bool, model: str, quiet: bool, verbose: int) -> None:
    """Open IE over one sentence a line, printed in the CaRB tabbed format.

    Each output line is: sentence TAB confidence TAB relation TAB arg1 TAB arg2 [TAB ...].
    """
    from graphbuild import nlp as nlp_stage
    from graphbuild.extract.oie import oie_lines

    _setup_logging(quiet, verbose)
    try:
        lines = [line.rstrip("\n").rstrip("\r") for line in file]
    except UnicodeDecodeError as exc:
        _fail(f"{file.name}: not UTF-8 text ({exc.reason} at byte {exc.start})")
    for line in oie_lines(nlp_stage.load(model), lines, pretokenized=pretokenized):
        click.echo(line)


@cli.command()
@click.argument("query", required=False)
@graph_folder_option
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.File("r", encoding="utf-8"),
    help="Read the SPARQL query from this file (- for stdin).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(QUERY_FORMATS),
    default="table",
    show_default=True,
    help="How to print the results.",
)
@verbosity_options
@handle_errors
def query(
    query: str | None, out: Path, query_file: Any, fmt: str, quiet: bool, verbose: int
) -> None:
    """Run a SPARQL 1.1 query over a built graph.

    The default graph is the union of all article graphs; common prefixes (rdf, rdfs, owl,
    skos, prov, schema, dcterms, xsd, gb, rel) are predeclared.
    """
    from graphbuild.query import format_results, run_query

    _setup_logging(quiet, verbose)
    if (query is None) == (query_file is None):
        raise click.UsageError("give either a QUERY or -f FILE.rq (not both)")
    text = query if query is not None else query_file.read()
    with GraphFolder(out).open_store(read_only=True) as store:
        results = run_query(store, text)
        format_results(results, fmt, sys.stdout)


@cli.command()
@graph_folder_argument
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (127.0.0.1: this machine only; 0.0.0.0: every interface).",
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0: any free port).",
)
@click.option(
    "--timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds a query may run; past them it is stopped and answered with 503.",
)
@click.option(
    "--max-rows",
    default=0,
    show_default=True,
    type=click.IntRange(min=0),
    help="Cut SELECT results after this many rows (0: no cut; a cut result carries the "
    "X-Result-Truncated header).",
)
@click.option(
    "--max-result-mb",
    default=256,
    show_default=True,
    type=click.IntRange(min=1),
    help="Largest serialized result, in MiB; larger results are refused with 503.",
)
@click.option(
    "--cors",
    metavar="ORIGIN",
    default=None,
    help="Let web pages of ORIGIN (e.g. https://example.org, or * for any) query the "
    "endpoint; off by default.",
)
@click.option(
    "--workers",
    default=4,
    show_default=True,
    type=click.IntRange(min=1),
    help="Query worker processes: how many queries run at once.",
)
@click.option(
    "--in-memory/--on-disk",
    default=None,
    help="Query a copy of the graph held in memory (listing queries some three times "
    "faster; about 350 bytes a quad for each worker and once more) or the store on disk.  "
    "[default: in memory when the copies take at most half of the memory available]",
)
@verbosity_options
@handle_errors
def serve(
    out: Path,
    host: str,
    port: int,
    timeout: float,
    max_rows: int,
    max_result_mb: int,
    cors: str | None,
    workers: int,
    in_memory: bool | None,
    quiet: bool,
    verbose: int,
) -> None:
    """Serve a built graph: SPARQL 1.1 Protocol endpoint at /sparql plus the graph pages.

    The endpoint is read-only (updates and federated SERVICE queries are refused). With -v
    every request is logged to stderr. Stop it with Ctrl-C.
    """
    from graphbuild.serve import serve as run_server

    _setup_logging(quiet, verbose)
    run_server(
        out,
        host=host,
        port=port,
        quiet=not verbose,
        timeout=timeout,
        max_rows=max_rows,
        max_result_bytes=max_result_mb * 1024 * 1024,
        cors=cors,
        workers=workers,
        in_memory=in_memory,
    )


def _export_help() -> str:
    return (
        "Dump a built graph for other stores (Oxigraph, Jena, GraphDB, Neo4j, Gephi).\n\n\b\n"
        + ("\n".join(f"{name:8} {text}" for name, text in EXPORT_FORMATS.items()))
    )


@cli.command(help=_export_help())
@graph_folder_argument
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(list(EXPORT_FORMATS)),
    help="Output format (see above); neo4j writes a folder of CSV files.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write here instead of standard output (required for neo4j).",
)
@verbosity_options
@handle_errors
def export(out: Path, fmt: str, output: Path | None, quiet: bool, verbose: int) -> None:
    from graphbuild.export import export as write_export

    _setup_logging(quiet, verbose)
    with GraphFolder(out).open_store(read_only=True) as store:
        if output is None:
            if fmt == "neo4j":
                raise click.UsageError("--format neo4j writes a folder: give it with -o DIR")
            stream = sys.stdout.buffer
            write_export(store, fmt, stream)
            stream.flush()
        else:
            write_export(store, fmt, output)
            if not quiet:
                click.echo(f"Wrote {output}", err=True)


@cli.command()
@click.argument("doc_ids", nargs=-1, required=True, metavar="DOC_ID...")
@graph_folder_option
@base_option
@verbosity_options
@handle_errors
def remove(doc_ids: tuple[str, ...], out: Path, base: str, quiet: bool, verbose: int) -> None:
    """Remove articles (by document id) and all their statements from the graph."""
    from graphbuild import pipeline

    _setup_logging(quiet, verbose)
    missing = pipeline.remove(doc_ids, out, _config(base))
    for doc_id in missing:
        click.echo(f"graphbuild: skipped {doc_id}: no such article in {out}", err=True)
    if not quiet:
        click.echo(f"Removed {len(doc_ids) - len(missing)} article(s) from {out}")
    sys.exit(EXIT_REJECTED if missing else EXIT_OK)


def main() -> None:
    """Entry point of the ``graphbuild`` console script."""
    cli(prog_name="graphbuild")

"""The library API: chains ingest → NLP → extract → resolve → graph → render.

The CLI is a thin layer over these functions; notebooks and other programs call them directly.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from graphbuild.folder import GraphFolder
from graphbuild.graph.iris import DEFAULT_BASE
from graphbuild.nlp import DEFAULT_MODEL
from graphbuild.records import Article, ArticleGraph, Rejection, Relation

log = logging.getLogger("graphbuild")


@dataclass(frozen=True)
class Config:
    """Options shared by every command.

    ``min_confidence`` is the threshold below which extracted relations are left out of the
    graph (they are still printed by ``extract``); see docs/extraction.md for how it was chosen.
    """

    model: str = DEFAULT_MODEL
    base: str = DEFAULT_BASE
    min_confidence: float = 0.05
    batch_size: int = 16

    def settings(self) -> dict[str, Any]:
        """The options that decide what goes into the graph (not how fast it is built)."""
        return {"model": self.model, "base": self.base, "min_confidence": self.min_confidence}


@dataclass
class BuildReport:
    """What a build did. Written as ``build.json`` beside the graph (never into the graph).

    ``added``, ``replaced`` and ``removed`` are the ids of the articles whose graphs this run
    wrote or dropped (``changed`` is their union); ``passed_over`` lists the files a folder walk
    did not read, with the reason; ``timings`` the seconds per stage (``parse``, ``extract``
    and ``resolve`` add up the time of every worker, so with several jobs they can exceed
    ``seconds``); ``fresh`` which outputs show the graph as it now is (see ``GraphFolder``).
    ``settings`` are the options the graph was built with (``Config.settings``);
    ``settings_changed`` names those that differ from the last build's, for which every
    article was analysed again; ``shards`` the folder of N-Quads shards, when asked for.
    """

    out: str
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    passed_over: list[tuple[str, str]] = field(default_factory=list)
    relations: int = 0
    quads: int = 0
    articles_in_graph: int = 0
    seconds: float = 0.0
    jobs: int = 1
    engine: str = "local"
    timings: dict[str, float] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    fresh: dict[str, bool] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    settings_changed: list[str] = field(default_factory=list)
    shards: str | None = None

    @property
    def changed(self) -> set[str]:
        """The ids of the articles added, replaced or removed by this run."""
        return {*self.added, *self.replaced, *self.removed}

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["rejected"] = [{"source": r.source, "reason": r.reason} for r in self.rejected]
        data["passed_over"] = [{"path": p, "reason": r} for p, r in self.passed_over]
        data["timings"] = {name: round(value, 3) for name, value in self.timings.items()}
        return data


def analyse(
    articles: Iterable[Article],
    config: Config = Config(),
    on_reject: Callable[[Rejection], None] | None = None,
) -> Iterator[ArticleGraph]:
    """Parse, extract and resolve each article, yielding one ``ArticleGraph`` per article.

    All texts are parsed in one ``nlp.pipe`` stream (see ``graphbuild.jobs``). An article whose
    analysis fails is reported through ``on_reject`` and skipped; the others go on.
    """
    from graphbuild.jobs import analyse_stream

    for outcome in analyse_stream(articles, config):
        if isinstance(outcome, Rejection):
            if on_reject is not None:
                on_reject(outcome)
        else:
            yield outcome


def extract_records(
    paths: Sequence[str | Path],
    config: Config = Config(),
    on_reject: Callable[[Rejection], None] | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[Relation]:
    """Every resolved relation record of the given inputs, without touching any graph."""
    for graph in analyse(_articles(paths, on_reject, stdin), config, on_reject):
        yield from graph.relations


def _articles(
    paths: Sequence[str | Path],
    on_reject: Callable[[Rejection], None] | None,
    stdin: IO[bytes] | None = None,
    passed_over: Callable[[str, str], None] | None = None,
) -> Iterator[Article]:
    from graphbuild.ingest import read

    for item in read(paths, stdin=stdin, passed_over=passed_over):
        if isinstance(item, Rejection):
            if on_reject is not None:
                on_reject(item)
        else:
            yield item


def count_articles(paths: Sequence[str | Path]) -> int | None:
    """How many articles ``paths`` hold (a quick ingest pass, for progress); ``None`` when
    standard input is among them (it can be read only once)."""
    from graphbuild.ingest import read

    if any(str(path) == "-" for path in paths):
        return None
    return sum(1 for item in read(paths) if isinstance(item, Article))


def _keep(graph: ArticleGraph, min_confidence: float) -> ArticleGraph:
    kept = tuple(r for r in graph.relations if r.confidence >= min_confidence)
    return dataclasses.replace(graph, relations=kept)


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def build(
    paths: Sequence[str | Path],
    out: str | Path = "graph-out",
    config: Config = Config(),
    *,
    rebuild: bool = False,
    pages: bool = True,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    dumps: str = "auto",
    shards: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
    on_reject: Callable[[Rejection], None] | None = None,
    on_pass_over: Callable[[str, str], None] | None = None,
    stdin: IO[bytes] | None = None,
) -> BuildReport:
    """Read, extract, resolve and merge articles into the persistent graph in ``out``.

    Articles already in the graph with the same content are skipped unless ``rebuild``, or
    unless the graph was built with other settings (model, base, threshold); a changed article
    replaces its named graph. Articles are analysed in batches of
    ``config.batch_size``: here (``jobs`` 1), on ``jobs`` worker processes (``engine``
    ``"local"``) or on a Dask cluster (``engine`` ``"dask"``, at ``scheduler`` or on a local
    cluster of ``jobs`` workers); the results are written to the store in input order, one
    transaction per batch, so every engine and number of jobs gives the same graph, and an
    interrupted build keeps every finished batch. The shared entity graph, the claims graph and
    the statistics graph are derived again once, after the last batch (all of them when the
    last build was interrupted). ``progress``
    is called with each document id once it is analysed (or found unchanged), ``on_pass_over``
    with each file a folder walk passes over and why. Finally the outputs that are stale are
    written (``dumps`` is one of ``folder.DUMP_POLICIES``) and ``build.json`` (see
    ``GraphFolder``). With ``shards``, each batch is also written to that folder as N-Quads
    before it goes into the store, and the shared graphs once they are derived
    (``graphbuild.export.shards``).
    """
    from graphbuild import jobs as engines
    from graphbuild.graph.stats import refresh_stats
    from graphbuild.graph.store import Pending

    if engine not in engines.ENGINES:
        raise engines.EngineError(f"unknown engine {engine!r} (choose from {engines.ENGINES})")
    if engine == "local":  # a Dask build needs the pipeline on the workers only
        from graphbuild import nlp as nlp_stage

        nlp_stage.require(config.model)
    started = time.perf_counter()
    folder = GraphFolder(out).prepare()
    last = folder.read_report()
    interrupted = last.get("status") == "writing"
    writer = None
    if shards is not None:  # before the store is written; the last build's shards are kept
        from graphbuild.export.shards import ShardWriter  # when the output folder is unusable

        writer = ShardWriter(shards, resume=interrupted)
    report = BuildReport(out=str(folder.path), jobs=max(1, jobs), engine=engine)
    timings = dict.fromkeys(("ingest", "parse", "extract", "resolve", "store", "outputs"), 0.0)

    def reject(item: Rejection) -> None:
        report.rejected.append(item)
        if on_reject is not None:
            on_reject(item)

    def pass_over(path: str, reason: str) -> None:
        report.passed_over.append((path, reason))
        if on_pass_over is not None:
            on_pass_over(path, reason)

    report.settings = config.settings()
    with folder.open_store(create=True) as store:
        stored = store.articles()
        if stored and last.get("settings") != report.settings:
            # a graph built with another model, base or threshold: nothing in it can be kept
            before = last.get("settings") if isinstance(last.get("settings"), dict) else {}
            report.settings_changed = [k for k, v in report.settings.items() if before.get(k) != v]
            rebuild = True
        touched = Pending()

        def todo() -> Iterator[Article]:
            articles = _articles(paths, reject, stdin, pass_over)
            while True:
                clock = time.perf_counter()
                article = next(articles, None)
                timings["ingest"] += time.perf_counter() - clock
                if article is None:
                    return
                if not rebuild and stored.get(article.id) == article.hash:
                    report.unchanged.append(article.id)
                    if progress is not None:
                        progress(article.id)
                    continue
                yield article

        batches = _batches(todo(), config.batch_size)
        if engine == "dask":
            results = engines.run_dask(batches, config, report.jobs, scheduler)
        else:
            results = engines.run_local(batches, config, report.jobs)
        for result in results:
            for stage, seconds in result.seconds.items():
                timings[stage] = timings.get(stage, 0.0) + seconds
            graphs = []
            for outcome in result.outcomes:
                if isinstance(outcome, Rejection):
                    reject(outcome)
                    continue
                doc_id = outcome.article.id
                (report.replaced if doc_id in stored else report.added).append(doc_id)
                if progress is not None:
                    progress(doc_id)
                graph = _keep(outcome, config.min_confidence)
                report.relations += len(graph.relations)
                graphs.append(graph)
            if graphs:
                clock = time.perf_counter()
                folder.mark_stale()
                if writer is not None:
                    replaced = [g.article.id for g in graphs if g.article.id in stored]
                    writer.write_batch(graphs, config.base, replaced)
                touched |= store.write_articles(graphs, config.base)
                timings["store"] += time.perf_counter() - clock
        clock = time.perf_counter()
        if interrupted or report.changed:
            # once per build: a build killed before this point left build.json "writing"
            store.refresh_shared(None if interrupted else touched, config.base)
            refresh_stats(store, config.base)
        if writer is not None:
            writer.finish(store, config.base)
            report.shards = str(writer.folder)
        timings["store"] += time.perf_counter() - clock
        clock = time.perf_counter()
        report.articles_in_graph = len(store.articles())
        report.quads = len(store)
        report.files = folder.write_outputs(
            store, pages=pages, changed=report.changed, dumps=dumps, jobs=jobs
        )
        report.fresh = dict(folder.fresh)
        timings["outputs"] = time.perf_counter() - clock
    report.timings = timings
    report.seconds = round(time.perf_counter() - started, 3)
    _finish(folder, report)
    return report


def _finish(folder: GraphFolder, report: BuildReport) -> None:
    finished = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    folder.write_report({**report.to_json(), "status": "complete", "finished": finished})


def remove(
    doc_ids: Sequence[str], out: str | Path = "graph-out", config: Config = Config()
) -> list[str]:
    """Remove articles (by document id) from the graph in ``out``; return the ids not found.

    The outputs are brought up to date afterwards and ``build.json`` lists the removed ids.
    """
    started = time.perf_counter()
    folder = GraphFolder(out)
    missing = []
    with folder.open_store() as store:
        report = BuildReport(
            out=str(folder.path), settings=folder.read_report().get("settings", {})
        )
        for doc_id in doc_ids:
            if doc_id not in store.articles():
                missing.append(doc_id)
                continue
            folder.mark_stale()
            store.remove(doc_id, config.base)
            report.removed.append(doc_id)
        if report.removed:
            from graphbuild.graph.stats import refresh_stats

            refresh_stats(store, config.base)
        clock = time.perf_counter()
        report.articles_in_graph = len(store.articles())
        report.quads = len(store)
        report.files = folder.write_outputs(store, changed=report.changed)
        report.fresh = dict(folder.fresh)
        report.timings = {"outputs": time.perf_counter() - clock}
    report.seconds = round(time.perf_counter() - started, 3)
    _finish(folder, report)
    return missing

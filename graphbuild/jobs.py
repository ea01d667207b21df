"""Where the analysis runs: parse, extract and resolve batches of articles in this process, on
worker processes of this machine, or on the workers of a Dask cluster.

The unit of work is a batch of ``Article`` records; the result is a ``BatchResult`` holding an
``ArticleGraph`` (or a ``Rejection``) per article, in the batch's order. Records are plain
frozen dataclasses, so they cross process and machine boundaries as they are. Each engine
yields the results in the order the batches were given, whatever order they finish in, so the
store receives the same writes in the same order as in a single job: the graph is the same to
the byte.

``analyse_batch`` is the worker function of every engine: it lives here, in an importable
module, so that worker processes and Dask workers find it; it loads the spaCy pipeline once per
process (``nlp.load`` is cached) and parses the whole batch with one ``nlp.pipe`` stream.

>>> from graphbuild.pipeline import Config
>>> from graphbuild.records import Article
>>> result = analyse_batch([Article(id="a1", text="Iran supplied drones to Russia.")], Config())
>>> [graph.article.id for graph in result.graphs], sorted(result.seconds)
(['a1'], ['extract', 'parse', 'resolve'])
"""

from __future__ import annotations

import collections
import dataclasses
import itertools
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from graphbuild.errors import GraphbuildError
from graphbuild.records import Article, ArticleGraph, Rejection, Relation

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from spacy.tokens import Doc

    from graphbuild.pipeline import Config

log = logging.getLogger("graphbuild")

ENGINES = ("local", "dask")
"""Engine names for ``--engine``: worker processes of this machine, or a Dask cluster."""

CONNECT_TIMEOUT = 10
"""Seconds to wait for a Dask scheduler to answer."""

_PARSE_LOCK = threading.Lock()
"""One parse at a time per process: threads of a Dask worker share one spaCy pipeline."""


class EngineError(GraphbuildError):
    """The engine cannot run: Dask is not installed, the scheduler cannot be reached, ..."""


def default_jobs() -> int:
    """The number of cores this process may use (the default of ``--jobs``)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class BatchResult:
    """The analysis of one batch: per article an ``ArticleGraph`` or the ``Rejection`` saying
    why its analysis failed, in the batch's order, and the seconds spent in each stage."""

    outcomes: tuple[ArticleGraph | Rejection, ...]
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def graphs(self) -> tuple[ArticleGraph, ...]:
        return tuple(item for item in self.outcomes if isinstance(item, ArticleGraph))


def _link_predicates(relations: Iterable[Relation]) -> list[Relation]:
    from graphbuild.graph.vocab import predicate_iri

    return [
        dataclasses.replace(
            rel,
            relation=dataclasses.replace(
                rel.relation, predicate=predicate_iri(rel.relation.lemma, rel.rule)
            ),
        )
        for rel in relations
    ]


def analyse_doc(
    doc: Doc, article: Article, config: Config, seconds: dict[str, float] | None = None
) -> ArticleGraph | Rejection:
    """Extract and resolve one parsed article; a failure becomes a ``Rejection`` naming it."""
    from graphbuild.extract import confidence, extract
    from graphbuild.resolve import dates, resolve

    clock = time.perf_counter()
    try:
        relations = list(extract(doc, article.id))
        extracted = time.perf_counter()
        relations, entities = resolve(doc, relations, config.base)
        relations = dates.date_arguments(relations, dates.article_date(article.date))
        relations = [
            dataclasses.replace(r, confidence=confidence.probability(r)) for r in relations
        ]
        relations = _link_predicates(relations)
    except Exception as exc:  # a bad article never takes the others down
        log.debug("analysis of %s failed", article.source, exc_info=True)
        return Rejection(article.source or article.id, f"analysis failed: {exc!r}")
    if seconds is not None:
        seconds["extract"] = seconds.get("extract", 0.0) + extracted - clock
        seconds["resolve"] = seconds.get("resolve", 0.0) + time.perf_counter() - extracted
    return ArticleGraph(article, tuple(relations), tuple(entities))


def analyse_stream(
    articles: Iterable[Article], config: Config, seconds: dict[str, float] | None = None
) -> Iterator[ArticleGraph | Rejection]:
    """Parse the articles in one ``nlp.pipe`` stream, then extract and resolve each, in order.

    ``seconds``, when given, adds up the time spent parsing, extracting and resolving.
    """
    from graphbuild import nlp as nlp_stage

    nlp = nlp_stage.load(config.model)
    parsed = nlp_stage.parse(nlp, ((article.text, article) for article in articles))
    while True:
        clock = time.perf_counter()
        try:
            doc, article = next(parsed)
        except StopIteration:
            return
        if seconds is not None:
            seconds["parse"] = seconds.get("parse", 0.0) + time.perf_counter() - clock
        yield analyse_doc(doc, article, config, seconds)


def analyse_batch(articles: Sequence[Article], config: Config) -> BatchResult:
    """The worker function: analyse one batch of articles (model loaded once per process)."""
    seconds = {"parse": 0.0, "extract": 0.0, "resolve": 0.0}
    with _PARSE_LOCK:
        outcomes = tuple(analyse_stream(articles, config, seconds))
    return BatchResult(outcomes, {name: round(value, 6) for name, value in seconds.items()})


def _in_order(
    submit: Callable[[list[Article]], Any], batches: Iterable[list[Article]], window: int
) -> Iterator[BatchResult]:
    """Submit batches keeping at most ``window`` in flight; yield their results in order."""
    pending: collections.deque[Any] = collections.deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield _result(pending.popleft())
    while pending:
        yield _result(pending.popleft())


def _result(future: Any) -> BatchResult:
    """The result of a submitted batch; a worker that died or failed is an ``EngineError``."""
    try:
        return future.result()
    except GraphbuildError:
        raise
    except Exception as exc:
        raise EngineError(f"a worker failed on a batch of articles: {exc!r}") from exc


def run_local(batches: Iterable[list[Article]], config: Config, jobs: int) -> Iterator[BatchResult]:
    """Analyse ``batches`` here (``jobs`` 1, or a single batch) or on ``jobs`` worker
    processes, in order."""
    iterator = iter(batches)
    ahead = list(itertools.islice(iterator, 2))
    if jobs <= 1 or len(ahead) < 2:  # starting workers is slower than one batch
        for batch in itertools.chain(ahead, iterator):
            yield analyse_batch(batch, config)
        return
    with process_pool(jobs) as pool:

        def submit(batch: list[Article]) -> Future[BatchResult]:
            return pool.submit(analyse_batch, batch, config)

        try:
            yield from _in_order(submit, itertools.chain(ahead, iterator), 2 * jobs)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` worker processes that end soon after this process ends.

    They are spawned, not forked: they start clean, without this process's threads and open
    store, and import what they run (a function of an importable module).
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_follow,
        initargs=(os.getpid(),),
    )


def _follow(parent: int) -> None:
    """Worker process initializer: end this worker soon after its parent ends, even when the
    parent was killed and could not stop it (the finished batches are in the store)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="graphbuild-follow-parent", daemon=True).start()


def run_dask(
    batches: Iterable[list[Article]], config: Config, jobs: int, scheduler: str | None = None
) -> Iterator[BatchResult]:
    """Analyse ``batches`` on a Dask cluster, in order.

    ``scheduler`` is the address of a running ``dask scheduler`` (``tcp://host:8786``); without
    one, a ``distributed.LocalCluster`` of ``jobs`` single-threaded worker processes is started
    for the build and stopped after it.
    """
    try:
        import distributed
    except ImportError:
        raise EngineError(
            "--engine dask needs Dask's distributed scheduler: pip install 'graphbuild[dask]'"
        ) from None
    cluster = None
    try:
        if scheduler is None:
            cluster = distributed.LocalCluster(
                n_workers=max(1, jobs), threads_per_worker=1, dashboard_address=None
            )
            client = distributed.Client(cluster)
        else:
            client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        where = scheduler or "a local cluster"
        raise EngineError(f"cannot reach the Dask scheduler at {where}: {exc}") from None
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))

        def submit(batch: list[Article]) -> Any:
            return client.submit(analyse_batch, batch, config, pure=False)

        yield from _in_order(submit, batches, 2 * workers)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

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
    min_confidence: float = 0.3
    batch_size: int = 16


@dataclass
class BuildReport:
    """What a build did. Written as ``build.json`` beside the graph (never into the graph)."""

    out: str
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    relations: int = 0
    quads: int = 0
    articles_in_graph: int = 0
    seconds: float = 0.0
    files: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["rejected"] = [{"source": r.source, "reason": r.reason} for r in self.rejected]
        return data


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


def analyse(
    articles: Iterable[Article],
    config: Config = Config(),
    on_reject: Callable[[Rejection], None] | None = None,
) -> Iterator[ArticleGraph]:
    """Parse, extract and resolve each article, yielding one ``ArticleGraph`` per article.

    An article whose analysis fails is reported through ``on_reject`` and skipped; the
    others go on.
    """
    from graphbuild import nlp as nlp_stage
    from graphbuild.extract import confidence, extract
    from graphbuild.resolve import dates, resolve

    nlp = nlp_stage.load(config.model)
    for doc, article in nlp_stage.parse(nlp, ((a.text, a) for a in articles)):
        try:
            relations = list(extract(doc, article.id))
            relations, entities = resolve(doc, relations, config.base)
            relations = dates.date_arguments(relations, dates.article_date(article.date))
            relations = [
                dataclasses.replace(r, confidence=confidence.probability(r)) for r in relations
            ]
            relations = _link_predicates(relations)
        except Exception as exc:  # a bad article never takes the others down
            log.debug("analysis of %s failed", article.source, exc_info=True)
            if on_reject is not None:
                on_reject(Rejection(article.source or article.id, f"analysis failed: {exc!r}"))
            continue
        yield ArticleGraph(article, tuple(relations), tuple(entities))


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
) -> Iterator[Article]:
    from graphbuild.ingest import read

    for item in read(paths, stdin=stdin):
        if isinstance(item, Rejection):
            if on_reject is not None:
                on_reject(item)
        else:
            yield item


def _keep(graph: ArticleGraph, min_confidence: float) -> ArticleGraph:
    kept = tuple(r for r in graph.relations if r.confidence >= min_confidence)
    return dataclasses.replace(graph, relations=kept)


def build(
    paths: Sequence[str | Path],
    out: str | Path = "graph-out",
    config: Config = Config(),
    *,
    rebuild: bool = False,
    pages: bool = True,
    progress: Callable[[str], None] | None = None,
    on_reject: Callable[[Rejection], None] | None = None,
    stdin: IO[bytes] | None = None,
) -> BuildReport:
    """Read, extract, resolve and merge articles into the persistent graph in ``out``.

    Articles already in the graph with the same content are skipped unless ``rebuild``; a
    changed article replaces its named graph. The store commits once per batch of
    ``config.batch_size`` articles, so an interrupted build keeps every finished batch.
    ``progress`` is called with each document id once it is analysed (or found unchanged).
    Finally the dumps, the pages and ``build.json`` are (re)written (see ``GraphFolder``).
    """
    started = time.perf_counter()
    folder = GraphFolder(out).prepare()
    report = BuildReport(out=str(folder.path))

    def reject(item: Rejection) -> None:
        report.rejected.append(item)
        if on_reject is not None:
            on_reject(item)

    with folder.open_store(create=True) as store:
        stored = store.articles()

        def todo() -> Iterator[Article]:
            for article in _articles(paths, reject, stdin):
                if not rebuild and stored.get(article.id) == article.hash:
                    report.unchanged.append(article.id)
                    if progress is not None:
                        progress(article.id)
                    continue
                yield article

        batch: list[ArticleGraph] = []
        for graph in analyse(todo(), config, reject):
            doc_id = graph.article.id
            (report.replaced if doc_id in stored else report.added).append(doc_id)
            if progress is not None:
                progress(doc_id)
            graph = _keep(graph, config.min_confidence)
            report.relations += len(graph.relations)
            batch.append(graph)
            if len(batch) >= config.batch_size:
                store.write(batch, config.base)
                batch = []
        if batch:
            store.write(batch, config.base)
        report.articles_in_graph = len(store.articles())
        report.quads = len(store)
        report.files = folder.write_outputs(store, pages=pages)
    report.seconds = round(time.perf_counter() - started, 3)
    finished = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    folder.write_report({**report.to_json(), "finished": finished})
    return report


def remove(
    doc_ids: Sequence[str], out: str | Path = "graph-out", config: Config = Config()
) -> list[str]:
    """Remove articles (by document id) from the graph in ``out``; return the ids not found.

    Dumps and pages are rewritten afterwards.
    """
    folder = GraphFolder(out)
    missing = []
    with folder.open_store() as store:
        for doc_id in doc_ids:
            if not store.remove(doc_id, config.base):
                missing.append(doc_id)
        folder.write_outputs(store)
    return missing

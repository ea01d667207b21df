"""Plain text articles: one article a file, page furniture removed."""

from __future__ import annotations

from collections.abc import Iterator

from graphbuild.ingest.base import article, single_id
from graphbuild.ingest.furniture import clean
from graphbuild.records import Article, Rejection


def read(text: str, source: str, stem: str | None = None) -> Iterator[Article | Rejection]:
    """The one article in plain ``text``; its id is ``stem`` (``stdin-{hash}`` without one).

    >>> page = "World\\n\\nIran supplied drones.\\n\\nBack to top button"
    >>> [a.text for a in read(page, "a.txt", "a")]
    ['Iran supplied drones.']
    """
    cleaned = clean(text)
    yield article(
        cleaned,
        doc_id=single_id(stem, cleaned.text),
        source=source,
        format="text",
        stem=stem,
    )

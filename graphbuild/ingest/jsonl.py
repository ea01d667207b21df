"""JSON Lines articles: one ``{"id", "title", "text", "date", "url"}`` object a line.

``text`` is required, the rest optional. A ``.json`` file holding one such object or a list of
them is read too. A bad line is a Rejection for ``path:LINE`` (items of a JSON list:
``path#N``) and the other lines are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from graphbuild.ingest.base import article, field
from graphbuild.ingest.furniture import clean
from graphbuild.records import Article, Rejection


def read(text: str, source: str, stem: str | None = None) -> Iterator[Article | Rejection]:
    """Every article of the JSON Lines (or JSON) ``text``.

    >>> rows = '{"id": "a1", "text": "Iran supplied drones."}\\n{"title": "No text"}\\n'
    >>> for item in read(rows, "news.jsonl", "news"):
    ...     print(item.id if isinstance(item, Article) else item)
    a1
    news.jsonl:2: line 2: no 'text' field
    """
    document = _whole_document(text)
    if document is not None:
        items = document if isinstance(document, list) else [document]
        for number, item in enumerate(items, start=1):
            yield _record(item, f"{source}#{number}", f"item {number}", stem)
        return
    for number, line in enumerate(_lines(text), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(where, f"line {number}: invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        except RecursionError:
            yield Rejection(where, f"line {number}: invalid JSON: nested too deeply")
            continue
        yield _record(item, where, f"line {number}", stem)


def _whole_document(text: str) -> Any:
    """The file as one JSON list, or one object over several lines; else ``None`` (JSON Lines)."""
    stripped = text.strip()
    if not stripped.startswith("[") and not (stripped.startswith("{") and "\n" in stripped):
        return None
    try:
        value = json.loads(stripped)
    except (json.JSONDecodeError, RecursionError):
        return None
    return value if isinstance(value, dict | list) else None


def _lines(text: str) -> Iterator[str]:
    """``text.split("\\n")``, one line at a time: a big file is not held twice.

    >>> list(_lines("a\\nb\\n")) == "a\\nb\\n".split("\\n")
    True
    """
    start = 0
    while (end := text.find("\n", start)) != -1:
        yield text[start:end]
        start = end + 1
    yield text[start:]


def _record(item: object, source: str, where: str, stem: str | None) -> Article | Rejection:
    if not isinstance(item, dict):
        return Rejection(source, f"{where}: expected a JSON object, got {type(item).__name__}")
    if "text" not in item:
        return Rejection(source, f"{where}: no 'text' field")
    text = item["text"]
    if not isinstance(text, str):
        return Rejection(source, f"{where}: 'text' is {type(text).__name__}, not a string")
    if not text.strip():
        return Rejection(source, f"{where}: 'text' is empty")
    cleaned = clean(text, title=field(item.get("title")), date=field(item.get("date")))
    return article(
        cleaned,
        doc_id=field(item.get("id")),
        source=source,
        format="jsonl",
        stem=stem,
        url=item.get("url"),
    )

"""CSV articles: one article a row of a table with a ``text`` column.

Optional columns ``id``, ``title``, ``date`` and ``url`` (header names are matched without
regard to case or surrounding spaces). The delimiter (comma, semicolon, tab or bar) is the one
whose header has a ``text`` column. A bad row is a Rejection for ``path:LINE`` (the line the
row starts on) and the other rows are still read.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator

from graphbuild.ingest.base import article, field
from graphbuild.ingest.furniture import clean
from graphbuild.records import Article, Rejection

DELIMITERS = (",", ";", "\t", "|")

_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")
"""A line with its ending (``\\r\\n``, ``\\r`` or ``\\n``), or the last line without one."""


def read(text: str, source: str, stem: str | None = None) -> Iterator[Article | Rejection]:
    """Every article of the CSV ``text``.

    >>> rows = 'id,title,text\\r\\nr1,Drones,"Iran supplied drones."\\r\\nr2,Empty,\\r\\n'
    >>> for item in read(rows, "news.csv", "news"):
    ...     print(item.id if isinstance(item, Article) else item)
    r1
    news.csv:3: line 3: empty 'text'
    """
    _raise_field_limit()
    text = text.removeprefix("\ufeff")
    header_line = text.split("\n", 1)[0]
    delimiter = _delimiter(header_line)
    if delimiter is None:
        names = _header(header_line, max(DELIMITERS, key=header_line.count))
        shown = ", ".join(repr(name) for name in names if name) or "none"
        yield Rejection(source, f"no 'text' column; columns are: {shown}")
        return
    # the lines one by one, as a file opened with newline="" gives them: a StringIO of a big
    # table would hold a second copy of it, four bytes a character
    lines = (match.group() for match in _LINE.finditer(text))
    reader = csv.reader(lines, delimiter=delimiter, strict=False)
    columns = [name.strip().lower() for name in next(reader)]
    index = {name: i for i, name in reversed(list(enumerate(columns)))}
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Rejection(f"{source}:{line}", f"line {line}: malformed CSV: {exc}")
            return
        where, start, line = f"{source}:{line}", line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        yield _record(row, index, where, start, stem)


def _record(
    row: list[str], index: dict[str, int], source: str, line: int, stem: str | None
) -> Article | Rejection:
    def cell(name: str) -> str | None:
        i = index.get(name)
        return row[i] if i is not None and i < len(row) else None

    text = cell("text")
    if text is None:
        return Rejection(source, f"line {line}: row has {len(row)} fields, no 'text' field")
    if not text.strip():
        return Rejection(source, f"line {line}: empty 'text'")
    cleaned = clean(text, title=field(cell("title")), date=field(cell("date")))
    return article(
        cleaned,
        doc_id=field(cell("id")),
        source=source,
        format="csv",
        stem=stem,
        url=cell("url"),
    )


def _delimiter(header_line: str) -> str | None:
    """The delimiter under which ``header_line`` has a ``text`` column, most frequent first."""
    for delimiter in sorted(DELIMITERS, key=header_line.count, reverse=True):
        names = [name.strip().lower() for name in _header(header_line, delimiter)]
        if "text" in names:
            return delimiter
    return None


def _header(header_line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([header_line], delimiter=delimiter), [])
    except csv.Error:
        return header_line.split(delimiter)


def _raise_field_limit() -> None:
    """Let a cell hold a whole article (the csv module's default limit is 128 KiB)."""
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 2

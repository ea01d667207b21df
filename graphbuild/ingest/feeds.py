"""RSS and Atom feed files: one article an entry, parsed by feedparser from bytes only.

An entry's text is its full content when the feed carries it (Atom ``content``, RSS
``content:encoded``), else its summary, with HTML stripped. Its title, link and publication
(or update) date come along. Entries are numbered from 1 in the source: ``path#N``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from graphbuild.ingest.base import article, field
from graphbuild.ingest.furniture import clean
from graphbuild.ingest.html import html_to_text
from graphbuild.records import Article, Rejection

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def read(data: bytes, source: str, stem: str | None = None) -> Iterator[Article | Rejection]:
    """Every entry of the RSS/Atom feed in ``data``.

    >>> rss = b'''<?xml version="1.0"?><rss version="2.0"><channel><title>N</title>
    ... <item><title>Drones</title><link>https://n.test/1</link>
    ... <pubDate>Fri, 04 Jan 2019 10:00:00 GMT</pubDate>
    ... <description>&lt;p&gt;Iran supplied drones.&lt;/p&gt;</description></item>
    ... </channel></rss>'''
    >>> [(a.title, a.date, a.url, a.text) for a in read(rss, "n.rss", "n")]
    [('Drones', '2019-01-04', 'https://n.test/1', 'Iran supplied drones.')]
    """
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    broken = parsed.get("bozo") and not any(_body(entry).strip() for entry in entries)
    if not entries or broken:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            yield Rejection(source, f"not a readable RSS/Atom feed: {problem}")
        else:
            yield Rejection(source, "feed has no entries")
        return
    for number, entry in enumerate(entries, start=1):
        yield _entry(entry, f"{source}#{number}", stem)


def _entry(entry: Any, source: str, stem: str | None) -> Article | Rejection:
    body = _body(entry)
    if not body.strip():
        return Rejection(source, "entry has no text")
    cleaned = clean(body, title=field(entry.get("title")), date=_date(entry))
    return article(
        cleaned,
        doc_id=None,
        source=source,
        format="feed",
        stem=stem,
        url=entry.get("link"),
    )


def _body(entry: Any) -> str:
    candidates = [*entry.get("content", []), entry.get("summary_detail")]
    for detail in candidates:
        if not detail or not str(detail.get("value", "")).strip():
            continue
        value = str(detail["value"])
        kind = str(detail.get("type", "text/html")).lower()
        return html_to_text(value) if kind in _HTML_TYPES or "<" in value else value
    return str(entry.get("summary", ""))


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return time.strftime("%Y-%m-%d", value)
    return None

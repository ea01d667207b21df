"""Markdown articles: markup stripped to plain text, one article a file.

Headings keep their words, emphasis and inline code lose their markers, links become their
text, images, code blocks, HTML comments, reference definitions and horizontal rules are
dropped, list and quote markers are removed. A YAML-style front matter block (``---`` lines)
supplies ``title``, ``date`` and ``url``; otherwise the first level-1 heading is the title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from graphbuild.ingest.base import article, single_id
from graphbuild.ingest.furniture import Cleaned, clean
from graphbuild.records import Article, Rejection

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ATX = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$")
_RULE = re.compile(r"^[ \t]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_REFERENCE = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
_PREFIX = re.compile(
    r"^[ \t]*(?:>[ \t]?)*(?:[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?"
)
_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?$")
_INLINE = [
    (re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])[ \t]?"), ""),
    (re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<(https?://[^>\s]+|[^>\s@]+@[^>\s]+)>"), r"\1"),
    (re.compile(r"</?[A-Za-z][^>\n]*>"), ""),
    (re.compile(r"(`+)(.+?)\1"), r"\2"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\*)"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
]
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>])")
_HIDDEN = 0xF0000
"""Escaped characters are moved to a private-use plane while markup is stripped."""


def read(text: str, source: str, stem: str | None = None) -> Iterator[Article | Rejection]:
    """The one article in Markdown ``text``; its id is ``stem`` (``stdin-{hash}`` without one).

    >>> page = "# Drones for Russia\\n\\nIran sent **hundreds**\\nof [drones](https://x.test)."
    >>> [a] = read(page, "a.md", "a")
    >>> a.title, a.text
    ('Drones for Russia', 'Drones for Russia\\n\\nIran sent hundreds of drones.')
    """
    cleaned = to_plain(text)
    meta_url = _front_matter(text).get("url")
    yield article(
        cleaned,
        doc_id=single_id(stem, cleaned.text),
        source=source,
        format="markdown",
        stem=stem,
        url=meta_url,
    )


def to_plain(markdown: str) -> Cleaned:
    """Markdown stripped to plain text, cleaned of furniture, with its title and date.

    >>> to_plain("Title\\n=====\\n\\n* one *item*\\n* ![x](y.png) two\\n\\n```\\ncode\\n```").text
    'Title\\n\\none item\\ntwo'
    """
    meta = _front_matter(markdown)
    body = _FRONT_MATTER.sub("", markdown.replace("\r\n", "\n").replace("\r", "\n"), count=1)
    body = _COMMENT.sub("", body)
    lines: list[str] = []
    title = meta.get("title")
    fence: str | None = None
    hard_break = False
    for line in body.split("\n"):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        if _SETEXT.match(line) and lines and lines[-1].strip():
            if title is None and line.strip().startswith("="):
                title = lines[-1]
            lines.insert(len(lines) - 1, "")
            lines.append("")
            continue
        if _RULE.match(line) or _REFERENCE.match(line) or _TABLE_RULE.match(line):
            lines.append("")
            continue
        heading = _ATX.match(line)
        if heading:
            words = _inline(heading.group(2))
            if title is None and len(heading.group(1)) == 1:
                title = words
            lines.extend(["", words, ""])
            continue
        marker = _PREFIX.match(line)
        content = line[marker.end() :] if marker else line
        starts_line = bool(marker and _ITEM.search(marker.group(0))) or content.startswith("|")
        words = _inline(content.rstrip("\\").strip().strip("|"))
        if not words:
            lines.append("")
        elif lines and lines[-1] and not (starts_line or hard_break):
            lines[-1] += " " + words
        else:
            lines.append(words)
        hard_break = line.endswith(("  ", "\\"))
    return clean("\n".join(lines), title=title, date=meta.get("date"))


def _inline(text: str) -> str:
    text = _ESCAPE.sub(lambda m: chr(_HIDDEN + ord(m.group(1))), text)
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return re.sub(r"[\U000F0000-\U000F007F]", lambda m: chr(ord(m.group()) - _HIDDEN), text).strip()


def _front_matter(markdown: str) -> dict[str, str]:
    match = _FRONT_MATTER.match(markdown.replace("\r\n", "\n"))
    if not match:
        return {}
    meta: dict[str, str] = {}
    for line in match.group(1).split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip().isidentifier():
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta

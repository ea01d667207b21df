"""The ingest stage: files, folders and stdin in, ``Article`` (or ``Rejection``) records out.

Formats, told apart by extension and content (see ``detect``): plain text, Markdown, HTML
article pages, JSON Lines (and JSON), CSV with a ``text`` column, RSS/Atom feeds.

Text. ``Article.text`` is the main text after page furniture is removed (see ``furniture``):
NFC-normalized, ``\n`` line endings, no zero-width or control characters (except tab and
newline), lines stripped, paragraphs separated by exactly one blank line. Nothing else is
rewritten; later stages' offsets point into this text. A headline stays in the text and also
becomes the title when none is given; a dateline leaves the text and becomes the date when
none is given. Dates are ISO ``YYYY-MM-DD``; a date given in a form that cannot be read
(e.g. ``01/04/2019``) is left out rather than guessed.

Ids. The file stem for single-article files (text, Markdown, HTML); the ``id`` field or column
when a row has one; otherwise ``{stem}-{first 12 hex digits of the text's SHA-256}``, stable
when rows are reordered; unnamed input (stdin) uses ``stdin`` as its stem. Ids are unique
within one ``read``: a repeated id is a Rejection naming the input that used it first.

Sources. ``Article.source`` is the path; ``path:LINE`` for a JSON Lines line or a CSV row (the
line it starts on); ``path#N`` for the N-th entry of a feed or item of a JSON list;
``<stdin>`` for standard input.

Bad input never raises: it becomes a ``Rejection`` whose ``reason`` names the problem (missing,
unreadable, binary, empty, not UTF-8, too large, article too long, malformed line or row, no
``text`` column, no main text, unreadable feed, nothing left after furniture removal, duplicate
id).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from graphbuild.errors import InputError
from graphbuild.ingest.detect import EXTENSIONS, decode, detect, is_binary
from graphbuild.records import Article, Rejection

__all__ = ["FORMATS", "MAX_BYTES", "MAX_CHARS", "PassOver", "read", "read_bytes", "read_file"]

FORMATS: tuple[str, ...] = ("text", "markdown", "html", "jsonl", "csv", "feed")
"""The input formats, by the names used in ``Article.format``."""

MAX_BYTES = 50 * 1024 * 1024
"""Inputs larger than this are rejected as too large."""

MAX_CHARS = 1_000_000
"""Articles whose text is longer than this are rejected: spaCy's own default limit. A news
article is a few thousand characters; a text this long is a book or a dump, and parsing and
extracting it as one article takes minutes and gigabytes."""

STDIN = "<stdin>"
"""The source name of standard input."""

DOCUMENTATION = frozenset({"readme", "license", "licence", "copying", "notice", "changelog"})
"""Stems of files a folder walk passes over: a folder's own documentation is not an article."""

PassOver = Callable[[str, str], None]
"""Told ``(path, reason)`` for each file a folder walk passes over without reading it."""


def read(
    paths: Sequence[str | Path],
    stdin: BinaryIO | None = None,
    passed_over: PassOver | None = None,
) -> Iterator[Article | Rejection]:
    """Every article in the given files and folders (``"-"`` is standard input).

    Folders are walked recursively in sorted order, skipping hidden files and folders and files
    whose extension is not an article format. A file that cannot be read yields one Rejection;
    a bad line or row yields a Rejection for ``path:LINE`` and the rest is still read.
    ``passed_over``, when given, is told each file the walk passes over and why (hidden files
    and folders are not reported).

    >>> [r.reason for r in read(["/nonexistent/a.txt"])]
    ['no such file or folder']
    """
    return _unique(_read_all(paths, stdin, passed_over))


def read_file(path: Path) -> Iterator[Article | Rejection]:
    """Every article in one file, or one Rejection when the file cannot be read."""
    return _unique(_read_file(Path(path)))


def read_bytes(data: bytes, source: str, name: str = "") -> Iterator[Article | Rejection]:
    """Every article in ``data``, whose format is told by its content and the extension of ``name``.

    ``source`` names the input in records and rejections; ``name``'s stem is the document id
    of a single-article input (without a name: ``stdin-{hash}``).

    >>> [a.id for a in read_bytes(b"Iran supplied drones to Russia.", "a.txt", "a.txt")]
    ['a']
    >>> [str(r) for r in read_bytes(b"", "b.txt", "b.txt")]
    ['b.txt: empty']
    """
    return _unique(_read_bytes(data, source, name))


def _read_all(
    paths: Sequence[str | Path], stdin: BinaryIO | None, passed_over: PassOver | None = None
) -> Iterator[Article | Rejection]:
    for given in paths:
        if str(given) == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            try:
                data = stream.read(MAX_BYTES + 1)
            except OSError as exc:
                yield Rejection(STDIN, f"cannot read: {exc.strerror or exc}")
                continue
            yield from _read_bytes(data, STDIN, "")
            continue
        path = Path(given)
        if path.is_dir():
            for file in _walk(path, passed_over or _ignore):
                yield from _read_file(file) if isinstance(file, Path) else (file,)
        elif path.exists() or path.is_symlink():
            yield from _read_file(path)
        else:
            yield Rejection(str(given), "no such file or folder")


def _ignore(path: str, reason: str) -> None:
    """A ``PassOver`` that forgets."""


def _walk(folder: Path, passed_over: PassOver) -> Iterator[Path | Rejection]:
    """Article files under ``folder`` in sorted path order, without hidden files or folders.

    Symbolic links to folders are not followed (no loops); links to files are. A folder's
    documentation (``README.md``, ``LICENSE``, ...) is passed over; name it to read it, and so
    are named pipes, sockets and devices, which a walk cannot read without blocking. A folder
    that cannot be listed yields a Rejection. Each file passed over (hidden ones aside) is told
    to ``passed_over`` with the reason.
    """
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield Rejection(str(folder), f"cannot read folder: {(exc.strerror or str(exc)).lower()}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            if _stem(entry.name) not in DOCUMENTATION:
                yield from _walk(path, passed_over)
        elif _stem(entry.name) in DOCUMENTATION:
            passed_over(str(path), "a folder's documentation, not an article")
        elif not entry.is_file() and path.exists():  # a pipe, socket or device
            passed_over(str(path), "not a regular file (a pipe, socket or device)")
        elif path.suffix.lower() in EXTENSIONS or not path.suffix:
            yield path
        else:
            passed_over(str(path), f"{path.suffix} is not an article format")


def _stem(name: str) -> str:
    return name.split(".", 1)[0].lower()


def _read_file(path: Path) -> Iterator[Article | Rejection]:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield Rejection(source, _too_large(size))
            return
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        yield Rejection(source, "is a folder, not a file")
        return
    except OSError as exc:
        yield Rejection(source, f"cannot read: {(exc.strerror or str(exc)).lower()}")
        return
    articles = _read_bytes(data, source, path.name)
    del data  # the reader lets go of the bytes once they are decoded
    yield from articles


def _read_bytes(data: bytes, source: str, name: str) -> Iterator[Article | Rejection]:
    from graphbuild.ingest import feeds, html, jsonl, markdown, tabular, text

    if len(data) > MAX_BYTES:
        yield Rejection(source, _too_large(len(data)))
        return
    if is_binary(data):
        yield Rejection(source, "binary file, not an article")
        return
    try:
        decoded = decode(data, source)
    except InputError as exc:
        yield Rejection(source, exc.reason)
        return
    if not decoded.strip("\ufeff \t\r\n\x0b\x0c\u200b\xa0"):
        yield Rejection(source, "empty")
        return
    stem = Path(name).stem if name else None
    form = detect(decoded, name)
    if form == "feed":
        yield from _or_rejection(feeds.read(data, source, stem), source)
        return
    del data  # a big table is read row by row: only its text stays
    reader = {
        "text": text.read,
        "markdown": markdown.read,
        "html": html.read,
        "jsonl": jsonl.read,
        "csv": tabular.read,
    }[form]
    yield from _or_rejection(reader(decoded, source, stem), source)


def _or_rejection(
    items: Iterable[Article | Rejection], source: str
) -> Iterator[Article | Rejection]:
    """``items``, or one Rejection when there are none (a table or list without rows).

    An article longer than ``MAX_CHARS`` becomes a Rejection too.
    """
    empty = True
    for item in items:
        empty = False
        if isinstance(item, Article) and len(item.text) > MAX_CHARS:
            item = Rejection(
                item.source,
                f"article too long ({len(item.text):,} characters; the limit is {MAX_CHARS:,})",
            )
        yield item
    if empty:
        yield Rejection(source, "no articles in this file (no rows or entries)")


def _unique(items: Iterable[Article | Rejection]) -> Iterator[Article | Rejection]:
    """Pass records through, turning an article whose id was already used into a Rejection."""
    seen: dict[str, str] = {}
    for item in items:
        if isinstance(item, Article):
            if item.id in seen:
                first = seen[item.id]
                item = Rejection(item.source, f"duplicate id {item.id!r} (also used by {first})")
            else:
                seen[item.id] = item.source
        yield item


def _too_large(size: int) -> str:
    return f"too large ({size / 2**20:.0f} MB; the limit is {MAX_BYTES // 2**20} MB)"

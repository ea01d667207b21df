"""What every reader shares: building an Article from cleaned text, and document ids."""

from __future__ import annotations

from graphbuild.ingest.furniture import Cleaned
from graphbuild.ingest.normalize import iso_date, normalize
from graphbuild.records import Article, Rejection, content_hash

EMPTY_AFTER_CLEANING = "no text left after removing page furniture"


def single_id(stem: str | None, text: str) -> str:
    """The id of a single-article input: its file stem, or ``stdin-{hash}`` without a name.

    >>> single_id("000_a95de5eb2c9af007", "Iran."), single_id(None, "abc")
    ('000_a95de5eb2c9af007', 'stdin-ba7816bf8f01')
    """
    return stem if stem else f"stdin-{content_hash(text)[:12]}"


def row_id(stem: str | None, text: str) -> str:
    """The id of a row or entry without its own id: ``{stem}-{hash of its text}``.

    Stable when rows are reordered or other rows change.

    >>> row_id("news", "abc")
    'news-ba7816bf8f01'
    """
    return f"{stem or 'stdin'}-{content_hash(text)[:12]}"


def field(value: object) -> str | None:
    """A metadata value as a normalized one-line string, or ``None`` when blank.

    >>> field("  Nancy Pelosi\\n elected "), field(""), field(None), field(42)
    ('Nancy Pelosi elected', None, None, '42')
    """
    if value is None or isinstance(value, dict | list | bool):
        return None
    text = " ".join(normalize(str(value)).split())
    return text or None


def article(
    cleaned: Cleaned,
    *,
    doc_id: str | None,
    source: str,
    format: str,
    stem: str | None,
    url: str | None = None,
) -> Article | Rejection:
    """An Article from ``cleaned`` text, or a Rejection when no text is left.

    ``doc_id`` ``None`` means "derive it from the text" (``row_id``).
    """
    if not cleaned.text:
        return Rejection(source, EMPTY_AFTER_CLEANING)
    return Article(
        id=doc_id if doc_id is not None else row_id(stem, cleaned.text),
        text=cleaned.text,
        title=field(cleaned.title),
        date=iso_date(cleaned.date) if cleaned.date else None,
        url=field(url),
        source=source,
        format=format,
    )

"""Decoding bytes to text and telling input formats apart, by extension and by content."""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import PurePath

from graphbuild.errors import InputError

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".rdf": "feed",
}
"""File extensions of the article formats (``.json`` files are read by the JSON Lines reader)."""

_HTML = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_FEED = re.compile(r"<rss[\s>]|<feed[\s>]|<rdf:RDF[\s>]", re.IGNORECASE)
_MARKDOWN = re.compile(
    r"^(?:#{1,6}\s+\S|```|~~~|\[[^\]\n]+\]:\s*\S)|\]\([^)\s]+\)|^(?:=+|-+)\s*$|\*\*\S",
    re.MULTILINE,
)
_CSV_HEADER = re.compile(r"^\ufeff?(?:[^\n]*[,;\t|])?\s*\"?text\"?\s*(?:[,;\t|][^\n]*)?$", re.I)
_SNIFF = 4096


def decode(data: bytes, source: str = "") -> str:
    """Decode ``data``: UTF-8 (with or without BOM), UTF-16/32 by BOM, else clean cp1252 text.

    Raises ``InputError`` naming ``source`` when none applies.

    >>> decode("Straße".encode("utf-16"))
    'Straße'
    >>> decode("café".encode("cp1252"))
    'café'
    >>> decode(b"\\x81\\x8d\\x90 abc", "a.txt")
    Traceback (most recent call last):
    graphbuild.errors.InputError: a.txt: not UTF-8 text (byte 0x81 at offset 0)
    """
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(
                    source, f"not {codec.upper()} text despite its byte order mark"
                ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        error = exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text and looks_like_text(text):
        return text
    byte = data[error.start]
    raise InputError(source, f"not UTF-8 text (byte 0x{byte:02x} at offset {error.start})")


def is_binary(data: bytes) -> bool:
    """True when ``data`` is not text: NUL bytes outside a UTF-16/32 encoded file.

    >>> is_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR"), is_binary(b"plain text")
    (True, False)
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
        return False
    return b"\x00" in data[: 1 << 16]


def looks_like_text(text: str) -> bool:
    """True when at most 2% of ``text``'s characters are control or unassigned characters.

    >>> looks_like_text("A normal sentence."), looks_like_text("\\x01\\x02\\x03abc")
    (True, False)
    """
    sample = text[: 1 << 16]
    odd = sum(
        1
        for c in sample
        if c not in "\n\r\t" and unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs")
    )
    return odd <= 0.02 * max(len(sample), 1)


def detect(text: str, name: str = "") -> str:
    """The format of ``text``, from the extension of ``name`` and from the content.

    Content wins where the two disagree in a way that can be told apart: HTML inside a ``.txt``
    file is HTML, an ``.xml`` file with ``<rss`` or ``<feed`` is a feed, XHTML in ``.xml`` is
    HTML. Without a known extension the content decides.

    >>> detect("<!DOCTYPE html><html><body><p>Hi.</p></body></html>", "page.txt")
    'html'
    >>> detect('<?xml version="1.0"?><rss version="2.0"></rss>', "news.xml")
    'feed'
    >>> detect('{"text": "Iran supplied drones."}'), detect("id,text\\n1,Hello."), detect("Hi.")
    ('jsonl', 'csv', 'text')
    """
    head = text[:_SNIFF].lstrip("\ufeff \t\r\n")
    by_name = EXTENSIONS.get(PurePath(name).suffix.lower()) if name else None
    if by_name in ("jsonl", "csv"):
        return by_name
    if head.startswith("<") or by_name in ("feed", "html", None):
        if _FEED.search(head) and by_name != "html":
            return "feed"
        if _HTML.search(head):
            return "html"
    if by_name:
        return by_name
    if head.startswith(("{", "[")):
        return "jsonl"
    first_line = head.split("\n", 1)[0]
    if _CSV_HEADER.match(first_line) and re.search(r"[,;\t|]", first_line):
        return "csv"
    if head.startswith("<"):
        return "html"
    if _MARKDOWN.search(head):
        return "markdown"
    return "text"

"""HTML article pages: main text, title, date and URL, with trafilatura; never fetches anything.

trafilatura finds the main text of a page (dropping navigation, footers, share bars, comments
and scripts) and its metadata. When it finds nothing (a bare fragment, a very short page) a
plain lxml walk over the page without its scripts, styles, navigation, headers, footers, asides
and forms is used instead. Paragraphs are separated by blank lines.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING

from graphbuild.ingest.base import article, single_id
from graphbuild.ingest.furniture import Cleaned, clean
from graphbuild.ingest.normalize import normalize
from graphbuild.records import Article, Rejection

if TYPE_CHECKING:
    from lxml.html import HtmlElement

NO_MAIN_TEXT = "no main text found in the HTML page"

SKIPPED_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "canvas",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "textarea",
        "head",
        "figure",
        "dialog",
    }
)
"""Elements whose text is never article content in the fallback walk."""

BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "address",
        "body",
        "html",
    }
)


def read(text: str, source: str, stem: str | None = None) -> Iterator[Article | Rejection]:
    """The article of the HTML page ``text``; its id is ``stem`` (``stdin-{hash}`` without one).

    >>> page = "<html><head><title>Drones</title><script>var x;</script></head><body>"
    >>> page += "<nav>Home</nav><p>Iran supplied drones to Russia.</p></body></html>"
    >>> [(a.title, a.text) for a in read(page, "p.html", "p")]
    [('Drones', 'Iran supplied drones to Russia.')]
    """
    try:
        found = extract(text)
    except (ValueError, RecursionError, MemoryError) as exc:
        yield Rejection(source, f"cannot parse the HTML page: {exc}")
        return
    if found is None:
        yield Rejection(source, NO_MAIN_TEXT)
        return
    cleaned, url = found
    yield article(
        cleaned,
        doc_id=single_id(stem, cleaned.text),
        source=source,
        format="html",
        stem=stem,
        url=url,
    )


def extract(html: str) -> tuple[Cleaned, str | None] | None:
    """Main text (cleaned), title, date and URL of an HTML page; ``None`` when it has no text."""
    import trafilatura

    _quiet_trafilatura()
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    title = date = url = None
    body = ""
    if doc is not None:
        title, date, url = doc.title, doc.date, doc.url
        body = normalize(doc.text or "").replace("\n", "\n\n")
    if not body.strip():
        body = html_to_text(html)
    if not body.strip():
        return None
    return clean(body, title=title or _title(html), date=date), url


def html_to_text(html: str) -> str:
    """The visible text of an HTML page or fragment, one block element a paragraph.

    Scripts, styles, navigation, headers, footers, asides and forms are left out.

    >>> html_to_text("<div><p>One <b>bold</b> claim.</p><script>x()</script><p>Two.</p></div>")
    'One bold claim.\\n\\nTwo.'
    >>> html_to_text("Plain &amp; simple")
    'Plain & simple'
    """
    root = _parse(html)
    if root is None:
        return ""
    from lxml import etree

    for element in list(root.iter()):
        skipped = not isinstance(element.tag, str) or element.tag.lower() in SKIPPED_TAGS
        if skipped and element.getparent() is not None:
            element.drop_tree()
    parts: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in BLOCK_TAGS:
                parts.append("\n\n")
            elif tag == "br":
                parts.append("\n")
            if element.text:
                parts.append(element.text)
        else:
            if tag in BLOCK_TAGS:
                parts.append("\n\n")
            elif tag in ("td", "th"):
                parts.append(" ")
            if element.tail and element is not root:
                parts.append(element.tail)
    return normalize("".join(parts))


@functools.cache
def _quiet_trafilatura() -> None:
    """Keep trafilatura's complaints about odd pages off stderr unless logging is configured.

    A bad page already becomes a Rejection; the records still reach any handler the
    application sets up.
    """
    logging.getLogger("trafilatura").addHandler(logging.NullHandler())


def _parse(html: str) -> HtmlElement | None:
    import lxml.html
    from lxml import etree

    if not html.strip():
        return None
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        return lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return None


def _title(html: str) -> str | None:
    root = _parse(html)
    if root is None:
        return None
    found = root.find(".//title")
    text = found.text_content().strip() if found is not None else ""
    return text or None

"""Page furniture removal: the lines a web page puts around an article that are not its content.

Two rules, applied to the lines of normalized text:

1. **Furniture anywhere.** A whole line matching one of ``PATTERNS`` ("Related Articles",
   "Back to top button", "Share this article", "Advertisement", "Read more", "Follow us on
   Twitter", copyright lines, cookie notices, ...) is dropped wherever it is.
2. **Labels at the edges.** Before the first and after the last *content line* (a line ending
   with sentence punctuation, or a long line), short lines without sentence-final punctuation
   are section labels, bylines, photo captions and menus: "World", "U.S. Politics", "By Jane
   Doe". At the top, only capitalized lines of one or two words (and bylines) count as labels
   (a longer line there is a headline, which is content, as is a line equal to the known
   title); at the bottom, lines of at most five words. A text without any content line keeps
   its lines (a one-line headline is still an article).

A dateline such as "Friday, January 4, 2019" in the leading lines is not content either: it is
dropped and returned as the article's date. A headline (the first line, under 20 words, without
a final period, followed by a blank line) stays in the text, because later stages extract facts
from it, and is also returned as the title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from graphbuild.ingest.normalize import normalize, parse_dateline

_WORDS_SHORT = r"(?:\S+\s+){0,6}\S+"
PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(rf"(?:{p})\s*[:.!»›>|]*", re.IGNORECASE)
    for p in (
        r"related(?: articles?| stories| posts| content| coverage| topics| news| links)?",
        r"(?:more|latest|top) (?:news|stories|articles|headlines)",
        r"back to (?:the )?top(?: button| of (?:the )?page)?|\^? ?top",
        r"(?:share|tweet|e-?mail|print|pin|save)(?: (?:this|the))?"
        r"(?: (?:article|story|page|post|link))?(?: (?:on|via|with) \S+(?: \S+)?)?",
        r"(?:share|follow) (?:on|via) (?:facebook|twitter|x|linkedin|whatsapp|reddit|email)",
        r"(?:facebook|twitter|linkedin|whatsapp|reddit|instagram|youtube|telegram|pinterest)",
        r"advertisements?|advertising|sponsored(?: content)?|ad|promoted|partner content",
        r"(?:click|tap) here\b.{0,80}",
        r"subscribe\b.{0,80}|sign up\b.{0,80}|(?:log|sign) ?in|register|newsletter",
        r"(?:read|see|view) (?:more|also|next|full (?:story|article|coverage))\b.{0,60}",
        r"continue reading\b.{0,60}|keep reading|show more|load more|loading\W*",
        r"follow (?:us|@\S+|\S+(?: \S+)? on) ?.{0,60}",
        r"(?:©|\(c\)).{0,160}|copyright\s*(?:©|\(c\))?\s*\d{4}\b.{0,120}"
        r"|.{0,120}\ball rights reserved\W*",
        r"(?:we|this (?:web)?site) uses? cookies\b.{0,300}|(?:accept|manage|reject)(?: all)?"
        r" cookies|cookie (?:policy|settings|preferences)",
        r"skip to (?:main )?(?:content|navigation)|jump to\b.{0,40}|(?:main )?menu|search|home",
        r"(?:you (?:may|might) also like|recommended(?: for you)?|trending(?: now)?"
        r"|most (?:read|popular|viewed|shared)|editor'?s picks?)",
        r"(?:leave|post|add) a (?:comment|reply)|comments?(?: \(\d+\))?|\d+ comments?",
        r"listen to (?:this )?(?:article|story)\b.{0,40}|\d+ min(?:ute)?s? read",
        r"(?:next|previous|prev) (?:article|story|post)\b.{0,80}",
        rf"(?:photo|image|picture|video|credit|source)s?(?: credit)?: ?{_WORDS_SHORT}",
        rf"more from {_WORDS_SHORT}",
        r"(?:get|download) (?:the|our) app\b.{0,60}",
    )
)
"""Whole lines that are page furniture wherever they appear (case-insensitive)."""

_BYLINE = re.compile(r"(?i:by)\s+[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,5}(?:\s*[|,]\s*.{0,40})?")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_CONTENT_WORDS = 12
_CONNECTORS = frozenset({"and", "of", "the", "in", "for", "&"})


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Main text after furniture removal, with the title and date found on the way."""

    text: str
    title: str | None = None
    date: str | None = None


def is_furniture(line: str) -> bool:
    """True when ``line`` as a whole is page furniture (rule 1 above).

    >>> [is_furniture(s) for s in ("Related Articles", "Back to top button", "Advertisement")]
    [True, True, True]
    >>> is_furniture("Share this article on Facebook"), is_furniture("Iran shares a border.")
    (True, False)
    """
    line = line.strip()
    return bool(line) and any(p.fullmatch(line) for p in PATTERNS)


def clean(raw: str, *, title: str | None = None, date: str | None = None) -> Cleaned:
    """Normalize ``raw`` and remove its page furniture; find a dateline and a headline.

    ``title`` and ``date`` already known (from metadata) win over what is found in the text.

    >>> c = clean("World\\n\\nFriday, January 4, 2019\\n\\nIran sent drones.\\n\\nRelated Articles")
    >>> c.text, c.date
    ('Iran sent drones.', '2019-01-04')
    >>> clean("Iran supplies drones to Russia\\n\\nThe deliveries began in August.").title
    'Iran supplies drones to Russia'
    """
    lines = normalize(raw).split("\n")
    keep = [bool(line) and not is_furniture(line) for line in lines]
    content = [i for i, line in enumerate(lines) if keep[i] and _is_content(line)]
    if content:
        first, last = content[0], content[-1]
        for i in range(first):
            if keep[i]:
                found = parse_dateline(lines[i])
                if found:
                    date = date or found
                    keep[i] = False
                elif _is_top_label(lines[i]) and lines[i] != title:
                    keep[i] = False
        for i in range(last + 1, len(lines)):
            if keep[i] and _is_bottom_label(lines[i]):
                keep[i] = False
    else:
        for i, line in enumerate(lines[:3]):
            found = keep[i] and parse_dateline(line)
            if found:
                date = date or found
                keep[i] = False
    text = _join(line if ok else "" for line, ok in zip(lines, keep, strict=True))
    return Cleaned(text=text, title=title or headline(text), date=date)


def headline(text: str) -> str | None:
    """The first line of ``text`` when it looks like a headline, else ``None``.

    A headline is under 20 words, has no final period and is followed by a blank line.

    >>> headline("Russia and Iran deepen ties\\n\\nThe two countries signed a pact.")
    'Russia and Iran deepen ties'
    >>> headline("The two countries signed a pact.\\n\\nMore follows.") is None
    True
    """
    first, _, rest = text.partition("\n")
    if not rest.startswith("\n") or not rest.strip():
        return None
    words = first.split()
    if not 1 < len(words) < 20 or first.endswith((".", ",", ";", ":")):
        return None
    return first


def _is_content(line: str) -> bool:
    return bool(_SENTENCE_END.search(line)) or len(line.split()) >= _CONTENT_WORDS


def _is_label(line: str, max_words: int) -> bool:
    return len(line.split()) <= max_words and not _SENTENCE_END.search(line)


def _is_top_label(line: str) -> bool:
    """A section label ("World", "Middle East", "Science & Technology") or a byline."""
    if _BYLINE.fullmatch(line):
        return True
    words = [w for w in line.split() if any(c.isalpha() for c in w)]
    return (
        len(words) <= 2
        and not _SENTENCE_END.search(line)
        and all(w[0].isupper() or w in _CONNECTORS for w in words)
    )


def _is_bottom_label(line: str) -> bool:
    return _is_label(line, 5)


def _join(lines: Iterable[str]) -> str:
    """Join lines, treating removed lines as blank, so paragraphs stay separated by one blank."""
    return normalize("\n".join(lines))

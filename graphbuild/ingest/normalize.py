"""Text normalization shared by every reader, and date parsing.

Normalization happens once, before any offsets exist: later stages point into the text it
returns, so it only removes what no reader of the article would miss (invisible characters,
layout whitespace) and never rewrites words.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_INVISIBLE = dict.fromkeys(
    [0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]
    + [c for c in range(0x20) if c not in (0x09, 0x0A)]
    + [0x7F, *range(0x80, 0xA0)]
)
"""Zero-width characters, the soft hyphen and C0/C1 control characters except tab and newline."""

_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_DATE_FORMS = [
    re.compile(rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.IGNORECASE),
    re.compile(rf"{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}", re.IGNORECASE),
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"),
]
_DATE_ANYWHERE = [re.compile(rf"(?<!\w){form.pattern}(?!\d)", form.flags) for form in _DATE_FORMS]


def normalize(text: str) -> str:
    """NFC-normalize ``text``, unify line endings and blank lines, drop invisible characters.

    Lines lose their leading and trailing whitespace; runs of blank lines become one, so
    paragraphs are separated by exactly ``"\\n\\n"``. Nothing else changes.

    >>> normalize("  Iran\\u200b supplied drones.\\r\\n\\r\\n\\r\\nRussia used them.  \\n")
    'Iran supplied drones.\\n\\nRussia used them.'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = unicodedata.normalize("NFC", text.translate(_INVISIBLE))
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def iso_date(value: object) -> str | None:
    """The ``YYYY-MM-DD`` form of a date given as text, or ``None`` when it is not a date.

    Accepts ISO dates and timestamps and written dates such as "Friday, January 4, 2019" or
    "4 Jan. 2019".

    >>> iso_date("Friday, January 4, 2019")
    '2019-01-04'
    >>> iso_date("2019-01-04T10:30:00Z"), iso_date("4 Jan. 2019"), iso_date("soon")
    ('2019-01-04', '2019-01-04', None)
    """
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    if not isinstance(value, str):
        return None
    for form in _DATE_ANYWHERE:
        match = form.search(value.strip())
        if match:
            return _from_match(match)
    return None


def parse_dateline(line: str) -> str | None:
    """The ISO date when the whole ``line`` is a date (optionally with a time), else ``None``.

    >>> parse_dateline("Saturday, January 5, 2019")
    '2019-01-05'
    >>> parse_dateline("Published: 14 March 2023, 09:30 CET")
    '2023-03-14'
    >>> parse_dateline("On January 5, 2019 the building collapsed.") is None
    True
    """
    text = re.sub(
        r"^(?:(?:first\s+)?(?:published|posted|updated|last\s+updated)(?:\s+on)?:?\s*)",
        "",
        line.strip(),
        flags=re.IGNORECASE,
    )
    for form in _DATE_FORMS:
        match = form.match(text)
        if match and _TIME_TAIL.fullmatch(text[match.end() :]):
            return _from_match(match)
    return None


_TIME_TAIL = re.compile(
    r"(?:[\s,|·–-]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5}|\s*[+-]\d{2}:?\d{2})?)?"
    r"\s*",
    re.IGNORECASE,
)


def _from_match(match: re.Match[str]) -> str | None:
    month = match.group("month")
    number = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
    try:
        return dt.date(int(match.group("year")), number, int(match.group("day"))).isoformat()
    except ValueError:
        return None

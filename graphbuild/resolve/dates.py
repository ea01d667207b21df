"""Time arguments as calendar values: "in February", "on Friday", "last year" -> ISO 8601.

A time argument is normalized against the article's publication date with ``dateparser``
(which knows absolute dates, month names, weekdays and "N weeks ago"), after the news forms it
does not read are reduced to ones it does: "early November" and "mid-2019" lose their
qualifier, "the previous month" is "last month". The result has the granularity the expression
names: ``day`` ("on Friday", "February 6", "two weeks ago"), ``month`` ("in February") or
``year`` ("last year", "by 2025").

Decisions:

- A weekday or a month without a year is the latest one on or before the article date, unless
  the statement looks ahead (expected or intended): then it is the next one.
- Durations ("for five years", "over the weekend"), vague times ("recently", "the coming
  months") and weeks ("this week") name no calendar value: ``None``.
- When the article has no date, a relative expression resolves to nothing (never to the clock);
  an absolute one ("March 2019", "6 February 2020") still resolves.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from graphbuild.records import Argument, Relation

GRANULARITIES = ("day", "month", "year")

_QUALIFIERS = re.compile(
    r"^(?:the\s+)?(?:early|late|mid|middle of|end of|beginning of|start of|roughly|about|around|"
    r"approximately|some|circa|c\.)[\s-]+",
    re.I,
)
_ARTICLES = re.compile(r"^(?:the|this past|this coming)\s+", re.I)
_PREVIOUS = re.compile(r"^(?:the\s+)?(?:previous|preceding|prior)\s+(day|week|month|year)$", re.I)
_FOLLOWING = re.compile(r"^(?:the\s+)?(?:following|next)\s+(day|week|month|year)$", re.I)
_PARTS_OF_DAY = re.compile(r"\s*\b(?:morning|afternoon|evening|night)\b", re.I)
_SAME_DAY = {"this morning": "today", "tonight": "today", "last night": "yesterday"}
_DURATION = re.compile(
    r"^(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|many|few|a few|\d+)\s+"
    r"(?:days?|weeks?|months?|years?|decades?|hours?|minutes?)$",
    re.I,
)
_ANCHORED = re.compile(r"\b(?:later|earlier|afterwards?|the next day|the following day)\b", re.I)
_VAGUE = re.compile(
    r"\b(?:recent(?:ly)?|coming|future|past few|next few|last few|weekend|decades?)\b"
    r"|\bcentur(?:y|ies)\b|\b\d{4}s\b",
    re.I,
)
_TIME_OF_DAY = re.compile(r"\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\bUTC\b|\bGMT\b", re.I)
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_LAST_MONTH = re.compile(r"^(last|next)\s+(" + "|".join(_MONTHS) + r")$", re.I)
_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
_NUMBER = re.compile(r"^\d+$")
_LEADING_PREP = re.compile(r"^(?:on|at|in|by|from|of)\s+", re.I)

_PROBES = (dt.datetime(2001, 1, 15), dt.datetime(2011, 7, 15))
"""Two far-apart reference dates: an expression that gives the same value against both is
absolute ("March 2019"), else relative ("last year")."""


@dataclass(frozen=True, slots=True)
class CalendarValue:
    """A normalized time: ISO 8601 ``value`` at ``granularity`` (day, month or year).

    >>> CalendarValue("2020-02", "month").xsd
    'gYearMonth'
    """

    value: str
    granularity: str

    @property
    def xsd(self) -> str:
        """The XML Schema datatype of the value: ``date``, ``gYearMonth`` or ``gYear``."""
        return {"day": "date", "month": "gYearMonth", "year": "gYear"}[self.granularity]


def article_date(text: str | None) -> dt.date | None:
    """The publication date of an article from its ``date`` field (ISO date or date-time).

    >>> article_date("2020-03-11"), article_date("2020-03-11T09:30:00Z"), article_date("soon")
    (datetime.date(2020, 3, 11), datetime.date(2020, 3, 11), None)
    """
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def normalize(
    expression: str, published: dt.date | None, *, prep: str | None = None, ahead: bool = False
) -> CalendarValue | None:
    """The calendar value a time expression names, or ``None``.

    ``published`` is the article's date, ``prep`` the argument's preposition and ``ahead``
    whether the statement looks to the future (then "on Friday" is the next Friday).

    >>> today = dt.date(2020, 3, 11)
    >>> normalize("Friday", today), normalize("February", today)
    (CalendarValue(value='2020-03-06', granularity='day'), \
CalendarValue(value='2020-02', granularity='month'))
    >>> normalize("early November", today).value, normalize("last year", today).value
    ('2019-11', '2019')
    >>> normalize("2025", today, prep="by"), normalize("five years", today, prep="for")
    (CalendarValue(value='2025', granularity='year'), None)
    >>> normalize("Friday", None), normalize("6 February 2020", None).value
    (None, '2020-02-06')
    """
    return _normalize(" ".join(expression.split()), published, ahead)


@functools.lru_cache(maxsize=4096)
def _normalize(text: str, published: dt.date | None, ahead: bool) -> CalendarValue | None:
    text = _reduce(text)
    if not text or _DURATION.match(text) or _VAGUE.search(text) or _ANCHORED.search(text):
        return None
    if _NUMBER.match(text) and not _YEAR.fullmatch(text):
        return None  # "at 77" is an age
    text = _TIME_OF_DAY.sub(" ", text).strip(" ,")
    text = _SAME_DAY.get(text.lower(), text)
    text = _PARTS_OF_DAY.sub("", text).strip(" ,")
    text = _LEADING_PREP.sub("", text)
    if not text or text.lower() in {"local time", "time", "on"}:
        return None
    if published is None:
        values = {_value(text, base, ahead) for base in _PROBES}
        return values.pop() if len(values) == 1 else None
    return _value(text, dt.datetime(published.year, published.month, published.day), ahead)


def _reduce(text: str) -> str:
    """The expression in a form dateparser reads: no qualifier, "the previous month" as "last
    month"."""
    text = _QUALIFIERS.sub("", text.strip())
    previous, following = _PREVIOUS.match(text), _FOLLOWING.match(text)
    if previous:
        return f"last {previous.group(1)}"
    if following:
        return f"next {following.group(1)}"
    return _ARTICLES.sub("", text)


def _value(text: str, base: dt.datetime, ahead: bool) -> CalendarValue | None:
    """The value of ``text`` against ``base``: a weekday by the statement's tense, a month or
    day without a year at its nearest occurrence (the next one when the statement looks
    ahead), a year found in a longer phrase."""
    named = _LAST_MONTH.match(text)
    if named:
        month = _MONTHS.index(named.group(2).lower()) + 1
        if named.group(1).lower() == "last":
            year = base.year if month < base.month else base.year - 1
        else:
            year = base.year if month > base.month else base.year + 1
        return CalendarValue(f"{year:04d}-{month:02d}", "month")
    weekday = _WEEKDAY.fullmatch(text)
    if weekday and text.lower() == base.strftime("%A").lower():
        return CalendarValue(base.date().isoformat(), "day")  # "on Thursday", said on Thursday
    found = _parse(text, base, ahead)
    if found is not None and not ahead and not weekday and not _YEAR.search(text):
        other = _parse(text, base, True)
        if other is not None and _distance(other, base) < _distance(found, base):
            found = other  # "in October", written in September, is the coming one
    if found is None:
        years = _YEAR.findall(text)
        if len(years) == 1:
            return CalendarValue(years[0], "year")  # "1924 in Kutama", "in 2011"
    return found


def _distance(value: CalendarValue, base: dt.datetime) -> int:
    """Days from ``base`` to the start of ``value``."""
    parts = [int(p) for p in value.value.split("-")] + [1, 1]
    return abs((dt.date(parts[0], parts[1], parts[2]) - base.date()).days)


def _parse(text: str, base: dt.datetime, ahead: bool) -> CalendarValue | None:
    found = _parser(ahead, base).get_date_data(text)
    if found.date_obj is None:
        return None
    day = found.date_obj.date()
    period = found.period
    if period == "week":
        if "ago" not in text.lower():
            return None  # "this week" names no day, month or year
        period = "day"
    if period == "day":
        return CalendarValue(day.isoformat(), "day")
    if period == "month":
        return CalendarValue(f"{day.year:04d}-{day.month:02d}", "month")
    if period == "year":
        return CalendarValue(f"{day.year:04d}", "year")
    return None


@functools.lru_cache(maxsize=64)
def _parser(ahead: bool, base: dt.datetime):
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "future" if ahead else "past",
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )


def date_arguments(relations: Iterable[Relation], published: dt.date | None) -> list[Relation]:
    """``relations`` with every time argument's calendar value filled in (``normalize``)."""
    out = []
    for relation in relations:
        ahead = relation.modality in {"expected", "intended"}
        arguments = tuple(
            _dated(a, published, ahead) if a.role == "time" else a for a in relation.arguments
        )
        out.append(
            replace(relation, arguments=arguments) if arguments != relation.arguments else relation
        )
    return out


def _dated(argument: Argument, published: dt.date | None, ahead: bool) -> Argument:
    found = normalize(argument.text, published, prep=argument.prep, ahead=ahead)
    if found is None:
        return replace(argument, value=None, granularity=None)
    return replace(argument, value=found.value, granularity=found.granularity)

"""Time arguments as calendar values, one row per news form."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from graphbuild.records import Argument, Part, Predicate, Relation
from graphbuild.resolve.dates import CalendarValue, article_date, date_arguments, normalize

FRIDAY_11 = dt.date(2020, 3, 11)  # a Wednesday


@pytest.mark.parametrize(
    "expression, prep, ahead, expected",
    [
        ("Friday", "on", False, ("2020-03-06", "day")),
        ("Friday", "on", True, ("2020-03-13", "day")),
        ("February", "in", False, ("2020-02", "month")),
        ("February", "in", True, ("2021-02", "month")),
        ("early November", "in", False, ("2019-11", "month")),
        ("mid-2019", "in", False, ("2019", "year")),
        ("last year", None, False, ("2019", "year")),
        ("two weeks ago", None, False, ("2020-02-26", "day")),
        ("2025", "by", True, ("2025", "year")),
        ("February 6", "on", False, ("2020-02-06", "day")),
        ("6 February 2020", "on", False, ("2020-02-06", "day")),
        ("March 2019", "in", False, ("2019-03", "month")),
        ("the previous month", "in", False, ("2020-02", "month")),
        ("yesterday", None, False, ("2020-03-10", "day")),
        ("Thursday evening", "on", False, ("2020-03-05", "day")),
        # no calendar value
        ("five years", "for", False, None),
        ("this week", None, False, None),
        ("the coming months", "in", True, None),
        ("recently", None, False, None),
        ("the weekend", "over", False, None),
        ("2am local time", "at", False, None),
    ],
)
def test_normalize(expression, prep, ahead, expected) -> None:
    found = normalize(expression, FRIDAY_11, prep=prep, ahead=ahead)
    assert (found.value, found.granularity) == expected if expected else found is None


def test_without_a_date_only_absolute_expressions_resolve() -> None:
    assert normalize("Friday", None) is None
    assert normalize("last year", None) is None
    assert normalize("March 2019", None) == CalendarValue("2019-03", "month")


def test_time_arguments_of_records_get_their_value() -> None:
    text = "Iran sent drones in February."
    time = Argument("February", (19, 27), role="time", prep="in")
    place = Argument("Ukraine", (0, 0), role="location", prep="to")
    relation = Relation(
        "a",
        text,
        (0, len(text)),
        Part("Iran", (0, 4)),
        Predicate("sent", "send", (5, 9)),
        Part("drones", (10, 16)),
        arguments=(time, place),
    )
    [dated] = date_arguments([relation], FRIDAY_11)
    assert (dated.arguments[0].value, dated.arguments[0].granularity) == ("2020-02", "month")
    assert dated.arguments[1] == place
    assert dated.to_json()["arguments"][0]["value"] == "2020-02"
    assert "value" not in dated.to_json()["arguments"][1]


FIXTURE = Path(__file__).parent / "fixtures" / "time_expressions.jsonl"
ACCURACY_FLOOR = 0.9


def test_hand_checked_time_expressions() -> None:
    """At least 90% of 120 time expressions of real articles, judged by a reader, resolve to
    the reader's value and granularity (the misses are listed when it fails)."""
    items = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    assert len(items) >= 60
    misses = []
    for item in items:
        found = normalize(
            item["expression"],
            article_date(item["article_date"]),
            prep=item["preposition"],
            ahead=item["statement_modality"] in {"expected", "intended"},
        )
        got = (found.value, found.granularity) if found else (None, None)
        if got != (item["value"], item["granularity"]):
            misses.append((item["item"], item["expression"], got, item["value"]))
    accuracy = 1 - len(misses) / len(items)
    assert accuracy >= ACCURACY_FLOOR, misses

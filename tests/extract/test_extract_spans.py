"""Argument spans cut from real parses: one row per cutting rule."""

from __future__ import annotations

import pytest

from graphbuild.extract import spans
from graphbuild.nlp import parse_text

# text, head word, minimal span, long span
CASES = [
    pytest.param(
        "She resigns after the events of `` The Last Precinct '' and relocates to Florida.",
        "events",
        "the events of ` ` The Last Precinct ''",
        "the events of ` ` The Last Precinct ''",
        id="quotes-kept-in-pairs-and-misparsed-verb-conjunct-cut",
    ),
    pytest.param(
        "Critics called it “a masterpiece” and left.",
        "masterpiece",
        "a masterpiece",
        "“ a masterpiece ”",
        id="quotes-around-the-whole-argument",
    ),
    pytest.param(
        "Iran has supplied hundreds of drones, which Russia used, to Moscow.",
        "hundreds",
        "hundreds of drones",
        "hundreds of drones , which Russia used",
        id="relative-clause-only-in-long",
    ),
]


@pytest.mark.parametrize("text, head, minimal, long", CASES)
def test_argument_spans(nlp, text, head, minimal, long):
    doc = parse_text(nlp, text)
    token = next(t for t in doc if t.text == head)
    assert spans.words(spans.minimal(token)) == minimal
    assert spans.words(spans.long(token)) == long

"""Odd inputs never break extraction, and every record's offsets point at its text.

The regression sentences are from Wikinews (https://en.wikinews.org, CC BY 2.5, 2020 articles).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphbuild.extract import extract
from graphbuild.extract.oie import oie_lines
from graphbuild.nlp import parse_text

WORDS = [
    "Iran",
    "Russia",
    "said",
    "she",
    "denied",
    "that",
    "it",
    "had",
    "sent",
    "drones",
    "to",
    "“",
    "”",
    '"',
    ",",
    ".",
    "\n",
    "not",
    "never",
    "by",
    "was",
    "supplied",
    "and",
    "the",
    "intends",
    "provide",
    "with",
    "in",
    "February",
    "who",
    "which",
    "Mr.",
    "Kirby",
    "'s",
]


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n", "World", "“", "”\n“", '" " "', "said said said .", "... ?", "\u200b"],
)
def test_odd_texts_give_no_error(nlp, text):
    assert list(extract(parse_text(nlp, text), "odd")) == []


@pytest.mark.parametrize(
    "text",
    [
        "Both earned 9 delegates, followed by Senator Amy Klobuchar of Minnesota, with 6.",
        "SARS-CoV-2 could be spread directly from person to person by people without symptoms.",
        "al-Muhandis was the deputy commander of the Popular Mobilization Forces (PMF), an "
        "Iranian-backed militia.",
        "Was this event planned by the Southern Western Railway, or was it an Indian Railways "
        "initiative?",
        "During the period when GitHub had disabled public access for the repository, Sergey M "
        "had been developing youtube-dl and hosting it on GitLab, another code-sharing and "
        "hosting site.",
    ],
)
def test_participles_whose_clause_holds_the_argument(nlp, text):
    check_offsets(text, list(extract(parse_text(nlp, text), "regression")))


def check_offsets(text, relations):
    for r in relations:
        assert text[slice(*r.sentence_span)] == r.sentence
        for part in [r.subject, r.object, r.attribution, *r.arguments]:
            if part is not None:
                assert text[slice(*part.span)] == part.text
                assert part.text.strip() == part.text
        assert 0.0 < r.confidence < 1.0


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40))
def test_any_word_salad_gives_valid_records(nlp, words):
    text = " ".join(words)
    check_offsets(text, list(extract(parse_text(nlp, text), "salad")))


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(WORDS[:-1]), min_size=1, max_size=30))
def test_oie_slots_are_sentence_tokens(nlp, words):
    sentence = " ".join(w for w in words if w.strip())
    for line in oie_lines(nlp, [sentence], pretokenized=True):
        cols = line.split("\t")
        assert cols[0] == sentence
        float(cols[1])
        tokens = set(sentence.split())
        for slot in cols[2:]:
            assert slot and set(slot.split()) <= tokens

"""The shared word lists keep the relations their docstrings state, and quotations are found
the same way for attribution and for coreference."""

from __future__ import annotations

import pytest

from graphbuild import lexicon
from graphbuild.nlp import parse_text, pretokenized, quotations


def test_sets_differ_only_as_documented() -> None:
    assert lexicon.SAY_VERBS < lexicon.SPEECH_VERBS
    assert lexicon.NOMINAL_SUBJECT_DEPS < lexicon.SUBJECT_DEPS
    assert lexicon.COURTESY_TITLES < lexicon.PERSON_TITLES
    assert lexicon.FEMALE_TITLES | lexicon.MALE_TITLES <= lexicon.TITLES
    assert lexicon.OPENING_QUOTES > lexicon.DOUBLE_OPENING
    assert lexicon.CLOSING_QUOTES > lexicon.DOUBLE_CLOSING
    # an office is a role; a courtesy title or an office's modifier alone is not
    assert not (lexicon.COURTESY_TITLES - {"professor"}) & lexicon.TITLE_NOUNS
    assert not {"foreign", "vice", "prime"} & lexicon.TITLE_NOUNS


@pytest.mark.parametrize(
    "text, quoted",
    [
        ("He said \u201cwe won\u201d and left.", ["we won"]),
        ('He said "we won" and "they lost".', ["we won", "they lost"]),
        # a quotation open at the end of a paragraph ends there ...
        ("\u201cWe won.\nThey left.", ["We won."]),
        # ... and a new paragraph may open it again
        ("\u201cWe won.\n\u201cThey left,\u201d he said.", ["We won.", "They left,"]),
        # a closing mark with nothing open, or an apostrophe, opens nothing
        ("It ended\u201d. Iran\u2019s drones flew.", []),
    ],
)
def test_quotations(nlp, text, quoted) -> None:
    doc = parse_text(nlp, text)
    assert [doc[start:end].text for start, end in quotations(doc)] == quoted


def test_quotations_in_benchmark_tokens(nlp) -> None:
    doc = pretokenized(nlp, "She said `` we won '' today .")
    assert [doc[start:end].text for start, end in quotations(doc)] == ["we won"]

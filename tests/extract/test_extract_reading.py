"""One reading of each frame: what both renderings (records and Open IE) start from."""

from __future__ import annotations

import pytest

from graphbuild.extract import confidence
from graphbuild.extract.reading import readings
from graphbuild.extract.rules import Rule
from graphbuild.nlp import parse_text


def test_every_rule_is_priced() -> None:
    assert set(confidence.RULE_PRIOR) == set(Rule)
    with pytest.raises(KeyError):
        confidence.score("svo-typo")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text, verb, expected",
    [
        # relation words, object, prepositions, adjective prepositions
        ("Iran supplied drones to Russia.", "supplied", ("supplied", "drones", ["to"], [])),
        ("Kirby is aware of the risk.", "is", ("is aware", None, [], ["of"])),
        ("Kirby is a spokesman.", "is", ("is", "spokesman", [], [])),
        ("The talks were held in Vienna.", "held", ("were held", None, ["in"], [])),
    ],
)
def test_reading(nlp, text, verb, expected) -> None:
    doc = parse_text(nlp, text)
    [reading] = [r for r in readings(doc) if r.verb.text == verb]
    rel = " ".join(t.text for t in reading.rel)
    obj = reading.obj.text if reading.obj is not None else None
    found = (
        rel,
        obj,
        [p.text for p, _ in reading.preps],
        [p.text for p, _ in reading.adjective_preps],
    )
    assert found == expected


@pytest.mark.parametrize(
    "text, verb, attributes_only, speech_clause",
    [
        # a verb of saying with a clause attributes it (and gives Open IE its speaker tuple)
        ("Kirby said that Iran sent drones.", "said", True, "sent"),
        # a verb only ever of saying attributes even with an object
        ("Kirby told reporters that Iran sent drones.", "told", True, None),
        # a speech verb with a plain object makes a relation of its own
        ("Iran denied the report.", "denied", False, None),
        # a copula whose adjective takes the clause
        ("Kirby is confident that Iran sent drones.", "is", True, None),
        # a verb with no clause
        ("Iran supplied drones to Russia.", "supplied", False, None),
    ],
)
def test_speech_readings(nlp, text, verb, attributes_only, speech_clause) -> None:
    doc = parse_text(nlp, text)
    [reading] = [r for r in readings(doc) if r.verb.text == verb]
    assert reading.attributes_only is attributes_only
    clause = reading.speech_clause
    assert (clause.text if clause is not None else None) == speech_clause


def test_question_words_and_missing_subjects_give_no_reading(nlp) -> None:
    doc = parse_text(nlp, "Who sent the drones? Send them now.")
    assert [r.verb.text for r in readings(doc)] == []

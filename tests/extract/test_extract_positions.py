"""Who is who: positions a description gives a person, one row per construction.

Sentences are from Wikinews (https://en.wikinews.org, CC BY 2.5; [W] the 2019 articles in
tests/data) or, [S], the seed article in seeds/.
"""

from __future__ import annotations

import pytest

from graphbuild.extract import extract
from graphbuild.nlp import parse_text

# text, holder, position (the object's head), where held, accredited to
CASES = [
    pytest.param(
        "“Iran is now one of Russia’s top military backers,” said Britain’s foreign secretary, "
        "James Cleverly.",  # [S]
        "James Cleverly",
        "foreign secretary",
        "Britain",
        None,
        id="apposition-possessive",
    ),
    pytest.param(
        "Barbara Woodward, the U.K. ambassador to the United Nations, called for an "
        "investigation.",  # [S]
        "Barbara Woodward",
        "ambassador",
        "U.K.",
        "the United Nations",
        id="apposition-modifier-and-to",
    ),
    pytest.param(
        "“Russia is seeking to collaborate with Iran,” said John Kirby, a National Security "
        "Council spokesman.",  # [S]
        "John Kirby",
        "spokesman",
        "National Security Council",
        None,
        id="apposition-organization-modifier",
    ),
    pytest.param(
        "German Chancellor Angela Merkel's spokesperson, Steffen Seibert, said it is "
        "possible.",  # [W]
        "Angela Merkel",
        "chancellor",
        "German",
        None,
        id="title-with-nationality",
    ),
    pytest.param(
        "Scripps Oceanography director Margaret Leinen said Munk had been a treasure.",  # [W]
        "Margaret Leinen",
        "director",
        "Scripps Oceanography",
        None,
        id="title-with-organization",
    ),
    pytest.param(
        "Abu Mahdi al-Muhandis was the deputy commander of the Popular Mobilization Forces.",
        "Abu Mahdi al-Muhandis",
        "deputy commander",
        "the Popular Mobilization Forces",
        None,
        id="copula-of",
    ),
]


@pytest.mark.parametrize("text, holder, office, held_in, accredited_to", CASES)
def test_position(nlp, text, holder, office, held_in, accredited_to):
    relations = list(extract(parse_text(nlp, text), "t"))
    found = [r for r in relations if r.rule == "position" and r.subject.text == holder]
    shown = [(r.rule, r.subject.text, r.object and r.object.head) for r in relations]
    assert len(found) == 1, shown
    r = found[0]
    assert (r.relation.lemma, r.object.head) == ("be", office)
    places = {a.prep == "to": a.text for a in r.arguments if a.role == "other"}
    assert places.get(False) == held_in
    assert places.get(True) == accredited_to


@pytest.mark.parametrize(
    "text",
    [
        "Kirby is an expert on drones.",  # not an office
        "The company, a drone maker, grew.",  # not a person
    ],
)
def test_no_position(nlp, text):
    assert not [r for r in extract(parse_text(nlp, text), "t") if r.rule == "position"]

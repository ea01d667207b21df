"""The must-have relations of the seed article (seeds/000_a95de5eb2c9af007.txt)."""

from __future__ import annotations

import pytest

from graphbuild.extract import extract
from graphbuild.nlp import parse_text
from graphbuild.records import MODALITIES, POLARITIES, ROLES, Relation


@pytest.fixture(scope="module")
def relations(nlp, seed_text) -> list[Relation]:
    return list(extract(parse_text(nlp, seed_text), "000_a95de5eb2c9af007"))


def find(relations: list[Relation], subject: str, lemma: str, obj: str | None = None):
    """The relations with this subject text, relation lemma and (optionally) object text."""
    return [
        r
        for r in relations
        if r.subject.text == subject
        and r.relation.lemma == lemma
        and (obj is None or (r.object is not None and r.object.text == obj))
    ]


def only(relations: list[Relation], subject: str, lemma: str, obj: str | None = None):
    found = find(relations, subject, lemma, obj)
    assert len(found) == 1, (subject, lemma, obj, found)
    return found[0]


def test_iran_supplies_drones_to_russia_per_woodward(relations):
    r = only(relations, "Iran", "supply")
    assert (r.object.text, r.object.head) == ("hundreds of drones", "drone")
    assert [(a.role, a.prep, a.text) for a in r.arguments] == [("recipient", "to", "Russia")]
    assert r.attribution.text == "Barbara Woodward"
    assert (r.polarity, r.modality) == ("positive", "asserted")
    assert r.relation.text == "supplying"


def test_russia_intends_to_provide_components_per_kirby(relations):
    r = only(relations, "Russia", "provide")
    assert r.object.text == "advanced military components"
    assert ("recipient", "Iran") in [(a.role, a.text) for a in r.arguments]
    assert r.modality == "intended"
    assert r.polarity == "positive"
    assert r.attribution.text == "John Kirby"  # the quote continues Kirby's quote
    assert r.relation.text == "intends to provide"


@pytest.mark.parametrize(
    "subject, lemma, obj, speaker",
    [
        ("The Kremlin", "use", "Iranian-made drones", "The Kremlin"),
        ("it", "send", "the drones", "the Iranian government"),
    ],
)
def test_denials_are_negative_and_attributed(relations, subject, lemma, obj, speaker):
    r = only(relations, subject, lemma, obj)
    assert r.polarity == "negative"
    assert r.attribution.text == speaker
    assert not r.is_fact


def test_no_denied_relation_is_a_fact(relations):
    for r in relations:
        if r.relation.lemma in {"use", "send"} and r.object and "drones" in r.object.text:
            assert not r.is_fact, r


def test_russia_offers_iran_support_per_she(relations):
    r = only(relations, "Russia", "offer")
    assert r.object.head == "support"
    assert r.object.text == "an unprecedented level of military and technical support"
    assert ("recipient", None, "Iran") in [(a.role, a.prep, a.text) for a in r.arguments]
    assert r.attribution.text == "she"
    assert (r.polarity, r.modality) == ("positive", "asserted")


def test_russia_invaded_ukraine_in_february(relations):
    r = only(relations, "Russia", "invade", "Ukraine")
    assert [(a.role, a.prep, a.text) for a in r.arguments] == [("time", "in", "February")]
    assert r.object.label == "GPE"


@pytest.mark.parametrize(
    "person, head, text",
    [
        ("John Kirby", "spokesman", "a National Security Council spokesman"),
        ("James Cleverly", "foreign secretary", "Britain’s foreign secretary"),
        ("Barbara Woodward", "ambassador", "the U.K. ambassador to the United Nations"),
    ],
)
def test_roles_of_people(relations, person, head, text):
    r = only(relations, person, "be")
    assert (r.object.head, r.object.text) == (head, text)
    assert r.rule == "position"  # each of them holds an office
    assert r.subject.label == "PERSON"
    assert r.attribution is None


def test_coordinated_subjects_are_split(relations):
    strengthening = find(relations, "Russia", "strengthen") + find(relations, "Iran", "strengthen")
    first = [r for r in strengthening if r.object.text == "their defense partnership"]
    assert sorted(r.subject.text for r in first) == ["Iran", "Russia"]
    assert {r.attribution.text for r in first} == {"the Biden administration"}


def test_reported_speech_becomes_attribution_not_a_say_relation(relations):
    assert not [r for r in relations if r.relation.lemma == "say"]
    speakers = {r.attribution.text for r in relations if r.attribution}
    assert {"John Kirby", "Mr. Kirby", "she", "James Cleverly", "Barbara Woodward"} <= speakers


def test_light_verb_call_for(relations):
    r = only(relations, "Barbara Woodward", "call for")
    assert r.object.text == "an investigation"


def test_noun_mediated_relations(relations):
    made = find(relations, "Iranian", "make")
    assert made and all(r.object.text == "drones" for r in made)
    support = only(relations, "Iranian", "support")
    assert support.object.text == "Russia’s military"


def test_boilerplate_lines_give_nothing(relations, seed_text):
    for line in ("World", "Related Articles", "Back to top button"):
        start = seed_text.index(line)
        end = start + len(line)
        assert not [r for r in relations if start <= r.sentence_span[0] < end], line


def test_records_are_well_formed(relations, seed_text):
    assert len(relations) >= 20
    for r in relations:
        assert seed_text[slice(*r.sentence_span)] == r.sentence
        for p in [r.subject, r.object, r.attribution, *r.arguments]:
            if p is not None:
                assert seed_text[slice(*p.span)] == p.text
                assert p.entity is None and p.iri is None
        assert seed_text[slice(*r.relation.span)] in r.relation.text
        assert r.polarity in POLARITIES and r.modality in MODALITIES
        assert all(a.role in ROLES for a in r.arguments)
        assert 0.0 < r.confidence < 1.0
        assert r.rule
    assert len({r.confidence for r in relations}) > 5

"""The seed article: every rule the resolver promises, on real text."""

from __future__ import annotations

import dataclasses

import pytest
from resolve_helpers import part_of, relation_with

from graphbuild.graph.iris import entity_iri
from graphbuild.nlp import parse_text
from graphbuild.records import Part, Predicate, Relation
from graphbuild.resolve import gazetteer, resolve


@pytest.fixture(scope="module")
def seed(nlp, seed_text):
    return seed_text, parse_text(nlp, seed_text)


@pytest.mark.parametrize(
    "phrase, nth, entity, type_",
    [
        ("John Kirby", 0, "John Kirby", "Person"),
        ("Mr. Kirby", 0, "John Kirby", "Person"),
        ("Kirby", 1, "John Kirby", "Person"),
        ("Britain", 0, "United Kingdom", "Country"),
        ("U.K.", 0, "United Kingdom", "Country"),
        ("British officials", 0, "United Kingdom", "Country"),
        ("she", 0, "Barbara Woodward", "Person"),
        ("the Iranian government", 0, "Government of Iran", "GovernmentBody"),
        ("The Kremlin", 0, "Government of Russia", "GovernmentBody"),
        ("The Biden administration", 0, "Government of the United States", "GovernmentBody"),
        ("Iranian support", 0, "Iran", "Country"),
        ("Russia’s military", 0, "Russia", "Country"),
        ("Britain’s foreign secretary, James Cleverly", 0, "James Cleverly", "Person"),
        ("Barbara Woodward, the U.K. ambassador", 0, "Barbara Woodward", "Person"),
        ("the United Nations", 0, "United Nations", "Organization"),
        ("Iran", 5, "Iran", "Country"),
    ],
)
def test_seed_part_resolves(seed, phrase, nth, entity, type_) -> None:
    text, doc = seed
    [relation], _ = resolve(doc, [relation_with(text, part_of(text, phrase, nth))])
    assert (relation.subject.entity, relation.subject.type) == (entity, type_)
    assert relation.subject.iri == entity_iri(entity, type_)


@pytest.mark.parametrize(
    "phrase, concept",
    [
        ("hundreds of drones", "drone"),
        ("the Iranian foreign minister", "minister"),
        ("Iranian-made drones", "drone"),
    ],
)
def test_seed_non_entities_are_concepts(seed, phrase, concept) -> None:
    text, doc = seed
    [relation], entities = resolve(doc, [relation_with(text, part_of(text, phrase))])
    assert (relation.subject.entity, relation.subject.type) == (None, None)
    assert relation.subject.iri == entity_iri(concept, None)
    assert [(e.name, e.type) for e in entities] == [(concept, "Concept")]


def test_plural_antecedent_splits_relation(seed) -> None:
    text, doc = seed
    subject = part_of(text, "the two countries")
    obj = part_of(text, "drones")
    relations, _ = resolve(doc, [relation_with(text, subject, obj)])
    assert [r.subject.entity for r in relations] == ["Russia", "Iran"]
    assert {r.object.iri for r in relations} == {entity_iri("drone", None)}


def test_coordination_splits_relation(seed) -> None:
    text, doc = seed
    relations, _ = resolve(doc, [relation_with(text, part_of(text, "Russia and Iran"))])
    assert [r.subject.entity for r in relations] == ["Russia", "Iran"]


def test_seed_entities_carry_aliases_and_wikidata(seed) -> None:
    text, doc = seed
    phrases = ["Britain", "U.K.", "British officials", "Mr. Kirby", "The Kremlin"]
    relations = [relation_with(text, part_of(text, p)) for p in phrases]
    _, entities = resolve(doc, relations)
    by_name = {e.name: e for e in entities}
    assert set(by_name) == {"United Kingdom", "John Kirby", "Government of Russia"}
    uk = by_name["United Kingdom"]
    assert uk.wikidata == "Q145"
    assert {"Britain", "U.K."} <= set(uk.aliases)
    assert "Mr. Kirby" in by_name["John Kirby"].aliases
    assert gazetteer().state_of("Government of Russia") == "Russia"
    assert by_name["Government of Russia"].country == "Russia"
    assert uk.country is None and by_name["John Kirby"].country is None


def test_part_outside_text_is_an_error(seed) -> None:
    from graphbuild.errors import GraphbuildError
    from graphbuild.records import Part

    text, doc = seed
    bad = Part("Iran", (len(text) + 10, len(text) + 14))
    with pytest.raises(GraphbuildError, match="outside the article text"):
        resolve(doc, [relation_with(text, bad)])


def sentence_relation(text: str, sentence: str, subject: Part, **fields) -> Relation:
    """A relation inside ``sentence`` (a sentence of ``text``)."""
    start = text.index(sentence)
    return dataclasses.replace(
        relation_with(text, subject),
        sentence=sentence,
        sentence_span=(start, start + len(sentence)),
        **fields,
    )


@pytest.mark.parametrize(
    "attribution, expected",
    [
        ("the Iranian government", "Government of Iran"),  # the speaker says "it"
        (None, "Government of Russia"),  # no speaker: the last organization named before
    ],
)
def test_pronoun_subject_of_reported_speech_is_its_speaker(seed, attribution, expected) -> None:
    text, doc = seed
    sentence = text[text.index("The Kremlin has denied") : text.index("the drones.") + 11]
    start = text.index("it had sent")
    speaker = part_of(text, attribution) if attribution else None
    relation = sentence_relation(
        text, sentence, Part("it", (start, start + 2)), attribution=speaker
    )
    [resolved], _ = resolve(doc, [relation])
    assert resolved.subject.entity == expected


def test_a_role_never_resolves_to_the_person_it_describes(seed) -> None:
    text, doc = seed
    sentence = text[
        text.index("Barbara Woodward, the U.K.") : text.index("ballistic weapons.") + 18
    ]
    relation = sentence_relation(
        text,
        sentence,
        part_of(text, "Barbara Woodward"),
        relation=Predicate("ambassador", "be", (0, 1)),
        object=dataclasses.replace(
            part_of(text, "the U.K. ambassador to the United Nations"), head="ambassador"
        ),
    )
    [resolved], _ = resolve(doc, [relation])
    assert resolved.subject.entity == "Barbara Woodward"
    assert resolved.object.entity is None
    assert resolved.object.iri == entity_iri("ambassador", None)

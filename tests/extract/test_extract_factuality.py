"""Polarity, modality and attribution: one row per construction, on real sentences.

Sentences are from Wikinews (https://en.wikinews.org, CC BY 2.5): [W19] from the 2019
articles shipped in tests/data, [W20] from 2020 articles. Each row names a relation by subject,
lemma and object and gives the polarity and modality it must carry.
"""

from __future__ import annotations

import pytest

from graphbuild.extract import extract
from graphbuild.nlp import parse_text

# text, (subject, lemma, object or None), polarity, modality
CASES = [
    # requests and calls: the act asked for is sought, the asking is a fact
    (
        "Prime Minister Hubert Minnis urged residents to evacuate.",  # [W19]
        ("residents", "evacuate", None),
        "positive",
        "sought",
    ),
    (
        "Trump called on Fox News to fire Griffin.",  # [W20]
        ("Fox News", "fire", "Griffin"),
        "positive",
        "sought",
    ),
    # purposes
    (
        "The government will fully withdraw the bill in order to fully allay public concerns.",
        ("The government", "allay", "public concerns"),  # [W19]
        "positive",
        "intended",
    ),
    (
        "On Saturday, a few hundred people attended a party to fight off COVID-19.",  # [W20]
        ("a few hundred people", "fight off", "COVID-19"),
        "positive",
        "intended",
    ),
    # hopes, plans, efforts: a noun or verb with an infinitive
    (
        "I hope to use the election as a platform to seed public awareness.",  # [W20]
        ("I", "use", "the election"),
        "positive",
        "intended",
    ),
    (
        "Planned Parenthood have announced their plans to oppose the bill by lawsuit.",  # [W19]
        ("Planned Parenthood", "oppose", "the bill"),
        "positive",
        "intended",
    ),
    # possibility, requirement, prediction
    (
        "UNESCO also said that this change would require its approval.",  # [W19]
        ("this change", "require", "its approval"),
        "positive",
        "hypothetical",
    ),
    (
        "For the budget to pass, it must also be approved by the Senate.",  # [W19]
        ("the Senate", "approve", "it"),
        "positive",
        "hypothetical",
    ),
    (
        "President Trump has said he will not approve a budget that does not allocate "
        "funding for a wall.",  # [W19]
        ("he", "approve", "a budget"),
        "negative",
        "expected",
    ),
    # conditions: the main clause is hypothetical, an embedded "if" is a question
    (
        "If Iran sends more drones, Russia will use them against Ukraine.",
        ("Russia", "use", "them"),
        "positive",
        "hypothetical",
    ),
    (
        "The agency did not mention if there were casualties, but said exports were "
        "continuing.",  # [W19]
        ("The agency", "mention", None),
        "negative",
        "asserted",
    ),
    # implicative verbs assert their infinitive, or negate it
    (
        "Once I managed to stick my heels into the boat, I knew I had done the work.",  # [W19]
        ("I", "stick", "my heels"),
        "positive",
        "asserted",
    ),
    (
        "Barr and Ross, however, refused to hand over the documents.",  # [W19]
        ("Ross", "hand over", "the documents"),
        "negative",
        "asserted",
    ),
    (
        "It took rescuers five hours to reach the site.",
        ("rescuers", "reach", "the site"),
        "positive",
        "asserted",
    ),
    # negation in the subject
    (
        "None of the twelve had ever received any sort of dental care.",  # [W19]
        ("the twelve", "receive", "any sort of dental care"),
        "negative",
        "asserted",
    ),
    (
        "Not every country signed the treaty.",
        ("every country", "sign", "the treaty"),
        "negative",
        "asserted",
    ),
    (
        "Neither Dasbach nor Mears would provide Wikinews with an image of the wound.",  # [W20]
        ("Mears", "provide", "an image of the wound"),
        "negative",
        "hypothetical",
    ),
    # a coordinated verb shares its auxiliary's negation
    (
        "During prorogation, the members of parliament may not officially debate or work on "
        "laws.",  # [W19]
        ("the members of parliament", "work on", "laws"),
        "negative",
        "possible",
    ),
    # obligation, schedules, arrangements
    (
        "Greece had to speed up its reforms.",
        ("Greece", "speed up", "its reforms"),
        "positive",
        "hypothetical",
    ),
    (
        "Both parties are to hold more than a dozen primary elections.",
        ("Both parties", "hold", "more than a dozen primary elections"),
        "positive",
        "expected",
    ),
    (
        "The administration is arranging to provide citizenship information to the Census "
        "Bureau.",  # [W19]
        ("The administration", "provide", "citizenship information to the Census Bureau"),
        "positive",
        "intended",
    ),
    # a negated belief denies its clause
    (
        "I don't think this will affect other distros in a negative way.",  # [W20]
        ("this", "affect", "other distros"),
        "negative",
        "expected",
    ),
    # questions
    (
        "At what point during your time in Iraq did you realize the effort was immoral?",  # [W19]
        ("the effort", "be", "immoral"),
        "positive",
        "question",
    ),
]


@pytest.mark.parametrize("text, triple, polarity, modality", CASES)
def test_factuality(nlp, text, triple, polarity, modality):
    subject, lemma, obj = triple
    relations = list(extract(parse_text(nlp, text), "t"))
    found = [
        r
        for r in relations
        if r.subject.text == subject
        and r.relation.lemma == lemma
        and (r.object.text if r.object else None) == obj
    ]
    shown = [
        (r.subject.text, r.relation.lemma, r.object and r.object.text, r.polarity, r.modality)
        for r in relations
    ]
    assert len(found) == 1, shown
    assert (found[0].polarity, found[0].modality) == (polarity, modality), shown


@pytest.mark.parametrize(
    "text, subject",
    [
        ("It is possible to download copyrighted photos by using a web-browser.", "It"),  # [W20]
        ("It took rescuers five hours to reach the site.", "It"),
        ("It was reported that the ship sank.", "It"),
    ],
)
def test_dummy_it_is_no_actor(nlp, text, subject):
    relations = list(extract(parse_text(nlp, text), "t"))
    assert all(r.subject.text != subject for r in relations), [r.subject.text for r in relations]


@pytest.mark.parametrize(
    "text, subject, lemma, source",
    [
        (
            "A second fire on Saturday killed another person, according to firefighters.",  # [W19]
            "A second fire",
            "kill",
            "firefighters",
        ),
        (
            'The ministry released a statement on Monday: "Troops have killed two militants."',
            "Troops",
            "kill",
            "The ministry",
        ),
        (
            'The Department of Defense justified the strike: "The military took decisive action."',
            "The military",
            "take",
            "The Department of Defense",
        ),
        (
            "According to police, the man was arrested on Monday.",
            "the man",
            "be arrested",
            "police",
        ),
    ],
)
def test_named_source(nlp, text, subject, lemma, source):
    relations = list(extract(parse_text(nlp, text), "t"))
    found = [r for r in relations if r.subject.text == subject and r.relation.lemma == lemma]
    assert found, [(r.subject.text, r.relation.lemma) for r in relations]
    assert found[0].attribution is not None and found[0].attribution.text == source

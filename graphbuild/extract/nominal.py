"""Relations carried by noun phrases: appositions and titles, nominalizations, "X-made".

"John Kirby, a National Security Council spokesman" -> Kirby is spokesman;
"Russia's invasion of Ukraine" -> Russia invade Ukraine;
"Iranian support for Russia's military" -> Iranian support military;
"Iranian-made drones" -> Iranian make drones.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from graphbuild.extract.clauses import Frame
from graphbuild.extract.rules import Rule
from graphbuild.lexicon import TITLE_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Token

NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})

NOMINALIZATIONS: dict[str, str] = {
    "invasion": "invade",
    "support": "support",
    "attack": "attack",
    "supply": "supply",
    "delivery": "deliver",
    "sale": "sell",
    "purchase": "purchase",
    "acquisition": "acquire",
    "occupation": "occupy",
    "annexation": "annex",
    "bombing": "bomb",
    "capture": "capture",
    "arrest": "arrest",
    "killing": "kill",
    "assassination": "assassinate",
    "appointment": "appoint",
    "visit": "visit",
    "criticism": "criticize",
    "condemnation": "condemn",
    "recognition": "recognize",
    "funding": "fund",
    "investment": "invest in",
    "export": "export",
    "import": "import",
    "release": "release",
    "withdrawal": "withdraw from",
    "takeover": "take over",
    "defeat": "defeat",
    "ban": "ban",
    "sanction": "sanction",
    "shipment": "ship",
    "transfer": "transfer",
    "use": "use",
    "production": "produce",
    "development": "develop",
    "destruction": "destroy",
    "election": "elect",
    "nomination": "nominate",
    "endorsement": "endorse",
    "acquittal": "acquit",
    "conviction": "convict",
    "indictment": "indict",
    "investigation": "investigate",
    "bombardment": "bombard",
    "blockade": "blockade",
    "aid": "aid",
}
"""Event nouns and the verb lemma of the relation they express."""

OBJECT_PREPS = frozenset({"of", "for", "on", "against", "in", "from", "into", "over"})


def _nominal(token: Token) -> bool:
    return token.pos_ in {"NOUN", "PROPN"}


def apposition(token: Token) -> Iterator[Frame]:
    """An apposition "X, a Y" -> X is Y, with the named side as subject."""
    if token.dep_ != "appos" or not _nominal(token) or not _nominal(token.head):
        return
    head = token.head
    named_head = head.ent_type_ in NAMED_LABELS and head.pos_ == "PROPN"
    named_appos = token.ent_type_ in NAMED_LABELS and token.pos_ == "PROPN"
    if named_head and not named_appos and token.pos_ == "NOUN":
        subject, role = head, token
    elif named_appos and not named_head and head.pos_ == "NOUN":
        subject, role = token, head
    else:
        return
    yield Frame(verb=role, subject=subject, rel=[], obj=role, rule=Rule.APPOSITION, lemma="be")


def title(token: Token) -> Iterator[Frame]:
    """A title before a person's name: "President Bush" -> Bush is President."""
    if token.ent_type_ != "PERSON" or token.dep_ == "compound":
        return
    for child in token.children:
        if (
            child.dep_ == "compound"
            and child.i < token.i
            and child.lower_ in TITLE_NOUNS
            and child.ent_type_ != "PERSON"
        ):
            yield Frame(verb=child, subject=token, rel=[], obj=child, rule=Rule.TITLE, lemma="be")


def _event_subject(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ in {"PROPN", "NOUN"}:
            return child
    for child in noun.children:
        if child.dep_ in {"amod", "compound"} and child.ent_type_ in {"NORP", "GPE", "ORG"}:
            return child
    return None


def nominalization(token: Token) -> Iterator[Frame]:
    """An event noun with its agent: "Russia's invasion of Ukraine" -> Russia invade Ukraine."""
    lemma = NOMINALIZATIONS.get(token.lemma_.lower())
    if lemma is None or token.pos_ != "NOUN":
        return
    subject = _event_subject(token)
    if subject is None:
        return
    preps = [
        (child, obj)
        for child in token.children
        if child.dep_ == "prep"
        for obj in child.children
        if obj.dep_ == "pobj"
    ]
    obj_index = next((n for n, (p, _) in enumerate(preps) if p.lower_ in OBJECT_PREPS), None)
    if obj_index is None:
        return
    obj = preps.pop(obj_index)[1]
    yield Frame(
        verb=token,
        subject=subject,
        rel=[token],
        obj=obj,
        preps=preps,
        rule=Rule.NOMINALIZATION,
        lemma=lemma,
        text=token.text,
    )


def made_by(token: Token) -> Iterator[Frame]:
    """A name before a participle: "Iranian-made drones" -> Iranian make drones."""
    if token.dep_ != "amod" or token.tag_ != "VBN":
        return
    makers = [
        c
        for c in token.children
        if c.dep_ in {"npadvmod", "compound", "nmod"}
        and (c.ent_type_ in NAMED_LABELS or c.pos_ == "PROPN")
    ]
    if makers:
        yield Frame(
            verb=token,
            subject=makers[0],
            rel=[token],
            obj=token.head,
            rule=Rule.MADE_BY,
            lemma=token.lemma_,
            text=token.text,
        )


def nominal_frames(sent: Iterable[Token]) -> Iterator[Frame]:
    """All noun-phrase relations of a sentence (a Span or its tokens).

    >>> from graphbuild.nlp import load
    >>> doc = load()("John Kirby, a National Security Council spokesman, spoke.")
    >>> [(f.subject.text, f.lemma, f.obj.text, f.rule.value) for f in nominal_frames(doc)]
    [('Kirby', 'be', 'spokesman', 'apposition')]
    """
    for token in sent:
        pos = token.pos_
        if pos in {"NOUN", "PROPN"}:
            yield from apposition(token)
            yield from title(token)
            yield from nominalization(token)
        elif pos == "VERB":
            yield from made_by(token)

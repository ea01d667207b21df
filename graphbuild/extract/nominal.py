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
from graphbuild.extract.spans import prep_objects
from graphbuild.lexicon import COURTESY_TITLES, TITLE_NOUNS, TITLES

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


NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL"})
"""Entity labels of amounts and times: never one side of an apposition fact ("0100 UTC, local
time", "Trump, 49.0 percent")."""

TIME_NOUNS = frozenset({"time", "hour", "minute", "day", "week", "month", "year", "date"})

PLACE_LABELS = frozenset({"GPE", "LOC"})
RELATIONAL_PLACE_NOUNS = frozenset({"capital"})
"""Place nouns whose "of" names the place they are in, not the place they are."""

PLACE_NOUNS = frozenset(
    {
        "city",
        "town",
        "village",
        "capital",
        "country",
        "nation",
        "state",
        "province",
        "region",
        "district",
        "county",
        "area",
        "island",
        "republic",
        "kingdom",
        "territory",
        "port",
        "suburb",
        "neighbourhood",
        "neighborhood",
        "municipality",
        "prefecture",
        "borough",
        "community",
        "settlement",
        "enclave",
        "emirate",
        "archipelago",
        "peninsula",
        "river",
        "lake",
        "mountain",
        "valley",
        "desert",
        "sea",
        "ocean",
        "coast",
        "resort",
        "hub",
        "centre",
        "center",
        "home",
        "birthplace",
        "seat",
        "stronghold",
    }
)
"""What a place can be said to be in apposition ("Wuhan, a city in China"); any other noun
beside a place name is a misreading ("in Wuhan, a man from the United States")."""

ORGANIZATION_NOUNS = frozenset(
    {
        "company",
        "firm",
        "group",
        "party",
        "organisation",
        "organization",
        "agency",
        "newspaper",
        "daily",
        "paper",
        "magazine",
        "broadcaster",
        "network",
        "channel",
        "station",
        "platform",
        "site",
        "website",
        "service",
        "airline",
        "carrier",
        "bank",
        "lender",
        "insurer",
        "retailer",
        "maker",
        "manufacturer",
        "producer",
        "supplier",
        "operator",
        "developer",
        "publisher",
        "studio",
        "label",
        "band",
        "team",
        "club",
        "side",
        "university",
        "college",
        "school",
        "institute",
        "charity",
        "foundation",
        "union",
        "ministry",
        "department",
        "militia",
        "movement",
        "alliance",
        "coalition",
        "faction",
        "giant",
        "conglomerate",
        "startup",
        "enterprise",
        "corporation",
        "body",
        "regulator",
        "watchdog",
        "court",
        "council",
        "committee",
        "parliament",
        "government",
        "force",
        "outlet",
        "app",
        "brand",
        "chain",
    }
)
"""What an organization can be said to be ("the Mexican company Cultura Colectiva")."""

PERSON_ROLE_NOUNS = frozenset(
    {"man", "woman", "person", "official", "president", "minister", "leader", "spokesman"}
    | {"spokeswoman", "spokesperson", "director", "chief", "head", "member", "resident"}
)
"""Nouns for people, never said of a building or a nationality."""

ROLE_SUFFIXES = ("ist", "er", "or", "ian", "ant", "ent", "man", "woman", "ee", "ive")
"""Endings of nouns for people by what they do ("Immunologist", "analyst", "attendee"), for
descriptions before a name that the tagger capitalized as names."""

_NAME_LABELS = NAMED_LABELS - {"NORP"}


def _describable(head: Token, role: Token) -> bool:
    """Whether ``role`` can describe the named ``head``: no amounts or times on either side,
    a place described only as a kind of place."""
    if head.ent_type_ in NUMERIC_LABELS or role.ent_type_ in NUMERIC_LABELS:
        return False
    if role.lemma_.lower() in TIME_NOUNS or any(c.pos_ == "NUM" for c in head.children):
        return False  # "(0100 UTC), local time"
    if head.ent_type_ in PLACE_LABELS:
        return role.lemma_.lower() in PLACE_NOUNS
    return True


def _kind_of(head: Token, role: Token, *, strict: bool = True) -> bool:
    """Whether a description fits what the name names: anything for a person (the tagger
    calls many an organization a person, and the description tells), a kind of organization
    for an organization, a kind of place for a place. An apposition
    ("SARS-CoV-2, the coronavirus") is trusted more than a word before a name (``strict``):
    for it, an organization may be anything that is not a person."""
    label, noun = head.ent_type_, role.lemma_.lower()
    if label == "PERSON":
        return True
    if label == "ORG":
        return noun in ORGANIZATION_NOUNS if strict else noun not in PERSON_ROLE_NOUNS
    if label in PLACE_LABELS:
        return noun in PLACE_NOUNS
    return label in {"FAC", "NORP"} and noun not in PERSON_ROLE_NOUNS


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
    if not (_describable(subject, role) and _kind_of(subject, role, strict=False)):
        return
    yield Frame(verb=role, subject=subject, rel=[], obj=role, rule=Rule.APPOSITION, lemma="be")


def _descriptive(word: Token) -> bool:
    """A word before a name that describes its bearer rather than naming them: an office
    ("President", "MP"), a common noun ("attendee", "sergeant"), or a capitalized noun for a
    person by what they do ("Immunologist")."""
    if word.ent_type_ or word.dep_ not in {"compound", "nmod"}:
        return False
    bare = word.lower_.rstrip(".")
    if bare in COURTESY_TITLES:
        return False
    if word.lower_ in TITLE_NOUNS or bare in TITLES:
        return True
    if word.pos_ == "NOUN":
        return True
    return word.pos_ == "PROPN" and bare.endswith(ROLE_SUFFIXES) and len(bare) > 4


def title(token: Token) -> Iterator[Frame]:
    """A title or description before a name: "President Bush" -> Bush is President;
    "Metropolitan Police sergeant Matiu Ratana" -> Ratana is Metropolitan Police sergeant;
    "Chinese social networking platform Weibo" -> Weibo is such a platform."""
    if token.ent_type_ not in _NAME_LABELS or token.pos_ != "PROPN" or token.dep_ == "compound":
        return
    name_start = _name_start(token)
    for child in token.lefts:
        if (
            _descriptive(child)
            and child.right_edge.i + 1 == name_start  # right before the name
            and _describable(token, child)
            and (_kind_of(token, child) or _person_noun(child))
        ):
            yield Frame(verb=child, subject=token, rel=[], obj=child, rule=Rule.TITLE, lemma="be")


def _name_start(token: Token) -> int:
    """The first token of the name ``token`` ends: words of its entity, and capitalized words
    or a quoted nickname the tagger left out of it ("Om Prakash", 'Matiu "Matt" Ratana')."""
    doc, start = token.doc, token.i
    while start > 0:
        before = doc[start - 1]
        inside = before.ent_type_ == token.ent_type_ or (
            before.head.i == token.i and before.dep_ == "compound" and _name_word(before)
        )
        if not (inside or before.is_quote or (before.head.i == token.i and before.dep_ == "appos")):
            break
        start -= 1
    return start


def _name_word(word: Token) -> bool:
    """A capitalized word of a name, not a title or a role noun capitalized at the start of a
    sentence ("*Immunologist* Kristian Andersen")."""
    text = word.lower_.rstrip(".")
    role = text in PERSON_ROLE_NOUNS or (text.endswith("ist") and len(text) > 5)
    return word.pos_ == "PROPN" and text not in TITLES and not role and not word.ent_type_


def _person_noun(word: Token) -> bool:
    """A noun for a person by what they do ("rubber tapper", "resident"): before a name, it
    says the name is a person's whatever label the tagger gave it."""
    noun = word.lemma_.lower()
    return noun in PERSON_ROLE_NOUNS or (noun.endswith(ROLE_SUFFIXES) and word.pos_ == "NOUN")


AFFILIATION_PREPS = frozenset({"of", "from", "at"})
ORGANIZATION_OR_PLACE = frozenset({"ORG", "GPE", "LOC", "FAC"})


def affiliation(token: Token) -> Iterator[Frame]:
    """A person's organization or place right after the name: "Kristian Andersen of Scripps
    Research" -> Andersen is of Scripps Research; "Ratana, from Hawke's Bay" -> is from."""
    if token.ent_type_ != "PERSON" or token.pos_ != "PROPN" or token.dep_ == "compound":
        return
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in AFFILIATION_PREPS or prep.i < token.i:
            continue
        place = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if place is not None and place.ent_type_ in ORGANIZATION_OR_PLACE:
            yield Frame(
                verb=prep,
                subject=token,
                rel=[],
                obj=place,
                rule=Rule.AFFILIATION,
                lemma=f"be {prep.lower_}",
                text=prep.text,
            )


def kind_of_place(token: Token) -> Iterator[Frame]:
    """ "the Australian electoral district of Groom" -> Groom is an Australian electoral
    district.

    Not when the noun says no more than the place's type ("the city of Wuhan": its entity
    type says so already, an edge would be vacuous), nor when the noun relates the place to
    another one: "the capital of France", "the largest city of Nigeria", "the second city of
    Scotland" name a place *in* the country.
    """
    if token.pos_ != "NOUN" or token.lemma_.lower() not in PLACE_NOUNS:
        return
    if not any(c.dep_ in {"amod", "compound", "nmod"} for c in token.children):
        return
    if token.lemma_.lower() in RELATIONAL_PLACE_NOUNS or any(
        c.tag_ in {"JJS", "RBS"} or c.ent_type_ == "ORDINAL" for c in token.children
    ):
        return
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            place = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if place is not None and place.ent_type_ in PLACE_LABELS and place.pos_ == "PROPN":
                yield Frame(
                    verb=token, subject=place, rel=[], obj=token, rule=Rule.APPOSITION, lemma="be"
                )


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
    preps = prep_objects(token)
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


INTRANSITIVE_EVENTS: dict[str, str] = {
    "resignation": "resign",
    "death": "die",
    "arrival": "arrive",
    "retirement": "retire",
    "disappearance": "disappear",
    "escape": "escape",
    "collapse": "collapse",
}
"""Event nouns whose "of" names who did it: "the resignation of John McVeigh"."""

EVENT_PREPS = frozenset({"after", "following", "since", "before", "upon", "over", "despite"})
"""Prepositions that present the event as having happened ("following the resignation of")."""


def intransitive_event(token: Token) -> Iterator[Frame]:
    """An event noun that happened, with who did it: "following the resignation of John
    McVeigh" -> McVeigh resign; "Smith's death shocked fans" -> Smith die.

    Only where the sentence presents the event as having happened: as a subject, or after a
    preposition of time or cause. "They demanded the resignation of the minister" says
    nothing of the kind.
    """
    lemma = INTRANSITIVE_EVENTS.get(token.lemma_.lower())
    if lemma is None or token.pos_ != "NOUN":
        return
    happened = token.dep_ in {"nsubj", "nsubjpass"} or (
        token.dep_ == "pobj" and token.head.lower_ in EVENT_PREPS
    )
    if not happened:
        return
    subject = next((c for c in token.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
    if subject is None:
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        subject = next((g for g in of.children if g.dep_ == "pobj"), None) if of else None
    if subject is None or subject.pos_ not in {"PROPN", "NOUN"}:
        return
    yield Frame(
        verb=token,
        subject=subject,
        rel=[token],
        obj=None,
        preps=[],
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
            yield from affiliation(token)
            yield from kind_of_place(token)
            yield from nominalization(token)
            yield from intransitive_event(token)
        elif pos == "VERB":
            yield from made_by(token)

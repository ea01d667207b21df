"""Countries, governments and organizations: gazetteer readings of mentions and noun phrases.

Decisions (see ``docs/resolution.md``):

- A country name or short form ("U.K.", "Britain") is the ``Country``.
- A demonym modifying a collective actor ("British officials", "Iranian support") stands for
  the ``Country``; modifying a person's role ("the Iranian foreign minister") it is that
  person's nationality and never the country.
- A government word with a country ("the Iranian government", "Russia's government") and a
  seat or capital used as an actor ("the Kremlin said", "Tehran denied") is the
  ``GovernmentBody`` "Government of <country>", a separate entity linked to its state
  (``Gazetteer.state_of``). "The <person> administration/government" is the government of
  the person's country when the article gives it ("Philippine President Rodrigo Duterte");
  otherwise "administration" is read as the United States government, the state news English
  most often names administrations after.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphbuild.resolve.gazetteer import Gazetteer, Place

GOVERNMENT_HEADS = frozenset(
    {"government", "administration", "regime", "authority", "cabinet", "leadership", "junta"}
)
"""Head nouns that, with a country modifier, name the country's government."""

ACTOR_HEADS = frozenset(
    {
        "official",
        "force",
        "troop",
        "military",
        "army",
        "navy",
        "diplomat",
        "delegation",
        "negotiator",
        "support",
        "backing",
        "aid",
        "assistance",
        "help",
        "intelligence",
        "police",
        "soldier",
        "warship",
        "jet",
        "state",
        "side",
    }
)
"""Head nouns that, with a demonym or country modifier, stand for the country acting."""

PERSON_ROLES = frozenset(
    {
        "minister",
        "president",
        "ambassador",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "secretary",
        "leader",
        "premier",
        "chancellor",
        "king",
        "queen",
        "prince",
        "envoy",
        "general",
        "commander",
        "chief",
        "director",
        "head",
        "governor",
        "mayor",
        "senator",
        "lawmaker",
        "man",
        "woman",
        "citizen",
        "national",
        "journalist",
        "prosecutor",
        "judge",
        "emperor",
        "pope",
        "ceo",
        "chairman",
        "founder",
        "actor",
        "singer",
        "player",
        "coach",
        "author",
        "scientist",
        "doctor",
        "student",
        "victim",
        "suspect",
    }
)
"""Role nouns of individual people: a demonym on them is a nationality, not the country."""


@dataclass(frozen=True, slots=True)
class Referent:
    """What a mention resolves to: canonical name, ontology class, Wikidata item."""

    name: str
    type: str
    wikidata: str | None = None

    @classmethod
    def of(cls, place: Place) -> Referent:
        return cls(place.name, place.type, place.wikidata)


def name_reading(gaz: Gazetteer, text: str, label: str) -> Referent | None:
    """The gazetteer reading of a named mention (not a person), or ``None``.

    >>> from graphbuild.resolve.gazetteer import gazetteer
    >>> name_reading(gazetteer(), "Britain", "GPE")
    Referent(name='United Kingdom', type='Country', wikidata='Q145')
    >>> name_reading(gazetteer(), "Iranian", "NORP")
    Referent(name='Iran', type='Country', wikidata='Q794')
    >>> name_reading(gazetteer(), "the Kremlin", "ORG").name
    'Government of Russia'
    >>> name_reading(gazetteer(), "Tehran", "GPE")
    Referent(name='Tehran', type='City', wikidata=None)
    """
    if label == "PERSON":
        return None
    place = gaz.lookup(text)
    if place is not None:
        return Referent.of(place)
    place = gaz.demonym(text)
    if place is not None and (label == "NORP" or text[:1].isupper()):
        return Referent.of(place)
    if label == "NORP":
        return None
    place = gaz.metonym(text)
    if place is not None:
        return Referent.of(place)
    if label in {"GPE", "LOC"} and gaz.capital(text) is not None:
        return Referent(_title(text), "City")
    return None


def actor_reading(gaz: Gazetteer, text: str, label: str) -> Referent | None:
    """The reading of a named mention used as an actor (subject or speaker).

    A capital or seat of government as an actor is the government ("Tehran denied").

    >>> from graphbuild.resolve.gazetteer import gazetteer
    >>> actor_reading(gazetteer(), "Tehran", "GPE").name
    'Government of Iran'
    >>> actor_reading(gazetteer(), "Iran", "GPE").name
    'Iran'
    """
    if label in {"GPE", "LOC", "ORG", "FAC"} and gaz.lookup(text) is None:
        country = gaz.capital(text)
        if country is not None and country.name != _title(text):
            return Referent.of(gaz.government(country))
    return name_reading(gaz, text, label)


def government_of(gaz: Gazetteer, country: Referent) -> Referent | None:
    """The national government of a country referent.

    >>> from graphbuild.resolve.gazetteer import gazetteer
    >>> government_of(gazetteer(), Referent("Iran", "Country", "Q794")).name
    'Government of Iran'
    """
    place = gaz.lookup(country.name)
    if place is None or place.type != "Country":
        return None
    return Referent.of(gaz.government(place))


def modified_reading(
    gaz: Gazetteer,
    head_lemma: str,
    modifier: Referent | None,
    nationality: Referent | None = None,
) -> Referent | None:
    """The reading of a noun phrase from its head noun and its entity modifier.

    ``nationality`` is the country of a person modifier, when the article gives it
    ("Philippine President Rodrigo Duterte" ... "the Duterte administration").

    >>> from graphbuild.resolve.gazetteer import gazetteer
    >>> iran = Referent("Iran", "Country", "Q794")
    >>> biden = Referent("Joe Biden", "Person")
    >>> modified_reading(gazetteer(), "government", iran).name
    'Government of Iran'
    >>> modified_reading(gazetteer(), "official", iran).name
    'Iran'
    >>> modified_reading(gazetteer(), "minister", iran) is None
    True
    >>> modified_reading(gazetteer(), "administration", biden).name
    'Government of the United States'
    >>> philippines = Referent("Philippines", "Country", "Q928")
    >>> modified_reading(gazetteer(), "administration", biden, philippines).name
    'Government of the Philippines'
    """
    if head_lemma in PERSON_ROLES or modifier is None:
        return None
    if modifier.type == "Person":
        if head_lemma not in GOVERNMENT_HEADS:
            return None
        if nationality is not None:
            return government_of(gaz, nationality)
        if head_lemma == "administration":
            return Referent.of(gaz.government(gaz.lookup("United States")))  # type: ignore[arg-type]
        return None
    if modifier.type == "GovernmentBody" and head_lemma in GOVERNMENT_HEADS:
        return modifier
    if modifier.type != "Country":
        return None
    if head_lemma in GOVERNMENT_HEADS:
        return government_of(gaz, modifier)
    if head_lemma in ACTOR_HEADS:
        return modifier
    return None


def _title(text: str) -> str:
    words = text.split()
    if words and words[0].casefold() == "the":
        words = words[1:]
    return " ".join(words)

"""The passes of the resolve stage: each one a function from the mention table to plain data.

They run in this order (``resolver.article_context`` chains them):

1. ``relabel`` fixes person labels the tagger missed;
2. ``name_people`` groups person mentions into people and names each by their fullest name;
3. ``name_others`` names the other mentions (gazetteer, organizations, other labels);
4. ``nationalities`` finds the country of each person whose title or apposition names it;
5. ``history`` lists the resolved mentions in order, for coreference;
6. ``resolve_pronouns`` resolves every third-person pronoun against that history;
7. ``alias_index`` indexes the names seen, to find names the tagger missed.

Every pass reads the ``MentionTable`` (and what earlier passes returned) and returns new
values; none of them reads the parse or changes its inputs, so each can be run and tested alone
on a hand-built table.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from graphbuild.lexicon import PERSON_TITLES
from graphbuild.resolve import coref, linker, places
from graphbuild.resolve.gazetteer import Gazetteer
from graphbuild.resolve.mentions import MentionTable
from graphbuild.resolve.names import by_first_word, cluster_names, parse_name
from graphbuild.resolve.places import Referent

LABEL_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Location",
    "LOC": "Location",
    "FAC": "Location",
    "NORP": "Group",
    "PRODUCT": "Product",
    "EVENT": "Event",
    "WORK_OF_ART": "Concept",
    "LAW": "Concept",
}
"""Ontology class of a named mention the gazetteer does not know, by spaCy label."""


NON_PERSON_WORDS = frozenset(
    {
        "university",
        "college",
        "school",
        "hospital",
        "falls",
        "river",
        "street",
        "airport",
        "park",
        "bridge",
        "foundation",
        "institute",
        "company",
        "group",
        "bank",
        "center",
        "centre",
        "council",
        "party",
        "club",
        "church",
        "island",
        "islands",
        "lake",
        "mountain",
        "county",
        "city",
        "station",
        "square",
        "road",
        "avenue",
        "house",
        "hall",
        "museum",
        "stadium",
        "corporation",
        "department",
        "office",
        "ministry",
        "court",
        "committee",
        "assembly",
        "agency",
        "motors",
        "airlines",
        "times",
        "post",
        "news",
        "fund",
        "league",
    }
)
"""Last words that make a capitalized name an organization or place, not a person."""


@dataclass(frozen=True, slots=True)
class Naming:
    """What a naming pass decided for one mention: its referent, and the alias it adds
    (the mention as written, with a person's title: "Mr. Kirby")."""

    referent: Referent
    alias: str


Namings = Mapping[int, Naming]
"""Mention number -> its naming."""


@dataclass(frozen=True, slots=True)
class People:
    """What ``name_people`` found: the namings, and per person a gender and role nouns."""

    namings: dict[int, Naming]
    genders: dict[Referent, str]
    roles: dict[Referent, frozenset[str]]


def person_like(words: Sequence[str]) -> bool:
    """Capitalized words that do not end like an organization or a place.

    >>> person_like(["Huw", "Evans"]), person_like(["George", "Washington", "University"])
    (True, False)
    """
    return (
        bool(words)
        and all(w[:1].isupper() for w in words)
        and words[-1].casefold().rstrip(".") not in NON_PERSON_WORDS
    )


def relabel(table: MentionTable, gaz: Gazetteer) -> MentionTable:
    """Fix person labels the tagger missed: "Dr Evans" tagged ORG is a person, and so is
    "Huw Evans" once a titled "Evans" is known, or "Angela Merkel" by her given name."""
    out = []
    for mention in table.mentions:
        name = parse_name(mention.text)
        if (
            mention.label != "PERSON"
            and set(name.title) & PERSON_TITLES
            and person_like(name.words)
            and gaz.lookup(mention.text) is None
        ):
            mention = replace(mention, label="PERSON")
        out.append(mention)
    titled = {
        parse_name(m.text).last
        for m in out
        if m.label == "PERSON" and (m.title or parse_name(m.text).title)
    }
    for number, mention in enumerate(out):
        if mention.label not in {"ORG", "GPE", "NORP"} or gaz.lookup(mention.text):
            continue
        name = parse_name(mention.text)
        known = gaz.gender(name.words[0]) is not None if name.words else False
        if 2 <= len(name.words) <= 3 and person_like(name.words) and (known or name.last in titled):
            out[number] = replace(mention, label="PERSON")
    return table.with_mentions(tuple(out))


def name_people(table: MentionTable, gaz: Gazetteer) -> People:
    """Group the person mentions into people, named by the fullest form of their name.

    A single word the tagger labelled as something else ("Kirby" as ORG) still names the
    person introduced by full name when it is their surname or their unique given name.
    """
    mentions = table.mentions
    people = [i for i, m in enumerate(mentions) if m.label == "PERSON"]
    texts = [mentions[i].person_text for i in people]
    clusters = cluster_names(texts, gaz.gender)
    surnames = {c.name.last: c for c in clusters if c.name.is_full}
    namings: dict[int, Naming] = {}
    genders: dict[Referent, str] = {}
    for cluster in clusters:
        referent = Referent(cluster.name.text, "Person")
        if cluster.gender:
            genders[referent] = cluster.gender
        for member in cluster.members:
            namings[people[member]] = Naming(referent, texts[member])
    for number, mention in enumerate(mentions):
        if mention.label in {"PERSON", "NORP"} or gaz.lookup(mention.text):
            continue
        words = parse_name(mention.text).words
        if len(words) != 1:
            continue
        cluster = surnames.get(words[0].casefold()) or by_first_word(words[0], clusters)
        if cluster is not None:
            namings[number] = Naming(Referent(cluster.name.text, "Person"), mention.text)
    roles: dict[Referent, frozenset[str]] = {}
    for number in people:
        if number in namings:
            referent = namings[number].referent
            roles[referent] = roles.get(referent, frozenset()) | mentions[number].role_nouns
    return People(namings, genders, roles)


def name_others(table: MentionTable, gaz: Gazetteer, named: Collection[int]) -> dict[int, Naming]:
    """Name the mentions that are not people (and not in ``named`` already): gazetteer
    entries, organizations grouped by their fullest name, and the rest by their label."""
    namings: dict[int, Naming] = {}
    orgs: list[int] = []
    for number, mention in enumerate(table.mentions):
        if number in named or mention.label == "PERSON":
            continue
        reading = places.name_reading(gaz, mention.text, mention.label)
        if reading is not None:
            namings[number] = Naming(reading, mention.text)
        elif mention.label == "ORG":
            orgs.append(number)
        else:
            label_type = LABEL_TYPES.get(mention.label, "Concept")
            namings[number] = Naming(Referent(strip_the(mention.text), label_type), mention.text)
    texts = [table.mentions[n].text for n in orgs]
    for group in linker.cluster_organizations(texts):
        name = linker.fullest(texts[i] for i in group)
        for i in group:
            namings[orgs[i]] = Naming(Referent(name, "Organization"), texts[i])
    return namings


def referents(table: MentionTable, namings: Namings) -> tuple[Referent | None, ...]:
    """The referent of every mention, by mention number (``None`` when unnamed)."""
    return tuple(namings[n].referent if n in namings else None for n in range(len(table.mentions)))


def aliases(table: MentionTable, namings: Namings) -> dict[Referent, set[str]]:
    """The names each referent goes by in the article (a demonym is no name of its own)."""
    out: dict[Referent, set[str]] = {}
    for number in sorted(namings):
        naming = namings[number]
        found = out.setdefault(naming.referent, set())
        if table.mentions[number].label != "NORP":
            found.add(strip_the(naming.alias))
    return out


def nationalities(
    table: MentionTable, readings: Sequence[Referent | None]
) -> dict[Referent, Referent]:
    """The country of each person whose title or apposition names it ("British Prime
    Minister Boris Johnson", "Rodrigo Duterte, the Philippine president")."""
    out: dict[Referent, Referent] = {}
    for number, mention in enumerate(table.mentions):
        referent = readings[number]
        if referent is None or referent.type != "Person" or referent in out:
            continue
        for token in mention.country_cues:
            candidate = _reading_at(table, readings, token)
            if candidate is not None and candidate.type == "Country":
                out[referent] = candidate
                break
    return out


def history(table: MentionTable, readings: Sequence[Referent | None]) -> list[coref.Seen]:
    """The resolved mentions in document order, as coreference looks back on them
    (modifiers only when they name a person)."""
    seen = []
    for number, mention in enumerate(table.mentions):
        referent = readings[number]
        if referent is None or (mention.role == "modifier" and referent.type != "Person"):
            continue
        group: list[Referent] = []
        for token in mention.group:
            found = _reading_at(table, readings, token)
            if found is not None and found not in group:
                group.append(found)
        seen.append(
            coref.Seen(
                mention.root,
                mention.sent,
                mention.role,
                mention.quoted,
                referent,
                tuple(group) if len(group) > 1 else (),
            )
        )
    return seen


def resolve_pronouns(
    table: MentionTable, seen: Sequence[coref.Seen], genders: Mapping[Referent, str]
) -> dict[int, list[Referent]]:
    """The antecedents of every pronoun, by token, resolved in document order.

    A "he" or "she" resolved to one person teaches that person's gender to the pronouns
    after it ("She explained ... he said" is not her).
    """
    learned = dict(genders)
    out: dict[int, list[Referent]] = {}
    for pronoun in table.pronouns:
        if not pronoun.referring:
            out[pronoun.token] = []
            continue
        found = coref.pronoun_antecedents(
            pronoun.word, pronoun.token, pronoun.sent, pronoun.quoted, seen, learned.get
        )
        gender = coref.PRONOUNS[pronoun.word][1]
        if gender and len(found) == 1 and found[0] not in learned:
            learned[found[0]] = gender
        out[pronoun.token] = found
    return out


def alias_index(names: Mapping[Referent, Collection[str]]) -> dict[str, set[Referent]]:
    """Referents by the comparison key of each of their names (``linker.org_key``)."""
    index: dict[str, set[Referent]] = {}
    for referent, found in names.items():
        for name in found:
            index.setdefault(linker.org_key(name), set()).add(referent)
    return index


def strip_the(text: str) -> str:
    """``text`` without a leading "the".

    >>> strip_the("the Kremlin")
    'Kremlin'
    """
    text = text.strip()
    return text[4:] if text[:4].casefold() == "the " else text


def _reading_at(
    table: MentionTable, readings: Sequence[Referent | None], token: int
) -> Referent | None:
    number = table.token_mention.get(token)
    return readings[number] if number is not None else None

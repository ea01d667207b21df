"""The passes of the resolve stage: each one a function from the mention table to plain data.

They run in this order (``resolver.article_context`` chains them):

1. ``relabel`` fixes the labels the tagger got wrong (people, products, places, events);
2. ``name_people`` groups person mentions into people and names each by the full name the
   article uses most;
3. ``name_others`` names the other mentions (gazetteer, organizations, products, events,
   other labels), and ``generic_names`` makes over-generic names specific or leaves them out;
4. ``nationalities`` finds the country of each person whose title or apposition names it;
5. ``history`` lists the resolved mentions in order, for coreference;
6. ``resolve_pronouns`` resolves every third-person pronoun against that history;
7. ``alias_index`` indexes the names seen, to find names the tagger missed.

Every pass reads the ``MentionTable`` (and what earlier passes returned) and returns new
values; none of them reads the parse or changes its inputs, so each can be run and tested alone
on a hand-built table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from graphbuild.lexicon import PERSON_TITLES
from graphbuild.resolve import coref, linker, places
from graphbuild.resolve.gazetteer import Gazetteer, government_name
from graphbuild.resolve.mentions import UNTAGGED, Mention, MentionTable
from graphbuild.resolve.names import (
    NON_PERSON_WORDS,
    SUFFIXES,
    cluster_names,
    parse_name,
    person_like,
)
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


ORGANIZATION_KINDS = frozenset(
    {
        "firm",
        "company",
        "corporation",
        "newspaper",
        "paper",
        "magazine",
        "website",
        "site",
        "network",
        "broadcaster",
        "channel",
        "outlet",
        "agency",
        "band",
        "party",
        "airline",
        "carrier",
        "carmaker",
        "automaker",
        "manufacturer",
        "retailer",
        "chain",
        "supermarket",
        "brand",
        "label",
        "studio",
        "publisher",
        "charity",
        "startup",
        "club",
        "team",
        "university",
        "school",
        "hospital",
        "organisation",
        "organization",
        "union",
        "platform",
        "service",
    }
)
"""Common nouns that, right before a name, make it an organization ("law firm Sidley
Austin", "newspaper Star of Mysore")."""

THING_KINDS = {
    **dict.fromkeys(
        [
            "submarine",
            "ship",
            "vessel",
            "destroyer",
            "frigate",
            "aircraft",
            "airliner",
            "plane",
            "jet",
            "rocket",
            "spacecraft",
            "satellite",
            "probe",
            "rover",
            "telescope",
            "software",
            "app",
            "browser",
            "distribution",
            "game",
            "drug",
            "vaccine",
        ],
        "PRODUCT",
    ),
    **dict.fromkeys(
        ["album", "song", "single", "film", "movie", "novel", "book", "painting", "artwork"],
        "WORK_OF_ART",
    ),
    **dict.fromkeys(["hurricane", "storm", "typhoon", "cyclone", "virus", "disease"], "EVENT"),
}
"""Common nouns that, right before a name, make it a thing and not a person ("the submarine
U.S.S. Grayback"), with the label they give."""

FIRST_WORD_KINDS = {
    **dict.fromkeys(["county", "province", "fort"], "GPE"),
    **dict.fromkeys(["lake", "mount", "cape", "river"], "LOC"),
    **dict.fromkeys(["hurricane", "storm", "typhoon", "cyclone", "tropical"], "EVENT"),
    **dict.fromkeys(["operation"], "EVENT"),
}
"""First words that make a name a place or an event, whatever the tagger says ("County
Limerick", "Storm Lorenzo")."""

SHIP_PREFIXES = frozenset({"uss", "u.s.s", "hms", "h.m.s", "hmas", "hmcs", "hmnzs", "rms", "mv"})
"""Prefixes of ships' names ("USS Grayback")."""

SURNAME_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", UNTAGGED})
"""Labels under which the tagger sometimes gives a person's surname or given name alone
("Kirby" tagged ORG): such a word joins a person named in full (``name_people``)."""

VOTING_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT"})
"""Labels a name can take from its other mentions (``relabel``)."""


def own_label(mention: Mention, gaz: Gazetteer) -> str:
    """The label a mention's own words, title and kind noun give it, against the tagger's.

    >>> from graphbuild.resolve.gazetteer import gazetteer
    >>> def m(text, label, kind=None): return Mention(0, len(text), text, label, 0, 0, kind=kind)
    >>> [own_label(m(*a), gazetteer()) for a in [("Dr Evans", "ORG"), ("COVID-19", "PERSON"),
    ...  ("Sidley Austin", "PERSON", "firm"), ("Kama Melly QC", "ORG"), ("USS Grayback", "PERSON")]]
    ['PERSON', 'MISC', 'ORG', 'PERSON', 'PRODUCT']
    """
    label, text = mention.label, mention.text
    if label == UNTAGGED:
        return label
    name = parse_name(text)
    place = gaz.lookup(text)
    words = text.split()
    if place is None and len(words) >= 2 and words[0].casefold() in FIRST_WORD_KINDS:
        return FIRST_WORD_KINDS[words[0].casefold()]
    if label != "PERSON":
        if mention.kind in THING_KINDS and label in {"GPE", "LOC", "NORP"} and place is None:
            return THING_KINDS[mention.kind]
        if place is not None or not person_like(name.words):
            return label
        suffixed = text.split()[-1].rstrip(".,").casefold() in SUFFIXES
        if set(name.title) & PERSON_TITLES or (suffixed and 2 <= len(name.words) <= 3):
            return "PERSON"
        return label
    if any(c.isdigit() for c in text):
        return "MISC"
    if text.replace(".", "").replace("&", "").isupper() and len(text) > 1:
        return "ORG"
    if mention.definite and len(words) == 1 and mention.role != "modifier":
        return "LOC"
    if place is not None and place.type == "Concept":
        return "MISC"
    if place is not None and place.type != "Country":
        return "ORG"
    if mention.kind in ORGANIZATION_KINDS:
        return "ORG"
    if mention.kind in THING_KINDS:
        return THING_KINDS[mention.kind]
    if len(words) >= 2 and words[0].casefold().rstrip(".") in SHIP_PREFIXES:
        return "PRODUCT"
    if words and words[-1].casefold().rstrip(".") in NON_PERSON_WORDS:
        return "ORG"
    return label


def relabel(table: MentionTable, gaz: Gazetteer) -> MentionTable:
    """Fix the labels the tagger got wrong, in three steps.

    1. What a mention says of itself (``own_label``): a title or a post-nominal ("QC") makes a
       person; a digit, a first word such as "County" or "Storm", capitals only ("ALMA"),
       "the" right before a single word that heads its phrase ("the Azores", not "the Trump
       administration"), a kind noun ("law firm Sidley
       Austin", "the submarine X"), a ship prefix, or an organization or a standard of the
       gazetteer makes a person's label something else.
    2. A single word that ends the name of an event is that event ("Dorian" after "Hurricane
       Dorian"). One name, one label: a name written the same way several times takes the label most
       of its mentions carry ("Red Hat" tagged ORG five times and PERSON once), unless the
       gazetteer knows it or a title goes with it. A "person" whose last word stands alone
       in the article mostly as a product, event or work, three times or more, is no person
       ("Rocky Linux" beside "Linux" tagged a product; a surname alone tagged as a place or an
       organization is the tagger's usual slip, not a sign).
    3. A capitalized name of two or three words is a person when it shares its surname with
       another person, starts with a common given name, or is coordinated with a person's
       full name ("officers Antoine Quirin and Nicolas Redouane").
    """
    out = [replace(m, label=own_label(m, gaz)) for m in table.mentions]
    events = {m.text.split()[-1] for m in out if m.label == "EVENT" and " " in m.text}
    for number, mention in enumerate(out):
        if mention.text in events and not mention.title and mention.label != "EVENT":
            out[number] = replace(mention, label="EVENT")
    votes: dict[str, Counter[str]] = {}
    for mention in out:
        if mention.label in VOTING_LABELS:
            votes.setdefault(_vote_key(mention.text), Counter())[mention.label] += 1
    for number, mention in enumerate(out):
        ranked = votes.get(_vote_key(mention.text), Counter()).most_common(2)
        if (
            not ranked
            or mention.label not in VOTING_LABELS
            or ranked[0][0] == mention.label
            or ranked[0][1] < 2
            or (len(ranked) > 1 and ranked[1][1] == ranked[0][1])
            or mention.title
            or gaz.lookup(mention.text)
        ):
            continue
        out[number] = replace(mention, label=ranked[0][0])
    alone = {key: count for key, count in votes.items() if " " not in key}
    for number, mention in enumerate(out):
        last = linker.org_key(mention.text).rpartition(" ")[2]
        if mention.label != "PERSON" or mention.title or last == linker.org_key(mention.text):
            continue
        ranked = alone.get(last, Counter()).most_common(1)
        if ranked and ranked[0][0] not in SURNAME_LABELS | {"PERSON"} and ranked[0][1] >= 3:
            out[number] = replace(mention, label=ranked[0][0])
    surnames = {
        parse_name(m.text).last
        for m in out
        if m.label == "PERSON" and (m.title or parse_name(m.text).title or " " in m.text)
    }
    people = {m.root for m in out if m.label == "PERSON" and parse_name(m.text).is_full}
    for number, mention in enumerate(out):
        if mention.label not in {"ORG", "GPE", "NORP"} or gaz.lookup(mention.text):
            continue
        name = parse_name(mention.text)
        known = gaz.gender(name.words[0]) is not None if name.words else False
        coordinated = any(other in people for other in _coordinated(out, number))
        if (
            2 <= len(name.words) <= 3
            and person_like(name.words)
            and (known or name.last in surnames or coordinated)
        ):
            out[number] = replace(mention, label="PERSON")
    return table.with_mentions(tuple(out))


def _vote_key(text: str) -> str:
    """The key under which mentions vote on one label: ``linker.org_key``, except that an
    acronym only votes with itself ("ALMA" is not "Alma")."""
    return text.strip() if linker.is_acronym(text.strip()) else linker.org_key(text)


def _coordinated(mentions: Sequence[Mention], number: int) -> set[int]:
    """The roots of the mentions coordinated with mention ``number`` ("X and Y")."""
    root = mentions[number].root
    for mention in mentions:
        if root in mention.group:
            return set(mention.group) - {root}
    return set()


def name_people(table: MentionTable, gaz: Gazetteer) -> People:
    """Group the person mentions into people, named by the fullest form of their name.

    A single word the tagger labelled as something else ("Kirby" as ORG) or left untagged
    still names the person introduced by full name when it is their surname (the one
    mentioned most so far when several share it) or their unique given name.
    """
    mentions = table.mentions
    people = [
        i
        for i, m in enumerate(mentions)
        if m.label == "PERSON"
        or (
            m.label in SURNAME_LABELS
            and len(parse_name(m.text).words) == 1
            and gaz.lookup(m.text) is None
        )
    ]
    texts = [mentions[i].person_text for i in people]
    joining = {n for n, i in enumerate(people) if mentions[i].label != "PERSON"}
    clusters = cluster_names(texts, gaz.gender, joining)
    namings: dict[int, Naming] = {}
    genders: dict[Referent, str] = {}
    for cluster in clusters:
        referent = Referent(cluster.name.text, "Person")
        if cluster.gender:
            genders[referent] = cluster.gender
        for member in cluster.members:
            namings[people[member]] = Naming(referent, texts[member])
    roles: dict[Referent, frozenset[str]] = {}
    for number in people:
        if number in namings:
            referent = namings[number].referent
            roles[referent] = roles.get(referent, frozenset()) | mentions[number].role_nouns
    return People(namings, genders, roles)


def name_others(table: MentionTable, gaz: Gazetteer, named: Collection[int]) -> dict[int, Naming]:
    """Name the mentions that are not people (and not in ``named`` already): gazetteer
    entries, organizations, products and events grouped by their fullest name ("737 Max" is
    the "Boeing 737 Max" of the article, "Storm Lorenzo" its "Hurricane Lorenzo"), and the
    rest by their label."""
    namings: dict[int, Naming] = {}
    orgs: list[int] = []
    products: list[int] = []
    events: list[int] = []
    for number, mention in enumerate(table.mentions):
        if number in named or mention.label in {"PERSON", UNTAGGED}:
            continue
        reading = places.name_reading(gaz, mention.text, mention.label)
        if reading is not None:
            namings[number] = Naming(reading, mention.text)
        elif mention.label == "ORG":
            orgs.append(number)
        elif mention.label == "PRODUCT":
            products.append(number)
        elif mention.label == "EVENT":
            events.append(number)
        else:
            label_type = LABEL_TYPES.get(mention.label, "Concept")
            namings[number] = Naming(Referent(strip_the(mention.text), label_type), mention.text)
    groups = (
        (orgs, "Organization", linker.org_key),
        (products, "Product", linker.org_key),
        (events, "Event", linker.event_key),
    )
    for numbers, type_, key in groups:
        texts = [table.mentions[n].text for n in numbers]
        for group in linker.cluster_organizations(texts, key):
            name = linker.fullest(texts[i] for i in group)
            for i in group:
                namings[numbers[i]] = Naming(Referent(name, type_), texts[i])
    return namings


NATIONAL_INSTITUTIONS = frozenset(
    {
        "senate",
        "parliament",
        "house of commons",
        "house of lords",
        "house of representatives",
        "national assembly",
        "supreme court",
        "high court",
        "constitutional court",
        "court of appeal",
        "coast guard",
        "national guard",
        "border guard",
        "army",
        "navy",
        "air force",
        "armed forces",
        "police",
        "national police",
        "federal police",
        "liberal party",
        "conservative party",
        "labour party",
        "labor party",
        "democratic party",
        "republican party",
        "green party",
        "communist party",
        "socialist party",
        "national party",
        "social democratic party",
        "foreign ministry",
        "ministry of foreign affairs",
        "health ministry",
        "ministry of health",
        "defence ministry",
        "defense ministry",
        "ministry of defence",
        "ministry of defense",
        "interior ministry",
        "ministry of interior",
        "ministry of the interior",
        "justice ministry",
        "ministry of justice",
        "finance ministry",
        "ministry of finance",
        "emergencies ministry",
        "central bank",
        "election commission",
        "electoral commission",
        "cabinet",
    }
)
"""Names of institutions that many countries have ("the Senate", "the Coast Guard", "the
Liberal Party"): alone, they name one only with the country the article gives them."""

GENERIC_WORDS = frozenset(
    {
        "committee",
        "council",
        "commission",
        "court",
        "ministry",
        "department",
        "agency",
        "party",
        "university",
        "federation",
        "community",
        "board",
        "union",
        "authority",
        "institute",
        "association",
        "government",
        "organisation",
        "organization",
        "company",
        "group",
        "office",
    }
)
"""Single common nouns the tagger takes for names of organizations ("the Committee"): when no
fuller name of the article takes them in, they name no one entity."""


def generic_names(table: MentionTable, namings: Namings, gaz: Gazetteer) -> dict[int, Naming]:
    """Organizations named only by what they are, made specific or left unnamed.

    A national institution (``NATIONAL_INSTITUTIONS``) takes the country named just before it
    ("Canada's House of Commons") or, failing that, the country the article is about
    (``article_country``): "House of Commons of Canada", "Coast Guard of the Philippines".
    Without a country it keeps its name. A single generic word (``GENERIC_WORDS``) left
    alone names nothing.
    """
    readings = referents(table, namings)
    country = article_country(table, readings, gaz)
    out = dict(namings)
    for number, naming in namings.items():
        referent = naming.referent
        if referent.type != "Organization":
            continue
        key = linker.org_key(referent.name)
        if key in GENERIC_WORDS:
            del out[number]
            continue
        if key not in NATIONAL_INSTITUTIONS:
            continue
        cues = [_reading_at(table, readings, t) for t in table.mentions[number].country_cues]
        state = next((c for c in cues if c is not None and c.type == "Country"), country)
        if state is not None:
            name = (
                f"{referent.name} of {government_name(state.name).removeprefix('Government of ')}"
            )
            out[number] = Naming(Referent(name, "Organization"), naming.alias)
    return out


def article_country(
    table: MentionTable, readings: Sequence[Referent | None], gaz: Gazetteer
) -> Referent | None:
    """The country an article is about: the one its mentions name (as a country, through its
    government or its capital) at least twice and twice as often as any other.

    >>> from graphbuild.resolve.gazetteer import gazetteer
    >>> canada, uk = Referent("Canada", "Country", "Q16"), Referent("United Kingdom", "Country")
    >>> table = MentionTable(tuple(Mention(i, i + 1, "x", "GPE", i, 0) for i in range(4)))
    >>> article_country(table, (canada, canada, uk, None), gazetteer())
    Referent(name='Canada', type='Country', wikidata='Q16')
    >>> article_country(table, (canada, canada, uk, uk), gazetteer()) is None
    True
    """
    counts: Counter[Referent] = Counter()
    for referent in readings:
        if referent is None:
            continue
        if referent.type == "Country":
            counts[referent] += 1
            continue
        state = gaz.state_of(referent.name) if referent.type == "GovernmentBody" else None
        place = gaz.lookup(state) if state else gaz.capital(referent.name)
        if place is not None and place.type == "Country" and referent.type != "Person":
            counts[Referent.of(place)] += 1
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2:
        return None
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]


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
    table: MentionTable,
    seen: Sequence[coref.Seen],
    genders: Mapping[Referent, str],
    readings: Sequence[Referent | None] = (),
) -> dict[int, list[Referent]]:
    """The antecedents of every pronoun, by token, resolved in document order.

    A "he" or "she" resolved to one person teaches that person's gender to the pronouns
    after it ("She explained ... he said" is not her). A pronoun inside a quotation is never
    the quotation's speaker (named, or a pronoun resolved before it); a common noun subject
    nearer than the entity found leaves it unresolved (``coref.pronoun_antecedents``).
    """
    learned = dict(genders)
    out: dict[int, list[Referent]] = {}
    for pronoun in table.pronouns:
        if not pronoun.referring:
            out[pronoun.token] = []
            continue
        found = coref.pronoun_antecedents(
            pronoun.word,
            pronoun.token,
            pronoun.sent,
            pronoun.quoted,
            seen,
            learned.get,
            table.noun_subjects,
            _speaker(table, readings, out, pronoun.token) if pronoun.quoted else None,
        )
        gender = coref.PRONOUNS[pronoun.word][1]
        if gender and len(found) == 1 and found[0] not in learned:
            learned[found[0]] = gender
        out[pronoun.token] = found
    return out


def _speaker(
    table: MentionTable,
    readings: Sequence[Referent | None],
    pronouns: Mapping[int, list[Referent]],
    token: int,
) -> Referent | None:
    """The speaker of the quotation holding ``token``: a named mention, or a pronoun already
    resolved to one referent."""
    quote = table.quote_at(token)
    if quote is None or quote.speaker is None:
        return None
    number = table.token_mention.get(quote.speaker)
    if number is not None and number < len(readings):
        return readings[number]
    found = pronouns.get(quote.speaker, [])
    return found[0] if len(found) == 1 else None


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

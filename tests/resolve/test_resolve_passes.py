"""Each resolve pass on hand-built mention tables: no parse, one row per rule."""

from __future__ import annotations

import pytest

from graphbuild.resolve import passes
from graphbuild.resolve.coref import Seen
from graphbuild.resolve.gazetteer import gazetteer
from graphbuild.resolve.mentions import Mention, MentionTable, NounSubject, Pronoun, Quote
from graphbuild.resolve.places import Referent

GAZ = gazetteer()


def mention(text: str, label: str, token: int, sent: int = 0, **fields) -> Mention:
    """A mention of ``text`` whose first token is ``token`` (one token a word)."""
    size = len(text.split())
    return Mention(
        start=token * 10,
        end=token * 10 + len(text),
        text=text,
        label=label,
        root=token + size - 1,
        sent=sent,
        tokens=(token, token + size),
        **fields,
    )


def person(name: str) -> Referent:
    return Referent(name, "Person")


UK = Referent("United Kingdom", "Country", "Q145")
RUSSIA = Referent("Russia", "Country", "Q159")
IRAN = Referent("Iran", "Country", "Q794")


@pytest.mark.parametrize(
    "mentions, labels",
    [
        # an honorific makes a person of a name the tagger called an organization
        ([mention("Dr Evans", "ORG", 0)], ["PERSON"]),
        # ... but not of an organization's name
        ([mention("Dr Evans Institute", "ORG", 0)], ["ORG"]),
        # a known given name makes a person
        ([mention("Angela Merkel", "ORG", 0)], ["PERSON"]),
        # a surname known from a titled mention makes a person of the full name
        (
            [mention("Evans", "PERSON", 1, title="dr"), mention("Huw Evans", "GPE", 5)],
            ["PERSON", "PERSON"],
        ),
        # a gazetteer name stays what it is
        ([mention("Britain", "GPE", 0)], ["GPE"]),
        # capitalized words without any person cue stay
        ([mention("Acme Widgets", "ORG", 0)], ["ORG"]),
        # one name, one label: the label most of its mentions carry
        (
            [
                mention("Red Hat", "ORG", 0),
                mention("Red Hat", "PERSON", 5),
                mention("Red Hat", "ORG", 9),
            ],
            ["ORG", "ORG", "ORG"],
        ),
        # ... not on a tie
        ([mention("Omsk", "ORG", 0), mention("Omsk", "GPE", 5)], ["ORG", "GPE"]),
        # coordinated with a person named in full ("officers Antoine Quirin and Nicolas Redouane")
        (
            [
                mention("Antoine Quirin", "ORG", 0, group=(1, 4)),
                mention("Nicolas Redouane", "PERSON", 3),
            ],
            ["PERSON", "PERSON"],
        ),
        # a "person" whose last word stands alone mostly as a product is the product
        (
            [mention("Rocky Linux", "PERSON", 0)]
            + [mention("Linux", "PRODUCT", t) for t in (4, 6, 8)],
            ["PRODUCT", "PRODUCT", "PRODUCT", "PRODUCT"],
        ),
        # a single word that ends an event's name is the event
        (
            [mention("Hurricane Dorian", "EVENT", 0), mention("Dorian", "NORP", 6)],
            ["EVENT", "EVENT"],
        ),
        # ... but a surname alone tagged as a place is the tagger's usual slip
        (
            [mention("Jamal Khashoggi", "PERSON", 0)]
            + [mention("Khashoggi", "GPE", t) for t in (4, 6, 8)],
            ["PERSON", "GPE", "GPE", "GPE"],
        ),
    ],
)
def test_relabel(mentions, labels) -> None:
    table = passes.relabel(MentionTable(tuple(mentions)), GAZ)
    assert [m.label for m in table.mentions] == labels


@pytest.mark.parametrize(
    "text, label, kind, expected",
    [
        # a title or a post-nominal makes a person of a name tagged otherwise
        ("Dr Evans", "ORG", None, "PERSON"),
        ("Kama Melly QC", "ORG", None, "PERSON"),
        # a digit makes no person's name ("COVID-19")
        ("COVID-19", "PERSON", None, "MISC"),
        # an organization of the gazetteer is no person
        ("NATO", "PERSON", None, "ORG"),
        # the common noun before the name says what it is
        ("Sidley Austin", "PERSON", "firm", "ORG"),
        ("Star of Mysore", "GPE", "newspaper", "GPE"),
        ("Grayback", "PERSON", "submarine", "PRODUCT"),
        ("Obsession", "GPE", "novel", "WORK_OF_ART"),
        # a ship's prefix
        ("USS Grayback", "PERSON", None, "PRODUCT"),
        # the last word of an organization or place
        ("George Washington University", "PERSON", None, "ORG"),
        # a first word that names a kind of place or event
        ("County Limerick", "PERSON", None, "GPE"),
        ("Hurricane Lorenzo", "ORG", None, "EVENT"),
        # capitals only: an acronym, no person's name
        ("ALMA", "PERSON", None, "ORG"),
        # a person stays a person, an untagged word untagged
        ("Hamza bin Laden", "PERSON", None, "PERSON"),
        ("Quirin", "UNTAGGED", None, "UNTAGGED"),
    ],
)
def test_own_label(text, label, kind, expected) -> None:
    assert passes.own_label(mention(text, label, 0, kind=kind), GAZ) == expected


@pytest.mark.parametrize(
    "role, expected",
    [
        # "the" right before a single word that heads its phrase: no person ("the Azores")
        ("other", "LOC"),
        # ... but a name modifying the head is ("the Trump administration")
        ("modifier", "PERSON"),
    ],
)
def test_own_label_after_the(role, expected) -> None:
    found = passes.own_label(mention("Azores", "PERSON", 0, definite=True, role=role), GAZ)
    assert found == expected


@pytest.mark.parametrize(
    "mentions, names",
    [
        # full name, then surname and titled surname, join one person
        (
            [
                mention("John Kirby", "PERSON", 0),
                mention("Kirby", "PERSON", 5, title="mr", title_text="Mr."),
                mention("Kirby", "ORG", 9),
            ],
            ["John Kirby", "John Kirby", "John Kirby"],
        ),
        # a given name alone names the one person it starts
        (
            [mention("Hamza bin Laden", "PERSON", 0), mention("Hamza", "GPE", 6)],
            ["Hamza bin Laden", "Hamza bin Laden"],
        ),
        # a title of the other gender does not join
        (
            [
                mention("John Smith", "PERSON", 0),
                mention("Smith", "PERSON", 5, title="mrs", title_text="Mrs"),
            ],
            ["John Smith", "Smith"],
        ),
        # a demonym is never a surname
        ([mention("Kirby", "PERSON", 0), mention("British", "NORP", 3)], ["Kirby", None]),
        # ... nor a product
        (
            [mention("Rocky Kirby", "PERSON", 0), mention("Kirby", "PRODUCT", 3)],
            ["Rocky Kirby", None],
        ),
        # a surname the tagger left untagged joins the person
        (
            [mention("Antoine Quirin", "PERSON", 0), mention("Quirin", "UNTAGGED", 5)],
            ["Antoine Quirin", "Antoine Quirin"],
        ),
        # ... and names nothing alone
        ([mention("Quirin", "UNTAGGED", 5)], [None]),
        # a surname tagged otherwise joins the person mentioned most so far, not the last
        # one named with it
        (
            [
                mention("Elijah Cummings", "PERSON", 0),
                mention("Cummings", "GPE", 4),
                mention("Ruth Elma Cummings", "PERSON", 9),
                mention("Maya Rockeymoore Cummings", "PERSON", 20),
            ],
            [
                "Elijah Cummings",
                "Elijah Cummings",
                "Ruth Elma Cummings",
                "Maya Rockeymoore Cummings",
            ],
        ),
    ],
)
def test_name_people(mentions, names) -> None:
    table = MentionTable(tuple(mentions))
    found = passes.name_people(table, GAZ).namings
    assert [found[n].referent.name if n in found else None for n in range(len(names))] == names


def test_name_people_keeps_genders_roles_and_titled_aliases() -> None:
    table = MentionTable(
        (
            mention("Barbara Woodward", "PERSON", 0, role_nouns=frozenset({"ambassador"})),
            mention("Woodward", "PERSON", 9, title="ms", title_text="Ms", role_nouns={"ms"}),
        )
    )
    people = passes.name_people(table, GAZ)
    woodward = person("Barbara Woodward")
    assert people.genders == {woodward: "f"}
    assert people.roles == {woodward: frozenset({"ambassador", "ms"})}
    assert people.namings[1].alias == "Ms Woodward"


@pytest.mark.parametrize(
    "text, label, expected",
    [
        ("Britain", "GPE", UK),
        ("Iranian", "NORP", IRAN),
        ("the Kremlin", "ORG", Referent("Government of Russia", "GovernmentBody")),
        ("Tehran", "GPE", Referent("Tehran", "City")),
        ("Acme Corp.", "ORG", Referent("Acme Corp.", "Organization")),
        ("the Ruhr", "LOC", Referent("Ruhr", "Location")),
        ("Brexit", "EVENT", Referent("Brexit", "Event")),
        ("the Constitution", "LAW", Referent("Constitution", "Concept")),
    ],
)
def test_name_others(text, label, expected) -> None:
    table = MentionTable((mention(text, label, 0),))
    assert passes.name_others(table, GAZ, named=())[0].referent == expected


def test_name_others_groups_organizations_and_skips_the_named() -> None:
    table = MentionTable(
        (
            mention("National Security Council", "ORG", 0),
            mention("NSC", "ORG", 5),
            mention("Kirby", "ORG", 8),
        )
    )
    found = passes.name_others(table, GAZ, named={2})
    assert {n: f.referent.name for n, f in found.items()} == {
        0: "National Security Council",
        1: "National Security Council",
    }


def test_aliases_leave_demonyms_out_and_the_article_off() -> None:
    table = MentionTable((mention("the U.K.", "GPE", 0), mention("British", "NORP", 4)))
    namings = {0: passes.Naming(UK, "the U.K."), 1: passes.Naming(UK, "British")}
    assert passes.aliases(table, namings) == {UK: {"U.K."}}
    assert passes.alias_index({UK: {"U.K.", "Britain"}}) == {"u k": {UK}, "britain": {UK}}


@pytest.mark.parametrize(
    "cues, expected",
    [
        ((0,), UK),  # "British Prime Minister Boris Johnson": the word before the titles
        ((7,), None),  # a cue naming no mention
        ((0, 9), UK),  # the first country cue wins
        ((9,), RUSSIA),  # an apposition's modifier ("Lavrov, the Russian minister")
    ],
)
def test_nationalities(cues, expected) -> None:
    johnson = person("Boris Johnson")
    table = MentionTable(
        (
            mention("British", "NORP", 0),
            mention("Boris Johnson", "PERSON", 3, country_cues=cues),
            mention("Russian", "NORP", 9),
        )
    )
    found = passes.nationalities(table, (UK, johnson, RUSSIA))
    assert found.get(johnson) == expected


def test_history_keeps_coordinations_and_skips_modifiers() -> None:
    table = MentionTable(
        (
            mention("Russia", "GPE", 0, role="subject", group=(0, 2)),
            mention("Iran", "GPE", 2, group=()),
            mention("British", "NORP", 6, role="modifier"),
            mention("Kirby", "PERSON", 8, sent=1, role="speaker", quoted=True),
        )
    )
    kirby = person("Kirby")
    seen = passes.history(table, (RUSSIA, IRAN, UK, kirby))
    assert [(s.referent, s.group) for s in seen] == [
        (RUSSIA, (RUSSIA, IRAN)),
        (IRAN, ()),
        (kirby, ()),
    ]
    assert seen[-1] == Seen(8, 1, "speaker", True, kirby)


@pytest.mark.parametrize(
    "pronouns, expected",
    [
        # "she" takes the nearest compatible subject
        ([Pronoun(20, "she", 1)], {20: [person("Mary Jones")]}),
        # a dummy "it" stays unresolved
        ([Pronoun(20, "it", 1, referring=False)], {20: []}),
        # "he" takes the nearest subject and teaches her gender: a later "she" skips her
        (
            [Pronoun(20, "he", 1), Pronoun(30, "she", 2)],
            {20: [person("Mary Jones")], 30: [person("John Smith")]},
        ),
    ],
)
def test_resolve_pronouns(pronouns, expected) -> None:
    jones = person("Mary Jones")
    seen = [Seen(0, 0, "subject", False, person("John Smith")), Seen(5, 0, "subject", False, jones)]
    table = MentionTable((), tuple(pronouns))
    assert passes.resolve_pronouns(table, seen, genders={}) == expected


def test_resolve_pronouns_keeps_its_input() -> None:
    genders: dict[Referent, str] = {}
    seen = [Seen(0, 0, "subject", False, person("Sam Lee"))]
    passes.resolve_pronouns(MentionTable((), (Pronoun(9, "he", 0),)), seen, genders)
    assert genders == {}


POLICE = Referent("Thames Valley Police", "Organization")
SMITH = person("John Smith")


@pytest.mark.parametrize(
    "seen, rivals, quotes, pronoun, expected",
    [
        # a common noun subject naming a person, between the name and "she": unresolved
        (
            [Seen(0, 0, "subject", False, person("Durham Hall"))],
            [NounSubject(8, 1, False, plural=False, person=True, head="one")],
            (),
            Pronoun(15, "she", 2),
            [],
        ),
        # ... a thing's noun does not stand between a person and "he"
        (
            [Seen(0, 0, "subject", False, SMITH)],
            [NounSubject(8, 1, False, plural=False, person=False, head="shipment")],
            (),
            Pronoun(15, "he", 2),
            [SMITH],
        ),
        # ... and a definite description of an entity type refers back itself
        (
            [Seen(0, 0, "subject", False, Referent("Toyota", "Organization"))],
            [NounSubject(5, 1, False, plural=False, person=False, head="company", definite=True)],
            (),
            Pronoun(8, "it", 1),
            [Referent("Toyota", "Organization")],
        ),
        # "they": a collective subject, unless a plural noun subject stands nearer
        ([Seen(0, 0, "speaker", False, POLICE)], [], (), Pronoun(4, "they", 0), [POLICE]),
        (
            [Seen(0, 0, "speaker", False, POLICE)],
            [NounSubject(2, 0, False, plural=True, person=True, head="protester")],
            (),
            Pronoun(4, "they", 0),
            [],
        ),
        # ... never a single country or person
        ([Seen(0, 0, "subject", False, IRAN)], [], (), Pronoun(4, "they", 0), []),
        # a pronoun in a quotation is not its speaker
        (
            [
                Seen(3, 0, "subject", True, person("Emily Spanton")),
                Seen(20, 1, "speaker", False, person("Sophie Obadia")),
            ],
            [],
            (Quote(1, 15, speaker=20),),
            Pronoun(10, "she", 1, quoted=True),
            [person("Emily Spanton")],
        ),
    ],
)
def test_resolve_pronouns_against_rivals_and_speakers(seen, rivals, quotes, pronoun, expected):
    mentions = tuple(mention(s.referent.name, "PERSON", s.token) for s in seen)
    table = MentionTable(mentions, (pronoun,), noun_subjects=tuple(rivals), quotes=quotes)
    readings = tuple(s.referent for s in seen)
    found = passes.resolve_pronouns(table, seen, {}, readings)
    assert found[pronoun.token] == expected


CANADA = Referent("Canada", "Country", "Q16")


@pytest.mark.parametrize(
    "texts, cues, expected",
    [
        # a national institution takes the country the article is about
        (["Canada", "Canada", "House of Commons"], {}, "House of Commons of Canada"),
        # ... or the one named just before it
        (["Iran", "Iran", "Britain", "Parliament"], {3: (2,)}, "Parliament of the United Kingdom"),
        # ... and keeps its name without one
        (["Canada", "Iran", "Senate"], {}, "Senate"),
        # a generic word alone names nothing
        (["Canada", "Canada", "Committee"], {}, None),
        # a specific name stays
        (["Canada", "Canada", "Liberal Party of Canada"], {}, "Liberal Party of Canada"),
    ],
)
def test_generic_names(texts, cues, expected) -> None:
    mentions = tuple(
        mention(text, "ORG" if i == len(texts) - 1 else "GPE", i, country_cues=cues.get(i, ()))
        for i, text in enumerate(texts)
    )
    table = MentionTable(mentions)
    namings = passes.name_others(table, GAZ, named=())
    found = passes.generic_names(table, namings, GAZ)
    last = len(texts) - 1
    assert (found[last].referent.name if last in found else None) == expected

"""The shipped gazetteer data and its lookups."""

from __future__ import annotations

import re

import pytest

from graphbuild.resolve import gazetteer
from graphbuild.resolve.gazetteer import _read, government_name
from graphbuild.resolve.names import cluster_names, compatible, parse_name

QID = re.compile(r"^Q[1-9][0-9]*$")


@pytest.mark.parametrize(
    "text, name, qid",
    [
        ("U.K.", "United Kingdom", "Q145"),
        ("UK", "United Kingdom", "Q145"),
        ("Britain", "United Kingdom", "Q145"),
        ("Great Britain", "United Kingdom", "Q145"),
        ("the United Kingdom", "United Kingdom", "Q145"),
        ("U.S.", "United States", "Q30"),
        ("US", "United States", "Q30"),
        ("USA", "United States", "Q30"),
        ("America", "United States", "Q30"),
        ("the United States of America", "United States", "Q30"),
        ("Russian Federation", "Russia", "Q159"),
        ("Iran", "Iran", "Q794"),
        ("Ukraine", "Ukraine", "Q212"),
        ("Germany", "Germany", "Q183"),
        ("France", "France", "Q142"),
        ("China", "China", "Q148"),
        ("Saudi Arabia", "Saudi Arabia", "Q851"),
        ("UN", "United Nations", "Q1065"),
        ("NATO", "NATO", "Q7184"),
        ("the EU", "European Union", "Q458"),
        ("WHO", "World Health Organization", "Q7817"),
        ("IMF", "International Monetary Fund", "Q7804"),
        ("World Bank", "World Bank", "Q7164"),
        ("OPEC", "OPEC", "Q7795"),
        ("ASEAN", "Association of Southeast Asian Nations", "Q7768"),
        ("African Union", "African Union", "Q7159"),
        ("IAEA", "International Atomic Energy Agency", "Q41984"),
        ("Interpol", "Interpol", "Q8475"),
        ("WTO", "World Trade Organization", "Q7825"),
        ("OSCE", "Organization for Security and Co-operation in Europe", "Q81299"),
        ("Arab League", "Arab League", "Q7172"),
        ("UNESCO", "UNESCO", "Q7809"),
        ("UNICEF", "UNICEF", "Q740308"),
        ("UNHCR", "United Nations High Commissioner for Refugees", "Q132551"),
        ("Security Council", "United Nations Security Council", "Q37470"),
        ("G7", "G7", None),
    ],
)
def test_lookup(text, name, qid) -> None:
    place = gazetteer().lookup(text)
    assert place is not None
    assert (place.name, place.wikidata) == (name, qid)


@pytest.mark.parametrize("text", ["us", "who", "it", "Georgia Smith", "the company"])
def test_lookup_misses(text) -> None:
    assert gazetteer().lookup(text) is None


@pytest.mark.parametrize(
    "word, country",
    [
        ("British", "United Kingdom"),
        ("Iranian", "Iran"),
        ("American", "United States"),
        ("Russians", "Russia"),
        ("Chinese", "China"),
        ("Dutch", "Netherlands"),
    ],
)
def test_demonyms(word, country) -> None:
    assert gazetteer().demonym(word).name == country


@pytest.mark.parametrize(
    "alias, body, state",
    [
        ("the Kremlin", "Government of Russia", "Russia"),
        ("White House", "Government of the United States", "United States"),
        ("Downing Street", "Government of the United Kingdom", "United Kingdom"),
        ("Élysée", "Government of France", "France"),
        ("Zhongnanhai", "Government of China", "China"),
        ("the Pentagon", "United States Department of Defense", "United States"),
    ],
)
def test_metonyms_link_to_their_state(alias, body, state) -> None:
    place = gazetteer().metonym(alias)
    assert (place.name, place.type) == (body, "GovernmentBody")
    assert gazetteer().state_of(body) == state


def test_every_country_row_is_well_formed() -> None:
    rows = _read("countries.tsv")
    assert len(rows) >= 249
    assert all(re.fullmatch(r"[A-Z]{2}", r["alpha2"]) for r in rows)
    assert all(re.fullmatch(r"[A-Z]{3}", r["alpha3"]) for r in rows)
    qids = [r["wikidata"] for r in rows if r["wikidata"]]
    assert all(QID.match(q) for q in qids)
    assert len(qids) == len(set(qids)), "two countries share a Wikidata item"
    assert len({r["name"] for r in rows}) == len(rows)


def test_every_organization_row_is_well_formed() -> None:
    rows = _read("organizations.tsv")
    qids = [r["wikidata"] for r in rows if r["wikidata"]]
    assert all(QID.match(q) for q in qids)
    assert len(qids) == len(set(qids))


@pytest.mark.parametrize(
    "country, name",
    [
        ("Iran", "Government of Iran"),
        ("United States", "Government of the United States"),
        ("Netherlands", "Government of the Netherlands"),
        ("Cyprus", "Government of Cyprus"),
    ],
)
def test_government_name(country, name) -> None:
    assert government_name(country) == name


@pytest.mark.parametrize(
    "short, full, expected",
    [
        ("Kirby", "John Kirby", True),
        ("Mr. Kirby", "John Kirby", True),
        ("Mrs Thatcher", "Margaret Thatcher", True),
        ("Dr Evans", "Huw Evans", True),
        ("President Putin", "Vladimir Putin", True),
        ("J. Kirby", "John Kirby", True),
        ("Kirby's", "John Kirby", True),
        ("P. Kirby", "John Kirby", False),
        ("Jane Kirby", "John Kirby", False),
        ("Evans", "John Kirby", False),
        # a surname that starts with a particle is a surname, not a given name and a surname
        ("De La Fuente", "Rocky De La Fuente", True),
        ("bin Laden", "Osama bin Laden", True),
        ("De La Cruz", "Rocky De La Fuente", False),
        # a foreign honorific is a title
        ("Mme Spanton", "Emily Spanton", True),
    ],
)
def test_name_compatibility(short, full, expected) -> None:
    assert compatible(parse_name(short), parse_name(full)) is expected


def test_title_gender_picks_the_right_person() -> None:
    clusters = cluster_names(
        ["Bill Clinton", "Hillary Clinton", "Mr Clinton", "Mrs Clinton"], gazetteer().gender
    )
    assert [(c.name.text, c.members) for c in clusters] == [
        ("Bill Clinton", [0, 2]),
        ("Hillary Clinton", [1, 3]),
    ]


@pytest.mark.parametrize(
    "texts, people",
    [
        # the full form used most names the person, not the longest seen once
        (
            ["Gloria Vanderbilt", "Vanderbilt", "Gloria Morgan Vanderbilt", "Gloria Vanderbilt"],
            [("Gloria Vanderbilt", [0, 1, 2, 3])],
        ),
        # ... the fullest on a tie
        (["Richard K. Guy", "Richard Kenneth Guy", "Guy"], [("Richard Kenneth Guy", [0, 1, 2])]),
        # spellings of one transliterated name are one person; the surname alone joins the
        # nearest of those mentioned most
        (
            ["Hamza bin Laden", "Osama bin Laden", "Hamza bin Ladin", "Usama bin Ladin", "Ladin"],
            [("Hamza bin Laden", [0, 2]), ("Osama bin Laden", [1, 3, 4])],
        ),
        # two given names a vowel apart, one surname: possibly two people
        (["Dan Smith", "Don Smith"], [("Dan Smith", [0]), ("Don Smith", [1])]),
        # a particle surname joins the full name
        (["Rocky De La Fuente", "De La Fuente"], [("Rocky De La Fuente", [0, 1])]),
        # a foreign honorific tells the gender and is no given name
        (
            ["Emily Spanton", "Antoine Quirin", "Mme Spanton"],
            [("Emily Spanton", [0, 2]), ("Antoine Quirin", [1])],
        ),
    ],
)
def test_cluster_names(texts, people) -> None:
    clusters = cluster_names(texts, gazetteer().gender)
    assert [(c.name.text, c.members) for c in clusters] == people

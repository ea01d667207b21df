"""Entity networks drawn by hand for the page tests, hostile text included, and page helpers."""

from __future__ import annotations

import json
import random
import re

import networkx as nx

BASE = "https://w3id.org/graphbuild/id/"
IRAN = BASE + "country/Iran"
RUSSIA = BASE + "country/Russia"
DRONE = BASE + "weapon/Shahed-136"
KIRBY = BASE + "person/John_Kirby"
KRYVYI = BASE + "city/Кривий_Ріг"
BAD = BASE + "concept/%3Cimg%3E"
BARE = BASE + "concept/bare"

SCRIPT = "<script>window.__pwned = 1</script>"
IMG = '<img src=x onerror="window.__pwned = 2">'
HOSTILE_SENTENCE = f'Iran {SCRIPT} said "no" & denied {IMG} supplying drones to Russia.'
LONG_SENTENCE = "Kirby said that " + " ".join(["the drones were supplied"] * 400) + "."


def statement(n: int) -> str:
    return f"{BASE}statement/s{n}"


def hostile_network() -> nx.MultiDiGraph:
    """Seven entities and eight edges covering every shape the page must cope with."""
    g = nx.MultiDiGraph()
    g.add_node(
        IRAN,
        label="Iran",
        type="Country",
        iri=IRAN,
        wikidata="http://www.wikidata.org/entity/Q794",
        aliases="Islamic Republic of Iran; IRI",
        articles=3,
    )
    g.add_node(
        RUSSIA, label="Russia", type="Country", iri=RUSSIA, wikidata="", aliases="", articles=2
    )
    g.add_node(
        DRONE, label="Shahed-136", type="Weapon", iri=DRONE, wikidata="", aliases="", articles=1
    )
    g.add_node(
        KIRBY,
        label="John Kirby",
        type="Person",
        iri=KIRBY,
        wikidata="",
        aliases="Mr. Kirby",
        articles=1,
    )
    g.add_node(
        KRYVYI,
        label="Кривий Ріг 🇺🇦 \u2028line",
        type="City",
        iri=KRYVYI,
        wikidata="",
        aliases="Kryvyi Rih",
        articles=1,
    )
    g.add_node(
        BAD,
        label=IMG,
        type='<b>Weird & "type"</b>',
        iri=BAD,
        wikidata="javascript:alert(1)",
        aliases=SCRIPT,
        articles=1,
    )
    g.add_node(BARE)  # no attributes at all

    def edge(u, v, n, **attrs):
        base = {
            "label": "supply",
            "predicate": "https://w3id.org/graphbuild/relation/supply",
            "sentence": "Iran supplied Shahed-136 drones to Russia.",
            "doc": "000_a95de5eb2c9af007",
            "title": 'UN: Iran broke law & "supplied" drones',
            "url": "https://example.org/a?x=1&y=2",
            "confidence": 0.81,
            "polarity": "positive",
            "modality": "asserted",
            "attribution": "",
            "role": "object",
        }
        base.update(attrs)
        g.add_edge(u, v, key=statement(n), **base)

    edge(IRAN, DRONE, 1)
    edge(IRAN, RUSSIA, 1, role="recipient")  # one statement, two edges
    edge(
        IRAN,
        RUSSIA,
        2,
        label="deny",
        sentence=HOSTILE_SENTENCE,
        polarity="negative",
        attribution="Iran",
        url="javascript:alert(1)",
        title=SCRIPT,
        doc="001_<doc>",
    )
    edge(
        IRAN,
        RUSSIA,
        3,
        label="plan",
        modality="intended",
        sentence=LONG_SENTENCE,
        attribution=IMG,
        confidence=0.2,
    )
    edge(
        RUSSIA,
        KRYVYI,
        4,
        label="strike",
        sentence="Russia struck Кривий Ріг 🇺🇦 at night.",
        doc="002_x",
        title="",
        url="",
    )
    edge(KIRBY, BAD, 5, label=SCRIPT, sentence=IMG, doc="003_y", confidence=None)
    edge(RUSSIA, RUSSIA, 6, label="reorganize", doc="003_y")  # self-loop
    edge(BARE, IRAN, 7, label="mention", doc="004_z", confidence=1.0)
    return g


def random_network(n_nodes: int, n_edges: int, seed: int = 1) -> nx.MultiDiGraph:
    """A random entity network of the given size, with realistic attribute sizes."""
    rng = random.Random(seed)
    types = ["Person", "Organization", "GovernmentBody", "Country", "City", "Concept", "Weapon"]
    g = nx.MultiDiGraph()
    for i in range(n_nodes):
        g.add_node(
            f"{BASE}e/{i}",
            label=f"Entity {i}",
            type=rng.choice(types),
            iri=f"{BASE}e/{i}",
            wikidata="",
            aliases="",
            articles=rng.randint(1, 5),
        )
    for j in range(n_edges):
        a = rng.randrange(n_nodes)
        b = (
            rng.randrange(n_nodes)
            if rng.random() < 0.3
            else min(n_nodes - 1, a + rng.randint(1, 20))
        )
        g.add_edge(
            f"{BASE}e/{a}",
            f"{BASE}e/{b}",
            key=statement(j),
            label=rng.choice(["supply", "meet", "attack"]),
            predicate="",
            sentence="A sentence of about twenty words " * 4,
            doc=f"d{j % 300}",
            title=f"Article {j % 300}",
            url="",
            confidence=rng.random(),
            polarity="positive",
            modality=rng.choice(["asserted", "asserted", "intended"]),
            attribution="",
            role="object",
        )
    return g


_DATA = re.compile(r'<script type="application/json" id="graph-data">(.*?)</script>', re.S)


def embedded_data(page: str) -> dict:
    """The graph data embedded in a page."""
    match = _DATA.search(page)
    assert match, "no graph data in the page"
    return json.loads(match.group(1))

"""Entity and article pages of real graphs (records written to a store and read back), escaping
on every page, and incremental rewrites."""

from __future__ import annotations

import dataclasses
import html
import json
import re
from pathlib import Path

import pytest
from networks import IMG, IRAN, SCRIPT
from samples import SEED_ID, seed_graph, simple_graph

from graphbuild.graph import iris
from graphbuild.graph.network import entity_network, page_facts
from graphbuild.graph.store import GraphStore
from graphbuild.render import PAGE, page_slug, write_pages

BASE = "https://w3id.org/graphbuild/id/"
SEED_IRAN = BASE + "country/Iran"
SEED_RUSSIA = BASE + "country/Russia"


def build(out: Path, graphs, changed=None) -> list[Path]:
    with GraphStore() as store:
        store.write(graphs)
        network, facts = entity_network(store), page_facts(store)
    return write_pages(network, out, facts=facts, changed=changed)


def entity_page(out: Path, iri: str) -> str:
    return (out / "entities" / f"{page_slug(iri)}.html").read_text(encoding="utf-8")


def article_page(out: Path, doc: str) -> str:
    return (out / "articles" / f"{page_slug(doc)}.html").read_text(encoding="utf-8")


def section(page: str, kind: str) -> str:
    """The text of one kind's statement table (fact, claim, denial, intent), or ""."""
    match = re.search(rf'<section class="kind kind-{kind}".*?</section>', page, re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", match.group(0))) if match else ""


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed")
    build(out, [seed_graph()])
    return out


def test_seed_build_has_a_page_per_entity_and_article(seed):
    with GraphStore() as store:
        store.write([seed_graph()])
        network = entity_network(store)
    with_statements = {n for n in network if network.degree(n)}
    assert {p.stem for p in (seed / "entities").glob("*.html")} == {
        page_slug(n) for n in with_statements
    }
    assert [p.stem for p in (seed / "articles").glob("*.html")] == [page_slug(SEED_ID)]


def test_entity_page_lists_its_statements_by_kind(seed):
    russia = entity_page(seed, SEED_RUSSIA)
    assert "<h1>" in russia and "Russia</h1>" in russia
    intents = words(section(russia, "intent"))
    assert "supply →" in intents and "military component" in intents
    assert "John Kirby" in intents and "recipient:" in intents and "Iran" in intents
    denials = words(section(russia, "denial"))
    assert "use →" in denials and "drone" in denials and "negative" in denials
    assert "Kremlin has denied using" in denials
    facts = words(section(russia, "fact"))
    assert "invade →" in facts and "Ukraine" in facts and "February" in facts
    claims = words(section(russia, "claim"))  # Russia is the recipient of Iran's supply
    assert "it is the recipient" in claims and "Barbara Woodward" in claims
    # facts come first, then claims, denials, intents
    order = [russia.find(f'class="kind kind-{k}"') for k in ("fact", "denial", "intent")]
    assert order == sorted(order) and order[0] > 0
    assert 'href="http://www.wikidata.org/entity/Q159"' in russia
    assert "Russian; the Kremlin" in russia


def test_entity_page_shows_claims_and_argument_roles(seed):
    iran = entity_page(seed, SEED_IRAN)
    claims = words(section(iran, "claim"))
    assert "supply →" in claims and "drone" in claims and "Barbara Woodward" in claims
    assert "0.81" in claims and "hundreds of drones to Russia" in claims
    # Iran is the recipient of Russia's intended supply: listed although it is no edge of it
    intents = words(section(iran, "intent"))
    assert "it is the recipient" in intents and "military component" in intents
    assert f'href="../articles/{page_slug(SEED_ID)}.html"' in iran
    assert "Russia and Iran are strengthening their defense partnership" in iran
    assert "<time>2023-12-08</time>" in iran


def test_entity_page_network_is_its_neighbourhood(seed):
    iran = entity_page(seed, SEED_IRAN)
    data = json.loads(re.search(r'id="graph-data">(.*?)</script>', iran, re.S).group(1))
    ids = {n["id"] for n in data["nodes"]}
    assert data["focus"] == SEED_IRAN and data["nodes"][0]["id"] == SEED_IRAN
    assert {SEED_IRAN, BASE + "concept/drone", SEED_RUSSIA} <= ids  # 1 and 2 hops
    assert all(e["from"] in ids and e["to"] in ids for e in data["edges"])
    assert data["options"]["physics"]["enabled"] is False


def test_article_page_highlights_each_statement(seed):
    page = article_page(seed, SEED_ID)
    assert "<h1>Russia and Iran are strengthening their defense partnership</h1>" in page
    assert "<time>2023-12-08</time>" in page
    marks = re.findall(
        r'<mark class="hl part-(\w+)" data-statements="([\d ]+)" title="([^"]*)">'
        r"([^<]*)</mark>",
        page,
    )
    by_text = {text: (part, html.unescape(title)) for part, _, title, text in marks}
    assert by_text["supplying"][0] == "relation"
    assert "Iran — supply → drone" in by_text["supplying"][1]
    assert "according to Barbara Woodward" in by_text["supplying"][1]
    assert by_text["hundreds of drones"][0] == "object"
    assert "Russia — use → drone" in by_text["using"][1]
    assert "negative" in by_text["using"][1]
    numbers = {n for _, found, _, _ in marks for n in found.split()}
    assert numbers == {"1", "2", "3", "4", "5"}  # every statement has a highlight
    assert len(re.findall(r'<li id="statement-\d+"', page)) == 5


def test_hostile_text_is_data_on_every_page(hostile, tmp_path):
    write_pages(hostile, tmp_path, title=SCRIPT)
    pages = sorted(tmp_path.rglob("*.html"))
    assert len(pages) == 1 + 7 + 5  # overview, entities with statements, articles
    for path in pages:
        page = path.read_text(encoding="utf-8")
        for raw in (SCRIPT, IMG, "<img", "<b>Weird"):
            assert raw not in page, (path.name, raw)
        assert not re.search(r"""(?:href|src)\s*=\s*["']?\s*javascript:""", page, re.I)
        for block in re.findall(r'type="application/json"[^>]*>(.*?)</script>', page, re.S):
            assert not set("<>&") & set(block)
            json.loads(block)
        assert len(re.findall(r"<script\b", page)) == page.count("</script>")


def test_incremental_rewrite_touches_only_changed_pages(tmp_path):
    first = [
        simple_graph("a1", "Iran sent drones to Russia.", title="One"),
        simple_graph("a2", "France sold rifles to Chile.", "France", "sell", "rifles", "Chile"),
    ]
    added = simple_graph(
        "a3", "Chile bought rockets from Peru.", "Chile", "buy", "rockets", "Peru", role="source"
    )
    out, full = tmp_path / "out", tmp_path / "full"
    build(out, first)
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.rglob("*.html")}
    written = build(out, [*first, added], changed={"a3"})
    build(full, [*first, added])
    touched = {p.relative_to(out).as_posix() for p in written}
    assert f"articles/{page_slug('a3')}.html" in touched
    assert f"entities/{page_slug(BASE + 'country/Chile')}.html" in touched
    untouched = [p for p in before if p.relative_to(out).as_posix() not in touched]
    assert any("Iran" in p.name for p in untouched) and any("a1" in p.name for p in untouched)
    for path in untouched:
        assert (path.stat().st_mtime_ns, path.read_bytes()) == before[path], path.name
    # the result is what a full rewrite gives
    pages = sorted(p.relative_to(full).as_posix() for p in full.rglob("*.html"))
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html")) == pages
    for name in pages:
        assert (out / name).read_bytes() == (full / name).read_bytes(), name


def test_pages_shared_with_a_helper_are_the_pages_written_alone(tmp_path, monkeypatch):
    """A helper writes the shares it starts, this process the rest, from the last share
    back; the folder and the list of paths written are those of writing alone."""
    from concurrent.futures import ThreadPoolExecutor

    from graphbuild.render import site

    graphs = [
        seed_graph(),
        simple_graph("a2", "France sold rifles to Chile.", "France", "sell", "rifles", "Chile"),
    ]
    alone = build(tmp_path / "alone", graphs)
    monkeypatch.setattr(site, "PAGE_SHARE", 2)
    with GraphStore() as store:
        store.write(graphs)
        network, facts = entity_network(store), page_facts(store)
    helped = site.Site(network, facts)
    taken: list[list[tuple[str, str]]] = []
    out = tmp_path / "shared"
    with ThreadPoolExecutor(max_workers=1) as pool:

        def helper(keys):
            def write():
                taken.append(keys)
                return site.write_some_pages(helped, out, keys)

            return pool.submit(write)

        shared = write_pages(network, out, facts=facts, helper=helper)
    shares = -(-(len(alone) - 1) // 2)
    assert 0 < len(taken) < shares  # both wrote some
    assert [p.relative_to(out) for p in shared] == [
        p.relative_to(tmp_path / "alone") for p in alone
    ]
    for path in alone:
        assert (out / path.relative_to(tmp_path / "alone")).read_bytes() == path.read_bytes()


def test_removed_article_loses_its_pages(tmp_path):
    one = simple_graph("a1", "Iran sent drones to Russia.")
    two = simple_graph("a2", "France sold rifles to Chile.", "France", "sell", "rifles", "Chile")
    build(tmp_path, [one, two])
    france = tmp_path / "entities" / f"{page_slug(BASE + 'country/France')}.html"
    assert france.is_file()
    build(tmp_path, [one], changed={"a2"})
    assert not france.exists()
    assert not (tmp_path / "articles" / f"{page_slug('a2')}.html").exists()
    assert (tmp_path / "entities" / f"{page_slug(BASE + 'country/Iran')}.html").is_file()
    assert (tmp_path / PAGE).is_file()


def test_pages_without_facts_use_the_network(hostile, tmp_path):
    write_pages(hostile, tmp_path)
    iran = entity_page(tmp_path, IRAN)
    assert "Islamic Republic of Iran; IRI" in iran
    assert 'href="http://www.wikidata.org/entity/Q794"' in iran
    assert "deny" in section(iran, "denial") and "plan" in section(iran, "intent")


def typed(graph, name: str, type_: str):
    """``graph`` with its subject entity ``name`` given the class ``type_``."""
    relation = graph.relations[0]
    subject = dataclasses.replace(relation.subject, type=type_, iri=iris.entity_iri(name, type_))
    return dataclasses.replace(graph, relations=(dataclasses.replace(relation, subject=subject),))


def test_a_new_entity_class_recolours_the_pages_it_shifts(tmp_path):
    # classes outside the palette take colours in alphabetical order: a new one can move the
    # colour of one already drawn on pages the changed article does not touch
    one = typed(simple_graph("a1", "Vega sent drones to Russia.", "Vega"), "Vega", "Law")
    two = typed(
        simple_graph("a2", "Alpha sold rifles to Chile.", "Alpha", "sell", "rifles", "Chile"),
        "Alpha",
        "Facility",
    )
    out, full = tmp_path / "out", tmp_path / "full"
    build(out, [one])
    build(out, [one, two], changed={"a2"})
    build(full, [one, two])
    pages = sorted(p.relative_to(full).as_posix() for p in full.rglob("*.html"))
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html")) == pages
    for name in pages:
        assert (out / name).read_bytes() == (full / name).read_bytes(), name

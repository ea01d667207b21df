"""Hand-made records for the tests: the seed article's central claims (``seed_graph``) and a
one-relation article with every field adjustable (``simple_graph``); and the files of a graph
folder (``folder_files``), to compare two builds.

The tests import them as ``from samples import ...`` (``tests/`` holds the root ``conftest.py``,
so pytest puts it on the import path).

The seed records hold what the extract and resolve stages should produce for five sentences of
the seed article: a fact with a recipient and an attribution (Iran supplies drones to Russia), an
intent, a denial, a fact with a time qualifier and a statement without object.

>>> ag = seed_graph()
>>> [(r.subject.entity, r.relation.lemma, r.polarity, r.modality) for r in ag.relations][:3]
[('Iran', 'supply', 'positive', 'asserted'), ('Russia', 'provide', 'positive', 'intended'), \
('Russia', 'use', 'negative', 'asserted')]
"""

from __future__ import annotations

from pathlib import Path

from graphbuild.graph import iris, vocab
from graphbuild.graph.iris import DEFAULT_BASE
from graphbuild.records import Argument, Article, ArticleGraph, Entity, Part, Predicate, Relation

SEED_ID = "000_a95de5eb2c9af007"

SENTENCES = (
    "“As part of this collaboration, we are concerned that Russia intends to provide Iran with "
    "advanced military components.”",
    "Barbara Woodward, the U.K. ambassador to the United Nations, called for an investigation, "
    "saying that Iran had violated international law in supplying hundreds of drones to Russia "
    "and that Russia was now seeking hundreds of ballistic weapons.",
    "The Kremlin has denied using Iranian-made drones to attack civilians, and the Iranian "
    "government denied for weeks that it had sent the drones.",
    "Amid growing international calls for accountability and new sanctions from the West, Iran "
    "acknowledged their delivery in early November, though the Iranian foreign minister "
    "maintained that the deliveries had all taken place before Russia invaded Ukraine in "
    "February.",
    "Iranian support for Russia’s military is expected to grow in the coming months.",
)
TEXT = "\n\n".join(SENTENCES)

ENTITIES = (
    ("Iran", "Country", "Q794", ("Iranian", "the Iranian government")),
    ("Russia", "Country", "Q159", ("the Kremlin", "Russian")),
    ("Ukraine", "Country", "Q212", ()),
    ("John Kirby", "Person", None, ("Mr. Kirby",)),
    ("Barbara Woodward", "Person", "Q4858925", ()),
)


def _span(text: str, sentence: int = 0, nth: int = 1) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``text`` in sentence ``sentence`` of ``TEXT``."""
    start = sum(len(s) + 2 for s in SENTENCES[:sentence]) - 1
    for _ in range(nth):
        start = TEXT.index(text, start + 1)
    return (start, start + len(text))


def _sentence(number: int) -> tuple[str, tuple[int, int]]:
    start = sum(len(s) + 2 for s in SENTENCES[:number])
    return SENTENCES[number], (start, start + len(SENTENCES[number]))


def _entity(text: str, name: str, sentence: int, base: str, nth: int = 1) -> Part:
    type_ = next(t for n, t, *_ in ENTITIES if n == name)
    return Part(
        text,
        _span(text, sentence, nth),
        entity=name,
        type=type_,
        iri=iris.entity_iri(name, type_, base),
    )


def _concept(text: str, head: str, sentence: int, base: str) -> Part:
    return Part(text, _span(text, sentence), head=head, iri=iris.entity_iri(head, None, base))


def _argument(part: Part, role: str, prep: str | None) -> Argument:
    return Argument(
        part.text,
        part.span,
        head=part.head,
        entity=part.entity,
        type=part.type,
        iri=part.iri,
        role=role,
        prep=prep,
    )


def _predicate(text: str, lemma: str, sentence: int) -> Predicate:
    return Predicate(text, lemma, _span(text, sentence), vocab.predicate_iri(lemma))


def seed_graph(base: str = DEFAULT_BASE) -> ArticleGraph:
    """The seed article's central claims as an ``ArticleGraph``, IRIs minted under ``base``."""
    article = Article(
        id=SEED_ID,
        text=TEXT,
        title="Russia and Iran are strengthening their defense partnership",
        date="2023-12-08",
        url="https://example.org/world/russia-iran-defense-partnership",
        source=f"{SEED_ID}.txt",
    )
    kirby = Part(
        "we",
        _span("we", 0),
        entity="John Kirby",
        type="Person",
        iri=iris.entity_iri("John Kirby", "Person", base),
    )
    relations = []

    text, span = _sentence(1)
    relations.append(
        Relation(
            SEED_ID,
            text,
            span,
            _entity("Iran", "Iran", 1, base),
            _predicate("supplying", "supply", 1),
            _concept("hundreds of drones", "drone", 1, base),
            (_argument(_entity("Russia", "Russia", 1, base), "recipient", "to"),),
            attribution=_entity("Barbara Woodward", "Barbara Woodward", 1, base),
            confidence=0.81,
            rule="clause.verb_object",
        )
    )
    text, span = _sentence(0)
    relations.append(
        Relation(
            SEED_ID,
            text,
            span,
            _entity("Russia", "Russia", 0, base),
            _predicate("provide", "provide", 0),
            _concept("advanced military components", "military component", 0, base),
            (_argument(_entity("Iran", "Iran", 0, base), "recipient", None),),
            modality="intended",
            attribution=kirby,
            confidence=0.66,
            rule="clause.verb_object",
        )
    )
    text, span = _sentence(2)
    relations.append(
        Relation(
            SEED_ID,
            text,
            span,
            _entity("The Kremlin", "Russia", 2, base),
            _predicate("using", "use", 2),
            _concept("Iranian-made drones", "drone", 2, base),
            (_argument(_concept("civilians", "civilian", 2, base), "purpose", "to attack"),),
            polarity="negative",
            attribution=_entity("The Kremlin", "Russia", 2, base),
            confidence=0.58,
            rule="speech.denial",
        )
    )
    text, span = _sentence(3)
    relations.append(
        Relation(
            SEED_ID,
            text,
            span,
            _entity("Russia", "Russia", 3, base),
            _predicate("invaded", "invade", 3),
            _entity("Ukraine", "Ukraine", 3, base),
            (_argument(_concept("February", "February", 3, base), "time", "in"),),
            confidence=0.74,
            rule="clause.verb_object",
        )
    )
    text, span = _sentence(4)
    relations.append(
        Relation(
            SEED_ID,
            text,
            span,
            _concept("Iranian support", "support", 4, base),
            _predicate("grow", "grow", 4),
            None,
            (_argument(_concept("the coming months", "month", 4, base), "time", "in"),),
            modality="expected",
            confidence=0.42,
            rule="clause.intransitive",
        )
    )
    entities = tuple(
        Entity(name, type_, iris.entity_iri(name, type_, base), aliases, wikidata)
        for name, type_, wikidata, aliases in ENTITIES
    )
    return ArticleGraph(article, tuple(relations), entities)


def simple_graph(
    doc: str = "a1",
    sentence: str = "Iran sent drones to Russia.",
    subject: str = "Iran",
    lemma: str = "send",
    obj: str | None = "drones",
    recipient: str | None = "Russia",
    *,
    polarity: str = "positive",
    modality: str = "asserted",
    confidence: float = 0.7,
    attribution: str | None = None,
    title: str | None = "A title",
    role: str = "recipient",
    text: str | None = None,
) -> ArticleGraph:
    """One article with one relation, for examples and tests: the subject, recipient and
    attribution are entities typed Country, the object a concept named by its last word.
    Offsets are taken from ``sentence`` where the text is found there.

    >>> ag = simple_graph(polarity="negative")
    >>> ag.relations[0].subject.iri, ag.relations[0].is_fact
    ('https://w3id.org/graphbuild/id/country/Iran', False)
    """

    def span(part: str) -> tuple[int, int]:
        start = sentence.find(part)
        return (start, start + len(part)) if start >= 0 else (0, 0)

    def entity(name: str) -> Part:
        return Part(
            name, span(name), entity=name, type="Country", iri=iris.entity_iri(name, "Country")
        )

    arguments = ()
    if recipient is not None:
        part = entity(recipient)
        arguments = (
            Argument(
                part.text,
                part.span,
                entity=part.entity,
                type=part.type,
                iri=part.iri,
                role=role,
                prep="to",
            ),
        )
    head = obj.split()[-1] if obj and obj.split() else obj
    relation = Relation(
        doc=doc,
        sentence=sentence,
        sentence_span=(0, len(sentence)),
        subject=entity(subject),
        relation=Predicate(lemma, lemma, span(lemma)),
        object=Part(obj, span(obj), head=head) if obj is not None else None,
        arguments=arguments,
        polarity=polarity,
        modality=modality,
        attribution=entity(attribution) if attribution else None,
        confidence=confidence,
        rule="test",
    )
    names = {subject, *(n for n in (recipient, attribution) if n)}
    entities = tuple(
        Entity(n, "Country", iris.entity_iri(n, "Country"), (f"{n} alias",)) for n in sorted(names)
    )
    article = Article(id=doc, text=text if text is not None else sentence, title=title)
    return ArticleGraph(article, (relation,), entities)


def folder_files(out: Path) -> dict[str, bytes]:
    """Every file of the graph folder ``out`` but its store and ``build.json`` (which holds
    timings), by path relative to ``out``."""
    return {
        path.relative_to(out).as_posix(): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file() and path.relative_to(out).parts[0] not in ("store", "build.json")
    }

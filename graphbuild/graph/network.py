"""The entity network: entities as nodes, statements as edges, read from the store.

Entity types, labels, aliases and Wikidata links come from the shared entity graph (relation
labels from it or from the ontology graph), statements from the article graphs.

It is what the pages draw and what the GraphML and Neo4j exports write, so its attributes are
plain strings, integers and floats.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graphbuild.graph import vocab
from graphbuild.graph.vocab import DCTERMS, GB, NIF, OWL, PROV, RDF, RDFS, SCHEMA, SKOS

if TYPE_CHECKING:
    import networkx

    from graphbuild.graph.store import GraphStore

_GENERIC = ("Entity", "Concept")


class Columns:
    """The values of each predicate by subject, over every graph of a store, each predicate
    read once: ``entity_network`` and ``page_facts`` of the same store share them.

    >>> from graphbuild.graph.store import GraphStore
    >>> from graphbuild.records import Article, ArticleGraph
    >>> with GraphStore() as gs:
    ...     _ = gs.write([ArticleGraph(Article(id="a1", text="Hi.", title="Hello"), (), ())])
    ...     list(Columns(gs).first(DCTERMS.title).values())
    ['Hello']
    """

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._read: dict[ox.NamedNode, dict[str, set[str]]] = {}

    def values(self, predicate: ox.NamedNode) -> dict[str, set[str]]:
        """Subject IRI (or blank node id) -> the values of ``predicate``."""
        found = self._read.get(predicate)
        if found is None:
            found = defaultdict(set)
            # a SELECT hands over the values faster than quads_for_pattern hands over quads
            for subject, value in self.store.query(f"SELECT ?s ?o {{ ?s {predicate} ?o }}"):
                found[subject.value].add(value.value)
            self._read[predicate] = found
        return found

    def first(self, predicate: ox.NamedNode) -> dict[str, str]:
        """Subject IRI -> its first value of ``predicate`` in code-point order."""
        return {subject: min(values) for subject, values in self.values(predicate).items()}


def entity_network(
    store: GraphStore, min_confidence: float = 0.0, columns: Columns | None = None
) -> networkx.MultiDiGraph:
    """Entity graph for pages and graph exports.

    Node key = entity IRI; node attributes: ``label``, ``type`` (ontology class local name),
    ``iri``, ``wikidata`` ("" if none), ``aliases`` ("; "-joined), ``articles`` (how many
    articles mention it). Edge key = statement IRI; edge attributes: ``label`` (relation name),
    ``predicate`` (IRI), ``sentence``, ``doc`` (article id), ``title``, ``url``, ``confidence``,
    ``polarity``, ``modality``, ``attribution`` (entity name or ""), ``role``, ``date`` (the
    statement's event date, else its article's date, else ""). Time qualifiers are values of
    their statements, not nodes. One edge per statement with confidence >= ``min_confidence``
    whose subject and object are both nodes; a statement without object points to its first
    argument that is a node, and ``role`` names that argument's role ("" otherwise).
    ``columns``, when given, are the store's ``Columns``, shared with ``page_facts``.

    >>> from graphbuild.graph.store import GraphStore
    >>> from graphbuild.records import Article, ArticleGraph, Part, Predicate, Relation
    >>> r = Relation("a1", "Iran sent drones.", (0, 17), Part("Iran", (0, 4), entity="Iran",
    ...     type="Country"), Predicate("sent", "send", (5, 9)), Part("drones", (10, 16),
    ...     head="drone"), confidence=0.8)
    >>> with GraphStore() as gs:
    ...     _ = gs.write([ArticleGraph(Article(id="a1", text="Iran sent drones."), (r,), ())])
    ...     net = entity_network(gs)
    >>> sorted(net.nodes[n]["label"] for n in net)
    ['Iran', 'drone']
    >>> [(d["label"], d["confidence"], d["polarity"]) for *_, d in net.edges(data=True)]
    [('supply', 0.8, 'positive')]
    """
    import networkx

    classes = {GB[name].value: name for name in vocab.entity_classes().values()}
    types: dict[str, set[str]] = defaultdict(set)
    for quad in store.quads_for_pattern(None, RDF.type, None, None):
        name = classes.get(quad.object.value)
        if name is not None and isinstance(quad.subject, ox.NamedNode):
            types[quad.subject.value].add(name)
    # how many article graphs hold their own view of the entity
    graphs: dict[str, set[str]] = defaultdict(set)
    for quad in store.quads_for_pattern(None, GB.typeInArticle, None, None):
        graphs[quad.subject.value].add(str(quad.graph_name))
    columns = columns if columns is not None else Columns(store)
    labels = columns.first(RDFS.label)
    aliases = columns.values(SKOS.altLabel)
    same_as = columns.values(OWL.sameAs)

    net = networkx.MultiDiGraph()
    for iri in sorted(types):
        if "Date" in types[iri]:
            continue  # a time qualifier is a value of its statement, not a party to it
        kinds = sorted(types[iri], key=lambda k: (k in _GENERIC, k))
        label = labels.get(iri, "")
        wikidata = sorted(v for v in same_as.get(iri, ()) if v.startswith(str(vocab.WIKIDATA)))
        names = sorted(aliases.get(iri, set()) - {label})
        net.add_node(
            iri,
            label=label,
            type=kinds[0],
            iri=iri,
            wikidata=wikidata[0] if wikidata else "",
            aliases="; ".join(names),
            articles=len(graphs[iri]),
        )

    statements = sorted(
        quad.subject.value
        for quad in store.quads_for_pattern(None, RDF.type, GB.Statement, None)
        if isinstance(quad.subject, ox.NamedNode)
    )
    if not statements:
        return net
    props = {
        name: columns.first(predicate)
        for name, predicate in {
            "subject": RDF.subject,
            "predicate": RDF.predicate,
            "object": RDF.object,
            "confidence": GB.confidence,
            "eventDate": GB.eventDate,
            "date": DCTERMS.date,
            "evidence": GB.evidence,
            "polarity": GB.polarity,
            "modality": GB.modality,
            "attributedTo": GB.attributedTo,
            "derived": PROV.wasDerivedFrom,
            "refersTo": GB.refersTo,
            "role": GB.role,
            "identifier": DCTERMS.identifier,
            "title": DCTERMS.title,
            "url": SCHEMA.url,
        }.items()
    }

    mention_sets = columns.values(GB.argumentMention)

    def value(name: str, iri: str) -> str:
        return props[name].get(iri, "")

    for st in statements:
        subject = value("subject", st)
        target = value("object", st)
        role = ""
        if not target:
            mentions = sorted(mention_sets.get(st, ()), key=lambda m: (len(m), m))
            first = next((m for m in mentions if value("refersTo", m) in net), None)
            if first is not None:
                target = value("refersTo", first)
                role = value("role", first)
        if subject not in net or target not in net:
            continue
        try:
            confidence = float(value("confidence", st))
        except ValueError:
            confidence = 0.0
        if confidence < min_confidence:
            continue
        predicate = value("predicate", st)
        article = value("derived", st)
        attribution = value("attributedTo", st)
        net.add_edge(
            subject,
            target,
            key=st,
            label=labels.get(predicate) or predicate.rsplit("/", 1)[-1],
            predicate=predicate,
            sentence=value("evidence", st),
            doc=value("identifier", article),
            title=value("title", article),
            url=value("url", article),
            confidence=confidence,
            polarity=value("polarity", st).removeprefix(str(GB)).lower(),
            modality=value("modality", st).removeprefix(str(GB)).lower(),
            attribution=labels.get(attribution, "") if attribution else "",
            role=role,
            date=value("eventDate", st) or value("date", article),
        )
    return net


@dataclass(frozen=True)
class ArgumentView:
    """One argument of a statement as the pages show it."""

    role: str
    text: str
    span: tuple[int, int] | None
    """Character offsets into the article's text (end exclusive), when known."""
    target: str = ""
    """The IRI of the entity or concept the argument refers to ("" if none)."""
    label: str = ""
    date: str = ""
    """The calendar value of a time argument ("" otherwise)."""


@dataclass(frozen=True)
class StatementView:
    """One statement of an article, with the surface text the pages highlight."""

    iri: str
    doc: str
    relation: str
    subject: str
    subject_text: str
    relation_text: str
    object: str = ""
    object_text: str = ""
    sentence: str = ""
    sentence_span: tuple[int, int] | None = None
    polarity: str = "positive"
    modality: str = "asserted"
    attribution: str = ""
    confidence: float | None = None
    date: str = ""
    arguments: tuple[ArgumentView, ...] = ()


@dataclass(frozen=True)
class ArticleView:
    """One article of the graph: what the pages show of it."""

    id: str
    iri: str
    title: str = ""
    url: str = ""
    date: str = ""
    text: str = ""  # the article's text, which statement offsets count in


@dataclass(frozen=True)
class PageFacts:
    """What the pages need beyond the entity network: every article, and every statement with
    its surface texts and arguments (also those the network leaves out)."""

    articles: dict[str, ArticleView]
    """Article id -> the article."""
    statements: dict[str, StatementView]
    """Statement IRI -> the statement."""
    labels: dict[str, str]
    """Entity or concept IRI -> its label."""


def page_facts(store: GraphStore, columns: Columns | None = None) -> PageFacts:
    """Every article and statement of ``store`` as the pages show them.

    The store keeps each article's text (``nif:isString``), each statement's evidence sentence
    with its offsets in it and each argument's offsets. ``columns``, when given, are the
    store's ``Columns``, shared with ``entity_network``.

    >>> from graphbuild.graph.store import GraphStore
    >>> from graphbuild.records import Article, ArticleGraph, Part, Predicate, Relation
    >>> r = Relation("a1", "Iran sent drones.", (0, 17), Part("Iran", (0, 4), entity="Iran",
    ...     type="Country"), Predicate("sent", "send", (5, 9)), Part("drones", (10, 16),
    ...     head="drone"), confidence=0.8)
    >>> with GraphStore() as gs:
    ...     _ = gs.write([ArticleGraph(Article(id="a1", text="Iran sent drones."), (r,), ())])
    ...     facts = page_facts(gs)
    >>> list(facts.articles)
    ['a1']
    >>> [(s.subject_text, s.relation_text, s.object_text, s.sentence_span)
    ...  for s in facts.statements.values()]
    [('Iran', 'sent', 'drones', (0, 17))]
    """
    columns = columns if columns is not None else Columns(store)
    labels = columns.first(RDFS.label)
    articles: dict[str, ArticleView] = {}
    by_iri: dict[str, str] = {}
    props = {
        name: columns.first(predicate)
        for name, predicate in {
            "identifier": DCTERMS.identifier,
            "title": DCTERMS.title,
            "url": SCHEMA.url,
            "date": DCTERMS.date,
            "isString": NIF.isString,
            "subject": RDF.subject,
            "predicate": RDF.predicate,
            "object": RDF.object,
            "subjectText": GB.subjectText,
            "relationText": GB.relationText,
            "objectText": GB.objectText,
            "evidence": GB.evidence,
            "begin": NIF.beginIndex,
            "end": NIF.endIndex,
            "polarity": GB.polarity,
            "modality": GB.modality,
            "attributedTo": GB.attributedTo,
            "confidence": GB.confidence,
            "eventDate": GB.eventDate,
            "derived": PROV.wasDerivedFrom,
            "role": GB.role,
            "text": GB.text,
            "refersTo": GB.refersTo,
            "dateValue": GB.dateValue,
        }.items()
    }

    def value(name: str, iri: str) -> str:
        return props[name].get(iri, "")

    def span(iri: str) -> tuple[int, int] | None:
        try:
            return (int(value("begin", iri)), int(value("end", iri)))
        except ValueError:
            return None

    for quad in store.quads_for_pattern(None, RDF.type, GB.Article, None):
        iri = quad.subject.value
        doc = value("identifier", iri) or iri
        by_iri[iri] = doc
        articles[doc] = ArticleView(
            id=doc,
            iri=iri,
            title=value("title", iri),
            url=value("url", iri),
            date=value("date", iri),
            text=value("isString", iri),
        )
    mention_sets = columns.values(GB.argumentMention)
    statements: dict[str, StatementView] = {}
    for quad in store.quads_for_pattern(None, RDF.type, GB.Statement, None):
        st = quad.subject.value
        if st in statements:
            continue
        article = value("derived", st)
        doc = by_iri.get(article, value("identifier", article))
        arguments = []
        for mention in sorted(mention_sets.get(st, ()), key=lambda m: (len(m), m)):
            target = value("refersTo", mention)
            arguments.append(
                ArgumentView(
                    role=value("role", mention),
                    text=value("text", mention),
                    span=span(mention),
                    target=target,
                    label=labels.get(target, ""),
                    date=value("dateValue", mention),
                )
            )
        predicate = value("predicate", st)
        attribution = value("attributedTo", st)
        try:
            confidence: float | None = float(value("confidence", st))
        except ValueError:
            confidence = None
        statements[st] = StatementView(
            iri=st,
            doc=doc,
            relation=labels.get(predicate) or predicate.rsplit("/", 1)[-1],
            subject=value("subject", st),
            subject_text=value("subjectText", st),
            relation_text=value("relationText", st),
            object=value("object", st),
            object_text=value("objectText", st),
            sentence=value("evidence", st),
            sentence_span=span(st),
            polarity=value("polarity", st).removeprefix(str(GB)).lower() or "positive",
            modality=value("modality", st).removeprefix(str(GB)).lower() or "asserted",
            attribution=labels.get(attribution, "") if attribution else "",
            confidence=confidence,
            date=value("eventDate", st) or value("date", article),
            arguments=tuple(arguments),
        )
    return PageFacts(
        articles=dict(sorted(articles.items())),
        statements=dict(sorted(statements.items())),
        labels=labels,
    )

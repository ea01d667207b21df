"""Mapping one article's records to RDF quads (pure: no I/O, no clock, no randomness).

Everything extracted from an article goes into the article's named graph (its IRI is
``iris.article_iri(doc_id)``): the article description, every statement with its direct triple,
and the article's own view of the entities, concepts and relation predicates it uses, under
graphbuild-specific properties that no generic query joins on by accident::

    <country/Iran> gb:nameInArticle "Iran" ; gb:typeInArticle gb:Country ;
        gb:aliasInArticle "Iranian" ; gb:wikidataInArticle wd:Q794 .
    rel:supply gb:nameInArticle "supply" ; gb:typeInArticle gb:CoreRelation .

The article graph is the source of truth: the shared entity graph (one ``rdf:type``,
``rdfs:label``, ``skos:altLabel`` and ``owl:sameAs`` description per entity) is derived from the
article views of all articles by ``graphbuild.graph.shared``, so replacing or removing an
article stays exact.

Shape of a statement (``gb:`` is the ontology, ``rel:`` the relation namespace)::

    <statement/doc/hash> a gb:Statement ;
        rdf:subject <country/Iran> ; rdf:predicate rel:supply ; rdf:object <concept/drone> ;
        gb:recipient <country/Russia> ;            # one role property per argument
        gb:argumentMention <statement/doc/hash/arg/1> ;
        gb:polarity gb:Positive ; gb:modality gb:Asserted ;
        gb:attributedTo <person/Barbara_Woodward> ;
        gb:confidence 0.81 ;                        # xsd:decimal
        gb:evidence "...sentence..." ; nif:beginIndex 1530 ; nif:endIndex 1702 ;
        prov:wasDerivedFrom <article/doc> ; gb:extractionRule "..." .
    <country/Iran> rel:supply <concept/drone> .    # only for positive, asserted statements

Literals are plain ``xsd:string`` (no language tag) for all text, ``xsd:integer`` for offsets,
``xsd:decimal`` (at most three decimals) for confidences, ``xsd:date``/``xsd:dateTime`` for ISO
dates (other dates stay plain strings). Typed literals are written in the canonical form the
store keeps, so the quads mapped here are exactly the quads stored.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter

import pyoxigraph as ox

from graphbuild.errors import InputError
from graphbuild.graph import iris, vocab
from graphbuild.graph.iris import DEFAULT_BASE
from graphbuild.graph.vocab import (
    DCTERMS,
    GB,
    NIF,
    PROV,
    RDF,
    SCHEMA,
    WIKIDATA,
    XSD,
)
from graphbuild.records import (
    MODALITIES,
    POLARITIES,
    ROLES,
    Argument,
    ArticleGraph,
    Part,
    Relation,
)

_QID = re.compile(r"^Q[1-9][0-9]*$")
_NON_CHARACTERS = re.compile("[\ud800-\udfff]")


def article_quads(ag: ArticleGraph, base: str = DEFAULT_BASE) -> list[ox.Quad]:
    """All quads describing one article, in its named graph, in a deterministic order.

    Raises ``InputError`` when a record holds a value the graph cannot represent (a polarity,
    modality or role outside the sets of ``graphbuild.records``, a confidence outside [0, 1],
    an invalid IRI).

    >>> from graphbuild.records import Article, ArticleGraph
    >>> quads = article_quads(ArticleGraph(Article(id="a1", text="Hi."), (), ()))
    >>> quads[0].graph_name.value
    'https://w3id.org/graphbuild/id/article/a1'
    >>> sorted(q.predicate.value.rsplit("#", 1)[-1] for q in quads)
    ['contentHash', 'http://purl.org/dc/terms/identifier', 'isString', 'type']
    """
    return _Mapper(ag, base).quads()


def valid_iri(iri: str) -> str:
    """``iri`` itself when it is a valid IRI, else with its disallowed characters encoded.

    >>> valid_iri("https://example.org/a b")
    'https://example.org/a%20b'
    """
    try:
        ox.NamedNode(iri)
    except ValueError:
        return iris.escape_iri(iri)
    return iri


def graph_iri(doc_id: str, base: str = DEFAULT_BASE) -> str:
    """The IRI of an article's named graph: ``iris.article_iri``, made valid for any id.

    >>> graph_iri("a1")
    'https://w3id.org/graphbuild/id/article/a1'
    """
    return valid_iri(iris.article_iri(doc_id, base))


def statement_key(relation: Relation) -> str:
    """The key of a relation inside its article: the spans of its parts and its lemma.

    >>> from graphbuild.records import Part, Predicate, Relation
    >>> r = Relation("a1", "Iran sent drones.", (0, 17), Part("Iran", (0, 4)),
    ...              Predicate("sent", "send", (5, 9)), Part("drones", (10, 16)))
    >>> statement_key(r)
    '0-17|0-4|5-9:send|10-16|'
    """

    def span(part: Part | None) -> str:
        return f"{part.span[0]}-{part.span[1]}" if part is not None else ""

    args = ",".join(f"{a.role}:{span(a)}" for a in relation.arguments)
    rel = relation.relation
    return (
        f"{relation.sentence_span[0]}-{relation.sentence_span[1]}|{span(relation.subject)}|"
        f"{rel.span[0]}-{rel.span[1]}:{rel.lemma}|{span(relation.object)}|{args}"
    )


def part_iri(part: Part, base: str = DEFAULT_BASE) -> str:
    """The node of a part: its resolved IRI, or one minted from its entity name or head word.

    >>> part_iri(Part("hundreds of drones", (0, 18), head="drone"))
    'https://w3id.org/graphbuild/id/concept/drone'
    >>> part_iri(Part("Tehran", (0, 6), entity="Iran", type="Country"))
    'https://w3id.org/graphbuild/id/country/Iran'
    """
    if part.iri:
        return part.iri
    if part.entity:
        return iris.entity_iri(part.entity, part.type, base)
    return iris.entity_iri(part.head or part.text, None, base)


def confidence_literal(value: float) -> ox.Literal:
    """A confidence as an ``xsd:decimal`` with at most three decimals, in the canonical form
    the store keeps (no trailing zeros).

    >>> confidence_literal(0.8123).value, confidence_literal(0.5).value, confidence_literal(1).value
    ('0.812', '0.5', '1')
    """
    text = f"{round(float(value), 3):.3f}".rstrip("0").rstrip(".")
    return ox.Literal(text or "0", datatype=XSD.decimal)


def date_literal(value: str) -> ox.Literal:
    """``xsd:date`` for an ISO date, ``xsd:dateTime`` for an ISO date-time, else a string.

    >>> date_literal("2024-02-23").datatype.value
    'http://www.w3.org/2001/XMLSchema#date'
    >>> date_literal("Friday").datatype.value
    'http://www.w3.org/2001/XMLSchema#string'
    """
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            return _string(value)
        return ox.Literal(text, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?", text):
        try:
            parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return _string(value)
        text = parsed.isoformat()
        if parsed.microsecond:
            head, _, tail = text.partition(".")
            digits = tail[:6].rstrip("0")
            text = f"{head}.{digits}{tail[6:]}"
        if text.endswith("+00:00"):
            text = text[:-6] + "Z"
        return ox.Literal(text, datatype=XSD.dateTime)
    return _string(value)


DATE_TYPES = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}
"""The datatype of a resolved time argument's calendar value, by its granularity."""


def event_date_literal(argument: Argument) -> ox.Literal | None:
    """The calendar value of a resolved time argument, typed by its granularity, else ``None``.

    >>> from graphbuild.records import Argument
    >>> when = Argument("in February", (0, 11), role="time", value="2020-02", granularity="month")
    >>> event_date_literal(when).value, event_date_literal(when).datatype.value
    ('2020-02', 'http://www.w3.org/2001/XMLSchema#gYearMonth')
    >>> event_date_literal(Argument("later", (0, 5), role="time")) is None
    True
    """
    datatype = DATE_TYPES.get(argument.granularity or "")
    if argument.role != "time" or argument.value is None or datatype is None:
        return None
    return ox.Literal(argument.value, datatype=datatype)


def wikidata_iri(value: str) -> str | None:
    """The Wikidata entity IRI for a QID or an entity IRI; None when it is neither.

    >>> wikidata_iri("Q794")
    'http://www.wikidata.org/entity/Q794'
    >>> wikidata_iri("https://www.wikidata.org/wiki/Q794")
    'http://www.wikidata.org/entity/Q794'
    >>> wikidata_iri("nonsense") is None
    True
    """
    qid = value.strip().rstrip("/").rsplit("/", 1)[-1]
    if _QID.match(qid):
        return str(WIKIDATA) + qid
    return None


def _string(text: str) -> ox.Literal:
    try:
        return ox.Literal(text)
    except (ValueError, UnicodeEncodeError):
        return ox.Literal(_NON_CHARACTERS.sub("\ufffd", text))


def integer_literal(value: int) -> ox.Literal:
    """An ``xsd:integer`` (offsets, counts, ranks).

    >>> integer_literal(3).value, integer_literal(3).datatype.value
    ('3', 'http://www.w3.org/2001/XMLSchema#integer')
    """
    return ox.Literal(str(int(value)), datatype=XSD.integer)


class _Mapper:
    """Collects the quads of one article graph."""

    def __init__(self, ag: ArticleGraph, base: str) -> None:
        self.ag = ag
        self.base = base
        self.doc = ag.article.id
        self.graph = self.node(graph_iri(self.doc, base))
        self.out: dict[ox.Quad, None] = {}
        # entity IRI -> votes for its class and label: (priority, value), 0 = Entity record,
        # 1 = resolved part, 2 = unresolved part (a concept)
        self.classes: dict[str, Counter[tuple[int, str]]] = {}
        self.labels: dict[str, Counter[tuple[int, str]]] = {}
        self.aliases: dict[str, set[str]] = {}
        self.wikidata: dict[str, set[str]] = {}
        self.governs: dict[str, str] = {}
        self.predicates: dict[str, set[str]] = {}

    def node(self, iri: str) -> ox.NamedNode:
        try:
            # a name holding characters IRIs may not hold (e.g. U+E0100) gets them encoded
            return ox.NamedNode(valid_iri(iri))
        except ValueError as err:
            raise InputError(f"article {self.doc!r}", f"invalid IRI {iri!r}: {err}") from None

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self.out[ox.Quad(s, p, o, self.graph)] = None

    def quads(self) -> list[ox.Quad]:
        self.describe_article()
        for entity in self.ag.entities:
            self.note_entity(entity.iri, entity.type, 0, entity.name)
            self.aliases.setdefault(entity.iri, set()).update(entity.aliases)
            if entity.wikidata:
                self.wikidata.setdefault(entity.iri, set()).add(entity.wikidata)
            if entity.country:
                state = iris.entity_iri(entity.country, "Country", self.base)
                self.note_entity(state, "Country", 0, entity.country)
                self.governs[entity.iri] = state
        keys: Counter[str] = Counter()
        for relation in self.ag.relations:
            key = statement_key(relation)
            keys[key] += 1
            if keys[key] > 1:
                key = f"{key}#{keys[key]}"
            self.describe_statement(relation, key)
        self.describe_entities()
        self.describe_predicates()
        return list(self.out)

    def describe_article(self) -> None:
        article, g = self.ag.article, self.graph
        self.add(g, RDF.type, GB.Article)
        self.add(g, DCTERMS.identifier, _string(article.id))
        self.add(g, GB.contentHash, _string(article.hash))
        if article.title:
            self.add(g, DCTERMS.title, _string(article.title))
            self.add(g, SCHEMA.headline, _string(article.title))
        if article.url:
            url = iris.escape_iri(article.url.strip())
            try:
                self.add(g, SCHEMA.url, ox.NamedNode(url))
            except ValueError:
                self.add(g, SCHEMA.url, ox.Literal(url, datatype=XSD.anyURI))
        if article.date:
            self.add(g, DCTERMS.date, date_literal(article.date))
        if article.text:
            # the text the statements' offsets (nif:beginIndex / nif:endIndex) count in
            self.add(g, NIF.isString, _string(article.text))

    def note_entity(self, iri: str, type_: str | None, priority: int, label: str) -> None:
        self.classes.setdefault(iri, Counter())[priority, vocab.class_name(type_)] += 1
        self.labels.setdefault(iri, Counter())[priority, label] += 1

    def note_part(self, part: Part) -> ox.NamedNode:
        iri = part_iri(part, self.base)
        if part.entity:
            self.note_entity(iri, part.type or "Entity", 1, part.entity)
        else:
            self.note_entity(iri, part.type, 2, part.head or part.text)
        return self.node(iri)

    def check(self, relation: Relation, key: str) -> None:
        where = f"relation {key!r} of article {self.doc!r}"
        if relation.polarity not in POLARITIES:
            raise InputError(where, f"unknown polarity {relation.polarity!r}")
        if relation.modality not in MODALITIES:
            raise InputError(where, f"unknown modality {relation.modality!r}")
        for argument in relation.arguments:
            if argument.role not in ROLES:
                raise InputError(where, f"unknown argument role {argument.role!r}")
        conf = relation.confidence
        if not isinstance(conf, int | float) or math.isnan(conf) or not 0 <= conf <= 1:
            raise InputError(where, f"confidence {conf!r} is not a number in [0, 1]")

    def describe_statement(self, relation: Relation, key: str) -> None:
        self.check(relation, key)
        st = self.node(iris.statement_iri(self.doc, key, self.base))
        rel = relation.relation
        name = vocab.relation_name(rel.lemma, relation.rule)
        predicate_iri = rel.predicate or iris.relation_iri(name)
        self.predicates.setdefault(predicate_iri, set()).add(name)
        predicate = self.node(predicate_iri)
        subject = self.note_part(relation.subject)

        self.add(st, RDF.type, GB.Statement)
        self.add(st, RDF.subject, subject)
        self.add(st, RDF.predicate, predicate)
        self.add(st, GB.subjectText, _string(relation.subject.text))
        self.add(st, GB.relationText, _string(rel.text))
        self.add(st, GB.relationLemma, _string(rel.lemma))
        obj = None
        if relation.object is not None:
            obj = self.note_part(relation.object)
            self.add(st, RDF.object, obj)
            self.add(st, GB.objectText, _string(relation.object.text))
        event_date = None
        for number, argument in enumerate(relation.arguments, start=1):
            target = self.note_part(argument)
            self.add(st, GB[vocab.role_property(argument, relation.rule)], target)
            mention = self.node(f"{st.value}/arg/{number}")
            self.add(st, GB.argumentMention, mention)
            self.add(mention, RDF.type, GB.ArgumentMention)
            self.add(mention, GB.role, _string(argument.role))
            self.add(mention, GB.text, _string(argument.text))
            if argument.prep:
                self.add(mention, GB.preposition, _string(argument.prep))
            self.add(mention, NIF.beginIndex, integer_literal(argument.span[0]))
            self.add(mention, NIF.endIndex, integer_literal(argument.span[1]))
            self.add(mention, GB.refersTo, target)
            when = event_date_literal(argument)
            if when is not None:
                self.add(mention, GB.dateValue, when)
                if event_date is None:
                    event_date = when
        if event_date is not None:
            self.add(st, GB.eventDate, event_date)
        self.add(st, GB.polarity, GB[vocab.POLARITY_INDIVIDUALS[relation.polarity]])
        self.add(st, GB.modality, GB[vocab.MODALITY_INDIVIDUALS[relation.modality]])
        if relation.attribution is not None:
            self.add(st, GB.attributedTo, self.note_part(relation.attribution))
            self.add(st, GB.attributionText, _string(relation.attribution.text))
        self.add(st, GB.confidence, confidence_literal(relation.confidence))
        self.add(st, GB.evidence, _string(relation.sentence))
        self.add(st, NIF.beginIndex, integer_literal(relation.sentence_span[0]))
        self.add(st, NIF.endIndex, integer_literal(relation.sentence_span[1]))
        self.add(st, PROV.wasDerivedFrom, self.graph)
        if relation.rule:
            self.add(st, GB.extractionRule, _string(relation.rule))
        if relation.is_fact and obj is not None:
            self.add(subject, predicate, obj)

    def describe_entities(self) -> None:
        for iri in self.labels:
            node = self.node(iri)
            # An Entity record wins over resolved parts, which win over unresolved ones; then
            # the most frequent value, then the first in code-point order.
            classes = self.classes[iri]
            cls = min(classes, key=lambda v: (v[0], v[1] in ("Entity", "Concept"), -classes[v], v))
            self.add(node, GB.typeInArticle, GB[cls[1]])
            votes = self.labels[iri]
            label = min(votes, key=lambda v: (v[0], -votes[v], v))[1]
            self.add(node, GB.nameInArticle, _string(label))
            for alias in sorted(self.aliases.get(iri, ())):
                if alias != label:
                    self.add(node, GB.aliasInArticle, _string(alias))
            for value in sorted(self.wikidata.get(iri, ())):
                qid = wikidata_iri(value)
                if qid:
                    self.add(node, GB.wikidataInArticle, ox.NamedNode(qid))
            if iri in self.governs:
                self.add(node, GB.governmentOfInArticle, self.node(self.governs[iri]))

    def describe_predicates(self) -> None:
        for iri, names in self.predicates.items():
            node = self.node(iri)
            name = min(names)
            kind = GB.CoreRelation if vocab.is_core(name) else GB.OpenRelation
            self.add(node, GB.typeInArticle, kind)
            self.add(node, GB.nameInArticle, _string(name))

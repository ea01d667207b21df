"""Typed records passed between the stages.

Every record is a frozen dataclass of strings, numbers and character offsets, so it pickles,
serializes to JSON and crosses process boundaries. No spaCy object ever leaves the NLP stage
inside a record.

Data flow::

    ingest  -> Article | Rejection
    extract -> Relation (parts carry text, span and NER label; entity fields empty)
    resolve -> Relation (parts carry entity, type, iri) + Entity
    graph   <- ArticleGraph (one article with its relations and entities)
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

Span = tuple[int, int]
"""Character offsets ``(start, end)`` into an article's main text, end exclusive."""

ROLES = frozenset(
    {
        "recipient",
        "time",
        "location",
        "instrument",
        "purpose",
        "topic",
        "beneficiary",
        "source",
        "manner",
        "other",
    }
)
POLARITIES = frozenset({"positive", "negative"})
MODALITIES = frozenset(
    {"asserted", "intended", "sought", "expected", "possible", "hypothetical", "question"}
)


def content_hash(text: str) -> str:
    """The SHA-256 of ``text`` (UTF-8), as lowercase hex.

    >>> content_hash("abc")[:12]
    'ba7816bf8f01'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Article:
    """One article's main text (boilerplate removed) and metadata.

    >>> a = Article(id="a1", text="Iran supplied drones to Russia.", source="a1.txt")
    >>> a.hash == content_hash(a.text)
    True
    """

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str = ""
    format: str = "text"
    hash: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.hash:
            object.__setattr__(self, "hash", content_hash(self.text))


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be read as an article, with the reason."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Part:
    """A subject, object or attribution: surface text, offsets, and what it resolves to.

    ``label`` is the spaCy entity label of the mention (``PERSON``, ``GPE``, ...) or ``None``;
    ``entity``, ``type`` and ``iri`` are filled by the resolve stage.
    """

    text: str
    span: Span
    head: str | None = None
    label: str | None = None
    entity: str | None = None
    type: str | None = None
    iri: str | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["span"] = list(self.span)
        data.pop("label")
        if data["head"] is None:
            data.pop("head")
        return data


@dataclass(frozen=True, slots=True)
class Argument(Part):
    """A qualifier of a relation: its role (see ``ROLES``) and preposition, if any.

    A ``time`` argument also carries ``value``, the expression as an ISO 8601 calendar value
    ("2020-02-06", "2020-02", "2020"), and its ``granularity`` (``day``, ``month``, ``year``),
    both ``None`` when it names no calendar value or cannot be placed (the resolve stage
    fills them, see ``graphbuild.resolve.dates``).

    >>> february = Argument("February", (3, 11), role="time", value="2020-02", granularity="month")
    >>> february.to_json()["value"], february.to_json()["granularity"]
    ('2020-02', 'month')
    """

    role: str = "other"
    prep: str | None = None
    value: str | None = None
    granularity: str | None = None

    def to_json(self) -> dict[str, Any]:
        data = Part.to_json(self)
        value, granularity = data.pop("value"), data.pop("granularity")
        out = {"role": data.pop("role"), "prep": data.pop("prep"), **data}
        if self.role == "time":
            out.update(value=value, granularity=granularity)
        return out


@dataclass(frozen=True, slots=True)
class Predicate:
    """The relation phrase: surface text, lemma, offsets of its head word, and its IRI."""

    text: str
    lemma: str
    span: Span
    predicate: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "lemma": self.lemma,
            "span": list(self.span),
            "predicate": self.predicate,
        }


@dataclass(frozen=True, slots=True)
class Relation:
    """One extracted relation instance: who did what to whom, with its qualifiers.

    Subject, relation and object (``None`` for an intransitive relation), the arguments with
    their roles, polarity, modality, attribution, a graded confidence, and the evidence
    sentence with its character offsets into the article's main text.
    """

    doc: str
    sentence: str
    sentence_span: Span
    subject: Part
    relation: Predicate
    object: Part | None
    arguments: tuple[Argument, ...] = ()
    polarity: str = "positive"
    modality: str = "asserted"
    attribution: Part | None = None
    confidence: float = 0.5
    rule: str = ""
    features: tuple[tuple[str, float], ...] = field(default=(), compare=False, repr=False)
    """What the parse says about the extraction (``extract.confidence``), for the confidence
    model; not part of the JSON record."""

    @property
    def is_fact(self) -> bool:
        """True when the relation is stated as a positive fact (gets a direct triple)."""
        return self.polarity == "positive" and self.modality == "asserted"

    def to_json(self) -> dict[str, Any]:
        """The JSON object ``graphbuild extract`` prints for the relation (one a line)."""
        return {
            "doc": self.doc,
            "sentence": self.sentence,
            "sentence_span": list(self.sentence_span),
            "subject": self.subject.to_json(),
            "relation": self.relation.to_json(),
            "object": self.object.to_json() if self.object else None,
            "arguments": [a.to_json() for a in self.arguments],
            "polarity": self.polarity,
            "modality": self.modality,
            "attribution": self.attribution.to_json() if self.attribution else None,
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class Entity:
    """A resolved real-world thing: canonical name, ontology class, IRI and aliases seen.

    ``country`` is, for a government body, the canonical name of the state it acts for.
    """

    name: str
    type: str
    iri: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleGraph:
    """Everything the graph stage needs for one article."""

    article: Article
    relations: tuple[Relation, ...]
    entities: tuple[Entity, ...]

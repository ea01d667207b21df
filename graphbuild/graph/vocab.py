"""Namespaces and the relation vocabulary.

The core relations, their lexical triggers and the entity classes are read from
``ontologies/graphbuild.ttl`` the first time they are needed (and cached), so the ontology is the
one place where they are declared.

>>> relation_name("provide")
'supply'
>>> predicate_iri("deliver")
'https://w3id.org/graphbuild/relation/supply'
>>> predicate_iri("knit")
'https://w3id.org/graphbuild/relation/knit'
>>> GB.Statement.value
'https://w3id.org/graphbuild/ontology#Statement'
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from importlib.resources import files

import pyoxigraph as ox

from graphbuild.graph import iris
from graphbuild.records import Argument


class Namespace:
    """An IRI prefix whose attributes and items are ``pyoxigraph.NamedNode`` terms;
    ``str(ns)`` is the prefix itself.

    >>> EX = Namespace("http://example.org/")
    >>> EX.title
    <NamedNode value=http://example.org/title>
    >>> EX["call_for"].value
    'http://example.org/call_for'
    >>> str(EX)
    'http://example.org/'
    """

    def __init__(self, iri: str) -> None:
        self._iri = iri
        self._terms: dict[str, ox.NamedNode] = {}

    def __getattr__(self, name: str) -> ox.NamedNode:
        # called only for names not set yet: each term is then kept as an attribute, so that
        # the graph stage's millions of ``GB.polarity`` cost a plain attribute read
        if name.startswith("_"):
            raise AttributeError(name)
        term = self[name]
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> ox.NamedNode:
        term = self._terms.get(name)
        if term is None:
            term = self._terms[name] = ox.NamedNode(self._iri + name)
        return term

    def __str__(self) -> str:
        return self._iri

    def __repr__(self) -> str:
        return f"Namespace({self._iri!r})"


GB = Namespace(iris.ONTOLOGY)
"""The graphbuild ontology: ``GB.Statement``, ``GB.recipient``, ..."""
REL = Namespace(iris.RELATION)
"""Relation predicates: ``REL.supply``."""
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
SCHEMA = Namespace("https://schema.org/")
DCTERMS = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, str] = {
    "gb": str(GB),
    "rel": str(REL),
    "id": iris.DEFAULT_BASE,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "schema": str(SCHEMA),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "nif": str(NIF),
    "wd": str(WIKIDATA),
}
"""Prefixes known to queries (usable without ``PREFIX`` declarations) and to dumps."""

ROLE_PROPERTIES: dict[str, str] = {
    "recipient": "recipient",
    "time": "time",
    "location": "location",
    "instrument": "instrument",
    "purpose": "purpose",
    "topic": "topic",
    "beneficiary": "beneficiary",
    "source": "source",
    "manner": "manner",
    "other": "argument",
}
"""Argument role (``records.ROLES``) -> local name of its role property in the ontology."""


def role_property(argument: Argument, rule: str = "") -> str:
    """The local name of the role property of an argument. The arguments of a position are
    where it is held (``positionIn``) and, after "to", whom it is accredited to
    (``positionTo``).

    >>> from graphbuild.records import Argument
    >>> role_property(Argument("Iran", (0, 4), role="recipient"))
    'recipient'
    >>> role_property(Argument("the United Nations", (0, 18), role="other", prep="to"), "position")
    'positionTo'
    """
    if rule == "position" and argument.role == "other":
        return "positionTo" if argument.prep == "to" else "positionIn"
    return ROLE_PROPERTIES[argument.role]


POLARITY_INDIVIDUALS: dict[str, str] = {"positive": "Positive", "negative": "Negative"}
MODALITY_INDIVIDUALS: dict[str, str] = {
    "asserted": "Asserted",
    "intended": "Intended",
    "sought": "Sought",
    "expected": "Expected",
    "possible": "Possible",
    "hypothetical": "Hypothetical",
    "question": "Question",
}
"""Polarity and modality values of records -> local names of their named individuals."""

_SPACES = re.compile(r"\s+")


def ontology_path():
    """The packaged ontology file (a ``Traversable``)."""
    return files("graphbuild") / "ontologies" / "graphbuild.ttl"


def shapes_path():
    """The packaged SHACL shapes file (a ``Traversable``)."""
    return files("graphbuild") / "ontologies" / "shapes.ttl"


@cache
def ontology_quads() -> tuple[ox.Quad, ...]:
    """The ontology's triples (as default-graph quads), parsed once."""
    data = ontology_path().read_bytes()
    return tuple(ox.parse(data, format=ox.RdfFormat.TURTLE))


@cache
def _core_relations() -> dict[str, frozenset[str]]:
    core = GB.CoreRelation
    names: dict[str, str] = {}
    triggers: dict[str, set[str]] = {}
    for quad in ontology_quads():
        if quad.predicate == RDF.type and quad.object == core:
            names.setdefault(quad.subject.value, "")
        elif quad.predicate == RDFS.label and quad.subject.value.startswith(str(REL)):
            names[quad.subject.value] = quad.object.value
        elif quad.predicate == GB.trigger:
            triggers.setdefault(quad.subject.value, set()).add(_normal(quad.object.value))
    return {
        names[iri]: frozenset(triggers.get(iri, ()) | {_normal(names[iri])})
        for iri in sorted(names)
        if names[iri]
    }


@cache
def _trigger_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for name, triggers in _core_relations().items():
        for trigger in triggers:
            index[trigger] = name
    return index


class _CoreRelations(Mapping[str, frozenset[str]]):
    """Core relation name -> its lexical triggers, read from the ontology on first use."""

    def __getitem__(self, name: str) -> frozenset[str]:
        return _core_relations()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(_core_relations())

    def __len__(self) -> int:
        return len(_core_relations())

    def __repr__(self) -> str:
        return f"CORE_RELATIONS({len(self)} relations)"


CORE_RELATIONS: Mapping[str, frozenset[str]] = _CoreRelations()
"""Core relation name -> frozenset of trigger lemmas (the name itself included).

>>> sorted(CORE_RELATIONS["supply"])[:3]
['deliver', 'export', 'furnish']
"""


def _normal(lemma: str) -> str:
    return _SPACES.sub(" ", lemma.strip().lower())


RULE_RELATIONS: dict[str, str] = {"position": "hold position"}
"""Extraction rules whose statements have a relation of their own, whatever their lemma: a
position ("Britain's foreign secretary, James Cleverly", lemma "be") is *hold position*."""


def relation_name(lemma: str, rule: str = "") -> str:
    """The relation a verb lemma expresses: its core relation, or the lemma itself (open).

    >>> relation_name("Send")
    'supply'
    >>> relation_name("call for")
    'call for'
    >>> relation_name("urge")
    'call for'
    >>> relation_name("  knit  ")
    'knit'
    >>> relation_name("be", rule="position")
    'hold position'
    """
    if rule in RULE_RELATIONS:
        return RULE_RELATIONS[rule]
    normal = _normal(lemma)
    return _trigger_index().get(normal, normal)


def is_core(name: str) -> bool:
    """Whether ``name`` is a core relation name.

    >>> is_core("supply"), is_core("provide")
    (True, False)
    """
    return name in _core_relations()


def predicate_iri(lemma: str, rule: str = "") -> str:
    """The predicate IRI of a relation lemma: ``iris.relation_iri(relation_name(lemma, rule))``.

    >>> predicate_iri("ship")
    'https://w3id.org/graphbuild/relation/supply'
    >>> predicate_iri("be", "position")
    'https://w3id.org/graphbuild/relation/hold_position'
    """
    return iris.relation_iri(relation_name(lemma, rule))


@cache
def entity_classes() -> dict[str, str]:
    """Lower-cased class local name -> class local name, for gb:Entity and its subclasses.

    >>> entity_classes()["governmentbody"]
    'GovernmentBody'
    """
    parents: dict[str, set[str]] = {}
    for quad in ontology_quads():
        if quad.predicate == RDFS.subClassOf and quad.subject.value.startswith(str(GB)):
            parents.setdefault(quad.subject.value, set()).add(quad.object.value)
    root = GB.Entity.value
    found = {root}
    changed = True
    while changed:
        changed = False
        for child, ups in parents.items():
            if child not in found and ups & found:
                found.add(child)
                changed = True
    start = len(str(GB))
    return {iri[start:].lower(): iri[start:] for iri in sorted(found)}


def class_name(type_: str | None) -> str:
    """The ontology class (local name) for an entity type; ``Concept`` for None, ``Entity``
    for unknown types.

    >>> class_name("Country"), class_name("country"), class_name(None), class_name("Alien")
    ('Country', 'Country', 'Concept', 'Entity')
    """
    if not type_:
        return "Concept"
    return entity_classes().get(type_.strip().lower(), "Entity")

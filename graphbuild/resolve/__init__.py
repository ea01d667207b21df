"""The resolve stage: one node per real-world thing.

``resolve`` fills ``entity``, ``type`` and ``iri`` of every Part of every relation of one
article and returns the article's entities. The rules live in one module per concern:
``mentions`` (the mention table, the only reader of the parse besides ``coref`` and the
part-level rules of ``resolver``), ``passes`` (the passes over that table: labels, people,
other names, nationalities, history, pronouns, aliases), ``names`` (person name variants),
``gazetteer`` and ``places`` (countries, demonyms, governments, organizations), ``coref``
(pronouns and descriptions), ``linker`` (canonical names across articles) and ``resolver``
(the per-article context and every Part read in its slot).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from graphbuild.errors import GazetteerError, ResolveError
from graphbuild.graph.iris import DEFAULT_BASE
from graphbuild.resolve.gazetteer import Gazetteer, gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from graphbuild.records import Entity, Relation

__all__ = ["Gazetteer", "GazetteerError", "ResolveError", "gazetteer", "resolve"]


def resolve(
    doc: Doc, relations: Sequence[Relation], base: str = DEFAULT_BASE
) -> tuple[list[Relation], list[Entity]]:
    """Resolve the parts of one article's relations to entities.

    Every Part (subject, object, each argument, attribution) gets ``entity`` (the canonical
    name, the same string for every mention of one thing), ``type`` (the ontology class) and
    ``iri``. A non-entity part gets ``entity=None``, ``type=None`` and the IRI of a Concept
    named by its head lemma. A part that refers to several entities ("the two countries")
    splits its relation into one copy per entity. Returns the relations and one ``Entity``
    per thing they mention, with the aliases seen in the article and the Wikidata item when
    linked.

    >>> from graphbuild.nlp import load, parse_text
    >>> from graphbuild.records import Part, Predicate, Relation
    >>> text = "John Kirby spoke. Mr. Kirby said the U.K. backs NATO."
    >>> doc = parse_text(load(), text)
    >>> def part(s): return Part(s, (text.index(s), text.index(s) + len(s)))
    >>> rel = Relation("a", text, (0, len(text)), part("Mr. Kirby"),
    ...                Predicate("said", "say", (28, 32)), part("NATO"))
    >>> [r], entities = resolve(doc, [rel])
    >>> r.subject.entity, r.object.entity, r.object.type
    ('John Kirby', 'NATO', 'Organization')
    >>> [(e.name, e.aliases, e.wikidata) for e in entities]
    [('John Kirby', ('Mr. Kirby',), None), ('NATO', (), 'Q7184')]
    """
    from graphbuild.resolve.resolver import article_context, resolve_relations

    return resolve_relations(article_context(doc, base), relations)

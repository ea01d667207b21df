"""Resolving one article: the mention table and its passes, then every Part of every relation.

``article_context`` builds the frozen ``Context`` of an article once (the mention table and
what each pass of ``graphbuild.resolve.passes`` found); ``resolve_part`` reads a Part in a
named ``Slot`` against it, and ``resolve_relations`` fills every Part of every relation.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import TYPE_CHECKING

from graphbuild.errors import ResolveError
from graphbuild.graph.iris import entity_iri
from graphbuild.lexicon import NOMINAL_SUBJECT_DEPS, QUANTITY_HEADS
from graphbuild.records import Entity, Part, Relation
from graphbuild.resolve import coref, linker, passes, places
from graphbuild.resolve.gazetteer import Gazetteer, gazetteer
from graphbuild.resolve.mentions import (
    DASHES,
    MODIFIER_DEPS,
    UNTAGGED,
    MentionTable,
    clean_span,
    mention_table,
)
from graphbuild.resolve.places import Referent

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MAX_SPLIT = 4
"""Most referents one part splits into ("the two countries" -> two)."""

SPEAKER_PRONOUNS = {
    "he": frozenset({"Person"}),
    "she": frozenset({"Person"}),
    "it": frozenset({"Organization", "GovernmentBody", "Country", "Group"}),
    "they": frozenset({"Organization", "GovernmentBody", "Group"}),
}
"""A pronoun subject of reported speech that, in the speaker's own sentence, is the speaker
("the Iranian government denied that it had sent the drones"), by the speaker's type."""


class Slot(Enum):
    """Where a Part sits in its relation. Subjects and attributions are actors: a capital
    there is its government ("Tehran denied")."""

    SUBJECT = "subject"
    OBJECT = "object"
    ARGUMENT = "argument"
    ATTRIBUTION = "attribution"

    @property
    def actor(self) -> bool:
        return self in (Slot.SUBJECT, Slot.ATTRIBUTION)


@dataclass(frozen=True)
class Context:
    """One article's parse, its mention table and what the passes found, built once."""

    doc: Doc
    base: str
    gaz: Gazetteer
    table: MentionTable
    readings: tuple[Referent | None, ...]
    aliases: Mapping[Referent, set[str]]
    roles: Mapping[Referent, frozenset[str]]
    nationality: Mapping[Referent, Referent]
    history: tuple[coref.Seen, ...]
    pronouns: Mapping[int, list[Referent]]
    alias_index: Mapping[str, set[Referent]]


def article_context(doc: Doc, base: str, gaz: Gazetteer | None = None) -> Context:
    """Run the passes of ``graphbuild.resolve.passes`` over the article ``doc``."""
    gaz = gaz or gazetteer()
    table = passes.relabel(mention_table(doc, gaz), gaz)
    people = passes.name_people(table, gaz)
    namings = {**people.namings, **passes.name_others(table, gaz, people.namings)}
    namings = passes.generic_names(table, namings, gaz)
    readings = passes.referents(table, namings)
    aliases = passes.aliases(table, namings)
    seen = tuple(passes.history(table, readings))
    return Context(
        doc=doc,
        base=base,
        gaz=gaz,
        table=table,
        readings=readings,
        aliases=aliases,
        roles=people.roles,
        nationality=passes.nationalities(table, readings),
        history=seen,
        pronouns=passes.resolve_pronouns(table, seen, people.genders, readings),
        alias_index=passes.alias_index(aliases),
    )


# -- parts -------------------------------------------------------------------------------


def resolve_part(ctx: Context, part: Part, slot: Slot) -> list[Referent]:
    """The referents of a Part (several for a coordination or a plural description)."""
    doc = ctx.doc
    span = doc.char_span(part.span[0], part.span[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        raise ResolveError(
            f"part {part.text!r} at {list(part.span)} is outside the article text "
            f"({len(doc.text)} characters)"
        )
    span = clean_span(span)
    root = span.root
    inside = range(span.start, span.end)
    word = root.lower_
    table = ctx.table
    if len(span) == 1 and coref.is_first_person(root.text):
        found = _quoted_self(ctx, root) if root.i in table.quoted else []
        return found or [_concept(root, part.head)]
    if word in coref.PRONOUNS and len(span) == 1:
        return ctx.pronouns.get(root.i) or [_concept(root, part.head)]
    appositive = _appositive_person(ctx, root, inside)
    if appositive is not None:
        return [appositive]
    as_actor = slot.actor and root.dep_ in NOMINAL_SUBJECT_DEPS
    number = table.token_mention.get(root.i)
    if number is not None and (table.mentions[number].label != UNTAGGED or ctx.readings[number]):
        mention = table.mentions[number]
        if mention.root not in inside:
            inner = _unlabelled(ctx, span.text, as_actor)
            if inner is not None:
                return [inner]
        return _named(ctx, root, inside, slot.actor)
    unlabelled = _unlabelled(ctx, span.text, as_actor)
    if unlabelled is not None:
        return [unlabelled]
    dash = next((t for t in span if t.text in DASHES and t.whitespace_ and t.i > span.start), None)
    if dash is not None and dash.i > span.start:
        head = doc[span.start : dash.i]
        return resolve_part(ctx, Part(head.text, (head.start_char, head.end_char)), slot)
    modified = _modified(ctx, root)
    if modified:
        return modified
    described = _described(ctx, root)
    if described:
        return described
    return [_concept(root, part.head)]


def _quoted_self(ctx: Context, root: Token) -> list[Referent]:
    """What a first-person pronoun inside a quotation stands for: the speaker of the
    quotation (the subject of its verb of saying), else, for "I", the one person speaking in
    the paragraph. A speaker the article does not name leaves it unresolved."""
    table = ctx.table
    quote = table.quote_at(root.i)
    if quote is not None and quote.speaker is not None:
        number = table.token_mention.get(quote.speaker)
        if number is not None:
            speakers = [r for r in [ctx.readings[number]] if r is not None]
        else:
            speakers = ctx.pronouns.get(quote.speaker, [])
        head = ctx.doc[quote.speaker]
        inside = range(head.left_edge.i, head.right_edge.i + 1)
        return first_person(ctx, root.lower_, speakers, inside)
    if root.lower_ in coref.FIRST_PLURAL:
        return []
    return coref.speaker_antecedent(root.i, _paragraph(ctx.doc, root.i), ctx.history)


def first_person(
    ctx: Context, word: str, speakers: Sequence[Referent], phrase: range
) -> list[Referent]:
    """The referents of the first-person pronoun ``word`` spoken by ``speakers``, whose noun
    phrase covers the tokens ``phrase``.

    "I" is a person speaking. "We" is the speaker when it is an organization, a government or
    a group; for a person it is the organization named with them ("Sheldon Yett of UNICEF",
    "a spokesman for the ministry"), else the person ("an attendee Om Prakash said, 'We have
    been drinking ...'").
    """
    people = [r for r in speakers if r.type == "Person"]
    if word in coref.FIRST_PERSON:
        return people[:1]
    collective = [r for r in speakers if r.type in coref.COLLECTIVE]
    if collective:
        return collective
    for token in phrase:
        number = ctx.table.token_mention.get(token)
        if number is None:
            continue
        referent = ctx.readings[number]
        if referent is not None and referent.type in {"Organization", "GovernmentBody"}:
            return [referent]
    return people


def _paragraph(doc: Doc, index: int) -> range:
    """Token indices of the paragraph holding token ``index``."""
    start = index
    while start > 0 and "\n" not in doc[start - 1].text_with_ws:
        start -= 1
    end = index
    while end < len(doc) - 1 and "\n" not in doc[end].text_with_ws:
        end += 1
    return range(start, end + 1)


def _named(ctx: Context, root: Token, inside: range, actor: bool) -> list[Referent]:
    """The readings of the mentions a part's head and its conjuncts are; a capital as an
    actor is its government; a demonym heading a phrase with a possessive or a number is an
    adjective whose noun was left out ("its 2000 Thai and 74 Malaysian stores"), no country."""
    out = []
    for token in (root, *(c for c in root.conjuncts if c.i in inside)):
        number = ctx.table.token_mention.get(token.i)
        if number is None:
            continue
        referent = ctx.readings[number]
        mention = ctx.table.mentions[number]
        if mention.label == "NORP" and any(c.dep_ in {"poss", "nummod"} for c in token.children):
            continue  # "its 2000 Thai [stores]": an adjective standing for a noun left out
        if (
            actor
            and referent is not None
            and referent.type in {"City", "Location"}
            and token.dep_ in NOMINAL_SUBJECT_DEPS
        ):
            referent = places.actor_reading(ctx.gaz, mention.text, mention.label) or referent
        if referent is not None and referent not in out:
            out.append(referent)
    return out or [_concept(root)]


def _unlabelled(ctx: Context, text: str, actor: bool) -> Referent | None:
    """A name the tagger missed: a gazetteer entry or an alias seen in the article. Only a
    capitalized text can be a name ("us" is no "US"), and an acronym matches only itself."""
    if not any(c.isupper() or c.isdigit() for c in text):
        return None
    reading = (places.actor_reading if actor else places.name_reading)(ctx.gaz, text, "ORG")
    if reading is not None:
        return reading
    found = ctx.alias_index.get(linker.org_key(text), set())
    if linker.is_acronym(text):  # "ALMA" is no "Alma"
        found = {r for r in found if text.strip() in ctx.aliases.get(r, ())}
    return next(iter(found)) if len(found) == 1 else None


def _appositive_person(ctx: Context, root: Token, inside: range) -> Referent | None:
    """The person a description stands in apposition to: inside the part ("the prosecutor,
    Ali Rezaei"), or after it when the description is singular and the name stands alone
    ("spoke to one of the four candidates, Craig Farquharson")."""
    table = ctx.table
    if root.i in table.token_mention:
        return None
    singular = root.tag_ == "NN" or root.lower_ == "one"
    for child in root.children:
        alone = singular and not any(c.dep_ == "conj" for c in child.children)
        if child.dep_ == "appos" and (child.i in inside or alone):
            number = table.token_mention.get(child.i)
            if number is not None and table.mentions[number].label == "PERSON":
                return ctx.readings[number]
    return None


def _modified(ctx: Context, root: Token) -> list[Referent]:
    """Readings of a noun from its entity modifiers ("British officials")."""
    head = root.lemma_.casefold()
    out: list[Referent] = []
    for child in root.children:
        if child.dep_ not in MODIFIER_DEPS:
            continue
        for token in (child, *child.conjuncts):
            number = ctx.table.token_mention.get(token.i)
            if number is None:
                continue
            referent = ctx.readings[number]
            reading = places.modified_reading(
                ctx.gaz,
                head,
                referent,
                ctx.nationality.get(referent),  # type: ignore[arg-type]
            )
            if reading is not None and reading not in out:
                out.append(reading)
        if out:
            return out
    return out


NEW_REFERENT_DEPS = frozenset({"compound", "appos", "prep", "relcl", "acl"})
"""Dependents that make a definite description introduce someone rather than refer back: a
compound ("the prosecutor general" is no "general"), an apposition ("the prosecutor, Ali
Mehr"), a complement or a relative clause ("the prosecutor general of Tehran")."""

PLACE_HEADS = frozenset({"city", "town", "village", "country", "state", "province", "region"})


def _described(ctx: Context, root: Token) -> list[Referent]:
    """The antecedents of a definite description ("the company", "the two countries"); a
    description that introduces its referent (``NEW_REFERENT_DEPS``) has none, except a place
    named in its complement ("the city of Omsk" is Omsk)."""
    introducing = [c for c in root.children if c.dep_ in NEW_REFERENT_DEPS]
    if introducing:
        if root.lemma_.casefold() in PLACE_HEADS:
            for child in introducing:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for target in child.children:
                        number = ctx.table.token_mention.get(target.i)
                        if target.dep_ == "pobj" and number is not None and ctx.readings[number]:
                            return [ctx.readings[number]]  # type: ignore[list-item]
        return []
    determiners = {c.lower_ for c in root.children if c.dep_ in {"det", "predet"}}
    number = None
    for child in root.children:
        if child.dep_ in {"nummod", "det", "predet"} and child.lower_ in coref.NUMBERS:
            number = coref.NUMBERS[child.lower_]
    if not determiners & {"the", "both", "this", "these", "that", "those"}:
        return []
    plural = root.tag_ in {"NNS", "NNPS"}
    if "both" in determiners:
        number = 2
    return coref.description_antecedents(
        root.lemma_.casefold(),
        number,
        plural,
        root.i,
        ctx.table.sentence_of[root.i],
        ctx.history,
        lambda r: ctx.roles.get(r, frozenset()),
    )


def _concept(root: Token, head: str | None = None) -> Referent:
    """The Concept named by the head lemma ("hundreds of drones" → "drone")."""
    if head:
        return Referent(head, "Concept")
    if root.lemma_.casefold() in QUANTITY_HEADS:
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    root = objects[0]
    return Referent(root.lemma_.casefold() if root.pos_ != "PROPN" else root.text, "Concept")


# -- relations ---------------------------------------------------------------------------


def is_entity(ctx: Context, referent: Referent) -> bool:
    """Whether a referent is an entity: anything but a Concept, and a Concept named in the
    article (a law, a work) or known to the gazetteer (a standard: "DRM")."""
    if referent.type != "Concept" or referent in ctx.aliases:
        return True
    place = ctx.gaz.lookup(referent.name)
    return place is not None and place.name == referent.name


def fill(ctx: Context, part: Part, referent: Referent) -> Part:
    """``part`` with entity, type and iri of ``referent`` (a Concept leaves them empty)."""
    if not is_entity(ctx, referent):
        return replace(part, entity=None, type=None, iri=_iri(referent.name, None, ctx.base))
    return replace(
        part,
        entity=referent.name,
        type=referent.type,
        iri=_iri(referent.name, referent.type, ctx.base),
    )


@functools.lru_cache(maxsize=8192)
def _iri(name: str, type_: str | None, base: str) -> str:
    return entity_iri(name, type_, base)


def read_part(
    ctx: Context,
    part: Part | None,
    slot: Slot,
    relation: Relation,
    speakers: Sequence[Referent],
) -> list[Referent]:
    """The referents of a part of ``relation`` whose attribution resolved to ``speakers``."""
    if part is None:
        return []
    voiced = _voiced(ctx, part, relation.attribution, speakers)
    return voiced if voiced is not None else resolve_part(ctx, part, slot)


def _voiced(
    ctx: Context, part: Part, attribution: Part | None, speakers: Sequence[Referent]
) -> list[Referent] | None:
    """A first-person pronoun quoted in a relation attributed to a speaker outside the
    quotation stands for that speaker (``first_person``); ``None`` for any other part."""
    if attribution is None or part is attribution:
        return None
    if not coref.is_first_person(part.text):
        return None
    word = part.text.strip().casefold()
    quoted = ctx.table.quoted
    pronoun = ctx.doc.char_span(*part.span, alignment_mode="expand")
    phrase = ctx.doc.char_span(*attribution.span, alignment_mode="expand")
    if pronoun is None or phrase is None or pronoun.root.i not in quoted:
        return None
    if phrase.root.i in quoted:
        return None
    found = first_person(ctx, word, speakers, range(phrase.start, phrase.end))
    return found or [_concept(pronoun.root)]


def _speaks_of_itself(relation: Relation, speakers: Sequence[Referent]) -> bool:
    """Whether the relation's subject is a pronoun standing for the speaker of the same
    sentence, by the table ``SPEAKER_PRONOUNS``."""
    attribution = relation.attribution
    if len(speakers) != 1 or attribution is None:
        return False
    start, end = relation.sentence_span
    if not (start <= attribution.span[0] and attribution.span[1] <= end):
        return False
    types = SPEAKER_PRONOUNS.get(relation.subject.text.casefold())
    return types is not None and speakers[0].type in types


def resolve_relations(
    ctx: Context, relations: Sequence[Relation]
) -> tuple[list[Relation], list[Entity]]:
    """Fill every Part of every relation; a part with several referents splits its relation
    into one copy per referent. Returns the relations and the entities they mention."""
    out: list[Relation] = []
    used: list[Referent] = []
    concepts: dict[Referent, set[str]] = {}

    def parts(part: Part | None, referents: list[Referent]) -> list[Part | None]:
        if part is None:
            return [None]
        filled: list[Part | None] = []
        for referent in referents[:MAX_SPLIT]:
            used.append(referent)
            if not is_entity(ctx, referent):
                concepts.setdefault(referent, set())
            filled.append(fill(ctx, part, referent))
        return filled

    for relation in relations:
        speakers = read_part(ctx, relation.attribution, Slot.ATTRIBUTION, relation, [])
        speakers = speakers[:MAX_SPLIT]
        if _speaks_of_itself(relation, speakers):
            subjects = speakers
        else:
            subjects = read_part(ctx, relation.subject, Slot.SUBJECT, relation, speakers)
        objects = read_part(ctx, relation.object, Slot.OBJECT, relation, speakers)
        slots = [
            parts(relation.subject, subjects),
            parts(relation.object, objects),
            *(
                parts(a, read_part(ctx, a, Slot.ARGUMENT, relation, speakers))
                for a in relation.arguments
            ),
            parts(relation.attribution, speakers),
        ]
        for subject, obj, *rest in itertools.product(*slots):
            *arguments, attribution = rest
            if _is_self_description(relation, subject, obj):
                obj = fill(ctx, obj, Referent(obj.head or obj.text, "Concept"))  # type: ignore[union-attr]
            out.append(
                replace(
                    relation,
                    subject=subject,
                    object=obj,
                    arguments=tuple(arguments),  # type: ignore[arg-type]
                    attribution=attribution,
                )
            )
    entities = linker.entities(used, {**concepts, **ctx.aliases}, ctx.base)
    return out, entities


def _is_self_description(relation: Relation, subject: Part | None, obj: Part | None) -> bool:
    """An identity or role statement whose object resolved to its own subject: "Barbara
    Woodward, the U.K. ambassador" is a role (a concept), not Woodward again."""
    return (
        relation.relation.lemma == "be"
        and subject is not None
        and obj is not None
        and obj.entity is not None
        and obj.entity == subject.entity
    )

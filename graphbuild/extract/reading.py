"""One reading of each clause frame, for both renderings: graph records and Open IE tuples.

``readings(sent)`` yields, for every frame of a sentence with a usable subject, a ``Reading``:
the words of the relation, the object, the prepositional and bare arguments, the
prepositions of a copula's adjective ("is *aware of* X"), and the clause a verb of saying or
thinking carries. ``graphbuild.extract`` renders it as relation records (folding light verbs,
reading passives from their agent), ``graphbuild.extract.oie`` as CaRB tuples made of the
sentence's own words. Readings hold spaCy tokens and never leave this package.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graphbuild.extract.clauses import Frame, expletive, frames, time_subject
from graphbuild.extract.nominal import nominal_frames
from graphbuild.extract.rules import Rule
from graphbuild.extract.spans import prep_objects
from graphbuild.lexicon import SAY_VERBS, SPEECH_VERBS, WH_TAGS

if TYPE_CHECKING:
    from spacy.tokens import Token

CLAUSE_DEPS = frozenset({"ccomp", "xcomp"})
"""Dependencies of a clause that is a verb's content ("said *that* ...", "urged X *to* ...")."""


@dataclass(frozen=True, slots=True)
class Reading:
    """How one frame reads, before either rendering.

    ``arguments`` are the frame's arguments in sentence order: ``(preposition, head)``, or
    ``(None, head)`` for a bare noun phrase of time ("last week"). ``adjective_preps`` are the
    prepositional phrases of a copula's adjective complement ("is aware *of the risk*"), kept
    apart from the verb's own.
    """

    frame: Frame
    subject: Token
    rel: tuple[Token, ...]
    obj: Token | None
    arguments: tuple[tuple[Token | None, Token], ...]
    adjective_preps: tuple[tuple[Token, Token], ...]

    @property
    def verb(self) -> Token:
        return self.frame.verb

    @property
    def rule(self) -> Rule:
        return self.frame.rule

    @property
    def preps(self) -> list[tuple[Token, Token]]:
        """The arguments with a preposition."""
        return [(p, t) for p, t in self.arguments if p is not None]

    @property
    def all_preps(self) -> list[tuple[Token, Token]]:
        """The adjective's prepositional phrases, then the verb's."""
        return [*self.adjective_preps, *self.preps]

    @property
    def bare(self) -> list[Token]:
        """The bare noun phrases of time."""
        return [t for p, t in self.arguments if p is None]

    @property
    def expletive(self) -> bool:
        """Whether the subject is a dummy "it" ("It is possible to launch rockets"): no actor,
        so no relation for the graph (Open IE still reads the words as they stand)."""
        return expletive(self.subject)

    @property
    def time_actor(self) -> bool:
        """Whether the subject is a date or time doing what only an actor does (a misparse
        or a time stamp): no relation for the graph."""
        return time_subject(self.subject, self.frame.verb)

    @property
    def attributes_only(self) -> bool:
        """A verb of saying or thinking whose content is a clause: for the graph it attributes
        that clause's relations to its subject and makes no relation of its own.

        A noun-phrase rule never does; a copula does when its complement takes the clause
        ("is confident that ..."); a verb that is only ever a verb of saying always does; any
        other verb with a clausal content does when it is a speech verb or has neither object
        nor prepositional argument.
        """
        if self.rule.nominal:
            return False
        verb, obj = self.verb, self.frame.obj
        if verb.pos_ == "AUX" and obj is not None:
            return any(c.dep_ in CLAUSE_DEPS for c in obj.children)
        if verb.lemma_ in SAY_VERBS:
            return True
        if not any(c.dep_ in CLAUSE_DEPS for c in verb.children):
            return False
        return verb.lemma_ in SPEECH_VERBS or (obj is None and not self.frame.preps)

    @property
    def speech_clause(self) -> Token | None:
        """For Open IE, the ``that``-clause a verb reports as its object ("Kirby *said* that
        Iran ..."): the speaker tuple's second argument. Open IE keeps every reading of the
        sentence's own words, so only a finite clause with no object of its own qualifies
        (an infinitive's subject-verb tuples are read as they stand)."""
        if self.obj is not None:
            return None
        clause = next((c for c in self.verb.children if c.dep_ == "ccomp"), None)
        if clause is None or not (self.verb.lemma_ in SPEECH_VERBS or not self.all_preps):
            return None
        return clause


def read(frame: Frame, subject: Token) -> Reading:
    """The reading of ``frame`` with ``subject``.

    A copula with an adjective complement that takes prepositions reads the adjective into
    the relation: "is aware of the risk" has relation "is aware", no object, and the
    adjective's prepositional phrases.
    """
    verb, obj = frame.verb, frame.obj
    rel = tuple(frame.rel) or (verb,)
    adjective_preps: tuple[tuple[Token, Token], ...] = ()
    if frame.rule == Rule.COPULA and obj is not None and obj.pos_ == "ADJ":
        adjective_preps = tuple(prep_objects(obj))
    if adjective_preps:
        rel, obj = (*rel, frame.obj), None
    return Reading(frame, subject, rel, obj, tuple(frame.preps), adjective_preps)


def readings(sent: Iterable[Token]) -> Iterator[Reading]:
    """The readings of every frame of a sentence (a Span or its tokens) whose subject can
    carry a fact: clause frames first, then noun-phrase frames, each in token order. A frame
    without subject, or with a question word as subject, has none."""
    tokens = list(sent)
    for frame in [*frames(tokens), *nominal_frames(tokens)]:
        subject = frame.subject
        if subject is None or subject.tag_ in WH_TAGS:
            continue
        yield read(frame, subject)

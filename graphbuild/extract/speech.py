"""Reported speech and quotes: who asserts a relation.

A relation inside the complement of a speech verb ("X said that ...", "…, said John Kirby",
"she said", "denied using") is attributed to that verb's subject. A sentence wholly inside
quotation marks with no speech verb of its own continues the last quote of the same or the
previous paragraph and takes its speaker. An answer in an interview transcript ("((Aparna
Garg))  Yes, ...") is its speaker's.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from graphbuild.extract.clauses import subject_of
from graphbuild.lexicon import SPEECH_VERBS
from graphbuild.nlp import interview_turns, quotations

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

Quotes = tuple[dict[int, "Token | None"], tuple[tuple[int, int], ...]]
"""Speakers of quoted sentences by start token, and the token ranges inside quotation marks."""

COMPLEMENT_PATH_DEPS = frozenset({"ccomp", "xcomp", "conj", "parataxis", "advcl", "acl", "relcl"})
COMPLEMENT_PATH_DEPS |= frozenset({"pcomp", "pobj", "prep", "dobj", "attr", "acomp"})


def speaker_token(verb: Token) -> Token | None:
    """The subject of a speech verb, preferring a named apposition ("its secretary, X").

    A passive speech verb ("is reported to", "was said to") names its speaker only in an
    agent phrase ("by police"); its grammatical subject is what was reported.
    """
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children]
        return agents[0] if agents else None
    subject, _ = subject_of(verb)
    if subject is None:
        return None
    if not subject.ent_type_ and subject.pos_ == "NOUN":
        for child in subject.children:
            if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                return child
    return subject


def speech_verb(token: Token) -> Token | None:
    """The nearest speech verb whose complement contains ``token``, if any."""
    node = token
    for _ in range(20):
        head = node.head
        if head.i == node.i:
            return None
        if (
            head.lemma_ in SPEECH_VERBS
            and head.pos_ == "VERB"
            and node.dep_
            in {
                "ccomp",
                "xcomp",
                "parataxis",
            }
        ):
            return head
        if node.dep_ not in COMPLEMENT_PATH_DEPS:
            return None
        node = head
    return None


def quoted_sentences(doc: Doc) -> Quotes:
    """Speakers of quoted sentences (by start token) and the token ranges inside quotes.

    A sentence counts as quoted when a quotation is open at its first word (the word is
    inside a quotation, opens one or closes one). A
    quoted sentence without a speech verb of its own takes the speaker of the quoted sentence
    before it (same quotation, or a quotation continued into the next paragraph), or of the
    quoted sentence after it when the quotation runs on into that sentence.
    """
    ranges = quotations(doc)
    if not ranges:
        return {}, ()
    turns = interview_turns(doc)
    inside = {i for start, end in ranges for i in range(start, end)}
    starts = {start for start, _ in ranges}
    ends = {end for _, end in ranges}
    result: dict[int, Token | None] = {}
    runs_on: dict[int, bool] = {}
    order: list[int] = []
    for sent in doc.sents:
        first = sent.start + 1 if doc[sent.start].is_space else sent.start
        if first >= sent.end:
            continue
        if first in inside or first + 1 in starts or first in ends:
            result[sent.start] = _sentence_speaker(sent) or _turn_speaker(doc, turns, first)
        order.append(sent.start)
        last = sent.end - 1
        while last > first and doc[last].is_space:
            last -= 1
        runs_on[sent.start] = last in inside or last + 1 in starts
    for before, after in zip(order[::-1][1:], order[::-1], strict=False):
        if before in result and result[before] is None and runs_on[before] and after in result:
            result[before] = result[after]
    for before, after in itertools.pairwise(order):
        if after in result and result[after] is None and before in result:
            result[after] = result[before]
    for start, speaker in result.items():
        if speaker is None:
            result[start] = _opening_speaker(doc, ranges, start)
    return result, ranges


def _opening_speaker(doc: Doc, ranges: tuple[tuple[int, int], ...], start: int) -> Token | None:
    """The speaker of a quotation that runs on into the sentence at ``start`` from the sentence
    that opened it ('Om Prakash said, "We have been drinking it for years. We have never
    ..."'): the subject of that sentence's speech verb."""
    for begin, end in ranges:
        if begin < start < end:
            opening = doc[begin].sent
            if opening.start < start:
                return _sentence_speaker(opening)
    return None


def _turn_speaker(doc: Doc, turns: tuple, index: int) -> Token | None:
    """The speaker of the interview turn holding token ``index`` (the last word of the name in
    its "((Name))" marker), if any."""
    for _, name_end, start, end in turns:
        if start <= index < end:
            return doc[name_end - 1]
    return None


def _sentence_speaker(sent: Span) -> Token | None:
    for token in sent:
        if (
            token.lemma_ in SPEECH_VERBS
            and token.pos_ == "VERB"
            and token.dep_ in {"ROOT", "parataxis"}
        ):
            return speaker_token(token)
    return None


def according_to(verb: Token) -> Token | None:
    """The source named by "according to X" on ``verb`` or a clause above it.

    >>> from graphbuild.nlp import load
    >>> doc = load()("According to police, the man was arrested on Monday.")
    >>> according_to(doc[7]).text
    'police'
    """
    node = verb
    for _ in range(12):
        for child in node.children:
            if child.lower_ == "according" and child.dep_ in {"prep", "advcl", "advmod"}:
                for prep in child.children:
                    if prep.lower_ == "to":
                        source = next((g for g in prep.children if g.dep_ == "pobj"), None)
                        if source is not None:
                            return source
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def attribution(verb: Token, quotes: Quotes) -> Token | None:
    """Who asserts the relation headed by ``verb``: a speech verb's subject, the source of
    "according to", or a quote's speaker (also the subject of the clause whose colon opens
    the quote).

    >>> from graphbuild.nlp import load, parse_text
    >>> doc = parse_text(load(), 'The ministry issued a statement: "Troops killed two men."')
    >>> attribution(doc[8], quoted_sentences(doc)).text
    'ministry'
    """
    speech = speech_verb(verb)
    if speech is not None:
        return _bound_speaker(speech)
    source = according_to(verb)
    if source is not None:
        return source
    speakers, ranges = quotes
    inside = next(((start, end) for start, end in ranges if start <= verb.i < end), None)
    if inside is None:
        return None
    return speakers.get(verb.sent.start) or _colon_speaker(verb.doc, inside[0])


def _bound_speaker(speech: Token) -> Token | None:
    """The speaker of ``speech``; when that is a pronoun and ``speech`` is itself reported by
    another speech verb whose speaker agrees with it, the outer speaker, whom the pronoun is
    bound to ("Authorities said they believed ..." -> "Authorities", "Trump said he thinks
    ..." -> "Trump").

    >>> from graphbuild.nlp import load
    >>> doc = load()("Authorities said they believed the fruit had exploded.")
    >>> _bound_speaker(doc[3]).text
    'Authorities'
    """
    speaker = speaker_token(speech)
    if speaker is None or speaker.lower_ not in BOUND_PRONOUNS:
        return speaker
    outer = speech_verb(speech)
    if outer is None:
        return speaker
    source = speaker_token(outer)
    if source is None or source.pos_ == "PRON" or not _agrees(speaker, source):
        return speaker
    return source


BOUND_PRONOUNS = frozenset({"he", "she", "they"})
"""Speaker pronouns that a reporting clause around them binds ("X said they believed")."""


def _agrees(pronoun: Token, noun: Token) -> bool:
    plural = noun.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in noun.children)
    if pronoun.lower_ == "they":
        return plural or noun.ent_type_ in {"ORG", "NORP", "GPE"}
    return not plural and (noun.ent_type_ == "PERSON" or noun.tag_ == "NN")


def _colon_speaker(doc: Doc, start: int) -> Token | None:
    """The speaker of a quotation introduced by a colon: the subject of the clause before it
    ("the Department of Defense justified the strike: “At the direction of ...”")."""
    if start < 2 or doc[start - 2].text != ":":
        return None
    colon = doc[start - 2]
    sent = colon.sent
    # the clause before the colon: its head is the word there whose head lies after it
    heads = [t for t in doc[sent.start : colon.i] if t.head.i >= colon.i or t.head.i == t.i]
    verbs = [t for t in heads if t.pos_ in {"VERB", "AUX"}]
    if verbs:
        return speaker_token(verbs[-1])
    head = colon.head
    for _ in range(4):
        if head.i > colon.i:
            break
        if head.pos_ in {"VERB", "AUX"}:
            return speaker_token(head)
        if head.head.i == head.i:
            break
        head = head.head
    return None
    for _ in range(4):
        if head.pos_ in {"VERB", "AUX"}:
            return speaker_token(head)
        if head.head.i == head.i:
            break
        head = head.head
    return None

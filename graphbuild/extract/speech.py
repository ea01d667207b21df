"""Reported speech and quotes: who asserts a relation.

A relation inside the complement of a speech verb ("X said that ...", "…, said John Kirby",
"she said", "denied using") is attributed to that verb's subject. A sentence wholly inside
quotation marks with no speech verb of its own continues the last quote of the same or the
previous paragraph and takes its speaker.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from graphbuild.extract.clauses import SPEECH_VERBS, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

OPEN_QUOTES = frozenset({"“", "``"})
CLOSE_QUOTES = frozenset({"”", "''"})
PLAIN_QUOTES = frozenset({'"'})
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


def _quote_kind(text: str) -> str:
    if text in OPEN_QUOTES:
        return "open"
    if text in CLOSE_QUOTES:
        return "close"
    if text in PLAIN_QUOTES:
        return "plain"
    return ""


def _quote_marks(doc: Doc) -> list[tuple[int, str]]:
    """(token index, open|close|plain) of every quotation mark, found without a Python loop."""
    import numpy
    from spacy.attrs import IS_QUOTE

    flags = doc.to_array(IS_QUOTE)
    marks = [(int(i), _quote_kind(doc[int(i)].text)) for i in numpy.flatnonzero(flags)]
    return [(i, kind) for i, kind in marks if kind]


def quoted_sentences(doc: Doc) -> Quotes:
    """Speakers of quoted sentences (by start token) and the token ranges inside quotes.

    A sentence counts as quoted when a quotation is open at its start or it opens with one.
    A quoted sentence without a speech verb of its own takes the speaker of the quoted sentence
    before it (same quotation, or a quotation continued into the next paragraph), or of the
    quoted sentence after it when the quotation runs on into that sentence.
    """
    marks = _quote_marks(doc) if len(doc) else []
    if not marks:
        return {}, ()
    result: dict[int, Token | None] = {}
    runs_on: dict[int, bool] = {}
    order: list[int] = []
    ranges: list[tuple[int, int]] = []
    open_at: int | None = None
    next_mark = 0
    for sent in doc.sents:
        first = sent.start + 1 if doc[sent.start].is_space else sent.start
        if first >= sent.end:
            continue
        opens_here = next_mark < len(marks) and marks[next_mark][0] == first
        if open_at is not None or (opens_here and marks[next_mark][1] in {"open", "plain"}):
            result[sent.start] = _sentence_speaker(sent)
        order.append(sent.start)
        while next_mark < len(marks) and marks[next_mark][0] < sent.end:
            index, kind = marks[next_mark]
            next_mark += 1
            if kind == "open" or (kind == "plain" and open_at is None):
                open_at = index + 1
            elif open_at is not None:
                ranges.append((open_at, index))
                open_at = None
        runs_on[sent.start] = open_at is not None
        if open_at is not None and sent.text_with_ws.endswith("\n"):
            ranges.append((open_at, sent.end))
            open_at = None
    if open_at is not None:
        ranges.append((open_at, len(doc)))
    for before, after in zip(order[::-1][1:], order[::-1], strict=False):
        if before in result and result[before] is None and runs_on[before] and after in result:
            result[before] = result[after]
    for before, after in itertools.pairwise(order):
        if after in result and result[after] is None and before in result:
            result[after] = result[before]
    return result, tuple(ranges)


def _sentence_speaker(sent: Span) -> Token | None:
    for token in sent:
        if (
            token.lemma_ in SPEECH_VERBS
            and token.pos_ == "VERB"
            and token.dep_ in {"ROOT", "parataxis"}
        ):
            return speaker_token(token)
    return None


def attribution(verb: Token, quotes: Quotes) -> Token | None:
    """Who asserts the relation headed by ``verb``: a speech verb's subject or a quote's speaker."""
    speech = speech_verb(verb)
    if speech is not None:
        return speaker_token(speech)
    speakers, ranges = quotes
    if any(start <= verb.i < end for start, end in ranges):
        return speakers.get(verb.sent.start)
    return None

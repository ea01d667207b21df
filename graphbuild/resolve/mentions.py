"""The mention table: every named mention of an article, from ``doc.ents`` and the parse.

A ``Mention`` is a plain record (offsets, text, label, syntactic role), so the rest of the
resolve stage works on strings and offsets; the spaCy ``Doc`` is only read here and in
``coref``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from graphbuild.resolve.names import PERSONAL_TITLES, TITLES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)
"""spaCy entity labels that name things (numbers, dates and amounts are not mentions)."""

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
SPEECH_LEMMAS = frozenset(
    {
        "say",
        "tell",
        "add",
        "state",
        "announce",
        "claim",
        "deny",
        "warn",
        "write",
        "explain",
        "note",
        "report",
        "insist",
        "argue",
        "confirm",
        "acknowledge",
        "maintain",
        "reply",
        "respond",
        "declare",
        "ask",
        "call",
    }
)
QUOTES = frozenset({'"', "\u201c", "\u201d", "``", "''"})


@dataclass(frozen=True, slots=True)
class Mention:
    """One named mention: offsets, text, NER label and where it sits in the parse.

    ``title`` is an honorific or office word just before a person's name ("mr",
    "president"); ``role`` is ``"subject"`` for the subject of a clause, ``"speaker"`` for
    the subject of a verb of saying, ``"modifier"`` for a compound or adjective inside a
    larger noun phrase, else ``"other"``.
    """

    start: int
    end: int
    text: str
    label: str
    root: int
    sent: int
    role: str = "other"
    title: str | None = None
    quoted: bool = False


def clean_span(span: Span) -> Span:
    """``span`` without a leading determiner, trailing possessive marker or punctuation.

    >>> from graphbuild.nlp import load, parse_text
    >>> doc = parse_text(load(), "the U.K.'s ambassador spoke.")
    >>> clean_span(doc[0:3]).text
    'U.K.'
    """
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    if end > start and doc[end - 1].text == "'s":
        end -= 1
    return doc[start:end] if end > start else span


def role_of(token: Token) -> str:
    """The syntactic role of a mention headed by ``token`` (see ``Mention``)."""
    if token.dep_ in SUBJECT_DEPS:
        return "speaker" if token.head.lemma_ in SPEECH_LEMMAS else "subject"
    if token.dep_ in {"compound", "amod", "poss"} and token.head.pos_ in {"NOUN", "PROPN"}:
        return "modifier"
    return "other"


def quoted_tokens(doc: Doc) -> set[int]:
    """Indices of tokens between quotation marks (within a paragraph)."""
    inside: set[int] = set()
    opened = False
    for token in doc:
        if "\n" in token.text:
            opened = False
            continue
        if token.text in QUOTES:
            if token.text == "\u201c":
                opened = True
            elif token.text == "\u201d":
                opened = False
            else:
                opened = not opened
            continue
        if opened:
            inside.add(token.i)
    return inside


def sentence_index(doc: Doc) -> list[int]:
    """For every token, the number of its sentence."""
    index = [0] * len(doc)
    for number, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = number
    return index


def mention_table(doc: Doc) -> list[Mention]:
    """The named mentions of ``doc`` in document order.

    >>> from graphbuild.nlp import load, parse_text
    >>> doc = parse_text(load(), "Mr. Kirby said Russia and Iran met.")
    >>> [(m.text, m.label, m.role, m.title) for m in mention_table(doc)]
    [('Kirby', 'PERSON', 'speaker', 'mr'), ('Russia', 'GPE', 'subject', None), \
('Iran', 'GPE', 'other', None)]
    """
    names: list[tuple[Span, str, str | None]] = []
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        span = clean_span(ent)
        if not span.text.strip():
            continue
        title = None
        if span.start > 0 and ent.label_ == "PERSON":
            before = doc[span.start - 1].text.rstrip(".").casefold()
            if before in TITLES:
                title = before
        names.append((span, ent.label_, title))
    names.extend((span, "PERSON", title) for span, title in _untagged_titled_names(doc))
    names.sort(key=lambda name: name[0].start)
    sents = sentence_index(doc)
    quoted = quoted_tokens(doc)
    return [
        Mention(
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            label=label,
            root=span.root.i,
            sent=sents[span.root.i],
            role=role_of(span.root),
            title=title,
            quoted=span.root.i in quoted,
        )
        for span, label, title in names
    ]


def _untagged_titled_names(doc: Doc) -> list[tuple[Span, str]]:
    """Names after a personal title that the tagger left out of every entity ("Dr Gazzola").

    >>> from graphbuild.nlp import load, parse_text
    >>> text = "The rats pressed the lever. Dr Gazzola called it a tipping point."
    >>> doc = parse_text(load(), text)
    >>> [(span.text, title) for span, title in _untagged_titled_names(doc)]
    [('Gazzola', 'dr')]
    """
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    found = []
    for token in doc[:-1]:
        title = token.text.rstrip(".").casefold()
        if title not in PERSONAL_TITLES or not token.text[:1].isupper() or token.i in covered:
            continue
        end = token.i + 1
        while (
            end < len(doc)
            and end - token.i <= 3
            and end not in covered
            and doc[end].pos_ == "PROPN"
            and doc[end].is_title
        ):
            end += 1
        if end > token.i + 1:
            found.append((doc[token.i + 1 : end], title))
    return found

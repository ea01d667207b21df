"""The mention table: every named mention of an article, from ``doc.ents`` and the parse.

A ``Mention`` is a plain record (offsets, text, label, syntactic role), so the rest of the
resolve stage works on strings and offsets; the spaCy ``Doc`` is only read here and in
``coref``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from graphbuild.lexicon import COURTESY_TITLES, NOMINAL_SUBJECT_DEPS, QUOTE_VERBS, TITLES
from graphbuild.nlp import quotations
from graphbuild.resolve import coref

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)
"""spaCy entity labels that name things (numbers, dates and amounts are not mentions)."""


MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})
"""Dependencies of modifiers that can name whom a noun belongs to ("Iranian", "Russia's")."""
_NATIONALITY_SKIP = frozenset({"-", "'s", "\u2019s"})


@dataclass(frozen=True, slots=True)
class Mention:
    """One named mention: offsets, text, NER label and where it sits in the parse.

    ``title`` is an honorific or office word just before a person's name ("mr",
    "president") and ``title_text`` that word as written ("Mr."); ``role`` is ``"subject"``
    for the subject of a clause, ``"speaker"`` for the subject of a verb of saying,
    ``"modifier"`` for a compound or adjective inside a larger noun phrase, else ``"other"``.

    What the passes of the resolve stage need from the parse is read here once: ``tokens``
    (the token range ``[first, end)``), ``role_nouns`` (the roles an apposition or title gives
    the person: "spokesman", "president"), ``country_cues`` (tokens that may name the
    person's country: the word before a title, the modifiers of an apposition) and ``group``
    (the tokens of the coordination the mention heads, "Russia and Iran").
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
    tokens: tuple[int, int] = (0, 0)
    title_text: str | None = None
    role_nouns: frozenset[str] = frozenset()
    country_cues: tuple[int, ...] = ()
    group: tuple[int, ...] = ()

    @property
    def person_text(self) -> str:
        """The mention with its title ("Mr. Kirby"), as person names are compared.

        >>> Mention(0, 5, "Kirby", "PERSON", 1, 0, title="mr", title_text="Mr.").person_text
        'Mr. Kirby'
        """
        return self.text if self.title is None else f"{self.title_text} {self.text}"


@dataclass(frozen=True, slots=True)
class Pronoun:
    """A third-person pronoun: where it is and whether it can refer at all.

    ``referring`` is False for a dummy "it" ("it took five hours").
    """

    token: int
    word: str
    sent: int
    quoted: bool = False
    referring: bool = True


@dataclass(frozen=True)
class MentionTable:
    """Everything the resolve passes read about one article, built once from its parse.

    ``mentions`` in document order, ``pronouns``, and per token its sentence number
    (``sentence_of``) and whether it stands inside quotation marks (``quoted``).
    ``token_mention`` maps every token of a mention to the mention's number.

    >>> table = MentionTable((Mention(0, 4, "Iran", "GPE", 0, 0, tokens=(0, 1)),))
    >>> table.token_mention
    {0: 0}
    """

    mentions: tuple[Mention, ...]
    pronouns: tuple[Pronoun, ...] = ()
    sentence_of: tuple[int, ...] = ()
    quoted: frozenset[int] = frozenset()
    token_mention: dict[int, int] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        index = {
            token: number
            for number, mention in enumerate(self.mentions)
            for token in range(*mention.tokens)
        }
        object.__setattr__(self, "token_mention", index)

    def with_mentions(self, mentions: tuple[Mention, ...]) -> MentionTable:
        """The same table with other mention records (same order, same tokens)."""
        return replace(self, mentions=mentions)


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
    if token.dep_ in NOMINAL_SUBJECT_DEPS:
        return "speaker" if token.head.lemma_ in QUOTE_VERBS else "subject"
    if token.dep_ in {"compound", "amod", "poss"} and token.head.pos_ in {"NOUN", "PROPN"}:
        return "modifier"
    return "other"


def quoted_tokens(doc: Doc) -> set[int]:
    """Indices of tokens inside quotation marks (``graphbuild.nlp.quotations``)."""
    return {i for start, end in quotations(doc) for i in range(start, end)}


def sentence_index(doc: Doc) -> list[int]:
    """For every token, the number of its sentence."""
    index = [0] * len(doc)
    for number, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = number
    return index


def mention_table(doc: Doc) -> MentionTable:
    """The mention table of ``doc``: named mentions in document order, pronouns, and where
    sentences and quotations are.

    >>> from graphbuild.nlp import load, parse_text
    >>> doc = parse_text(load(), "Mr. Kirby said Russia and Iran met. He left.")
    >>> table = mention_table(doc)
    >>> [(m.text, m.label, m.role, m.title) for m in table.mentions]
    [('Kirby', 'PERSON', 'speaker', 'mr'), ('Russia', 'GPE', 'subject', None), \
('Iran', 'GPE', 'other', None)]
    >>> table.mentions[1].group, [(p.word, p.sent) for p in table.pronouns]
    ((3, 5), [('he', 1)])
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
    mentions = tuple(
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
            tokens=(span.start, span.end),
            title_text=doc[span.start - 1].text if title is not None else None,
            role_nouns=_role_nouns(span.root, title),
            country_cues=_country_cues(span),
            group=_group(span.root),
        )
        for span, label, title in names
    )
    pronouns = tuple(
        Pronoun(
            token=token.i,
            word=token.lower_,
            sent=sents[token.i],
            quoted=token.i in quoted,
            referring=token.lower_ not in {"it", "its"} or coref.referring_it(token),
        )
        for token in doc
        if token.lower_ in coref.PRONOUNS
    )
    return MentionTable(mentions, pronouns, tuple(sents), frozenset(quoted))


def _role_nouns(root: Token, title: str | None) -> frozenset[str]:
    """Roles the parse gives a person: "John Kirby, a spokesman", "President Biden"."""
    nouns = {child.lemma_.casefold() for child in root.children if child.dep_ == "appos"}
    if root.dep_ == "appos":
        nouns.add(root.head.lemma_.casefold())
    for left in root.lefts:
        if left.dep_ == "compound" and left.lower_.rstrip(".") in TITLES:
            nouns.add(left.lemma_.casefold())
    if title:
        nouns.add(title)
    return frozenset(nouns)


def _country_cues(span: Span) -> tuple[int, ...]:
    """Tokens that may name a person's country: the word before the name and its titles
    ("British Prime Minister Boris Johnson"), and the modifiers of an apposition
    ("Rodrigo Duterte, the Philippine president")."""
    doc = span.doc
    cues = []
    index = span.start - 1
    while index >= 0 and (
        doc[index].lower_.rstrip(".") in TITLES or doc[index].text in _NATIONALITY_SKIP
    ):
        index -= 1
    if index >= 0:
        cues.append(index)
    for child in span.root.children:
        if child.dep_ == "appos":
            cues.extend(m.i for m in child.children if m.dep_ in MODIFIER_DEPS)
    return tuple(cues)


def _group(root: Token) -> tuple[int, ...]:
    """The tokens of the coordination headed by ``root`` (none for a later conjunct)."""
    if root.dep_ == "conj":
        return ()
    return (root.i, *(t.i for t in root.conjuncts))


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
        if title not in COURTESY_TITLES or not token.text[:1].isupper() or token.i in covered:
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

"""The mention table: every named mention of an article, from ``doc.ents`` and the parse.

A ``Mention`` is a plain record (offsets, text, label, syntactic role), so the rest of the
resolve stage works on strings and offsets; the spaCy ``Doc`` is only read here and in
``coref``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from graphbuild.lexicon import (
    COURTESY_TITLES,
    NOMINAL_SUBJECT_DEPS,
    QUOTE_VERBS,
    TITLE_NOUNS,
    TITLES,
)
from graphbuild.nlp import INTERVIEWERS, interview_turns, quotations
from graphbuild.resolve import coref
from graphbuild.resolve.names import HONORIFICS, NAME_TITLES, NON_PERSON_WORDS
from graphbuild.resolve.places import PERSON_ROLES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from graphbuild.resolve.gazetteer import Gazetteer

NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)
"""spaCy entity labels that name things (numbers, dates and amounts are not mentions)."""


UNTAGGED = "UNTAGGED"
"""Label of a word the tagger left out of every entity that repeats the last word of a name
("Quirin" after "Antoine Quirin"): it can join a person of that surname and names nothing
alone."""

UNTAGGED_TITLES = (
    COURTESY_TITLES
    | frozenset(HONORIFICS)
    | frozenset({"princess", "prince", "queen", "king", "sheikh", "lady", "lord", "emir"})
)
"""Titles after which a capitalized name the tagger missed is a person ("Princess
Ubolratana"): the courtesy titles of ``lexicon``, foreign honorifics, and royal titles."""

OFFICES = frozenset(word.rstrip(".") for word in TITLE_NOUNS) | frozenset(
    {"representative", "congressman", "congresswoman", "mp", "prosecutor", "lawyer"}
)
"""Office words that, inside a name the tagger made an organization or a place ("United States
Representative Elijah Cummings"), end the title and begin the person's name."""

_LATIN = re.compile(r"[A-Za-z0-9\u00c0-\u024f]")

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
    person's country: the word before a title, the modifiers of an apposition), ``group``
    (the tokens of the coordination the mention heads, "Russia and Iran"), ``kind`` (the
    common noun right before a name that says what it names: "law firm Sidley Austin") and
    ``definite`` (the name comes right after "the", as people's names do not: "the Azores").
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
    kind: str | None = None
    definite: bool = False

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


@dataclass(frozen=True, slots=True)
class NounSubject:
    """The subject of a clause that is a common noun phrase and no named mention ("One of the
    victims decided ..."): a pronoun after it may stand for it rather than for a name before.

    ``person`` when its head names people ("victim", "one of the officers"), ``plural`` when
    it is plural or coordinated, ``head`` the lemma of its head noun, ``definite`` when it
    starts with "the", "this", "these" ...
    """

    token: int
    sent: int
    quoted: bool
    plural: bool
    person: bool
    head: str
    definite: bool = False


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation (token range inside its marks) and the head token of its speaker: the
    subject of the verb of saying beside it ("..., said X", "X said: ..."). ``speaker`` is
    ``None`` when no verb of saying goes with it."""

    start: int
    end: int
    speaker: int | None = None


@dataclass(frozen=True)
class MentionTable:
    """Everything the resolve passes read about one article, built once from its parse.

    ``mentions`` in document order, ``pronouns``, per token its sentence number
    (``sentence_of``) and whether it stands inside quotation marks (``quoted``), the subjects
    that are common noun phrases (``noun_subjects``) and the quotations with their speakers
    (``quotes``). ``token_mention`` maps every token of a mention to the mention's number.

    >>> table = MentionTable((Mention(0, 4, "Iran", "GPE", 0, 0, tokens=(0, 1)),))
    >>> table.token_mention
    {0: 0}
    """

    mentions: tuple[Mention, ...]
    pronouns: tuple[Pronoun, ...] = ()
    sentence_of: tuple[int, ...] = ()
    quoted: frozenset[int] = frozenset()
    noun_subjects: tuple[NounSubject, ...] = ()
    quotes: tuple[Quote, ...] = ()
    token_mention: dict[int, int] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        index = {
            token: number
            for number, mention in enumerate(self.mentions)
            for token in range(*mention.tokens)
        }
        object.__setattr__(self, "token_mention", index)

    def quote_at(self, token: int) -> Quote | None:
        """The quotation holding ``token``, if any."""
        return next((q for q in self.quotes if q.start <= token < q.end), None)

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


PLAY_VERBS = frozenset({"play", "portray"})
"""Verbs whose passive subject is a role, not a person acting ("Tony Mendez is played by Ben
Affleck")."""


def role_of(token: Token) -> str:
    """The syntactic role of a mention headed by ``token`` (see ``Mention``). The character of
    "is played by" is no subject: the actor after "by" is the one a later "he" means.

    >>> from graphbuild.nlp import load, parse_text
    >>> doc = parse_text(load(), "Tony Mendez is played by Ben Affleck.")
    >>> role_of(doc[1]), role_of(doc[6])
    ('other', 'other')
    """
    if token.dep_ == "nsubjpass" and token.head.lemma_ in PLAY_VERBS:
        return "other"
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


def mention_table(doc: Doc, gaz: Gazetteer | None = None) -> MentionTable:
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
    names = _names(doc, gaz)
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
            kind=_kind(span),
            definite=span.start > 0 and doc[span.start - 1].lower_ == "the",
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
    covered = {i for m in mentions for i in range(*m.tokens)}
    # an interview answer is its interviewee's quotation: "((Aparna Garg))  Yes, we ..."
    turns = {(start, end): name_end - 1 for _, name_end, start, end in interview_turns(doc)}
    return MentionTable(
        mentions,
        pronouns,
        tuple(sents),
        frozenset(quoted),
        _noun_subjects(doc, covered, sents, quoted),
        tuple(
            Quote(start, end, turns.get((start, end)) or _quote_speaker(doc, start, end, quoted))
            for start, end in quotations(doc)
        ),
    )


PERSON_NOUNS = PERSON_ROLES | frozenset(
    {
        "person",
        "people",
        "girl",
        "boy",
        "child",
        "teenager",
        "resident",
        "witness",
        "attacker",
        "gunman",
        "officer",
        "policeman",
        "policewoman",
        "worker",
        "driver",
        "passenger",
        "soldier",
        "patient",
        "nurse",
        "teacher",
        "lawyer",
        "mother",
        "father",
        "son",
        "daughter",
        "wife",
        "husband",
        "brother",
        "sister",
        "friend",
        "protester",
        "voter",
        "fan",
        "member",
        "official",
        "spokesperson",
        "researcher",
        "expert",
        "candidate",
        "defendant",
        "survivor",
        "activist",
        "attendee",
        "user",
    }
)
"""Head nouns of noun phrases that name people: a "he" or "she" after such a subject may be
that person rather than a name before it."""

_QUANTIFIERS = frozenset({"one", "some", "many", "most", "all", "several", "two", "three"})


def _noun_subjects(
    doc: Doc, covered: set[int], sents: list[int], quoted: set[int]
) -> tuple[NounSubject, ...]:
    """The subjects of clauses that are common noun phrases naming no entity."""
    out = []
    for token in doc:
        if token.dep_ not in NOMINAL_SUBJECT_DEPS or token.pos_ not in {"NOUN", "NUM"}:
            continue
        if any(i in covered for i in range(token.left_edge.i, token.right_edge.i + 1)):
            continue
        head = token.lemma_.casefold()
        person = head in PERSON_NOUNS
        if token.lower_ in _QUANTIFIERS or token.pos_ == "NUM":
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    person = any(
                        g.lemma_.casefold() in PERSON_NOUNS
                        for g in child.children
                        if g.dep_ == "pobj"
                    )
        plural = (
            token.tag_ in {"NNS", "NNPS"}
            or any(c.dep_ == "conj" for c in token.children)
            or (token.pos_ == "NUM" and token.lower_ != "one")
        )
        determiners = {c.lower_ for c in token.children if c.dep_ in {"det", "predet"}}
        out.append(
            NounSubject(
                token=token.i,
                sent=sents[token.i],
                quoted=token.i in quoted,
                plural=plural,
                person=person,
                head=head,
                definite=bool(determiners & {"the", "this", "that", "these", "those"}),
            )
        )
    return tuple(out)


def _quote_speaker(doc: Doc, start: int, end: int, quoted: set[int]) -> int | None:
    """The subject of the verb of saying that goes with the quotation ``[start, end)``.

    The verb is the nearest one outside quotation marks after the quotation in the sentence
    where it ends ("..., said Jane Doe"), else before it in the sentence where it starts
    ("Jane Doe said, ..."), else in the sentence before when that sentence ends with a colon.
    A common noun subject with a named apposition gives the name ("a farmer, Ram Singh").

    >>> from graphbuild.nlp import load, parse_text
    >>> doc = parse_text(load(), 'A farmer, Ram Singh, told reporters, "We lost everything."')
    >>> quoted = quoted_tokens(doc)
    >>> doc[_quote_speaker(doc, 10, 13, quoted)].text
    'Singh'
    """
    if end <= start:
        return None

    def verbs(tokens: Iterable[Token]) -> Iterator[Token]:
        for token in tokens:
            if token.i not in quoted and token.lemma_ in QUOTE_VERBS and token.pos_ == "VERB":
                yield token

    last = doc[end - 1].sent
    first = doc[start].sent
    candidates = list(verbs(doc[end : last.end]))
    candidates += list(verbs(reversed(doc[first.start : max(first.start, start - 1)])))
    if not candidates and first.start > 0:
        before = doc[first.start - 1].sent
        tail = [t for t in before if not t.is_space]
        if tail and tail[-1].text == ":":
            candidates = list(verbs(reversed(before)))
    for verb in candidates:
        for child in verb.children:
            if child.dep_ == "nsubj":
                named = [a for a in child.children if a.dep_ == "appos" and a.ent_type_]
                return named[0].i if child.pos_ == "NOUN" and named else child.i
    return None


def looks_like_name(text: str) -> bool:
    """Whether a tagged span can be a name at all: it has a capital letter or a digit, and
    Latin letters (the English pipeline's tags on other scripts are noise).

    >>> [looks_like_name(t) for t in ["Iran", "orcas", "\u041c\u0438\u0440", "G7", "al-Qa'ida"]]
    [True, False, False, True, True]
    """
    return any(c.isupper() or c.isdigit() for c in text) and bool(_LATIN.search(text))


def _names(doc: Doc, gaz: Gazetteer | None = None) -> list[tuple[Span, str, str | None]]:
    """The named spans of ``doc`` with their label and title, in document order.

    The tagger's entities, cleaned (``clean_span``) and cut at spaced dashes and line breaks
    ("Clive Griffiths - Wales" is a byline), without spans that are no names
    (``looks_like_name``, a common word capitalized at the start of a sentence), a person's
    name taken out of a title the tagger put into an organization or place, a model number
    before a name made a product ("Boeing 737 Max"), the gazetteer's names of two words or
    more found in the text (they win over shorter spans the tagger cut out of them: "the
    Levant" of "the Islamic State of Iraq and the Levant"), and the names the tagger missed:
    after a personal title, as the subject of a verb of saying, storms ("Hurricane Dorian")
    and repeated surnames.
    """
    lowered = {t.text for t in doc if t.text.islower() and not t.ent_type_}
    named = Counter(clean_span(ent).text for ent in doc.ents)
    spans: list[tuple[Span, str]] = []
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        for span, label in _pieces(
            _uncapitalized(_unasked(clean_span(ent)), lowered, named), ent.label_, gaz
        ):
            if not span.text.strip() or not looks_like_name(span.text):
                continue
            if _common_word(span, lowered):
                continue
            if label == "PERSON":
                spans.append(_model_name(_hyphenated(span)))
            else:
                spans.extend(_person_inside(span, label))
    if gaz is not None:
        spans.extend((span, "ORG") for span in _gazetteer_names(doc, gaz))
    spans.extend((span, "PERSON") for span, _ in _untagged_titled_names(doc))
    spans.extend((span, "PERSON") for span in _untagged_speakers(doc))
    spans.extend((span, "EVENT") for span in _untagged_storms(doc))
    spans.extend((span, "PERSON") for span in _interviewees(doc))
    spans = _without_overlaps(spans)
    spans.extend((span, UNTAGGED) for span in _untagged_repeats(doc, spans))
    spans.sort(key=lambda item: item[0].start)
    out = []
    for span, label in spans:
        title = None
        if span.start > 0 and label == "PERSON":
            before = doc[span.start - 1].text.rstrip(".").casefold()
            if before in NAME_TITLES:
                title = before
        out.append((span, label, title))
    return out


DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
"""Dashes that, with spaces around them, join a headline's or byline's parts ("Clive
Griffiths - Wales"), never the words of one name."""


def _pieces(span: Span, label: str, gaz: Gazetteer | None) -> list[tuple[Span, str]]:
    """``span`` cut at spaced dashes and line breaks, each piece with its label: the
    gazetteer's when it knows the piece, else the tagger's; a person's name keeps only the
    pieces that can be one ("Clive Griffiths - Wales" -> "Clive Griffiths").

    >>> from graphbuild.nlp import load, parse_text
    >>> doc = parse_text(load(), "By Clive Griffiths - Wales")
    >>> [(piece.text, label) for piece, label in _pieces(doc[1:5], "PERSON", None)]
    [('Clive Griffiths', 'PERSON')]
    """
    doc = span.doc
    groups: list[list[int]] = [[]]
    for token in span:
        spaced = token.i > 0 and doc[token.i - 1].whitespace_ and token.whitespace_
        if token.is_space or (token.text in DASHES and spaced):
            groups.append([])
        else:
            groups[-1].append(token.i)
    if len(groups) == 1:
        return [(span, label)]
    out: list[tuple[Span, str]] = []
    for group in groups:
        if not group:
            continue
        piece = clean_span(doc[group[0] : group[-1] + 1])
        place = gaz.lookup(piece.text) if gaz is not None else None
        if place is not None:
            out.append((piece, "GPE" if place.type == "Country" else "ORG"))
        elif label != "PERSON" or len(piece) >= 2 or not out:
            out.append((piece, label))
    return out


def _gazetteer_names(doc: Doc, gaz: Gazetteer) -> list[Span]:
    """Organizations of the gazetteer named in two to eight words of one sentence."""
    found = []
    for sent in doc.sents:
        index = sent.start
        while index < sent.end:
            token = doc[index]
            match = None
            if token.text[:1].isupper():
                for end in range(min(sent.end, index + 8), index + 1, -1):
                    span = doc[index:end]
                    if not doc[end - 1].text[:1].isupper():
                        continue
                    place = gaz.lookup(span.text)
                    if place is not None and place.type != "Country":
                        match = clean_span(span)
                        break
            if match is not None:
                found.append(match)
                index = match.end
            else:
                index += 1
    return found


def _without_overlaps(spans: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """The spans, the longer one kept where two overlap."""
    kept: list[tuple[Span, str]] = []
    taken: set[int] = set()
    for span, label in sorted(spans, key=lambda item: (-len(item[0]), item[0].start)):
        tokens = set(range(span.start, span.end))
        if tokens & taken:
            continue
        taken |= tokens
        kept.append((span, label))
    return kept


QUESTION_AUXILIARIES = frozenset(
    {"will", "can", "could", "would", "should", "does", "do", "did", "is", "are", "was"}
    | {"were", "has", "have", "had", "may", "might", "must", "shall"}
)


def _unasked(span: Span) -> Span:
    """``span`` without the auxiliary that opens a question ("Will Rocky Linux be ...?")."""
    sent = span.sent
    first = span[0]
    last = next((t for t in reversed(sent) if not t.is_space), first)
    if (
        len(span) > 1
        and first.i == sent.start
        and first.lower_ in QUESTION_AUXILIARIES
        and last.text == "?"
    ):
        return span[1:]
    return span


def _uncapitalized(span: Span, lowered: set[str], named: Counter[str]) -> Span:
    """``span`` without a first word capitalized only because it starts the sentence: a word
    the article also writes in lower case, before the rest of a name the article names alone
    or that is no proper noun itself ("Multiple Creative Commons", "Lead Paul Sun-Hyung
    Lee"), unless the whole name stands elsewhere too."""
    first = span[0]
    if len(span) < 2 or not first.is_title or first.lower_ not in lowered:
        return span
    sent = span.sent
    start = sent.start
    while start < first.i and (span.doc[start].is_punct or span.doc[start].is_space):
        start += 1
    if start != first.i:
        return span
    rest = span[1:]
    if named[span.text] > 1:
        return span  # the whole name stands elsewhere too ("Rocky Linux")
    if rest.text in named or first.pos_ in {"ADJ", "ADV", "DET", "VERB", "NOUN"}:
        return rest
    return span


def _common_word(span: Span, lowered: set[str]) -> bool:
    """A single word at the start of its sentence that the article also writes in lower case
    ("Findings suggested ..." beside "the findings"): a common word, not a name."""
    if len(span) != 1 or not span[0].is_title:
        return False
    first = span.sent.start
    while first < span.start and (span.doc[first].is_punct or span.doc[first].is_quote):
        first += 1
    return first == span.start and span.text.lower() in lowered


def _hyphenated(span: Span) -> Span:
    """A person's name with the hyphen-joined words the tagger cut off ("Chan" of
    "Chan-o-cha")."""
    doc = span.doc
    start, end = span.start, span.end

    def joined(left: Token, right: Token) -> bool:
        return not left.whitespace_ and "-" in {left.text, right.text}

    while end < len(doc) and end - span.end < 4 and joined(doc[end - 1], doc[end]):
        end += 1
    while start > 0 and span.start - start < 4 and joined(doc[start - 1], doc[start]):
        start -= 1
    while end > start and doc[end - 1].text == "-":
        end -= 1
    while start < end and doc[start].text == "-":
        start += 1
    if not all(t.is_alpha or t.text == "-" for t in doc[start:end]):
        return span
    return doc[start:end]


def _model_name(span: Span) -> tuple[Span, str]:
    """A "person" after a model number is a product, named from its maker on ("the new
    Boeing 737 Max" is the airliner "Boeing 737 Max")."""
    root = span.root
    lefts = [t for t in root.lefts if t.i < span.start]
    if not any(t.dep_ == "nummod" or t.like_num for t in lefts):
        return span, "PERSON"
    start = span.start
    while start > 0 and (
        span.doc[start - 1].head == root
        and span.doc[start - 1].dep_ in {"compound", "nmod", "nummod"}
        and span.doc[start - 1].pos_ in {"PROPN", "NUM"}
    ):
        start -= 1
    return span.doc[start : span.end], "PRODUCT"


def _person_inside(span: Span, label: str) -> list[tuple[Span, str]]:
    """A non-person name that ends in a titled person ("United States Representative Elijah
    Cummings", "Senator from Vermont Bernie Sanders"): the person, and what comes before the
    title when it names something else."""
    doc = span.doc
    tokens = list(span)
    offices = [t.i for t in tokens[:-1] if t.lower_.rstrip(".") in OFFICES]
    if offices:
        cut = offices[-1] + 1
        before = offices[-1]
        while before > span.start and doc[before - 1].lower_.rstrip(".") in TITLES:
            before -= 1
    elif (
        len(span) >= 3
        and span.start >= 2
        and doc[span.start - 1].lower_ == "from"
        and doc[span.start - 2].lower_.rstrip(".") in OFFICES
    ):
        cut = before = span.end - 2
        label = "GPE"
    else:
        return [(span, label)]
    person = doc[cut : span.end]
    words = [t.text for t in person]
    if not (
        2 <= len(person) <= 3
        and all(t.is_title and t.pos_ == "PROPN" for t in person)
        and words[-1].casefold() not in NON_PERSON_WORDS
    ):
        return [(span, label)]
    out = [(person, "PERSON")]
    if before > span.start:
        out.append((doc[span.start : before], label))
    return out


def _untagged_speakers(doc: Doc) -> list[Span]:
    """Names of two to four capitalized words (or initials) that the tagger left out of every
    entity, as the subject of a verb of saying ("B Shiva Parvathi said")."""
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    found = []
    for token in doc:
        if (
            token.dep_ not in NOMINAL_SUBJECT_DEPS
            or token.head.lemma_ not in QUOTE_VERBS
            or token.pos_ != "PROPN"
            or token.i in covered
        ):
            continue
        start = token.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head == token:
            start -= 1
        span = doc[start : token.i + 1]
        if (
            2 <= len(span) <= 4
            and not any(t.i in covered for t in span)
            and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in span)
            and all(t.is_title or len(t.text.rstrip(".")) == 1 for t in span)
            and token.lower_ not in NON_PERSON_WORDS
            and not any(t.lower_.rstrip(".") in TITLES for t in span)
        ):
            found.append(span)
    return found


STORM_WORDS = frozenset({"hurricane", "storm", "typhoon", "cyclone"})


def _interviewees(doc: Doc) -> list[Span]:
    """The names in the turn markers of an interview transcript ("((Aparna Garg))"), whom
    the answers after them quote; the interviewer's marker ("((WN))") names no person."""
    return [
        doc[start:end]
        for start, end, _, _ in interview_turns(doc)
        if doc[start:end].text not in INTERVIEWERS
    ]


def _untagged_storms(doc: Doc) -> list[Span]:
    """Storms named after their kind that the tagger left out of every entity ("Hurricane
    Dorian hit the Bahamas")."""
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    return [
        doc[t.i : t.i + 2]
        for t in doc[:-1]
        if t.lower_ in STORM_WORDS
        and t.is_title
        and doc[t.i + 1].is_title
        and doc[t.i + 1].pos_ == "PROPN"
        and not {t.i, t.i + 1} & covered
    ]


def _untagged_repeats(doc: Doc, spans: list[tuple[Span, str]]) -> list[Span]:
    """Words the tagger left out of every entity that repeat the last word of a name of two
    or more words ("Quirin denied" after "Antoine Quirin")."""
    covered = {i for span, _ in spans for i in range(span.start, span.end)}
    lasts = {span[-1].text for span, _ in spans if len(span) >= 2 and span[-1].is_title}
    return [
        doc[t.i : t.i + 1]
        for t in doc
        if t.i not in covered and t.pos_ == "PROPN" and t.is_title and t.text in lasts
    ]


def _kind(span: Span) -> str | None:
    """The common noun right before a name that says what it names ("law firm Sidley Austin",
    "the submarine U.S.S. Grayback"), as a lemma."""
    if span.start == 0:
        return None
    before = span.doc[span.start - 1]
    if before.pos_ != "NOUN" or not before.text.islower():
        return None
    if before.head.i in range(span.start, span.end) or span.root.head == before:
        return before.lemma_.casefold()
    return None


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
    """Names after a personal title (``UNTAGGED_TITLES``) that the tagger left out of every
    entity ("Dr Gazzola", "Princess Ubolratana").

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
        if title not in UNTAGGED_TITLES or not token.text[:1].isupper() or token.i in covered:
            continue
        end = token.i + 1
        while (
            end < len(doc)
            and end - token.i <= 3
            and end not in covered
            and doc[end].pos_ == "PROPN"
            and doc[end].is_title
            and doc[end].lower_.rstrip(".") not in TITLES
        ):
            end += 1
        if end > token.i + 1 and doc[end - 1].lower_ not in NON_PERSON_WORDS:
            found.append((doc[token.i + 1 : end], title))
    return found

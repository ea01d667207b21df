"""Cutting argument spans out of the parse.

An argument is named by its head token; its span is the head's subtree minus what does not
belong to the thing itself: relative clauses, appositions, parentheticals, and the other
conjuncts of a coordination (each conjunct becomes its own argument).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphbuild.lexicon import CLOSING_QUOTES, OPENING_QUOTES, QUANTITY_HEADS, STRAIGHT_QUOTE

if TYPE_CHECKING:
    from spacy.tokens import Token

CUT_DEPS = frozenset(
    {"relcl", "appos", "cc", "conj", "preconj", "punct", "advcl", "parataxis", "case"}
)
"""Children whose subtrees never belong to a minimal argument."""

CUT_CLAUSE_DEPS = frozenset({"acl"})
"""Clausal modifiers cut from minimal arguments when they carry a verb phrase of their own."""

LOCAL_DEPS = frozenset({"punct", "cc", "conj", "preconj", "case"})
"""Cut only as direct children of the head: "military and civilian targets" stays whole."""

LONG_CUT_DEPS = frozenset({"cc", "conj", "preconj", "appos"})
WHOLE_CUT_DEPS: frozenset[str] = frozenset()
"""Children cut from long (CaRB-style) arguments: only other conjuncts and appositions."""


_EDGE_PUNCT = frozenset({"PUNCT", "SPACE"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
"""Tags of finite verbs: a clause of their own, never part of a noun phrase."""


def conjuncts(head: Token) -> list[Token]:
    """``head`` and the heads coordinated with it ("Russia and Iran" -> Russia, Iran).

    Adjective and determiner coordination inside one noun phrase is not split.
    """
    if head.pos_ in NOMINAL_POS:
        return [head, *(t for t in head.conjuncts if t.i > head.i and t.pos_ in NOMINAL_POS)]
    return [head, *(t for t in head.conjuncts if t.i > head.i and t.pos_ == head.pos_)]


TIME_LABELS = frozenset({"DATE", "TIME"})


def prep_objects(word: Token) -> list[tuple[Token, Token]]:
    """The prepositional phrases ``word`` heads, as (preposition, its object) pairs."""
    return [
        (prep, obj)
        for prep in word.children
        if prep.dep_ == "prep"
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]


def stray_time(child: Token) -> bool:
    """A date the parser glued onto a name before it ("*Thursday* Mr Straw said"): a time of
    the clause, not part of the name.

    >>> from graphbuild.nlp import load
    >>> doc = load()("Thursday Mr Straw said the talks failed.")
    >>> stray_time(doc[0])
    True
    """
    return (
        child.dep_ in {"compound", "npadvmod", "nmod"}
        and child.ent_type_ in TIME_LABELS
        and child.i < child.head.i
        and child.head.ent_type_ not in TIME_LABELS
        and child.head.pos_ == "PROPN"
    )


def _cut(child: Token, head: Token, cut: frozenset[str], clauses: bool) -> bool:
    """Whether ``child`` (and its subtree) leaves the argument headed by ``head``."""
    dep = child.dep_
    if dep in cut and (dep not in LOCAL_DEPS or child.head.i == head.i):
        return True
    if child.head.i == head.i and stray_time(child):
        return True
    if clauses and child.head.i == head.i and _loose_name_prep(child, head):
        return True
    if dep == "conj" and child.tag_ in FINITE_TAGS and child.head.pos_ in NOMINAL_POS:
        return True  # a verb misparsed as a conjunct of a noun: "the events of X and relocates"
    return (
        clauses
        and dep in CUT_CLAUSE_DEPS
        and child.pos_ == "VERB"
        and any(c.dep_ not in {"punct", "advmod", "neg"} for c in child.children)
    )


NAME_PREPS = frozenset({"of", "from"})
"""Prepositions that belong to a person's name ("Kristian Andersen of Scripps Research",
"Mr Khan from Leeds"); any other one the parser hangs on a name belongs to the clause
("the resignation of John McVeigh *for family reasons*")."""


def _loose_name_prep(child: Token, head: Token) -> bool:
    """A prepositional phrase the parser hung on a person's name that is not part of it.

    >>> from graphbuild.nlp import load
    >>> doc = load()("He cited the resignation of MP John McVeigh for family reasons.")
    >>> [t.text for t in minimal(doc[7])]
    ['MP', 'John', 'McVeigh']
    """
    return (
        child.dep_ == "prep"
        and child.lower_ not in NAME_PREPS
        and head.pos_ == "PROPN"
        and head.ent_type_ == "PERSON"
    )


def _collect(head: Token, cut: frozenset[str], clauses: bool) -> list[Token]:
    """``head``'s subtree without the subtrees of cut children, in token order."""
    kept = [head]
    stack = [head]
    while stack:
        node = stack.pop()
        for child in node.children:
            if not _cut(child, head, cut, clauses):
                kept.append(child)
                stack.append(child)
    kept.sort(key=lambda t: t.i)
    return kept


def _edge(token: Token) -> bool:
    return token.pos_ in _EDGE_PUNCT or token.dep_ == "cc" or token.is_space


def _quote_side(token: Token) -> str:
    """``open``, ``close``, ``both`` (a straight quote) or ``""`` for any other token."""
    if token.text == STRAIGHT_QUOTE:
        return "both"
    if token.tag_ == "``" or token.text in OPENING_QUOTES:
        return "open"
    if token.tag_ == "''" or token.text in CLOSING_QUOTES:
        return "close"
    return ""


def _trim(tokens: list[Token]) -> list[Token]:
    """Drop punctuation and dangling coordinators from both ends.

    A quotation mark at an end stays when the span holds its partner: "the events of
    `` The Last Precinct ''" keeps both marks, a stray closing mark goes.
    """
    start, end = 0, len(tokens)

    def paired(edge: int) -> bool:
        side = _quote_side(tokens[edge])
        if not side:
            return False
        partner = {"open": "close", "close": "open", "both": "both"}[side]
        return any(
            _quote_side(t) in (partner, "both") for t in tokens[start:end] if t is not tokens[edge]
        )

    while start < end and _edge(tokens[start]) and not paired(start):
        start += 1
    while end > start and _edge(tokens[end - 1]) and not paired(end - 1):
        end -= 1
    return tokens[start:end]


HYPHENS = frozenset({"-", "\u2010", "\u2011", "/"})
"""Marks that join two words into one when written without spaces ("step-change",
"Co-developer", "free/libre")."""


def hyphens(doc: object) -> frozenset[int]:
    """Indices of the marks that join two words without spaces ("step-change"), found once
    per document (kept in ``doc.user_data``)."""
    found = doc.user_data.get("graphbuild.hyphens")  # type: ignore[attr-defined]
    if found is None:
        found = frozenset(
            t.i
            for t in doc  # type: ignore[attr-defined]
            if t.text in HYPHENS and not t.whitespace_ and t.i > 0 and not t.nbor(-1).whitespace_
        )
        doc.user_data["graphbuild.hyphens"] = found  # type: ignore[attr-defined]
    return found


def _join_hyphens(tokens: list[Token]) -> list[Token]:
    """``tokens`` with the rest of every word they hold a part of: the parser splits
    "step-change" into three tokens and may leave "step" and "-" out of the phrase."""
    if not tokens:
        return tokens
    doc = tokens[0].doc
    marks = hyphens(doc)
    if not marks:
        return tokens
    kept = {t.i: t for t in tokens}
    stack = list(kept)
    while stack:
        i = stack.pop()
        for mark, other in ((i - 1, i - 2), (i + 1, i + 2)):
            if mark in marks and mark not in kept and 0 <= other < len(doc):
                kept[mark] = doc[mark]
                if other not in kept:
                    kept[other] = doc[other]
                    stack.append(other)
    return sorted(kept.values(), key=lambda t: t.i)


def minimal(head: Token, without: Token | None = None) -> list[Token]:
    """The tokens of the minimal argument headed by ``head``, in order.

    ``without`` names a modifier whose subtree is left out too ("Iranian-made drones" ->
    "drones" when "made" is the relation).
    """
    tokens = _join_hyphens(_collect(head, CUT_DEPS, True))
    if without is not None:
        dropped = {t.i for t in without.subtree} - {head.i}
        tokens = [t for t in tokens if t.i not in dropped]
    tokens = _trim(tokens)
    return tokens or [head]


def long(head: Token, whole: bool = False, without: Token | None = None) -> list[Token]:
    """The tokens of the full argument headed by ``head`` (clauses kept, conjuncts cut).

    With ``whole`` the coordination is kept too ("Boyer and Cohen"); ``without`` names a
    clause left out (the relative clause the argument is the antecedent of).
    """
    tokens = _collect(head, WHOLE_CUT_DEPS if whole else LONG_CUT_DEPS, False)
    if without is not None and head.is_ancestor(without):
        dropped = {t.i for t in without.subtree} - {head.i}
        tokens = [t for t in tokens if t.i not in dropped]
    tokens = _trim(tokens)
    return tokens or [head]


def contiguous(tokens: list[Token], head: Token) -> list[Token]:
    """The run of consecutive tokens around ``head`` (a Part needs one exact surface span)."""
    if not tokens:
        return [head]
    index = {t.i for t in tokens}
    start = end = head.i
    while start - 1 in index:
        start -= 1
    while end + 1 in index:
        end += 1
    return [t for t in tokens if start <= t.i <= end] or [head]


def words(tokens: list[Token]) -> str:
    """The tokens' texts joined by single spaces (the Open IE slot form)."""
    return " ".join(t.text for t in tokens)


def phrase(tokens: list[Token]) -> str:
    """The surface text of tokens in order: exact within a run, one space across gaps.

    >>> import spacy
    >>> doc = spacy.blank("en")("was used by him, reported by them, to gain")
    >>> phrase([doc[0], doc[1], doc[9], doc[10]])
    'was used to gain'
    """
    out: list[str] = []
    for n, token in enumerate(tokens):
        out.append(token.text)
        if n + 1 < len(tokens):
            follows = tokens[n + 1].i == token.i + 1
            out.append(token.whitespace_ if follows else " ")
    return "".join(out)


def char_span(tokens: list[Token]) -> tuple[int, int]:
    """Character offsets of a token run, end exclusive."""
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def semantic_head(head: Token) -> Token:
    """The word a phrase is about: "hundreds of drones" -> drones."""
    node = head
    for _ in range(3):
        if node.lemma_.lower() not in QUANTITY_HEADS:
            break
        of = [c for c in node.children if c.dep_ == "prep" and c.lower_ == "of"]
        objects = [g for c in of for g in c.children if g.dep_ == "pobj"]
        if not objects:
            break
        node = objects[0]
    return node

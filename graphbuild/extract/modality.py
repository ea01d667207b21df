"""Polarity and modality of a frame: negation, denial, intention, expectation, possibility.

Governors absorbed into a frame (``intends to provide``), modal auxiliaries, and the verb a
clause is the complement of (``denied that it had sent``) decide whether the relation is a
positive fact, a negated one, or something only intended, sought, expected or possible.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphbuild.lexicon import PREDICATE_POS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from graphbuild.extract.clauses import Frame

DENIAL_VERBS = frozenset({"deny", "refute", "dispute", "reject"})
FAILURE_VERBS = frozenset({"refuse", "fail", "decline", "stop", "cease", "avoid", "neglect"})

GOVERNOR_MODALITY: dict[str, str] = {
    "intend": "intended",
    "plan": "intended",
    "aim": "intended",
    "want": "intended",
    "hope": "intended",
    "mean": "intended",
    "wish": "intended",
    "decide": "intended",
    "agree": "intended",
    "promise": "intended",
    "pledge": "intended",
    "vow": "intended",
    "threaten": "intended",
    "prepare": "intended",
    "propose": "intended",
    "offer": "intended",
    "seek": "sought",
    "try": "sought",
    "attempt": "sought",
    "strive": "sought",
    "struggle": "sought",
    "endeavor": "sought",
    "work": "sought",
    "expect": "expected",
    "anticipate": "expected",
    "forecast": "expected",
    "predict": "expected",
    "project": "expected",
    "set": "expected",
    "likely": "expected",
    "due": "expected",
    "poise": "expected",
    "may": "possible",
    "might": "possible",
    "could": "possible",
    "can": "possible",
    "able": "possible",
    "would": "hypothetical",
    "should": "hypothetical",
    "must": "hypothetical",
    "ought": "hypothetical",
    "need": "hypothetical",
    "have": "hypothetical",
}
"""Lemma of an absorbed governor, modal auxiliary or clause-taking verb -> modality."""

COMPLEMENT_MODALITY: dict[str, str] = {
    "expect": "expected",
    "predict": "expected",
    "anticipate": "expected",
    "forecast": "expected",
    "hope": "intended",
    "want": "intended",
    "plan": "intended",
    "propose": "intended",
    "demand": "intended",
    "urge": "intended",
    "fear": "possible",
    "suspect": "possible",
    "wonder": "question",
    "ask": "question",
}
"""Lemma of a verb whose ``that``/``whether`` clause is not asserted -> modality of the clause."""

HYPOTHETICAL_MARKS = frozenset({"if", "unless", "whether"})
_MODAL_AUX_TAGS = frozenset({"MD"})


def _negated(word: Token) -> bool:
    return any(
        c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in word.children
    )


def _complement_path(verb: Token) -> list[tuple[Token, Token]]:
    """(clause head, governing verb) pairs from ``verb`` up through complements and conjuncts."""
    pairs = []
    node = verb
    for _ in range(10):
        head = node.head
        if head.i == node.i:
            break
        if node.dep_ in {"ccomp", "xcomp"}:
            pairs.append((node, head))
        elif node.dep_ != "conj":
            break
        node = head
    return pairs


def polarity(frame: Frame) -> str:
    """``negative`` when the relation is negated or denied an odd number of times."""
    flips = 0
    for word in [*frame.governors, frame.verb]:
        flips += _negated(word)
        if word is not frame.verb and word.lemma_ in DENIAL_VERBS | FAILURE_VERBS:
            flips += 1
    if frame.verb.pos_ == "AUX" and frame.obj is not None:
        flips += _negated(frame.obj)
    for clause, head in _complement_path(frame.governors[0] if frame.governors else frame.verb):
        if head.lemma_ in DENIAL_VERBS:
            flips += 1
        if head.lemma_ in DENIAL_VERBS | set(COMPLEMENT_MODALITY) and _negated(head):
            flips += 1
        if clause is not frame.verb and head.pos_ not in PREDICATE_POS:
            break
    if frame.obj is not None and any(
        c.dep_ == "det" and c.lower_ == "no" for c in frame.obj.children
    ):
        flips += 1
    return "negative" if flips % 2 else "positive"


def modality(frame: Frame) -> str:
    """The frame's modality: ``asserted`` or the first non-factual mode found going up."""
    words = [frame.verb, *reversed(frame.governors)]
    for word in words:
        for child in word.children:
            if child.dep_ == "aux" and child.tag_ in _MODAL_AUX_TAGS:
                mode = GOVERNOR_MODALITY.get(child.lemma_.lower())
                if mode:
                    return mode
            if child.dep_ == "mark" and child.lower_ in HYPOTHETICAL_MARKS:
                return "question" if child.lower_ == "whether" else "hypothetical"
    for word in reversed(frame.governors):
        mode = GOVERNOR_MODALITY.get(word.lemma_.lower())
        if mode and word.lemma_ != "have":
            return mode
    if frame.verb.pos_ == "AUX" and frame.obj is not None:
        mode = GOVERNOR_MODALITY.get(frame.obj.lemma_.lower())
        if mode in {"expected", "possible"} and frame.obj.lemma_ in {"likely", "able", "due"}:
            return mode
    top = frame.governors[0] if frame.governors else frame.verb
    for clause, head in _complement_path(top):
        if clause.dep_ == "ccomp":
            mode = COMPLEMENT_MODALITY.get(head.lemma_)
            if mode:
                return mode
        if head.pos_ == "ADJ" and head.lemma_ in {"likely", "able", "due"}:
            return GOVERNOR_MODALITY[head.lemma_]
    if frame.verb.dep_ == "advcl":
        marks = {c.lower_ for c in frame.verb.children if c.dep_ == "mark"}
        if marks & HYPOTHETICAL_MARKS:
            return "hypothetical"
    return "asserted"

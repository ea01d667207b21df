"""Open IE output in the CaRB tabbed format: lines built from the sentence's own tokens.

Each clause frame gives, ranked first, one n-ary tuple with long arguments (what a
token-overlap benchmark matches) or the speaker-clause tuple of reported speech; below them,
the minimal binary tuples a fact-level benchmark asks for -- the object, then one tuple per
prepositional argument with the preposition moved into the relation ("handcuffed him to" ->
"the bars"), then prepositions inside the arguments.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from graphbuild.extract import confidence, spans
from graphbuild.extract.clauses import Frame
from graphbuild.extract.reading import Reading, readings
from graphbuild.extract.rules import Rule

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

VARIANT = {"speech": 0.0, "long": 0.3, "object": 1.5, "prep": 2.0, "objprep": 2.5}
"""Distance of each reading from the head of the ranking: lowers its confidence.

Long and speech readings come first (token-overlap scoring takes the best threshold); the
minimal readings follow, far enough below not to crowd them (see ``docs/extraction.md``)."""

Tuple = tuple[float, str, list[str]]
Tagged = tuple[float, str, list[str], str]
"""A tuple with the kind of reading that made it (object, prep, long, ...)."""


def _w(tokens: Iterable[Token]) -> str:
    return spans.words(sorted(tokens, key=lambda t: t.i))


def _noun_preps(noun: Token) -> list[tuple[Token, Token]]:
    """Prepositional phrases inside a noun phrase: "interest *in Mr. Stoll 's hunt*"."""
    return [
        (child, obj)
        for child in noun.children
        if child.dep_ == "prep" and child.i > noun.i
        for obj in child.children
        if obj.dep_ == "pobj"
    ]


def _reading_tuples(reading: Reading, words: int) -> Iterator[Tagged]:
    if reading.rule.nominal:
        return  # their relation word ("is") is not in the sentence
    frame, subject, obj = reading.frame, reading.subject, reading.obj
    verb = frame.verb
    rel = list(reading.rel)
    preps = reading.all_preps
    bare: list[tuple[Token | None, Token]] = [(None, t) for t in reading.bare]
    clause = reading.speech_clause
    if clause is not None:
        conf = confidence.score(
            Rule.SPEECH, sentence_words=words, variant=VARIANT["speech"], has_object=True
        )
        for s in spans.conjuncts(subject):
            yield conf, _w(rel), [_w(spans.minimal(s)), _w(spans.long(clause))], "speech"
        return
    base = dict(
        inherited=frame.inherited,
        modality="asserted",
        sentence_words=words,
        clause=verb.dep_,
    )
    for s in spans.conjuncts(subject):
        subj = spans.minimal(s)
        subj_words = _w(subj)
        common = dict(base, pronoun_subject=s.pos_ == "PRON", subject_words=len(subj))
        objects = spans.conjuncts(obj) if obj is not None else []
        dative = [frame.dative] if frame.dative is not None else []
        for o in objects:
            o_tokens = spans.minimal(o)
            conf = confidence.score(
                frame.rule,
                object_words=len(o_tokens),
                relation_words=len(rel) + len(dative),
                variant=VARIANT["object"],
                **common,
            )
            yield conf, _w(rel + dative), [subj_words, _w(o_tokens)], "object"
        obj_words = _w(spans.minimal(obj)) if obj is not None else ""
        for prep, head in preps:
            for p_head in spans.conjuncts(head):
                p_tokens = spans.minimal(p_head)
                relation = " ".join(w for w in (_w(rel), obj_words, prep.text) if w)
                conf = confidence.score(
                    frame.rule,
                    object_words=len(p_tokens),
                    relation_words=len(relation.split()),
                    qualifiers=len(preps),
                    variant=VARIANT["prep"],
                    **common,
                )
                yield conf, relation, [subj_words, _w(p_tokens)], "prep"
        for _, head in bare:
            relation = " ".join(w for w in (_w(rel), obj_words) if w)
            conf = confidence.score(
                frame.rule,
                relation_words=len(relation.split()),
                variant=VARIANT["prep"],
                **common,
            )
            yield conf, relation, [subj_words, _w(spans.minimal(head))], "prep"
        for prep, head in preps:
            for inner, inner_head in _noun_preps(head):
                head_words = _w(t for t in spans.minimal(head) if t.i < inner.i)
                relation = " ".join(
                    w for w in (_w(rel), obj_words, prep.text, head_words, inner.text) if w
                )
                conf = confidence.score(
                    frame.rule,
                    variant=VARIANT["objprep"],
                    relation_words=len(relation.split()),
                    **common,
                )
                yield conf, relation, [subj_words, _w(spans.minimal(inner_head))], "objprep"
        for o in objects:
            for prep, head in _noun_preps(o):
                o_tokens = [t for t in spans.minimal(o) if t.i < prep.i]
                relation = " ".join([_w(rel), _w(o_tokens), prep.text])
                conf = confidence.score(
                    frame.rule,
                    variant=VARIANT["objprep"],
                    relation_words=len(relation.split()),
                    **common,
                )
                yield conf, relation, [subj_words, _w(spans.minimal(head))], "objprep"
        if s is subject:
            yield from _long_tuple(frame, rel, obj, [*preps, *bare], common)


def _long_tuple(
    frame: Frame, rel: list[Token], obj: Token | None, preps: list, common: dict
) -> Iterator[Tagged]:
    """One n-ary tuple with long arguments, for token-overlap scoring.

    The first prepositional phrase after the verb moves into the relation when there is no
    object; the other phrases, "by doing ..." phrases and bare time phrases follow as further
    arguments, those written before the verb ("In 1891 , ...") last. Adverbs inside the verb
    group stay in the relation ("is usually caused by").
    """
    verb = frame.verb
    clausal = [
        (c, g)
        for c in verb.children
        if c.dep_ in {"prep", "agent"}
        for g in c.children
        if g.dep_ == "pcomp"
    ]
    rest = sorted([*preps, *clausal], key=lambda ph: (ph[1].i < verb.i, ph[1].i))
    args = [_w(spans.long(frame.subject, whole=True, without=verb))]
    first = min(t.i for t in rel)
    inner = [c for c in verb.children if c.dep_ == "advmod" and first < c.i < verb.i]
    relation = _w([*rel, *inner])
    if obj is not None:
        args.append(_w(spans.long(obj, whole=True, without=verb)))
    elif rest and rest[0][0] is not None:
        prep, head = rest.pop(0)
        relation = f"{relation} {prep.text}"
        args.append(_w(spans.long(head, whole=True)))
    args.extend(
        _w([p, *spans.long(h, whole=True)] if p is not None else spans.long(h, whole=True))
        for p, h in rest
    )
    if len(args) < 2:
        return
    conf = confidence.score(
        frame.rule,
        variant=VARIANT["long"],
        relation_words=len(relation.split()),
        object_words=sum(len(a.split()) for a in args[1:]),
        **common,
    )
    yield conf, relation, args, "long"


def sentence_tuples(sent: Span) -> Iterator[Tagged]:
    """Open IE tuples of one sentence, each tagged with its kind."""
    words = sum(not t.is_punct for t in sent)
    for reading in readings(sent):
        yield from _reading_tuples(reading, words)


def oie_tuples(doc: Doc) -> Iterator[Tuple]:
    """``(confidence, relation, [arg1, arg2, ...])`` for every extraction of a parsed text.

    Every slot is made of the sentence's own tokens; a tuple is given once, with its best
    confidence.

    >>> from graphbuild.nlp import load, pretokenized
    >>> doc = pretokenized(load(), "He served as the first Prime Minister of Australia .")
    >>> [(rel, args) for _, rel, args in oie_tuples(doc)][0]
    ('served as', ['He', 'the first Prime Minister of Australia'])
    """
    best: dict[tuple[str, ...], float] = {}
    order: list[tuple[str, ...]] = []
    for sent in doc.sents:
        for conf, rel, args, _kind in sentence_tuples(sent):
            key = (rel, *args)
            if any(not slot.strip() for slot in key):
                continue
            if key not in best:
                order.append(key)
                best[key] = conf
            else:
                best[key] = max(best[key], conf)
    for key in order:
        yield best[key], key[0], list(key[1:])


def oie_lines(
    nlp: Language, lines: Iterable[str], pretokenized: bool = False, batch_size: int = 256
) -> Iterator[str]:
    """CaRB tabbed lines for one sentence a line: sentence, confidence, relation, args.

    ``sentence`` is the input line verbatim (only the trailing newline stripped). With
    ``pretokenized`` the line's whitespace tokens are kept exactly. Blank lines print nothing.

    >>> from graphbuild.nlp import load
    >>> line = next(oie_lines(load(), ["Iran supplied drones to Russia ."], pretokenized=True))
    >>> line.split("\\t")[2:]
    ['supplied', 'Iran', 'drones']
    """
    from spacy.tokens import Doc

    def stripped() -> Iterator[str]:
        for line in lines:
            line = line.rstrip("\r\n")
            if line.strip():
                yield line

    def docs(sentences: list[str]) -> Iterator[Doc]:
        if pretokenized:
            inputs = []
            for sentence in sentences:
                words = sentence.split()
                inputs.append(
                    Doc(nlp.vocab, words=words, spaces=[True] * (len(words) - 1) + [False])
                )
            return nlp.pipe(inputs, batch_size=batch_size)
        return nlp.pipe(sentences, batch_size=batch_size)

    batch: list[str] = []
    for line in stripped():
        batch.append(line)
        if len(batch) >= batch_size:
            yield from _lines(batch, docs(batch))
            batch = []
    if batch:
        yield from _lines(batch, docs(batch))


def _lines(sentences: list[str], docs: Iterable[Doc]) -> Iterator[str]:
    for sentence, doc in zip(sentences, docs, strict=True):
        for conf, rel, args in oie_tuples(doc):
            yield "\t".join([sentence, f"{conf:.4f}", rel, *args])

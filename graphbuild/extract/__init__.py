"""The extraction stage: rules over the spaCy dependency parse, ``Doc -> Iterator[Relation]``.

One module per construction: ``clauses`` (predicates and subjects), ``arguments`` (objects,
prepositional arguments and their roles), ``spans`` (cutting argument spans), ``speech``
(attribution), ``modality`` (polarity and modality), ``nominal`` (appositions, titles,
nominalizations), ``confidence`` and ``oie`` (the Open IE output).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graphbuild.extract import arguments, confidence, modality, spans, speech
from graphbuild.extract.clauses import Frame, frames
from graphbuild.extract.nominal import nominal_frames
from graphbuild.lexicon import PREDICATE_POS, SAY_VERBS, SPEECH_VERBS, WH_TAGS
from graphbuild.records import Argument, Part, Predicate, Relation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["extract"]

PRONOUNS = frozenset({"PRON"})
MIN_SENTENCE_WORDS = 3


def extract(doc: Doc, doc_id: str) -> Iterator[Relation]:
    """All relations of a parsed article.

    Parts carry text, span, head lemma and NER label; entity fields stay empty for the
    resolve stage. Coordinated subjects and objects give one relation each.

    >>> from graphbuild.nlp import load, parse_text
    >>> doc = parse_text(load(), "Iran supplied drones to Russia.")
    >>> [(r.subject.text, r.relation.lemma, r.object.text, r.arguments[0].role)
    ...  for r in extract(doc, "d1")]
    [('Iran', 'supply', 'drones', 'recipient')]
    """
    quotes = speech.quoted_sentences(doc)
    for sent in doc.sents:
        tokens = list(sent)
        words = sum(not t.is_punct and not t.is_space for t in tokens)
        if words < MIN_SENTENCE_WORDS or not any(t.pos_ in PREDICATE_POS for t in tokens):
            continue
        context = _sentence_context(sent, words)
        for frame in [*frames(tokens), *nominal_frames(tokens)]:
            yield from _relations(doc_id, context, frame, quotes)


def _sentence_context(sent: Span, words: int) -> tuple[str, tuple[int, int], int]:
    """The sentence's stripped text, its offsets and its number of words."""
    raw = sent.text
    text = raw.strip()
    offset = raw.index(text[:1]) if text else 0
    start = sent.start_char + offset
    return text, (start, start + len(text)), words


def part(head: Token, without: Token | None = None) -> Part:
    """The minimal part headed by ``head`` (one exact surface span).

    >>> from graphbuild.nlp import load
    >>> doc = load()("Iran supplied hundreds of drones, which Russia used, to Russia.")
    >>> p = part(doc[2])
    >>> p.text, p.span, p.head
    ('hundreds of drones', (14, 32), 'drone')
    """
    tokens = spans.contiguous(spans.minimal(head, without), head)
    start, end = spans.char_span(tokens)
    core = spans.semantic_head(head)
    return Part(
        text=head.doc[tokens[0].i : tokens[-1].i + 1].text,
        span=(start, end),
        head=core.lemma_,
        label=core.ent_type_ or None,
    )


def _argument(
    prep: Token | None, head: Token, verb_lemma: str, role: str | None = None
) -> Argument:
    base = part(head)
    return Argument(
        text=base.text,
        span=base.span,
        head=base.head,
        label=base.label,
        role=role or arguments.role(prep.lower_ if prep is not None else None, head, verb_lemma),
        prep=prep.lower_ if prep is not None else None,
    )


def _is_carrier(frame: Frame) -> bool:
    """A speech or attitude verb whose content is a clause: it attributes, it is no relation."""
    verb = frame.verb
    has_clause = any(c.dep_ in {"ccomp", "xcomp"} for c in verb.children)
    if frame.rule in {"apposition", "title", "nominalization", "made-by"}:
        return False
    if verb.pos_ == "AUX" and frame.obj is not None:
        return any(c.dep_ in {"ccomp", "xcomp"} for c in frame.obj.children)
    if verb.lemma_ in SAY_VERBS:
        return True
    if not has_clause:
        return False
    return verb.lemma_ in SPEECH_VERBS or (frame.obj is None and not frame.preps)


@dataclass(slots=True)
class _Reading:
    """How a frame reads as a graph relation (the frame keeps the syntax)."""

    subject: Token
    lemma: str
    obj: Token | None
    preps: list[tuple[Token | None, Token]]
    rule: str
    phrase: str | None = None
    extra: list[Argument] = field(default_factory=list)

    def fold(self, words: list[Token], suffix: str, obj: Token | None) -> None:
        """Fold ``words`` into the relation phrase and ``suffix`` into the lemma."""
        self.lemma = f"{self.lemma} {suffix}"
        self.phrase = spans.phrase(sorted(words, key=lambda t: t.i))
        self.obj = obj


def _first_prep(reading: _Reading) -> tuple[Token, Token] | None:
    """Take the first prepositional argument out of ``reading``."""
    for prep, head in reading.preps:
        if prep is not None:
            reading.preps.remove((prep, head))
            return prep, head
    return None


def _passive(frame: Frame, reading: _Reading) -> None:
    """ "was founded by X" -> X found Y; without an agent the patient stays subject."""
    if frame.agent is not None:
        reading.subject, reading.obj = frame.agent, frame.subject
        reading.preps = [(p, t) for p, t in reading.preps if t is not frame.agent]
        reading.rule = "passive-agent"
    else:
        reading.lemma = f"be {frame.verb.lower_}"


def _copula(frame: Frame, reading: _Reading) -> None:
    """ "is aware of X" -> be aware of; "is from X" -> be from; else lemma ``be``."""
    reading.lemma = "be"
    comp = frame.obj
    rel = frame.rel or [frame.verb]
    if comp is None:
        located = _first_prep(reading)
        if located is not None:
            reading.fold([*rel, located[0]], located[0].lower_, located[1])
        return
    comp_preps = [
        (c, g) for c in comp.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
    ]
    if comp.pos_ == "ADJ" and comp_preps:
        prep, obj = comp_preps[0]
        reading.fold([*rel, comp, prep], f"{comp.lemma_.lower()} {prep.lower_}", obj)
        reading.preps.extend(comp_preps[1:])


def _verb(frame: Frame, reading: _Reading) -> None:
    """Objects of a verb: provide X with Y, light objects and prepositions, datives."""
    verb, obj = frame.verb, reading.obj
    rel = frame.rel or [verb]
    with_arg = next(
        (pt for pt in reading.preps if pt[0] is not None and pt[0].lower_ == "with"), None
    )
    if obj is not None and reading.lemma in arguments.PROVIDE_WITH and with_arg is not None:
        reading.extra.append(_argument(None, obj, reading.lemma, role="recipient"))
        reading.obj = with_arg[1]
        reading.preps.remove(with_arg)
    elif (
        obj is not None
        and arguments.light_object(reading.lemma, obj.lemma_.lower())
        and not any(c.dep_ in {"det", "amod", "poss"} for c in obj.children)
    ):
        noun = obj.lemma_.lower()
        located = _first_prep(reading) if noun != "place" else None
        if located is not None:
            reading.fold([*rel, obj, located[0]], f"{noun} {located[0].lower_}", located[1])
        else:
            reading.fold([*rel, obj], noun, None)
    if reading.obj is None and reading.lemma == verb.lemma_.lower():
        light = next(
            (
                pt
                for pt in reading.preps
                if pt[0] is not None and arguments.light_prep(reading.lemma, pt[0].lower_)
            ),
            None,
        )
        if light is not None:
            reading.preps.remove(light)
            reading.fold([*rel, light[0]], light[0].lower_, light[1])
    if frame.dative is not None:
        reading.extra.append(_argument(None, frame.dative, reading.lemma, role="recipient"))


def _reading(frame: Frame, subject: Token) -> _Reading:
    reading = _Reading(
        subject=subject,
        lemma=frame.lemma or frame.verb.lemma_.lower(),
        obj=frame.obj,
        preps=list(frame.preps),
        rule=frame.rule,
        phrase=frame.text,
    )
    if frame.rule in {"passive", "reduced-passive"}:
        _passive(frame, reading)
    elif frame.rule == "copula":
        _copula(frame, reading)
    elif frame.rule in {"svo", "svoc"}:
        _verb(frame, reading)
    return reading


def _relations(
    doc_id: str,
    context: tuple[str, tuple[int, int], int],
    frame: Frame,
    quotes: speech.Quotes,
) -> Iterator[Relation]:
    if frame.subject is None or _is_carrier(frame) or frame.subject.tag_ in WH_TAGS:
        return
    verb = frame.verb
    reading = _reading(frame, frame.subject)
    subject, obj, lemma, rule = reading.subject, reading.obj, reading.lemma, reading.rule
    preps, extra, phrase = reading.preps, reading.extra, reading.phrase
    args = extra + [
        _argument(prep, conj, verb.lemma_.lower())
        for prep, head in preps
        for conj in spans.conjuncts(head)
    ]
    rel_tokens = frame.rel or [verb]
    if phrase is not None:
        text, rel_span = phrase, spans.char_span([verb])
    else:
        text = spans.phrase(rel_tokens)
        rel_span = spans.char_span([verb])
    pol = modality.polarity(frame) if frame.rel else "positive"
    mode = modality.modality(frame) if frame.rel else "asserted"
    speaker = speech.attribution(verb, quotes)
    attributed = part(speaker) if speaker is not None else None
    sentence_text, sent_span, words = context
    subjects = spans.conjuncts(subject)
    objects = spans.conjuncts(obj) if obj is not None else [None]
    for s in subjects:
        subj_part = part(s, verb if rule == "title" else None)
        for o in objects:
            trigger = verb if rule == "made-by" or frame.rule == "reduced-passive" else None
            obj_part = part(o, trigger) if o is not None else None
            conf = confidence.score(
                rule,
                inherited=frame.inherited,
                pronoun_subject=s.pos_ in PRONOUNS,
                subject_words=len(subj_part.text.split()),
                object_words=len(obj_part.text.split()) if obj_part else 0,
                has_object=obj_part is not None,
                qualifiers=len(args),
                modality=mode,
                sentence_words=words,
            )
            yield Relation(
                doc=doc_id,
                sentence=sentence_text,
                sentence_span=sent_span,
                subject=subj_part,
                relation=Predicate(text=text, lemma=lemma, span=rel_span),
                object=obj_part,
                arguments=tuple(args),
                polarity=pol,
                modality=mode,
                attribution=attributed,
                confidence=conf,
                rule=rule,
            )

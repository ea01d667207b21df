"""The extraction stage: rules over the spaCy dependency parse, ``Doc -> Iterator[Relation]``.

One module per construction: ``clauses`` (predicates and subjects), ``nominal``
(appositions, titles, nominalizations), ``reading`` (one reading of each frame), ``arguments``
(objects, prepositional arguments and their roles), ``spans`` (cutting argument spans),
``speech`` (attribution), ``modality`` (polarity and modality), ``rules`` (the named
constructions), ``confidence``, and ``oie`` (the Open IE rendering of the same readings).
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graphbuild.extract import arguments, confidence, modality, positions, spans, speech
from graphbuild.extract.clauses import particles, phrasal_lemma
from graphbuild.extract.reading import Reading, readings
from graphbuild.extract.rules import Rule
from graphbuild.lexicon import PREDICATE_POS
from graphbuild.nlp import interview_turns
from graphbuild.records import Argument, Part, Predicate, Relation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["extract"]

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
    answers = tuple((start, end) for _, _, start, end in interview_turns(doc))
    for sent in doc.sents:
        tokens = list(sent)
        words = sum(not t.is_punct and not t.is_space for t in tokens)
        if words < MIN_SENTENCE_WORDS or not any(t.pos_ in PREDICATE_POS for t in tokens):
            continue
        context = _sentence_context(sent, words, tokens)
        if not latin_script(context.text):
            continue  # the English pipeline cannot parse other scripts
        for reading in readings(tokens):
            yield from _relations(doc_id, context, reading, quotes, answers)


def latin_script(text: str) -> bool:
    """Whether the letters of ``text`` are Latin (English, possibly with a name or two in
    another script) rather than another script an English parser cannot read.

    >>> latin_script("Iran supplied drones."), latin_script("कुछ लोगों को दूसरे संस्था से जोड़ा")
    (True, False)
    """
    if text.isascii():
        return True
    letters = [c for c in text if c.isalpha() or unicodedata.category(c).startswith("M")]
    other = sum(c >= "\u0250" for c in letters)
    return other <= 0.3 * len(letters)


@dataclass(frozen=True, slots=True)
class _Sentence:
    """What every record of a sentence shares: its stripped text and offsets, its number of
    words, the share of them that are proper nouns, and whether it lacks final punctuation."""

    text: str
    span: tuple[int, int]
    words: int
    names_share: float
    headline: bool


def _sentence_context(sent: Span, words: int, tokens: list[Token]) -> _Sentence:
    raw = sent.text
    text = raw.strip()
    offset = raw.index(text[:1]) if text else 0
    start = sent.start_char + offset
    names = sum(t.pos_ == "PROPN" for t in tokens)
    headline = not text.rstrip("\"'”’)]").endswith((".", "!", "?", ":", ";"))
    return _Sentence(text, (start, start + len(text)), words, names / max(words, 1), headline)


NEGATIVE_DETERMINERS = frozenset({"no", "neither", "not"})
"""Words before a subject or object that negate the clause ("no oil slicks were found"); the
polarity says it, so the part leaves them out."""


def part(head: Token, without: Token | None = None, *, polar: bool = False) -> Part:
    """The minimal part headed by ``head`` (one exact surface span).

    With ``polar`` (a subject or object, whose negation the polarity carries) a negating
    determiner is left out: "no oil slicks" -> "oil slicks".

    >>> from graphbuild.nlp import load
    >>> doc = load()("Iran supplied hundreds of drones, which Russia used, to Russia.")
    >>> p = part(doc[2])
    >>> p.text, p.span, p.head
    ('hundreds of drones', (14, 32), 'drone')
    """
    tokens = spans.contiguous(spans.minimal(head, without), head)
    if polar:
        while (
            len(tokens) > 1 and tokens[0].lower_ in NEGATIVE_DETERMINERS and tokens[0] is not head
        ):
            tokens = tokens[1:]
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


@dataclass(slots=True)
class _Draft:
    """A relation record being drafted from a reading (the reading keeps the syntax)."""

    subject: Token
    lemma: str
    obj: Token | None
    preps: list[tuple[Token | None, Token]]
    rule: Rule
    phrase: str | None = None
    extra: list[Argument] = field(default_factory=list)

    def fold(self, words: list[Token], suffix: str, obj: Token | None) -> None:
        """Fold ``words`` into the relation phrase and ``suffix`` into the lemma."""
        self.lemma = f"{self.lemma} {suffix}"
        self.phrase = spans.phrase(sorted(words, key=lambda t: t.i))
        self.obj = obj


def _first_prep(draft: _Draft) -> tuple[Token, Token] | None:
    """Take the first prepositional argument out of ``draft``."""
    for prep, head in draft.preps:
        if prep is not None:
            draft.preps.remove((prep, head))
            return prep, head
    return None


def _prep_after(draft: _Draft, word: Token) -> tuple[Token, Token] | None:
    """Take out of ``draft`` the prepositional argument nearest after ``word`` ("set fire *to*
    the church", not the "during" of the sentence's opening phrase)."""
    own = spans.prep_objects(word)
    if own:  # the parser hung it on the noun: "claimed responsibility for the attack"
        return own[0]
    after = [(prep, head) for prep, head in draft.preps if prep is not None and prep.i > word.i]
    if not after:
        return None
    nearest = min(after, key=lambda pt: pt[0].i)
    draft.preps.remove(nearest)
    return nearest


def _passive(reading: Reading, draft: _Draft) -> None:
    """ "was founded by X" -> X found Y; without an agent the patient stays subject."""
    frame = reading.frame
    if frame.agent is not None:
        draft.subject, draft.obj = frame.agent, frame.subject
        draft.preps = [(p, t) for p, t in draft.preps if t is not frame.agent]
        draft.rule = Rule.PASSIVE_AGENT
    else:
        draft.lemma = " ".join(
            ["be", reading.verb.lower_, *(p.lower_ for p in particles(reading.verb))]
        )


def _copula(reading: Reading, draft: _Draft) -> None:
    """ "is aware of X" -> be aware of; "is from X" -> be from; else lemma ``be``."""
    draft.lemma = "be"
    frame = reading.frame
    rel = frame.rel or [frame.verb]
    if reading.adjective_preps:
        (prep, obj), *others = reading.adjective_preps
        comp = frame.obj
        draft.fold([*rel, comp, prep], f"{comp.lemma_.lower()} {prep.lower_}", obj)
        draft.preps.extend(others)
    elif frame.obj is None:
        located = _first_prep(draft)
        if located is not None:
            draft.fold([*rel, located[0]], located[0].lower_, located[1])


def _verb(reading: Reading, draft: _Draft) -> None:
    """Objects of a verb: provide X with Y, light objects and prepositions, datives."""
    frame = reading.frame
    verb, obj = frame.verb, draft.obj
    rel = frame.rel or [verb]
    with_arg = next(
        (pt for pt in draft.preps if pt[0] is not None and pt[0].lower_ == "with"), None
    )
    if obj is not None and draft.lemma in arguments.PROVIDE_WITH and with_arg is not None:
        draft.extra.append(_argument(None, obj, draft.lemma, role="recipient"))
        draft.obj = with_arg[1]
        draft.preps.remove(with_arg)
    elif (
        obj is not None
        and arguments.light_object(draft.lemma, obj.lemma_.lower())
        and not any(c.dep_ in {"det", "amod", "poss"} for c in obj.children)
    ):
        noun = obj.lemma_.lower()
        located = _prep_after(draft, obj) if noun != "place" else None
        if located is not None:
            draft.fold([*rel, obj, located[0]], f"{noun} {located[0].lower_}", located[1])
        else:
            draft.fold([*rel, obj], noun, None)
    if draft.obj is None and draft.lemma == verb.lemma_.lower():  # no particle either
        light = next(
            (
                pt
                for pt in draft.preps
                if pt[0] is not None and arguments.light_prep(draft.lemma, pt[0].lower_)
            ),
            None,
        )
        if light is not None:
            draft.preps.remove(light)
            draft.fold([*rel, light[0]], light[0].lower_, light[1])
    if frame.dative is not None:
        draft.extra.append(_argument(None, frame.dative, draft.lemma, role="recipient"))


_RENDERERS = {
    Rule.PASSIVE: _passive,
    Rule.REDUCED_PASSIVE: _passive,
    Rule.COPULA: _copula,
    Rule.SVO: _verb,
    Rule.SVOC: _verb,
}
"""How each rule's reading becomes a relation record (the noun-phrase rules stand as read)."""


def _draft(reading: Reading) -> _Draft:
    frame = reading.frame
    draft = _Draft(
        subject=reading.subject,
        lemma=frame.lemma or phrasal_lemma(frame.verb),
        obj=frame.obj,
        preps=list(reading.arguments),
        rule=frame.rule,
        phrase=frame.text,
    )
    render = _RENDERERS.get(frame.rule)
    if render is not None:
        render(reading, draft)
    return draft


POSITION_RULES = frozenset({Rule.TITLE, Rule.APPOSITION, Rule.COPULA})
"""Rules whose object may be a position its subject holds."""


def _position(rule: Rule, subject: Token, obj: Token | None) -> positions.Position | None:
    """The position a title, an apposition or "X is the Y of Z" gives a person."""
    if obj is None or rule not in POSITION_RULES or obj.pos_ not in {"NOUN", "PROPN"}:
        return None
    person = subject.ent_type_ == "PERSON" or subject.lower_ in {"he", "she"}
    if not person:
        return None
    return positions.position(obj, subject)


def _position_arguments(found: positions.Position) -> list[Argument]:
    """Where a position is held (role ``other``, with its preposition when written) and whom
    it is accredited to (``other``, "to")."""
    out = []
    for token in (found.holder_in, found.to):
        if token is None:
            continue
        prep = token.head if token.dep_ == "pobj" else None
        out.append(_argument(prep, token, "be", role="other"))
    return out


def _restriction(subject: Token) -> Token:
    """What a negative quantifier ranges over: "None of *them*" (the polarity carries the
    "none")."""
    if subject.lower_ in {"none", "neither"}:
        for prep in subject.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                found = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if found is not None:
                    return found
    return subject


def _relations(
    doc_id: str,
    context: _Sentence,
    reading: Reading,
    quotes: speech.Quotes,
    answers: tuple[tuple[int, int], ...] = (),
) -> Iterator[Relation]:
    if reading.attributes_only or reading.expletive or reading.time_actor:
        return
    frame = reading.frame
    verb = frame.verb
    draft = _draft(reading)
    subject, obj, lemma, rule = draft.subject, draft.obj, draft.lemma, draft.rule
    preps, extra, phrase = draft.preps, draft.extra, draft.phrase
    args = extra + [
        _argument(prep, conj, verb.lemma_.lower())
        for prep, head in preps
        for conj in spans.conjuncts(head)
    ]
    args += [
        _argument(None, c, verb.lemma_.lower(), role="time")
        for c in subject.children
        if spans.stray_time(c)
    ]
    rel_tokens = frame.rel or [verb]
    if phrase is not None:
        text, rel_span = phrase, spans.char_span([verb])
    else:
        text = spans.phrase(rel_tokens)
        rel_span = spans.char_span([verb])
    pol = modality.polarity(frame) if frame.rel else "positive"
    mode = modality.modality(frame) if frame.rel else "asserted"
    quoted = any(start <= verb.i < end for start, end in quotes[1])
    answer = any(start <= verb.i < end for start, end in answers)
    # a description belongs to the one name it stands by, not to names coordinated with it
    described = rule in {Rule.TITLE, Rule.APPOSITION, Rule.AFFILIATION}
    # ... and, outside quotation marks, is the writer's way of naming it, not a speaker's claim
    # ("Reuters estimated 200 people attended the event in the Indian capital city of New Delhi")
    speaker = speech.attribution(verb, quotes) if quoted or not described else None
    attributed = part(speaker) if speaker is not None else None
    subjects = [subject] if described else spans.conjuncts(_restriction(subject))
    objects = spans.conjuncts(obj) if obj is not None else [None]
    for s in subjects:
        cut = verb if rule in {Rule.TITLE, Rule.MADE_BY, Rule.AFFILIATION} else None
        subj_part = part(s, cut, polar=True)
        for o in objects:
            trigger = verb if rule == Rule.MADE_BY or frame.rule == Rule.REDUCED_PASSIVE else None
            if o is not None and o.is_ancestor(s):  # "the city of Wuhan": leave "of Wuhan" out
                trigger = next(c for c in o.children if c.is_ancestor(s) or c.i == s.i)
            obj_part = part(o, trigger, polar=True) if o is not None else None
            found = _position(rule, s, o)
            record_rule, record_args = rule, args
            if found is not None and obj_part is not None:
                record_rule = Rule.POSITION
                obj_part = dataclasses.replace(obj_part, head=found.name)
                record_args = [*args, *_position_arguments(found)]
            features = confidence.parse_features(
                record_rule,
                clause=verb.dep_ if not frame.rule.nominal else "nominal",
                inherited=frame.inherited,
                quoted=quoted,
                sentence_words=context.words,
                subject=s.lower_,
                subject_words=len(subj_part.text.split()),
                object_words=len(obj_part.text.split()) if obj_part else 0,
                has_object=obj_part is not None,
                arguments=len(record_args),
                lemma=lemma,
                modality=mode,
                polarity=pol,
                headline=context.headline,
                names_share=context.names_share,
                interview=answer,
            )
            relation = Relation(
                doc=doc_id,
                sentence=context.text,
                sentence_span=context.span,
                subject=subj_part,
                relation=Predicate(text=text, lemma=lemma, span=rel_span),
                object=obj_part,
                arguments=tuple(record_args),
                polarity=pol,
                modality=mode,
                attribution=attributed,
                rule=record_rule.value,
                features=features,
            )
            # provisional until the resolve stage says what the parts refer to
            yield dataclasses.replace(relation, confidence=confidence.probability(relation))

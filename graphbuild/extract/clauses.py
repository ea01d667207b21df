"""Predicate heads and their subjects: the clause frames every other rule works on.

A ``Frame`` is one predication found in the parse: its head word, the subject (own or
inherited through xcomp, conj, advcl, pcomp, relcl and acl), the relation phrase, the direct
object and the prepositional arguments. Frames hold spaCy tokens and never leave this package;
``graphbuild.extract`` turns them into records.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graphbuild.extract.modality import FACTUAL_ORDINALS, NOUN_MODALITY, infinitive
from graphbuild.extract.rules import Rule
from graphbuild.extract.spans import FINITE_TAGS, TIME_LABELS
from graphbuild.lexicon import INTRANSITIVE_VERBS, PREDICATE_POS, SUBJECT_DEPS

if TYPE_CHECKING:
    from spacy.tokens import Token

OBJECT_DEPS = frozenset({"dobj", "obj"})
COMPLEMENT_DEPS = frozenset({"attr", "acomp", "oprd"})
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "conj", "advcl", "relcl", "acl", "pcomp"})
CLAUSE_DEPS |= frozenset({"parataxis", "csubj", "dep"})
AUX_DEPS = frozenset({"aux", "auxpass", "neg"})
RELATIVIZERS = frozenset({"who", "which", "that", "whom", "what"})
RELATIVE_TAGS = frozenset({"WDT", "WP"})
CONTRACTIONS: dict[str, str] = {
    "'s": "be",
    "'re": "be",
    "'m": "be",
    "'ve": "have",
    "'ll": "will",
    "'d": "would",
}
"""Lemmas of contracted verbs, whatever the apostrophe ("It’s" -> be)."""
APOSTROPHES = frozenset({"'", "\u2019"})

SUBJECT_CONTROL = frozenset({"use", "employ", "utilize", "need", "promise", "take"})
"""Verbs whose xcomp takes the subject even with an object: "used drones to attack"."""


@dataclass(slots=True)
class Frame:
    """One predication: head word, subject, relation phrase, object and arguments."""

    verb: Token
    subject: Token | None
    rel: list[Token]
    obj: Token | None = None
    dative: Token | None = None
    preps: list[tuple[Token | None, Token]] = field(default_factory=list)
    passive: bool = False
    agent: Token | None = None
    governors: list[Token] = field(default_factory=list)
    inherited: bool = False
    rule: Rule = Rule.SVO
    lemma: str | None = None
    text: str | None = None


def _own_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and child.dep_ != "expl":
            return child
    return None


def _antecedent(verb: Token) -> Token | None:
    """The noun a relative or participial clause modifies."""
    head = verb.head
    return head if head.i != verb.i and head.pos_ in {"NOUN", "PROPN", "PRON", "NUM"} else None


PARTICLE_ADVERBS = frozenset({"aside", "down", "up", "out", "off", "away", "over"})
"""Adverbs the parser leaves as modifiers that are particles right after a verb: "stepped
*down*", "stand *aside*"."""


def particles(verb: Token) -> list[Token]:
    """The particles of a phrasal verb: "ruled *out*", "fight *off*", "stepped *down*"."""
    return [
        c
        for c in verb.children
        if c.dep_ == "prt"
        or (c.dep_ == "advmod" and c.lower_ in PARTICLE_ADVERBS and 0 < c.i - verb.i <= 2)
    ]


def phrasal_lemma(verb: Token) -> str:
    """The lemma of a verb with its particles: "carried out" -> "carry out".

    >>> from graphbuild.nlp import load
    >>> phrasal_lemma(load()("The minister ruled out a deal.")[2])
    'rule out'
    """
    return " ".join([verb.lemma_.lower(), *(p.lower_ for p in particles(verb))])


def object_of(verb: Token) -> Token | None:
    """The direct object of ``verb``, or the object the parser hung on its particle ("fight
    off *COVID-19*")."""
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS:
            return child
    for particle in particles(verb):
        for child in particle.children:
            if child.dep_ == "pobj":
                return child
    return None


PREPOSITIONAL_CONTROL: dict[str, str] = {
    "call": "on",
    "rely": "on",
    "count": "on",
    "depend": "on",
    "prevail": "on",
    "wait": "for",
    "appeal": "to",
    "look": "to",
}
"""Verbs whose infinitive is done by the object of a preposition: "called *on* Fox News to
fire Griffin"."""


def controller(verb: Token) -> Token | None:
    """Who does the infinitive below ``verb`` when it is not the subject: the object
    ("urged residents to evacuate") or, for ``PREPOSITIONAL_CONTROL`` verbs, the object of
    their preposition ("called on Fox News to fire")."""
    found = object_of(verb)
    if found is not None:
        return found
    prep = PREPOSITIONAL_CONTROL.get(verb.lemma_)
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == prep:
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _noun_infinitive_subject(verb: Token, depth: int) -> Token | None:
    """Who does an infinitive that modifies a noun: the sentence's subject for "in order to";
    the noun itself after an ordinal ("the first woman to win"); the noun's possessor ("their
    plans to oppose"); or the subject of the clause the noun is the object of ("announced
    plans to oppose") when the noun names an intention, attempt or ability."""
    noun = verb.head
    if noun.lower_ == "order" and noun.head.lower_ == "in" and noun.head.head.pos_ in PREDICATE_POS:
        return subject_of(noun.head.head, depth + 1)[0]
    if any(c.lower_ in FACTUAL_ORDINALS for c in noun.children if c.dep_ in {"amod", "det"}):
        return noun
    if noun.lemma_.lower() not in NOUN_MODALITY:
        return None
    possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
    clause = (
        subject_of(noun.head, depth + 1)[0]
        if noun.dep_ in {"dobj", "attr"} and noun.head.pos_ in PREDICATE_POS
        else None
    )
    if possessor is not None and (possessor.pos_ != "PRON" or clause is None):
        return possessor
    return clause  # "Planned Parenthood announced their plans to oppose" -> Planned Parenthood


def subject_of(verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """The subject of ``verb`` and whether it was inherited from another clause.

    Relative pronouns are replaced by the noun they stand for; clauses without a subject of
    their own take it from the clause they hang on (control, coordination, participles).
    """
    own = _own_subject(verb)
    if own is not None:
        if own.lower_ in RELATIVIZERS and verb.dep_ == "relcl":
            ante = _antecedent(verb)
            return (ante, True) if ante is not None else (None, False)
        return own, False
    if depth > 8:
        return None, False
    dep, head = verb.dep_, verb.head
    if dep == "xcomp" and _adjectival_governor(head):
        return subject_of(head.head, depth + 1)[0], True
    if dep == "xcomp":
        done_by = controller(head)
        if done_by is not None and head.lemma_ not in SUBJECT_CONTROL:
            return done_by, True
        inherited = subject_of(head, depth + 1)[0]
        if done_by is not None and inherited is not None and expletive(inherited):
            return done_by, True  # "it took rescuers five hours to reach the site"
        return inherited, True
    if dep in {"conj", "advcl"} and head.pos_ in PREDICATE_POS:
        return subject_of(head, depth + 1)[0], True
    if dep == "dep" and head.pos_ in PREDICATE_POS and verb.i > head.i:
        # a verb the parser left unlabelled after another: "showed up, carefully measured"
        return subject_of(head, depth + 1)[0], True
    if dep == "conj" and verb.tag_ in FINITE_TAGS and head.pos_ in {"NOUN", "PROPN"}:
        # a finite verb coordinated with the last noun of the clause before: "resigns after
        # the events of X and relocates to Florida" -- its subject is that clause's
        clause = _clause_verb(head)
        if clause is not None:
            return subject_of(clause, depth + 1)[0], True
    if dep == "pcomp" and head.dep_ == "prep" and head.head.pos_ in PREDICATE_POS:
        return subject_of(head.head, depth + 1)[0], True
    if dep == "relcl":
        return _antecedent(verb), True
    if dep == "acl" and infinitive(verb):
        found = _noun_infinitive_subject(verb, depth)
        return (found, True) if found is not None else (None, False)
    if dep == "acl" and verb.tag_ == "VBG":
        return _antecedent(verb), True
    if dep == "conj" and head.dep_ in {"relcl", "acl"}:
        return subject_of(head, depth + 1)[0], True
    return None, False


EXPLETIVE_VERBS = frozenset({"be", "take", "seem", "appear", "happen", "remain", "cost", "matter"})
"""Verbs whose subject "it" stands for a clause after them: "it took hours to reach", "it
seems that"."""

CONTROL_ADJECTIVES = frozenset(
    {
        "able",
        "unable",
        "capable",
        "ready",
        "willing",
        "unwilling",
        "eager",
        "keen",
        "determined",
        "prepared",
        "reluctant",
        "anxious",
        "desperate",
        "due",
        "set",
        "poised",
        "bound",
        "likely",
        "unlikely",
        "sure",
        "certain",
        "free",
        "happy",
        "glad",
        "afraid",
    }
)
"""Adjectives whose infinitive is done by the subject ("it will be *able* to halve the
deficit"): their "it" refers to something."""


def expletive(subject: Token) -> bool:
    """A dummy "it" standing for a clause after its verb: "It is possible to launch", "It
    took rescuers five hours to reach the site", "It was reported that"."""
    if subject.dep_ == "expl":
        return True
    if subject.lower_ != "it" or subject.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    verb = subject.head
    if verb.lemma_ not in EXPLETIVE_VERBS and subject.dep_ != "nsubjpass":
        return False
    words = [verb]
    for child in verb.children:
        if child.dep_ == "acomp":
            if child.lemma_.lower() in CONTROL_ADJECTIVES:
                return False
            words.append(child)
    return any(
        c.dep_ in {"xcomp", "ccomp", "csubj"} and c.i > verb.i for w in words for c in w.children
    )


CLOCK_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
"""A time of day as written in a time stamp."""

TIME_SUBJECT_VERBS = frozenset(
    {"be", "see", "mark", "bring", "witness", "begin", "end", "start", "come", "pass", "follow"}
    | {"expire", "approach", "arrive", "remain"}
)
"""Verbs a date or time can be the subject of ("Sunday marks a year since the attack",
"2019 saw record heat")."""


def time_subject(subject: Token, verb: Token) -> bool:
    """A date or time as the actor of a verb that needs one: a misparse ("Li died on Friday,
    which quickly became the most discussed subject" gives "Friday" as the antecedent) or
    a time stamp of a chat log ("Mar 5 at 12:05:19 checked the page")."""
    if verb.lemma_ in TIME_SUBJECT_VERBS:
        return False
    phrase = [t for t in subject.subtree if t.i <= subject.i]
    for child in subject.rights:
        if child.dep_ in {"nummod", "prep", "npadvmod"}:
            phrase.extend(child.subtree)
    if any(CLOCK_TIME.fullmatch(t.text) for t in phrase):
        return True
    return all(t.ent_type_ in TIME_LABELS or t.is_punct for t in phrase)


def _clause_verb(word: Token) -> Token | None:
    """The nearest verb above ``word`` in the parse."""
    node = word
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in PREDICATE_POS:
            return node
    return None


def is_passive(verb: Token) -> bool:
    """A passive clause: passive auxiliary or subject, or a past participle modifying a noun."""
    if any(c.dep_ in {"auxpass", "nsubjpass", "csubjpass"} for c in verb.children):
        return True
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


def _adjectival_governor(word: Token) -> bool:
    """An adjective complement governing an infinitive: "were *able* to defeat"."""
    return word.pos_ == "ADJ" and word.dep_ == "acomp" and word.head.i != word.i


def absorbed(verb: Token) -> bool:
    """Whether ``verb`` only governs an xcomp (seek to, intend to, deny using) with no object.

    Such a governor adds its words, modality and polarity to the embedded frame instead of
    making one of its own.
    """
    if verb.pos_ == "AUX":
        return any(
            c.dep_ == "acomp"
            and any(g.dep_ == "xcomp" and g.pos_ in PREDICATE_POS for g in c.children)
            for c in verb.children
        )
    return any(c.dep_ == "xcomp" and c.pos_ in PREDICATE_POS for c in verb.children) and (
        controller(verb) is None
    )


def governors(verb: Token) -> list[Token]:
    """The absorbed governors above ``verb``, outermost first ("is expected to grow")."""
    chain: list[Token] = []
    node = verb
    while node.dep_ == "xcomp" and node.head.i != node.i:
        head = node.head
        if _adjectival_governor(head) and absorbed(head.head):
            chain.extend([head, head.head])
            node = head.head
        elif absorbed(head):
            chain.append(head)
            node = head
        else:
            break
    chain.reverse()
    return chain


def relation_tokens(verb: Token, chain: list[Token]) -> list[Token]:
    """Words of the relation phrase: auxiliaries, negation, governors, verb and particle."""
    tokens: list[Token] = []
    for word in [*chain, verb]:
        tokens.append(word)
        tokens.extend(c for c in word.children if c.dep_ in AUX_DEPS)
        tokens.extend(particles(word))
    if verb.pos_ == "AUX":
        tokens.extend(c for c in verb.children if c.dep_ == "neg")
    return sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)


def _preps(verb: Token) -> list[tuple[Token | None, Token]]:
    found: list[tuple[Token | None, Token]] = []
    for child in verb.children:
        if child.dep_ in {"prep", "agent"} or (child.dep_ == "dative" and child.pos_ == "ADP"):
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                found.append((child, objects[0]))
        elif child.dep_ in {"npadvmod", "advmod"} and child.ent_type_ in {"DATE", "TIME"}:
            found.append((None, child))
    return found


def _shared_object(verb: Token) -> Token | None:
    """The object of a coordinated verb right after ``verb``: "buy and sell *stock*" (never
    for a verb that takes no object: "arrived and detained the man")."""
    if verb.lemma_.lower() in INTRANSITIVE_VERBS:
        return None
    for child in verb.children:
        if (
            child.dep_ == "conj"
            and child.pos_ == "VERB"
            and child.i == verb.i + 2
            and _own_subject(child) is None
        ):
            return object_of(child)
    return None


def _resolve_relativizers(frame: Frame) -> None:
    """In a relative clause, an object "which/that/who" stands for the noun modified."""
    ante = _antecedent(frame.verb)
    if ante is None:
        return
    if frame.obj is not None and frame.obj.tag_ in RELATIVE_TAGS:
        frame.obj = ante
    frame.preps = [
        (prep, ante if head.tag_ in RELATIVE_TAGS else head) for prep, head in frame.preps
    ]
    if frame.verb.dep_ == "relcl" and frame.obj is not ante:
        # a stranded preposition takes the noun modified: "the attacks that he took part *in*"
        stranded = [
            c
            for c in frame.verb.children
            if c.dep_ == "prep" and c.i > frame.verb.i and not any(c.children)
        ]
        frame.preps += [(prep, ante) for prep in stranded[:1]]


def is_predicate(token: Token) -> bool:
    """Whether ``token`` heads a clause of its own that can carry a relation."""
    if token.dep_ not in CLAUSE_DEPS:
        return False
    if token.pos_ == "VERB":
        return not absorbed(token)
    if token.pos_ == "AUX":
        deps = {c.dep_ for c in token.children}
        return bool(deps & {"attr", "acomp"}) or ("prep" in deps and bool(deps & SUBJECT_DEPS))
    return False


def normalize_contraction(token: Token) -> None:
    """Give a contracted verb the tagger left unlemmatized its lemma, in place.

    The tagger reads the curly-apostrophe forms ("It’s", "They’re") as verbs with the lemma
    "’": they become the auxiliary ``be`` (``have``, ``will``, ``would``). Contractions
    already lemmatized ("'s" -> be, "n’t" -> not) and possessives are left alone.
    """
    lemma = CONTRACTIONS.get(token.lower_.replace("\u2019", "'"))
    if lemma is not None and token.dep_ != "case":
        token.lemma_ = lemma
        token.pos_ = "AUX"


def frames(sent: Iterable[Token]) -> Iterator[Frame]:
    """Every clause frame of a sentence (a Span or its tokens), in token order."""
    for token in sent:
        if token.pos_ not in PREDICATE_POS:
            continue
        if token.lemma_[:1] in APOSTROPHES:
            normalize_contraction(token)
        if not is_predicate(token):
            continue
        if token.dep_ == "acl" and token.tag_ not in {"VBN", "VBG"} and not infinitive(token):
            continue
        subject, inherited = subject_of(token)
        chain = governors(token)
        passive = is_passive(token)
        preps = _preps(token)
        agent = next(
            (obj for prep, obj in preps if prep is not None and prep.dep_ == "agent"), None
        )
        frame = Frame(
            verb=token,
            subject=subject,
            rel=relation_tokens(token, chain),
            obj=object_of(token),
            dative=next(
                (c for c in token.children if c.dep_ == "dative" and c.pos_ != "ADP"), None
            ),
            preps=preps,
            passive=passive,
            agent=agent,
            governors=chain,
            inherited=inherited,
            rule=Rule.SVO,
        )
        if token.dep_ == "relcl":
            _resolve_relativizers(frame)
        if frame.obj is None and token.pos_ == "VERB":
            frame.obj = next((c for c in token.children if c.dep_ in COMPLEMENT_DEPS), None)
        if frame.obj is None and token.pos_ == "VERB" and not frame.preps:
            frame.obj = _shared_object(token)
        if token.pos_ == "AUX":
            frame.rule = Rule.COPULA
            frame.obj = next((c for c in token.children if c.dep_ in {"attr", "acomp"}), None)
        elif passive and token.dep_ == "acl":
            frame.subject, frame.inherited, frame.rule = (
                _antecedent(token),
                True,
                Rule.REDUCED_PASSIVE,
            )
        elif passive:
            frame.rule = Rule.PASSIVE
        elif any(c.dep_ == "oprd" for c in token.children):
            frame.rule = Rule.SVOC
        yield frame

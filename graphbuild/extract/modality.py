"""Polarity and modality of a frame: negation, denial, intention, expectation, possibility.

Governors absorbed into a frame (``intends to provide``), modal auxiliaries, and the verb a
clause is the complement of (``denied that it had sent``) decide whether the relation is a
positive fact, a negated one, or something only intended, sought, expected or possible.

Going up from the frame, a clause takes the modality of what it depends on: an infinitive is
not asserted unless the verb above it implies it happened ("managed to", "used drones to";
``IMPLICATIVE_VERBS``), and its mode comes from that verb ("urged Iran to", ``CONTROL_MODALITY``),
adjective ("is possible to", ``ADJECTIVE_MODALITY``) or noun ("plans to", ``NOUN_MODALITY``);
a purpose ("attended the party to fight off COVID-19") is intended; the main clause of a
condition ("if ..., it will ...") is hypothetical; a ``that``-clause takes the mode of its verb
("hopes that", ``COMPLEMENT_MODALITY``) or, below a verb of saying, that verb's own ("may say
that"); a question is a question. A coordinated verb sharing an auxiliary shares its mode and
negation ("will not send drones or train pilots").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphbuild.lexicon import PREDICATE_POS, SPEECH_VERBS

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
    "schedule": "expected",
    "arrange": "intended",
    "likely": "expected",
    "due": "expected",
    "poise": "expected",
    "may": "possible",
    "might": "possible",
    "could": "possible",
    "can": "possible",
    "able": "possible",
    "will": "expected",
    "shall": "expected",
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
    "require": "hypothetical",
    "insist": "intended",
    "advocate": "intended",
    "recommend": "intended",
    "favor": "intended",
    "favour": "intended",
    "request": "intended",
    "fear": "possible",
    "suspect": "possible",
    "wonder": "question",
    "ask": "question",
}
"""Lemma of a verb whose ``that``/``whether`` clause is not asserted -> modality of the clause."""

NEG_RAISING = frozenset({"think", "believe", "suppose", "imagine", "feel", "reckon", "see"})
"""Verbs whose negation denies their clause: "I don't think this will affect them" says it
will not."""

HYPOTHETICAL_MARKS = frozenset({"if", "unless", "whether"})
CONDITION_MARKS = frozenset({"if", "unless"})
INQUIRY_VERBS = SPEECH_VERBS | frozenset(
    {"ask", "know", "wonder", "see", "check", "decide", "determine", "learn", "investigate"}
)
"""Verbs whose "if" clause is an embedded question, not a condition ("did not mention if
there were casualties", "asked if he would resign")."""
_MODAL_AUX_TAGS = frozenset({"MD"})
_NON_FINITE_TAGS = frozenset({"VB", "VBG", "VBN"})

IMPLICATIVE_VERBS = frozenset(
    {
        "manage",
        "begin",
        "start",
        "continue",
        "proceed",
        "tend",
        "happen",
        "go",
        "come",
        "get",
        "use",
        "take",
        "employ",
        "utilize",
        "force",
        "compel",
        "help",
        "dare",
        "bother",
        "remember",
        "seem",
        "appear",
        "cause",
        "lead",
        "prompt",
        "see",
        "hear",
        "watch",
        "let",
        "make",
    }
    | DENIAL_VERBS
    | FAILURE_VERBS
)
"""Verbs whose infinitive complement is asserted to have happened ("managed to leave", "used
drones to attack", "forced them to leave"; "failed to" and "refused to" negate it instead)."""

CONTROL_MODALITY: dict[str, str] = {
    **dict.fromkeys(
        [
            "urge",
            "ask",
            "call",
            "tell",
            "order",
            "encourage",
            "invite",
            "advise",
            "request",
            "demand",
            "press",
            "push",
            "pressure",
            "beg",
            "instruct",
            "warn",
            "persuade",
            "convince",
            "challenge",
            "appeal",
        ],
        "sought",
    ),
    **dict.fromkeys(["allow", "permit", "enable", "authorize", "empower", "entitle"], "possible"),
    **dict.fromkeys(["require", "oblige", "obligate", "need"], "hypothetical"),
    **dict.fromkeys(["expect", "predict"], "expected"),
    **dict.fromkeys(["want", "prefer", "like", "appoint", "hire", "elect", "choose"], "intended"),
}
"""Verb above an infinitive with its own object -> the infinitive's modality ("urged Iran to
stop": the stopping is sought). An infinitive below any other verb is intended (a purpose)."""

ADJECTIVE_MODALITY: dict[str, str] = {
    **dict.fromkeys(["able", "possible", "impossible", "free", "difficult", "hard"], "possible"),
    **dict.fromkeys(["easy", "capable", "unable"], "possible"),
    **dict.fromkeys(["likely", "unlikely", "due", "set", "poised", "bound", "sure"], "expected"),
    **dict.fromkeys(["ready", "willing", "eager", "keen", "determined", "prepared"], "intended"),
    **dict.fromkeys(["reluctant", "unwilling", "anxious", "desperate"], "intended"),
    **dict.fromkeys(["necessary", "important", "essential", "vital", "crucial"], "hypothetical"),
    **dict.fromkeys(["right", "wrong", "illegal", "legal"], "hypothetical"),
}
"""Adjective governing an infinitive -> its modality ("is able to", "is ready to"). Any other
adjective makes it possible."""

NOUN_MODALITY: dict[str, str] = {
    **dict.fromkeys(
        [
            "plan",
            "decision",
            "intention",
            "intent",
            "plot",
            "scheme",
            "proposal",
            "promise",
            "pledge",
            "threat",
            "move",
            "vow",
            "agreement",
            "deal",
            "commitment",
            "offer",
            "desire",
            "wish",
            "aim",
            "goal",
            "mission",
            "ambition",
            "strategy",
            "programme",
            "program",
            "action",
            "step",
            "measure",
            "initiative",
        ],
        "intended",
    ),
    **dict.fromkeys(
        ["power", "right", "ability", "authority", "permission", "chance", "opportunity"],
        "possible",
    ),
    **dict.fromkeys(["capacity", "freedom", "licence", "license", "mandate"], "possible"),
    **dict.fromkeys(
        ["effort", "attempt", "bid", "push", "campaign", "drive", "struggle", "fight", "race"],
        "sought",
    ),
    **dict.fromkeys(
        ["call", "demand", "request", "order", "appeal", "pressure", "plea", "petition"],
        "sought",
    ),
    **dict.fromkeys(["need", "obligation", "duty", "requirement"], "hypothetical"),
    **dict.fromkeys(["expectation", "prospect"], "expected"),
}
"""Noun with an infinitive -> its modality ("plans to attack", "efforts to contain"). Any other
noun makes it possible ("powers to hand out fines", "the right to vote")."""

FACTUAL_ORDINALS = frozenset(
    {"first", "second", "third", "last", "only", "latest", "youngest", "oldest", "fastest"}
)
"""Modifiers that make a noun's infinitive a fact: "the first woman to win"."""

PREVENTION_VERBS = frozenset(
    {"prevent", "stop", "keep", "bar", "ban", "block", "prohibit", "protect", "deter", "save"}
)
"""Verbs whose "from" gerund did not happen: "prevent themselves from being infected"."""


def _negated(word: Token) -> bool:
    return any(
        c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in word.children
    )


def infinitive(word: Token) -> bool:
    """Whether ``word`` heads a "to" infinitive ("to attack")."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in word.children)


def _obliges(word: Token) -> bool:
    """ "have to" with its infinitive ("had to speed up"), not the perfect "have"."""
    return any(c.dep_ == "xcomp" and infinitive(c) for c in word.children)


def _has_aux(word: Token) -> bool:
    return any(c.dep_ in {"aux", "auxpass"} for c in word.children)


def _shares_auxiliary(word: Token) -> bool:
    """A coordinated verb without auxiliary or tense of its own: "will send drones and *train*
    pilots" shares "will" (and "not") with the verb before it."""
    return (
        word.dep_ == "conj"
        and word.tag_ in _NON_FINITE_TAGS
        and word.head.pos_ in PREDICATE_POS
        and not _has_aux(word)
    )


def _auxiliary_words(frame: Frame) -> list[Token]:
    """The frame's verb and governors, then the verbs whose auxiliaries it shares."""
    words = [frame.verb, *reversed(frame.governors)]
    node = frame.governors[0] if frame.governors else frame.verb
    while _shares_auxiliary(node):
        node = node.head
        words.append(node)
    return words


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
    """``negative`` when the relation is negated or denied an odd number of times.

    A negative quantifier as subject ("None of them", "Nobody", "Neither") negates too.
    """
    flips = 0
    words = [*frame.governors, frame.verb]
    for word in words:
        flips += _negated(word)
        if word is not frame.verb and word.lemma_ in DENIAL_VERBS | FAILURE_VERBS:
            flips += 1
    top = frame.governors[0] if frame.governors else frame.verb
    if not any(_negated(w) for w in words) and _shares_auxiliary(top):
        flips += _negated(top.head)
    if frame.verb.pos_ == "AUX" and frame.obj is not None:
        flips += _negated(frame.obj)
    for clause, head in _complement_path(top):
        if head.lemma_ in DENIAL_VERBS:
            flips += 1
        if head.lemma_ in DENIAL_VERBS | set(COMPLEMENT_MODALITY) | NEG_RAISING and _negated(head):
            flips += 1
        if clause is not frame.verb and head.pos_ not in PREDICATE_POS:
            break
    if frame.obj is not None and any(
        c.dep_ == "det" and c.lower_ == "no" for c in frame.obj.children
    ):
        flips += 1
    if frame.subject is not None and negative_quantifier(frame.subject):
        flips += 1
    return "negative" if flips % 2 else "positive"


NEGATIVE_QUANTIFIERS = frozenset({"none", "nobody", "nothing", "neither", "noone", "no-one"})


def negative_quantifier(subject: Token) -> bool:
    """A subject that negates its clause: "None of them", "Nobody", "No country",
    "Neither Iran nor Russia", "Not everyone".

    >>> import spacy
    >>> doc = spacy.blank("en")("None")
    >>> negative_quantifier(doc[0])
    True
    """
    if subject.lower_ in NEGATIVE_QUANTIFIERS:
        return True
    return any(
        (c.dep_ in {"det", "preconj"} and c.lower_ in {"no", "neither"})
        or (c.dep_ in {"neg", "advmod"} and c.lower_ == "not" and c.i < subject.i)
        for c in subject.children
    )


def modality(frame: Frame) -> str:
    """The frame's modality: ``asserted`` or the first non-factual mode found going up."""
    words = _auxiliary_words(frame)
    if any(_is_condition(c) for word in words for c in word.children):
        return "hypothetical"
    for word in words:
        for child in word.children:
            if child.dep_ == "aux" and child.tag_ in _MODAL_AUX_TAGS:
                mode = GOVERNOR_MODALITY.get(child.lemma_.lower())
                if mode:
                    return mode
            if child.dep_ == "mark" and child.lower_ in HYPOTHETICAL_MARKS:
                embedded = word.dep_ != "ROOT" and word.head.lemma_ in INQUIRY_VERBS
                question = child.lower_ == "whether" or (child.lower_ == "if" and embedded)
                return "question" if question else "hypothetical"
    if _is_question(frame.verb):
        return "question"
    for word in reversed(frame.governors):
        if word.pos_ == "ADJ":
            return ADJECTIVE_MODALITY.get(word.lemma_.lower(), "possible")
        mode = GOVERNOR_MODALITY.get(word.lemma_.lower()) or CONTROL_MODALITY.get(word.lemma_)
        if mode and (word.lemma_ != "have" or _obliges(word)):
            return mode
    if frame.verb.pos_ == "AUX" and frame.obj is not None:
        mode = GOVERNOR_MODALITY.get(frame.obj.lemma_.lower())
        if mode in {"expected", "possible"} and frame.obj.lemma_ in {"likely", "able", "due"}:
            return mode
    top = frame.governors[0] if frame.governors else frame.verb
    return _context(top)


def _is_condition(clause: Token) -> bool:
    """An "if" or "unless" clause attached to a verb: its main clause is hypothetical (an "if"
    clause of a verb of asking or knowing is an embedded question instead)."""
    if clause.head.lemma_ in INQUIRY_VERBS:
        return False
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in clause.children
    )


def _is_question(verb: Token) -> bool:
    """Whether ``verb`` stands in a sentence (or quoted sentence) that ends with "?"."""
    sent = verb.sent
    last = sent.end - 1
    while last > sent.start and (sent.doc[last].is_space or sent.doc[last].is_quote):
        last -= 1
    return sent.doc[last].text == "?" and verb.dep_ in {"ROOT", "conj", "ccomp", "xcomp"}


def _context(top: Token) -> str:
    """The modality a clause takes from what it depends on, going up (see the module doc)."""
    node = top
    for _ in range(12):
        dep, head = node.dep_, node.head
        if head.i == node.i:
            return "asserted"
        if dep == "conj":
            node = head
            continue
        if dep == "xcomp":
            mode = _control(node, head)
            if mode:
                return mode
        elif dep == "ccomp":
            if head.pos_ not in PREDICATE_POS:
                return "asserted"
            mode = COMPLEMENT_MODALITY.get(head.lemma_)
            if mode:
                return mode
        elif dep == "advcl":
            return "intended" if infinitive(node) else "asserted"
        elif dep == "acl" and infinitive(node):
            if head.lower_ == "order" and head.head.lower_ == "in":
                return "intended"  # "in order to"
            return _noun_infinitive(head)
        elif dep == "pcomp":
            prep = head
            if prep.lower_ == "from" and prep.head.lemma_ in PREVENTION_VERBS:
                return "possible"
            if prep.lower_ == "by" or prep.head.pos_ not in PREDICATE_POS:
                return "asserted"
            head = prep.head
        else:
            return "asserted"
        mode = _own_mode(head)
        if mode:
            return mode
        node = head
    return "asserted"


def _control(clause: Token, head: Token) -> str | None:
    """The modality an xcomp takes from the verb or adjective above it, if not asserted."""
    if head.pos_ == "ADJ":
        mode = ADJECTIVE_MODALITY.get(head.lemma_.lower())
        return mode or ("possible" if infinitive(clause) else None)
    if head.lemma_ == "be":
        return "expected" if infinitive(clause) else None  # "both parties are to hold"
    if head.lemma_ in IMPLICATIVE_VERBS:
        return None
    mode = CONTROL_MODALITY.get(head.lemma_) or GOVERNOR_MODALITY.get(head.lemma_)
    if mode:
        return mode
    return "intended" if infinitive(clause) else None


def _noun_infinitive(noun: Token) -> str:
    if any(c.lower_ in FACTUAL_ORDINALS for c in noun.children if c.dep_ in {"amod", "det"}):
        return "asserted"
    return NOUN_MODALITY.get(noun.lemma_.lower(), "possible")


def _own_mode(word: Token) -> str | None:
    """A verb's own non-factual mode: a modal auxiliary or a condition of its own."""
    for child in word.children:
        if child.dep_ == "aux" and child.tag_ in _MODAL_AUX_TAGS:
            mode = GOVERNOR_MODALITY.get(child.lemma_.lower())
            if mode:
                return mode
        if _is_condition(child):
            return "hypothetical"
    return None

"""Graded confidence: how likely an extraction is right.

Two scores. ``probability`` is the confidence of the records (the graph keeps what clears
its threshold): a logistic model over named features of the parse (``parse_features``: the
rule, the kind of clause, an inherited subject, quotation, lengths, modality, a pronoun or
demonstrative subject, a headline-like sentence) and of the resolution (``record_features``:
how each part refers: a named entity, or a pronoun, a possessive phrase, a description or a
quantified pronoun left unresolved; a quote without speaker), fitted on statements judged by
readers (docs/confidence.md). ``score`` ranks Open IE tuples for the benchmarks: a
hand-set logistic score over the rule, the reading a tuple comes from and a few parse cues.
"""

from __future__ import annotations

import math

from graphbuild.extract.rules import Rule
from graphbuild.lexicon import ENTITY_KINDS
from graphbuild.records import Part, Relation

RULE_PRIOR: dict[Rule, float] = {
    Rule.SVO: 1.4,
    Rule.SVOC: 1.0,
    Rule.COPULA: 0.9,
    Rule.PASSIVE: 1.1,
    Rule.PASSIVE_AGENT: 0.5,
    Rule.REDUCED_PASSIVE: 0.4,
    Rule.APPOSITION: 0.9,
    Rule.TITLE: 0.6,
    Rule.NOMINALIZATION: 0.1,
    Rule.MADE_BY: 0.5,
    Rule.POSITION: 0.9,
    Rule.AFFILIATION: 0.6,
    Rule.SPEECH: 0.2,
}
"""Log-odds prior of each rule before features (every ``Rule`` has one)."""

CLAUSE_PENALTY: dict[str, float] = {
    "xcomp": -0.4,
    "advcl": 0.3,
    "relcl": 0.4,
    "acl": 0.4,
    "pcomp": 0.7,
}
"""Log-odds taken off by the dependency of the clause's head (embedded clauses misparse more;
a control complement's inherited subject is reliable)."""


def score(
    rule: Rule,
    *,
    inherited: bool = False,
    pronoun_subject: bool = False,
    subject_words: int = 1,
    object_words: int = 0,
    has_object: bool = True,
    qualifiers: int = 0,
    modality: str = "asserted",
    sentence_words: int = 20,
    relation_words: int = 1,
    variant: float = 0.0,
    clause: str = "ROOT",
) -> float:
    """The confidence in (0, 1) of one extraction.

    ``variant`` says how far a tuple is from the primary reading of its clause (0 the primary
    reading; larger for prepositional, noun-internal and long-argument readings). ``clause``
    is the dependency label of the clause's head (``ROOT``, ``relcl``, ``xcomp``, ...).

    >>> score(Rule.SVO) > score(Rule.SVO, inherited=True) > score(Rule.NOMINALIZATION)
    True
    >>> 0.0 < score(Rule.SVO, object_words=30, sentence_words=80) < score(Rule.SVO) < 1.0
    True
    """
    logit = RULE_PRIOR[rule]
    logit -= 0.5 * inherited
    logit -= 0.3 * pronoun_subject
    logit -= 0.6 * (not has_object)
    logit -= 0.06 * max(0, subject_words - 3)
    logit -= 0.05 * max(0, object_words - 4)
    logit -= 0.1 * max(0, qualifiers - 1)
    logit -= 0.3 * (modality != "asserted")
    logit -= 0.015 * max(0, sentence_words - 15)
    logit -= 0.2 * max(0, relation_words - 3)
    logit -= 3.0 * variant
    logit -= CLAUSE_PENALTY.get(clause, 0.0)
    return round(1.0 / (1.0 + math.exp(-logit)), 4)


# -- the calibrated probability of a record ---------------------------------------------------

PRONOUN_WORDS = frozenset(
    {"he", "him", "she", "her", "it", "they", "them", "we", "us", "i", "me", "you", "one"}
)
DEMONSTRATIVES = frozenset({"this", "that", "these", "those", "which", "what", "who"})
LIGHT_VERBS = frozenset({"be", "have", "do", "make", "get", "take", "give", "go", "come", "see"})
DEFINITE = frozenset({"the", "this", "that", "these", "those", "his", "her", "their", "its"})
POSSESSIVES = frozenset({"his", "her", "its", "their", "our", "my", "your"})
QUANTIFIERS = frozenset(
    {"nothing", "everything", "anything", "something", "none", "nobody", "everyone"}
    | {"everybody", "someone", "somebody", "anyone", "anybody", "all", "some", "many", "most"}
    | {"few", "others", "both", "each", "either", "neither", "another", "much", "several", "any"}
)
"""Words that open a quantified or indefinite pronoun phrase ("nothing", "some of them",
"others"): they name no one in particular."""
PRONOUNS = PRONOUN_WORDS | DEMONSTRATIVES
CLAUSES = ("ROOT", "conj", "ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp")


def parse_features(
    rule: Rule,
    *,
    clause: str,
    inherited: bool,
    quoted: bool,
    sentence_words: int,
    subject: str,
    subject_words: int,
    object_words: int,
    has_object: bool,
    arguments: int,
    lemma: str,
    modality: str,
    polarity: str,
    headline: bool,
    names_share: float = 0.0,
    interview: bool = False,
) -> tuple[tuple[str, float], ...]:
    """What the parse says about one extraction, as named features for ``probability``.

    ``subject`` is the subject's head word (lower case); ``clause`` the dependency label of the
    clause's head; ``headline`` whether the sentence has no final punctuation; ``names_share``
    the share of its words that are proper nouns (lists of names, line-ups, captions);
    ``interview`` whether it is said in an answer of an interview transcript.

    >>> dict(parse_features(Rule.SVO, clause="relcl", inherited=True, quoted=False,
    ...     sentence_words=30, subject="they", subject_words=1, object_words=2, has_object=True,
    ...     arguments=0, lemma="send", modality="asserted", polarity="positive",
    ...     headline=False))["clause:relcl"]
    1.0
    """
    found: dict[str, float] = {f"rule:{rule.value}": 1.0}
    found[f"clause:{clause if clause in CLAUSES else 'other'}"] = 1.0
    found["inherited subject"] = float(inherited)
    found["quoted"] = float(quoted)
    found["sentence words/10"] = sentence_words / 10
    found["subject words/10"] = subject_words / 10
    found["object words/10"] = object_words / 10
    found["no object"] = float(not has_object)
    found["arguments"] = float(arguments)
    passive = rule in {Rule.PASSIVE, Rule.REDUCED_PASSIVE}
    found["light verb"] = float(not passive and lemma.split()[0] in LIGHT_VERBS)
    found["not asserted"] = float(modality != "asserted")
    found["question"] = float(modality == "question")
    found["negative"] = float(polarity == "negative")
    found["first or second person subject"] = float(subject in {"i", "we", "you", "me", "us"})
    found["demonstrative subject"] = float(subject in DEMONSTRATIVES)
    found["headline"] = float(headline)
    found["names share"] = round(names_share, 3)
    found["interview answer"] = float(interview)
    return tuple(sorted((name, value) for name, value in found.items() if value))


def reference(part: Part | None) -> str | None:
    """How a part refers: ``entity`` (resolved), or, left unresolved, ``pronoun`` ("they"),
    ``description`` (a definite description of a kind of named thing: "the council"),
    ``possessive`` (a phrase opened by a possessive pronoun: "his successor"), ``quantifier``
    ("nothing", "some of them") or ``definite`` (a short definite description that points back
    to something the sentence does not name: "the deal", "this decision"); ``None`` for a
    name, a concept or an indefinite phrase that says what it is ("a man", "the results of
    the election").

    >>> reference(Part(text="the deal", span=(0, 8), head="deal"))
    'definite'
    >>> reference(Part(text="the results of the vote", span=(0, 23), head="result")) is None
    True
    """
    if part is None:
        return None
    if part.entity:
        return "entity"
    words = part.text.lower().split()
    if not words:
        return None
    if len(words) == 1 and words[0] in PRONOUNS:
        return "pronoun"
    if words[0] in DEFINITE and (part.head or words[-1]).lower() in ENTITY_KINDS:
        return "description"
    if words[0] in POSSESSIVES:
        return "possessive"
    if (len(words) == 1 and words[0] in QUANTIFIERS) or (
        len(words) > 2 and words[1] == "of" and words[2] in PRONOUNS
    ):
        return "quantifier"
    modifiers = part.text.split()[1:]
    if words[0] in DEFINITE and len(words) <= 3 and all(w[:1].islower() for w in modifiers):
        return "definite"
    return None


REFERENCE_FEATURES: dict[str, tuple[str, ...]] = {
    "subject": ("entity", "pronoun", "description", "possessive", "quantifier", "definite"),
    "object": ("pronoun", "possessive", "definite"),
    "source": ("entity", "pronoun"),
}
"""Which kinds of reference (``reference``) of each part are features: the rest were too rare
in the judged statements, or told nothing beyond the others (an object or source that is a
description, an object that is an entity: weighed, they made the model worse out of fold)."""
UNWEIGHED = frozenset({"interview answer", "object words/10", "negative"})
"""Features of the parse that ``record_features`` leaves out: in the judged statements they
only added noise (the model was better out of fold without them)."""
FEATURE_NAMES = {"entity": "entity", "pronoun": "unresolved pronoun"}


def _resolution(part: Part | None, prefix: str) -> dict[str, float]:
    """Features of how a part refers (``reference``): a named entity, or a pronoun, a
    description, a possessive or quantified phrase left unresolved; nothing for a name, a
    bare noun or an indefinite phrase ("a man")."""
    kind = reference(part)
    if kind is None or kind not in REFERENCE_FEATURES[prefix]:
        return {}
    return {f"{prefix} {FEATURE_NAMES.get(kind, 'unresolved ' + kind)}": 1.0}


def record_features(relation: Relation) -> dict[str, float]:
    """Every feature of a record: its parse features, how its parts resolved, and these
    combinations: a clause without object whose subject is a named entity ("Mugabe died"),
    a quotation whose speaker is named (a quote in a news report, not chat) and one with no
    speaker at all, the arguments left unresolved, and a statement said to be only possible
    or hypothetical."""
    found = {name: value for name, value in relation.features if name not in UNWEIGHED}
    found.update(_resolution(relation.subject, "subject"))
    found.update(_resolution(relation.object, "object"))
    found.update(_resolution(relation.attribution, "source"))
    if found.get("no object") and found.get("subject entity"):
        found["no object, named subject"] = 1.0
    if found.get("quoted") and found.get("source entity"):
        found["quoted, named source"] = 1.0
    if found.get("quoted") and relation.attribution is None:
        found["quoted, no source"] = 1.0
    unresolved = sum(reference(a) not in {None, "entity"} for a in relation.arguments)
    if unresolved:
        found["unresolved arguments"] = float(unresolved)
    if relation.modality in {"possible", "hypothetical"}:
        found["possible or hypothetical"] = 1.0
    return found


COEFFICIENTS: dict[str, float] = {
    "bias": -0.446,
    "arguments": 0.510,
    "clause:ROOT": 0.216,
    "clause:acl": -0.487,
    "clause:advcl": 0.149,
    "clause:ccomp": 0.654,
    "clause:conj": -0.834,
    "clause:other": 0.274,
    "clause:pcomp": -0.124,
    "clause:relcl": -0.074,
    "clause:xcomp": 0.300,
    "demonstrative subject": -0.550,
    "first or second person subject": -0.994,
    "headline": -0.651,
    "inherited subject": -0.490,
    "light verb": -0.574,
    "names share": 1.112,
    "no object": -1.413,
    "no object, named subject": 0.282,
    "not asserted": 0.363,
    "object unresolved definite": -1.388,
    "object unresolved possessive": -1.184,
    "object unresolved pronoun": -2.197,
    "possible or hypothetical": -1.130,
    "question": -1.338,
    "quoted": -1.392,
    "quoted, named source": 0.335,
    "quoted, no source": -1.590,
    "rule:affiliation": -0.472,
    "rule:apposition": -0.368,
    "rule:copula": 0.232,
    "rule:made-by": -1.876,
    "rule:passive": 0.742,
    "rule:passive-agent": -0.018,
    "rule:position": 1.245,
    "rule:reduced-passive": 0.062,
    "rule:svo": -0.023,
    "rule:svoc": -1.122,
    "rule:title": 1.672,
    "sentence words/10": -0.177,
    "source entity": 0.137,
    "source unresolved pronoun": -1.036,
    "subject entity": 0.938,
    "subject unresolved definite": -1.152,
    "subject unresolved description": -1.910,
    "subject unresolved possessive": -2.121,
    "subject unresolved pronoun": -2.924,
    "subject unresolved quantifier": -1.001,
    "subject words/10": 0.432,
    "unresolved arguments": -0.995,
}
"""Log-odds weight of each feature of ``record_features`` (missing features weigh 0), fitted
on the judged statements of ``tests/extract/fixtures/judged.jsonl`` by
``benchmarks/calibrate.py fit`` (see docs/confidence.md)."""


def probability(relation: Relation) -> float:
    """The probability that the record is right end to end and worth an edge: subject,
    relation and object, polarity, assertedness, source and entities (docs/confidence.md).
    """
    logit = COEFFICIENTS.get("bias", 0.0)
    for name, value in record_features(relation).items():
        logit += COEFFICIENTS.get(name, 0.0) * value
    return round(1.0 / (1.0 + math.exp(-logit)), 4)

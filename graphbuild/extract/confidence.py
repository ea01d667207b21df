"""Graded confidence: how likely an extraction is right.

Two scores. ``probability`` is the confidence of the records (the graph keeps what clears
its threshold): a logistic model over named features of the parse (``parse_features``: the
rule, the kind of clause, an inherited subject, quotation, lengths, modality, a pronoun or
demonstrative subject, a headline-like sentence) and of the resolution (``record_features``:
a part that is a named entity or a pronoun left unresolved), fitted on statements judged by
readers (docs/confidence.md). ``score`` ranks Open IE tuples for the benchmarks: a
hand-set logistic score over the rule, the reading a tuple comes from and a few parse cues.
"""

from __future__ import annotations

import math

from graphbuild.extract.rules import Rule
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
    found["light verb"] = float(lemma.split()[0] in LIGHT_VERBS)
    found["not asserted"] = float(modality != "asserted")
    found["question"] = float(modality == "question")
    found["negative"] = float(polarity == "negative")
    found["first or second person subject"] = float(subject in {"i", "we", "you", "me", "us"})
    found["demonstrative subject"] = float(subject in DEMONSTRATIVES)
    found["headline"] = float(headline)
    found["names share"] = round(names_share, 3)
    found["interview answer"] = float(interview)
    return tuple(sorted((name, value) for name, value in found.items() if value))


def _resolution(part: Part | None, prefix: str) -> dict[str, float]:
    """Features of how a part resolved: a named entity, a pronoun or a definite description
    ("the council", "his successor") left unresolved; nothing for a plain concept."""
    if part is None:
        return {}
    words = part.text.lower().split()
    pronoun = len(words) == 1 and words[0] in PRONOUN_WORDS | DEMONSTRATIVES
    if part.entity:
        return {f"{prefix} entity": 1.0}
    if pronoun:
        return {f"{prefix} unresolved pronoun": 1.0}
    if words and words[0] in {
        "the",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "their",
        "its",
    }:
        return {f"{prefix} unresolved description": 1.0}
    return {}


def record_features(relation: Relation) -> dict[str, float]:
    """Every feature of a record: its parse features and how its parts resolved."""
    found = dict(relation.features)
    found.update(_resolution(relation.subject, "subject"))
    found.update(_resolution(relation.object, "object"))
    found.update(_resolution(relation.attribution, "source"))
    return found


COEFFICIENTS: dict[str, float] = {
    'bias': -0.565,
    'arguments': 0.232,
    'clause:ROOT': 0.278,
    'clause:acl': -0.508,
    'clause:advcl': 0.313,
    'clause:ccomp': 0.537,
    'clause:conj': -0.925,
    'clause:other': 0.226,
    'clause:pcomp': -0.154,
    'clause:relcl': -0.181,
    'clause:xcomp': 0.451,
    'demonstrative subject': -0.487,
    'first or second person subject': -1.072,
    'headline': -0.605,
    'inherited subject': -0.413,
    'interview answer': 0.370,
    'light verb': -0.558,
    'names share': 1.416,
    'negative': -0.085,
    'no object': -1.043,
    'not asserted': -0.279,
    'object entity': -0.250,
    'object unresolved description': -0.455,
    'object unresolved pronoun': -2.237,
    'object words/10': 0.145,
    'question': -1.078,
    'quoted': -1.618,
    'rule:affiliation': -0.451,
    'rule:apposition': -0.536,
    'rule:copula': 0.188,
    'rule:made-by': -1.915,
    'rule:passive': 0.907,
    'rule:passive-agent': -0.214,
    'rule:position': 1.265,
    'rule:reduced-passive': 0.460,
    'rule:svo': -0.180,
    'rule:svoc': -1.073,
    'rule:title': 1.586,
    'sentence words/10': -0.166,
    'source entity': 0.372,
    'source unresolved description': -0.386,
    'source unresolved pronoun': -1.052,
    'subject entity': 1.030,
    'subject unresolved description': -1.011,
    'subject unresolved pronoun': -2.959,
    'subject words/10': 0.651,
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

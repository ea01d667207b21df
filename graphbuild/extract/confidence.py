"""Graded confidence: how likely an extraction is right, from the rule and parse features.

A logistic score over a few features known to track extraction errors: the rule that fired
(plain clauses are the most reliable, noun-phrase readings the least), a subject inherited
from another clause, the kind of clause (relative and adverbial clauses misparse more),
pronoun or missing subjects, long arguments (more room for attachment errors), many
qualifiers, non-factual modality, and long sentences (parser accuracy drops).
"""

from __future__ import annotations

import math

from graphbuild.extract.rules import Rule

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

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
DEFINITE = frozenset({"the", "this", "that", "these", "those", "his", "her", "their", "its"})
ENTITY_KINDS = frozenset(
    {
        "party",
        "council",
        "committee",
        "government",
        "administration",
        "ministry",
        "department",
        "agency",
        "company",
        "firm",
        "group",
        "organisation",
        "organization",
        "team",
        "club",
        "band",
        "country",
        "nation",
        "state",
        "city",
        "town",
        "court",
        "university",
        "school",
        "hospital",
        "newspaper",
        "network",
        "channel",
        "union",
        "project",
        "distro",
        "president",
        "minister",
        "leader",
        "chairman",
        "king",
        "queen",
        "premier",
        "chamber",
        "parliament",
        "senate",
        "house",
        "police",
        "army",
        "military",
    }
)
"""Heads of descriptions that stand for a named thing ("the party" for Labour): left
unresolved, the statement does not say who."""
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


def _resolution(part: Part | None, prefix: str) -> dict[str, float]:
    """Features of how a part resolved: a named entity, a pronoun or a definite description
    of a kind of named thing ("the council", "the party") left unresolved; nothing for a
    concept ("the virus", "the event")."""
    if part is None:
        return {}
    words = part.text.lower().split()
    pronoun = len(words) == 1 and words[0] in PRONOUN_WORDS | DEMONSTRATIVES
    if part.entity:
        return {f"{prefix} entity": 1.0}
    if pronoun:
        return {f"{prefix} unresolved pronoun": 1.0}
    if words and words[0] in DEFINITE and (part.head or words[-1]).lower() in ENTITY_KINDS:
        return {f"{prefix} unresolved description": 1.0}
    return {}


def record_features(relation: Relation) -> dict[str, float]:
    """Every feature of a record: its parse features, how its parts resolved, and two
    combinations: a clause without object whose subject is a named entity ("Mugabe died"),
    and a quotation whose speaker is named (a quote in a news report, not chat)."""
    found = dict(relation.features)
    found.update(_resolution(relation.subject, "subject"))
    found.update(_resolution(relation.object, "object"))
    found.update(_resolution(relation.attribution, "source"))
    if found.get("no object") and found.get("subject entity"):
        found["no object, named subject"] = 1.0
    if found.get("quoted") and found.get("source entity"):
        found["quoted, named source"] = 1.0
    return found


COEFFICIENTS: dict[str, float] = {
    "bias": -1.015,
    "arguments": 0.298,
    "clause:ROOT": 0.229,
    "clause:acl": -0.551,
    "clause:advcl": 0.276,
    "clause:ccomp": 0.592,
    "clause:conj": -0.886,
    "clause:other": 0.313,
    "clause:pcomp": -0.266,
    "clause:relcl": -0.174,
    "clause:xcomp": 0.469,
    "demonstrative subject": -0.517,
    "first or second person subject": -1.132,
    "headline": -0.620,
    "inherited subject": -0.408,
    "interview answer": 0.198,
    "light verb": -0.595,
    "names share": 1.559,
    "negative": -0.155,
    "no object": -1.147,
    "no object, named subject": 0.330,
    "not asserted": -0.330,
    "object entity": -0.086,
    "object unresolved description": -0.267,
    "object unresolved pronoun": -2.093,
    "object words/10": 0.109,
    "question": -1.103,
    "quoted": -1.926,
    "quoted, named source": 0.804,
    "rule:affiliation": -0.399,
    "rule:apposition": -0.497,
    "rule:copula": 0.232,
    "rule:made-by": -1.862,
    "rule:passive": 0.542,
    "rule:passive-agent": -0.072,
    "rule:position": 1.327,
    "rule:reduced-passive": 0.130,
    "rule:svo": -0.091,
    "rule:svoc": -1.046,
    "rule:title": 1.736,
    "sentence words/10": -0.155,
    "source entity": 0.181,
    "source unresolved description": 0.026,
    "source unresolved pronoun": -0.995,
    "subject entity": 1.202,
    "subject unresolved description": -1.770,
    "subject unresolved pronoun": -2.750,
    "subject words/10": 0.509,
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

"""Claims: the statements of different articles and sources that state the same thing.

Two statements state the same claim when they have the same subject, predicate and object
(after resolution: the same IRIs; no object counts as a value of its own), the same polarity and
the same modality. Role arguments (time, place, recipient …) are not part of the key, so
"Iran supplies drones" and "Iran supplies drones to Russia" support one claim. Statements whose
subject stays an unresolved concept ("they", "officials") make no claims: agreeing on them says
nothing.

A claim gets a node in the **claims graph** ``{base}graph/claims`` when it is worth one: reported
by at least two articles or two sources, or contested. Each claim node has::

    <claim/9f…> a gb:Claim ;
        gb:claimSubject <country/Iran> ; gb:claimPredicate rel:supply ;
        gb:claimObject <concept/drone> ;
        gb:claimPolarity gb:Positive ; gb:claimModality gb:Asserted ;
        gb:articleCount 3 ; gb:sourceCount 2 ; gb:claimConfidence 0.93 ;
        gb:supportedBy <statement/a1/…>, <statement/a2/…>, <statement/a3/…> .
    <claim/9f…> gb:contested true ; gb:contradicts <claim/4c…> .   # when denied elsewhere

The **source** of a statement is whoever it is attributed to (its ``gb:attributedTo``); an
unattributed statement is the publisher's (the host of the article's URL), or the article's own
when the article has no URL. An asserted claim is **contested** when the claim with the same
subject, predicate, object and modality but the opposite polarity exists too, and the two sides
are not one single source contradicting itself; both are marked and linked to each other.
Claims that are not asserted (questions, intents, possibilities) are never contested: "will
they support it?" and "he would not say whether he supports it" contradict nothing.

The **confidence of a claim** is the probability that at least one of its reports really
states it: within one article only its most confident statement counts, and across articles
the extraction errors are taken as independent (noisy-or), so each further article raises it.
On 80 judged claims of the Wikinews corpora it predicts 0.878 on average where 0.925 are right
(Brier 0.078; docs/rdf.md). Independent *sources* are counted apart (``gb:sourceCount``): they
say how many people or outlets stand behind the claim, which no extraction score can.

Everything here is pure and deterministic: the same statements give the same quads in the same
order, whatever order the articles were written in.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlsplit

import pyoxigraph as ox

from graphbuild.graph.iris import DEFAULT_BASE
from graphbuild.graph.rdf import confidence_literal, integer_literal
from graphbuild.graph.vocab import GB, PROV, RDF, SCHEMA, XSD

CLAIM_PROPERTIES: tuple[ox.NamedNode, ...] = (
    RDF.subject,
    RDF.predicate,
    RDF.object,
    GB.polarity,
    GB.modality,
    GB.confidence,
    GB.attributedTo,
    PROV.wasDerivedFrom,
)
"""The statement properties a claim is made of."""


class ClaimKey(NamedTuple):
    """What makes two statements state the same claim (IRIs; ``obj`` is ``""`` for none)."""

    subject: str
    predicate: str
    obj: str
    polarity: str
    modality: str

    def opposite(self) -> ClaimKey:
        """The key of the same claim with the other polarity."""
        other = GB.Negative.value if self.polarity == GB.Positive.value else GB.Positive.value
        return self._replace(polarity=other)

    def side(self) -> tuple[str, str, str, str]:
        """The key without its polarity: a claim and its contradiction share it."""
        return self.subject, self.predicate, self.obj, self.modality


@dataclass(frozen=True, order=True)
class Report:
    """One statement as a report of its claim."""

    key: ClaimKey
    statement: str
    article: str
    source: str
    confidence: float


def claims_graph_iri(base: str = DEFAULT_BASE) -> str:
    """The IRI of the claims graph of the articles minted under ``base``.

    >>> claims_graph_iri()
    'https://w3id.org/graphbuild/id/graph/claims'
    """
    return f"{base}graph/claims"


def claim_iri(key: ClaimKey, base: str = DEFAULT_BASE) -> str:
    """The IRI of a claim: a digest of its key, so every build names it the same.

    >>> key = ClaimKey("http://e/Iran", "http://r/supply", "", GB.Positive.value, GB.Asserted.value)
    >>> claim_iri(key)
    'https://w3id.org/graphbuild/id/claim/3972d21c329664058f04c50f'
    """
    digest = hashlib.sha256("\n".join(key).encode("utf-8")).hexdigest()[:24]
    return f"{base}claim/{digest}"


def source_of(attributed_to: str | None, article: str, url: str | None) -> str:
    """Who a statement comes from: its speaker, else the publisher (URL host), else the article.

    >>> source_of("http://e/Jane_Doe", "http://a/1", "https://example.org/x")
    'http://e/Jane_Doe'
    >>> source_of(None, "http://a/1", "https://www.Example.org/x")
    'publisher:example.org'
    >>> source_of(None, "http://a/1", None)
    'http://a/1'
    """
    if attributed_to:
        return attributed_to
    host = (urlsplit(url).hostname or "") if url else ""
    host = host.removeprefix("www.")
    return f"publisher:{host}" if host else article


def report_of(
    statement: str,
    values: Mapping[ox.NamedNode, Sequence[ox.NamedNode | ox.Literal]],
    *,
    article_url: str | None = None,
    subject_is_concept: bool = False,
) -> Report | None:
    """The report a statement makes, from its ``CLAIM_PROPERTIES`` values; ``None`` when it
    makes no claim (its subject is an unresolved concept, or a part is missing)."""

    def one(predicate: ox.NamedNode) -> str | None:
        found = values.get(predicate) or ()
        return min(v.value for v in found) if found else None

    subject, predicate = one(RDF.subject), one(RDF.predicate)
    polarity, modality = one(GB.polarity), one(GB.modality)
    article = one(PROV.wasDerivedFrom)
    if subject_is_concept or not (subject and predicate and polarity and modality and article):
        return None
    key = ClaimKey(subject, predicate, one(RDF.object) or "", polarity, modality)
    source = source_of(one(GB.attributedTo), article, article_url)
    return Report(key, statement, article, source, float(one(GB.confidence) or 0))


def claim_confidence(reports: Iterable[Report]) -> float:
    """Noisy-or over articles of each article's most confident report.

    >>> key = ClaimKey("s", "p", "", "+", "a")
    >>> one = [Report(key, "st1", "a1", "src1", 0.6)]
    >>> round(claim_confidence(one), 3)
    0.6
    >>> round(claim_confidence([*one, Report(key, "st2", "a1", "src2", 0.5)]), 3)
    0.6
    >>> round(claim_confidence([*one, Report(key, "st2", "a2", "src1", 0.5)]), 3)
    0.8
    """
    best: dict[str, float] = {}
    for report in reports:
        best[report.article] = max(best.get(report.article, 0.0), report.confidence)
    return 1 - math.prod(1 - value for value in best.values())


def claim_quads(reports: Iterable[Report], base: str = DEFAULT_BASE) -> list[ox.Quad]:
    """The claims graph of ``reports``, sorted by claim IRI, then by property.

    Every claim of the reports' keys is derived from all the reports given for it (and for its
    opposite), so the caller passes every report of each key it wants derived.
    """
    by_key: dict[ClaimKey, list[Report]] = defaultdict(list)
    for report in set(reports):
        by_key[report.key].append(report)
    graph = ox.NamedNode(claims_graph_iri(base))
    claims: list[tuple[str, list[ox.Quad]]] = []
    for key, group in by_key.items():
        articles = {r.article for r in group}
        sources = {r.source for r in group}
        opposite = by_key.get(key.opposite(), [])
        contested = (
            key.modality == GB.Asserted.value
            and bool(opposite)
            and len(sources | {r.source for r in opposite}) > 1
        )
        if len(articles) < 2 and len(sources) < 2 and not contested:
            continue
        node = ox.NamedNode(claim_iri(key, base))
        quads = [
            (RDF.type, GB.Claim),
            (GB.claimSubject, ox.NamedNode(key.subject)),
            (GB.claimPredicate, ox.NamedNode(key.predicate)),
            *([(GB.claimObject, ox.NamedNode(key.obj))] if key.obj else []),
            (GB.claimPolarity, ox.NamedNode(key.polarity)),
            (GB.claimModality, ox.NamedNode(key.modality)),
            (GB.articleCount, integer_literal(len(articles))),
            (GB.sourceCount, integer_literal(len(sources))),
            (GB.claimConfidence, confidence_literal(claim_confidence(group))),
            *((GB.supportedBy, ox.NamedNode(st)) for st in sorted(r.statement for r in group)),
        ]
        if contested:
            quads.append((GB.contested, ox.Literal("true", datatype=XSD.boolean)))
            quads.append((GB.contradicts, ox.NamedNode(claim_iri(key.opposite(), base))))
        claims.append((node.value, [ox.Quad(node, p, o, graph) for p, o in quads]))
    return [quad for _, quads in sorted(claims, key=lambda c: c[0]) for quad in quads]


def reports_in(quads: Iterable[ox.Quad]) -> list[Report]:
    """The reports of the statements among one article graph's quads (all of them, or at
    least each statement's ``CLAIM_PROPERTIES``, its subject's ``gb:typeInArticle`` and the
    article's ``schema:url``), in statement order."""
    values: dict[str, dict[ox.NamedNode, list]] = defaultdict(lambda: defaultdict(list))
    statements, concepts, urls = set(), set(), []
    for quad in quads:
        subject, predicate = quad.subject.value, quad.predicate
        if predicate == RDF.type and quad.object == GB.Statement:
            statements.add(subject)
        elif predicate == GB.typeInArticle and quad.object == GB.Concept:
            concepts.add(subject)
        elif predicate == SCHEMA.url:
            urls.append(quad.object.value)
        elif predicate in _WANTED:
            values[subject][predicate].append(quad.object)
    url = min(urls) if urls else None
    reports = []
    for statement in sorted(statements):
        found = values[statement]
        subject = found.get(RDF.subject)
        is_concept = bool(subject) and subject[0].value in concepts
        report = report_of(statement, found, article_url=url, subject_is_concept=is_concept)
        if report is not None:
            reports.append(report)
    return reports


_WANTED = frozenset(CLAIM_PROPERTIES)

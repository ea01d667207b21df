"""Resolution accuracy on random samples of resolved parts of real articles, judged by hand.

Every row of ``fixtures/resolution_judged.tsv`` (the sample the rules were written against)
and ``fixtures/resolution_fresh.tsv`` (a fresh sample, judged afterwards) is a part (subject,
object, argument or attribution) of an extraction record over Wikinews articles that the
resolver had given an entity, with the right canonical name and class. Each part is resolved
again in its slot, with the attribution and sentence of its record, and scored against that
judgement.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from graphbuild.nlp import parse_text
from graphbuild.records import Part, Predicate, Relation
from graphbuild.resolve.resolver import article_context, resolve_relations

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = {"resolution_judged.tsv": 0.9, "resolution_fresh.tsv": 0.8}
"""Each sample, and the least share of its parts that must resolve to the right entity with
the right name and class."""


@dataclass(frozen=True)
class Judged:
    """One judged part: where it is, what it should resolve to, and why."""

    article: str
    slot: str
    span: tuple[int, int]
    text: str
    sentence: tuple[int, int]
    attribution: tuple[int, int] | None
    verdict: bool
    gold: tuple[str | None, ...]
    gold_type: str
    family: str

    def accepts(self, entity: str | None, type_: str | None) -> bool:
        """Whether a resolution to ``entity`` of class ``type_`` is right."""
        if entity not in self.gold:
            return False
        if entity is None or not self.gold_type:
            return True
        if self.gold_type.startswith("!"):
            return type_ != self.gold_type[1:]
        return type_ in self.gold_type.split("|")


def load_judged(sample: str = "resolution_judged.tsv") -> list[Judged]:
    lines = (FIXTURES / sample).read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader(
        [line for line in lines if line and not line.startswith("#")],
        delimiter="\t",
        quoting=csv.QUOTE_NONE,
    )
    out = []
    for row in rows:
        attribution = None
        if row["attribution_start"]:
            attribution = (int(row["attribution_start"]), int(row["attribution_end"]))
        out.append(
            Judged(
                article=row["article"],
                slot=row["slot"],
                span=(int(row["start"]), int(row["end"])),
                text=row["text"],
                sentence=(int(row["sentence_start"]), int(row["sentence_end"])),
                attribution=attribution,
                verdict=row["verdict"] == "1",
                gold=tuple(None if g == "-" else g for g in row["gold"].split("|")),
                gold_type=row["gold_type"],
                family=row["family"],
            )
        )
    return out


Found = list[tuple[str | None, str | None]]


def resolve_judged(nlp, sample: str = "resolution_judged.tsv") -> list[tuple[Judged, Found]]:
    """Every judged part with the (entity, type) of each copy its relation resolves to."""
    texts = {}
    for line in (FIXTURES / "judged_articles.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        texts[record["id"]] = record["text"]
    needed = {row.article for row in load_judged(sample)}
    contexts = {
        key: article_context(parse_text(nlp, t), "urn:x:")
        for key, t in texts.items()
        if key in needed
    }
    out = []
    for row in load_judged(sample):
        text = texts[row.article]
        part = Part(text[row.span[0] : row.span[1]], row.span)
        attribution = None
        if row.attribution is not None:
            attribution = Part(text[row.attribution[0] : row.attribution[1]], row.attribution)
        if row.slot == "attribution":
            attribution = part
        relation = Relation(
            doc=row.article,
            sentence=text[row.sentence[0] : row.sentence[1]],
            sentence_span=row.sentence,
            subject=part,
            relation=Predicate("say", "say", row.span),
            object=part if row.slot == "object" else None,
            arguments=(part,) if row.slot == "argument" else (),
            attribution=attribution,
        )
        copies, _ = resolve_relations(contexts[row.article], [relation])
        found = []
        for copy in copies:
            filled = {
                "subject": copy.subject,
                "object": copy.object,
                "argument": copy.arguments[0] if copy.arguments else None,
                "attribution": copy.attribution,
            }[row.slot]
            found.append((filled.entity, filled.type))
        out.append((row, found))
    return out


@pytest.fixture(scope="module", params=sorted(SAMPLES))
def resolved(nlp, request) -> tuple[str, list[tuple[Judged, Found]]]:
    return request.param, resolve_judged(nlp, request.param)


def right(row: Judged, found: Found) -> bool:
    return any(row.accepts(entity, type_) for entity, type_ in found)


@pytest.mark.parametrize(
    "sample, size", [("resolution_judged.tsv", 180), ("resolution_fresh.tsv", 100)]
)
def test_fixture_is_a_sample_of_resolved_parts(sample, size) -> None:
    rows = load_judged(sample)
    assert len(rows) == size
    assert len({row.article for row in rows}) >= size // 4
    assert all(row.text for row in rows)


def test_samples_share_no_article() -> None:
    first, fresh = ({row.article for row in load_judged(s)} for s in sorted(SAMPLES))
    assert not first & fresh


def test_accuracy_floor(resolved) -> None:
    sample, rows = resolved
    correct = sum(right(row, found) for row, found in rows)
    assert correct / len(rows) >= SAMPLES[sample]


def test_report(resolved) -> None:
    """The figures the documentation quotes: accuracy when judged and now, by error family."""
    sample, rows = resolved
    judged = sum(row.verdict for row, _ in rows)
    now = sum(right(row, found) for row, found in rows)
    fixed = Counter(row.family for row, found in rows if not row.verdict and right(row, found))
    broke = Counter(
        row.family or "right" for row, found in rows if row.verdict and not right(row, found)
    )
    print(f"\n{sample}: judged {judged}/{len(rows)}, now {now}/{len(rows)}")
    print(f"  fixed {dict(fixed)}, broken {dict(broke)}")
    assert judged == sum(1 for row, _ in rows if row.verdict)

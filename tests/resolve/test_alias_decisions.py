"""Precision and recall of the resolver's merges against hand-judged alias decisions."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from graphbuild.nlp import parse_text
from graphbuild.records import Part, Predicate, Relation
from graphbuild.resolve import resolve
from graphbuild.resolve.resolver import Slot, article_context, fill, resolve_part

FIXTURES = Path(__file__).parent / "fixtures"
PRECISION_FLOOR = 1.0
RECALL_FLOOR = 0.98


def load_decisions() -> list[dict[str, str]]:
    lines = (FIXTURES / "alias_decisions.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines if line and not line.startswith("#")]
    return list(csv.DictReader(rows, delimiter="\t"))


@pytest.fixture(scope="module")
def docs(nlp) -> dict:
    """The fixture articles, parsed, by id."""
    out = {}
    for line in (FIXTURES / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        out[record["id"]] = parse_text(nlp, record["text"])
    return out


@pytest.fixture(scope="module")
def resolved(docs) -> dict[tuple[str, int, str], str | None]:
    """The IRI every judged mention resolves to (``None`` when it is not an entity)."""
    contexts = {key: article_context(doc, "urn:x:") for key, doc in docs.items()}
    out: dict[tuple[str, int, str], str | None] = {}
    for row in load_decisions():
        for side in "ab":
            key = (row[f"article_{side}"], int(row[f"start_{side}"]), row[f"text_{side}"])
            start, text = key[1], key[2]
            part = Part(text, (start, start + len(text)))
            ctx = contexts[key[0]]
            filled = fill(ctx, part, resolve_part(ctx, part, Slot.OBJECT)[0])
            out[key] = filled.iri if filled.entity else None
    return out


def scores(resolved: dict[tuple[str, int, str], str | None]) -> tuple[float, float, int]:
    true_pos = predicted = gold = 0
    for row in load_decisions():
        a = resolved[(row["article_a"], int(row["start_a"]), row["text_a"])]
        b = resolved[(row["article_b"], int(row["start_b"]), row["text_b"])]
        merged = a is not None and a == b
        same = row["same"] == "1"
        predicted += merged
        gold += same
        true_pos += merged and same
    return true_pos / max(predicted, 1), true_pos / max(gold, 1), len(load_decisions())


def test_fixture_has_enough_decisions() -> None:
    rows = load_decisions()
    assert len(rows) >= 100
    assert {row["same"] for row in rows} == {"0", "1"}


def test_merge_precision(resolved) -> None:
    precision, _, _ = scores(resolved)
    assert precision >= PRECISION_FLOOR


def test_merge_recall(resolved) -> None:
    _, recall, _ = scores(resolved)
    assert recall >= RECALL_FLOOR


def test_report_errors(resolved) -> None:
    """Every wrong merge is listed, so a regression names the pair that broke."""
    wrong = []
    for row in load_decisions():
        a = resolved[(row["article_a"], int(row["start_a"]), row["text_a"])]
        b = resolved[(row["article_b"], int(row["start_b"]), row["text_b"])]
        if row["same"] == "0" and a is not None and a == b:
            wrong.append((row["text_a"], row["text_b"]))
    assert not wrong


def test_every_noun_phrase_resolves(docs) -> None:
    """Any span of a real article gets an IRI, and every entity named is listed once."""
    for key, doc in docs.items():
        parts = [Part(c.text, (c.start_char, c.end_char)) for c in doc.noun_chunks]
        relations = [
            Relation(key, "", (0, 0), part, Predicate("x", "x", (0, 1)), None) for part in parts
        ]
        out, entities = resolve(doc, relations)
        assert len(out) >= len(relations)
        assert all(r.subject.iri for r in out)
        listed = {e.iri for e in entities}
        assert {r.subject.iri for r in out} <= listed
        assert len(listed) == len(entities)

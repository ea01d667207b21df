"""Building relations by hand from substrings of a parsed article."""

from __future__ import annotations

from graphbuild.records import Part, Predicate, Relation


def part_of(text: str, phrase: str, nth: int = 0) -> Part:
    """The Part for the ``nth`` occurrence of ``phrase`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Part(phrase, (start, start + len(phrase)))


def relation_with(text: str, subject: Part, obj: Part | None = None) -> Relation:
    """A minimal relation around ``subject`` (and ``obj``), for resolving its parts."""
    return Relation(
        doc="test",
        sentence=text,
        sentence_span=(0, len(text)),
        subject=subject,
        relation=Predicate("said", "say", (0, 1)),
        object=obj,
    )

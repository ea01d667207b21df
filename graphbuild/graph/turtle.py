"""Sorted, portable Turtle and TriG.

Prefixed names are only used when the local part is plainly safe (letters, digits, ``_``, ``-``
and ``/``, not ending in a dot): other IRIs are written in full, which every Turtle parser reads
the same way (some parsers reject valid but rare escapes such as a trailing ``\\.``). Subjects,
predicates and objects are sorted, so the same graph always gives the same bytes.

>>> import io, pyoxigraph as ox
>>> t = ox.Triple(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/b"),
...               ox.Literal("c"))
>>> out = io.BytesIO()
>>> write_turtle([t], out, {"ex": "http://example.org/"})
>>> print(out.getvalue().decode(), end="")
@prefix ex: <http://example.org/> .
<BLANKLINE>
ex:a ex:b "c" .
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import BinaryIO

import pyoxigraph as ox

_SAFE_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_\-/]*[A-Za-z0-9_\-])?")
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")


class _Names:
    def __init__(self, prefixes: dict[str, str]) -> None:
        # longest namespace first, so the most specific prefix wins
        self.prefixes = sorted(prefixes.items(), key=lambda item: (-len(item[1]), item[0]))
        self.used: set[str] = set()
        self.memo: dict[object, str] = {}

    def term(self, term: object, predicate: bool = False) -> str:
        key = (term, predicate)
        text = self.memo.get(key)
        if text is None:
            text = self.memo[key] = self._term(term, predicate)
        return text

    def _term(self, term: object, predicate: bool) -> str:
        if isinstance(term, ox.NamedNode):
            iri = term.value
            if predicate and iri == _RDF_TYPE:
                return "a"
            for prefix, namespace in self.prefixes:
                if iri.startswith(namespace):
                    local = iri[len(namespace) :]
                    if _SAFE_LOCAL.fullmatch(local):
                        self.used.add(prefix)
                        return f"{prefix}:{local.replace('/', chr(92) + '/')}"
                    break
        elif isinstance(term, ox.Literal) and term.language is None and term.datatype != _STRING:
            return f"{ox.Literal(term.value)}^^{self.term(term.datatype)}"
        return str(term)

    def header(self) -> str:
        lines = [f"@prefix {p}: <{ns}> ." for p, ns in sorted(self.prefixes) if p in self.used]
        return "\n".join(lines) + "\n\n" if lines else ""


def _block(names: _Names, triples: Iterable[ox.Triple], indent: str) -> list[str]:
    tree: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for triple in triples:
        subject = names.term(triple.subject)
        predicate = names.term(triple.predicate, predicate=True)
        tree[subject][predicate].add(names.term(triple.object))
    lines = []
    for subject in sorted(tree):
        predicates = tree[subject]
        ordered = sorted(predicates, key=lambda p: (p != "a", p))
        parts = [f"{p} {' , '.join(sorted(predicates[p]))}" for p in ordered]
        lines.append(f"{indent}{subject} " + f" ;\n{indent}    ".join(parts) + " .")
    return lines


def write_turtle(triples: Iterable[ox.Triple], out: BinaryIO, prefixes: dict[str, str]) -> None:
    """Write ``triples`` as sorted Turtle."""
    names = _Names(prefixes)
    body = _block(names, triples, "")
    out.write((names.header() + "\n".join(body) + ("\n" if body else "")).encode("utf-8"))


def write_trig(quads: Iterable[ox.Quad], out: BinaryIO, prefixes: dict[str, str]) -> None:
    """Write ``quads`` as sorted TriG: one ``<graph> { ... }`` block per named graph."""
    names = _Names(prefixes)
    graphs: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in quads:
        graph = quad.graph_name
        key = "" if isinstance(graph, ox.DefaultGraph) else f"{names.term(graph)} "
        graphs[key].append(quad.triple)
    blocks = [
        key + "{\n" + "\n".join(_block(names, graphs[key], "    ")) + "\n}"
        for key in sorted(graphs)
    ]
    text = names.header() + "\n\n".join(blocks) + ("\n" if blocks else "")
    out.write(text.encode("utf-8"))

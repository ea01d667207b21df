"""SELECT results written row by row, so that a row limit can cut them (``--max-rows``).

pyoxigraph serializes a whole result at once; with a row limit the endpoint writes the first
rows itself, in the same four formats (SPARQL 1.1 Query Results JSON, XML, CSV and TSV).

>>> import io, pyoxigraph as ox
>>> store = ox.Store()
>>> for n in range(3):
...     store.add(ox.Quad(ox.NamedNode(f"http://ex.org/{n}"), ox.NamedNode("http://ex.org/p"),
...                       ox.Literal(f"v{n}")))
>>> out = io.BytesIO()
>>> write_solutions(store.query("SELECT ?s ?o { ?s ?p ?o } ORDER BY ?s"), "CSV", out, 2)
True
>>> print(out.getvalue().decode())
s,o\r
http://ex.org/0,v0\r
http://ex.org/1,v1\r
<BLANKLINE>
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox


def write_solutions(results: ox.QuerySolutions, fmt: str, out: IO[bytes], max_rows: int) -> bool:
    """Write at most ``max_rows`` rows of ``results`` in ``fmt`` (a ``QueryResultsFormat``
    name); True when rows were left out."""
    names = [variable.value for variable in results.variables]
    rows = list(itertools.islice(results, max_rows + 1))
    cut = len(rows) > max_rows
    rows = rows[:max_rows]
    writer = {"JSON": _json, "XML": _xml, "CSV": _csv, "TSV": _tsv}[fmt]
    writer(names, rows, out)
    return cut


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        cell = {"type": "literal", "value": term.value}
        if term.language:
            cell["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            cell["datatype"] = term.datatype.value
        return cell
    return {"type": "triple", "value": str(term)}


def _json(names: list[str], rows: list[ox.QuerySolution], out: IO[bytes]) -> None:
    bindings = [
        {name: _json_term(row[i]) for i, name in enumerate(names) if row[i] is not None}
        for row in rows
    ]
    data = {"head": {"vars": names}, "results": {"bindings": bindings}}
    out.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            attr = quoteattr(term.datatype.value)
            return f"<literal datatype={attr}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _xml(names: list[str], rows: list[ox.QuerySolution], out: IO[bytes]) -> None:
    parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    parts.append("<head>" + "".join(f"<variable name={quoteattr(n)}/>" for n in names) + "</head>")
    parts.append("<results>")
    for row in rows:
        cells = "".join(
            f"<binding name={quoteattr(name)}>{_xml_term(row[i])}</binding>"
            for i, name in enumerate(names)
            if row[i] is not None
        )
        parts.append(f"<result>{cells}</result>")
    parts.append("</results></sparql>\n")
    out.write("".join(parts).encode("utf-8"))


def _csv(names: list[str], rows: list[ox.QuerySolution], out: IO[bytes]) -> None:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        cells = []
        for i in range(len(names)):
            term = row[i]
            if term is None:
                cells.append("")
            elif isinstance(term, ox.BlankNode):
                cells.append(f"_:{term.value}")
            else:
                cells.append(getattr(term, "value", str(term)))
        writer.writerow(cells)
    out.write(text.getvalue().encode("utf-8"))


def _tsv(names: list[str], rows: list[ox.QuerySolution], out: IO[bytes]) -> None:
    lines = ["\t".join(f"?{n}" for n in names)]
    for row in rows:
        lines.append("\t".join("" if row[i] is None else str(row[i]) for i in range(len(names))))
    out.write(("\n".join(lines) + "\n").encode("utf-8"))

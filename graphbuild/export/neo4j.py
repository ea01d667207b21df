"""Neo4j export: CSV files for ``neo4j-admin database import full`` and a LOAD CSV script.

The folder holds ``nodes.csv`` (one row per entity), ``relationships.csv`` (one row per
statement), ``import.cypher`` (``LOAD CSV`` + ``MERGE`` into a running server, with stock
Cypher only: no plugin, no dynamic labels) and a ``README.md`` with both commands.

CSV is RFC 4180: every text field is quoted and its quotes doubled, so any text survives
(commas, quotes, line breaks); numbers are bare and missing values empty. ``neo4j-admin`` needs
``--multiline-fields=true`` for sentences that span lines. ``aliases`` is a ``string[]`` with
neo4j-admin's default separator ``;``: a ``;`` inside one alias is written as ``,``.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from graphbuild.errors import OutputError

if TYPE_CHECKING:
    import networkx as nx

NODE_HEADER = ("id:ID", "label", "type", "wikidata", "aliases:string[]", ":LABEL")
"""Columns of ``nodes.csv``, in the header syntax of neo4j-admin."""

RELATIONSHIP_HEADER = (
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "relation",
    "predicate",
    "sentence",
    "doc",
    "confidence:float",
    "polarity",
    "modality",
    "attribution",
    "statement",
)
"""Columns of ``relationships.csv``; ``statement`` is the statement IRI (the edge key)."""

NODE_LABEL = "Entity"
"""The Neo4j label every node carries (besides its type, when it has one)."""

_NOT_NAME = re.compile(r"[^A-Za-z0-9]+")
_FORBIDDEN = re.compile("[\x00\ufffe\uffff]")


def relationship_type(name: str) -> str:
    """The Neo4j relationship type of a relation name: upper snake case, ``[A-Z0-9_]`` only.

    >>> relationship_type("supply")
    'SUPPLY'
    >>> relationship_type("call for")
    'CALL_FOR'
    >>> relationship_type("négocier")
    'NEGOCIER'
    >>> relationship_type("42")
    'R_42'
    >>> relationship_type("поставлять")
    'RELATED_TO'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = _NOT_NAME.sub("_", ascii_name).strip("_").upper()
    if not words:
        return "RELATED_TO"
    return f"R_{words}" if words[0].isdigit() else words


def node_label(type_: str) -> str | None:
    """The Neo4j label for an entity type (``[A-Za-z0-9_]``, starting with a letter) or None.

    >>> node_label("Country"), node_label("military unit"), node_label("")
    ('Country', 'Military_unit', None)
    """
    ascii_name = unicodedata.normalize("NFKD", type_).encode("ascii", "ignore").decode()
    words = _NOT_NAME.sub("_", ascii_name).strip("_")
    if not words or not words[0].isalpha():
        return None
    return words[0].upper() + words[1:]


def write_neo4j(graph: nx.MultiDiGraph, folder: Path) -> Path:
    """Write ``nodes.csv``, ``relationships.csv``, ``import.cypher`` and ``README.md``.

    ``graph`` is the entity network (node key = entity IRI, edge key = statement IRI).
    Returns ``folder``.

    >>> import csv, networkx as nx, tempfile
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("urn:x", label="Iran", type="Country", aliases="IR; Persia")
    >>> g.add_node("urn:y", label="Russia", type="Country")
    >>> g.add_edge("urn:x", "urn:y", key="urn:s", label="supply", confidence=0.8)
    'urn:s'
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     folder = write_neo4j(g, Path(tmp))
    ...     with (folder / "nodes.csv").open(newline="") as nodes:
    ...         rows = list(csv.reader(nodes))
    ...     with (folder / "relationships.csv").open(newline="") as rels:
    ...         first = next(csv.DictReader(rels))
    >>> rows[1]
    ['urn:x', 'Iran', 'Country', '', 'IR;Persia', 'Entity;Country']
    >>> first[":TYPE"], first["confidence:float"]
    ('SUPPLY', '0.8')
    """
    nodes = sorted(
        ((str(node), data) for node, data in graph.nodes(data=True)), key=lambda node: node[0]
    )
    edges = sorted(
        ((str(u), str(v), str(key), data) for u, v, key, data in graph.edges(keys=True, data=True)),
        key=lambda edge: (edge[2], edge[0], edge[1]),
    )
    labels: set[str] = set()
    types: set[str] = set()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / "nodes.csv").open("w", encoding="utf-8", newline="") as handle:
            handle.write(",".join(NODE_HEADER) + "\n")
            for node, data in nodes:
                row = _node_row(node, data)
                labels.update(str(row[-1]).split(";"))
                handle.write(csv_line(row))
        with (folder / "relationships.csv").open("w", encoding="utf-8", newline="") as handle:
            handle.write(",".join(RELATIONSHIP_HEADER) + "\n")
            for u, v, key, data in edges:
                row = _relationship_row(u, v, key, data)
                types.add(str(row[2]))
                handle.write(csv_line(row))
        (folder / "import.cypher").write_text(_cypher(labels, types), encoding="utf-8")
        (folder / "README.md").write_text(_README, encoding="utf-8")
    except OSError as error:
        raise OutputError(f"{folder}: cannot write the Neo4j files: {error.strerror}") from error
    return folder


def csv_line(fields: list[str | float | None]) -> str:
    """One CSV record: text always quoted (quotes doubled), numbers bare, missing values empty.

    An empty, unquoted field is a missing value for neo4j-admin, so the property is not set.

    >>> csv_line(['say "hi", \\nbye', 0.5, None, ""])
    '"say ""hi"", \\nbye",0.5,,\\n'
    """
    out = []
    for field in fields:
        if field is None or field == "":
            out.append("")
        elif isinstance(field, float):
            out.append(repr(field))
        else:
            out.append('"' + str(field).replace('"', '""') + '"')
    return ",".join(out) + "\n"


def _text(value: Any) -> str:
    """A CSV field: '' when missing; NUL and the non-characters U+FFFE/U+FFFF become U+FFFD."""
    if value is None:
        return ""
    return _FORBIDDEN.sub("\ufffd", str(value))


def _node_row(node: str, data: dict[str, Any]) -> list[str | float | None]:
    aliases = [
        _text(alias).strip().replace(";", ",") for alias in _text(data.get("aliases")).split("; ")
    ]
    type_ = _text(data.get("type"))
    label = node_label(type_)
    return [
        _text(node),
        _text(data.get("label")),
        type_,
        _text(data.get("wikidata")),
        ";".join(alias for alias in aliases if alias),
        f"{NODE_LABEL};{label}" if label and label != NODE_LABEL else NODE_LABEL,
    ]


def _relationship_row(u: str, v: str, key: str, data: dict[str, Any]) -> list[str | float | None]:
    predicate = _text(data.get("predicate"))
    relation = _text(data.get("label")) or unquote(re.split(r"[/#]", predicate)[-1])
    confidence = data.get("confidence")
    return [
        _text(u),
        _text(v),
        relationship_type(relation),
        relation,
        predicate,
        _text(data.get("sentence")),
        _text(data.get("doc")),
        None if confidence is None else float(confidence),
        _text(data.get("polarity")),
        _text(data.get("modality")),
        _text(data.get("attribution")),
        _text(key),
    ]


def _cypher(labels: set[str], types: set[str]) -> str:
    """The LOAD CSV script: one statement per node label and per relationship type."""
    lines = [
        "// Import into a running Neo4j server (stock Cypher, no plugins).",
        "// Copy nodes.csv and relationships.csv into the server's import directory, then run:",
        "//   cypher-shell -u neo4j -p PASSWORD -f import.cypher",
        "",
        f"CREATE CONSTRAINT graphbuild_entity_id IF NOT EXISTS FOR (n:{NODE_LABEL}) "
        "REQUIRE n.id IS UNIQUE;",
        "",
        "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row",
        f"MERGE (n:{NODE_LABEL} {{id: row.`id:ID`}})",
        "SET n.label = row.label,",
        "    n.type = CASE WHEN row.type = '' THEN null ELSE row.type END,",
        "    n.wikidata = CASE WHEN row.wikidata = '' THEN null ELSE row.wikidata END,",
        "    n.aliases = CASE WHEN coalesce(row.`aliases:string[]`, '') = '' THEN null",
        "                ELSE split(row.`aliases:string[]`, ';') END;",
    ]
    for label in sorted(labels - {NODE_LABEL}):
        lines += [
            "",
            "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row",
            f"WITH row WHERE '{label}' IN split(row.`:LABEL`, ';')",
            f"MATCH (n:{NODE_LABEL} {{id: row.`id:ID`}})",
            f"SET n:`{label}`;",
        ]
    for type_ in sorted(types):
        lines += [
            "",
            "LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row",
            f"WITH row WHERE row.`:TYPE` = '{type_}'",
            f"MATCH (a:{NODE_LABEL} {{id: row.`:START_ID`}})",
            f"MATCH (b:{NODE_LABEL} {{id: row.`:END_ID`}})",
            f"MERGE (a)-[r:`{type_}` {{statement: row.statement}}]->(b)",
            "SET r.relation = row.relation, r.predicate = row.predicate,",
            "    r.sentence = row.sentence, r.doc = row.doc,",
            "    r.confidence = toFloat(row.`confidence:float`),",
            "    r.polarity = row.polarity, r.modality = row.modality,",
            "    r.attribution = CASE WHEN row.attribution = '' THEN null",
            "                    ELSE row.attribution END;",
        ]
    return "\n".join(lines) + "\n"


_README = """\
# Entity network for Neo4j

- `nodes.csv`: one row per entity (`id:ID` is the entity IRI; `:LABEL` is `Entity` plus its type).
- `relationships.csv`: one row per statement (`:TYPE` is the relation name in upper snake case;
  `statement` is the statement IRI in the RDF graph, `doc` the article).
- `import.cypher`: the same data through `LOAD CSV` and `MERGE`, for a running server.

Offline import into a new, empty database (Neo4j 5, server stopped):

    neo4j-admin database import full neo4j --nodes=nodes.csv \\
        --relationships=relationships.csv --multiline-fields=true

Into a running server: copy `nodes.csv` and `relationships.csv` into its import directory, then

    cypher-shell -u neo4j -p PASSWORD -f import.cypher

Re-running `import.cypher` updates nodes and relationships in place (`MERGE` on the entity IRI and
on the statement IRI). If a sentence may hold a backslash right before a quote, set
`dbms.import.csv.legacy_quote_escaping=false` on the server so that `LOAD CSV` reads the files as
RFC 4180 (neo4j-admin does so by default).
"""

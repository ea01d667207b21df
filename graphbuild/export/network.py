"""Graph-file writers for the entity network: GraphML and GEXF (Gephi, yEd, Cytoscape, networkx).

Both write a *portable* copy of the network: nodes and edges in sorted order (so the same
network gives the same bytes), only ``str``/``int``/``float``/``bool`` attributes (``None``
dropped, one type per attribute name), a ``label`` on every node and edge, and text that XML 1.0
can carry (characters it forbids become U+FFFD). Edge keys (statement IRIs) are kept: as the
GraphML edge ``id`` and as the GEXF edge ``id``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    import networkx as nx

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot carry replaced by U+FFFD.

    >>> xml_text("a\\x01b\\tc")
    'a\\ufffdb\\tc'
    """
    return _XML_FORBIDDEN.sub("\ufffd", text)


def portable(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A sorted copy of ``graph`` whose attributes every graph-file format can store.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("b", label="B", wikidata=None, articles=2)
    >>> g.add_edge("b", "a", key="s1", label="supply", confidence=0.5)
    's1'
    >>> p = portable(g)
    >>> list(p.nodes(data=True))
    [('a', {'label': 'a'}), ('b', {'label': 'B', 'articles': 2})]
    >>> list(p.edges(keys=True, data=True))
    [('b', 'a', 's1', {'label': 'supply', 'confidence': 0.5})]
    """
    import networkx as nx

    nodes = [(xml_text(str(node)), _attributes(graph.nodes[node])) for node in graph.nodes]
    nodes.sort(key=lambda item: item[0])
    edges = [
        (xml_text(str(u)), xml_text(str(v)), xml_text(str(key)), _attributes(data))
        for u, v, key, data in graph.edges(keys=True, data=True)
    ]
    edges.sort(key=lambda item: item[:3])
    _unify_types([data for _, data in nodes])
    _unify_types([data for *_, data in edges])
    for node, data in nodes:
        data.setdefault("label", node)
    for _, _, key, data in edges:
        data.setdefault("label", data.get("predicate", key))

    out = nx.MultiDiGraph()
    out.graph.update(_attributes(graph.graph))
    out.add_nodes_from(nodes)
    for u, v, key, data in edges:
        out.add_edge(u, v, key=key, **data)
    return out


def write_graphml(graph: nx.MultiDiGraph, out: BinaryIO) -> None:
    """Write the network as GraphML; each edge's ``id`` is its key (the statement IRI).

    >>> import io, networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("x", "y", key="s1", label="supply")
    's1'
    >>> buffer = io.BytesIO()
    >>> write_graphml(g, buffer)
    >>> read = nx.read_graphml(io.BytesIO(buffer.getvalue()), force_multigraph=True)
    >>> list(read.edges(keys=True))
    [('x', 'y', 's1')]
    """
    import networkx as nx

    nx.write_graphml(portable(graph), out, encoding="utf-8", prettyprint=True)


def write_gexf(graph: nx.MultiDiGraph, out: BinaryIO) -> None:
    """Write the network as GEXF 1.2 for Gephi; each edge's ``id`` is its key.

    >>> import io, networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("x", "y", key="s1", label="supply")
    's1'
    >>> buffer = io.BytesIO()
    >>> write_gexf(g, buffer)
    >>> list(nx.read_gexf(io.BytesIO(buffer.getvalue())).edges(data="id"))
    [('x', 'y', 's1')]
    """
    from networkx.readwrite.gexf import GEXFWriter

    network = portable(graph)
    for _, _, key, data in network.edges(keys=True, data=True):
        data["id"] = key
    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    # the default metadata carries today's date and the networkx version: keep bytes stable
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        creator = meta.find("creator")
        if creator is not None:
            creator.text = "graphbuild"
    writer.add_graph(network)
    writer.write(out)


def _attributes(data: dict[str, Any]) -> dict[str, str | int | float | bool]:
    """Attributes as plain scalars: ``None`` dropped, sequences joined with ``"; "``."""
    clean: dict[str, str | int | float | bool] = {}
    for name, value in data.items():
        if value is None:
            continue
        if isinstance(value, str):
            clean[xml_text(name)] = xml_text(value)
        elif isinstance(value, bool | int | float):
            clean[xml_text(name)] = value
        elif isinstance(value, list | tuple | set | frozenset):
            items = sorted(map(str, value)) if isinstance(value, set | frozenset) else value
            clean[xml_text(name)] = xml_text("; ".join(map(str, items)))
        else:
            clean[xml_text(name)] = xml_text(str(value))
    return clean


def _unify_types(records: list[dict[str, Any]]) -> None:
    """Give each attribute name one type across records: int and float → float, else str."""
    kinds: dict[str, set[type]] = defaultdict(set)
    for data in records:
        for name, value in data.items():
            kinds[name].add(type(value))
    for data in records:
        for name, value in data.items():
            if len(kinds[name]) > 1:
                data[name] = float(value) if kinds[name] <= {int, float} else str(value)

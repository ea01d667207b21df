"""The graph stage: records to RDF, the persistent store, and the entity network.

Modules: ``iris`` (minting IRIs), ``vocab`` (namespaces, relation vocabulary read from the
ontology), ``rdf`` (ArticleGraph -> quads, pure), ``shared`` (the shared entity graph derived
from the article graphs, and the ontology graph), ``store`` (``GraphStore``: the graphs in a
pyoxigraph store, which never leaves it), ``network`` (``entity_network``), ``validate``
(SHACL). The sorted dumps are written by ``graphbuild.export``, queries are checked by
``graphbuild.query``: this package imports neither.

The names below are loaded on first use, so importing this package does no work.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graphbuild.graph.network import entity_network
    from graphbuild.graph.rdf import article_quads
    from graphbuild.graph.store import GraphStore
    from graphbuild.graph.validate import validate
    from graphbuild.graph.vocab import predicate_iri, relation_name

__all__ = [
    "GraphStore",
    "article_quads",
    "entity_network",
    "predicate_iri",
    "relation_name",
    "validate",
]

_HOMES = {
    "GraphStore": "graphbuild.graph.store",
    "article_quads": "graphbuild.graph.rdf",
    "entity_network": "graphbuild.graph.network",
    "predicate_iri": "graphbuild.graph.vocab",
    "relation_name": "graphbuild.graph.vocab",
    "validate": "graphbuild.graph.validate",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'graphbuild.graph' has no attribute {name!r}")

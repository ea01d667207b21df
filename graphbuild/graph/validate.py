"""Validating built graphs against the SHACL shapes of ``ontologies/shapes.ttl`` (pyshacl)."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graphbuild.graph.vocab import shapes_path

if TYPE_CHECKING:
    from collections.abc import Iterable

    from graphbuild.graph.store import GraphStore


@dataclass(frozen=True, slots=True)
class Validation:
    """The outcome of a SHACL validation: whether the graph conforms, and pyshacl's report."""

    conforms: bool
    violations: int
    report: str

    def __bool__(self) -> bool:
        return self.conforms


def validate(data: GraphStore | ox.Store | Iterable[ox.Quad]) -> Validation:
    """Validate a store (or quads) against the shapes; each named graph is checked on its own.

    No inference is run (``inference="none"``): the shapes name the classes they target.

    >>> from graphbuild.graph.rdf import article_quads
    >>> from graphbuild.graph.sample import seed_graph
    >>> validate(article_quads(seed_graph())).conforms
    True
    """
    import pyshacl
    import rdflib

    quads = data.store if hasattr(data, "store") else data
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    with warnings.catch_warnings():
        # rdflib's own N-Quads parser and pyshacl use rdflib APIs rdflib 7 deprecates
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset = rdflib.Dataset()
        dataset.parse(data=nquads, format="nquads")
        shapes = rdflib.Graph()
        shapes.parse(data=shapes_path().read_bytes(), format="turtle")
        conforms, report_graph, report = pyshacl.validate(
            dataset,
            shacl_graph=shapes,
            inference="none",
            advanced=True,
            allow_warnings=False,
        )
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    violations = len(set(report_graph.subjects(rdflib.RDF.type, sh.ValidationResult)))
    return Validation(bool(conforms), violations, str(report))

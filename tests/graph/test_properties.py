"""Anything in, valid RDF out: arbitrary text in every field of the records."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphbuild.export import export
from graphbuild.graph.rdf import article_quads
from graphbuild.graph.store import GraphStore
from graphbuild.graph.validate import validate
from graphbuild.records import Argument, Article, ArticleGraph, Entity, Part, Predicate, Relation

# rdflib 7 warns about its own parsers' use of deprecated Dataset APIs
RDFLIB_DEPRECATIONS = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

# Any text, including quotes, angle brackets, backslashes, control characters and very long
# strings (surrogates excluded: they cannot be encoded as UTF-8).
TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="<>\"'\\{}|^`\x00\x01\n\r\t \u2028\ufeff%#/?:@", max_size=20),
    st.text(min_size=200, max_size=400),
)
SPAN = st.tuples(st.integers(0, 10_000), st.integers(0, 10_000))
TYPE = st.one_of(st.none(), st.sampled_from(["Person", "Country", "Concept"]), TEXT)


@st.composite
def parts(draw, cls=Part):
    entity = draw(st.one_of(st.none(), TEXT))
    type_ = draw(TYPE)
    fields = {
        "text": draw(TEXT),
        "span": draw(SPAN),
        "head": draw(st.one_of(st.none(), TEXT)),
        "entity": entity,
        "type": type_,
    }
    if cls is Argument:
        fields["role"] = draw(st.sampled_from(["recipient", "time", "other", "manner"]))
        fields["prep"] = draw(st.one_of(st.none(), TEXT))
    return cls(**fields)


@st.composite
def article_graphs(draw):
    doc = draw(TEXT)
    relations = tuple(
        Relation(
            doc=doc,
            sentence=draw(TEXT),
            sentence_span=draw(SPAN),
            subject=draw(parts()),
            relation=Predicate(draw(TEXT), draw(TEXT), draw(SPAN)),
            object=draw(st.one_of(st.none(), parts())),
            arguments=tuple(draw(st.lists(parts(Argument), max_size=2))),
            polarity=draw(st.sampled_from(["positive", "negative"])),
            modality=draw(st.sampled_from(["asserted", "intended", "question"])),
            attribution=draw(st.one_of(st.none(), parts())),
            confidence=draw(st.floats(0, 1)),
            rule=draw(TEXT),
        )
        for _ in range(draw(st.integers(0, 3)))
    )
    from graphbuild.graph import iris

    entities = tuple(
        Entity(name, type_, iris.entity_iri(name, type_), tuple(aliases), qid)
        for name, type_, aliases, qid in draw(
            st.lists(
                st.tuples(
                    TEXT,
                    st.sampled_from(["Person", "Country"]),
                    st.lists(TEXT, max_size=2),
                    st.one_of(st.none(), st.just("Q42"), TEXT),
                ),
                max_size=2,
            )
        )
    )
    article = Article(
        id=doc,
        text=draw(TEXT),
        title=draw(st.one_of(st.none(), TEXT)),
        date=draw(st.one_of(st.none(), TEXT, st.just("2019-01-31"))),
        url=draw(st.one_of(st.none(), TEXT, st.just("https://example.org/a b"))),
    )
    return ArticleGraph(article, relations, entities)


def dump(store: GraphStore, fmt: str) -> bytes:
    buffer = io.BytesIO()
    export(store, fmt, buffer)
    return buffer.getvalue()


@RDFLIB_DEPRECATIONS
@settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(article_graphs())
def test_any_text_gives_parseable_rdf(ag: ArticleGraph) -> None:
    import rdflib

    quads = article_quads(ag)
    graph = quads[0].graph_name
    with GraphStore() as store:
        store.write([ag])  # a new article: bulk insert
        stored = {str(q) for q in store}
        in_article = {str(q) for q in store.quads_for_pattern(None, None, None, graph)}
        assert in_article == {str(q) for q in quads}
        store.write([ag])  # a known article: replaced through a SPARQL update
        assert {str(q) for q in store} == stored
        for fmt, rdf_format in (("nq", ox.RdfFormat.N_QUADS), ("trig", ox.RdfFormat.TRIG)):
            data = dump(store, fmt)
            assert {str(q) for q in ox.parse(data, format=rdf_format)} == stored
        for fmt, parser in (("nq", "nquads"), ("trig", "trig")):
            dataset = rdflib.Dataset()
            dataset.parse(data=dump(store, fmt), format=parser)
            assert len(list(dataset.quads((None, None, None, None)))) == len(stored), fmt
        graph = rdflib.Graph()
        graph.parse(data=dump(store, "ttl"), format="turtle")
        assert len(graph) == len({str(q.triple) for q in store})


@RDFLIB_DEPRECATIONS
@settings(
    max_examples=20, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(article_graphs())
def test_any_text_gives_valid_rdf(ag: ArticleGraph) -> None:
    """The article graph and the shared entity graph derived from it conform to the shapes."""
    result = validate(article_quads(ag))
    assert result.conforms, result.report

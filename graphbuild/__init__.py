"""graphbuild: news articles in, an RDF knowledge graph of who did what to whom out.

The public API. Importing it does no work: heavy parts load when first used.
"""

from graphbuild.errors import GraphbuildError
from graphbuild.records import Argument, Article, ArticleGraph, Entity, Part, Predicate, Relation

__all__ = [
    "Argument",
    "Article",
    "ArticleGraph",
    "Entity",
    "GraphbuildError",
    "Part",
    "Predicate",
    "Relation",
]
__version__ = "0.1.0"

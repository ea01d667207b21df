"""Graph pages: the overview of the entity network, a page per entity and a page per article,
offline and interactive HTML written beside the graph.

>>> from graphbuild.render import write_pages
"""

from graphbuild.render.page import PAGE, graph_data, query_page
from graphbuild.render.site import page_slug, render_page, write_pages

__all__ = ["PAGE", "graph_data", "page_slug", "query_page", "render_page", "write_pages"]

"""Graph pages: the entity network as a self-contained, offline, interactive HTML page.

>>> from graphbuild.render import write_pages
"""

from graphbuild.render.page import PAGE, graph_data, query_page, render_page, write_pages

__all__ = ["PAGE", "graph_data", "query_page", "render_page", "write_pages"]

"""The read-only SPARQL 1.1 Protocol endpoint and page server over a built graph folder.

>>> from graphbuild.serve import make_server, serve
"""

from graphbuild.errors import ServeError
from graphbuild.serve.server import GraphServer, make_server, serve

__all__ = ["GraphServer", "ServeError", "make_server", "serve"]

"""Fixtures of the page tests."""

from __future__ import annotations

import networkx as nx
import pytest
from networks import hostile_network


@pytest.fixture
def hostile() -> nx.MultiDiGraph:
    """A small entity network full of hostile and awkward text."""
    return hostile_network()

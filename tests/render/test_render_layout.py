"""Build-time layout: deterministic, every node placed, edges short against random pairs."""

from __future__ import annotations

import math
import random

import pytest

from graphbuild.render.layout import layout, radial


def ring_of_cliques(cliques: int, size: int) -> list[tuple[int, int]]:
    edges = []
    for c in range(cliques):
        members = range(c * size, (c + 1) * size)
        edges += [(a, b) for a in members for b in members if a < b]
        edges.append((c * size, ((c + 1) % cliques) * size))
    return edges


def distance(p: tuple[float, float], q: tuple[float, float]) -> float:
    return math.hypot(p[0] - q[0], p[1] - q[1])


@pytest.mark.parametrize("core", [1000, 30])  # force layout for all, or for a few then placed
def test_connected_nodes_are_drawn_close(core):
    edges = ring_of_cliques(20, 6)
    pos = layout(120, edges, core=core)
    assert len(pos) == 120 and len(set(pos)) == 120
    rng = random.Random(3)
    pairs = [(rng.randrange(120), rng.randrange(120)) for _ in range(500)]
    near = sum(distance(pos[a], pos[b]) for a, b in edges) / len(edges)
    anywhere = sum(distance(pos[a], pos[b]) for a, b in pairs) / len(pairs)
    assert near < anywhere / 2


def test_same_input_same_positions_whatever_the_edge_order():
    edges = ring_of_cliques(10, 5)
    assert layout(50, edges) == layout(50, list(reversed(edges)))
    assert layout(50, edges) == layout(50, [(b, a) for a, b in edges] + edges)


def test_nodes_without_edges_are_placed_apart():
    pos = layout(40, [(0, 1)], core=5)
    assert len(set(pos)) == 40


def test_radial_rings_grow_outwards():
    pos = radial([[(0, -1)], [(1, 0), (2, 0), (3, 0)], [(4, 1), (5, 2)]])
    assert pos[0] == (0.0, 0.0)
    inner = {round(distance(pos[0], pos[n])) for n in (1, 2, 3)}
    outer = {round(distance(pos[0], pos[n])) for n in (4, 5)}
    assert len(inner) == 1 and len(outer) == 1 and min(outer) > max(inner)

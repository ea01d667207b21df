"""Node positions computed at build time: fast, deterministic, numpy only.

The browser then draws the graph with physics off, so even a big graph is interactive at once.

The ``core`` most connected nodes are placed by a force-directed layout (Fruchterman-Reingold
style: every pair repels, every edge attracts, a weak pull to the centre keeps separate
components in view) run for a fixed number of steps from seeded starting points; every other
node is then put on a small circle around its best-ranked placed neighbour, or, with no such
neighbour, on a spiral around the whole drawing. The same nodes and edges in the same order
always give the same positions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

CORE = 800
"""Nodes placed by the force layout; the rest are placed next to them."""
STEPS = 60
SPACING = 220.0
"""Ideal edge length, in the drawing's units (vis-network pixels at scale 1)."""
SEED = 7
GRAVITY = 0.06
"""Pull towards the centre, which keeps separate components near each other."""
_GOLDEN = math.pi * (3 - math.sqrt(5))


def layout(
    n_nodes: int,
    edges: Sequence[tuple[int, int]],
    *,
    core: int = CORE,
    steps: int = STEPS,
) -> list[tuple[float, float]]:
    """Positions of nodes ``0 .. n_nodes - 1``, which must be numbered most important first.

    ``edges`` are pairs of node numbers (direction, repeats and self-loops do not matter).

    >>> pos = layout(3, [(0, 1), (1, 2)])
    >>> len(pos), pos == layout(3, [(0, 1), (1, 2)])
    (3, True)
    >>> layout(0, [])
    []
    """
    if n_nodes <= 0:
        return []
    core = max(1, min(core, n_nodes))
    pairs = _pairs(edges)
    rng = np.random.default_rng(SEED)
    inner = pairs[(pairs[:, 0] < core) & (pairs[:, 1] < core)] if len(pairs) else pairs
    pos = np.zeros((n_nodes, 2))
    pos[:core] = _force(core, inner, steps, rng)
    placed = np.zeros(n_nodes, dtype=bool)
    placed[:core] = True
    _place_rest(pos, placed, pairs, rng)
    return [(round(float(x), 1), round(float(y), 1)) for x, y in pos]


def _pairs(edges: Sequence[tuple[int, int]]) -> np.ndarray:
    """Distinct undirected pairs without self-loops, as an (m, 2) integer array."""
    if not edges:
        return np.zeros((0, 2), dtype=np.int64)
    array = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    array = np.sort(array, axis=1)
    array = array[array[:, 0] != array[:, 1]]
    return np.unique(array, axis=0) if len(array) else array


def _force(n: int, pairs: np.ndarray, steps: int, rng: np.random.Generator) -> np.ndarray:
    """Fruchterman-Reingold on ``n`` nodes, all pairs repelling, in float64."""
    radius = SPACING * math.sqrt(n) / 2
    # start on a sunflower spiral (important nodes in the middle), slightly jittered
    index = np.arange(n)
    r = radius * np.sqrt((index + 0.5) / n)
    pos = np.column_stack((r * np.cos(index * _GOLDEN), r * np.sin(index * _GOLDEN)))
    pos += rng.normal(scale=SPACING * 0.05, size=pos.shape)
    if n == 1:
        return np.zeros((1, 2))
    k = SPACING
    temperature = radius / 4
    cooling = temperature / (steps + 1)
    chunk = max(1, 4_000_000 // (n * 2))
    for _ in range(steps):
        shift = np.zeros_like(pos)
        xs, ys = pos[:, 0], pos[:, 1]
        for start in range(0, n, chunk):
            dx = xs[start : start + chunk, None] - xs[None, :]
            dy = ys[start : start + chunk, None] - ys[None, :]
            weight = dx * dx
            weight += dy * dy
            np.maximum(weight, 0.01, out=weight)
            np.divide(k * k, weight, out=weight)
            shift[start : start + chunk, 0] = (dx * weight).sum(axis=1)
            shift[start : start + chunk, 1] = (dy * weight).sum(axis=1)
        if len(pairs):
            a, b = pairs[:, 0], pairs[:, 1]
            delta = pos[a] - pos[b]
            dist = np.sqrt(np.einsum("ij,ij->i", delta, delta)) + 1e-9
            pull = delta * (dist / k)[:, None]
            np.add.at(shift, a, -pull)
            np.add.at(shift, b, pull)
        shift -= pos * (GRAVITY * np.linalg.norm(pos, axis=1, keepdims=True) / k)
        length = np.linalg.norm(shift, axis=1, keepdims=True) + 1e-9
        pos += shift / length * np.minimum(length, temperature)
        temperature -= cooling
    return pos - pos.mean(axis=0)


def _place_rest(
    pos: np.ndarray, placed: np.ndarray, pairs: np.ndarray, rng: np.random.Generator
) -> None:
    """Put every unplaced node beside its best-ranked placed neighbour, else on a spiral."""
    n = len(pos)
    if placed.all():
        return
    neighbours: list[list[int]] = [[] for _ in range(n)]
    for a, b in pairs.tolist():
        neighbours[a].append(b)
        neighbours[b].append(a)
    extent = float(np.abs(pos[placed]).max()) + SPACING
    orphans = 0
    children = np.zeros(n, dtype=np.int64)
    for node in range(n):
        if placed[node]:
            continue
        anchors = [m for m in neighbours[node] if placed[m]]
        if anchors:
            anchor = min(anchors)
            children[anchor] += 1
            angle = children[anchor] * _GOLDEN + rng.uniform(0, 0.3)
            dist = SPACING * (0.6 + 0.12 * math.sqrt(children[anchor]))
            pos[node] = pos[anchor] + dist * np.array([math.cos(angle), math.sin(angle)])
        else:
            orphans += 1
            r = extent + SPACING * 0.6 * math.sqrt(orphans)
            angle = orphans * _GOLDEN
            pos[node] = (r * math.cos(angle), r * math.sin(angle))
        placed[node] = True


def radial(rings: Sequence[Sequence[tuple[int, int]]]) -> dict[int, tuple[float, float]]:
    """Positions of an entity's neighbourhood: ring 0 holds the entity, each further ring the
    nodes one step further out, each given as ``(node, parent)`` with ``parent`` a node of
    the ring before (placed first). A ring is spread evenly around the circle in the order of
    its parents' angles, so every node sits near its parent.

    >>> radial([[(0, -1)], [(1, 0), (2, 0)], [(3, 2)]])[0]
    (0.0, 0.0)
    >>> len(radial([[(0, -1)], [(1, 0), (2, 0)], [(3, 2)]]))
    4
    """
    positions: dict[int, tuple[float, float]] = {}
    angles: dict[int, float] = {}
    radius = 0.0
    for depth, ring in enumerate(rings):
        if not ring:
            continue
        if depth == 0:
            for node, _ in ring:
                positions[node], angles[node] = (0.0, 0.0), 0.0
            continue
        ordered = sorted(ring, key=lambda item: (angles.get(item[1], 0.0), item[0]))
        radius = max(radius + SPACING * 1.6, SPACING * 0.35 * len(ordered) / math.pi)
        start = angles.get(ordered[0][1], 0.0) if depth > 1 else -math.pi / 2
        for i, (node, _) in enumerate(ordered):
            angle = start + 2 * math.pi * i / len(ordered)
            angles[node] = angle
            positions[node] = (
                round(radius * math.cos(angle), 1),
                round(radius * math.sin(angle), 1),
            )
    return positions

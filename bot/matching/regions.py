"""Large-graph polish: re-solve connected regions optimally while the rest stays fixed."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

import numpy as np

from bot.matching.csr import NONE, CsrGraph
from bot.matching.relaxation import cycle_cover, round_cycle_cover
from bot.matching.vectors import IntArray

REGION_SIZE = 2000  # the double-cover assignment is fast (~0.01 s) up to a few thousand vertices
_EPS = 1e-9


def improve_by_regions(
    adj: Sequence[dict[int, float]],
    graph: CsrGraph,
    mate: list[int],
    region_size: int = REGION_SIZE,
    passes: int = 2,
) -> bool:
    """Cover the graph with breadth-first regions; in each, vertices that are free or matched
    inside the region are re-matched by the rounded fractional optimum of the region, kept only
    if it beats the current matching there. A local search alone stalls at ~98% of the bound
    on large graphs; this reaches what the relaxation reaches inside each region. Returns
    whether anything changed. Each pass starts its regions elsewhere so boundaries move."""
    changed = False
    n = len(adj)
    position = np.full(n, NONE, dtype=np.int64)
    for p in range(passes):
        covered = [False] * n
        starts = range(n) if p % 2 == 0 else range(n - 1, -1, -1)
        batch: list[int] = []  # late BFS regions are small: solve them together
        for start in starts:
            if covered[start] or not adj[start]:
                continue
            batch += _bfs_region(adj, covered, start, region_size)
            if len(batch) >= region_size // 2:
                changed |= _resolve(graph, mate, batch, position)
                batch = []
        if batch:
            changed |= _resolve(graph, mate, batch, position)
    return changed


def _bfs_region(adj: Sequence[dict[int, float]], covered: list[bool], start: int, size: int) -> list[int]:
    region = [start]
    covered[start] = True
    queue = deque([start])
    while queue and len(region) < size:
        u = queue.popleft()
        for v in adj[u]:
            if not covered[v]:
                covered[v] = True
                region.append(v)
                queue.append(v)
                if len(region) >= size:
                    break
    return region


def _resolve(graph: CsrGraph, mate: list[int], region: list[int], position: IntArray) -> bool:
    # The partners of region members come along, so every current pair is wholly inside or
    # wholly outside and the whole region is free to re-match.
    inside = set(region)
    movable = region + [mate[x] for x in region if mate[x] != NONE and mate[x] not in inside]
    vertices = np.asarray(movable, dtype=np.int64)
    rows, cols, weights = graph.induced(vertices, position)
    if not len(rows):
        return False
    partner = np.asarray([mate[x] for x in movable], dtype=np.int64)
    current = float(graph.weights(vertices, partner)[partner != NONE].sum()) / 2
    local = np.asarray(round_cycle_cover(*cycle_cover(len(movable), rows, cols, weights)), dtype=np.int64)
    paired = local != NONE
    proposed = float(graph.weights(vertices[paired], vertices[local[paired]]).sum()) / 2
    if proposed <= current + _EPS:
        return False
    for i, j in enumerate(local.tolist()):
        mate[movable[i]] = movable[j] if j != NONE else NONE
    return True

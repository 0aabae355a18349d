"""The fractional matching relaxation via a bipartite double cover: an upper bound and a start."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

_NONE = -1
COST_SCALE = 1_000_000


def cycle_cover(adj: Sequence[dict[int, float]]) -> list[int]:
    """Successor of each vertex in a maximum-weight cycle cover of the graph (itself = uncovered).

    Each vertex ``i`` becomes a row ``i`` and a column ``i'``; edge ``{u, v}`` gives the cells
    ``(u, v')`` and ``(v, u')``, and ``(i, i')`` costs as much as an edge of weight zero so a
    perfect assignment always exists. An optimal assignment is a set of directed cycles whose
    half-weight equals the maximum fractional matching: an upper bound on any matching.
    """
    n = len(adj)
    rows: list[int] = []
    cols: list[int] = []
    weights: list[float] = []
    for u, nbrs in enumerate(adj):
        for v, w in nbrs.items():
            rows.append(u)
            cols.append(v)
            weights.append(w)
    top = max(weights, default=0.0) + 1.0
    # Shifted costs keep every stored cell strictly positive (csgraph treats 0 as "no edge").
    # They are whole numbers of micro-units: with inexact float sums LAPJVsp can cycle forever
    # on tied costs (scipy issue 17269); integer-valued doubles add up exactly.
    shifted = np.concatenate([top - np.asarray(weights, dtype=np.float64), np.full(n, top)])
    costs = np.rint(shifted * COST_SCALE)
    index = np.arange(n)
    matrix = sp.csr_matrix(
        (costs, (np.concatenate([rows, index]), np.concatenate([cols, index]))), shape=(n, n)
    )
    row_ind, col_ind = min_weight_full_bipartite_matching(matrix)
    successor = np.empty(n, dtype=np.int64)
    successor[row_ind] = col_ind
    return [int(s) for s in successor]


def fractional_bound(adj: Sequence[dict[int, float]]) -> float:
    """Maximum fractional matching weight: no integral matching can score more."""
    succ = cycle_cover(adj)
    return sum(adj[u][v] for u, v in enumerate(succ) if v != u) / 2.0


def round_cycle_cover(adj: Sequence[dict[int, float]], succ: Sequence[int]) -> list[int]:
    """A matching from the cycle cover: 2-cycles kept, longer cycles take their best alternation."""
    n = len(adj)
    mate = [_NONE] * n
    seen = [False] * n
    for start in range(n):
        if seen[start]:
            continue
        cycle = [start]
        seen[start] = True
        nxt = succ[start]
        while nxt != start:
            cycle.append(nxt)
            seen[nxt] = True
            nxt = succ[nxt]
        if len(cycle) < 2:
            continue
        for a, b in _best_alternation(adj, cycle):
            mate[a] = b
            mate[b] = a
    return mate


def _best_alternation(adj: Sequence[dict[int, float]], cycle: list[int]) -> list[tuple[int, int]]:
    length = len(cycle)
    if length == 2:
        return [(cycle[0], cycle[1])]
    edge = [adj[cycle[k]][cycle[(k + 1) % length]] for k in range(length)]
    pairs_per_pick = length // 2
    # Every-other edge starting at each offset; for odd cycles the skipped vertex rotates too.
    doubled = edge + edge
    stride_sum = [0.0] * (2 * length + 2)
    for k in range(2 * length - 1, -1, -1):
        stride_sum[k] = doubled[k] + stride_sum[k + 2]
    offsets = range(length) if length % 2 else range(2)
    best = max(offsets, key=lambda s: (stride_sum[s] - stride_sum[s + 2 * pairs_per_pick], -s))
    return [
        (cycle[(best + 2 * j) % length], cycle[(best + 2 * j + 1) % length]) for j in range(pairs_per_pick)
    ]

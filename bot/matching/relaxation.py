"""The fractional matching relaxation via a bipartite double cover: an upper bound and a start."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from bot.matching.csr import NONE, CsrGraph
from bot.matching.vectors import FloatArray, IntArray

COST_SCALE = 1_000_000


def cycle_cover(n: int, rows: IntArray, cols: IntArray, weights: FloatArray) -> tuple[IntArray, FloatArray]:
    """Successor of each vertex in a maximum-weight cycle cover (itself = uncovered), and the
    weight of the edge to it (0 for uncovered). ``rows/cols/weights`` list both directions.

    Each vertex ``i`` becomes a row ``i`` and a column ``i'``; edge ``{u, v}`` gives the cells
    ``(u, v')`` and ``(v, u')``, and ``(i, i')`` costs as much as an edge of weight zero so a
    perfect assignment always exists. An optimal assignment is a set of directed cycles whose
    half-weight equals the maximum fractional matching: an upper bound on any matching.
    """
    top = (float(weights.max()) if len(weights) else 0.0) + 1.0
    # Shifted costs keep every stored cell strictly positive (csgraph treats 0 as "no edge").
    # They are whole numbers of micro-units: with inexact float sums LAPJVsp can cycle forever
    # on tied costs (scipy issue 17269); integer-valued doubles add up exactly.
    # Sums of costs must stay exact doubles (below 2^53) for any n: huge weights get fewer units.
    scale = min(COST_SCALE, 2.0**40 / (top * max(n, 1)))
    costs = np.rint(np.concatenate([top - weights, np.full(n, top)]) * scale)
    index = np.arange(n)
    matrix = sp.csr_matrix(
        (costs, (np.concatenate([rows, index]), np.concatenate([cols, index]))), shape=(n, n)
    )
    row_ind, col_ind = min_weight_full_bipartite_matching(matrix)
    successor = np.empty(n, dtype=np.int64)
    successor[row_ind] = col_ind
    # Read each chosen cell's weight back from the edge list (the costs were rounded).
    key = rows * n + cols
    order = np.argsort(key)
    at = np.clip(np.searchsorted(key[order], index * n + successor), 0, max(len(key) - 1, 0))
    covered = successor != index
    succ_weight = np.zeros(n)
    succ_weight[covered] = weights[order][at[covered]]
    return successor, succ_weight


def graph_cycle_cover(graph: CsrGraph) -> tuple[IntArray, FloatArray]:
    return cycle_cover(graph.n, graph.row, graph.nbr, graph.weight)


def fractional_bound(adj: Sequence[dict[int, float]]) -> float:
    """Maximum fractional matching weight: no integral matching can score more."""
    _, succ_weight = graph_cycle_cover(CsrGraph(adj))
    return float(succ_weight.sum()) / 2.0


def round_cycle_cover(succ: IntArray, succ_weight: FloatArray) -> list[int]:
    """A matching from the cycle cover: 2-cycles kept, longer cycles take their best alternation."""
    n = len(succ)
    successor = succ.tolist()
    edge_weight = succ_weight.tolist()
    mate = [NONE] * n
    seen = [False] * n
    for start in range(n):
        if seen[start] or successor[start] == start:
            continue
        cycle = [start]
        seen[start] = True
        nxt = successor[start]
        while nxt != start:
            cycle.append(nxt)
            seen[nxt] = True
            nxt = successor[nxt]
        for a, b in _best_alternation([edge_weight[x] for x in cycle], cycle):
            mate[a] = b
            mate[b] = a
    return mate


def _best_alternation(edge: list[float], cycle: list[int]) -> list[tuple[int, int]]:
    """``edge[k]`` weighs the cycle's edge from ``cycle[k]`` to the next vertex."""
    length = len(cycle)
    if length == 2:
        return [(cycle[0], cycle[1])]
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

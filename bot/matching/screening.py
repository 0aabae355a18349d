"""Which vertices could improve a matching by a local move, screened for all vertices at once."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.matching.csr import NONE, CsrGraph

_SLACK = 1e-7  # numpy and the local search add floats in different orders: screen generously


def improvable(graph: CsrGraph, mate: Sequence[int]) -> list[int]:
    """Vertices ``u`` for which some neighbour passes the local search's own bound, ascending.

    The local search (solver.py) rejects a neighbour ``v`` of ``u`` (partners ``p`` and ``q``)
    unless ``w(u,v) - w(u,p) - w(v,q)`` plus either ``w(p,q)`` (a 2-opt swap) or the heaviest
    edges from ``p`` and ``q`` to free vertices is positive. Evaluating that bound for every
    edge with numpy costs a fraction of a pass of the search itself, and after a first search
    almost every vertex fails it, so a later search need not visit them.
    """
    if not len(graph.nbr):
        return []
    row, nbr, weight = graph.row, graph.nbr, graph.weight
    partner = np.asarray(mate, dtype=np.int64)
    is_pair = nbr == partner[row]
    matched_weight = np.zeros(graph.n)
    matched_weight[row[is_pair]] = weight[is_pair]
    to_free = np.where(partner[nbr] == NONE, weight, 0.0)
    best_free = np.zeros(graph.n + 1)  # the extra last cell is read for "no partner" (-1)
    has_edges = graph.counts > 0
    best_free[: graph.n][has_edges] = np.maximum.reduceat(to_free, graph.indptr[:-1][has_edges])
    p, q = partner[row], partner[nbr]
    base = weight - matched_weight[row] - matched_weight[nbr]
    rematch = base + best_free[p] + best_free[q]
    swap = base + graph.weights(p, q)
    possible = ((rematch > -_SLACK) | (swap > -_SLACK)) & ~is_pair
    found: list[int] = np.unique(row[possible]).tolist()
    return found

"""Which vertices could improve a matching by a local move, screened for all vertices at once."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

import numpy as np

from bot.matching.vectors import FloatArray, IntArray

_NONE = -1
_SLACK = 1e-7  # numpy and the local search add floats in different orders: screen generously


class MoveScreen:
    """Finds the vertices for which some neighbour passes the local search's own bound.

    The local search (solver.py) rejects a neighbour ``v`` of ``u`` (partners ``p`` and ``q``)
    unless ``w(u,v) - w(u,p) - w(v,q)`` plus either ``w(p,q)`` (a 2-opt swap) or the heaviest
    edges from ``p`` and ``q`` to free vertices is positive. Evaluating that bound for every
    edge with numpy costs a fraction of a pass of the search itself, and after a first search
    almost every vertex fails it, so a later search need not visit them. The graph's arrays
    are built once; each screening reads the current matching.
    """

    def __init__(self, adj: Sequence[dict[int, float]]) -> None:
        n = len(adj)
        counts = np.fromiter(map(len, adj), dtype=np.int64, count=n)
        self.n = n
        self.indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=self.indptr[1:])
        self.nbr = np.fromiter(chain.from_iterable(adj), dtype=np.int64, count=int(self.indptr[-1]))
        self.weight = np.fromiter(
            chain.from_iterable(a.values() for a in adj), dtype=np.float64, count=len(self.nbr)
        )
        self.row = np.repeat(np.arange(n, dtype=np.int64), counts)
        self.has_edges = counts > 0
        keys = self.row * n + self.nbr
        order = np.argsort(keys)
        self.sorted_keys, self.sorted_weight = keys[order], self.weight[order]

    def vertices(self, mate: Sequence[int]) -> list[int]:
        if not len(self.nbr):
            return []
        row, nbr, weight = self.row, self.nbr, self.weight
        partner = np.asarray(mate, dtype=np.int64)
        is_pair = nbr == partner[row]
        matched_weight = np.zeros(self.n)
        matched_weight[row[is_pair]] = weight[is_pair]
        to_free = np.where(partner[nbr] == _NONE, weight, 0.0)
        best_free = np.zeros(self.n + 1)  # the extra last cell is read for "no partner" (-1)
        best_free[: self.n][self.has_edges] = np.maximum.reduceat(to_free, self.indptr[:-1][self.has_edges])
        p, q = partner[row], partner[nbr]
        base = weight - matched_weight[row] - matched_weight[nbr]
        possible = (base + best_free[p] + best_free[q] > -_SLACK) | (base + self._weights(p, q) > -_SLACK)
        possible &= ~is_pair
        found: list[int] = np.unique(row[possible]).tolist()
        return found

    def _weights(self, a: IntArray, b: IntArray) -> FloatArray:
        """``w(a[k], b[k])``, or -inf where there is no such edge (or either end is -1)."""
        wanted = a * self.n + b
        at = np.clip(np.searchsorted(self.sorted_keys, wanted), 0, len(self.sorted_keys) - 1)
        found = (a != _NONE) & (b != _NONE) & (self.sorted_keys[at] == wanted)
        return np.where(found, self.sorted_weight[at], -np.inf)

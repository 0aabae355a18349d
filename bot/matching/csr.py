"""The solver's graph as compressed sparse rows, for the parts of the search done with numpy."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

import numpy as np

from bot.matching.vectors import FloatArray, IntArray

NONE = -1


class CsrGraph:
    """Both directions of every edge of symmetric neighbour maps, row by row.

    ``nbr[k]`` and ``weight[k]`` for ``k`` in ``indptr[u]:indptr[u + 1]`` are ``u``'s neighbours
    and edge weights, in the maps' own order; ``row[k]`` is ``u``.
    """

    def __init__(self, adj: Sequence[dict[int, float]]) -> None:
        n = len(adj)
        self.n = n
        self.counts = np.fromiter(map(len, adj), dtype=np.int64, count=n)
        self.indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(self.counts, out=self.indptr[1:])
        size = int(self.indptr[-1])
        self.nbr = np.fromiter(chain.from_iterable(adj), dtype=np.int64, count=size)
        self.weight = np.fromiter(chain.from_iterable(a.values() for a in adj), dtype=np.float64, count=size)
        self.row = np.repeat(np.arange(n, dtype=np.int64), self.counts)
        keys = self.row * n + self.nbr
        order = np.argsort(keys)
        self._sorted_keys, self._sorted_weight = keys[order], self.weight[order]

    def weights(self, a: IntArray, b: IntArray) -> FloatArray:
        """``w(a[k], b[k])``, or -inf where there is no such edge (or either end is NONE)."""
        if not len(self._sorted_keys):
            return np.full(len(a), -np.inf)
        wanted = a * self.n + b
        at = np.clip(np.searchsorted(self._sorted_keys, wanted), 0, len(self._sorted_keys) - 1)
        found = (a != NONE) & (b != NONE) & (self._sorted_keys[at] == wanted)
        return np.where(found, self._sorted_weight[at], -np.inf)

    def induced(self, vertices: IntArray, position: IntArray) -> tuple[IntArray, IntArray, FloatArray]:
        """Edges among ``vertices`` as (row, column, weight) numbered by their place in ``vertices``.

        ``position`` is scratch space of length ``n`` holding NONE everywhere; it is left so.
        """
        position[vertices] = np.arange(len(vertices))
        lengths = self.counts[vertices]
        starts = self.indptr[vertices]
        first = np.cumsum(lengths) - lengths
        cells = np.repeat(starts - first, lengths) + np.arange(int(lengths.sum()))
        local_rows = np.repeat(np.arange(len(vertices), dtype=np.int64), lengths)
        local_cols = position[self.nbr[cells]]
        inside = local_cols != NONE
        position[vertices] = NONE
        return local_rows[inside], local_cols[inside], self.weight[cells][inside]

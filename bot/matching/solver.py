"""Maximum-weight matching on a sparse graph: a good start, then augmenting local search."""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Iterable, Sequence

import numpy as np

from bot.matching.csr import NONE, CsrGraph
from bot.matching.regions import improve_by_regions
from bot.matching.relaxation import graph_cycle_cover, round_cycle_cover
from bot.matching.screening import improvable

Edge = tuple[int, int, float]

_EPS = 1e-9


# Above this many vertices the double-cover assignment grows too slowly on engine graphs (0.4 s
# at 5,000, 4-5 s at 20,000 on a 2-core machine), so large graphs start from greedy instead.
RELAXATION_LIMIT = 12_000
KICK_LIMIT = 400  # up to this many vertices, iterated local search polishes the result
KICK_ROUNDS = 300
# A kick dissolves 2 to 1/KICK_SHARE of the pairs: small perfect matchings can need a rotation
# of six pairs or more (an alternating 12-cycle) that smaller kicks never reach.
KICK_SHARE = 2
MAX_SEARCH_PASSES = 10  # screened searches until none moves; 2-4 suffice on engine graphs
KICK_EDGE_LIMIT = 5_000  # each kick rebuilds per-vertex caches: dense graphs would pay too much


def max_weight_matching(
    n: int,
    edges: Iterable[Edge],
    *,
    relaxation_limit: int = RELAXATION_LIMIT,
    local_search: bool = True,
    kicks: bool = True,
) -> list[tuple[int, int]]:
    """Pairs ``(u, v)`` with ``u < v`` of a near-maximum-weight matching; deterministic.

    Only positive edges are used (a matching never gains from a non-positive one). Up to
    ``relaxation_limit`` vertices the start is the rounded optimal fractional matching (a cycle
    cover of the double cover, see relaxation.py), already within a fraction of a percent of
    optimal; larger graphs start from heaviest-first greedy (~92%). The local search then applies
    every improving move of three kinds until none is left: augmenting paths of length one and
    three from a free vertex, "leave my partner for a free vertex while my partner takes another
    free vertex", and 2-opt swaps of two matched edges. Large graphs then get regions re-solved
    (regions.py) and small ones an iterated local search.
    """
    edges = list(edges)
    adj = build_adjacency(n, edges)
    graph = CsrGraph(adj)
    if 0 < n <= relaxation_limit and len(graph.nbr):
        mate = round_cycle_cover(*graph_cycle_cover(graph))
    else:
        mate = _greedy(n, edges)
    if local_search:
        _search_to_local_optimum(adj, graph, mate)
        if n > relaxation_limit and improve_by_regions(adj, graph, mate):
            _search_to_local_optimum(adj, graph, mate)
        if kicks and n <= KICK_LIMIT and sum(map(len, adj)) <= 2 * KICK_EDGE_LIMIT:
            mate = _kicked_search(adj, graph, mate, random.Random(n))
    return [(u, v) for u, v in enumerate(mate) if u < v]


def build_adjacency(n: int, edges: Iterable[Edge]) -> list[dict[int, float]]:
    """Symmetric neighbour maps keeping the heaviest positive weight of each undirected edge."""
    adj: list[dict[int, float]] = [{} for _ in range(n)]
    for u, v, w in edges:
        if u != v and w > 0 and w > adj[u].get(v, 0.0):
            adj[u][v] = w
            adj[v][u] = w
    return adj


def _greedy(n: int, edges: Sequence[Edge]) -> list[int]:
    """Heaviest positive edge first; equal weights keep the order the edges were given in."""
    if not edges:
        return [NONE] * n
    table = np.array(edges, dtype=np.float64)
    table = table[table[:, 2] > 0]
    order = np.argsort(-table[:, 2], kind="stable")
    ends = table[order, :2].astype(np.int64)
    mate = [NONE] * n
    for u, v in zip(ends[:, 0].tolist(), ends[:, 1].tolist(), strict=True):
        if u != v and mate[u] == NONE and mate[v] == NONE:
            mate[u] = v
            mate[v] = u
    return mate


class _FreeBest:
    """Each vertex's heaviest edge to a free vertex, cached until a neighbour frees or pairs."""

    def __init__(self, adj: Sequence[dict[int, float]], graph: CsrGraph, mate: Sequence[int]) -> None:
        self.adj = adj
        self.mate = mate
        free = np.asarray(mate, dtype=np.int64)[graph.nbr] == NONE
        counts = np.bincount(graph.row, weights=free, minlength=graph.n)
        self.free_nbrs: list[int] = counts.astype(np.int64).tolist()
        self.cache: list[float | None] = [None] * len(adj)
        self.heaviest = [max(a.values(), default=0.0) for a in adj]

    def weight(self, p: int) -> float:
        """Upper bound on what ``p`` gains by taking a free neighbour (exact without exclusions)."""
        cached = self.cache[p]
        if cached is None:
            cached = self.cache[p] = self.exact(p, ())[0]
        return cached

    def exact(self, p: int, exclude: tuple[int, ...]) -> tuple[float, int]:
        """Heaviest edge from ``p`` to a free vertex not in ``exclude`` (0.0, -1 when none)."""
        best_w, best_x = 0.0, NONE
        if not self.free_nbrs[p]:
            return best_w, best_x
        mate = self.mate
        for x, w in self.adj[p].items():
            if mate[x] == NONE and w > best_w and x not in exclude:
                best_w, best_x = w, x
        return best_w, best_x

    def status_changed(self, x: int, now_free: bool) -> None:
        for y in self.adj[x]:
            self.free_nbrs[y] += 1 if now_free else -1
            self.cache[y] = None


def _weight(adj: Sequence[dict[int, float]], mate: Sequence[int]) -> float:
    return sum(adj[u][v] for u, v in enumerate(mate) if u < v)


def _kicked_search(
    adj: Sequence[dict[int, float]], graph: CsrGraph, mate: list[int], rng: random.Random
) -> list[int]:
    """Iterated local search for small graphs: dissolve a few random pairs, re-optimise, keep
    the result if better. Escapes local optima that 2-opt and 3-paths cannot (odd cycles of a
    complete graph), at a cost that only small communities can afford."""
    best, best_w = mate, _weight(adj, mate)
    for round_no in range(KICK_ROUNDS):
        trial = list(best)
        pairs = [(u, v) for u, v in enumerate(trial) if u < v]
        if len(pairs) < 2:
            break
        free = [u for u, v in enumerate(trial) if v == NONE and adj[u]]
        if free and round_no % 2:
            # Around a free vertex: dissolve its neighbours' pairs so it can be taken in.
            f = rng.choice(free)
            near = {min(x, trial[x]): max(x, trial[x]) for x in adj[f] if trial[x] != NONE}
            kicked = rng.sample(sorted(near.items()), min(len(near), rng.randint(1, 3)))
        else:
            kicked = rng.sample(pairs, rng.randint(2, max(2, len(pairs) // KICK_SHARE)))
        for u, v in kicked:
            trial[u] = trial[v] = NONE
        start = [x for p in kicked for x in p] + (free if round_no % 2 else [])
        _local_search(adj, graph, trial, start)
        trial_w = _weight(adj, trial)
        if trial_w > best_w + _EPS:
            best, best_w = trial, trial_w
    return best


def _search_to_local_optimum(adj: Sequence[dict[int, float]], graph: CsrGraph, mate: list[int]) -> None:
    """Screened searches until one finds nothing: a move changes the bounds of vertices up to
    three steps away, further than a search re-queues, so a fresh screen finds what is left."""
    search = _Search(adj, graph, mate)
    for _ in range(MAX_SEARCH_PASSES):
        if not search.run(improvable(graph, mate)):
            return


def _local_search(
    adj: Sequence[dict[int, float]], graph: CsrGraph, mate: list[int], start: Sequence[int]
) -> int:
    return _Search(adj, graph, mate).run(start)


class _Search:
    """The local search's state over one matching, kept up to date move by move."""

    def __init__(self, adj: Sequence[dict[int, float]], graph: CsrGraph, mate: list[int]) -> None:
        self.adj = adj
        self.mate = mate
        self.free_best = _FreeBest(adj, graph, mate)
        self.matched_w = [adj[u][m] if m != NONE else 0.0 for u, m in enumerate(mate)]
        self.queued = [False] * len(adj)

    def run(self, start: Sequence[int]) -> int:
        """Apply improving moves, beginning with the vertices in ``start`` and re-visiting those
        next to each change, until the queue is empty; returns how many moves were applied."""
        adj, mate, matched_w, queued = self.adj, self.mate, self.matched_w, self.queued
        free_best = self.free_best
        queue = deque(start)
        for x in queue:
            queued[x] = True
        moves = 0
        while queue:
            u = queue.popleft()
            queued[u] = False
            move = _best_move(adj, mate, matched_w, free_best, u)
            if move is None:
                continue
            moves += 1
            involved = {x for pair in move for x in pair if x != NONE}
            involved |= {mate[x] for x in involved if mate[x] != NONE}
            was_free = {x: mate[x] == NONE for x in involved}
            touched = _apply(mate, move)
            for t in touched:
                m = mate[t]
                matched_w[t] = adj[t][m] if m != NONE else 0.0
            for x, before in was_free.items():
                now = mate[x] == NONE
                if now != before:
                    free_best.status_changed(x, now)
            for t in touched:
                for y in (t, *adj[t]):
                    if not queued[y]:
                        queued[y] = True
                        queue.append(y)
        return moves


Move = tuple[tuple[int, int], ...]


def _best_move(
    adj: Sequence[dict[int, float]],
    mate: Sequence[int],
    matched_w: Sequence[float],
    free_best: _FreeBest,
    u: int,
) -> Move | None:
    """The most improving move that rematches ``u``, as the list of new pairs (-1 = free)."""
    p = mate[u]
    wup = adj[u][p] if p != NONE else 0.0
    adj_p = adj[p] if p != NONE else {}
    bound_p = free_best.weight(p) if p != NONE else 0.0
    best_gain = _EPS
    best: Move | None = None
    cached_bound = free_best.cache  # read inline: this loop is the solver's hot spot
    heaviest = free_best.heaviest
    heaviest_p = heaviest[p] if p != NONE else 0.0
    for v, wuv in adj[u].items():
        q = mate[v]
        if q == NONE:
            base = wuv - wup
            if base + bound_p <= best_gain:
                continue  # the common case: nothing here can beat the best move so far
        else:
            if v == p:
                continue
            base = wuv - wup - matched_w[v]
            room = best_gain - base
            if heaviest_p <= room and bound_p + heaviest[q] <= room:
                continue  # neither a swap nor a rematch can gain here, by static bounds
            bound_q = cached_bound[q]
            if bound_q is None:
                bound_q = free_best.weight(q)
            rematch_bound = base + bound_p + bound_q
            swap = adj_p.get(q)  # 2-opt: (u,p),(v,q) -> (u,v),(p,q)
            if swap is not None and base + swap > best_gain:
                best_gain, best = base + swap, ((u, v), (p, q))
            if rematch_bound <= best_gain:
                continue
        gain, pairs = base, [(u, v)]
        taken: tuple[int, ...] = (u, v)
        for orphan in (p, q):
            if orphan != NONE:
                w, x = free_best.exact(orphan, taken)
                gain += w
                pairs.append((orphan, x))
                taken = (*taken, x)
        if gain > best_gain:
            best_gain, best = gain, tuple(pairs)
    return best


def _apply(mate: list[int], pairs: Move) -> list[int]:
    touched: list[int] = []
    for a, b in pairs:
        for end in (a, b):
            if end != NONE:
                old = mate[end]
                if old != NONE:
                    mate[old] = NONE
                    touched.append(old)
                touched.append(end)
    for a, b in pairs:
        if b == NONE:
            mate[a] = NONE
        else:
            mate[a] = b
            mate[b] = a
    return touched

"""From a scored candidate graph to groups: pairing, leftovers, the odd one out and trios."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from bot.matching.batch import pair_scores
from bot.matching.candidates import COMPLETE_GRAPH_LIMIT, candidate_pairs
from bot.matching.scoring import REAL_MATCH, Scorer
from bot.matching.solver import Edge, max_weight_matching

# Added to every admissible edge when everyone must get a partner: any extra group then
# outweighs any score difference (scores stay within about -3..4), and a fresh pair counts
# twice a repeat, so a repeat is used only when no repeat-free grouping exists.
OFFSET = 10.0
LEFTOVER_WINDOW = 24


@dataclass(frozen=True, slots=True)
class Rules:
    scorer: Scorer
    blocked: frozenset[tuple[int, int]]
    recent: frozenset[tuple[int, int]]
    only_real: bool

    def allowed(self, i: int, j: int) -> bool:
        return i != j and (min(i, j), max(i, j)) not in self.blocked

    def fresh(self, i: int, j: int) -> bool:
        return self.allowed(i, j) and (min(i, j), max(i, j)) not in self.recent

    def covering_weight(self, i: int, j: int) -> float | None:
        """Weight of an edge when everyone must be grouped: fresh > repeat > nothing."""
        if not self.allowed(i, j):
            return None
        bonus = 2 * OFFSET if self.fresh(i, j) else OFFSET
        return self.scorer.pair(i, j) + bonus


def score_edges(rules: Rules, seed: int) -> tuple[list[Edge], bool]:
    """The primary graph, and whether it already covers everyone (complete-graph regime)."""
    n = len(rules.scorer.profiles)
    complete = n <= COMPLETE_GRAPH_LIMIT and not rules.only_real
    a, b = candidate_pairs(rules.scorer, seed)
    if complete:
        covering = ((i, j, rules.covering_weight(i, j)) for i, j in zip(a.tolist(), b.tolist(), strict=True))
        return [(i, j, w) for i, j, w in covering if w is not None], True
    excluded = [i * n + j for i, j in rules.blocked | rules.recent]
    if excluded:  # dropped before scoring: a semantic backend is asked about every scored pair
        admissible = ~np.isin(a * n + b, np.asarray(excluded, dtype=np.int64))
        a, b = a[admissible], b[admissible]
    score, complementarity = pair_scores(rules.scorer, a, b)
    keep = score > 0
    if rules.only_real:
        keep &= complementarity >= REAL_MATCH
    return list(zip(a[keep].tolist(), b[keep].tolist(), score[keep].tolist(), strict=True)), False


def pair_everyone(rules: Rules, seed: int) -> tuple[list[tuple[int, int]], set[int]]:
    """A near-maximum-score pairing (unless only real matches count, leftovers pair up too),
    and who had at least one admissible partner in the graph."""
    n = len(rules.scorer.profiles)
    edges, complete = score_edges(rules, seed)
    pairs = max_weight_matching(n, edges)
    had_partner = {x for u, v, _ in edges for x in (u, v)}
    if complete or rules.only_real:
        return pairs, had_partner
    paired = {x for p in pairs for x in p}
    leftovers = [i for i in range(n) if i not in paired]
    extra = _pair_leftovers(rules, leftovers)
    return _repair_repeats(rules, pairs, extra), had_partner


def _pair_leftovers(rules: Rules, leftovers: Sequence[int]) -> list[tuple[int, int]]:
    m = len(leftovers)
    local: list[Edge] = []
    for x in range(m):
        ys: Iterable[int] = (
            range(x + 1, m)
            if m <= COMPLETE_GRAPH_LIMIT
            else ((x + d) % m for d in range(1, LEFTOVER_WINDOW + 1))
        )
        for y in ys:
            w = rules.covering_weight(leftovers[x], leftovers[y])
            if w is not None and x != y:
                local.append((min(x, y), max(x, y), w))
    # Leftovers are paired for coverage and alignment; polishing their scores is not worth it.
    return [(leftovers[x], leftovers[y]) for x, y in max_weight_matching(m, local, kicks=False)]


def _repair_repeats(
    rules: Rules, pairs: list[tuple[int, int]], extra: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Undo a leftover repeat (a, b) by crossing it with a pair (c, d) into two fresh pairs."""
    result = list(pairs)
    for a, b in extra:
        if rules.fresh(a, b):
            result.append((a, b))
            continue
        score = rules.scorer.pair
        best: tuple[float, int, tuple[int, int], tuple[int, int]] | None = None
        for idx, (c, d) in enumerate(result):
            for x, y in ((c, d), (d, c)):
                if rules.fresh(a, x) and rules.fresh(b, y):
                    gain = score(a, x) + score(b, y)
                    if best is None or gain > best[0]:
                        best = (gain, idx, (a, x), (b, y))
        if best is None:
            result.append((a, b))
        else:
            _, idx, first, second = best
            result[idx] = first
            result.append(second)
    return result

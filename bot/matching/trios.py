"""Groups of three: the best pairs become cores and every other member joins the core they fit."""

from __future__ import annotations

from bot.matching.grouping import LEFTOVER_WINDOW, OFFSET, Rules
from bot.matching.solver import Edge, max_weight_matching

ALL_CORES_LIMIT = 300  # up to this many cores each single is tried against every core


def form_trios(
    rules: Rules, pairs: list[tuple[int, int]], free: list[int]
) -> tuple[list[list[int]], list[int]]:
    """Trios from a pairing; returns the groups and the members no trio could take."""
    score = rules.scorer.pair
    ranked = sorted(pairs, key=lambda p: (-score(*p), p))
    total = 2 * len(pairs) + len(free)
    n_cores = min(total // 3, len(ranked))
    cores = [list(p) for p in ranked[:n_cores]]
    singles = sorted([x for p in ranked[n_cores:] for x in p] + free)
    n_singles = len(singles)
    edges: list[Edge] = []
    for s_idx, s in enumerate(singles):
        for c_idx in _cores_to_try(s_idx, len(cores)):
            a, b = cores[c_idx]
            if not (rules.allowed(s, a) and rules.allowed(s, b)):
                continue
            bonus = 2 * OFFSET if rules.fresh(s, a) and rules.fresh(s, b) else OFFSET
            edges.append((s_idx, n_singles + c_idx, score(s, a) + score(s, b) + bonus))
    taken: set[int] = set()
    for u, v in max_weight_matching(n_singles + len(cores), edges):
        s_idx, c_idx = (u, v - n_singles) if u < n_singles else (v, u - n_singles)
        cores[c_idx].append(singles[s_idx])
        taken.add(singles[s_idx])
    rest = _fill_open_cores(rules, cores, [s for s in singles if s not in taken])
    extra = _pair_remainder(rules, rest)
    return cores + extra, [s for s in rest if not _in(extra, s)]


def _fill_open_cores(rules: Rules, cores: list[list[int]], rest: list[int]) -> list[int]:
    """A single the windowed matching missed joins a core still at two, whichever window it is in:
    otherwise it would end as a pair or a fourth member while a core stays a pair."""
    left: list[int] = []
    for s in rest:
        open_cores = [c for c in cores if len(c) == 2 and all(rules.allowed(s, m) for m in c)]
        if not open_cores:
            left.append(s)
            continue
        best = max(
            open_cores,
            key=lambda c: (all(rules.fresh(s, m) for m in c), sum(rules.scorer.pair(s, m) for m in c)),
        )
        best.append(s)
    return left


def split_trio_for(rules: Rules, groups: list[list[int]], f: int) -> bool:
    """Place ``f`` without a group of four: a trio (a, b, c) becomes the pairs (a, b) and (c, f).

    Returns False (nothing changed) when no trio member can be paired with ``f``.
    """
    best: tuple[tuple[bool, float], int, int] | None = None
    for g, members in enumerate(groups):
        if len(members) != 3:
            continue
        for pos, x in enumerate(members):
            a, b = (m for k, m in enumerate(members) if k != pos)
            if not (rules.allowed(f, x) and rules.allowed(a, b)):
                continue
            score = rules.scorer.pair
            key = (rules.fresh(f, x) and rules.fresh(a, b), score(f, x) + score(a, b))
            if best is None or key > best[0]:
                best = (key, g, pos)
    if best is None:
        return False
    _, g, pos = best
    x = groups[g].pop(pos)
    groups.append([x, f])
    return True


def _pair_remainder(rules: Rules, rest: list[int]) -> list[list[int]]:
    """Two members no trio could take make a pair rather than both waiting."""
    pairs: list[list[int]] = []
    pool = list(rest)
    while len(pool) >= 2:
        a = pool[0]
        mates = [b for b in pool[1:] if rules.allowed(a, b)]
        if not mates:
            pool.pop(0)
            continue
        b = max(mates, key=lambda m: (rules.fresh(a, m), rules.scorer.pair(a, m), -m))
        pairs.append([a, b])
        pool.remove(a)
        pool.remove(b)
    return pairs


def _in(groups: list[list[int]], x: int) -> bool:
    return any(x in g for g in groups)


def _cores_to_try(s_idx: int, n_cores: int) -> range | list[int]:
    if n_cores <= ALL_CORES_LIMIT:
        return range(n_cores)
    start = (s_idx * 7) % n_cores  # a deterministic spread so singles do not crowd one window
    return [(start + d) % n_cores for d in range(LEFTOVER_WINDOW)]

"""The odd ones out: who is left over (not the same member twice in a row) and where they go."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np

from bot.matching.batch import pair_scores
from bot.matching.grouping import Rules
from bot.matching.vectors import FloatArray, IntArray


def place_odd_ones(
    rules: Rules,
    groups: list[list[int]],
    free: list[int],
    last_odd: frozenset[int],
    join: bool,
    max_size: int,
) -> tuple[list[int], list[int]]:
    """Who is left over (never someone who was last time, if avoidable) and where they go.

    Returns (joined, waiting): with ``join`` each free member joins the group they add most
    to, never growing a group beyond ``max_size``; otherwise they wait for the next round.
    Every group is weighed for every free member, scored in one vectorised batch each.
    """
    free = [_swap_out_repeat_odd(rules, groups, f, last_odd) for f in sorted(free)]
    joined: list[int] = []
    waiting: list[int] = []
    for f in free:
        target = _best_group_to_join(rules, groups, f, max_size) if join else None
        if target is None:
            waiting.append(f)
        else:
            groups[target].append(f)
            joined.append(f)
    return joined, waiting


class _Layout:
    """The groups flattened: ``member[k]`` sits in group ``group[k]``, in group then seat order."""

    def __init__(self, groups: Sequence[Sequence[int]]) -> None:
        self.sizes = np.fromiter(map(len, groups), dtype=np.int64, count=len(groups))
        self.member = np.fromiter((m for g in groups for m in g), dtype=np.int64, count=int(self.sizes.sum()))
        self.group = np.repeat(np.arange(len(groups), dtype=np.int64), self.sizes)
        self.starts = np.cumsum(self.sizes) - self.sizes

    def per_group(self, values: FloatArray) -> FloatArray:
        return _sums(self.group, values, len(self.sizes))


def _scores_with(rules: Rules, f: int, members: IntArray) -> FloatArray:
    score, _ = pair_scores(rules.scorer, np.full(len(members), f, dtype=np.int64), members)
    return score


def _ruled_out(rules: Rules, f: int, members: IntArray) -> tuple[FloatArray, FloatArray]:
    """Per member, 1.0 where grouping them with ``f`` is not allowed / not fresh (Rules decide)."""
    as_list = members.tolist()
    count = len(as_list)
    return (
        np.fromiter((not rules.allowed(f, m) for m in as_list), dtype=np.float64, count=count),
        np.fromiter((not rules.fresh(f, m) for m in as_list), dtype=np.float64, count=count),
    )


def _swap_out_repeat_odd(rules: Rules, groups: list[list[int]], f: int, last_odd: frozenset[int]) -> int:
    """``f`` was the odd one out last round: take the seat of the member whose swap costs least
    (whoever is not fresh with the rest of the group, or was odd last time, keeps their seat)."""
    if f not in last_odd or not groups:
        return f
    layout = _Layout(groups)
    with_f = _scores_with(rules, f, layout.member)
    _, not_fresh = _ruled_out(rules, f, layout.member)
    # For a seat x: sum over the others o of score(f, o) - score(x, o).
    delta = layout.per_group(with_f)[layout.group] - with_f - _within_group_scores(rules, groups, layout)
    others_not_fresh = layout.per_group(not_fresh)[layout.group] - not_fresh
    last = np.fromiter((m in last_odd for m in layout.member.tolist()), dtype=bool, count=len(layout.member))
    eligible = (others_not_fresh == 0) & ~last
    if not eligible.any():
        return f
    # Rounded so float noise (sums taken in another order) cannot break a tie: the first seat.
    seat = int(np.flatnonzero(eligible)[np.argmax(np.round(delta[eligible], 9))])
    g = int(layout.group[seat])
    pos = seat - int(layout.starts[g])
    out = groups[g][pos]
    groups[g][pos] = f
    return out


def _within_group_scores(rules: Rules, groups: Sequence[Sequence[int]], layout: _Layout) -> FloatArray:
    """Per seat, the sum of that member's scores with the others of their group."""
    seat_pairs = [
        (start + i, start + j)
        for g, start in zip(groups, layout.starts.tolist(), strict=True)
        for i, j in combinations(range(len(g)), 2)
    ]
    if not seat_pairs:
        return np.zeros(len(layout.member))
    first = np.fromiter((s for s, _ in seat_pairs), dtype=np.int64, count=len(seat_pairs))
    second = np.fromiter((t for _, t in seat_pairs), dtype=np.int64, count=len(seat_pairs))
    score, _ = pair_scores(rules.scorer, layout.member[first], layout.member[second])
    size = len(layout.member)
    return _sums(first, score, size) + _sums(second, score, size)


def _sums(bins: IntArray, values: FloatArray, size: int) -> FloatArray:
    return np.bincount(bins, weights=values, minlength=size).astype(np.float64)


def _best_group_to_join(rules: Rules, groups: list[list[int]], f: int, max_size: int) -> int | None:
    """The open group ``f`` adds most to; one with a recent partner only when no other fits."""
    if not groups:
        return None
    layout = _Layout(groups)
    blocked, not_fresh = _ruled_out(rules, f, layout.member)
    gain = layout.per_group(_scores_with(rules, f, layout.member))
    open_ = (layout.sizes < max_size) & (layout.per_group(blocked) == 0)
    fresh = open_ & (layout.per_group(not_fresh) == 0)
    choice = fresh if fresh.any() else open_
    if not choice.any():
        return None
    return int(np.flatnonzero(choice)[np.argmax(np.round(gain[choice], 9))])  # ties: the first group

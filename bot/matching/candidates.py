"""The sparse candidate graph: top-k complementary partners per member from inverted indexes."""

from __future__ import annotations

import heapq
import random
from collections.abc import Sequence
from operator import itemgetter

from bot.matching.scoring import Profile, Scorer

TOP_K = 8  # candidates kept per member; the union graph has ~k..2k edges per member
WINDOW = 10  # postings read per term: bounds the work for very common skills
MUTUAL_TERMS = 3  # strongest offer/need terms per member used for the mutual index
MUTUAL_HINT = 1.0  # a partner found through the mutual index both gives and takes
COMPLETE_GRAPH_LIMIT = 300  # up to this many members every pair is scored exactly


def candidate_pairs(
    profiles: Sequence[Profile], scorer: Scorer, seed: int, k: int = TOP_K
) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, worth scoring exactly; all pairs for small communities.

    For each member, postings of the terms they need (who offers them), the terms they offer
    (who needs them) and of (need, offer) term pairs (who offers what I need AND needs what I
    offer) are read through a window of bounded length, so the cost grows linearly with the
    number of members however common a skill is. The window start depends on the seed.
    """
    n = len(profiles)
    if n <= COMPLETE_GRAPH_LIMIT:
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    rank = list(range(n))
    random.Random(seed).shuffle(rank)
    order = sorted(range(n), key=rank.__getitem__)
    offer_post: dict[str, list[int]] = {}
    need_post: dict[str, list[int]] = {}
    mutual_post: dict[tuple[str, str], list[int]] = {}
    top_offers = [_strongest(p.offers, scorer) for p in profiles]
    top_needs = [_strongest(p.needs, scorer) for p in profiles]
    for j in order:
        for t in sorted(profiles[j].offers):
            offer_post.setdefault(t, []).append(j)
        for t in sorted(profiles[j].needs):
            need_post.setdefault(t, []).append(j)
        for o in top_offers[j]:
            for nd in top_needs[j]:
                mutual_post.setdefault((o, nd), []).append(j)
    pairs: set[tuple[int, int]] = set()
    for i in range(n):
        acc: dict[int, float] = {}
        for t in sorted(profiles[i].needs):  # set order varies between processes
            _accumulate(acc, offer_post.get(t, ()), rank[i], -scorer.log_keep(t))
        for t in sorted(profiles[i].offers):
            _accumulate(acc, need_post.get(t, ()), rank[i], -scorer.log_keep(t))
        for nd in top_needs[i]:
            for o in top_offers[i]:
                _accumulate(acc, mutual_post.get((nd, o), ()), rank[i], MUTUAL_HINT)
        acc.pop(i, None)
        # Ties keep posting order, which is the seeded rank order: deterministic.
        for j, _ in heapq.nlargest(k, acc.items(), key=itemgetter(1)):
            pairs.add((i, j) if i < j else (j, i))
    return sorted(pairs)


def _strongest(ts: frozenset[str], scorer: Scorer) -> list[str]:
    return sorted(ts, key=lambda t: (scorer.log_keep(t), t))[:MUTUAL_TERMS]


def _accumulate(acc: dict[int, float], posting: Sequence[int], start: int, w: float) -> None:
    m = len(posting)
    if m <= WINDOW:
        window: Sequence[int] = posting
    else:
        s = (start * WINDOW) % m
        window = posting[s : s + WINDOW]
        if len(window) < WINDOW:
            window = [*window, *posting[: WINDOW - len(window)]]
    for j in window:
        acc[j] = acc.get(j, 0.0) + w

"""The sparse candidate graph: top-k complementary partners per member from inverted indexes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from bot.matching.scoring import Scorer
from bot.matching.vectors import FloatArray, IntArray

TOP_K = 8  # candidates kept per member; the union graph has ~k..2k edges per member
WINDOW = 10  # postings read per term: bounds the work for very common skills
MUTUAL_TERMS = 3  # strongest offer/need terms per member used for the mutual index
MUTUAL_HINT = 1.0  # a partner found through the mutual index both gives and takes
COMPLETE_GRAPH_LIMIT = 300  # up to this many members every pair is scored exactly
CHUNK = 4_096  # members whose hits are gathered at once: bounds memory at any size


@dataclass(frozen=True, slots=True)
class _Postings:
    """For each key (a term, or an offer/need term pair), its members in seeded rank order."""

    indptr: IntArray
    members: IntArray

    @classmethod
    def build(cls, member: IntArray, key: IntArray, n_keys: int, rank: IntArray) -> _Postings:
        order = np.lexsort((rank[member], key))
        counts = np.bincount(key, minlength=n_keys)
        indptr = np.zeros(n_keys + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        return cls(indptr, member[order])


def candidate_pairs(scorer: Scorer, seed: int, k: int = TOP_K) -> tuple[IntArray, IntArray]:
    """Pairs ``(a[x], b[x])``, ``a < b``, worth scoring exactly; all pairs for small communities.

    For each member, postings of the terms they need (who offers them), the terms they offer
    (who needs them) and of (need, offer) term pairs (who offers what I need AND needs what I
    offer) are read through a window of bounded length, so the cost grows linearly with the
    number of members however common a skill is. The window start depends on the member's
    seeded rank, so members with the same needs look at different offerers.
    """
    n = len(scorer.profiles)
    if n <= COMPLETE_GRAPH_LIMIT:
        a, b = np.triu_indices(n, 1)
        return a.astype(np.int64), b.astype(np.int64)
    vec = scorer.vectors
    rank = np.random.default_rng(seed).permutation(n).astype(np.int64)
    offers, needs = vec.offers, vec.needs
    offerers = _Postings.build(*_cells(offers), vec.n_terms, rank)
    needers = _Postings.build(*_cells(needs), vec.n_terms, rank)
    top_offers = _strongest(offers, vec.strength)
    top_needs = _strongest(needs, vec.strength)
    # A member is posted under (offer o, need d) for their strongest terms; a searcher who needs
    # o and offers d reads that posting.
    posted_keys = _pair_keys(top_offers, top_needs, vec.n_terms)
    sought_keys = _pair_keys(top_needs, top_offers, vec.n_terms)
    posted = posted_keys >= 0
    keys, key_ids = np.unique(posted_keys[posted], return_inverse=True)
    posted_member = np.broadcast_to(np.arange(n)[:, None], posted_keys.shape)[posted]
    mutual = _Postings.build(posted_member, key_ids.ravel(), len(keys), rank)
    chosen: list[IntArray] = []
    for lo in range(0, n, CHUNK):
        hi = min(n, lo + CHUNK)
        hits = [
            _window_hits(*_cells(needs[lo:hi]), offerers, rank, vec.strength, lo),
            _window_hits(*_cells(offers[lo:hi]), needers, rank, vec.strength, lo),
            _mutual_hits(sought_keys[lo:hi], keys, mutual, rank, lo),
        ]
        chosen.append(_top_k(hits, n, rank, k))
    pair_keys = np.unique(np.concatenate(chosen))  # each pair once, sorted
    return pair_keys // n, pair_keys % n


def _cells(matrix: sp.csr_matrix) -> tuple[IntArray, IntArray]:
    """(row, column) of every stored cell, row by row."""
    rows = np.repeat(np.arange(matrix.shape[0], dtype=np.int64), np.diff(matrix.indptr))
    return rows, matrix.indices.astype(np.int64)


def _strongest(matrix: sp.csr_matrix, strength: FloatArray) -> IntArray:
    """Each row's MUTUAL_TERMS strongest term ids (ties: lower id), padded with -1."""
    rows, cols = _cells(matrix)
    order = np.lexsort((cols, -strength[cols], rows))
    rows, cols = rows[order], cols[order]
    place = np.arange(len(rows)) - matrix.indptr[rows]
    keep = place < MUTUAL_TERMS
    out = np.full((matrix.shape[0], MUTUAL_TERMS), -1, dtype=np.int64)
    out[rows[keep], place[keep]] = cols[keep]
    return out


def _pair_keys(first: IntArray, second: IntArray, n_terms: int) -> IntArray:
    """Per row, ``f * n_terms + s`` for every (f, s) of its two padded term lists; -1 for padding."""
    keys = first[:, :, None] * n_terms + second[:, None, :]
    keys[(first[:, :, None] < 0) | (second[:, None, :] < 0)] = -1
    return keys.reshape(len(first), -1)


Hits = tuple[IntArray, IntArray, FloatArray]


def _window_hits(
    searcher: IntArray,
    key: IntArray,
    postings: _Postings,
    rank: IntArray,
    strength: FloatArray | float,
    offset: int,
) -> Hits:
    """(searcher, member, weight) for each member in each searcher's window of each posting.

    ``searcher`` counts from ``offset``; ``strength`` is per key, or one weight for every hit.
    """
    start = postings.indptr[key]
    length = postings.indptr[key + 1] - start
    found = length > 0
    searcher, key, start, length = searcher[found], key[found], start[found], length[found]
    searcher = searcher + offset
    shift = (rank[searcher] * WINDOW) % length
    taken = np.minimum(length, WINDOW)
    which = np.repeat(np.arange(len(taken)), taken)
    step = np.arange(len(which)) - np.repeat(np.cumsum(taken) - taken, taken)
    member = postings.members[start[which] + (shift[which] + step) % length[which]]
    weight = strength[key[which]] if isinstance(strength, np.ndarray) else np.full(len(which), strength)
    return searcher[which], member, weight


def _mutual_hits(
    sought: IntArray, keys: IntArray, postings: _Postings, rank: IntArray, offset: int
) -> Hits:
    searcher = np.broadcast_to(np.arange(len(sought))[:, None], sought.shape).ravel()
    flat = sought.ravel()
    at = np.clip(np.searchsorted(keys, flat), 0, max(len(keys) - 1, 0))
    known = (flat >= 0) & (keys[at] == flat) if len(keys) else np.zeros(len(flat), dtype=bool)
    return _window_hits(searcher[known], at[known], postings, rank, MUTUAL_HINT, offset)


def _top_k(hits: list[Hits], n: int, rank: IntArray, k: int) -> IntArray:
    """Keys ``min * n + max`` of each searcher's k best-summed members (ties: lower rank)."""
    searcher = np.concatenate([h[0] for h in hits])
    member = np.concatenate([h[1] for h in hits])
    weight = np.concatenate([h[2] for h in hits])
    other = searcher != member
    # Converting to CSR sums the weights each member collected for the same searcher.
    summed = sp.coo_matrix((weight[other], (searcher[other], member[other])), shape=(n, n)).tocsr()
    rows, cols = _cells(summed)
    if not len(rows):
        return np.zeros(0, dtype=np.int64)
    # One integer sort key (row, then weight descending, then rank): numpy's stable sort on
    # integers is a radix sort, many times faster than a lexsort over three keys.
    bits = max(1, (n - 1).bit_length())
    weight_bits = 62 - 2 * bits
    scale = (2**weight_bits - 1) / max(float(summed.data.max()), 1e-12)
    descending = (2**weight_bits - 1) - np.floor(summed.data * scale).astype(np.int64)
    sort_key = (rows << (weight_bits + bits)) | (descending << bits) | rank[cols]
    order = np.argsort(sort_key, kind="stable")
    rows, cols = rows[order], cols[order]
    place = np.arange(len(rows)) - summed.indptr[rows]
    keep = place < k
    rows, cols = rows[keep], cols[keep]
    keys: IntArray = np.minimum(rows, cols) * n + np.maximum(rows, cols)
    return keys

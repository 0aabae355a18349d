"""Vectorised pair scores for many candidate pairs at once (same formula as Scorer.pair)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from bot.matching.scoring import (
    ABOUT_WEIGHT,
    HALF_LIFE_ROUNDS,
    HOURS_WEIGHT,
    LANGUAGE_BONUS,
    MUTUAL_BONUS,
    NOT_A_FIT_PENALTY,
    RECENCY_PENALTY,
    WORK_HOURS,
    Scorer,
)

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


def _term_matrices(
    scorer: Scorer, sets: Sequence[frozenset[str]], vocab: dict[str, int]
) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """Rows of -log(1 - weight) (to sum) and of ones (to intersect) per member."""
    indptr = [0]
    cols: list[int] = []
    vals: list[float] = []
    for terms in sets:
        for t in sorted(terms):  # a fixed column order keeps float sums identical run to run
            cols.append(vocab.setdefault(t, len(vocab)))
            vals.append(-scorer.log_keep(t))
        indptr.append(len(cols))
    shape = (len(sets), max(len(vocab), 1))
    weighted = sp.csr_matrix((np.asarray(vals), np.asarray(cols), np.asarray(indptr)), shape=shape)
    ones = sp.csr_matrix((np.ones(len(cols)), np.asarray(cols), np.asarray(indptr)), shape=shape)
    return weighted, ones


def _shared(
    weighted: sp.csr_matrix, ones: sp.csr_matrix, rows: IntArray, cols: IntArray
) -> FloatArray:
    """1 - exp(-sum of shared terms' weights) for each (rows[k], cols[k])."""
    if weighted.shape[1] != ones.shape[1]:
        width = max(weighted.shape[1], ones.shape[1])
        weighted = sp.csr_matrix(weighted, shape=(weighted.shape[0], width))
        ones = sp.csr_matrix(ones, shape=(ones.shape[0], width))
    summed = np.asarray(weighted[rows].multiply(ones[cols]).sum(axis=1)).ravel()
    return np.asarray(1.0 - np.exp(-summed), dtype=np.float64)


def _masks(values: Sequence[frozenset[int] | frozenset[str] | None]) -> IntArray:
    bits: dict[object, int] = {}
    out = np.zeros(len(values), dtype=np.int64)
    for k, items in enumerate(values):
        mask = 0
        for item in items or ():
            mask |= 1 << (bits.setdefault(item, len(bits)) % 62)  # rare collisions only
        out[k] = mask
    return out


def pair_scores(scorer: Scorer, a: IntArray, b: IntArray) -> tuple[FloatArray, FloatArray]:
    """(Scorer.pair, Scorer.complementarity) of every (a[k], b[k]), without a loop over pairs."""
    if len(a) == 0:
        return np.zeros(0), np.zeros(0)
    profiles = scorer.profiles
    vocab: dict[str, int] = {}
    offer_w, _ = _term_matrices(scorer, [p.offers for p in profiles], vocab)
    _, need_1 = _term_matrices(scorer, [p.needs for p in profiles], vocab)
    about_w, about_1 = _term_matrices(scorer, [p.about for p in profiles], vocab)
    ab = _shared(offer_w, need_1, a, b)
    ba = _shared(offer_w, need_1, b, a)
    complementarity = ab + ba + MUTUAL_BONUS * np.minimum(ab, ba)
    score = complementarity + ABOUT_WEIGHT * _shared(about_w, about_1, a, b)
    langs = _masks([p.languages for p in profiles])
    score += LANGUAGE_BONUS * ((langs[a] & langs[b]) != 0)
    hours = np.array(
        [sum(1 << h for h in p.hours) if p.hours is not None else -1 for p in profiles],
        dtype=np.int64,
    )
    known = (hours[a] >= 0) & (hours[b] >= 0)
    overlap = np.bitwise_count(np.where(known, hours[a] & hours[b], 0))
    score += HOURS_WEIGHT * overlap / len(WORK_HOURS)
    return score - _penalties(scorer, a, b), complementarity


def _penalties(scorer: Scorer, a: IntArray, b: IntArray) -> FloatArray:
    out = np.zeros(len(a))
    history = scorer.history
    if not history:
        return out
    n = len(scorer.profiles)
    keys = np.minimum(a, b) * n + np.maximum(a, b)
    hist_keys = np.array([i * n + j for i, j in history], dtype=np.int64)
    hist_pen = np.array(
        [
            RECENCY_PENALTY * 0.5 ** (max(ago, 0) / HALF_LIFE_ROUNDS)
            + (NOT_A_FIT_PENALTY if misfit else 0.0)
            for ago, misfit in history.values()
        ]
    )
    order = np.argsort(hist_keys)
    hist_keys, hist_pen = hist_keys[order], hist_pen[order]
    pos = np.clip(np.searchsorted(hist_keys, keys), 0, len(hist_keys) - 1)
    hit = hist_keys[pos] == keys
    out[hit] = hist_pen[pos[hit]]
    return out

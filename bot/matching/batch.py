"""Vectorised pair scores for many candidate pairs at once (same formula as Scorer.pair)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

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
from bot.matching.vectors import FloatArray, IntArray, weighted


def _shared(giver: sp.csr_matrix, taker: sp.csr_matrix, rows: IntArray, cols: IntArray) -> FloatArray:
    """1 - exp(-sum of shared terms' strengths) for each (rows[k], cols[k]); ``giver`` is weighted."""
    summed = np.asarray(giver[rows].multiply(taker[cols]).sum(axis=1)).ravel()
    return np.asarray(1.0 - np.exp(-summed), dtype=np.float64)


def pair_scores(scorer: Scorer, a: IntArray, b: IntArray) -> tuple[FloatArray, FloatArray]:
    """(Scorer.pair, Scorer.complementarity) of every (a[k], b[k]), without a loop over pairs
    unless a semantic backend is plugged in (it scores one pair at a time)."""
    if len(a) == 0:
        return np.zeros(0), np.zeros(0)
    if scorer.semantic is not None:
        return _one_by_one(scorer, a, b)
    vec = scorer.vectors
    offers = weighted(vec.offers, vec.strength)
    ab = _shared(offers, vec.needs, a, b)
    ba = _shared(offers, vec.needs, b, a)
    complementarity = ab + ba + MUTUAL_BONUS * np.minimum(ab, ba)
    score = complementarity + ABOUT_WEIGHT * _shared(weighted(vec.about, vec.strength), vec.about, a, b)
    common_language = np.asarray(vec.languages[a].multiply(vec.languages[b]).sum(axis=1)).ravel() > 0
    score += LANGUAGE_BONUS * common_language
    hours = vec.hours
    known = (hours[a] >= 0) & (hours[b] >= 0)
    overlap = np.bitwise_count(np.where(known, hours[a] & hours[b], 0))
    score += HOURS_WEIGHT * overlap / len(WORK_HOURS)
    return score - _penalties(scorer, a, b), complementarity


def _one_by_one(scorer: Scorer, a: IntArray, b: IntArray) -> tuple[FloatArray, FloatArray]:
    """The reference formula pair by pair, asking the semantic backend once per direction."""
    complementarity = np.fromiter(
        (scorer.complementarity(i, j) for i, j in zip(a.tolist(), b.tolist(), strict=True)),
        dtype=np.float64,
        count=len(a),
    )
    rest = np.fromiter(
        (scorer.alignment(i, j) - scorer.penalty(i, j) for i, j in zip(a.tolist(), b.tolist(), strict=True)),
        dtype=np.float64,
        count=len(a),
    )
    return complementarity + rest, complementarity


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

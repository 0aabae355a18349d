"""Profiles as arrays (sparse member × term matrices, language and hour masks), built once per round."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

if TYPE_CHECKING:
    from bot.matching.scoring import Scorer

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class ProfileVectors:
    """Who offers, needs and talks about which term (term ids follow the terms' sorted order),
    which languages each member speaks (a member × language matrix) and which UTC hours they
    work (bit masks).

    ``strength[t]`` is ``-log(1 - weight(t))``: a direction's score is ``1 - exp(-sum)`` of the
    strengths of the terms the two share, so sums of these columns are what scoring needs.
    """

    strength: FloatArray
    offers: sp.csr_matrix
    needs: sp.csr_matrix
    about: sp.csr_matrix
    languages: sp.csr_matrix  # 1 where the member speaks the language (sorted language ids)
    hours: IntArray  # bit h set: works at UTC hour h; -1 when the timezone is unknown

    @property
    def n_terms(self) -> int:
        return len(self.strength)


def build_vectors(scorer: Scorer) -> ProfileVectors:
    profiles = scorer.profiles
    vocab = sorted(set().union(*(p.offers | p.needs | p.about for p in profiles)))
    term_id = {t: k for k, t in enumerate(vocab)}
    strength = np.fromiter((-scorer.log_keep(t) for t in vocab), dtype=np.float64, count=len(vocab))
    width = max(len(vocab), 1)
    spoken = {lang: k for k, lang in enumerate(sorted(set().union(*(p.languages for p in profiles))))}
    return ProfileVectors(
        strength=strength,
        offers=_rows([p.offers for p in profiles], term_id, width),
        needs=_rows([p.needs for p in profiles], term_id, width),
        about=_rows([p.about for p in profiles], term_id, width),
        languages=_rows([p.languages for p in profiles], spoken, max(len(spoken), 1)),
        hours=np.array(
            [sum(1 << h for h in p.hours) if p.hours is not None else -1 for p in profiles],
            dtype=np.int64,
        ),
    )


def _rows(sets: Sequence[frozenset[str]], term_id: dict[str, int], width: int) -> sp.csr_matrix:
    """A 0/1 matrix with sorted column indices (a fixed order keeps float sums identical)."""
    lookup = term_id.__getitem__
    counts = np.fromiter((len(terms) for terms in sets), dtype=np.int64, count=len(sets))
    indptr = np.zeros(len(sets) + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    flat = (c for terms in sets for c in map(lookup, terms))
    cols = np.fromiter(flat, dtype=np.int64, count=int(indptr[-1]))
    matrix = sp.csr_matrix((np.ones(len(cols)), cols, indptr), shape=(len(sets), width))
    matrix.sort_indices()
    return matrix


def weighted(matrix: sp.csr_matrix, strength: FloatArray) -> sp.csr_matrix:
    """The same pattern with each cell holding its term's strength."""
    return sp.csr_matrix((strength[matrix.indices], matrix.indices, matrix.indptr), shape=matrix.shape)

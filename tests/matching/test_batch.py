"""Vectorised pair scores agree with the reference formula, pair by pair."""

from __future__ import annotations

import random

import numpy as np

from bot.matching.batch import pair_scores
from bot.matching.model import Candidate, PastPairing
from bot.matching.scoring import Scorer, build_profile, history_map

SKILLS = ["web development", "seed funding advice", "bookkeeping", "SEO", "UX design", "contract law"]
ZONES = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", None]


def test_batch_scores_equal_scorer_pair_even_with_many_languages() -> None:
    rng = random.Random(5)
    # More distinct languages than a 64-bit mask could hold apart.
    languages = [f"Language{k}" for k in range(90)]
    cands = [
        Candidate(
            f"m{i:03d}",
            f"M{i}",
            offers=tuple(rng.sample(SKILLS, 2)),
            needs=tuple(rng.sample(SKILLS, 1)),
            goal=rng.choice(["climate startup", "fintech app", ""]),
            timezone=rng.choice(ZONES),
            languages=tuple(rng.sample(languages, 2)),
        )
        for i in range(120)
    ]
    history = [PastPairing("m000", "m001", rounds_ago=1), PastPairing("m002", "m003", 0, not_a_fit=True)]
    scorer = Scorer([build_profile(c) for c in cands], history_map(history))
    a = np.array([rng.randrange(120) for _ in range(3000)], dtype=np.int64)
    b = np.array([rng.randrange(120) for _ in range(3000)], dtype=np.int64)
    a, b = np.r_[a, 0, 2], np.r_[b, 1, 3]  # the past pairings too
    score, complementarity = pair_scores(scorer, a, b)
    expected = [scorer.pair(i, j) for i, j in zip(a.tolist(), b.tolist(), strict=True)]
    expected_c = [scorer.complementarity(i, j) for i, j in zip(a.tolist(), b.tolist(), strict=True)]
    assert np.allclose(score, expected, atol=1e-9)
    assert np.allclose(complementarity, expected_c, atol=1e-9)

"""The sparse candidate graph of large communities: who gets considered for whom."""

from __future__ import annotations

import numpy as np

from bot.matching.candidates import COMPLETE_GRAPH_LIMIT, TOP_K, WINDOW, candidate_pairs
from bot.matching.model import Candidate
from bot.matching.scoring import Scorer, build_profile


def _scorer(cands: list[Candidate]) -> Scorer:
    return Scorer([build_profile(c) for c in sorted(cands, key=lambda c: c.member_id)], {})


def _crowd(n: int) -> list[Candidate]:
    """Members who offer and need two common skills: half offer what the other half needs."""
    skills = ("social media marketing", "B2B sales")
    return [
        Candidate(f"c{i:04d}", f"Crowd {i}", offers=(skills[i % 2],), needs=(skills[1 - i % 2],))
        for i in range(n)
    ]


def _pairs(scorer: Scorer, seed: int = 1) -> set[tuple[int, int]]:
    a, b = candidate_pairs(scorer, seed)
    return set(zip(a.tolist(), b.tolist(), strict=True))


def _index(scorer: Scorer, member_id: str) -> int:
    return next(i for i, p in enumerate(scorer.profiles) if p.candidate.member_id == member_id)


def test_a_rare_offer_reaches_the_one_member_who_needs_it_in_a_large_crowd() -> None:
    cands = [
        *_crowd(COMPLETE_GRAPH_LIMIT * 3),
        # Hundreds offer B2B sales too: the rare skill must still win a place among her candidates.
        Candidate("needs-patent", "Nadia", needs=("a patent attorney for my sensor", "B2B sales")),
        Candidate("offers-patent", "Omar", offers=("patent law, 12 years",)),
    ]
    scorer = _scorer(cands)
    nadia, omar = _index(scorer, "needs-patent"), _index(scorer, "offers-patent")
    assert (min(nadia, omar), max(nadia, omar)) in _pairs(scorer)


def test_a_mutual_partner_is_found_among_many_one_way_partners() -> None:
    # Every posting Ana and Zoe read holds far more members than one window; only Zoe both
    # coaches pitches and needs Python, and the mutual index must bring her to Ana every time.
    many = WINDOW * 20
    one_way = [
        *(
            Candidate(f"coach{i:03d}", "Coach", offers=("pitch deck coaching",), needs=("bookkeeping",))
            for i in range(many)
        ),
        *(
            Candidate(f"eng{i:03d}", "Engineer", offers=("Python data pipelines",), needs=("bookkeeping",))
            for i in range(many)
        ),
        *(
            Candidate(f"py{i:03d}", "Seeker", offers=("bookkeeping",), needs=("Python data pipelines",))
            for i in range(many)
        ),
        *(
            Candidate(f"pd{i:03d}", "Founder", offers=("bookkeeping",), needs=("pitch deck coaching",))
            for i in range(many)
        ),
    ]
    cands = [
        *one_way,
        Candidate("ana", "Ana", offers=("Python data pipelines",), needs=("pitch deck coaching",)),
        Candidate("zoe", "Zoe", offers=("pitch deck coaching",), needs=("Python data pipelines",)),
    ]
    scorer = _scorer(cands)
    ana, zoe = _index(scorer, "ana"), _index(scorer, "zoe")
    for seed in range(5):
        assert (min(ana, zoe), max(ana, zoe)) in _pairs(scorer, seed)


def test_pairs_are_ordered_unique_bounded_and_the_same_for_a_seed() -> None:
    skills = ["SEO", "bookkeeping", "UX design", "contract law", "video editing"]
    cands = [
        Candidate(f"m{i:04d}", f"Member {i}", offers=(skills[i % 5],), needs=(skills[(i + 1 + i // 5) % 5],))
        for i in range(COMPLETE_GRAPH_LIMIT * 2)
    ]
    scorer = _scorer(cands)
    a, b = candidate_pairs(scorer, seed=7)
    assert (a < b).all()
    assert len(set(zip(a.tolist(), b.tolist(), strict=True))) == len(a)
    # Each member chooses at most TOP_K partners; being chosen by others adds to that.
    assert len(a) <= TOP_K * len(cands)
    a2, b2 = candidate_pairs(scorer, seed=7)
    assert np.array_equal(a, a2) and np.array_equal(b, b2)
    touched = np.bincount(np.concatenate([a, b]), minlength=len(cands))
    assert (touched > 0).all()  # everyone offers or needs something someone else has


def test_members_with_nothing_in_common_get_no_candidates() -> None:
    cands = [*_crowd(COMPLETE_GRAPH_LIMIT + 10), Candidate("quiet", "Quinn")]
    scorer = _scorer(cands)
    quiet = _index(scorer, "quiet")
    assert all(quiet not in pair for pair in _pairs(scorer))

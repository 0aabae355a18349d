"""Pair scores: complementarity both ways, a mutual bonus, alignment, minus a recency penalty."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache, cached_property
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.matching.model import Candidate, PastPairing
from bot.matching.text import SemanticBackend, TermWeights, terms
from bot.matching.vectors import ProfileVectors, build_vectors

MUTUAL_BONUS = 0.5  # times the weaker direction: mutual (0.6 + 0.6 + 0.3) beats one-way 0.9
ABOUT_WEIGHT = 0.3  # shared goal / market words
LANGUAGE_BONUS = 0.1
HOURS_WEIGHT = 0.2  # times the share of an 8-hour local working day the two have in common
RECENCY_PENALTY = 1.0  # for a pairing last round; halves every HALF_LIFE_ROUNDS
HALF_LIFE_ROUNDS = 2.0
NOT_A_FIT_PENALTY = 1.5
REAL_MATCH = 0.05  # complementarity below this is not "a real match"
WORK_HOURS = range(9, 17)
# Offsets are read at a fixed instant so a round's result never depends on the wall clock.
REFERENCE_INSTANT = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)

Phrase = tuple[str, frozenset[str]]


@dataclass(frozen=True, slots=True)
class Profile:
    """A candidate's text reduced to terms once, so scoring a pair is set arithmetic."""

    candidate: Candidate
    offer_phrases: tuple[Phrase, ...]
    need_phrases: tuple[Phrase, ...]
    offers: frozenset[str]
    needs: frozenset[str]
    about: frozenset[str]
    languages: frozenset[str]
    hours: frozenset[int] | None


def build_profile(c: Candidate) -> Profile:
    offer_phrases = tuple((p, terms(p)) for p in (*c.offers, *c.skills) if p.strip())
    need_phrases = tuple((p, terms(p)) for p in c.needs if p.strip())
    return Profile(
        candidate=c,
        offer_phrases=offer_phrases,
        need_phrases=need_phrases,
        offers=frozenset().union(*(t for _, t in offer_phrases)),
        needs=frozenset().union(*(t for _, t in need_phrases)),
        about=terms(c.goal) | terms(c.unique),
        languages=frozenset(lang.strip().casefold() for lang in c.languages if lang.strip()),
        hours=utc_work_hours(c.timezone) if c.timezone else None,
    )


@cache
def utc_work_hours(tz_name: str) -> frozenset[int] | None:
    """UTC hours of a 9-17 local working day in an IANA zone; None for an unknown zone."""
    try:
        offset = REFERENCE_INSTANT.astimezone(ZoneInfo(tz_name)).utcoffset() or timedelta()
    except (ZoneInfoNotFoundError, ValueError):
        return None
    shift = round(offset.total_seconds() / 3600)
    return frozenset((h - shift) % 24 for h in WORK_HOURS)


def history_map(history: Sequence[PastPairing]) -> dict[frozenset[str], tuple[int, bool]]:
    """Per pair of members: the most recent ``rounds_ago`` and whether any pairing was a misfit."""
    out: dict[frozenset[str], tuple[int, bool]] = {}
    for past in history:
        key = frozenset((past.a, past.b))
        ago, misfit = out.get(key, (past.rounds_ago, False))
        out[key] = (min(ago, past.rounds_ago), misfit or past.not_a_fit)
    return out


class Scorer:
    """Scores pairs of profiles (by position) with weights learnt from the whole community."""

    def __init__(
        self,
        profiles: Sequence[Profile],
        history: Mapping[frozenset[str], tuple[int, bool]],
        semantic: SemanticBackend | None = None,
    ) -> None:
        self.profiles = profiles
        self.weights = TermWeights.from_term_sets(p.offers | p.needs | p.about for p in profiles)
        self._log_keep: dict[str, float] = {}
        index = {p.candidate.member_id: i for i, p in enumerate(profiles)}
        # Keyed by position so scoring a pair never builds a frozenset of ids.
        self.history: dict[tuple[int, int], tuple[int, bool]] = {}
        for ids, past in history.items():
            if len(ids) == 2 and all(m in index for m in ids):
                i, j = sorted(index[m] for m in ids)
                self.history[(i, j)] = past
        self.semantic = semantic
        # A backend (an embedding model) is slow: each ordered pair is asked once per round.
        self._semantic_seen: dict[tuple[int, int], float] = {}

    @cached_property
    def vectors(self) -> ProfileVectors:
        """The profiles as arrays, for scoring or searching many pairs at once."""
        return build_vectors(self)

    def log_keep(self, term: str) -> float:
        """log(1 - weight), cached: a direction's score is 1 - exp(sum over shared terms)."""
        value = self._log_keep.get(term)
        if value is None:
            value = self._log_keep[term] = math.log1p(-self.weights.weight(term))
        return value

    def direction(self, giver: int, taker: int) -> float:
        """How well ``giver``'s offers meet ``taker``'s needs, in [0, 1)."""
        shared = self.profiles[giver].offers & self.profiles[taker].needs
        score = 1.0 - math.exp(math.fsum(self.log_keep(t) for t in shared)) if shared else 0.0
        if self.semantic is not None:
            score = max(score, self._semantic_direction(giver, taker))
        return score

    def _semantic_direction(self, giver: int, taker: int) -> float:
        assert self.semantic is not None
        known = self._semantic_seen.get((giver, taker))
        if known is None:
            known = self._semantic_seen[(giver, taker)] = max(
                (
                    self.semantic.similarity(need, offer)
                    for need, _ in self.profiles[taker].need_phrases
                    for offer, _ in self.profiles[giver].offer_phrases
                ),
                default=0.0,
            )
        return known

    def complementarity(self, a: int, b: int) -> float:
        ab, ba = self.direction(a, b), self.direction(b, a)
        return ab + ba + MUTUAL_BONUS * min(ab, ba)

    def alignment(self, a: int, b: int) -> float:
        pa, pb = self.profiles[a], self.profiles[b]
        shared = pa.about & pb.about
        score = ABOUT_WEIGHT * (1.0 - math.exp(math.fsum(self.log_keep(t) for t in shared)))
        if pa.languages & pb.languages:
            score += LANGUAGE_BONUS
        if pa.hours is not None and pb.hours is not None:
            score += HOURS_WEIGHT * len(pa.hours & pb.hours) / len(WORK_HOURS)
        return score

    def penalty(self, a: int, b: int) -> float:
        if not self.history:
            return 0.0
        past = self.history.get((a, b) if a < b else (b, a))
        if past is None:
            return 0.0
        ago, misfit = past
        recency = RECENCY_PENALTY * 0.5 ** (max(ago, 0) / HALF_LIFE_ROUNDS)
        return float(recency) + (NOT_A_FIT_PENALTY if misfit else 0.0)

    def pair(self, a: int, b: int) -> float:
        return self.complementarity(a, b) + self.alignment(a, b) - self.penalty(a, b)


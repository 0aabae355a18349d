"""An incremental inverted index that ranks offers against a free-text need, for /find."""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

from bot.matching.text import TermWeights, describe, offer_clauses, terms


@dataclass(frozen=True, slots=True)
class SearchHit:
    doc_id: str
    owner_id: str
    score: float
    matched_terms: tuple[str, ...]


def offer_terms(text: str) -> frozenset[str]:
    """Terms a document offers: those of its clauses that do not ask for something."""
    found: set[str] = set()
    for clause in offer_clauses(text):
        found |= terms(clause)
    return frozenset(found)


class TermIndex:
    """Documents (offers, profiles, posts) indexed by the terms they offer.

    A query is read as a need and scored with the engine's complementarity rule
    (``1 - prod(1 - weight)`` over shared terms, weights by rarity across the index), so
    "I need a lawyer for a partnership agreement" ranks "contract law, partnership agreements"
    first and never returns "need legal advice", which asks rather than offers.
    """

    def __init__(self, docs: tuple[tuple[str, str, str], ...] | list[tuple[str, str, str]] = ()):
        self._docs: dict[str, tuple[str, frozenset[str]]] = {}
        self._postings: dict[str, set[str]] = {}
        for doc_id, owner_id, text in docs:
            self.add(doc_id, owner_id, text)

    def __len__(self) -> int:
        return len(self._docs)

    def add(self, doc_id: str, owner_id: str, text: str) -> None:
        """Index a document; adding an existing ``doc_id`` replaces it."""
        self.remove(doc_id)
        doc_terms = offer_terms(text)
        self._docs[doc_id] = (owner_id, doc_terms)
        for t in doc_terms:
            self._postings.setdefault(t, set()).add(doc_id)

    def remove(self, doc_id: str) -> None:
        """Forget a document; unknown ids are ignored."""
        entry = self._docs.pop(doc_id, None)
        if entry is None:
            return
        for t in entry[1]:
            posting = self._postings[t]
            posting.discard(doc_id)
            if not posting:
                del self._postings[t]

    def search(
        self, query: str, limit: int = 10, exclude_owners: frozenset[str] | set[str] = frozenset()
    ) -> list[SearchHit]:
        """Best documents for the need in ``query``, best first; ties by ``doc_id``."""
        query_terms = sorted(terms(query))
        weights = TermWeights({t: len(self._postings.get(t, ())) for t in query_terms}, len(self._docs))
        miss: dict[str, float] = {}
        for t in query_terms:
            log_keep = math.log1p(-weights.weight(t))
            for doc_id in self._postings.get(t, ()):
                miss[doc_id] = miss.get(doc_id, 0.0) + log_keep
        candidates = miss.items()
        if exclude_owners:
            candidates = {d: m for d, m in miss.items() if self._docs[d][0] not in exclude_owners}.items()
        best = heapq.nsmallest(limit, candidates, key=lambda item: (item[1], item[0]))
        hits: list[SearchHit] = []
        for doc_id, log_miss in best:
            owner, doc_terms = self._docs[doc_id]
            shared = sorted(set(query_terms) & doc_terms, key=lambda t: (-weights.weight(t), t))
            score = round(1.0 - math.exp(log_miss), 6)
            hits.append(SearchHit(doc_id, owner, score, tuple(describe(t, query) for t in shared)))
        return hits

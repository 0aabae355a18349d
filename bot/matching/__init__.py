"""The matching engine: pure functions from members, history and blocks to explained groups."""

from bot.matching.engine import make_groups
from bot.matching.model import (
    Candidate,
    Group,
    MatchInput,
    MatchResult,
    MatchSettings,
    OddMemberPolicy,
    PastPairing,
    Unmatched,
)
from bot.matching.search import SearchHit, TermIndex
from bot.matching.text import SemanticBackend, explain_match

__all__ = [
    "Candidate",
    "Group",
    "MatchInput",
    "MatchResult",
    "MatchSettings",
    "OddMemberPolicy",
    "PastPairing",
    "SearchHit",
    "SemanticBackend",
    "TermIndex",
    "Unmatched",
    "explain_match",
    "make_groups",
]

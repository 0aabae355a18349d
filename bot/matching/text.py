"""Free-text skill matching: normalised stemmed terms, a concept table and rarity weighting."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Protocol

from bot.matching.concepts import CONCEPTS

CONCEPT_PREFIX = "~"  # concept terms can never collide with a stemmed word (words hold no "~")
# A curated concept says more than a shared surface word, which may be incidental.
WORD_FACTOR = 0.7
MAX_TERM_WEIGHT = 0.95

_WORD = re.compile(r"[^\W_]+(?:[+#][^\W_]*)*", re.UNICODE)
# Words that say how someone asks or offers, not what: they must not match anything.
_STOPWORD_TEXT = """
a an the and or but of for to in on at by with from as is are be been am i im me my we our
you your they their it its this that these those who whom which what someone somebody anyone
people person need needs needed needing looking look seeking seek want wanted wants searching
search require requires required help helping offer offers offering can could would will happy
glad love like do does doing did get got have has had some any more also just about into over
very really well good great new work working etc so up out how let able skill skills
experience experienced year years
"""
# Function words and verbs too general to say what anyone does: two texts sharing only
# "under", "send" or "build" have not met ("food costs under 30%" is no offer of invoicing).
_GENERAL_TEXT = """
under above below between through during before after without within across against among
around behind beyond near since toward towards upon via per off onto than then there here
when where while until once each every all both either neither other another same such own
not no nor only even still yet already again ever never always often sometimes usually
make makes made making send sends sent sending build builds built building get gets getting
give gives gave given take takes took taken put puts go goes went going come comes came
know knows knew think thinks thought see sees saw seen use uses used using find finds found
keep keeps kept tell tells told ask asks asked try tries tried trying start starts started
run runs ran running set sets show shows turn turns stop stops bring brings brought
thing things stuff lot lots way ways kind sort bit part side time times day days week weeks
month months first last next real right big small little much many most less least few
sure best better quite rather pretty whole full free open
"""
GENERAL_WORDS = frozenset(_GENERAL_TEXT.split())
STOPWORDS = frozenset(_STOPWORD_TEXT.split()) | GENERAL_WORDS
NEED_CUES = re.compile(
    r"\b(need|needs|needed|looking for|seeking|want|wanted|searching for|require[sd]?)\b",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[.;,!?\n]+|\bbut\b", re.IGNORECASE)


# Bounded: a community's vocabulary is a few thousand words, read again in every quote and clause.
@lru_cache(maxsize=1 << 14)
def stem(word: str) -> str:
    """Light suffix stripping so "developer", "development" and "developing" meet."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, repl in (
        ("ies", "y"),
        ("ments", ""),
        ("ment", ""),
        ("ings", ""),
        ("ing", ""),
        ("ers", ""),
        ("er", ""),
        ("ors", ""),
        ("or", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                break
            word = word[: len(word) - len(suffix)] + repl
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]  # "programm" -> "program", "shipp" -> "ship"
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    """Case-folded words, with "-" and "/" read as spaces ("front-end" is "front end")."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("-", " ").replace("/", " ")
    return _WORD.findall(folded.replace("'s", ""))


@dataclass(frozen=True, slots=True)
class _ConceptIndex:
    """Concept terms by their phrase's stems, and every leading part of such a phrase so a scan
    can stop as soon as no phrase starts with the stems read so far."""

    terms: dict[tuple[str, ...], frozenset[str]]
    prefixes: frozenset[tuple[str, ...]]
    firsts: frozenset[str]  # the stems that start a phrase: most words start none


@cache
def _concept_index() -> _ConceptIndex:
    index: dict[tuple[str, ...], set[str]] = {}
    for concept, phrases in CONCEPTS.items():
        for phrase in phrases:
            key = tuple(stem(w) for w in words(phrase))
            index.setdefault(key, set()).add(CONCEPT_PREFIX + concept)
    prefixes = frozenset(k[:n] for k in index for n in range(1, len(k) + 1))
    firsts = frozenset(k[0] for k in index if k)
    return _ConceptIndex({k: frozenset(v) for k, v in index.items()}, prefixes, firsts)


# Bounded: a long-running bot sees new texts every round (and every quoted clause of them).
@lru_cache(maxsize=1 << 17)
def terms(text: str) -> frozenset[str]:
    """Matchable terms of a phrase: concept terms plus stems of its meaningful words."""
    written = words(text)
    stems = tuple(map(stem, written))
    index = _concept_index()
    found: set[str] = set()
    for i, first in enumerate(stems):
        if first not in index.firsts:
            continue
        for end in range(i + 1, len(stems) + 1):
            key = stems[i:end]
            if key not in index.prefixes:
                break
            found.update(index.terms.get(key, ()))
    # Bare numbers ("10 years") say nothing about a skill.
    found.update(s for s, w in zip(stems, written, strict=True) if w not in STOPWORDS and not w.isdigit())
    return frozenset(found)


def offer_clauses(text: str) -> list[str]:
    """Clauses of a free-text post that offer something: a clause that asks is not an offer."""
    return [c for c in _CLAUSE.split(text) if c.strip() and not NEED_CUES.search(c)]


def label(term: str) -> str:
    """A term as a person would say it."""
    return term.removeprefix(CONCEPT_PREFIX)


def describe(term: str, text: str) -> str:
    """A term as a person would say it, using the word as written in ``text`` for stems."""
    if term.startswith(CONCEPT_PREFIX):
        return label(term)
    return next((w for w in words(text) if stem(w) == term), term)


class TermWeights:
    """Inverse-frequency weights in (0, 0.95]: a skill few people list counts more than "help"."""

    def __init__(self, doc_freq: Mapping[str, int], n_docs: int) -> None:
        self._df = doc_freq
        self._n = max(n_docs, 1)
        self._norm = math.log(1 + self._n)
        self._cache: dict[str, float] = {}

    @classmethod
    def from_term_sets(cls, term_sets: Iterable[Iterable[str]]) -> TermWeights:
        df: dict[str, int] = {}
        n = 0
        for ts in term_sets:
            n += 1
            for t in set(ts):
                df[t] = df.get(t, 0) + 1
        return cls(df, n)

    def weight(self, term: str) -> float:
        cached = self._cache.get(term)
        if cached is None:
            cached = self._cache[term] = self._weight(term)
        return cached

    def _weight(self, term: str) -> float:
        df = max(self._df.get(term, 0), 1)
        raw = math.log(1 + self._n / df) / self._norm if self._norm > 0 else 1.0
        factor = 1.0 if term.startswith(CONCEPT_PREFIX) else WORD_FACTOR
        return min(MAX_TERM_WEIGHT, max(0.02, raw * factor))


def meet_score(shared: Iterable[str], weights: TermWeights | None = None) -> float:
    """How well an offer meets a need given their shared terms: 1 - prod(1 - w), in [0, 1)."""
    miss = 1.0
    for t in sorted(shared):  # a fixed order: the same float result in every process
        w = weights.weight(t) if weights else (0.8 if t.startswith(CONCEPT_PREFIX) else 0.5)
        miss *= 1.0 - w
    return 1.0 - miss


def best_shared_term(shared: Iterable[str], weights: TermWeights | None = None) -> str | None:
    """The shared term that says most: a concept first, then the rarest word."""
    ranked = sorted(
        shared,
        key=lambda t: (not t.startswith(CONCEPT_PREFIX), -(weights.weight(t) if weights else 0), t),
    )
    return ranked[0] if ranked else None


def explain_match(need_text: str, offer_text: str) -> str | None:
    """What an offer and a need have in common, in plain words ("fundraising"), or None."""
    best = best_shared_term(terms(need_text) & terms(offer_text))
    return label(best) if best else None


class SemanticBackend(Protocol):
    """Extension point for a sentence-embedding matcher (an optional extra, never required).

    An implementation returns, for a need and an offer, a similarity in [0, 1]; the engine
    combines it with the term score via ``max`` so a backend can only find more matches. Plug
    one in with ``bot.matching.scoring.Scorer(..., semantic=backend)``; the default install
    uses none and downloads no model.
    """

    def similarity(self, need_text: str, offer_text: str) -> float: ...

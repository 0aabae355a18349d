"""Short quotes from members' own text: the clause that matched, trimmed and punctuated once."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from bot.matching.text import CONCEPT_PREFIX, STOPWORDS, TermWeights, stem, terms, words

MAX_QUOTE = 80
_WRITTEN = re.compile(r"[^\W_]+", re.UNICODE)
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
_CHUNK = re.compile(r"(?<=,)\s+|\s+(?=\()|(?<=\))\s+|\s+[—–-]\s+")
# Each split needs one of these characters; looking for them is several times cheaper than
# splitting (the lookbehinds are tried at every position), and most phrases have none.
_SENTENCE_MARK = re.compile(r"[.!?;\n]")
_CHUNK_MARK = re.compile(r"[,()—–-]")
_EDGE_PUNCT = " \t\"'“”‘’()[]—–-,.;:!?…"
# A clause that opens like a sentence ("I …", "If you're …") is quoted after "wrote", not
# made the object of "needs"/"offers".
_FIRST_PERSON = re.compile(
    r"^(?:i|i'm|i’m|i've|i’ve|i'd|i’d|we|we're|we’re|we've|we’ve|my|our|if|you|you're|you’re|let's|let’s)\b",
    re.I,
)
_NEED_LEAD = re.compile(
    r"^(?:(?:and|also|plus)\s+)?(?:i\s*(?:am|'m|’m)?\s*)?(?:really\s+|also\s+)?"
    r"(?:need|needs|looking for|seeking|want|searching for)\s+",
    re.IGNORECASE,
)
_VERB_LEAD = re.compile(
    r"^(?:i\s+)?(?:can|could|will|am happy to|happy to|glad to|love to|i'm happy to|i’m happy to)\b", re.I
)
_OFFER_LEAD = re.compile(
    r"^(?:(?:and|also|plus)\s+)?(?:i\s*(?:am|'m|’m)?\s*)?(?:can|could|am happy to|happy to|glad to|love to)"
    r"\s+help(?:\s+you)?\s+(?:with|on)\s+",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(
    r"^(?:especially|ideally|including|mostly|preferably|e\.g\.|like|such as|for example|but|open to)\b",
    re.I,
)
_PREPOSITION = re.compile(r"\s(?:between|in|into|for|with|from|to|on|of|across|like)\s", re.I)
_LEADING_JOINER = re.compile(r"^(?:and|also|plus|or|but)\s+", re.IGNORECASE)
# Words too vague to say two people share an interest ("both mention know").
VAGUE = frozenset(
    "know make build start run thing things way time day week month first real small big lot "
    "part side idea ideas team teams people better best most many much other right next last "
    "back still each every find found keep kind give take want think trying try use used using "
    "place across around between through until since while where there here when then than "
    "something anything everything nothing someone actually without left line write really always "
    "never often usually maybe almost enough already ever even only own same such".split()
)
_VAGUE_STEMS = frozenset(stem(w) for w in VAGUE)


def sentences(text: str) -> list[str]:
    if not _SENTENCE_MARK.search(text):
        return _said(text.strip())
    return [s for s in (p.strip() for p in _SENTENCE.split(text)) if s.strip(_EDGE_PUNCT)]


def _chunks(sentence: str) -> list[str]:
    """A sentence's parts between commas, brackets and dashes."""
    if not _CHUNK_MARK.search(sentence):
        return _said(sentence)
    return [c for c in _CHUNK.split(sentence) if c.strip(_EDGE_PUNCT)]


def _said(part: str) -> list[str]:
    """The one part, unless it is only punctuation."""
    return [part] if part.strip(_EDGE_PUNCT) else []


def tidy(text: str) -> str:
    """One line, no leading joiner, no punctuation at either end (the caller adds its own);
    a closing ellipsis that marks a cut stays."""
    flat = " ".join(text.split())
    cut_end, cut_start = flat.endswith("…"), flat.startswith("…")
    closes_bracket = ")" in flat[len(flat.rstrip(_EDGE_PUNCT)) :]
    flat = _LEADING_JOINER.sub("", flat.strip(_EDGE_PUNCT)).strip(_EDGE_PUNCT)
    if not flat:
        return flat
    if closes_bracket and flat.count("(") > flat.count(")"):
        flat += ")"  # "tax questions (10 years)" keeps the bracket it opened (never longer)
    return ("…" if cut_start else "") + flat + ("…" if cut_end else "")


def shorten(text: str, limit: int = MAX_QUOTE) -> str:
    """At most ``limit`` characters, cut at a word boundary with an ellipsis."""
    text = tidy(text)
    if len(text) <= limit:
        return text
    kept = text[: limit - 1].rsplit(" ", 1)[0].rstrip(_EDGE_PUNCT).split()
    while len(kept) > 1 and kept[-1].casefold() in STOPWORDS:
        kept.pop()  # "a partner to work with on…" reads as cut mid-thought
    return " ".join(kept).rstrip(_EDGE_PUNCT) + "…"


def _hits(found: frozenset[str], weights: TermWeights | None) -> float:
    return sum((weights.weight(t) if weights else 1.0) for t in found)


def _meets(text: str, shared: frozenset[str]) -> bool:
    """Whether ``text`` has any of the shared terms."""
    return not terms(text).isdisjoint(shared)


def _most_hits(found: list[frozenset[str]], weights: TermWeights | None) -> int:
    """The first part with the most weight of shared terms; every weight is above 0, so with
    at most one part that has any, no weights need adding up."""
    if sum(1 for f in found if f) <= 1:
        return next((i for i, f in enumerate(found) if f), 0)
    hits = [_hits(f, weights) for f in found]
    return hits.index(max(hits))


def _richest(parts: list[str], shared: frozenset[str], weights: TermWeights | None) -> str:
    """The first part with the most weight of shared terms (one part is taken as it is)."""
    if len(parts) == 1:
        return parts[0]
    return parts[_most_hits([terms(p) & shared for p in parts], weights)]


def best_clause(
    text: str, shared: frozenset[str], weights: TermWeights | None, limit: int = MAX_QUOTE
) -> str:
    """The part of ``text`` that carries the shared terms, as written, within ``limit`` chars."""
    sentence = _richest(sentences(text) or [text], shared, weights)
    chunks = _chunks(sentence)
    if not chunks:
        return shorten(sentence, limit)
    kept = _around_best(chunks, shared, weights, limit) if len(chunks) > 1 else chunks
    joined = " ".join(kept)
    head = shorten(joined, limit)
    if head == joined or _meets(head, shared) or not _meets(joined, shared):
        return head
    return _tail(joined, limit)  # only the end says what matched: quote the end


def _around_best(
    chunks: list[str], shared: frozenset[str], weights: TermWeights | None, limit: int
) -> list[str]:
    """The chunk with the most hits and the neighbours worth quoting with it, within ``limit``."""
    found = [terms(c) & shared for c in chunks]
    lo = hi = _most_hits(found, weights)
    while lo > 0 and _QUALIFIER.match(chunks[lo]):
        lo -= 1  # "especially in health" says nothing without what it qualifies
    # Grow the quote with neighbours that matched too, or that finish a list ("English and German").
    while True:
        grown = False
        for lo2, hi2 in ((lo, hi + 1), (lo - 1, hi)):
            if lo2 < 0 or hi2 >= len(chunks):
                continue
            added = chunks[hi2] if hi2 > hi else chunks[lo2]
            useful = bool(found[hi2 if hi2 > hi else lo2]) or (hi2 > hi and len(added.split()) <= 4)
            if useful and _fits(" ".join(chunks[lo2 : hi2 + 1]), limit):
                lo, hi, grown = lo2, hi2, True
                break
        if not grown:
            break
    kept = chunks[lo : hi + 1]
    if hi + 1 < len(chunks) and len(chunks[hi + 1].split()) <= 4 and kept[-1].rstrip().endswith(","):
        kept[-1] = _drop_cut_list(kept[-1])  # "between Polish," without "English and German"
    return kept


def _fits(text: str, limit: int) -> bool:
    """Whether ``text`` tidied is within ``limit``: tidying never lengthens, so short text fits."""
    return len(text) <= limit or len(tidy(text)) <= limit


def _tail(text: str, limit: int) -> str:
    text = tidy(text)
    kept = text[-(limit - 1) :].split(" ", 1)[-1].lstrip(_EDGE_PUNCT)
    return "…" + kept


def _drop_cut_list(chunk: str) -> str:
    """A chunk whose list goes on past the quote loses its dangling tail from the last preposition."""
    found = list(_PREPOSITION.finditer(chunk))
    if not found or len(chunk[: found[-1].start()].split()) < 2:
        return chunk
    return chunk[: found[-1].start()]


def as_need(clause: str) -> tuple[str, str]:
    """("needs", object) for "I need a designer", or ("wrote", clause) when it is a sentence."""
    if clause.startswith("…"):
        return "wrote", clause  # a fragment reads as a quote, not as the object of "needs"
    stripped = _NEED_LEAD.sub("", clause)
    if stripped != clause or not _FIRST_PERSON.match(clause):
        return "needs", tidy(stripped) or clause
    return "wrote", clause


def as_offer(clause: str) -> tuple[str, str]:
    """("offers", object) for "I can help with SEO", or ("wrote", clause) for "I translate …"."""
    if clause.startswith("…"):
        return "wrote", clause
    stripped = _OFFER_LEAD.sub("", clause)
    if stripped != clause or not (_FIRST_PERSON.match(clause) or _VERB_LEAD.match(clause)):
        return "offers", tidy(stripped) or clause
    return "wrote", clause


def written_word(term: str, texts: Iterable[str]) -> str | None:
    """The word as a member wrote it for a stemmed term, or None for a concept or an unseen term."""
    if term.startswith(CONCEPT_PREFIX):
        return None
    for text in texts:
        for match in _WRITTEN.finditer(unicodedata.normalize("NFKC", text)):
            w = match.group(0)
            if stem(w.casefold()) == term and w.casefold() not in STOPWORDS:
                return w  # as written, capitals included ("Vienna")
    return None


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS and not w.isdigit()]


def telling_words(shared: Iterable[str], weights: TermWeights | None) -> list[str]:
    """Shared stemmed words worth saying out loud, rarest first (no concepts, no vague words)."""
    found = [
        t
        for t in shared
        if not t.startswith(CONCEPT_PREFIX) and len(t) >= 4 and t.isalpha() and t not in _VAGUE_STEMS
    ]
    return sorted(found, key=lambda t: (-(weights.weight(t) if weights else 0.0), t))

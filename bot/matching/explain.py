"""Plain-words reasons and a conversation starter for a group, quoting the members' own words."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import TypeVar

from bot.matching.quotes import (
    as_need,
    as_offer,
    best_clause,
    content_words,
    telling_words,
    written_word,
)
from bot.matching.scoring import Profile, Scorer
from bot.matching.text import CONCEPT_PREFIX, best_shared_term, label, meet_score, stem, terms, words

FALLBACK_REASON = (
    "Nobody offers exactly what the other needs this round; you are paired for the best overall "
    "fit so nobody is left out."
)
STARTER_QUOTE = 60
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Meeting:
    """The clause of a need and of an offer that met, as written, and how they met."""

    need: str
    offer: str
    shared: frozenset[str]
    loose_word: str | None  # set when a single shared word is all that links them

    @property
    def topic(self) -> str | None:
        """A concept's name, worth saying only when no word is shared (it is the bridge)."""
        if any(not t.startswith(CONCEPT_PREFIX) for t in self.shared):
            return None
        concept = min((t for t in self.shared), default=None)
        return label(concept) if concept else None


def find_meeting(giver: Profile, taker: Profile, scorer: Scorer, limit: int = 80) -> Meeting | None:
    """The taker's need and the giver's offer that meet best, trimmed to the clauses that matched."""
    met = [
        (need, offer, shared)
        for need, need_terms in taker.need_phrases
        for offer, offer_terms in giver.offer_phrases
        if (shared := need_terms & offer_terms)
    ]
    if not met:
        return None
    need, offer, shared = _first_best(met, lambda m: meet_score(m[2], scorer.weights))
    need_clause = best_clause(need, shared, scorer.weights, limit)
    offer_clause = best_clause(offer, shared, scorer.weights, limit)
    in_clauses = terms(need_clause) & terms(offer_clause)
    shared = in_clauses or shared
    return Meeting(need_clause, offer_clause, shared, _loose_word(shared, need_clause, offer_clause))


def _first_best(items: Sequence[_T], score: Callable[[_T], float]) -> _T:
    """The first item with the highest score, scoring nothing when there is only one."""
    return items[0] if len(items) == 1 else max(items, key=score)


def _loose_word(shared: frozenset[str], need: str, offer: str) -> str | None:
    """The one word two clauses share when nothing else links them and it is not what the offer
    is about ("… with no budget" does not offer accounting; "monthly bookkeeping" does)."""
    plain = [t for t in shared if not t.startswith(CONCEPT_PREFIX)]
    if len(plain) != 1:
        return None
    word = written_word(plain[0], (offer, need))
    concepts = {t for t in shared if t.startswith(CONCEPT_PREFIX)}
    if word is None or (concepts and not concepts <= terms(word)):
        return None
    offered = [stem(w) for w in content_words(offer)]
    if len(offered) <= 3:
        return None  # the offer is that very skill ("Revit", "tax")
    if concepts and plain[0] in offered[:3]:
        return None  # a skill named at the head of the offer
    return word


Meetings = dict[tuple[str, str], Meeting]
"""(giver id, taker id) -> where the giver's offer meets the taker's need, for every ordered pair of
a group that has one: computed once, read by the reasons and by the starter."""


def group_meetings(members: Sequence[Profile], scorer: Scorer) -> Meetings:
    found: Meetings = {}
    for a, b in combinations(members, 2):
        for giver, taker in ((a, b), (b, a)):
            meeting = find_meeting(giver, taker, scorer)
            if meeting is not None:
                found[(giver.candidate.member_id, taker.candidate.member_id)] = meeting
    return found


def _meeting_text(giver: Profile, taker: Profile, found: Meeting) -> str:
    need_verb, need = as_need(found.need)
    offer_verb, offer = as_offer(found.offer)
    text = (
        f"{taker.candidate.name} {need_verb} “{need}”; {giver.candidate.name} {offer_verb} “{offer}”"
    )
    if found.loose_word:
        return f"{text} (a loose match: both say “{found.loose_word}”)."
    topic = found.topic
    # The concept's name helps only when the quotes do not already say it ("pitch coaching").
    tail = f" ({topic})" if topic and not _says(f"{need} {offer}", topic) else ""
    return f"{text}{tail}."


def _says(text: str, topic: str) -> bool:
    """Whether ``text`` has a word of ``topic`` (stemmed): only worth asking when there is a topic."""
    said = {stem(w) for w in words(text)}
    return bool(said & {stem(w) for w in words(topic)})


def alignment_reasons(a: Profile, b: Profile, scorer: Scorer, in_pair: bool = True) -> list[str]:
    reasons: list[str] = []
    both = f"{a.candidate.name} and {b.candidate.name} both"
    for term in telling_words(a.about & b.about, scorer.weights)[:1]:
        word = written_word(term, (a.candidate.goal, a.candidate.unique))
        if word:
            reasons.append(f"{both} mention “{word}”.")
    common = sorted(a.languages & b.languages)
    if common:
        # Say the language as the member wrote it ("English"), not its folded key.
        spoken = next((x for x in a.candidate.languages if x.strip().casefold() == common[0]), "")
        reasons.append(f"{both} speak {spoken.strip()}.")
    if a.hours is not None and b.hours is not None and a.hours & b.hours:
        overlap = len(a.hours & b.hours)
        unit = "hour" if overlap == 1 else "hours"
        # In a trio "their" would not say whose hours.
        whose = "Their" if in_pair else f"{a.candidate.name} and {b.candidate.name}’s"
        reasons.append(f"{whose} working hours overlap by about {overlap} {unit}.")
    return reasons


def group_reasons(
    members: Sequence[Profile], scorer: Scorer, repeat_note: str | None, meetings: Meetings | None = None
) -> list[str]:
    """Every offer-meets-need in the group first, then what else they share."""
    meetings = group_meetings(members, scorer) if meetings is None else meetings
    reasons: list[str] = []
    for a, b in combinations(members, 2):
        for giver, taker in ((a, b), (b, a)):
            meeting = meetings.get((giver.candidate.member_id, taker.candidate.member_id))
            if meeting is not None:
                reasons.append(_meeting_text(giver, taker, meeting))
    if not reasons:
        reasons.append(FALLBACK_REASON)
    for a, b in combinations(members, 2):
        found = alignment_reasons(a, b, scorer, in_pair=len(members) == 2)
        reasons.extend(r for r in found if r not in reasons)
    if repeat_note:
        reasons.append(repeat_note)
    return reasons


def _first_names(members: Sequence[Profile]) -> dict[str, str]:
    """First names, unless two members share one (then full names)."""
    firsts = {p.candidate.member_id: (p.candidate.name.split() or [p.candidate.name])[0] for p in members}
    if len(set(firsts.values())) < len(firsts):
        return {p.candidate.member_id: p.candidate.name for p in members}
    return firsts


def _strength(meeting: Meeting, scorer: Scorer) -> float:
    """How strong a meeting is for the starter: a loose one never leads."""
    return 0.0 if meeting.loose_word else meet_score(meeting.shared, scorer.weights)


def starter(members: Sequence[Profile], scorer: Scorer, meetings: Meetings | None = None) -> str:
    """One opening line a person would say, drawn from the strongest match in the group."""
    name = _first_names(members)
    meetings = group_meetings(members, scorer) if meetings is None else meetings
    found = [
        (giver, taker, m)
        for a, b in combinations(members, 2)
        for giver, taker in ((a, b), (b, a))
        if (m := meetings.get((giver.candidate.member_id, taker.candidate.member_id))) is not None
    ]
    if found:
        giver, taker, m = _first_best(found, lambda f: _strength(f[2], scorer))
        g, t = name[giver.candidate.member_id], name[taker.candidate.member_id]
        # The reason's quote, trimmed further: a starter is said, not read.
        verb, need = as_need(best_clause(m.need, m.shared, scorer.weights, STARTER_QUOTE))
        if verb == "needs":
            return f"{t}, you are looking for “{need}”. {g}, how would you go about it?"
        return f"{t}, you wrote “{need}”. {g}, how would you go about it?"
    for a, b in combinations(members, 2):
        term = best_shared_term(telling_words(a.about & b.about, scorer.weights), scorer.weights)
        word = written_word(term, (a.candidate.goal, a.candidate.unique)) if term else None
        if word:
            return f"You both mention “{word}”: what is each of you doing with it right now?"
    for a, b in combinations(members, 2):
        for x, y in ((a, b), (b, a)):
            if x.candidate.goal.strip():
                goal = best_clause(x.candidate.goal, frozenset(), None, STARTER_QUOTE)
                x_name, y_name = name[x.candidate.member_id], name[y.candidate.member_id]
                return f"{x_name}, tell {y_name} about “{goal}”. {y_name}, what would you try first?"
    return "What are you each working on this month, and where could a fresh pair of eyes help?"

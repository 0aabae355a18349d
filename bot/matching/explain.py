"""Plain-words reasons and a conversation starter for a group, built from the profiles."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from bot.matching.scoring import Profile, Scorer, need_display, offer_display
from bot.matching.text import best_shared_term, label, meet_score

FALLBACK_REASON = (
    "Nobody offers exactly what the other needs this round; you are paired for the best overall "
    "fit so nobody is left out."
)


def _best_meeting(giver: Profile, taker: Profile, scorer: Scorer) -> tuple[str, str, str] | None:
    """The taker's need and the giver's offer that meet best, and the topic they share."""
    best: tuple[float, str, str, str] | None = None
    for need, need_terms in taker.need_phrases:
        for offer, offer_terms in giver.offer_phrases:
            shared = need_terms & offer_terms
            if not shared:
                continue
            score = meet_score(shared, scorer.weights)
            if best is None or score > best[0]:
                topic = best_shared_term(shared, scorer.weights) or ""
                best = (score, need, offer, label(topic))
    return None if best is None else best[1:]


def meeting_reason(giver: Profile, taker: Profile, scorer: Scorer) -> str | None:
    """'Ana needs a fundraising deck; Ben offers pitch coaching (pitching).' or None."""
    found = _best_meeting(giver, taker, scorer)
    if found is None:
        return None
    need, offer, topic = found
    need_text, offer_text = need_display(need), offer_display(offer)
    said = f"{need_text} {offer_text}".casefold()
    tail = "" if not topic or topic.casefold() in said else f" ({topic})"
    return f"{taker.candidate.name} needs {need_text}; {giver.candidate.name} offers {offer_text}{tail}."


def alignment_reasons(a: Profile, b: Profile, scorer: Scorer) -> list[str]:
    reasons: list[str] = []
    shared = a.about & b.about
    topic = best_shared_term(shared, scorer.weights)
    if topic:
        reasons.append(f"{a.candidate.name} and {b.candidate.name} both mention {label(topic)}.")
    common = sorted(a.languages & b.languages)
    if common:
        # Say the language as the member wrote it ("English"), not its folded key.
        spoken = next((x for x in a.candidate.languages if x.strip().casefold() == common[0]), "")
        reasons.append(f"{a.candidate.name} and {b.candidate.name} both speak {spoken.strip()}.")
    if a.hours is not None and b.hours is not None and a.hours & b.hours:
        overlap = len(a.hours & b.hours)
        reasons.append(f"Their working hours overlap by about {overlap} hours.")
    return reasons


def group_reasons(members: Sequence[Profile], scorer: Scorer, repeat_note: str | None) -> list[str]:
    """Every offer-meets-need in the group first, then what else they share."""
    reasons: list[str] = []
    for a, b in combinations(members, 2):
        for giver, taker in ((a, b), (b, a)):
            reason = meeting_reason(giver, taker, scorer)
            if reason:
                reasons.append(reason)
    if not reasons:
        reasons.append(FALLBACK_REASON)
    for a, b in combinations(members, 2):
        reasons.extend(r for r in alignment_reasons(a, b, scorer) if r not in reasons)
    if repeat_note:
        reasons.append(repeat_note)
    return reasons


def starter(members: Sequence[Profile], scorer: Scorer) -> str:
    """One opening question drawn from the strongest thing the group has in common."""
    for a, b in combinations(members, 2):
        for giver, taker in ((a, b), (b, a)):
            found = _best_meeting(giver, taker, scorer)
            if found:
                need, offer, _ = found
                return (
                    f"{taker.candidate.name}, what would a good result for "
                    f"“{need_display(need)}” look like? {giver.candidate.name}, what is one "
                    f"thing you learned doing {offer_display(offer)}?"
                )
    for a, b in combinations(members, 2):
        topic = best_shared_term(a.about & b.about, scorer.weights)
        if topic:
            return f"What drew each of you to {label(topic)}, and where are you stuck with it?"
    for a, b in combinations(members, 2):
        for x, y in ((a, b), (b, a)):
            if x.candidate.goal.strip():
                return (
                    f"{x.candidate.name}, tell {y.candidate.name} about “{x.candidate.goal}”; "
                    f"{y.candidate.name}, what would you try first?"
                )
            if x.candidate.unique.strip():
                return f"{y.candidate.name}, ask {x.candidate.name} about “{x.candidate.unique}”."
    return "What are you each working on this month, and where could a fresh pair of eyes help?"

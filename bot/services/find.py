"""Use cases of /find: the members whose offers meet a need (or who need an offer), with reasons."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime

from bot.domain.clock import Clock
from bot.domain.errors import UserError
from bot.domain.models import Actor, Member, Post, PostKind, PostStatus, Profile, Visibility
from bot.domain.text import POST_MAX_CHARS, clean_text, shorten
from bot.matching.quotes import written_word
from bot.matching.search import SearchHit, TermIndex
from bot.matching.text import stem, terms
from bot.services.find_index import CommunityIndex, FindIndexes, parse_doc, profile_field_text
from bot.services.members import ensure_member
from bot.services.reply import Button, ButtonStyle, Item, Reply
from bot.storage.protocols import Storage, UnitOfWork

ASK_INTRO_ACTION = "intro.ask"
FIND_RESULTS = 5
POST_MATCHES = 3
# Hits fetched per result shown: a member may own several matching documents, and stale ones
# (closed posts, deleted or hidden members) are dropped after the search.
FETCH_FACTOR = 4
DOCS_PER_EXCLUDED = 8
MAX_ROUNDS = 3
BATCH = 10
QUOTE_CHARS = 160

FIELD_LABEL = {
    "headline": "their intro",
    "strengths": "what they do best",
    "unique_edge": "what only they can do",
    "skills": "their skills",
    "looking_for": "what they are looking for",
}


@dataclass(frozen=True, slots=True)
class Found:
    """One member found, with the document that matched and the terms it shares with the query."""

    member: Member
    hit: SearchHit
    post: Post | None
    field_name: str | None
    field_text: str


class FindService:
    def __init__(self, storage: Storage, clock: Clock) -> None:
        self._storage = storage
        self._clock = clock
        self.indexes = FindIndexes(storage)

    async def find(self, actor: Actor, query: str, *, who_needs: bool = False) -> Reply:
        query = _query(query)
        now = self._clock.now()
        index = await self.indexes.ensure_built(actor.community, now)
        async with self._storage.transaction(actor.community) as uow:
            await ensure_member(uow, actor, now)
            found = await self._search(uow, index, actor.member_id, query, FIND_RESULTS, who_needs, now)
        what = "need" if who_needs else "can help with"
        title = f"Members who {what} “{query}”"
        if not found:
            hint = "/board lists every post." if who_needs else "Try other words, or post it with /need."
            return Reply(title=title, text=f"Nobody matches yet. {hint}")
        return Reply(
            title=title,
            text="Best matches first. Asking for an intro shares your intro with them; they choose.",
            items=tuple(_item(f, who_needs) for f in found),
        )

    async def set_findable(self, actor: Actor, findable: bool) -> Reply:
        async with self._storage.transaction(actor.community) as uow:
            await ensure_member(uow, actor, self._clock.now())
            await uow.directory.set_findable(actor.member_id, findable)
        if findable:
            return Reply.success("You can be found with /find again.")
        return Reply.success(
            "You no longer appear in /find results. Members can still ask you for an intro by name; "
            "/find on to show up again."
        )

    async def after_post(self, actor: Actor, post: Post, reply: Reply) -> Reply:
        """BoardService's hook: a new need shows the best offers at once, a new offer the needs."""
        now = self._clock.now()
        index = await self.indexes.ensure_built(actor.community, now)
        who_needs = post.kind is PostKind.OFFER
        index.add_post(post)  # seen at once, whatever the refresh interval
        async with self._storage.transaction(actor.community) as uow:
            found = await self._search(uow, index, actor.member_id, post.text, POST_MATCHES, who_needs, now)
        if not found:
            return reply
        lead = "People who need what you offer:" if who_needs else "People who may help with this:"
        return dataclasses.replace(
            reply, items_title=lead, items=reply.items + tuple(_item(f, who_needs) for f in found)
        )

    async def _search(
        self,
        uow: UnitOfWork,
        index: CommunityIndex,
        me: str,
        query: str,
        limit: int,
        who_needs: bool,
        now: datetime,
    ) -> list[Found]:
        """The best ``limit`` members for the query, validated against storage, best first."""
        await self.indexes.refresh(uow, index, now)
        excluded = {me} | await uow.blocks.related(me)
        terms_index = index.needs if who_needs else index.offers
        # Excluded owners are filtered here rather than by the index, which would scan every
        # candidate for them; a few extra hits make room for their documents.
        fetch = limit * FETCH_FACTOR + DOCS_PER_EXCLUDED * len(excluded)
        sweep = _Sweep(limit, settled=set(excluded))
        for _ in range(MAX_ROUNDS):
            hits = terms_index.search(query, fetch)
            best: dict[str, SearchHit] = {}
            for hit in hits:
                if hit.owner_id not in sweep.settled and hit.doc_id not in sweep.skipped:
                    best.setdefault(hit.owner_id, hit)  # hits come best first
            stale = await self._validate(uow, index, terms_index, list(best.values()), sweep, now)
            if len(sweep.found) >= limit or (len(hits) < fetch and not stale):
                break
            fetch *= 4
        return sorted(sweep.found, key=lambda f: (-f.hit.score, f.hit.doc_id))[:limit]

    async def _validate(
        self,
        uow: UnitOfWork,
        index: CommunityIndex,
        terms_index: TermIndex,
        hits: list[SearchHit],
        sweep: _Sweep,
        now: datetime,
    ) -> bool:
        """Check hits against storage in small batches until enough are found; True if any was stale."""
        stale = False
        for start in range(0, len(hits), BATCH):
            if len(sweep.found) >= sweep.wanted:
                break
            batch = hits[start : start + BATCH]
            members = await uow.members.get_many([h.owner_id for h in batch])
            post_ids = [pid for hit in batch if (pid := parse_doc(hit.doc_id)[0]) is not None]
            posts = await uow.directory.posts_by_id(post_ids)
            profiles = await uow.profiles.get_many([h.owner_id for h in batch if h.doc_id[0] == "m"])
            for hit in batch:
                member = members.get(hit.owner_id)
                if member is None:
                    index.remove_member(hit.owner_id)  # they left and took their data with them
                    index.remove_doc(hit.doc_id)
                    stale = True
                    continue
                result = _resolve(index, terms_index, hit, member, posts, profiles, now)
                if result is None:
                    sweep.skipped.add(hit.doc_id)
                    stale = True  # their next-best document may still qualify: search again
                    continue
                sweep.settled.add(hit.owner_id)
                if member.findable and len(sweep.found) < sweep.wanted:
                    sweep.found.append(result)
        return stale


@dataclass
class _Sweep:
    """One search's progress across rounds: members found, members settled, documents skipped."""

    wanted: int
    found: list[Found] = field(default_factory=list)
    settled: set[str] = field(default_factory=set)
    skipped: set[str] = field(default_factory=set)


def _resolve(
    index: CommunityIndex,
    terms_index: TermIndex,
    hit: SearchHit,
    member: Member,
    posts: dict[int, Post],
    profiles: dict[str, Profile],
    now: datetime,
) -> Found | None:
    post_id, field_name = parse_doc(hit.doc_id)
    if post_id is not None:
        post = posts.get(post_id)
        if post is None or post.status is PostStatus.CLOSED:
            index.remove_doc(hit.doc_id)  # closed for good, or deleted with its author
            return None
        if post.status is not PostStatus.OPEN or post.expires_at <= now:
            return None  # expired, but kept: its author may keep it open again
        if post.visibility is Visibility.MATCHES_ONLY and terms_index is index.needs:
            return None  # a --private need is for rounds matching only: never listed as who needs what
        return Found(member, hit, post, None, post.text)
    profile = profiles.get(member.member_id)
    if profile is None or field_name is None:
        terms_index.remove(hit.doc_id)
        return None
    return Found(member, hit, None, field_name, profile_field_text(profile, field_name))


def _query(raw: str) -> str:
    query = clean_text(raw, what="what you are looking for", max_chars=POST_MAX_CHARS, required=False)
    if not terms(query):
        raise UserError(
            "Tell me in a few words what you need, e.g. /find a lawyer for a partnership agreement."
        )
    return query


def reason(found: Found, who_needs: bool) -> str:
    """Why this member came up, in plain words."""
    matched = ", ".join(_plain_terms(found.hit.matched_terms, found.field_text)[:3])
    if found.post is not None:
        kind = "needs" if found.post.kind is PostKind.NEED else "offers"
        where = f"{kind} #{found.post.post_id}"
        if found.post.visibility is Visibility.MATCHES_ONLY:
            # A matches-only post is not listed on the board, so its words are not quoted here.
            return f"{'Needs' if who_needs else 'Offers'} {matched} (an unlisted post)."
        return f"{where.capitalize()}: “{shorten(found.post.text, QUOTE_CHARS)}” (matches {matched})"
    label = FIELD_LABEL.get(found.field_name or "", "their intro")
    return f"From {label}: “{shorten(found.field_text, QUOTE_CHARS)}” (matches {matched})"


def _plain_terms(matched: tuple[str, ...], document: str) -> list[str]:
    """Matched words as the document writes them ("agreements" for "agreement"), each once; the
    query's words, or a concept's name, only when the document has none of them."""
    shown: list[str] = []
    for term in matched:
        word = written_word(stem(term.casefold()), (document,)) if " " not in term else None
        if word is None and term.casefold() in document.casefold():
            word = term
        if word and word.casefold() not in {w.casefold() for w in shown}:
            shown.append(word)
    if shown:
        return shown
    unique: list[str] = []
    for term in matched:  # "design" and "designer" say the same thing once
        if not any(stem(term.casefold()) == stem(kept.casefold()) for kept in unique):
            unique.append(term)
    return unique


def _item(found: Found, who_needs: bool) -> Item:
    value = found.member.member_id
    if found.post is not None:
        value += f" p{found.post.post_id}"
    label = "Offer to help" if who_needs else "Ask for an intro"
    return Item(
        title=found.member.display_name,
        body=reason(found, who_needs),
        buttons=(Button(label, ASK_INTRO_ACTION, value, ButtonStyle.PRIMARY),),
    )

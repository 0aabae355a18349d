"""Use cases of /find: the members whose offers meet a need (or who need an offer), with reasons."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

from bot.domain.clock import Clock
from bot.domain.errors import UserError
from bot.domain.models import Actor, Member, Post, PostKind, PostStatus, Profile, Visibility
from bot.domain.text import POST_MAX_CHARS, clean_text
from bot.matching.search import SearchHit, TermIndex
from bot.matching.text import terms
from bot.services.find_index import CommunityIndex, FindIndexes, parse_doc, profile_field_text
from bot.services.members import ensure_member
from bot.services.reply import Button, ButtonStyle, Item, Reply
from bot.storage.protocols import Storage, UnitOfWork

ASK_INTRO_ACTION = "intro.ask"
FIND_RESULTS = 5
POST_MATCHES = 3
# Hits fetched per result shown: a member may own several matching documents, and stale ones
# (closed posts, deleted or hidden members) are dropped after the search.
FETCH_FACTOR = 12
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
        async with self._storage.transaction(actor.community) as uow:
            found = await self._search(uow, index, actor.member_id, post.text, POST_MATCHES, who_needs, now)
        if not found:
            return reply
        lead = "People who need what you offer:" if who_needs else "People who may help with this:"
        return dataclasses.replace(
            reply,
            text=f"{reply.text}\n\n{lead}",
            items=reply.items + tuple(_item(f, who_needs) for f in found),
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
        await self.indexes.refresh(uow, index, now)
        excluded = {me} | await uow.blocks.related(me)
        terms_index = index.needs if who_needs else index.offers
        best: dict[str, SearchHit] = {}
        for hit in terms_index.search(query, limit * FETCH_FACTOR, exclude_owners=excluded):
            best.setdefault(hit.owner_id, hit)  # hits come best first
        members = await uow.directory.members_by_id(list(best))
        post_ids = [pid for hit in best.values() if (pid := parse_doc(hit.doc_id)[0]) is not None]
        posts = await uow.directory.posts_by_id(post_ids)
        profiles = await uow.profiles.get_many([h.owner_id for h in best.values() if h.doc_id[0] == "m"])
        found: list[Found] = []
        for owner, hit in best.items():
            member = members.get(owner)
            if member is None:
                index.remove_member(owner)  # they left and took their data with them
                index.remove_doc(hit.doc_id)
                continue
            result = _resolve(index, terms_index, hit, member, posts, profiles, now)
            if result is not None and member.findable:
                found.append(result)
            if len(found) == limit:
                break
        return found


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
        if post is None or post.status is not PostStatus.OPEN or post.expires_at <= now:
            index.remove_doc(hit.doc_id)  # closed or expired since it was indexed
            return None
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
        return f"{where.capitalize()}: “{_shorten(found.post.text)}” (matches {matched})"
    label = FIELD_LABEL.get(found.field_name or "", "their intro")
    return f"From {label}: “{_shorten(found.field_text)}” (matches {matched})"


def _plain_terms(matched: tuple[str, ...], document: str) -> list[str]:
    """Matched terms a reader recognises: those written in the document, each once."""
    unique = list(dict.fromkeys(matched))
    written = [t for t in unique if t.casefold() in document.casefold()]
    return written or unique


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


def _shorten(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= QUOTE_CHARS else flat[: QUOTE_CHARS - 1].rstrip() + "…"

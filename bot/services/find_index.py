"""The /find index of each community: built once from storage, then kept up to date incrementally.

Two term indexes per community: what members offer (offer posts and the offer side of their
intros) and what they need (need posts and "what others can do for me"). Documents are named
``p<post id>`` for posts and ``m:<field>:<member id>`` for intro fields. New posts and edited
intros are picked up by cheap watermark queries on each use (largest post id, latest profile
change), so changes made by any process are seen; closed or expired posts and deleted members
are dropped lazily when a search meets them (see ``FindService``).
"""

from __future__ import annotations

import asyncio
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.domain.models import CommunityRef, Post, PostKind, Profile
from bot.matching.search import TermIndex
from bot.matching.text import NEED_CUES
from bot.storage.protocols import Storage, UnitOfWork

# The intro fields that say what a member offers, and the one that says what they need.
OFFER_FIELDS = ("headline", "strengths", "unique_edge", "skills")
NEED_FIELDS = ("looking_for",)
# How often a search looks for changes made elsewhere (the profile check scans the community's intros).
REFRESH_EVERY = timedelta(seconds=2)
# A full rebuild now and then drops long-expired posts and catches anything the watermarks cannot see.
REBUILD_EVERY = timedelta(hours=6)
# Expired posts stay indexed (skipped by searches) this long, in case their author keeps them open.
KEEP_EXPIRED = timedelta(days=30)
# Indexes kept in memory at once; the least recently searched community is dropped first.
MAX_COMMUNITIES = 64


def post_doc(post_id: int) -> str:
    return f"p{post_id}"


def profile_doc(field_name: str, member_id: str) -> str:
    return f"m:{field_name}:{member_id}"


def parse_doc(doc_id: str) -> tuple[int | None, str | None]:
    """A document id as (post id, None) or (None, intro field name)."""
    if doc_id.startswith("p"):
        return int(doc_id[1:]), None
    return None, doc_id.split(":", 2)[1]


def profile_field_text(profile: Profile, field_name: str) -> str:
    if field_name == "skills":
        return ", ".join(profile.skills)
    value = getattr(profile, field_name, "")
    return value if isinstance(value, str) else ""


# The clause boundaries of bot.matching.text.offer_clauses, read the other way round here.
_CLAUSE = re.compile(r"[.;,!?\n]+|\bbut\b", re.IGNORECASE)


def as_need_text(text: str) -> str:
    """A need indexed for "who needs X": its asking clauses, without the asking words.

    "Need a copywriter; I write contracts" needs a copywriter, not contracts. A text that never
    says it asks (a /need post, "what others can do for me") is a need as a whole.
    """
    clauses = [c for c in _CLAUSE.split(text) if NEED_CUES.search(c)]
    return NEED_CUES.sub(" ", ". ".join(clauses) if clauses else text)


@dataclass
class CommunityIndex:
    offers: TermIndex = field(default_factory=TermIndex)
    needs: TermIndex = field(default_factory=TermIndex)
    last_post_id: int = 0
    last_profile_change: datetime | None = None
    checked_at: datetime | None = None
    built_at: datetime | None = None

    def add_post(self, post: Post) -> None:
        doc = post_doc(post.post_id)
        if post.kind is PostKind.OFFER:
            self.offers.add(doc, post.author_id, post.text)
        else:
            self.needs.add(doc, post.author_id, as_need_text(post.text))

    def remove_doc(self, doc_id: str) -> None:
        self.offers.remove(doc_id)
        self.needs.remove(doc_id)

    def add_profile(self, profile: Profile) -> None:
        for name in OFFER_FIELDS:
            self.offers.add(
                profile_doc(name, profile.member_id), profile.member_id, profile_field_text(profile, name)
            )
        for name in NEED_FIELDS:
            self.needs.add(
                profile_doc(name, profile.member_id),
                profile.member_id,
                as_need_text(profile_field_text(profile, name)),
            )

    def remove_member(self, member_id: str) -> None:
        for name in OFFER_FIELDS + NEED_FIELDS:
            self.remove_doc(profile_doc(name, member_id))


def _build(
    posts: list[Post], profiles: list[Profile], last_post_id: int, last_change: datetime | None, now: datetime
) -> CommunityIndex:
    index = CommunityIndex(last_post_id=last_post_id, last_profile_change=last_change, built_at=now)
    for post in posts:
        index.add_post(post)
    for profile in profiles:
        index.add_profile(profile)
    return index


class FindIndexes:
    """Every community's index, built on first use; one build at a time per community."""

    def __init__(self, storage: Storage) -> None:
        self._storage = storage
        self._indexes: OrderedDict[CommunityRef, CommunityIndex] = OrderedDict()
        self._locks: dict[CommunityRef, asyncio.Lock] = {}

    def cached(self, community: CommunityRef) -> CommunityIndex | None:
        return self._indexes.get(community)

    async def ensure_built(self, community: CommunityRef, now: datetime) -> CommunityIndex:
        index = self._fresh(community, now)
        if index is not None:
            return index
        async with self._locks.setdefault(community, asyncio.Lock()):
            index = self._fresh(community, now)
            if index is None:
                async with self._storage.transaction(community) as uow:
                    last_post_id = await uow.directory.last_post_id()
                    last_change = await uow.directory.last_profile_change()
                    posts = await uow.directory.live_posts(now - KEEP_EXPIRED)
                    profiles = await uow.directory.profiles_since(None)
                # Term extraction is CPU work: keep the event loop answering other commands.
                index = await asyncio.to_thread(_build, posts, profiles, last_post_id, last_change, now)
                self._indexes[community] = index
                while len(self._indexes) > MAX_COMMUNITIES:
                    self._indexes.popitem(last=False)
        return index

    def _fresh(self, community: CommunityRef, now: datetime) -> CommunityIndex | None:
        index = self._indexes.get(community)
        if index is None or index.built_at is None or now - index.built_at >= REBUILD_EVERY:
            return None
        self._indexes.move_to_end(community)
        return index

    async def refresh(self, uow: UnitOfWork, index: CommunityIndex, now: datetime) -> None:
        """Add the posts and intros changed since the index last looked (two cheap queries)."""
        if index.checked_at is not None and now - index.checked_at < REFRESH_EVERY:
            return
        index.checked_at = now
        last_post_id = await uow.directory.last_post_id()
        if last_post_id > index.last_post_id:
            for post in await uow.directory.live_posts(now, index.last_post_id):
                index.add_post(post)
            index.last_post_id = last_post_id
        last_change = await uow.directory.last_profile_change()
        if last_change is not None and (
            index.last_profile_change is None or last_change > index.last_profile_change
        ):
            for profile in await uow.directory.profiles_since(index.last_profile_change):
                index.add_profile(profile)
            index.last_profile_change = last_change

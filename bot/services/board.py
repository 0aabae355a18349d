"""Use cases of the offers/needs board: post, close, keep open, browse and search."""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from datetime import timedelta

from bot.domain.clock import Clock
from bot.domain.errors import NotAllowed, NotFound, UserError
from bot.domain.models import Actor, CommunityRef, Member, Post, PostKind, PostStatus, Visibility
from bot.domain.text import POST_MAX_CHARS, STOPWORDS, clean_text, post_tags, search_words
from bot.services.members import ensure_member
from bot.services.reply import Button, ButtonStyle, Field, Item, Page, Reply
from bot.services.reply_codec import reply_to_dict
from bot.storage.protocols import Storage, UnitOfWork

BOARD_PAGE_SIZE = 5
BOARD_ACTION = "board.page"
BOARD_COUNT_CAP = 1000
MAX_SEARCH_WORDS = 8
MINE_TITLE = "My open posts"
MINE_LIMIT = 10
MINE_EMPTY = "None yet: /offer what you can help with, /need what you need."
TAG_SOURCE_POSTS = 50  # newest matching posts whose tags autocomplete offers

KIND_LABEL = {PostKind.OFFER: "Offer", PostKind.NEED: "Need"}
KIND_VERB = {PostKind.OFFER: "I can help with", PostKind.NEED: "I need"}

# Runs after a post is stored and may add to the author's reply (/find shows the best matches).
PostHook = Callable[[Actor, Post, Reply], Awaitable[Reply]]


class BoardService:
    def __init__(self, storage: Storage, clock: Clock) -> None:
        self._storage = storage
        self._clock = clock
        self.after_post: PostHook | None = None

    async def post(
        self, actor: Actor, kind: PostKind, text: str, visibility: Visibility | None = None
    ) -> Reply:
        what = "your offer" if kind is PostKind.OFFER else "your need"
        text = clean_text(text, what=what, max_chars=POST_MAX_CHARS)
        visibility = visibility or Visibility.EVERYONE
        now = self._clock.now()
        async with self._storage.transaction(actor.community) as uow:
            await ensure_member(uow, actor, now)
            settings = await uow.communities.settings()
            tags = post_tags(text)
            draft = Post(
                post_id=0,
                author_id=actor.member_id,
                kind=kind,
                text=text,
                tags=tags,
                visibility=visibility,
                status=PostStatus.OPEN,
                created_at=now,
                expires_at=now + timedelta(days=settings.post_expiry_days),
            )
            post = await uow.posts.add(draft, index_terms(text, tags))
        where = (
            "on the board"
            if visibility is Visibility.EVERYONE
            else "for matching only (it is not listed on the board)"
        )
        reply = Reply.success(
            f"Posted {KIND_LABEL[kind].lower()} #{post.post_id} {where}: {text}",
            fields=(
                Field("Tags", ", ".join(tags) or "none", inline=True),
                Field("Open until", post.expires_at.date().isoformat(), inline=True),
            ),
            buttons=(Button("Mark fulfilled", f"{kind.value}.close", str(post.post_id)),),
        )
        return await self.after_post(actor, post, reply) if self.after_post else reply

    async def close(self, actor: Actor, kind: PostKind, post_id: int) -> Reply:
        now = self._clock.now()
        async with self._storage.transaction(actor.community) as uow:
            await ensure_member(uow, actor, now)
            post = await self._own_post(uow, actor, kind, post_id)
            if post.status is not PostStatus.OPEN:
                return Reply(text=f"{KIND_LABEL[kind]} #{post_id} is already {post.status.value}.")
            await uow.posts.set_status(post_id, PostStatus.CLOSED, now)
        return Reply.success(f"Marked {kind.value} #{post_id} as fulfilled. Congratulations!")

    async def keep_open(self, actor: Actor, post_id: int) -> Reply:
        """The author's answer to the expiry reminder: keep the post for another period."""
        now = self._clock.now()
        async with self._storage.transaction(actor.community) as uow:
            await ensure_member(uow, actor, now)
            post = await self._own_post(uow, actor, None, post_id)
            if post.status is PostStatus.CLOSED:
                raise UserError(f"#{post_id} is closed; post it again if you still need it.")
            days = (await uow.communities.settings()).post_expiry_days
            # One period from now, never stacked: clicking the reminder twice keeps it no longer.
            until = max(post.expires_at, now + timedelta(days=days))
            await uow.posts.extend(post_id, until)
            if post.status is PostStatus.EXPIRED:
                await uow.posts.set_status(post_id, PostStatus.OPEN, now)
        return Reply.success(
            f"{KIND_LABEL[post.kind]} #{post_id} stays open until {until.date().isoformat()}."
        )

    async def remind_expiring(self, community: CommunityRef) -> int:
        """Ask authors of posts about to expire whether to keep them; expire overdue ones.

        Each reminder goes through the outbox keyed by post and expiry date, so running this
        job twice (or after a crash) never asks twice.
        """
        now = self._clock.now()
        async with self._storage.transaction(community) as uow:
            settings = await uow.communities.settings()
            await uow.posts.expire_overdue(now)
            due = await uow.posts.due_for_reminder(now + timedelta(days=settings.expiry_reminder_days), now)
            for post in due:
                key = f"post-expiry:{post.post_id}:{post.expires_at.date().isoformat()}"
                await uow.outbox.enqueue(key, [post.author_id], reply_to_dict(expiry_reminder(post)), now)
                await uow.posts.mark_reminded(post.post_id, now)
        return len(due)

    async def _own_post(self, uow: UnitOfWork, actor: Actor, kind: PostKind | None, post_id: int) -> Post:
        post = await uow.posts.get(post_id)
        label = KIND_LABEL[kind].lower() if kind else "post"
        if post is None or (kind is not None and post.kind is not kind):
            raise NotFound(f"There is no {label} #{post_id}; /board lists posts with their numbers.")
        if post.author_id != actor.member_id:
            raise NotAllowed(
                f"{KIND_LABEL[post.kind]} #{post_id} is not yours; only its author can close it."
            )
        return post

    async def board(
        self, actor: Actor, kind: PostKind | None = None, query: str = "", page: int = 1
    ) -> Reply:
        words = board_search_words(query)
        page = max(1, page)
        now = self._clock.now()
        async with self._storage.transaction(actor.community) as uow:
            await ensure_member(uow, actor, now)
            found, total = await uow.posts.search(
                kind=kind,
                word_prefixes=words,
                visibility=Visibility.EVERYONE,
                now=now,
                limit=BOARD_PAGE_SIZE,
                offset=(page - 1) * BOARD_PAGE_SIZE,
                count_cap=BOARD_COUNT_CAP,
            )
            authors = await uow.members.get_many([p.author_id for p in found])
        title = _board_title(kind, query)
        if total == 0:
            hint = "Try fewer or shorter words." if words else "Be the first: /offer or /need."
            return Reply(title=title, text=f"Nothing on the board matches. {hint}")
        pages = math.ceil(min(total, BOARD_COUNT_CAP) / BOARD_PAGE_SIZE)
        count = f"{BOARD_COUNT_CAP:,}+ posts" if total > BOARD_COUNT_CAP else _plural(total, "post")
        return Reply(
            title=title,
            text=f"{count}, newest first.",
            items=tuple(board_item(p, authors.get(p.author_id)) for p in found),
            page=Page(min(page, pages), pages, BOARD_ACTION, _page_query(kind, query)),
        )


    async def mine(self, actor: Actor) -> Reply:
        """The member's own open posts, each with a button to mark it fulfilled (a home view)."""
        async with self._storage.transaction(actor.community) as uow:
            own = [p for p in await uow.posts.by_author(actor.member_id) if p.status is PostStatus.OPEN]
        if not own:
            return Reply(title=MINE_TITLE, text=MINE_EMPTY)
        return Reply(
            title=MINE_TITLE,
            items=tuple(
                Item(
                    title=f"#{post.post_id} {KIND_LABEL[post.kind]}",
                    body=post.text,
                    buttons=(Button("Mark fulfilled", f"{post.kind.value}.close", str(post.post_id)),),
                    footer=f"open until {post.expires_at.date().isoformat()}",
                )
                for post in own[:MINE_LIMIT]
            ),
        )

    async def tags_starting(self, community: CommunityRef, typed: str) -> list[str]:
        """Tags of open public posts whose words start like the last word typed (autocomplete);
        empty for input a search would refuse."""
        try:
            words = board_search_words(typed)
        except UserError:
            return []
        async with self._storage.transaction(community) as uow:
            posts, _ = await uow.posts.search(
                kind=None,
                word_prefixes=words[-1:],
                visibility=Visibility.EVERYONE,
                now=self._clock.now(),
                limit=TAG_SOURCE_POSTS,
                offset=0,
            )
        return [tag for post in posts for tag in post.tags]


def expiry_reminder(post: Post) -> Reply:
    return Reply(
        title=f"Did this get solved? {KIND_LABEL[post.kind]} #{post.post_id}",
        text=(
            f"Your {post.kind.value} “{post.text}” leaves the board on "
            f"{post.expires_at.date().isoformat()}. Keep it open?"
        ),
        buttons=(
            Button("Keep it open", "post.keep", str(post.post_id), ButtonStyle.PRIMARY),
            Button("Solved, close it", f"{post.kind.value}.close", str(post.post_id)),
        ),
    )


def board_item(post: Post, author: Member | None) -> Item:
    name = author.display_name if author else "a former member"
    return Item(
        title=f"#{post.post_id} {KIND_LABEL[post.kind]} · {name}",
        body=post.text,
        footer=" · ".join(
            filter(None, [", ".join(post.tags), f"posted {post.created_at.date().isoformat()}"])
        ),
    )


def index_terms(text: str, tags: tuple[str, ...]) -> list[str]:
    """The words a post is found by: those of its text and of its tags."""
    return search_words(text) + [w for tag in tags for w in search_words(tag)]


def board_search_words(query: str) -> tuple[str, ...]:
    query = clean_text(query, what="your search", max_chars=POST_MAX_CHARS, required=False)
    words = [w for w in dict.fromkeys(search_words(query)) if w not in STOPWORDS]
    if len(words) > MAX_SEARCH_WORDS:
        raise UserError(f"Please search with at most {MAX_SEARCH_WORDS} words.")
    return tuple(words)


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _board_title(kind: PostKind | None, query: str) -> str:
    what = {None: "Board", PostKind.OFFER: "Offers", PostKind.NEED: "Needs"}[kind]
    return f"{what} matching “{query.strip()}”" if query.strip() else what


def _page_query(kind: PostKind | None, query: str) -> str:
    return " ".join(filter(None, [f"{kind.value}s" if kind else "", query.strip()]))

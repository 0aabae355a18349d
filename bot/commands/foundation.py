"""Commands of intros, the board and my-data: text grammar to service calls."""

from __future__ import annotations

from bot.commands.arguments import (
    no_more_arguments,
    parse_page,
    parse_post_id,
    take_flag,
    usage_error,
)
from bot.commands.registry import ActionHandler, ActionSpec, CommandSpec, FormSpec
from bot.domain.models import Actor, PostKind, Visibility
from bot.services.board import BOARD_ACTION, BoardService
from bot.services.privacy import DELETE_CONFIRM_ACTION, PrivacyService
from bot.services.profiles import OPEN_INTRO_ACTION, SAVE_INTRO_ACTION, ProfileService
from bot.services.reply import Reply

OFFER_USAGE = "/offer <what you can help with> · /offer close <number>"
NEED_USAGE = "/need [--private] <what you need> · /need close <number>"
BOARD_USAGE = "/board [offers|needs] [search words]"
MY_DATA_USAGE = "/my-data export · /my-data delete"


class FoundationCommands:
    def __init__(self, profiles: ProfileService, board: BoardService, privacy: PrivacyService) -> None:
        self._profiles = profiles
        self._board = board
        self._privacy = privacy

    def commands(self) -> list[CommandSpec]:
        return [
            CommandSpec(
                "intro",
                "/intro",
                "Write or edit your partnership intro (a short form).",
                self.intro,
            ),
            CommandSpec(
                "profile",
                "/profile [member]",
                "Show your intro, or another member's.",
                self.profile,
            ),
            CommandSpec("offer", OFFER_USAGE, "Post what you can help with; close it when done.", self.offer),
            CommandSpec(
                "need",
                NEED_USAGE,
                "Post what you need (--private: used for matching, not listed).",
                self.need,
            ),
            CommandSpec(
                "board",
                BOARD_USAGE,
                "Browse and search offers and needs, newest first.",
                self.board,
            ),
            CommandSpec("my-data", MY_DATA_USAGE, "Export all your data, or delete it all.", self.my_data),
        ]

    def actions(self) -> list[ActionSpec]:
        return [
            ActionSpec(OPEN_INTRO_ACTION, lambda actor, _value: self._profiles.intro_form(actor)),
            ActionSpec(BOARD_ACTION, self.board_page),
            ActionSpec("offer.close", self._close_action(PostKind.OFFER)),
            ActionSpec("need.close", self._close_action(PostKind.NEED)),
            ActionSpec("post.keep", self.keep_open),
            ActionSpec(DELETE_CONFIRM_ACTION, lambda actor, _value: self._privacy.delete(actor)),
        ]

    def forms(self) -> list[FormSpec]:
        return [FormSpec(SAVE_INTRO_ACTION, self._profiles.save_intro, opener=OPEN_INTRO_ACTION)]

    async def intro(self, actor: Actor, args: str) -> Reply:
        no_more_arguments(args, "/intro")
        return await self._profiles.intro_form(actor)

    async def profile(self, actor: Actor, args: str) -> Reply:
        return await self._profiles.show(actor, args or None)

    async def offer(self, actor: Actor, args: str) -> Reply:
        return await self._post(actor, PostKind.OFFER, args, OFFER_USAGE)

    async def need(self, actor: Actor, args: str) -> Reply:
        return await self._post(actor, PostKind.NEED, args, NEED_USAGE)

    async def _post(self, actor: Actor, kind: PostKind, args: str, usage: str) -> Reply:
        first, _, rest = args.partition(" ")
        if first.lower() == "close":
            return await self._board.close(actor, kind, parse_post_id(rest, usage))
        private, text = take_flag(args, "--private", "--matches-only")
        if not text.strip():
            raise usage_error(usage, f"Please say what you {'offer' if kind is PostKind.OFFER else 'need'}.")
        visibility = Visibility.MATCHES_ONLY if private else Visibility.EVERYONE
        return await self._board.post(actor, kind, text, visibility)

    async def board(self, actor: Actor, args: str) -> Reply:
        kind, query = _board_filter(args)
        return await self._board.board(actor, kind, query)

    async def board_page(self, actor: Actor, value: str) -> Reply:
        page, args = parse_page(value)
        kind, query = _board_filter(args)
        return await self._board.board(actor, kind, query, page)

    def _close_action(self, kind: PostKind) -> ActionHandler:
        async def close(actor: Actor, value: str) -> Reply:
            return await self._board.close(actor, kind, parse_post_id(value, "/board"))

        return close

    async def keep_open(self, actor: Actor, value: str) -> Reply:
        return await self._board.keep_open(actor, parse_post_id(value, "/board"))

    async def my_data(self, actor: Actor, args: str) -> Reply:
        sub, _, rest = args.partition(" ")
        match sub.lower(), rest.strip().lower():
            case "export", "":
                return await self._privacy.export(actor)
            case "delete", "":
                return self._privacy.ask_delete(actor)
            case "delete", "confirm":
                return await self._privacy.delete(actor)
            case _:
                raise usage_error(MY_DATA_USAGE, "Please say export or delete.")


_BOARD_KINDS = {
    "offers": PostKind.OFFER,
    "offer": PostKind.OFFER,
    "needs": PostKind.NEED,
    "need": PostKind.NEED,
}


def _board_filter(args: str) -> tuple[PostKind | None, str]:
    """``[offers|needs] [search words]`` as a kind (None for both) and the search words."""
    first, _, rest = args.partition(" ")
    kind = _BOARD_KINDS.get(first.lower())
    return kind, rest if kind else args

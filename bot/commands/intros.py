"""Commands of /find, double opt-in intros, blocks and the weekly digest: text grammar to services."""

from __future__ import annotations

from bot.commands.arguments import take_flag, usage_error
from bot.commands.registry import ActionHandler, ActionSpec, CommandSpec
from bot.domain.errors import UserError
from bot.domain.models import Actor
from bot.domain.text import whole_number
from bot.services.blocks import BlockService
from bot.services.digest import DIGEST_USAGE, DigestService
from bot.services.find import ASK_INTRO_ACTION, FindService
from bot.services.intro_messages import ACCEPT_ACTION, DECLINE_ACTION
from bot.services.intros import ASK_USAGE, CONNECT_USAGE, IntroService
from bot.services.reply import Reply

FIND_USAGE = "/find <what you need> · /find --who-needs <what you offer> · /find off|on"
INTRO_SETTINGS_USAGE = "/intro-settings [days <N>] [max-open <N>]"


class IntroCommands:
    def __init__(
        self, find: FindService, intros: IntroService, blocks: BlockService, digest: DigestService
    ) -> None:
        self._find = find
        self._intros = intros
        self._blocks = blocks
        self._digest = digest

    def commands(self) -> list[CommandSpec]:
        return [
            CommandSpec(
                "find", FIND_USAGE, "Members whose offers meet your need, best first, with why.", self.find
            ),
            CommandSpec(
                "introduce-me", ASK_USAGE, "Ask a member for an intro (they choose).", self._intros.ask
            ),
            CommandSpec(
                "introduce",
                CONNECT_USAGE,
                "Introduce two members you know (both must accept).",
                self._intros.introduce,
            ),
            CommandSpec(
                "block",
                "/block [member]",
                "Never be found by, matched or introduced to them.",
                self._blocks.block,
            ),
            CommandSpec("unblock", "/unblock <member>", "Undo a block.", self._blocks.unblock),
            CommandSpec(
                "digest",
                DIGEST_USAGE,
                "Schedule the weekly gives-and-asks digest.",
                self.digest,
                managers_only=True,
            ),
            CommandSpec(
                "intro-settings",
                INTRO_SETTINGS_USAGE,
                "Days to answer an intro; open requests per member.",
                self.intro_settings,
                managers_only=True,
            ),
        ]

    def actions(self) -> list[ActionSpec]:
        return [
            ActionSpec(ASK_INTRO_ACTION, self._intros.ask_member),
            ActionSpec(ACCEPT_ACTION, self._answer(yes=True)),
            ActionSpec(DECLINE_ACTION, self._answer(yes=False)),
        ]

    async def find(self, actor: Actor, args: str) -> Reply:
        if args.strip().lower() in {"off", "on"}:
            return await self._find.set_findable(actor, args.strip().lower() == "on")
        who_needs, query = take_flag(args, "--who-needs", "--needs")
        if not query.strip():
            raise usage_error(FIND_USAGE, "Please say what you are looking for.")
        return await self._find.find(actor, query, who_needs=who_needs)

    def _answer(self, *, yes: bool) -> ActionHandler:
        async def answer(actor: Actor, value: str) -> Reply:
            request_id = whole_number(value)
            if request_id is None:
                raise UserError("That intro request is out of date.")
            return await self._intros.answer(actor, request_id, yes)

        return answer

    async def digest(self, actor: Actor, args: str) -> Reply:
        if args.strip().lower() == "preview":
            return await self._digest.preview(actor)
        return await self._digest.configure(actor, args)

    async def intro_settings(self, actor: Actor, args: str) -> Reply:
        parts = args.lower().split()
        if len(parts) % 2:
            raise usage_error(INTRO_SETTINGS_USAGE, "Please give each setting a number.")
        changes: dict[str, int] = {}
        for name, value in zip(parts[::2], parts[1::2], strict=True):
            key = {"days": "intro_expiry_days", "max-open": "intro_max_open"}.get(name)
            number = whole_number(value, maximum=90)
            if key is None or number is None or number < 1:
                raise usage_error(
                    INTRO_SETTINGS_USAGE, f"“{name} {value}” is not a setting I know (1 to 90)."
                )
            changes[key] = number
        return await self._intros.configure(actor, changes)

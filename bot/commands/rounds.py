"""/rounds: members join, leave, pause and ask their status; managers schedule, preview, swap, run."""

from __future__ import annotations

import shlex

from bot.commands.arguments import no_more_arguments, usage_error
from bot.commands.registry import ActionSpec, CommandSpec
from bot.domain.errors import NotAllowed, UserError
from bot.domain.models import Actor
from bot.domain.round_records import Answer
from bot.domain.rounds import parse_schedule
from bot.services.reply import Item, Reply
from bot.services.rounds import RoundMemberService
from bot.services.rounds_manage import RUN_NOW_ACTION, RoundManagerService
from bot.services.rounds_messages import (
    MET_ACTION,
    NO_ACTION,
    NO_REASON_ACTION,
    NOT_YET_ACTION,
    SKIP_NEXT_ACTION,
)

ROUNDS_USAGE = "/rounds join|leave|pause <duration>|status|help"
SCHEDULE_USAGE = "/rounds schedule <weekly|biweekly|monthly> <weekday> <HH:MM> <timezone> [group size]"
MANAGER_SUBCOMMANDS = {"schedule", "cancel", "preview", "swap", "run-now", "settings"}


class RoundCommands:
    def __init__(self, members: RoundMemberService, managers: RoundManagerService) -> None:
        self._members = members
        self._managers = managers

    def commands(self) -> list[CommandSpec]:
        return [
            CommandSpec(
                "rounds",
                ROUNDS_USAGE,
                "Match rounds: join, pause or leave them; /rounds help lists every subcommand.",
                self.rounds,
            )
        ]

    def actions(self) -> list[ActionSpec]:
        return [
            ActionSpec(MET_ACTION, lambda actor, value: self._members.answer(actor, value, Answer.MET)),
            ActionSpec(
                NOT_YET_ACTION, lambda actor, value: self._members.answer(actor, value, Answer.NOT_YET)
            ),
            ActionSpec(NO_ACTION, lambda actor, value: self._members.answer(actor, value, Answer.NO)),
            ActionSpec(NO_REASON_ACTION, self._members.answer_why_not),
            ActionSpec(SKIP_NEXT_ACTION, self._members.skip_next),
            ActionSpec(RUN_NOW_ACTION, self.run_now_button, one_shot=True),
        ]

    async def rounds(self, actor: Actor, args: str) -> Reply:
        sub, _, rest = args.strip().partition(" ")
        sub, rest = sub.lower(), rest.strip()
        if sub in MANAGER_SUBCOMMANDS:
            _require_manager(actor, sub)
            return await self._manage(actor, sub, rest)
        match sub:
            case "join":
                no_more_arguments(rest, "/rounds join")
                return await self._members.join(actor)
            case "leave":
                no_more_arguments(rest, "/rounds leave")
                return await self._members.leave(actor)
            case "pause":
                return await self._members.pause(actor, rest)
            case "status" | "":
                no_more_arguments(rest, "/rounds status")
                return await self._members.status(actor)
            case "help":
                return _help(actor)
            case _:
                raise usage_error(ROUNDS_USAGE, f"“{sub}” is not a /rounds subcommand.")

    async def _manage(self, actor: Actor, sub: str, rest: str) -> Reply:
        match sub:
            case "schedule":
                return await self._managers.schedule(actor, parse_schedule(rest.split(), SCHEDULE_USAGE))
            case "cancel":
                no_more_arguments(rest, "/rounds cancel")
                return await self._managers.cancel(actor)
            case "preview":
                no_more_arguments(rest, "/rounds preview")
                return await self._managers.preview(actor)
            case "swap":
                names = _words(rest)
                if len(names) != 2:
                    raise usage_error(
                        "/rounds swap <member> <member>", "Please name the two members to swap."
                    )
                return await self._managers.swap(actor, names[0], names[1])
            case "run-now":
                no_more_arguments(rest, "/rounds run-now")
                return await self._managers.run_now(actor)
            case _:
                key, _, value = rest.partition(" ")
                if key and not value.strip():
                    raise usage_error("/rounds settings [key value]", f"Please give a value for {key}.")
                return await self._managers.settings(actor, key, value)

    async def run_now_button(self, actor: Actor, value: str) -> Reply:
        """The preview's "Send it now": its value names the previewed round, sent only once."""
        _require_manager(actor, "run-now")
        return await self._managers.run_now(actor, value)


MEMBER_HELP = (
    ("/rounds join", "Take part in the match rounds (you need an intro first)."),
    ("/rounds leave", "Stop taking part."),
    ("/rounds pause <2w|10d|until YYYY-MM-DD>", "Sit out for a while; you are back automatically."),
    ("/rounds status", "When the next round is, in your timezone, and whether you are in it."),
)
MANAGER_HELP = (
    (SCHEDULE_USAGE, "Schedule the rounds; the local time is kept across daylight-saving changes."),
    ("/rounds cancel", "Stop the scheduled rounds."),
    ("/rounds preview", "See the groups the next round would make now, with quality figures."),
    ("/rounds swap <member> <member>", "Swap two members in the preview before it goes out."),
    ("/rounds run-now", "Run a round now (the preview, if there is one)."),
    ("/rounds settings [key value]", "lookback, checkin, odd (trio|wait), only-real-matches, reminders."),
)


def _help(actor: Actor) -> Reply:
    lines = MEMBER_HELP + (MANAGER_HELP if actor.is_manager else ())
    return Reply(title="Match rounds", items=tuple(Item(usage, body=what) for usage, what in lines))


def _require_manager(actor: Actor, sub: str) -> None:
    if not actor.is_manager:
        raise NotAllowed(f"Only community managers can use /rounds {sub}.")


def _words(text: str) -> list[str]:
    """Arguments split on spaces, with quotes for names that have spaces ("Ana Lima")."""
    try:
        return shlex.split(text)
    except ValueError:
        raise UserError('A quote is not closed; write names like "Ana Lima".') from None

"""Command and button specifications, and the router that dispatches them to services."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

from bot.domain.errors import NotAllowed, UserError
from bot.domain.models import Actor
from bot.domain.text import has_lone_surrogates
from bot.services.reply import Reply

log = logging.getLogger(__name__)

UNREADABLE = "That contains characters I cannot read; please type it again."
"""Lone surrogates would crash the first database lookup, wherever the text goes: refused at the door."""

CommandHandler = Callable[[Actor, str], Awaitable[Reply]]
ActionHandler = Callable[[Actor, str], Awaitable[Reply]]
FormHandler = Callable[[Actor, dict[str, str]], Awaitable[Reply]]


@dataclass(frozen=True, slots=True)
class CommandSpec:
    """One verb: ``usage`` and ``summary`` feed /help and error messages."""

    verb: str
    usage: str
    summary: str
    handler: CommandHandler
    managers_only: bool = False


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """A button's action name and what a click does with the button's value.

    ``one_shot`` buttons act once: adapters take them off the clicked message at the first click,
    so a second click finds nothing to press (the preview's "Send it now").
    """

    action: str
    handler: ActionHandler
    one_shot: bool = False


@dataclass(frozen=True, slots=True)
class FormSpec:
    """A form the core accepts. ``opener`` is the action that opens it afresh, filled with what
    was saved: adapters whose forms come in parts (Discord modals hold five fields) merge each
    part into it, and offer it as a button when it is too late to show a form."""

    submit_action: str
    handler: FormHandler
    opener: str | None = None


class CommandRouter:
    """Routes typed commands, button clicks and form submissions; user errors become replies."""

    def __init__(
        self,
        commands: Iterable[CommandSpec],
        actions: Iterable[ActionSpec] = (),
        forms: Iterable[FormSpec] = (),
    ) -> None:
        self.commands: dict[str, CommandSpec] = {}
        for spec in commands:
            if spec.verb in self.commands:
                raise ValueError(f"command /{spec.verb} registered twice")
            self.commands[spec.verb] = spec
        self.actions = {spec.action: spec for spec in actions}
        self.forms = {spec.submit_action: spec for spec in forms}

    async def run(self, actor: Actor, line: str) -> Reply:
        """Run one command line such as ``/offer Python, data pipelines``."""
        if has_lone_surrogates(line):
            return Reply.error(UNREADABLE)
        verb, _, args = line.strip().removeprefix("/").partition(" ")
        spec = self.commands.get(verb.lower())
        if spec is None:
            return Reply.error(f"I don't know the command “/{verb}”. Type /help to see what I can do.")
        if spec.managers_only and not actor.is_manager:
            return Reply.error(f"Only community managers can use /{spec.verb}.")
        return await self._guarded(spec.handler(actor, args.strip()), actor, f"/{spec.verb}")

    async def click(self, actor: Actor, action: str, value: str = "") -> Reply:
        if has_lone_surrogates(action + value):
            return Reply.error(UNREADABLE)
        spec = self.actions.get(action)
        if spec is None:
            return Reply.error("That button no longer works; please run the command again.")
        return await self._guarded(spec.handler(actor, value), actor, f"click:{action}")

    def form_opener(self, submit_action: str) -> str | None:
        spec = self.forms.get(submit_action)
        return spec.opener if spec is not None else None

    def is_one_shot(self, action: str) -> bool:
        spec = self.actions.get(action)
        return spec is not None and spec.one_shot

    async def submit(self, actor: Actor, submit_action: str, values: dict[str, str]) -> Reply:
        if has_lone_surrogates(submit_action + "".join(values.values())):
            return Reply.error(UNREADABLE)
        spec = self.forms.get(submit_action)
        if spec is None:
            return Reply.error("That form is out of date; please open it again.")
        return await self._guarded(spec.handler(actor, values), actor, f"submit:{submit_action}")

    @staticmethod
    async def _guarded(call: Awaitable[Reply], actor: Actor, command: str) -> Reply:
        started = time.perf_counter()
        outcome = "ok"
        try:
            return await call
        except NotAllowed as refused:
            outcome = "refused"
            return Reply.error(refused.message)
        except UserError as error:
            outcome = "user_error"
            return Reply.error(error.message)
        except BaseException:
            outcome = "error"
            raise
        finally:
            # One structured event per command (LOG_FORMAT=json turns it into one JSON line).
            latency_ms = round((time.perf_counter() - started) * 1000, 1)
            log.info(
                "command",
                extra={
                    "community": str(actor.community),
                    "command": command,
                    "outcome": outcome,
                    "latency_ms": latency_ms,
                },
            )

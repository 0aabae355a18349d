"""The console session: reads commands (interactively or one per line from a pipe) and prints replies."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO

from sqlalchemy.engine import make_url

from adapters.console.clock import target_time
from adapters.console.messenger import InboxFileMessenger, read_inbox
from adapters.console.render import Choice, render
from adapters.console.translate import (
    Blank,
    Click,
    CoreCommand,
    Invalid,
    MoveClock,
    Quit,
    ShowInbox,
    SwitchMember,
    parse_line,
)
from bot.app import Core, open_core
from bot.config import Settings
from bot.delivery.outbox import OutboxWorker
from bot.delivery.routing import MessengerByPlatform
from bot.demo.seed import DEMO_COMMUNITY, member_id_for, seed_demo
from bot.domain.clock import Clock, ManualClock
from bot.domain.errors import UserError
from bot.domain.models import Actor, CommunityRef
from bot.services.reply import Form, Item, Reply
from bot.services.reply_codec import reply_from_dict

DEMO_DATABASE = "partnerbot-demo.db"
LOCAL_COMMUNITY = CommunityRef("console", "local")
INBOX_SHOWN = 5
CLOCK_STEP = timedelta(hours=1)


def add_console_arguments(parser: argparse.ArgumentParser, *, demo_default: bool) -> None:
    parser.add_argument("--as", dest="member", default="Guest", help="act as this member")
    parser.add_argument("--manager", action="store_true", help="act as a community manager")
    default_db = DEMO_DATABASE if demo_default else None
    parser.add_argument(
        "--db",
        default=default_db,
        help=f"SQLite file to use (default: {default_db or 'DATABASE_URL from .env'})",
    )
    parser.add_argument(
        "--clock", help="start a test clock at this ISO time (e.g. 2026-11-23T09:00:00+00:00)"
    )
    parser.set_defaults(community=DEMO_COMMUNITY if demo_default else LOCAL_COMMUNITY)
    parser.set_defaults(seed=demo_default)


async def run_console(args: argparse.Namespace, settings: Settings) -> int:
    if args.db:
        settings = settings.model_copy(update={"database_url": f"sqlite+aiosqlite:///{args.db}"})
    clock = _clock(args.clock)
    core = await open_core(settings, clock)
    try:
        if args.seed:
            added = await seed_demo(core)
            if added and sys.stdin.isatty():
                print(f"Seeded the demo community with {added} members.")
        session = ConsoleSession(
            core,
            args.community,
            interactive=sys.stdin.isatty(),
            inbox=inbox_path_for(settings.database_url),
        )
        await session.switch(args.member, args.manager)
        await session.loop(sys.stdin, sys.stdout)
    finally:
        await core.close()
    return 0


def _clock(start: str | None) -> Clock | None:
    if not start:
        return None
    moment = datetime.fromisoformat(start)
    if moment.tzinfo is None:
        raise SystemExit("--clock needs a timezone, e.g. 2026-11-23T09:00:00+00:00")
    return ManualClock(moment)


def inbox_path_for(database_url: str) -> Path:
    """The console's "platform": a JSON-lines inbox beside the SQLite file (or in this folder)."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).with_suffix(".inbox.jsonl")
    return Path("partnerbot-console.inbox.jsonl")


class ConsoleSession:
    """One person at the terminal, acting as a member of one community.

    Messages the core sends (pairings, intro requests, reminders) go through the real outbox to
    an inbox file after every command; ``/inbox`` shows the acting member's.
    """

    def __init__(self, core: Core, community: CommunityRef, *, interactive: bool, inbox: Path) -> None:
        self.core = core
        self.community = community
        self.interactive = interactive
        self.actor = Actor(community, "guest", "Guest")
        self.choices: list[Choice] = []
        self.inbox = inbox
        messenger = MessengerByPlatform({community.platform: InboxFileMessenger(inbox, core.clock)})
        self.worker = OutboxWorker(
            core.engine,
            messenger,
            core.clock,
            rate_per_second=0,
            worker_id="console",
            platforms=messenger.platforms,
        )
        self.seen_messages = 0

    async def switch(self, name: str, manager: bool) -> None:
        """Act as the member called ``name``; a new name joins the community as a new member."""
        async with self.core.storage.transaction(self.community) as uow:
            found = await uow.members.find_by_name(name)
        exact = [m for m in found if m.display_name.casefold() == name.strip().casefold()]
        member = exact[0] if exact else None
        member_id = member.member_id if member else member_id_for(name)
        display = member.display_name if member else name.strip()
        self.actor = Actor(self.community, member_id, display, is_manager=manager)
        self.seen_messages = len(self._my_messages())
        if self.interactive:
            role = " (manager)" if manager else ""
            print(f"You are {display}{role}. Type /help for the commands, /quit to leave.")

    async def loop(self, stdin: TextIO, stdout: TextIO) -> None:
        lines = _lines(stdin, self.interactive, self._prompt)
        for raw in lines:
            step = parse_line(raw)
            if isinstance(step, Quit):
                break
            reply = await self._handle(step, lines)
            if reply is not None:
                await self.worker.drain()
                self._show(self._with_new_mail(reply), stdout)

    async def _handle(self, step: object, lines: Iterator[str]) -> Reply | None:
        match step:
            case Blank():
                return None
            case Invalid(message):
                return Reply.error(message)
            case SwitchMember(name, manager):
                await self.switch(name, manager)
                return None if self.interactive else Reply(text=f"You are {self.actor.display_name}.")
            case Click(choice):
                return await self._click(choice, lines)
            case ShowInbox():
                return self._inbox()
            case MoveClock(to):
                return await self._move_clock(to)
            case CoreCommand(line):
                return await self._follow(await self.core.router.run(self.actor, line), lines)
        return None

    async def _click(self, choice: int, lines: Iterator[str]) -> Reply:
        if not 1 <= choice <= len(self.choices):
            return Reply.error(f"There is no choice [{choice}] on screen; pick one shown above.")
        picked = self.choices[choice - 1]
        return await self._follow(
            await self.core.router.click(self.actor, picked.action, picked.value), lines
        )

    async def _follow(self, reply: Reply, lines: Iterator[str]) -> Reply:
        """A reply carrying a form is answered at once: ask each field, then submit."""
        if reply.form is None:
            return reply
        answers = _ask_form(reply.form, lines, self.interactive)
        if answers is None:
            return Reply(text="Cancelled; nothing was saved.")
        return await self.core.router.submit(self.actor, reply.form.submit_action, answers)

    def _my_messages(self) -> list[dict[str, object]]:
        return read_inbox(self.inbox, self.actor.member_id, str(self.community))

    def _with_new_mail(self, reply: Reply) -> Reply:
        unseen = len(self._my_messages()) - self.seen_messages
        if unseen <= 0:
            return reply
        note = f"📬 {unseen} new message{'s' if unseen > 1 else ''} for you: /inbox"
        return dataclasses.replace(reply, footer="\n".join(filter(None, [reply.footer, note])))

    def _inbox(self) -> Reply:
        """The latest messages the acting member received, newest last, with their buttons."""
        messages = self._my_messages()
        self.seen_messages = len(messages)
        if not messages:
            return Reply(text="Your inbox is empty. Pairings, intro requests and reminders land here.")
        shown = messages[-INBOX_SHOWN:]
        items = tuple(_inbox_item(message) for message in shown)
        return Reply(
            title=f"Inbox of {self.actor.display_name}",
            text=f"{len(shown)} of {len(messages)} message{'s' if len(messages) > 1 else ''}, newest last.",
            items=items,
        )

    async def _move_clock(self, request: str) -> Reply:
        if not request:
            return Reply(text=f"It is {self.core.clock.now().isoformat(timespec='minutes')}.")
        try:
            until = target_time(self.core.clock, request)
        except UserError as error:
            return Reply.error(error.message)
        clock = self.core.clock
        assert isinstance(clock, ManualClock)  # target_time refused any other clock
        # Walk in steps, so each round, reminder and check-in happens at its own time (a single
        # jump would find them all overdue at once, past their grace window).
        while clock.now() < until:
            clock.set(min(until, clock.now() + CLOCK_STEP))
            await self.core.run_due()
            await self.worker.drain()
        return Reply(text=f"It is now {clock.now().isoformat(timespec='minutes')}.")

    def _show(self, reply: Reply, stdout: TextIO) -> None:
        text, self.choices = render(reply)
        stdout.write(text + "\n\n")
        stdout.flush()

    def _prompt(self) -> str:
        return f"{self.actor.display_name}> "


def _lines(stdin: TextIO, interactive: bool, prompt: object) -> Iterator[str]:
    if not interactive:
        yield from (line.rstrip("\n") for line in stdin)
        return
    while True:
        try:
            yield input(prompt() if callable(prompt) else "")
        except EOFError:
            print()
            return


def _ask_form(form: Form, lines: Iterator[str], interactive: bool) -> dict[str, str] | None:
    """One line per field; an empty line keeps the current value, a lone '.' cancels."""
    if interactive:
        print(f"{form.title} — one line per answer; Enter keeps the value shown, '.' cancels.")
    answers: dict[str, str] = {}
    for field in form.fields:
        if interactive:
            current = f" [{field.value}]" if field.value else ""
            hint = f" ({field.placeholder})" if field.placeholder else ""
            print(f"{field.label}{hint}{current}")
        answer = next(lines, None)
        if answer is None or answer.strip() == ".":
            return None
        answers[field.key] = answer.strip() or field.value
    return answers


def _inbox_item(message: dict[str, object]) -> Item:
    reply = reply_from_dict(message["reply"])  # type: ignore[arg-type]
    heading = reply.title or "partnerbot"
    body = "\n".join(filter(None, [reply.text, *(f"{f.label}: {f.value}" for f in reply.fields)]))
    extra = "\n".join(f"{i.title}: {i.body}" for i in reply.items)
    return Item(
        title=f"{heading} · {str(message['at'])[:16].replace('T', ' ')}",
        body="\n".join(filter(None, [body, extra])),
        buttons=reply.buttons,
    )

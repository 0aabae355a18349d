"""Console input lines to what they ask for: a core command, a click, a member switch, or a console verb."""

from __future__ import annotations

import shlex
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CoreCommand:
    line: str


@dataclass(frozen=True, slots=True)
class Click:
    choice: int


@dataclass(frozen=True, slots=True)
class SwitchMember:
    name: str
    manager: bool


@dataclass(frozen=True, slots=True)
class ShowInbox:
    pass


@dataclass(frozen=True, slots=True)
class MoveClock:
    """``/clock +3d``, ``/clock +2h``, ``/clock +30m`` or ``/clock 2026-12-01T09:00+00:00``; empty
    shows the time."""

    to: str


@dataclass(frozen=True, slots=True)
class Quit:
    pass


@dataclass(frozen=True, slots=True)
class Blank:
    pass


@dataclass(frozen=True, slots=True)
class Invalid:
    message: str


ConsoleInput = CoreCommand | Click | SwitchMember | ShowInbox | MoveClock | Quit | Blank | Invalid


def parse_line(raw: str) -> ConsoleInput:
    line = raw.strip()
    if not line or line.startswith("#"):
        return Blank()
    if not line.startswith("/"):
        return Invalid("Commands start with a slash, e.g. /help.")
    verb, _, rest = line[1:].partition(" ")
    verb = verb.lower()
    if verb in {"quit", "exit"}:
        return Quit()
    if verb == "as":
        return _switch(rest)
    if verb == "inbox":
        return ShowInbox()
    if verb == "clock":
        return MoveClock(rest.strip())
    if verb == "click" or verb.isdigit():
        return _click(rest if verb == "click" else verb)
    return CoreCommand(line)


def _switch(rest: str) -> ConsoleInput:
    try:
        words = shlex.split(rest)
    except ValueError:
        return Invalid('Usage: /as NAME [--manager], e.g. /as "Ana Lima"')
    manager = "--manager" in words
    name = " ".join(w for w in words if w != "--manager")
    if not name:
        return Invalid('Usage: /as NAME [--manager], e.g. /as "Ana Lima"')
    return SwitchMember(name, manager)


def _click(rest: str) -> ConsoleInput:
    choice = rest.strip().strip("[]")
    if not choice.isdigit():
        return Invalid("Usage: /click N, where N is a number shown in [brackets] above.")
    return Click(int(choice))

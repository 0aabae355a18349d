"""Core replies as terminal text: every user-written string is shown with its mentions made inert."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from bot.domain.text import defuse_mentions
from bot.services.reply import Button, Page, Reply, Tone

WIDTH = 88
_TONE_MARK = {Tone.INFO: "", Tone.SUCCESS: "✓ ", Tone.ERROR: "✗ "}


@dataclass(frozen=True, slots=True)
class Choice:
    """A numbered button the person can pick with /click N."""

    label: str
    action: str
    value: str


def render(reply: Reply, choices: list[Choice] | None = None) -> tuple[str, list[Choice]]:
    """The text to print and the numbered choices it offers (numbered on from ``choices``)."""
    lines: list[str] = []
    choices = [] if choices is None else choices
    if reply.title:
        lines += [_inert(reply.title), "─" * min(WIDTH, max(8, len(reply.title)))]
    if reply.text:
        lines += _wrap(_TONE_MARK[reply.tone] + _inert(reply.text))
    for field in reply.fields:
        lines += _wrap(f"{field.label}: {_inert(field.value)}", indent="    ")
    if reply.items_title:
        lines += ["", _inert(reply.items_title)]
    for item in reply.items:
        lines += ["", f"• {_inert(item.title)}"]
        if item.body:
            lines += _wrap(_inert(item.body), indent="  ", first="  ")
        for field in item.fields:
            lines += _wrap(f"{field.label}: {_inert(field.value)}", indent="    ", first="  ")
        if item.footer:
            lines += _wrap(_inert(item.footer), indent="  ", first="  ")
        if item.buttons:
            lines.append("  " + _buttons(item.buttons, choices))
    if reply.footer:
        lines += ["", _inert(reply.footer)]
    buttons = list(reply.buttons) + _page_buttons(reply.page)
    if buttons:
        lines += ["", _buttons(buttons, choices)]
    if reply.page and reply.page.total_pages > 1:
        lines.append(f"Page {reply.page.number} of {reply.page.total_pages}.")
    if reply.attachment:
        lines += ["", f"── {reply.attachment.filename} ──", reply.attachment.content]
    return "\n".join(lines), choices


def _buttons(buttons: list[Button] | tuple[Button, ...], choices: list[Choice]) -> str:
    labels = []
    for button in buttons:
        choices.append(Choice(button.label, button.action, button.value))
        labels.append(f"[{len(choices)}] {button.label}")
    return "   ".join(labels) + "   (/click N)"


def _page_buttons(page: Page | None) -> list[Button]:
    if page is None:
        return []
    buttons = []
    if page.has_previous:
        buttons.append(Button("Previous page", page.action, page.value_for(page.number - 1)))
    if page.has_next:
        buttons.append(Button("Next page", page.action, page.value_for(page.number + 1)))
    return buttons


def _inert(text: str) -> str:
    return defuse_mentions(text)


def _wrap(text: str, indent: str = "", first: str = "") -> list[str]:
    out: list[str] = []
    for paragraph in text.splitlines() or [""]:
        out += textwrap.wrap(paragraph, WIDTH, initial_indent=first, subsequent_indent=indent) or [first]
    return out

"""Core replies to Discord, pure: embeds, persistent button views, modals and files; no mention pings."""

from __future__ import annotations

import dataclasses
import io
import re
from dataclasses import dataclass
from typing import Any, Protocol, cast

import discord

from adapters.discord.translate import (
    BUTTON_TEMPLATE,
    MORE_VALUE,
    decode_button,
    encode_button,
    encode_form,
)
from bot.domain.text import defuse_mentions
from bot.services.reply import Button, ButtonStyle, Form, Reply, Tone

NO_MENTIONS = discord.AllowedMentions.none()
MODAL_INPUTS_MAX = 5  # Discord's limit on text inputs in one modal
_TITLE_MAX, _TEXT_MAX, _FIELD_NAME_MAX, _FIELD_VALUE_MAX, _FOOTER_MAX = 256, 4096, 256, 1024, 2048
_EMBED_MAX = 6000
_FIELDS_MAX, _BUTTONS_MAX, _LABEL_MAX, _MODAL_TITLE_MAX, _INPUT_LABEL_MAX = 25, 25, 80, 45, 45
_COLOURS = {
    Tone.INFO: discord.Colour.blurple(),
    Tone.SUCCESS: discord.Colour.green(),
    Tone.ERROR: discord.Colour.red(),
}
_STYLES = {
    ButtonStyle.DEFAULT: discord.ButtonStyle.secondary,
    ButtonStyle.PRIMARY: discord.ButtonStyle.primary,
    ButtonStyle.DANGER: discord.ButtonStyle.danger,
}


class ClickHandler(Protocol):
    async def on_partner_click(
        self, interaction: discord.Interaction[Any], guild_id: int | None, action: str, value: str
    ) -> None: ...


class PartnerButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=BUTTON_TEMPLATE):
    """Every partnerbot button: its custom id is the whole state, so clicks work after a restart."""

    def __init__(
        self, label: str, action: str, value: str, style: discord.ButtonStyle, guild_id: int | None = None
    ) -> None:
        custom_id = encode_button(action, value, guild_id)
        super().__init__(discord.ui.Button(label=label, style=style, custom_id=custom_id))
        self.guild_id, self.action, self.value = decode_button(custom_id) or (guild_id, action, value)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> PartnerButton:
        button = item if isinstance(item, discord.ui.Button) else None
        label = button.label if button and button.label else "…"
        style = button.style if button else discord.ButtonStyle.secondary
        guild_id = int(match["guild"]) if match["guild"] else None
        return cls(label, match["action"], match["value"], style, guild_id)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        client = cast(ClickHandler, interaction.client)
        await client.on_partner_click(interaction, self.guild_id, self.action, self.value)


@dataclass
class Rendered:
    embeds: list[discord.Embed]
    view: discord.ui.View | None
    file: discord.File | None
    ephemeral: bool

    def send_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``send_message``, ``followup.send`` and ``Messageable.send``."""
        kwargs: dict[str, Any] = {"embeds": self.embeds, "allowed_mentions": NO_MENTIONS}
        if self.view is not None:
            kwargs["view"] = self.view
        if self.file is not None:
            kwargs["file"] = self.file
        return kwargs


def render_reply(
    reply: Reply, *, extra_text: str = "", guild_id: int | None = None, more: Button | None = None
) -> Rendered:
    """One embed (text, fields, items, page footer), a view of buttons, and any attachment.

    ``guild_id`` goes into button ids of messages sent outside the server (DMs); ``extra_text``
    is adapter-written text (mentions naming a group) that is not defused.
    """
    embed = discord.Embed(
        title=_cut(inert(reply.title), _TITLE_MAX) or None,
        description=_cut(inert(reply.text) + extra_text, _TEXT_MAX) or None,
        colour=_COLOURS[reply.tone],
    )
    for field in reply.fields:
        _add_field(embed, inert(field.label), inert(field.value), field.inline)
    if reply.items_title:
        _add_field(embed, "\u200b", f"**{inert(reply.items_title)}**", False)
    for item in reply.items:
        lines = [inert(item.body), *(f"**{inert(f.label)}:** {inert(f.value)}" for f in item.fields)]
        if item.footer:
            lines.append(f"-# {inert(item.footer)}")
        _add_field(embed, inert(item.title), "\n".join(line for line in lines if line), False)
    page = f"Page {reply.page.number} of {reply.page.total_pages}" if reply.page else ""
    footer = " · ".join(part for part in (inert(reply.footer), page) if part)
    if footer:
        embed.set_footer(text=_cut(footer, _FOOTER_MAX))
    fit_embed(embed)
    extra = [more] if more else []
    return Rendered([embed], _view(reply, guild_id, extra), _file(reply), reply.ephemeral)


def inert(text: str) -> str:
    """Text from the core (which quotes members as typed): no pings, and no markdown such as masked links.

    Only the renderer's own markup (bold labels, small footers) and ``extra_text`` keep formatting.
    """
    return discord.utils.escape_markdown(defuse_mentions(text))


def fit_embed(embed: discord.Embed) -> None:
    """Discord refuses an empty embed and one over 6000 characters: drop trailing fields to fit."""
    while len(embed) > _EMBED_MAX and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    if len(embed) == 0:
        embed.description = "Done."


def page_buttons(reply: Reply) -> list[Button]:
    page = reply.page
    if page is None or page.total_pages <= 1:
        return []
    buttons = []
    if page.has_previous:
        buttons.append(Button("◀ Previous", page.action, page.value_for(page.number - 1).strip()))
    if page.has_next:
        buttons.append(Button("Next ▶", page.action, page.value_for(page.number + 1).strip()))
    return buttons


def _view(reply: Reply, guild_id: int | None, extra: list[Button]) -> discord.ui.View | None:
    buttons = [*reply.buttons, *_item_buttons(reply), *page_buttons(reply), *extra]
    if not buttons:
        return None
    view = discord.ui.View(timeout=None)
    seen: set[str] = set()
    for button in buttons[:_BUTTONS_MAX]:
        custom_id = encode_button(button.action, button.value, guild_id)
        if custom_id in seen:  # Discord refuses two components with one custom id
            continue
        seen.add(custom_id)
        label = _cut(button.label, _LABEL_MAX) or "…"
        view.add_item(PartnerButton(label, button.action, button.value, _STYLES[button.style], guild_id))
    return view


def _item_buttons(reply: Reply) -> list[Button]:
    """Buttons of list items; with several items, each label names its item ("Ask · Ana Lima")."""
    with_buttons = [item for item in reply.items if item.buttons]
    if len(with_buttons) <= 1:
        return [b for item in with_buttons for b in item.buttons]
    return [
        dataclasses.replace(b, label=f"{b.label} · {defuse_mentions(item.title)}")
        for item in with_buttons
        for b in item.buttons
    ]


def _file(reply: Reply) -> discord.File | None:
    if reply.attachment is None:
        return None
    data = io.BytesIO(reply.attachment.content.encode("utf-8"))
    return discord.File(data, filename=reply.attachment.filename)


def _add_field(embed: discord.Embed, name: str, value: str, inline: bool) -> None:
    """A field (name and value made inert by the caller); a long value continues in unnamed fields."""
    chunks = _chunks(value.strip(), _FIELD_VALUE_MAX) or ["—"]
    for number, chunk in enumerate(chunks):
        if len(embed.fields) >= _FIELDS_MAX:
            return
        label = (_cut(name, _FIELD_NAME_MAX) or "—") if number == 0 else "\u200b"
        embed.add_field(name=label, value=chunk, inline=inline and len(chunks) == 1)


def _chunks(text: str, limit: int) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, split at a line break or space if any."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = max(text.rfind("\n", 0, limit), text.rfind(" ", 0, limit))
        cut = cut if cut > limit // 2 else limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return [*pieces, text] if text else pieces


def _cut(text: str, limit: int) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def form_parts(form: Form) -> int:
    """How many modals a form needs: Discord shows at most five text inputs in one."""
    return max(1, -(-len(form.fields) // MODAL_INPUTS_MAX))


def render_modal(form: Form, part: int = 0, guild_id: int | None = None) -> discord.ui.Modal:
    """Part ``part`` of ``form`` as a modal; its custom id names the submit action and the part."""
    fields = form.fields[part * MODAL_INPUTS_MAX : (part + 1) * MODAL_INPUTS_MAX]
    title = form.title if part == 0 else f"{form.title} (more)"
    # A timeout lets discord.py forget modals nobody submits; submits are handled by custom id.
    modal = discord.ui.Modal(
        title=_cut(title, _MODAL_TITLE_MAX),
        custom_id=encode_form(form.submit_action, part, guild_id),
        timeout=900,
    )
    for field in fields:
        modal.add_item(
            discord.ui.TextInput(
                label=_cut(field.label, _INPUT_LABEL_MAX),
                custom_id=field.key,
                style=discord.TextStyle.paragraph if field.multiline else discord.TextStyle.short,
                placeholder=_cut(field.placeholder, 100) or None,
                default=field.value[: field.max_chars] or None,
                required=field.required,
                max_length=min(field.max_chars, 4000),
            )
        )
    return modal


def more_button(form: Form, opener: str) -> Button | None:
    """The "more" step of a split form: a button that opens its second modal, pre-filled."""
    if form_parts(form) < 2:
        return None
    rest = ", ".join(f.label for f in form.fields[MODAL_INPUTS_MAX:])
    return Button(_cut(f"Add more: {rest}", _LABEL_MAX), opener, MORE_VALUE, ButtonStyle.PRIMARY)


def form_values(form: Form) -> dict[str, str]:
    """The pre-filled answers of every field; a split form's submit merges its part into these."""
    return {field.key: field.value for field in form.fields}

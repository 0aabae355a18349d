"""Core replies to Block Kit (pure): messages, modals, the App Home tab and inline form errors.

Every piece of user text goes through ``safe``: the core's defuse_mentions, then Slack's own
escaping of &, < and >, so that no user can ping a channel or forge a link through the bot.
"""

from __future__ import annotations

from typing import Any

from adapters.slack.translate import ACTION_PREFIX, FIELD_ACTION_ID, FORM_CALLBACK_ID, PAGE_PREFIX
from bot.domain.text import defuse_mentions
from bot.services.reply import Button, ButtonStyle, Field, Form, Item, Page, Reply, Tone

Block = dict[str, Any]

MAX_BLOCKS = 50
MAX_HOME_BLOCKS = 100
SECTION_CHARS = 3000
FIELD_CHARS = 2000
HEADER_CHARS = 150
BUTTON_CHARS = 75
VALUE_CHARS = 2000
MODAL_TITLE_CHARS = 24
INPUT_MAX_CHARS = 3000
_TONE_MARK = {Tone.INFO: "", Tone.SUCCESS: ":white_check_mark: ", Tone.ERROR: ":warning: "}
_STYLE = {ButtonStyle.PRIMARY: "primary", ButtonStyle.DANGER: "danger"}


def escape(text: str) -> str:
    """Slack's escaping for message text: the three characters it treats as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def safe(text: str, limit: int = SECTION_CHARS) -> str:
    return _cut(escape(defuse_mentions(text)), limit)


def plain(text: str, limit: int) -> dict[str, Any]:
    """A plain_text object: Slack never parses mentions in it, so it only needs cutting to size."""
    return {"type": "plain_text", "text": _cut(defuse_mentions(text) or " ", limit), "emoji": True}


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text or " "}


def reply_blocks(reply: Reply, *, limit: int = MAX_BLOCKS) -> list[Block]:
    """The whole reply as blocks, within Slack's limit on the number of blocks."""
    blocks: list[Block] = []
    if reply.title:
        blocks.append({"type": "header", "text": plain(reply.title, HEADER_CHARS)})
    if reply.text:
        blocks.append(_section(_TONE_MARK[reply.tone] + safe(reply.text, SECTION_CHARS - 20)))
    blocks.extend(_field_blocks(reply.fields))
    if reply.items_title:
        blocks.append(_section(f"*{safe(reply.items_title, SECTION_CHARS - 4)}*"))
    for number, item in enumerate(reply.items):
        if number or blocks:
            blocks.append({"type": "divider"})
        blocks.extend(_item_blocks(item, number))
    if reply.buttons:
        blocks.append(_actions(reply.buttons, "main"))
    if reply.page and reply.page.total_pages > 1:
        blocks.extend(_page_blocks(reply.page))
    if reply.footer:
        blocks.append(_context(reply.footer))
    if reply.attachment:
        blocks.append(_context(f"I sent you the file {reply.attachment.filename} in a direct message."))
    # Slack refuses a message with an empty list of blocks.
    return _fit(blocks, limit) or [_section("Done.")]


def reply_text(reply: Reply) -> str:
    """The notification text that goes with the blocks (and shows where blocks cannot)."""
    first = reply.title or reply.text or (reply.items[0].title if reply.items else "partnerbot")
    return safe(first, 300)


def _fit(blocks: list[Block], limit: int) -> list[Block]:
    if len(blocks) <= limit:
        return blocks
    return [*blocks[: limit - 1], _context("…more than fits in one message; narrow the search.")]


def _section(text: str, fields: list[dict[str, Any]] | None = None) -> Block:
    block: Block = {"type": "section", "text": _mrkdwn(text)}
    if fields:
        block["fields"] = fields[:10]
    return block


def _context(text: str) -> Block:
    return {"type": "context", "elements": [_mrkdwn(safe(text, FIELD_CHARS))]}


def _field_blocks(fields: tuple[Field, ...]) -> list[Block]:
    """Inline fields side by side (ten per section), the others as full-width sections."""
    blocks: list[Block] = []
    inline: list[dict[str, Any]] = []
    for field in fields:
        text = f"*{safe(field.label, 200)}*\n{safe(field.value, FIELD_CHARS - 210)}"
        if field.inline:
            inline.append(_mrkdwn(text))
        else:
            blocks.append(_section(_cut(text, SECTION_CHARS)))
    for start in range(0, len(inline), 10):
        blocks.append({"type": "section", "fields": inline[start : start + 10]})
    return blocks


def _item_blocks(item: Item, number: int) -> list[Block]:
    text = f"*{safe(item.title, 300)}*"
    if item.body:
        text += "\n" + safe(item.body, SECTION_CHARS - 320)
    fields = [_mrkdwn(f"*{safe(f.label, 200)}*\n{safe(f.value, FIELD_CHARS - 210)}") for f in item.fields]
    blocks = [_section(text, fields)]
    if item.buttons:
        blocks.append(_actions(item.buttons, f"item{number}"))
    if item.footer:
        blocks.append(_context(item.footer))
    return blocks


def button(b: Button, index: int, prefix: str = ACTION_PREFIX) -> dict[str, Any]:
    """A Slack button whose action_id names the core action; the index keeps ids unique per block."""
    element: dict[str, Any] = {
        "type": "button",
        "text": plain(b.label, BUTTON_CHARS),
        "action_id": f"{prefix}{b.action}:{index}"[:255],
    }
    if b.value:
        element["value"] = b.value[:VALUE_CHARS]
    if b.style in _STYLE:
        element["style"] = _STYLE[b.style]
    return element


def _actions(buttons: tuple[Button, ...], block_id: str) -> Block:
    return {
        "type": "actions",
        "block_id": block_id,
        "elements": [button(b, i) for i, b in enumerate(buttons[:25])],
    }


def _page_blocks(page: Page) -> list[Block]:
    """Previous/Next buttons whose value is what the core's listing action takes: ``"<page> <query>"``."""
    elements = []
    if page.has_previous:
        back = Button("◀ Previous", page.action, f"{page.number - 1} {page.query}".strip())
        elements.append(button(back, 0, PAGE_PREFIX))
    if page.has_next:
        forward = Button("Next ▶", page.action, f"{page.number + 1} {page.query}".strip())
        elements.append(button(forward, 1, PAGE_PREFIX))
    blocks: list[Block] = [_context(f"Page {page.number} of {page.total_pages}")]
    if elements:
        blocks.append({"type": "actions", "block_id": "pages", "elements": elements})
    return blocks


def modal(form: Form, private_metadata: str) -> dict[str, Any]:
    """The form as a modal; current answers pre-fill the inputs so editing starts from them."""
    blocks = []
    for field in form.fields:
        element: dict[str, Any] = {
            "type": "plain_text_input",
            "action_id": FIELD_ACTION_ID,
            "multiline": field.multiline,
            "max_length": min(field.max_chars, INPUT_MAX_CHARS),
        }
        if field.value:
            element["initial_value"] = field.value[:INPUT_MAX_CHARS]
        if field.placeholder:
            element["placeholder"] = plain(field.placeholder, 150)
        blocks.append(
            {
                "type": "input",
                "block_id": field.key,
                "label": plain(field.label, 2000),
                "element": element,
                "optional": not field.required,
            }
        )
    return {
        "type": "modal",
        "callback_id": FORM_CALLBACK_ID,
        "private_metadata": private_metadata,
        "title": plain(form.title, MODAL_TITLE_CHARS),
        "submit": plain("Save", 24),
        "close": plain("Cancel", 24),
        "blocks": blocks[:100],
    }


def form_errors(message: str, labels: dict[str, str]) -> dict[str, str]:
    """The core's one-sentence error, shown under the field it names (the first field otherwise)."""
    lowered = message.lower()
    for key, label in labels.items():
        if label and label.lower() in lowered:
            return {key: _cut(message, 2000)}
    for key in labels:
        if key.replace("_", " ").rstrip("s") in lowered:
            return {key: _cut(message, 2000)}
    first = next(iter(labels), "")
    return {first: _cut(message, 2000)} if first else {}


def home_view(sections: list[Reply], banner: Reply | None = None) -> dict[str, Any]:
    """The App Home tab: an optional banner (the answer to the last click), then each section."""
    blocks: list[Block] = []
    for reply in ([banner] if banner else []) + sections:
        if blocks:
            blocks.append({"type": "divider"})
        blocks.extend(reply_blocks(reply, limit=MAX_HOME_BLOCKS))
    return {"type": "home", "blocks": _fit(blocks, MAX_HOME_BLOCKS)}

"""Replies to and from JSON-ready dictionaries, so they can wait in the outbox table."""

from __future__ import annotations

import dataclasses
from typing import Any

from bot.services.reply import (
    Attachment,
    Button,
    ButtonStyle,
    Field,
    Form,
    FormField,
    Item,
    Page,
    Reply,
    Tone,
)


def reply_to_dict(reply: Reply) -> dict[str, Any]:
    return dataclasses.asdict(reply)


def reply_from_dict(data: dict[str, Any]) -> Reply:
    return Reply(
        title=data.get("title", ""),
        text=data.get("text", ""),
        tone=Tone(data.get("tone", Tone.INFO)),
        fields=_fields(data.get("fields", ())),
        items_title=data.get("items_title", ""),
        items=tuple(
            Item(
                title=item["title"],
                body=item.get("body", ""),
                fields=_fields(item.get("fields", ())),
                buttons=_buttons(item.get("buttons", ())),
                footer=item.get("footer", ""),
            )
            for item in data.get("items", ())
        ),
        buttons=_buttons(data.get("buttons", ())),
        footer=data.get("footer", ""),
        page=Page(**data["page"]) if data.get("page") else None,
        form=_form(data["form"]) if data.get("form") else None,
        attachment=Attachment(**data["attachment"]) if data.get("attachment") else None,
        ephemeral=bool(data.get("ephemeral", True)),
    )


def _fields(raw: Any) -> tuple[Field, ...]:
    return tuple(Field(**field) for field in raw)


def _buttons(raw: Any) -> tuple[Button, ...]:
    return tuple(
        Button(b["label"], b["action"], b.get("value", ""), ButtonStyle(b.get("style", "default")))
        for b in raw
    )


def _form(raw: dict[str, Any]) -> Form:
    return Form(
        form_id=raw["form_id"],
        title=raw["title"],
        fields=tuple(FormField(**field) for field in raw["fields"]),
        submit_action=raw["submit_action"],
    )

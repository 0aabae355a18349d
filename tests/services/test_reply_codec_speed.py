"""The reply codec's fast path gives exactly what dataclasses.asdict gives, and round-trips."""

from __future__ import annotations

import dataclasses

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
from bot.services.reply_codec import reply_from_dict, reply_to_dict


def test_reply_to_dict_equals_asdict_and_round_trips() -> None:
    reply = Reply(
        title="T",
        text="x",
        tone=Tone.SUCCESS,
        fields=(Field("a", "b", inline=True),),
        items=(Item("i", "body", (Field("c", "d"),), (Button("B", "act", "1", ButtonStyle.PRIMARY),), "f"),),
        buttons=(Button("Go", "go"),),
        page=Page(2, 3, "board.page", "q"),
        form=Form("f", "Form", (FormField("k", "K", required=True),), "f.save"),
        attachment=Attachment("a.json", "{}"),
        ephemeral=False,
    )
    assert reply_to_dict(reply) == dataclasses.asdict(reply)
    assert reply_from_dict(reply_to_dict(reply)) == reply

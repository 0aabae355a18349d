"""Pure rendering: Discord's embed, button and modal limits, and inert mentions."""

from __future__ import annotations

from adapters.discord.render import form_parts, render_modal, render_reply
from bot.services.reply import Button, Field, Form, FormField, Item, Page, Reply, Tone


def test_embed_limits_are_respected_whatever_the_reply():
    reply = Reply(
        title="t" * 300,
        text="x" * 5000,
        fields=tuple(Field(f"f{i}", "v" * 2000) for i in range(30)),
        tone=Tone.ERROR,
    )
    [embed] = render_reply(reply).embeds
    assert len(embed.title or "") == 256 and len(embed.description or "") == 4096
    assert len(embed) <= 6000 and len(embed.fields) <= 25
    assert all(len(f.value or "") <= 1024 for f in embed.fields)


def test_a_long_answer_continues_in_the_next_field_instead_of_being_cut():
    answer = " ".join(f"word{i}" for i in range(250))  # about 1,800 characters
    [embed] = render_reply(Reply(fields=(Field("What I am working on", answer),))).embeds
    assert [f.name for f in embed.fields] == ["What I am working on", "\u200b"]
    assert " ".join(f.value or "" for f in embed.fields) == answer


def test_an_empty_reply_is_still_a_valid_embed():
    [embed] = render_reply(Reply(buttons=(Button("Go", "x.y"),))).embeds
    assert embed.description


def test_buttons_are_capped_deduplicated_and_paginated():
    items = tuple(Item(f"#{i}", buttons=(Button("Close", "offer.close", str(i)),)) for i in range(30))
    view = render_reply(Reply(items=items, page=Page(2, 3, "board.page", "offers"))).view
    assert view is not None
    ids = [item.custom_id for item in view.children]  # type: ignore[attr-defined]
    assert len(ids) == 25 == len(set(ids))
    same = render_reply(Reply(buttons=(Button("A", "a.b", "1"), Button("B", "a.b", "1")))).view
    assert same is not None and len(same.children) == 1


def test_item_text_mentions_are_defused():
    reply = Reply(items=(Item("@here title", body="<@123> hi @everyone"),))
    [embed] = render_reply(reply).embeds
    field = embed.fields[0]
    assert "@here" not in (field.name or "") and "<@123>" not in (field.value or "")


def test_a_nine_field_form_is_two_modals_of_five_and_four():
    fields = tuple(FormField(f"k{i}", f"Label {i}" * 10, value="v", max_chars=5000) for i in range(9))
    form = Form("intro", "A title that is longer than forty-five characters", fields, "intro.save")
    assert form_parts(form) == 2
    first, second = render_modal(form, 0), render_modal(form, 1)
    assert len(first.children) == 5 and len(second.children) == 4
    assert len(first.title) <= 45 and second.custom_id == "pbform:1:intro.save"
    assert all(len(child.label) <= 45 and child.max_length == 4000 for child in first.children)  # type: ignore[attr-defined]


def test_item_buttons_name_their_item_when_several_items_have_them():
    items = (
        Item("Ana Lima", buttons=(Button("Ask for an intro", "intro.ask", "1"),)),
        Item("Ben Okafor", buttons=(Button("Ask for an intro", "intro.ask", "2"),)),
    )
    view = render_reply(Reply(items=items)).view
    assert view is not None
    labels = [child.item.label for child in view.children]  # type: ignore[attr-defined]
    assert labels == ["Ask for an intro · Ana Lima", "Ask for an intro · Ben Okafor"]

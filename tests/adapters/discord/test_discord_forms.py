"""/intro as two modals (Discord shows at most five inputs): open, submit, the "more" step, bad input."""

from __future__ import annotations

from typing import Any

from tests.adapters.discord.payloads import (
    ANA,
    GUILD,
    answer,
    buttons,
    click,
    embed_text,
    feed,
    member,
    modal_submit,
    slash,
)

EPHEMERAL = 1 << 6
MODAL = 9

FIRST = {
    "headline": "Fractional CFO for climate startups",
    "working_on": "Raising a seed round for a battery recycler",
    "looking_for": "A pitch coach and a hardware engineer",
    "strengths": "Financial models investors trust",
    "unique_edge": "Ten years at a climate fund",
}


def inputs(modal: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["custom_id"]: c for row in modal["components"] for c in row["components"]}


async def open_intro(bot: Any, fake: Any) -> dict[str, Any]:
    payload = slash("intro")
    await feed(bot, payload)
    body = answer(fake, payload)
    assert body["type"] == MODAL
    modal: dict[str, Any] = body["data"]
    return modal


async def test_intro_opens_the_first_modal_with_five_inputs(bot, fake):
    modal = await open_intro(bot, fake)
    assert modal["custom_id"] == "pbform:0:intro.save"
    assert modal["title"] == "Introduce yourself"
    assert list(inputs(modal)) == list(FIRST)
    assert inputs(modal)["headline"]["required"] is True
    assert inputs(modal)["headline"]["max_length"] == 200


async def test_submit_saves_then_the_more_step_fills_the_rest(bot, fake):
    await open_intro(bot, fake)
    first = modal_submit("pbform:0:intro.save", FIRST)
    await feed(bot, first)
    saved = answer(fake, first)["data"]
    assert "Saved your intro: Ana" in embed_text(saved)
    assert "Raising a seed round" in embed_text(saved)
    more = [b for b in buttons(saved) if b["custom_id"] == "pb:intro.open:more"]
    assert more and more[0]["label"].startswith("Add more: Skills, Timezone")

    message = {
        "id": "1600000000000000055",
        "channel_id": "910000000000000001",
        "components": saved["components"],
    }
    opened = click(message, "pb:intro.open:more")
    await feed(bot, opened)
    second = answer(fake, opened)
    assert second["type"] == MODAL
    assert second["data"]["custom_id"] == "pbform:1:intro.save"
    assert list(inputs(second["data"])) == ["skills", "timezone", "languages", "links"]

    rest = modal_submit(
        "pbform:1:intro.save",
        {"skills": "finance, fundraising", "timezone": "europe/berlin", "languages": "English", "links": ""},
    )
    await feed(bot, rest)
    text = embed_text(answer(fake, rest)["data"])
    assert "Europe/Berlin" in text and "finance, fundraising" in text
    assert "Fractional CFO for climate startups" in text  # the first modal's answers were kept

    reopened = await open_intro(bot, fake)
    assert reopened["title"] == "Edit your intro"
    assert inputs(reopened)["headline"]["value"] == FIRST["headline"]


async def test_over_long_answer_is_an_ephemeral_error_and_saves_nothing(bot, fake):
    bad = modal_submit("pbform:0:intro.save", {**FIRST, "headline": "h" * 201})
    await feed(bot, bad)
    data = answer(fake, bad)["data"]
    assert data["flags"] & EPHEMERAL
    assert "Headline is 201 characters long; the limit is 200." in embed_text(data)
    profile = slash("profile")
    await feed(bot, profile)
    assert "You have no intro yet" in embed_text(answer(fake, profile)["data"])


async def test_bad_timezone_names_the_problem(bot, fake):
    await feed(bot, modal_submit("pbform:0:intro.save", FIRST))
    bad = modal_submit("pbform:1:intro.save", {"timezone": "Mars/Olympus"})
    await feed(bot, bad)
    assert "“Mars/Olympus” is not a timezone I know" in embed_text(answer(fake, bad)["data"])


async def test_mentions_in_a_headline_do_not_ping(bot, fake):
    submit = modal_submit(
        "pbform:0:intro.save", {**FIRST, "headline": "@everyone hire me <@&920000000000000002>"}
    )
    await feed(bot, submit)
    data = answer(fake, submit)["data"]
    assert data["allowed_mentions"] == {"parse": []}
    assert "@\u200beveryone" in embed_text(data) and "<@&" not in embed_text(data)


async def test_unknown_fields_in_a_crafted_submit_are_ignored(bot, fake):
    submit = modal_submit("pbform:0:intro.save", {**FIRST, "is_admin": "yes"})
    await feed(bot, submit)
    assert "Saved your intro" in embed_text(answer(fake, submit)["data"])


async def test_the_intro_form_also_works_from_a_dm(bot, fake):
    fake.add_guild_member(GUILD, member(ANA))
    dm = "1290000000000000001"
    message = {"id": "1600000000000000200", "channel_id": dm, "components": []}
    message["components"] = [
        {
            "type": 1,
            "components": [
                {"type": 2, "style": 1, "label": "Write my intro", "custom_id": f"pb@{GUILD}:intro.open:"}
            ],
        }
    ]
    opened = click(message, f"pb@{GUILD}:intro.open:", dm=True)
    await feed(bot, opened)
    modal = answer(fake, opened)
    assert modal["type"] == MODAL and modal["data"]["custom_id"] == f"pbform@{GUILD}:0:intro.save"

    submit = modal_submit(f"pbform@{GUILD}:0:intro.save", FIRST, dm_channel=dm)
    await feed(bot, submit)
    saved = answer(fake, submit)["data"]
    assert "Saved your intro: Ana" in embed_text(saved)
    assert f"pb@{GUILD}:intro.open:more" in [b["custom_id"] for b in buttons(saved)]

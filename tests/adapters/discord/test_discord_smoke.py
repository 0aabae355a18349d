"""Smoke: a slash command through discord.py's parser reaches the core and is answered."""

from conftest import answer, embed_text, feed, opt, slash


async def test_offer(bot, fake):
    payload = slash("offer", [opt("text", "Pitch coaching, investor decks")])
    await feed(bot, payload)
    body = answer(fake, payload)
    assert body["type"] == 4
    assert "Posted offer #1" in embed_text(body["data"])

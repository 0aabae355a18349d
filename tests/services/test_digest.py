"""The weekly gives-and-asks digest: manager setup, the channel message, "I can help" intros."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.services.intro_sweep import SweepResult
from tests.services.intro_helpers import HOME, actor, join, make_core, sent, text_of

ANA, BEN = actor("ana", "Ana Lima"), actor("ben", "Ben Okafor")
MIA = actor("mia", "Mia", manager=True)


async def test_digest_posts_the_weeks_gives_and_asks_once_in_the_board_channel(tmp_path: Path) -> None:
    core, clock = await make_core(tmp_path)
    for who in (ANA, BEN):
        await join(core, who)
    assert (await core.router.run(ANA, "/digest #board friday 9")).tone == "error"  # managers only
    assert await core.digest.send_weekly_digest(HOME) is False  # not scheduled yet
    setup = await core.router.run(MIA, "/digest <#C42|board> fri 09:00 Europe/Berlin")
    assert "#C42 every Friday at 09:00 Europe/Berlin" in setup.text
    await core.router.run(BEN, "/need a lawyer for our partnership agreement")
    await core.router.run(ANA, "/offer contract review for founders")
    await core.router.run(ANA, "/offer --private something unlisted")
    clock.advance(timedelta(days=3))
    assert await core.digest.send_weekly_digest(HOME) is True
    assert await core.digest.send_weekly_digest(HOME) is False  # once per week
    [digest] = [m for m in await sent(core) if m.key.startswith("digest:")]
    assert digest.recipients == ["channel:C42"]
    seen = text_of(digest.reply)
    assert "partnership agreement" in seen and "contract review" in seen and "unlisted" not in seen
    need = next(i for i in digest.reply.items if i.title.startswith("Need"))
    assert need.buttons[0].label == "I can help"
    asked = await core.router.click(ANA, need.buttons[0].action, need.buttons[0].value)
    assert asked.tone == "success"
    assert (await sent(core))[-1].recipients == ["ben"]
    clock.advance(timedelta(days=8))
    assert await core.digest.send_weekly_digest(HOME) is False  # nothing new this week: skipped
    await core.close()


async def test_digest_setup_refuses_bad_input_and_can_be_turned_off(tmp_path: Path) -> None:
    core, _ = await make_core(tmp_path)
    assert "weekday" in (await core.router.run(MIA, "/digest #board someday 9")).text
    assert "hour" in (await core.router.run(MIA, "/digest #board monday 25")).text
    await core.router.run(MIA, "/digest #board monday 8")
    assert "off" in (await core.router.run(MIA, "/digest off")).text
    assert "off" in (await core.router.run(MIA, "/digest")).text
    await core.close()


async def test_the_sweeper_posts_the_digest_at_its_hour_and_expires_requests(tmp_path: Path) -> None:
    core, clock = await make_core(tmp_path)  # Monday 2 November 2026, 09:00 UTC
    for who in (ANA, BEN):
        await join(core, who)
    await core.router.run(MIA, "/digest #board wednesday 10 Europe/Lisbon")
    await core.router.run(BEN, "/need a lawyer for our partnership agreement")
    await core.router.run(BEN, "/introduce-me Ana Lima")
    clock.advance(timedelta(days=2))  # Wednesday 09:00 UTC = 09:00 in Lisbon: not yet
    assert await core.intro_sweeper.run_due() == SweepResult(0, 0)
    clock.advance(timedelta(hours=1, minutes=1))
    assert await core.intro_sweeper.run_due() == SweepResult(0, 1)
    assert await core.intro_sweeper.run_due() == SweepResult(0, 0)  # once a week
    clock.advance(timedelta(days=5))  # the request's seven days are over
    assert await core.intro_sweeper.run_due() == SweepResult(1, 0)
    assert [m.recipients for m in await sent(core) if m.key.startswith("digest:")] == [["channel:board"]]
    await core.close()

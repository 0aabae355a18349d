"""Double opt-in intros: accept, decline, expiry, connector intros, limits, blocks, tenants."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.domain.intros import IntroStatus
from bot.services.intros import intro_stats
from tests.services.intro_helpers import ELSEWHERE, HOME, START, actor, join, make_core, sent, text_of

ANA, BEN, CLEO = actor("ana", "Ana Lima"), actor("ben", "Ben Okafor"), actor("cleo", "Cleo Park")


async def _request_id(core, member_id: str) -> str:  # type: ignore[no-untyped-def]
    """The request id on the Accept button of the latest ask sent to ``member_id``."""
    asks = [m for m in await sent(core) if m.recipients == [member_id] and m.reply.buttons]
    return asks[-1].reply.buttons[0].value


async def test_accepted_request_connects_both_with_who_they_are_and_why(tmp_path: Path) -> None:
    core, _ = await make_core(tmp_path)
    for who in (ANA, BEN):
        await join(core, who)
    reply = await core.router.run(BEN, "/introduce-me Ana Lima help with our partnership agreement")
    assert "asked Ana Lima" in reply.text
    [ask] = await sent(core)
    assert ask.recipients == ["ana"]
    assert "Ben Okafor would like an intro" in ask.reply.title
    assert "partnership agreement" in text_of(ask.reply)
    assert "bakery" in text_of(ask.reply)  # the asker's profile summary
    assert [b.label for b in ask.reply.buttons] == ["Accept", "Decline"]

    answer = await core.router.click(ANA, "intro.accept", ask.reply.buttons[0].value)
    assert "connected" in answer.text
    connect = (await sent(core))[-1]
    assert sorted(connect.recipients) == ["ana", "ben"]
    seen = text_of(connect.reply)
    assert "Ana Lima" in seen and "Ben Okafor" in seen and "partnership agreement" in seen
    assert "Ben Okafor is looking for" in seen and "Ana Lima offers it" in seen  # why they fit
    again = await core.router.click(ANA, "intro.accept", ask.reply.buttons[0].value)
    assert again.tone == "error" and len(await sent(core)) == 2
    await core.close()


async def test_decline_tells_the_asker_kindly_and_blocks_repeats_for_90_days(tmp_path: Path) -> None:
    core, clock = await make_core(tmp_path)
    for who in (ANA, BEN):
        await join(core, who)
    await core.router.run(BEN, '/introduce-me "Ana Lima" contracts')
    await core.router.click(ANA, "intro.decline", await _request_id(core, "ana"))
    note = (await sent(core))[-1]
    assert note.recipients == ["ben"]
    assert "will not go ahead" in note.reply.text and not note.reply.buttons
    assert "contracts" not in text_of(note.reply)  # no details
    assert not [m for m in await sent(core) if len(m.recipients) == 2]  # never connected

    clock.advance(timedelta(days=30))
    refused = await core.router.run(BEN, "/introduce-me Ana Lima please")
    assert refused.tone == "error" and "declined recently" in refused.text
    clock.advance(timedelta(days=61))
    assert (await core.router.run(BEN, "/introduce-me Ana Lima please")).tone == "success"
    await core.close()


async def test_unanswered_request_expires_after_the_setting_and_late_answers_are_refused(
    tmp_path: Path,
) -> None:
    core, clock = await make_core(tmp_path)
    for who in (ANA, BEN):
        await join(core, who)
    await core.router.run(BEN, "/introduce-me ana")
    request_id = await _request_id(core, "ana")
    clock.advance(timedelta(days=6, hours=23))
    assert await core.intros.expire_due(HOME) == 0
    clock.advance(timedelta(hours=2))
    assert await core.intros.expire_due(HOME) == 1
    note = (await sent(core))[-1]
    assert note.recipients == ["ben"] and "unanswered" in note.reply.text
    late = await core.router.click(ANA, "intro.accept", request_id)
    assert late.tone == "error" and "no longer open" in late.text
    assert not [m for m in await sent(core) if len(m.recipients) == 2]
    async with core.storage.transaction(HOME) as uow:
        stats = {f.label: f.value for f in await intro_stats(uow, START)}
    assert stats["Intro requests made"] == "1" and stats["Expired"] == "1"
    await core.close()


async def test_connector_intro_needs_both_yeses_and_thanks_the_connector(tmp_path: Path) -> None:
    core, _ = await make_core(tmp_path)
    for who in (ANA, BEN, CLEO):
        await join(core, who)
    reply = await core.router.run(CLEO, '/introduce "Ana Lima" "Ben Okafor" she drafts partnership deals')
    assert reply.tone == "success"
    await core.router.click(ANA, "intro.accept", await _request_id(core, "ana"))
    assert not [m for m in await sent(core) if len(m.recipients) == 2]  # Ben has not said yes yet
    await core.router.click(BEN, "intro.accept", await _request_id(core, "ben"))
    messages = await sent(core)
    connect = [m for m in messages if len(m.recipients) == 2]
    assert len(connect) == 1 and sorted(connect[0].recipients) == ["ana", "ben"]
    assert "introduced by Cleo Park" in connect[0].reply.title
    thanks = messages[-1]
    assert thanks.recipients == ["cleo"] and "Thank you" in thanks.reply.text
    await core.close()


async def test_connector_intro_with_one_side_declining_connects_nobody(tmp_path: Path) -> None:
    core, _ = await make_core(tmp_path)
    for who in (ANA, BEN, CLEO):
        await join(core, who)
    await core.router.run(CLEO, '/introduce "Ana Lima" "Ben Okafor"')
    await core.router.click(ANA, "intro.accept", await _request_id(core, "ana"))
    await core.router.click(BEN, "intro.decline", await _request_id(core, "ben"))
    messages = await sent(core)
    assert not [m for m in messages if len(m.recipients) == 2]
    told = {m.recipients[0]: m.reply.text for m in messages[-2:]}
    assert set(told) == {"cleo", "ana"}  # the connector, and Ana who had said yes; never who said no
    assert all("Ben Okafor declined" not in text for text in told.values())
    assert "between Ana Lima and Ben Okafor will not go ahead" in told["cleo"]
    await core.close()


async def test_block_stops_requests_both_ways_and_closes_waiting_ones(tmp_path: Path) -> None:
    core, _ = await make_core(tmp_path)
    for who in (ANA, BEN, CLEO):
        await join(core, who)
    await core.router.run(BEN, "/introduce-me Ana Lima")
    reply = await core.router.run(ANA, "/block Ben Okafor")
    assert reply.tone == "success"
    assert (await sent(core))[-1].recipients == ["ben"]  # his waiting request is closed kindly
    refused = await core.router.run(BEN, "/introduce-me Ana Lima")
    assert refused.tone == "error" and "not possible" in refused.text
    mine = await core.router.run(ANA, "/introduce-me Ben Okafor")
    assert "/unblock" in mine.text
    assert (await core.router.run(CLEO, '/introduce "Ana Lima" "Ben Okafor"')).tone == "error"
    async with core.storage.transaction(HOME) as uow:
        assert await uow.blocks.pairs() == frozenset({frozenset({"ana", "ben"})})
    assert "Ben Okafor" in (await core.router.run(ANA, "/block")).text
    await core.router.run(ANA, "/unblock Ben Okafor")
    assert (await core.router.run(ANA, "/introduce-me Ben Okafor")).tone == "success"
    await core.close()


async def test_open_request_limit_and_duplicate_requests(tmp_path: Path) -> None:
    core, _ = await make_core(tmp_path)
    manager = actor("mia", "Mia", manager=True)
    assert (await core.router.run(ANA, "/intro-settings max-open 2")).tone == "error"
    assert "2 open" in (await core.router.run(manager, "/intro-settings max-open 2 days 3")).text
    for who in (ANA, BEN, CLEO, actor("dan", "Dan")):
        await join(core, who, {"headline": "x", "working_on": "y", "looking_for": "z"})
    assert (await core.router.run(ANA, "/introduce-me Ben Okafor")).tone == "success"
    duplicate = await core.router.run(ANA, "/introduce-me Ben Okafor")
    assert "already waiting" in duplicate.text
    reverse = await core.router.run(BEN, "/introduce-me Ana Lima")
    assert "waiting for your answer" in reverse.text
    assert (await core.router.run(ANA, "/introduce-me Cleo Park")).tone == "success"
    limited = await core.router.run(ANA, "/introduce-me Dan")
    assert limited.tone == "error" and "limit is 2" in limited.text
    assert len(await sent(core)) == 2
    await core.close()


async def test_requests_never_cross_communities(tmp_path: Path) -> None:
    core, _ = await make_core(tmp_path)
    for who in (ANA, BEN):
        await join(core, who)
    stranger = actor("zed", "Zed", ELSEWHERE)
    assert (await core.router.run(stranger, "/introduce-me Ana Lima")).tone == "error"
    await core.router.run(BEN, "/introduce-me Ana Lima")
    request_id = await _request_id(core, "ana")
    imposter = actor("ana", "Ana Lima", ELSEWHERE)  # same member id, other community
    refused = await core.router.click(imposter, "intro.accept", request_id)
    assert refused.tone == "error"
    async with core.storage.transaction(HOME) as uow:
        request = await uow.intros.get(int(request_id))
    assert request is not None and request.status is IntroStatus.PENDING
    assert await sent(core, ELSEWHERE) == []
    await core.close()


async def test_my_data_covers_intro_requests_and_blocks(tmp_path: Path) -> None:
    core, _ = await make_core(tmp_path)
    for who in (ANA, BEN, CLEO):
        await join(core, who)
    await core.router.run(BEN, "/introduce-me Ana Lima")
    await core.router.run(CLEO, "/block Ben Okafor")
    exported = (await core.router.run(BEN, "/my-data export")).attachment
    assert exported is not None and '"intro_requests"' in exported.content
    assert "cleo" not in exported.content  # who blocked him is not his data
    await core.router.run(BEN, "/my-data delete confirm")
    async with core.storage.transaction(HOME) as uow:
        assert await uow.blocks.pairs() == frozenset()
        assert await uow.intros.count_by_status(START) == {}
    await core.close()


async def test_names_with_spaces_quotes_and_mentions(tmp_path: Path) -> None:
    core, _ = await make_core(tmp_path)
    for who in (ANA, BEN, CLEO, actor("ana2", "Ana Souza")):
        await join(core, who, {"headline": "x", "working_on": "y", "looking_for": "z"})
    assert (await core.router.run(BEN, "/introduce-me Ana Lima we bake")).tone == "success"
    ambiguous = await core.router.run(CLEO, "/introduce-me Ana")
    assert "Several members" in ambiguous.text
    assert (await core.router.run(CLEO, "/introduce-me <@ana2> hello")).tone == "success"
    unknown = await core.router.run(CLEO, "/introduce-me tax accountant")
    assert "/find tax accountant" in unknown.text
    asks = [m for m in await sent(core) if m.recipients == ["ana"]]
    assert asks and "we bake" in text_of(asks[0].reply)
    await core.close()


async def test_connector_intro_expiring_tells_the_connector_and_the_side_who_said_yes(tmp_path: Path) -> None:
    core, clock = await make_core(tmp_path)
    for who in (ANA, BEN, CLEO):
        await join(core, who)
    await core.router.run(CLEO, '/introduce "Ana Lima" "Ben Okafor"')
    await core.router.click(BEN, "intro.accept", await _request_id(core, "ben"))
    clock.advance(timedelta(days=8))
    assert await core.intros.expire_due(HOME) == 1
    told = {m.recipients[0] for m in (await sent(core))[-2:]}
    assert told == {"cleo", "ben"}
    await core.close()


async def test_intro_stats_count_requests_by_outcome(tmp_path: Path) -> None:
    core, _ = await make_core(tmp_path)
    dan = actor("dan", "Dan")
    for who in (ANA, BEN, CLEO, dan):
        await join(core, who, {"headline": "x", "working_on": "y", "looking_for": "z"})
    await core.router.run(BEN, "/introduce-me Ana Lima")
    await core.router.click(ANA, "intro.accept", await _request_id(core, "ana"))
    await core.router.run(BEN, "/introduce-me Cleo Park")
    await core.router.click(CLEO, "intro.decline", await _request_id(core, "cleo"))
    await core.router.run(BEN, "/introduce-me Dan")
    async with core.storage.transaction(HOME) as uow:
        stats = {f.label: f.value for f in await intro_stats(uow, START)}
    assert stats == {
        "Intro requests made": "3",
        "Accepted": "1",
        "Declined": "1",
        "Expired": "0",
        "Waiting for an answer": "1",
    }
    await core.close()

"""Running rounds: pairing messages, nobody dropped silently, previews with swaps, check-ins."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from bot.domain.errors import UserError
from bot.storage.schema import rounds
from tests.services.rounds_support import (
    MANAGER,
    join_many,
    mark_all_sent,
    member,
    open_test_core,
    queued,
    text_of,
)


async def round_states(core) -> list[str]:  # type: ignore[no-untyped-def]
    async with core.engine.connect() as db:
        return [row.state for row in (await db.execute(rounds.select().order_by(rounds.c.round_id))).all()]


async def test_run_now_connects_every_member_once_with_reasons_profiles_and_buttons(tmp_path: Path) -> None:
    core, _ = await open_test_core(tmp_path)
    actors = await join_many(core, 6)
    reply = await core.router.run(MANAGER, "/rounds run-now")
    assert reply.tone == "success" and "3 group(s)" in reply.text
    pairings = await queued(core, "round:")
    assert len(pairings) == 3
    received = Counter(r for p in pairings for r in p.recipients)
    assert received == Counter({a.member_id: 1 for a in actors})
    message = pairings[0].reply
    names = {a.member_id: a.display_name for a in actors}
    partner_names = [names[r] for r in pairings[0].recipients]
    assert all(name in message.title for name in partner_names)
    assert [item.title for item in message.items] == partner_names  # each one's profile summary
    assert any(f.label == "Why you" and f.value for f in message.fields)
    assert any(f.label == "Conversation starter" for f in message.fields)
    assert [b.action for b in message.buttons] == ["rounds.met", "rounds.not-yet", "rounds.skip-next"]
    assert await round_states(core) == ["delivering"]
    await core.close()


async def test_odd_member_with_wait_policy_is_told_why_and_goes_first_next_round(tmp_path: Path) -> None:
    core, _ = await open_test_core(tmp_path)
    actors = await join_many(core, 5)
    assert "odd is now wait" in (await core.router.run(MANAGER, "/rounds settings odd wait")).text
    await core.router.run(MANAGER, "/rounds run-now")
    [left_out] = [q for q in await queued(core, "round:") if ":m:" in q.key]
    assert "first in line" in left_out.reply.text
    waiting = left_out.recipients[0]
    await mark_all_sent(core)
    await core.router.run(MANAGER, "/rounds run-now")
    second = await queued(core, "round:2:")
    grouped_second = {r for q in second if ":g" in q.key for r in q.recipients}
    assert waiting in grouped_second
    assert len(grouped_second) == 4 and len(actors) == 5
    await core.close()


async def test_preview_shows_groups_and_quality_and_sends_nothing_then_swap_is_kept(tmp_path: Path) -> None:
    core, _ = await open_test_core(tmp_path)
    actors = await join_many(core, 4)
    preview = await core.router.run(MANAGER, "/rounds preview")
    shown = text_of(preview)
    assert preview.ephemeral and "Preview of the next round: 2 group(s)" in shown
    for label in [
        "Needs met by a partner's offer",
        "Mutual matches",
        "Repeats",
        "shared working time",
        "Odd one",
    ]:
        assert label in shown
    assert "score" in shown
    assert await queued(core) == []
    first_group = preview.items[0].title.split(". ", 1)[1].split(" + ")
    other_group = preview.items[1].title.split(". ", 1)[1].split(" + ")
    swapped = await core.router.run(MANAGER, f'/rounds swap "{first_group[0]}" "{other_group[0]}"')
    assert "Swapped" in swapped.text
    assert all(item.body for item in swapped.items)  # the changed groups are explained afresh
    await core.router.run(MANAGER, "/rounds run-now")
    names = {a.member_id: a.display_name for a in actors}
    groups = [sorted(names[r] for r in q.recipients) for q in await queued(core, "round:")]
    assert sorted([other_group[0], first_group[1]]) in groups
    assert sorted([first_group[0], other_group[1]]) in groups
    await core.close()


async def test_check_in_asks_each_group_and_not_a_fit_is_remembered(tmp_path: Path) -> None:
    core, clock = await open_test_core(tmp_path)
    actors = await join_many(core, 2)
    await core.router.run(MANAGER, "/rounds settings checkin 3")
    await core.router.run(MANAGER, "/rounds run-now")
    await mark_all_sent(core)
    await core.run_due()
    assert await round_states(core) == ["delivered"]
    clock.advance(timedelta(days=3, minutes=1))
    await core.run_due()
    [checkin] = await queued(core, "round:1:checkin:")
    assert checkin.reply.title == "Did you meet?" and set(checkin.recipients) == {a.member_id for a in actors}
    ana, ben = actors
    why = await core.router.click(ana, "rounds.no", "1")
    assert [b.value for b in why.buttons] == ["1:no_reply", "1:scheduling", "1:not_a_fit"]
    assert (await core.router.click(ana, "rounds.no-reason", "1:not_a_fit")).tone == "success"
    assert (await core.router.click(ben, "rounds.met", "1")).tone == "success"
    stranger = member("Stranger")
    assert (await core.router.click(stranger, "rounds.met", "1")).tone == "error"
    stats = text_of(await core.router.run(MANAGER, "/community stats"))
    assert "Check-in answer rate: 100% (2 of 2)" in stats
    assert "Met rate (of groups that answered): 100% (1 of 1)" in stats
    clock.advance(timedelta(days=4))
    await core.run_due()
    assert await round_states(core) == ["closed"]
    async with core.storage.transaction(ana.community) as uow:
        from bot.services.rounds_inputs import past_pairings

        history, _ = await past_pairings(uow, 8)
    assert [p.not_a_fit for p in history] == [True]
    await core.close()


async def test_skip_next_leaves_a_member_out_of_one_round_only(tmp_path: Path) -> None:
    core, _ = await open_test_core(tmp_path)
    actors = await join_many(core, 3)
    skipper = actors[0]
    assert (await core.router.click(skipper, "rounds.skip-next")).tone == "success"
    assert "skipping the next one" in (await core.router.run(skipper, "/rounds status")).text
    await core.router.run(MANAGER, "/rounds run-now")
    first = {r for q in await queued(core, "round:1:") for r in q.recipients}
    assert skipper.member_id not in first and len(first) == 2
    await mark_all_sent(core)
    await core.router.run(MANAGER, "/rounds run-now")
    second = {r for q in await queued(core, "round:2:") for r in q.recipients}
    assert skipper.member_id in second
    await core.close()


async def test_preview_names_the_odd_one_out_who_joins_a_trio(tmp_path: Path) -> None:
    core, _ = await open_test_core(tmp_path)
    actors = await join_many(core, 5)
    preview = await core.router.run(MANAGER, "/rounds preview")
    [odd] = [f.value for f in preview.fields if f.label == "Odd one out"]
    assert "joins group" in odd and any(a.display_name in odd for a in actors)
    assert sorted(len(item.title.split(" + ")) for item in preview.items) == [2, 3]
    await core.close()


async def test_members_who_blocked_each_other_are_never_paired(tmp_path: Path) -> None:
    core, _ = await open_test_core(tmp_path)
    ana, ben = await join_many(core, 2)
    assert (await core.router.run(ana, f"/block {ben.display_name}")).tone == "success"
    await core.router.run(MANAGER, "/rounds run-now")
    messages = await queued(core, "round:")
    assert all(len(m.recipients) == 1 for m in messages)  # two "no match" notices, no pairing
    assert sorted(m.recipients[0] for m in messages) == sorted([ana.member_id, ben.member_id])
    await core.close()


async def test_a_block_after_the_preview_is_honoured_when_the_round_is_sent(tmp_path: Path) -> None:
    core, _ = await open_test_core(tmp_path)
    actors = await join_many(core, 4)
    preview = await core.router.run(MANAGER, "/rounds preview")
    first = actors[0].display_name
    [group] = [item.title for item in preview.items if first in item.title]
    [partner] = [a for a in actors[1:] if a.display_name in group]
    assert (await core.router.run(actors[0], f"/block {partner.display_name}")).tone == "success"
    assert (await core.router.run(MANAGER, "/rounds run-now")).tone == "success"
    together = [set(m.recipients) for m in await queued(core, "round:") if len(m.recipients) > 1]
    assert together and not any({actors[0].member_id, partner.member_id} <= r for r in together)
    await core.close()


async def test_a_swap_that_would_pair_a_blocked_pair_is_refused_without_saying_why(tmp_path: Path) -> None:
    core, _ = await open_test_core(tmp_path)
    actors = await join_many(core, 4)
    assert (await core.router.run(actors[0], f"/block {actors[1].display_name}")).tone == "success"
    preview = await core.router.run(MANAGER, "/rounds preview")
    [group] = [item.title for item in preview.items if actors[0].display_name in item.title]
    [partner] = [a for a in actors[2:] if a.display_name in group]
    reply = await core.router.run(MANAGER, f"/rounds swap {actors[1].member_id} {partner.member_id}")
    assert reply.tone == "error" and reply.text == "That swap is not possible; try another member."
    after = await core.router.run(MANAGER, "/rounds preview")
    assert not any(
        actors[0].display_name in item.title and actors[1].display_name in item.title for item in after.items
    )
    await core.close()


async def test_sending_a_preview_twice_runs_one_round_and_says_so(tmp_path: Path) -> None:
    core, _ = await open_test_core(tmp_path)
    await join_many(core, 4)
    preview = await core.router.run(MANAGER, "/rounds preview")
    [send] = [b for b in preview.buttons if b.label == "Send it now"]
    first = await core.round_managers.run_now(MANAGER, send.value)
    assert first.tone == "success"
    messages = len(await queued(core, "round:"))
    with pytest.raises(UserError, match=rf"^That preview was already sent as round #{send.value}\.$"):
        await core.round_managers.run_now(MANAGER, send.value)
    assert len(await queued(core, "round:")) == messages and await round_states(core) == ["delivering"]
    assert (await core.router.run(MANAGER, "/rounds run-now")).tone == "success"  # typed: a new round
    assert await round_states(core) == ["delivering", "delivering"]
    await core.close()


async def test_run_now_or_preview_with_fewer_than_two_members_is_refused_and_records_nothing(
    tmp_path: Path,
) -> None:
    core, _ = await open_test_core(tmp_path)
    for command in ("/rounds run-now", "/rounds preview"):
        reply = await core.router.run(MANAGER, command)
        assert reply.text == "Only 0 member(s) are in the rounds; at least two are needed."
    await join_many(core, 1)
    reply = await core.router.run(MANAGER, "/rounds run-now")
    assert reply.tone == "error" and reply.text.startswith("Only 1 member(s) are in the rounds")
    assert await round_states(core) == [] and await queued(core, "round:") == []
    await core.close()


async def test_a_scheduled_slot_with_nobody_passes_and_a_lone_member_is_told_why(tmp_path: Path) -> None:
    core, clock = await open_test_core(tmp_path)
    await core.router.run(MANAGER, "/rounds schedule weekly monday 09:00 UTC")
    clock.advance(timedelta(hours=1, minutes=1))  # just after this Monday's slot
    await core.run_due()
    assert await round_states(core) == []
    async with core.storage.transaction(MANAGER.community) as uow:
        stored = await uow.schedules.get()
    assert stored is not None and stored.next_run_at > clock.now()
    [lone] = await join_many(core, 1)
    clock.advance(timedelta(days=7))
    await core.run_due()
    [told] = await queued(core, "round:")
    assert told.recipients == (lone.member_id,) and len(await round_states(core)) == 1
    await core.close()

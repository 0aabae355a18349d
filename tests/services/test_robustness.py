"""Odd input never crashes a command or a button: "²", huge numbers, lone surrogates, fuzzed text."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.app import Core
from bot.services.reply import Reply
from tests.services.intro_helpers import actor, join, make_core
from tests.services.test_privacy_gaps import BO_INTRO, ZOE_INTRO

MIA = actor("mia", "Mia", manager=True)
BO = actor("bo-coach", "Bo Coach")
OUTSIDER = actor("out-sider", "Out Sider")

HUGE = "99999999999999999999999"


async def community(tmp_path: Path) -> Core:
    core, _ = await make_core(tmp_path)
    await join(core, MIA, ZOE_INTRO)
    await join(core, BO, BO_INTRO)
    await core.router.run(BO, "/offer pitch coaching")
    for who in (MIA, BO):
        await core.router.run(who, "/rounds join")
    await core.router.run(MIA, "/rounds run-now")
    await core.router.run(MIA, "/introduce-me Bo Coach hi")
    return core


@pytest.mark.parametrize(
    "line",
    [
        "/offer close ²",
        "/need close ²",
        "/offer close 99999999999",
        "/digest #general friday ² UTC",
        f"/digest #general friday {HUGE} UTC",
        "/intro-settings days ²",
        "/rounds schedule weekly monday 09:00 UTC ²",
        "/rounds settings lookback ²",
        "/rounds settings checkin ²",
        "/community stats ²",
        "/offer a\ud800b",
        "/profile \ud800",
        "/block \ud800",
        '/introduce "Bo Coach" \ud800',
        "/offer x\U0010ffff",
    ],
)
async def test_odd_numbers_and_characters_get_a_friendly_sentence(tmp_path: Path, line: str) -> None:
    core = await community(tmp_path)
    try:
        reply = await core.router.run(MIA, line)
        assert reply.tone == "error", reply.text
    finally:
        await core.close()


@pytest.mark.parametrize("value", ["²", HUGE, "-1", " 1", "1\x00"])
async def test_odd_button_values_are_refused_kindly(tmp_path: Path, value: str) -> None:
    core = await community(tmp_path)
    try:
        for action in sorted(core.router.actions):
            for who in (OUTSIDER, BO):
                assert isinstance(await core.router.click(who, action, value), Reply)
    finally:
        await core.close()


TOKENS = st.sampled_from(
    ["1", "0", "-1", "²", "٣", HUGE, "#1", "Bo", '"Bo Coach"', "Mia", "confirm", "on", "off", "weekly",
     "monday", "09:00", "UTC", "2w", "until", "2026-12-24", "--private", "--who-needs", "lookback", "days",
     "stats", "setup", "preview", "#general", "\ud800", "\U0010ffff", "\x00", "'", '"', "%", "_"]
)
ANY_CHARS = st.text(st.characters(exclude_categories=()), max_size=30)
# Mostly known words and numbers, so the fuzz reaches the subcommands and their number parsing.
WORDS = st.lists(st.one_of(TOKENS, TOKENS, TOKENS, ANY_CHARS), min_size=1, max_size=5).map(" ".join)
TEXT = st.one_of(WORDS, WORDS, WORDS, ANY_CHARS)
VALUE = st.one_of(TOKENS, TOKENS, TEXT)  # a button carries one short value, as the bot made it
FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck), database=None)


def test_no_command_line_crashes(tmp_path: Path) -> None:
    with asyncio.Runner() as runner:
        core = runner.run(community(tmp_path))
        verbs = sorted(core.router.commands)

        @FUZZ
        @given(verb=st.sampled_from(verbs), text=TEXT, who=st.sampled_from([MIA, BO, OUTSIDER]))
        @example(verb="offer", text="close ²", who=BO)  # the review's findings, always tried
        @example(verb="profile", text="\ud800", who=BO)
        @example(verb="block", text="\ud800", who=MIA)
        def check(verb: str, text: str, who: object) -> None:
            reply = runner.run(core.router.run(who, f"/{verb} {text}"))  # type: ignore[arg-type]
            assert isinstance(reply, Reply)

        try:
            check()
        finally:
            runner.run(core.close())


def test_no_button_click_crashes(tmp_path: Path) -> None:
    with asyncio.Runner() as runner:
        core = runner.run(community(tmp_path))
        actions = sorted(core.router.actions)

        @FUZZ
        @given(action=st.sampled_from(actions), value=VALUE, who=st.sampled_from([MIA, BO, OUTSIDER]))
        @example(action="offer.close", value="²", who=BO)  # the review's findings, always tried
        @example(action="intro.accept", value=HUGE, who=BO)
        @example(action="intro.ask", value="\ud800", who=MIA)
        def check(action: str, value: str, who: object) -> None:
            reply = runner.run(core.router.click(who, action, value))  # type: ignore[arg-type]
            assert isinstance(reply, Reply)

        try:
            check()
        finally:
            runner.run(core.close())

"""Review findings on Slack: outside admins, locked-out admins, double sends, in-doubt digests, tokens."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from adapters.platforms import AdapterRefused, run_platforms
from adapters.slack.app import build_slack_bot
from adapters.slack.messenger import TOKEN_ALARM
from bot.app import Core
from bot.commands.registry import CommandSpec
from bot.delivery.ports import TransientFailure
from bot.domain.models import Actor
from bot.services.reply import Reply
from tests.adapters.slack.conftest import ANA, BEN, CARLA, Slack, all_text, button, buttons, slack_settings
from tests.adapters.slack.fake_slack import FakeSlack, Scripted
from tests.adapters.slack.test_feature_commands import needs
from tests.adapters.slack.test_intro_modal import ANSWERS
from tests.adapters.slack.test_messenger import message, messenger
from tests.adapters.slack.test_translate_render import ROOT, manifest_scopes


async def manager_area(actor: Actor, args: str) -> Reply:
    return Reply(text="manager area")


def guard(slack: Slack) -> None:
    slack.core.router.commands["secret"] = CommandSpec(
        "secret", "/secret", "t", manager_area, managers_only=True
    )


@pytest.mark.parametrize(
    "facts",
    [
        {"team_id": "T0OTHERORG"},  # a Slack Connect admin of another organisation
        {"is_stranger": True},
        {"is_restricted": True},  # a guest, whatever flags they carry
    ],
)
async def test_admins_from_elsewhere_and_guests_are_not_managers(
    slack: Slack, facts: dict[str, object]
) -> None:
    guard(slack)
    slack.fake.add_user("U0EXT", "Eve External", admin=True)
    slack.fake.users["U0EXT"].update(is_owner=True, **facts)

    await slack.command("/secret", user="U0EXT")
    assert "Only community managers can use /secret." in all_text(slack.last_response())
    await slack.command("/secret", user=CARLA)  # our own admin still manages
    assert "manager area" in all_text(slack.last_response())


async def test_send_it_now_replaces_the_preview_so_its_buttons_are_gone(slack: Slack) -> None:
    needs(slack, "rounds")
    for user, need, offer in [
        (ANA, "a pitch deck designer", "python data pipelines"),
        (BEN, "a python data engineer", "pitch decks"),
    ]:
        await slack.command("/intro", user=user)
        view = slack.fake.to("views.open")[-1]["view"]
        answers = {**ANSWERS, "looking_for": need, "strengths": offer}
        await slack.interaction(slack.submission(answers, view, user=user))
        await slack.command("/rounds", "join", user=user)
    await slack.command("/rounds", "preview", user=CARLA)
    send = button(slack.last_response(), "Send it now")

    await slack.click(send, user=CARLA)

    answered = slack.last_response()
    assert answered["replace_original"] is True
    assert buttons(answered) == []
    assert "on its way" in all_text(answered)


@pytest.mark.parametrize("error", ["missing_scope", "invalid_cursor"])
async def test_an_unreadable_digest_channel_is_never_posted_twice(fake: FakeSlack, error: str) -> None:
    slack = messenger(fake)
    digest = message("digest:2026-W48", "channel:G0PRIVATE", reply=Reply(title="This week's offers"))
    fake.script("chat.postMessage", Scripted(503, "<html>upstream timeout</html>", perform=True))
    unreadable = Scripted(200, {"ok": False, "error": error, "needed": "groups:history"})
    fake.script("conversations.history", unreadable, unreadable)

    with pytest.raises(TransientFailure):
        await slack.deliver(digest)  # posted, but the answer was lost
    with pytest.raises(TransientFailure):
        await slack.was_delivered(digest)  # "don't know": the outbox asks again later

    assert await slack.was_delivered(digest) is True  # history readable again: it is there
    assert len(fake.posts()) == 1


@pytest.mark.parametrize("error", ["not_in_channel", "channel_not_found"])
async def test_a_channel_the_bot_is_not_in_holds_none_of_its_messages(fake: FakeSlack, error: str) -> None:
    fake.script("conversations.history", Scripted(200, {"ok": False, "error": error}))

    assert await messenger(fake).was_delivered(message("digest:w1", "channel:C0SECRET")) is False


def test_both_manifests_ask_for_private_channel_history() -> None:
    for name in ("manifest.yml", "manifest-http.yml"):
        assert "groups:history" in manifest_scopes(ROOT / "deploy/slack" / name)


async def test_a_revoked_token_keeps_messages_waiting_and_says_so_once(
    fake: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    TOKEN_ALARM.clear()  # another test may have left it raised
    slack = messenger(fake, retries=0)
    for code in ("token_revoked", "invalid_auth", "account_inactive"):
        for method in ("chat.postMessage", "conversations.history"):
            fake.script(method, Scripted(200, {"ok": False, "error": code}))
        with pytest.raises(TransientFailure):
            await slack.deliver(message(f"k:{code}", "channel:C0DIGEST"))

    alarms = [r for r in caplog.records if r.levelname == "ERROR" and "SLACK_BOT_TOKEN" in r.getMessage()]
    assert len(alarms) == 1
    assert not fake.posts()
    await slack.deliver(message("k:fixed", ANA))  # token fixed: it goes out
    assert len(fake.posts()) == 1


async def test_an_unreadable_manager_group_leaves_admins_in_charge(
    slack: Slack, caplog: pytest.LogCaptureFixture
) -> None:
    guard(slack)
    no_scope = Scripted(200, {"ok": False, "error": "missing_scope", "needed": "usergroups:read"})
    slack.fake.script("usergroups.users.list", *[no_scope] * 5)

    await slack.command("/community", "setup manager_role <!subteam^S0TEAM|@team>", user=CARLA)
    await slack.command("/secret", user=CARLA)

    assert "manager area" in all_text(slack.last_response())
    await slack.command("/secret", user=ANA)  # not an admin: still no manager
    assert "Only community managers" in all_text(slack.last_response())
    await slack.command("/secret", user=CARLA)
    warnings = [r for r in caplog.records if r.levelname == "WARNING" and "usergroups:read" in r.getMessage()]
    assert len(warnings) == 1  # said once per cache period, not on every command


@pytest.mark.parametrize("secret", ["", "   "])
async def test_http_mode_without_a_signing_secret_refuses_to_start(
    core: Core, fake: FakeSlack, secret: str
) -> None:
    with pytest.raises(AdapterRefused, match="SLACK_SIGNING_SECRET"):
        build_slack_bot(core, slack_settings(fake, slack_signing_secret=secret))

    socket_mode = slack_settings(fake, slack_signing_secret=secret, slack_app_token="xapp-1-test")
    assert build_slack_bot(core, socket_mode).messenger is not None  # Socket Mode needs no secret


async def test_partnerbot_run_explains_the_missing_secret_and_exits(
    tmp_path: Path, fake: FakeSlack, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = slack_settings(
        fake, slack_signing_secret="", database_url=f"sqlite+aiosqlite:///{tmp_path}/run.db"
    )

    assert await asyncio.wait_for(run_platforms(settings), timeout=10) == 2  # not serving forever
    assert "SLACK_SIGNING_SECRET" in capsys.readouterr().err

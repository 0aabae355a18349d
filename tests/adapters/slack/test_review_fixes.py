"""Review findings on Slack: outside admins, locked-out admins, double sends, in-doubt digests, tokens."""

from __future__ import annotations

import pytest

from bot.commands.registry import CommandSpec
from bot.domain.models import Actor
from bot.services.reply import Reply
from tests.adapters.slack.conftest import ANA, BEN, CARLA, Slack, all_text, button, buttons
from tests.adapters.slack.test_feature_commands import needs
from tests.adapters.slack.test_intro_modal import ANSWERS


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

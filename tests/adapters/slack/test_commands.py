"""Slash commands end to end: signed form posts in, acknowledgements and response_url answers out."""

from __future__ import annotations

import json
from dataclasses import replace

from adapters.slack.app import build_slack_bot
from bot.app import Core
from bot.commands.registry import CommandSpec
from bot.domain.models import Actor, CommunityRef
from bot.services.reply import Reply
from tests.adapters.slack.conftest import ANA, BEN, CARLA, Slack, all_text, button, slack_settings
from tests.adapters.slack.fake_slack import TEAM, FakeSlack


async def manager_area(actor: Actor, args: str) -> Reply:
    return Reply(text="manager area")


async def test_a_command_is_acknowledged_empty_and_answered_through_the_response_url(slack: Slack) -> None:
    response = await slack.command("/offer", "Python, data pipelines")

    assert response.status == 200
    assert response.body == ""
    answer = slack.last_response()
    assert answer["response_type"] == "ephemeral"
    assert "Posted offer #1 on the board: Python, data pipelines" in all_text(answer)
    assert answer["name"] == f"cmd-{ANA}"


async def test_offer_without_text_is_a_clear_ephemeral_error_and_posts_nothing(slack: Slack) -> None:
    await slack.command("/offer", "   ")

    answer = slack.last_response()
    assert answer["response_type"] == "ephemeral"
    assert "Please say what you offer. Usage: /offer" in all_text(answer)
    await slack.command("/board")
    assert "Nothing on the board matches" in all_text(slack.last_response())


async def test_need_posts_and_board_lists_it_with_the_authors_slack_name(slack: Slack) -> None:
    await slack.command("/need", "a designer for pitch decks", user=BEN)
    await slack.command("/board", "needs design")

    board = slack.last_response()
    assert "Needs matching “design”" in all_text(board)
    assert "#1 Need · Ben Okafor" in all_text(board)
    assert "a designer for pitch decks" in all_text(board)


async def test_need_close_of_someone_elses_post_is_refused(slack: Slack) -> None:
    await slack.command("/need", "a lawyer", user=BEN)
    await slack.command("/need", "close 1", user=ANA)

    assert "Need #1 is not yours" in all_text(slack.last_response())


async def test_board_pages_with_buttons_that_replace_the_listing(slack: Slack) -> None:
    for number in range(7):
        await slack.command("/offer", f"skill number {number}")
    await slack.command("/board", "offers")
    first_page = slack.last_response()
    assert "Page 1 of 2" in all_text(first_page)

    await slack.click(button(first_page, "Next ▶"))

    second_page = slack.last_response()
    assert second_page["replace_original"] is True
    assert "Page 2 of 2" in all_text(second_page)
    assert "skill number 0" in all_text(second_page)
    assert "skill number 6" not in all_text(second_page)


async def test_profile_of_a_mentioned_member_uses_their_slack_id(slack: Slack) -> None:
    await slack.command("/profile", user=BEN)  # Ben joins the community
    await slack.command("/profile", f"<@{BEN}|ben>")

    assert "Ben Okafor has not written an intro yet." in all_text(slack.last_response())


async def test_profile_of_a_user_from_another_workspace_is_not_found(slack: Slack) -> None:
    await slack.command("/profile", "<@W0OTHERORG|stranger>")

    answer = slack.last_response()
    assert answer["response_type"] == "ephemeral"
    assert "No member called “W0OTHERORG” in this community" in all_text(answer)


async def test_unknown_command_points_to_help(slack: Slack) -> None:
    await slack.command("/partnerbot", "frobnicate now")

    answer = slack.last_response()
    assert answer["response_type"] == "ephemeral"
    assert "I don't know the command “/frobnicate”. Type /help" in all_text(answer)


async def test_help_lists_commands_and_the_umbrella_command_routes_any_verb(slack: Slack) -> None:
    await slack.command("/help")
    assert "/offer" in all_text(slack.last_response())

    await slack.command("/partnerbot", "offer Figma, brand design")
    assert "Posted offer #1" in all_text(slack.last_response())


async def test_my_data_export_sends_a_file_and_delete_asks_first(slack: Slack) -> None:
    await slack.command("/offer", "bookkeeping")
    await slack.command("/my-data", "export")

    completed = slack.fake.to("files.completeUploadExternal")
    assert completed and completed[0]["channel_id"] == f"D{ANA}"
    assert slack.fake.to("upload")
    await slack.command("/my-data", "delete")
    assert "Delete" in all_text(slack.last_response())

    await slack.command("/my-data", "shred")
    assert "Please say export or delete." in all_text(slack.last_response())


async def test_a_member_users_info_cannot_describe_still_works_under_the_command_user_name(
    slack: Slack,
) -> None:
    await slack.command("/offer", "welding", user="U0GHOST")

    assert "Posted offer #1" in all_text(slack.last_response())
    await slack.command("/board")
    assert "#1 Offer · u0ghost" in all_text(slack.last_response())


async def test_admins_are_managers_and_members_are_not(slack: Slack) -> None:
    slack.core.router.commands["secret"] = CommandSpec(
        "secret", "/secret", "t", manager_area, managers_only=True
    )

    await slack.command("/secret", user=ANA)
    assert "Only community managers can use /secret." in all_text(slack.last_response())
    await slack.command("/secret", user=CARLA)
    assert "manager area" in all_text(slack.last_response())
    assert json.dumps(slack.fake.to("users.info")).count(CARLA) == 1


async def test_a_configured_user_group_decides_who_manages(core: Core, fake: FakeSlack) -> None:
    core.router.commands["secret"] = CommandSpec("secret", "/secret", "t", manager_area, managers_only=True)
    fake.usergroups["S0MANAGERS"] = [BEN]
    slack = Slack(
        build_slack_bot(core, slack_settings(fake, slack_manager_usergroup="S0MANAGERS")), fake, core
    )

    await slack.command("/secret", user=CARLA)  # a workspace admin, but not in the group
    assert "Only community managers" in all_text(slack.last_response())
    await slack.command("/secret", user=BEN)
    assert "manager area" in all_text(slack.last_response())


async def test_the_communitys_manager_group_from_setup_beats_the_setting(slack: Slack) -> None:
    slack.core.router.commands["secret"] = CommandSpec(
        "secret", "/secret", "t", manager_area, managers_only=True
    )
    slack.fake.usergroups["S0TEAM"] = [ANA]
    await slack.command("/profile", user=ANA)  # the community exists once someone has used the bot
    async with slack.core.storage.transaction(CommunityRef("slack", TEAM)) as uow:
        settings = await uow.communities.settings()
        await uow.communities.save_settings(
            replace(settings, extra={**settings.extra, "manager_role": "S0TEAM"})
        )

    await slack.command("/secret", user=ANA)
    assert "manager area" in all_text(slack.last_response())
    await slack.command("/secret", user=CARLA)  # an admin, but the community chose a group
    assert "Only community managers" in all_text(slack.last_response())


async def test_a_crash_in_the_core_gets_an_apology_not_silence(slack: Slack) -> None:
    async def broken(actor: Actor, args: str) -> Reply:
        raise RuntimeError("database on fire")

    slack.core.router.commands["offer"] = CommandSpec("offer", "/offer", "t", broken)

    await slack.command("/offer", "anything")

    answer = slack.last_response()
    assert answer["response_type"] == "ephemeral"
    assert "Something went wrong on my side" in all_text(answer)

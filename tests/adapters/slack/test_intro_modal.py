"""/intro: the modal opens with the trigger id, saves on submit, pre-fills on edit, shows errors inline."""

from __future__ import annotations

import json
from typing import Any

from tests.adapters.slack.conftest import ANA, Slack, all_text, button, fixture_json

ANSWERS = {
    "headline": "Data engineer for small shops",
    "working_on": "A pipeline product for bakeries",
    "looking_for": "A designer for pitch decks",
    "strengths": "",
    "unique_edge": "",
    "skills": "python, dbt",
    "timezone": "europe/lisbon",
    "languages": "english",
    "links": "",
}


async def open_intro(slack: Slack) -> dict[str, Any]:
    await slack.command("/intro")
    opened = slack.fake.to("views.open")[-1]
    assert opened["trigger_id"].startswith("13345224609.")
    view: dict[str, Any] = opened["view"]
    return view


async def test_intro_opens_a_modal_with_the_four_questions(slack: Slack) -> None:
    view = await open_intro(slack)

    assert view["type"] == "modal"
    assert view["title"]["text"] == "Introduce yourself"
    labels = [block["label"]["text"] for block in view["blocks"]]
    assert labels[:5] == [
        "Headline",
        "What I am working on",
        "What others can do for me",
        "What I do better than anyone I know",
        "What only I can do",
    ]
    assert json.loads(view["private_metadata"])["submit"] == "intro.save"
    assert not slack.fake.to("response_url")


async def test_submitting_the_modal_saves_the_intro_and_confirms(slack: Slack) -> None:
    view = await open_intro(slack)

    response = await slack.interaction(slack.submission(ANSWERS, view))

    assert response.status == 200 and response.body == ""
    confirmation = slack.last_response()
    assert "Saved your intro: Ana Lima" in all_text(confirmation)
    assert "Europe/Lisbon" in all_text(confirmation)
    await slack.command("/profile")
    assert "A designer for pitch decks" in all_text(slack.last_response())


async def test_editing_prefills_the_modal_with_the_saved_answers(slack: Slack) -> None:
    await slack.interaction(slack.submission(ANSWERS, await open_intro(slack)))

    view = await open_intro(slack)

    assert view["title"]["text"] == "Edit your intro"
    prefilled = {block["block_id"]: block["element"].get("initial_value") for block in view["blocks"]}
    assert prefilled["headline"] == ANSWERS["headline"]
    assert prefilled["timezone"] == "Europe/Lisbon"


async def test_a_bad_answer_is_shown_under_its_field_and_nothing_is_saved(slack: Slack) -> None:
    view = await open_intro(slack)

    response = await slack.interaction(slack.submission({**ANSWERS, "timezone": "Mars/Olympus"}, view))

    body = json.loads(response.body)
    assert body["response_action"] == "errors"
    assert list(body["errors"]) == ["timezone"]
    assert "Mars/Olympus" in body["errors"]["timezone"]
    await slack.command("/profile")
    assert "You have no intro yet" in all_text(slack.last_response())


async def test_an_empty_required_answer_is_flagged_on_that_field(slack: Slack) -> None:
    view = await open_intro(slack)

    response = await slack.interaction(slack.submission({**ANSWERS, "working_on": "  "}, view))

    assert json.loads(response.body)["errors"].keys() == {"working_on"}


async def test_write_my_intro_button_opens_the_modal(slack: Slack) -> None:
    await slack.command("/profile")

    await slack.click(button(slack.last_response(), "Write my intro"))

    assert slack.fake.to("views.open")[-1]["view"]["callback_id"] == "pbform"


async def test_an_expired_trigger_gets_an_ephemeral_explanation(slack: Slack) -> None:
    from tests.adapters.slack.fake_slack import Scripted

    slack.fake.script("views.open", Scripted(200, {"ok": False, "error": "expired_trigger_id"}))
    await slack.command("/intro", user=ANA)

    answer = slack.last_response()
    assert answer["response_type"] == "ephemeral"
    assert "please run the command again" in all_text(answer)


async def test_an_intro_written_from_app_home_refreshes_the_home_tab(slack: Slack) -> None:
    await slack.event(fixture_json("app_home_opened.json"))
    home = slack.fake.to("views.publish")[-1]["view"]
    await slack.click(button(home, "Edit my intro"), home=True)
    view = slack.fake.to("views.open")[-1]["view"]
    assert json.loads(view["private_metadata"]) == {"submit": "intro.save", "home": True}

    await slack.interaction(slack.submission(ANSWERS, view))

    refreshed = all_text(slack.fake.to("views.publish")[-1]["view"])
    assert "Saved your intro: Ana Lima" in refreshed
    assert "Data engineer for small shops" in refreshed
    assert not slack.fake.to("response_url")


async def test_a_failure_while_saving_keeps_the_modal_open_with_an_apology(slack: Slack) -> None:
    from bot.commands.registry import FormSpec

    async def broken(actor: object, values: dict[str, str]) -> object:
        raise RuntimeError("database on fire")

    view = await open_intro(slack)
    slack.core.router.forms["intro.save"] = FormSpec("intro.save", broken)  # type: ignore[arg-type]

    response = await slack.interaction(slack.submission(ANSWERS, view))

    body = json.loads(response.body)
    assert body["response_action"] == "errors"
    assert "Something went wrong on my side" in body["errors"]["headline"]

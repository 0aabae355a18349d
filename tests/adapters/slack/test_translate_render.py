"""The pure halves of the adapter: Slack text to core text, replies to Block Kit, the manifest."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from adapters.slack import translate
from adapters.slack.render import form_errors, modal, reply_blocks, safe
from bot.app import Core
from bot.services.reply import Field, Form, FormField, Item, Reply

ROOT = Path(__file__).parents[3]
DESIGN_VERBS = {
    "intro", "profile", "offer", "need", "board", "find", "introduce", "introduce-me",
    "rounds", "block", "my-data", "community", "help", "unblock", "digest", "intro-settings",
}  # fmt: skip


def test_slack_entities_become_plain_text_and_ids() -> None:
    typed = (
        "hi <@U0BEN|ben> in <#C0GEN|general> <!here> <!subteam^S1|@devs> <https://x.io|x.io> "
        "a &lt;b&gt; &amp;amp;"
    )

    assert translate.plain_text(typed) == "hi U0BEN in C0GEN @here S1 https://x.io a <b> &amp;"


def test_the_umbrella_command_runs_any_verb() -> None:
    assert translate.command_line({"command": "/partnerbot", "text": "rounds join"}) == "/rounds join"
    assert translate.command_line({"command": "/partnerbot", "text": ""}) == "/help"
    assert translate.command_line({"command": "/Offer", "text": " Python "}) == "/offer Python"


def test_clicks_decode_the_action_and_whether_to_replace() -> None:
    body = {"actions": [{"action_id": "pbp:board.page:1", "value": "2 offers python"}]}

    assert translate.click(body) == translate.Click("board.page", "2 offers python", True)
    assert translate.click({"actions": [{"action_id": "someone.else"}]}) is None


def test_dedupe_keys_follow_the_gesture_not_the_delivery() -> None:
    event = {"event_id": "Ev1", "event": {}}
    click = {"type": "block_actions", "trigger_id": "t1", "actions": [{"action_ts": "1.2"}]}

    assert translate.dedupe_key(event) == translate.dedupe_key(dict(event)) == "event:Ev1"
    assert translate.dedupe_key(click) == "block_actions:t1:1.2"
    assert translate.dedupe_key({"type": "url_verification"}) is None


@given(st.text(max_size=300))
def test_user_text_never_renders_a_live_mention_or_link(text: str) -> None:
    rendered = safe(translate.plain_text(text))

    assert "<" not in rendered and ">" not in rendered
    assert not re.search(r"(?<![\w\u200b])@(here|channel|everyone)\b", rendered)


def test_replies_fit_slack_limits() -> None:
    reply = Reply(
        title="T" * 400,
        text="x" * 5000,
        fields=tuple(Field(f"f{i}", "v" * 3000, inline=True) for i in range(25)),
        items=tuple(Item(title=f"item {i}", body="b" * 4000) for i in range(60)),
    )

    blocks = reply_blocks(reply)

    assert len(blocks) <= 50
    assert len(blocks[0]["text"]["text"]) <= 150
    for block in blocks:
        if block.get("text"):
            assert len(block["text"]["text"]) <= 3000
        assert len(block.get("fields", [])) <= 10
        assert all(len(f["text"]) <= 2000 for f in block.get("fields", []))


def test_an_empty_reply_still_renders_a_block() -> None:
    assert reply_blocks(Reply()) == [{"type": "section", "text": {"type": "mrkdwn", "text": "Done."}}]


def test_a_modal_prefills_and_marks_optional_fields() -> None:
    form = Form(
        "intro",
        "A title far too long for a Slack modal",
        (
            FormField("headline", "Headline", value="Hi", required=True, max_chars=200),
            FormField("bio", "Bio", multiline=True, max_chars=9000),
        ),
        "intro.save",
    )

    view = modal(form, translate.form_metadata("intro.save", "https://r"))

    assert len(view["title"]["text"]) <= 24
    first, second = view["blocks"]
    assert first["element"]["initial_value"] == "Hi" and first["optional"] is False
    assert second["optional"] is True and second["element"]["max_length"] == 3000
    assert json.loads(view["private_metadata"]) == {"submit": "intro.save", "response_url": "https://r"}


def test_form_errors_land_on_the_named_field() -> None:
    labels = {"headline": "Headline", "links": "Links"}

    assert form_errors("Headline is empty; please write a few words.", labels) == {
        "headline": "Headline is empty; please write a few words."
    }
    assert list(form_errors("“ftp:x” is not a web link; links start with https://.", labels)) == ["links"]
    assert list(form_errors("Something else.", labels)) == ["headline"]


def manifest_commands(path: Path) -> list[str]:
    return re.findall(r"^\s*- command: /(\S+)$", path.read_text(), re.MULTILINE)


def manifest_scopes(path: Path) -> list[str]:
    return re.findall(r"^\s{6}- ([a-z:]+)", path.read_text(), re.MULTILINE)


def test_the_manifests_declare_every_verb_and_agree(core: Core) -> None:
    socket, http = ROOT / "deploy/slack/manifest.yml", ROOT / "deploy/slack/manifest-http.yml"
    verbs = set(manifest_commands(socket))

    assert manifest_commands(socket) == manifest_commands(http)
    assert manifest_scopes(socket) == manifest_scopes(http)
    assert DESIGN_VERBS | set(core.router.commands) <= verbs
    assert {"commands", "chat:write", "im:write", "mpim:write", "users:read"} <= set(manifest_scopes(socket))
    assert "socket_mode_enabled: true" in socket.read_text()
    assert http.read_text().count("https://YOUR-HOST/slack/events") == len(verbs) + 2

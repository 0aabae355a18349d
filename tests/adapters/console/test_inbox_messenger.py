"""The console's inbox file: one JSON line per delivered message, shared by processes, read per member."""

from __future__ import annotations

from pathlib import Path

from adapters.console.messenger import InboxFileMessenger, read_inbox
from bot.delivery.ports import OutboundMessage
from bot.domain.models import CommunityRef
from bot.services.reply import Button, Reply

ACME = CommunityRef("console", "acme")
BETA = CommunityRef("console", "beta")


def _message(key: str, *recipients: str, community: CommunityRef = ACME) -> OutboundMessage:
    reply = Reply(title="Meet Bob", text="You both work on data.", buttons=(Button("We met", "checkin.met"),))
    return OutboundMessage(key, community, recipients, reply)


async def test_delivered_messages_are_read_back_per_member_and_community(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox.jsonl"
    messenger = InboxFileMessenger(inbox, fsync=False)
    await messenger.deliver(_message("pair:1", "ana", "bob"))
    await messenger.deliver(_message("dm:2", "bob"))
    await messenger.deliver(_message("dm:3", "ana", community=BETA))
    messenger.close()
    assert [m["key"] for m in read_inbox(inbox, "ana")] == ["pair:1", "dm:3"]
    assert [m["key"] for m in read_inbox(inbox, "ana", "console:acme")] == ["pair:1"]
    [first] = read_inbox(inbox, "bob", "console:acme")[:1]
    assert first["recipients"] == ["ana", "bob"]
    assert first["reply"]["title"] == "Meet Bob"
    assert first["reply"]["buttons"][0]["action"] == "checkin.met"
    assert read_inbox(tmp_path / "missing.jsonl", "ana") == []


async def test_was_delivered_sees_what_another_process_appended(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox.jsonl"
    other_process = InboxFileMessenger(inbox)
    this_process = InboxFileMessenger(inbox)
    assert not await this_process.was_delivered(_message("dm:1", "ana"))
    await other_process.deliver(_message("dm:1", "ana"))
    assert await this_process.was_delivered(_message("dm:1", "ana"))
    assert not await this_process.was_delivered(_message("dm:1", "ana", community=BETA))
    # A line torn by a crash mid-write is not a delivery.
    with inbox.open("ab") as file:
        file.write(b'{"key": "dm:2", "commun')
    await other_process.deliver(_message("dm:3", "ana"))
    assert not await this_process.was_delivered(_message("dm:2", "ana"))
    assert await this_process.was_delivered(_message("dm:3", "ana"))
    assert [m["key"] for m in read_inbox(inbox, "ana")] == ["dm:1", "dm:3"]
    other_process.close()

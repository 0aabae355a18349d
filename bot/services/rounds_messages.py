"""What match rounds say to members: pairing, left out, reminder, check-in, pause over, notices."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.models import Member, Profile
from bot.domain.round_records import NO_REASON_LABELS, NoReason, Placement
from bot.domain.rounds import format_local
from bot.domain.text import shorten
from bot.services.reply import Button, ButtonStyle, Field, Item, Reply, Tone

MET_ACTION = "rounds.met"
NOT_YET_ACTION = "rounds.not-yet"
NO_ACTION = "rounds.no"
NO_REASON_ACTION = "rounds.no-reason"
SKIP_NEXT_ACTION = "rounds.skip-next"
JOIN_ACTION = "rounds.join"
SUMMARY_CHARS = 200


def pairing_message(
    round_id: int, group: Sequence[Placement], members: Mapping[str, Member], profiles: Mapping[str, Profile]
) -> Reply:
    """The message that connects a group: who, why, how to start, each one's profile, and buttons."""
    names = [_name(p.member_id, members) for p in group]
    first = group[0]
    fields = [
        Field("Why you", "\n".join(f"• {reason}" for reason in first.reasons) or "You are both here to meet.")
    ]
    if first.starter:
        fields.append(Field("Conversation starter", first.starter))
    if first.is_repeat:
        fields.append(Field("Note", "You have met in a recent round; no better match was free this time."))
    return Reply(
        title=f"Your match this round: {_join(names)}",
        text=f"Meet {_join(names)}! Say hello here and find a time to talk.",
        fields=tuple(fields),
        items=tuple(profile_item(p.member_id, members, profiles) for p in group),
        buttons=round_buttons(round_id),
        ephemeral=False,
    )


def round_buttons(round_id: int) -> tuple[Button, ...]:
    value = str(round_id)
    return (
        Button("We met", MET_ACTION, value, ButtonStyle.PRIMARY),
        Button("Not yet", NOT_YET_ACTION, value),
        Button("Skip me next round", SKIP_NEXT_ACTION, value),
    )


def profile_item(member_id: str, members: Mapping[str, Member], profiles: Mapping[str, Profile]) -> Item:
    profile = profiles.get(member_id)
    if profile is None:
        return Item(_name(member_id, members))
    fields = [
        Field("Working on", shorten(profile.working_on, SUMMARY_CHARS)),
        Field("Looking for", shorten(profile.looking_for, SUMMARY_CHARS)),
    ]
    if profile.strengths:
        fields.append(Field("Offers", shorten(profile.strengths, SUMMARY_CHARS)))
    if profile.skills:
        fields.append(Field("Skills", ", ".join(profile.skills), inline=True))
    if profile.timezone:
        fields.append(Field("Timezone", profile.timezone, inline=True))
    return Item(_name(member_id, members), body=profile.headline, fields=tuple(fields))


def left_out_message(reason: str) -> Reply:
    return Reply(
        title="No match for you this round",
        text=f"{reason} You are first in line for the next round.",
        buttons=(Button("Skip me next round", SKIP_NEXT_ACTION),),
        ephemeral=False,
    )


def reminder_message(slot: datetime, zone: ZoneInfo) -> Reply:
    return Reply(
        title="A match round starts tomorrow",
        text=f"The next round is on {format_local(slot, zone)}. Can't make it? Skip this one.",
        buttons=(Button("Skip this one", SKIP_NEXT_ACTION),),
        ephemeral=False,
    )


def checkin_message(round_id: int, names: Sequence[str]) -> Reply:
    value = str(round_id)
    return Reply(
        title="Did you meet?",
        text=f"A few days ago you were matched: {_join(list(names))}. Did you meet?",
        buttons=(
            Button("Yes, we met", MET_ACTION, value, ButtonStyle.PRIMARY),
            Button("Not yet", NOT_YET_ACTION, value),
            Button("No", NO_ACTION, value),
        ),
        ephemeral=False,
    )


def why_not_message(round_id: int) -> Reply:
    return Reply(
        text="Thanks for saying. What got in the way? (This helps the next matches.)",
        buttons=tuple(
            Button(label, NO_REASON_ACTION, f"{round_id}:{reason.value}")
            for reason, label in NO_REASON_LABELS.items()
        ),
    )


def pause_over_message() -> Reply:
    return Reply(
        title="Welcome back to match rounds",
        text=(
            "Your pause is over: you are in the next round again. "
            "/rounds pause or /rounds leave to change that."
        ),
        ephemeral=False,
    )


def manager_notice(text: str) -> Reply:
    return Reply(title="Match rounds", text=text, tone=Tone.INFO, ephemeral=False)


def answer_thanks(answer_text: str) -> Reply:
    return Reply.success(answer_text)


def no_reason_from(value: str) -> tuple[str, NoReason | None]:
    round_part, _, reason = value.partition(":")
    try:
        return round_part, NoReason(reason)
    except ValueError:
        return round_part, None


def _name(member_id: str, members: Mapping[str, Member]) -> str:
    member = members.get(member_id)
    return member.display_name if member else member_id


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

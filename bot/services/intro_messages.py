"""The messages of a double opt-in intro: the ask, the connection, the thanks and the kind no."""

from __future__ import annotations

from bot.domain.intros import IntroKind, IntroRequest
from bot.domain.models import Member, Profile
from bot.domain.text import shorten
from bot.matching.text import explain_match
from bot.services.reply import Button, ButtonStyle, Field, Reply, Tone

ACCEPT_ACTION = "intro.accept"
DECLINE_ACTION = "intro.decline"
NAME_FALLBACK = "a former member"
SUMMARY_CHARS = 300  # a summary, not the whole intro: /profile shows the rest


def profile_fields(member: Member, profile: Profile | None) -> tuple[Field, ...]:
    """What a member says about their work: never their links or contact, which wait for a yes."""
    if profile is None:
        return (Field(member.display_name, "has not written an intro yet."),)
    fields = [Field(f"{member.display_name}", profile.headline or "(no headline)")]
    if profile.working_on:
        fields.append(Field("Working on", shorten(profile.working_on, SUMMARY_CHARS)))
    if profile.strengths:
        fields.append(Field("Does best", shorten(profile.strengths, SUMMARY_CHARS)))
    if profile.skills:
        fields.append(Field("Skills", ", ".join(profile.skills), inline=True))
    if profile.timezone:
        fields.append(Field("Timezone", profile.timezone, inline=True))
    return tuple(fields)


def complementarity(a: Member, b: Member, profiles: dict[str, Profile]) -> tuple[Field, ...]:
    """Why two members fit, from what each needs and the other does best (the engine's words)."""
    lines = []
    for asker, helper in ((a, b), (b, a)):
        need, offer = profiles.get(asker.member_id), profiles.get(helper.member_id)
        if need is None or offer is None:
            continue
        offered = " ".join([offer.headline, offer.strengths, offer.unique_edge, ", ".join(offer.skills)])
        shared = explain_match(need.looking_for, offered)
        if shared:
            lines.append(f"{asker.display_name} is looking for {shared}; {helper.display_name} offers it.")
    return (Field("Why you two", " ".join(lines)),) if lines else ()


def _answer_buttons(request_id: int) -> tuple[Button, ...]:
    value = str(request_id)
    return (
        Button("Accept", ACCEPT_ACTION, value, ButtonStyle.PRIMARY),
        Button("Decline", DECLINE_ACTION, value),
    )


def _why(reason: str) -> tuple[Field, ...]:
    return (Field("Why", reason),) if reason else ()


def ask_direct(request: IntroRequest, asker: Member, profile: Profile | None, days: int) -> Reply:
    return Reply(
        title=f"{asker.display_name} would like an intro to you",
        text=(
            "If you accept, I will connect you both in a private message. If you decline, they are "
            f"told kindly, without details. Nothing is shared until you say yes (you have {days} days)."
        ),
        fields=_why(request.reason) + profile_fields(asker, profile),
        buttons=_answer_buttons(request.request_id),
        ephemeral=False,
    )


def ask_connector(
    request: IntroRequest, connector: Member, other: Member, profile: Profile | None, days: int
) -> Reply:
    return Reply(
        title=f"{connector.display_name} would like to introduce you to {other.display_name}",
        text=(
            f"You will be connected only if you both accept. If either of you declines, nobody is told "
            f"who. Nothing is shared until you both say yes (you have {days} days)."
        ),
        fields=_why(request.reason) + profile_fields(other, profile),
        buttons=_answer_buttons(request.request_id),
        ephemeral=False,
    )


def connected(
    request: IntroRequest,
    a: Member,
    b: Member,
    profiles: dict[str, Profile],
    connector: Member | None,
) -> Reply:
    by = f" (introduced by {connector.display_name})" if connector else ""
    return Reply(
        title=f"{a.display_name}, meet {b.display_name}{by}",
        text=(
            "You both said yes. Here is who you are and why you should talk; say hello and find a "
            "time that suits you both."
        ),
        fields=_why(request.reason)
        + complementarity(a, b, profiles)
        + profile_fields(a, profiles.get(a.member_id))
        + profile_fields(b, profiles.get(b.member_id)),
        tone=Tone.SUCCESS,
        ephemeral=False,
    )


def thanks(a: Member, b: Member) -> Reply:
    return Reply(
        text=f"{a.display_name} and {b.display_name} both accepted your intro and are now connected. "
        "Thank you for bringing them together!",
        tone=Tone.SUCCESS,
        ephemeral=False,
    )


def not_this_time(request: IntroRequest, names: dict[str, str], to: str, expired: bool) -> Reply:
    """The kind no: to the requester (or a side that had said yes), without saying who or why."""
    if request.kind is IntroKind.CONNECTOR and to == request.requester_id:
        who = f"{names.get(request.member_a, NAME_FALLBACK)} and {names.get(request.member_b, NAME_FALLBACK)}"
        text = f"The intro you proposed between {who} will not go ahead this time."
    else:
        other = names.get(request.other_side(to), NAME_FALLBACK)
        text = f"Your intro with {other} will not go ahead this time."
    if expired:
        text += " It stayed unanswered, which often just means a busy week."
    text += " No worries: /find suggests other members who can help."
    return Reply(text=text, ephemeral=False)

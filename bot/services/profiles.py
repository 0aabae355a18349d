"""Use cases of introductions: fill in the four-question profile, and show a member's profile."""

from __future__ import annotations

from bot.domain.clock import Clock
from bot.domain.models import Actor, Member, Profile
from bot.domain.profiles import PROFILE_QUESTIONS, build_profile, profile_answers
from bot.services.members import ensure_member, resolve_member
from bot.services.reply import Button, ButtonStyle, Field, Form, FormField, Reply
from bot.storage.protocols import Storage

INTRO_FORM_ID = "intro"
SAVE_INTRO_ACTION = "intro.save"
OPEN_INTRO_ACTION = "intro.open"


class ProfileService:
    def __init__(self, storage: Storage, clock: Clock) -> None:
        self._storage = storage
        self._clock = clock

    async def intro_form(self, actor: Actor) -> Reply:
        """The intro form, pre-filled with the member's current answers when they edit."""
        async with self._storage.transaction(actor.community) as uow:
            await ensure_member(uow, actor, self._clock.now())
            current = profile_answers(await uow.profiles.get(actor.member_id))
        fields = tuple(
            FormField(
                key=q.key,
                label=q.label,
                value=current.get(q.key, ""),
                placeholder=q.prompt,
                max_chars=q.max_chars,
                multiline=q.multiline,
                required=q.required,
            )
            for q in PROFILE_QUESTIONS
        )
        title = "Edit your intro" if current else "Introduce yourself"
        form = Form(INTRO_FORM_ID, title, fields, submit_action=SAVE_INTRO_ACTION)
        return Reply(title=title, form=form)

    async def save_intro(self, actor: Actor, answers: dict[str, str]) -> Reply:
        now = self._clock.now()
        profile = build_profile(actor.member_id, answers, now)
        async with self._storage.transaction(actor.community) as uow:
            member = await ensure_member(uow, actor, now)
            await uow.profiles.save(profile)
        return profile_reply(member, profile, title_prefix="Saved your intro: ")

    async def show(self, actor: Actor, reference: str | None = None) -> Reply:
        async with self._storage.transaction(actor.community) as uow:
            me = await ensure_member(uow, actor, self._clock.now())
            member = await resolve_member(uow, reference) if reference else me
            profile = await uow.profiles.get(member.member_id)
        if profile is None:
            if member.member_id == actor.member_id:
                return Reply(
                    text="You have no intro yet. Write one so people know how to partner with you.",
                    buttons=(Button("Write my intro", OPEN_INTRO_ACTION, style=ButtonStyle.PRIMARY),),
                )
            return Reply(text=f"{member.display_name} has not written an intro yet.")
        return profile_reply(member, profile)


def profile_reply(member: Member, profile: Profile, title_prefix: str = "") -> Reply:
    fields = [
        Field("What I am working on", profile.working_on),
        Field("What others can do for me", profile.looking_for),
    ]
    if profile.strengths:
        fields.append(Field("What I do better than anyone I know", profile.strengths))
    if profile.unique_edge:
        fields.append(Field("What only I can do", profile.unique_edge))
    if profile.skills:
        fields.append(Field("Skills", ", ".join(profile.skills), inline=True))
    if profile.timezone:
        fields.append(Field("Timezone", profile.timezone, inline=True))
    if profile.languages:
        fields.append(Field("Languages", ", ".join(profile.languages), inline=True))
    if profile.links:
        fields.append(Field("Links", " ".join(profile.links)))
    return Reply(
        title=f"{title_prefix}{member.display_name}",
        text=profile.headline,
        fields=tuple(fields),
    )

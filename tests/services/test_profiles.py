"""Intros: the form, saving answers, and showing profiles."""

from __future__ import annotations

from bot.app import Core
from bot.services.reply import Tone
from tests.conftest import make_actor

ANA = make_actor("Ana Lima")
BEN = make_actor("Ben Okafor")

ANSWERS = {
    "headline": "Former VC, angel investor",
    "working_on": "Finding three seed deals in health tech",
    "looking_for": "Founders in health tech; a lawyer for term sheets",
    "strengths": "Pitch decks that raise",
    "unique_edge": "A network of 200 angels in Lagos and London",
    "skills": "fundraising, pitch decks",
    "timezone": "Africa/Lagos",
    "languages": "English, Yoruba",
    "links": "",
}


async def save(core: Core, **changes: str) -> None:
    form = (await core.router.run(ANA, "/intro")).form
    assert form is not None
    reply = await core.router.submit(ANA, form.submit_action, {**ANSWERS, **changes})
    assert reply.tone is not Tone.ERROR, reply.text


async def test_the_intro_form_asks_the_four_questions(core: Core) -> None:
    form = (await core.router.run(ANA, "/intro")).form
    assert form is not None
    labels = [field.label for field in form.fields]
    assert labels[1:5] == [
        "What I am working on",
        "What others can do for me",
        "What I do better than anyone I know",
        "What only I can do",
    ]
    assert {"Skills", "Timezone", "Languages", "Links"} <= set(labels)


async def test_another_member_sees_the_saved_profile(core: Core) -> None:
    await save(core)
    reply = await core.router.run(BEN, "/profile ana lima")
    assert reply.title == "Ana Lima" and reply.text == "Former VC, angel investor"
    fields = {f.label: f.value for f in reply.fields}
    assert fields["What only I can do"] == "A network of 200 angels in Lagos and London"
    assert fields["Timezone"] == "Africa/Lagos"


async def test_editing_prefills_the_form_with_current_answers(core: Core) -> None:
    await save(core)
    form = (await core.router.run(ANA, "/intro")).form
    assert form is not None and form.title == "Edit your intro"
    assert {f.key: f.value for f in form.fields}["skills"] == "fundraising, pitch decks"


async def test_an_invalid_answer_saves_nothing(core: Core) -> None:
    await save(core)
    form = (await core.router.run(ANA, "/intro")).form
    assert form is not None
    reply = await core.router.submit(
        ANA, form.submit_action, {**ANSWERS, "headline": "New", "timezone": "Nowhere/City"}
    )
    assert reply.tone is Tone.ERROR and "timezone" in reply.text
    assert (await core.router.run(BEN, "/profile Ana Lima")).text == "Former VC, angel investor"


async def test_profile_of_unknown_member_says_so(core: Core) -> None:
    reply = await core.router.run(ANA, "/profile Zed Nobody")
    assert reply.tone is Tone.ERROR and "No member called “Zed Nobody”" in reply.text


async def test_a_member_without_intro_is_invited_to_write_one(core: Core) -> None:
    reply = await core.router.run(ANA, "/profile")
    assert "no intro yet" in reply.text
    assert [b.action for b in reply.buttons] == ["intro.open"]

"""The storage contract: every repository method behaves the same on SQLite and on Postgres."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from bot.domain.models import CommunityRef, Member, Post, PostKind, PostStatus, Profile, Visibility
from bot.storage.sql.unit_of_work import SqlStorage, SqlUnitOfWork

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
ACME = CommunityRef("slack", "T-ACME")
BETA = CommunityRef("discord", "G-BETA")


async def _join(uow: SqlUnitOfWork, *names: str) -> None:
    await uow.communities.ensure(uow.community.community_id, T0)
    for name in names:
        await uow.members.add(Member(name.lower(), name, T0))


def _post(author: str, text: str, kind: PostKind = PostKind.OFFER, at: datetime = T0, **kw: object) -> Post:
    values: dict[str, object] = {
        "post_id": 0,
        "author_id": author,
        "kind": kind,
        "text": text,
        "tags": (),
        "visibility": Visibility.EVERYONE,
        "status": PostStatus.OPEN,
        "created_at": at,
        "expires_at": at + timedelta(days=30),
    }
    return Post(**(values | kw))  # type: ignore[arg-type]


async def test_members_are_added_found_renamed_counted_and_deleted(storage: SqlStorage) -> None:
    async with storage.transaction(ACME) as uow:
        await _join(uow, "Ana", "Anabel", "Bob")
    async with storage.transaction(ACME) as uow:
        assert await uow.members.get("ana") == Member("ana", "Ana", T0)
        assert [m.member_id for m in await uow.members.find_by_name("ANA")] == ["ana"]
        assert sorted(m.member_id for m in await uow.members.find_by_name("an")) == ["ana", "anabel"]
        assert await uow.members.find_by_name("100%") == []
        await uow.members.rename("bob", "Robert")
        assert (await uow.members.get("bob")) == Member("bob", "Robert", T0)
        await uow.members.delete("anabel")
        assert await uow.members.count() == 2
        assert await uow.members.get("nobody") is None


async def test_community_settings_round_trip_with_unknown_keys(storage: SqlStorage) -> None:
    async with storage.transaction(ACME) as uow:
        await uow.communities.ensure("Acme", T0)
        await uow.communities.ensure("Acme again", T0)
        settings = await uow.communities.settings()
        assert settings.post_expiry_days == 30
        await uow.communities.save_settings(
            dataclasses.replace(settings, post_expiry_days=7, extra={"rounds": {"size": 2}})
        )
    async with storage.transaction(ACME) as uow:
        saved = await uow.communities.settings()
    assert saved.post_expiry_days == 7
    assert saved.extra == {"rounds": {"size": 2}}


async def test_profiles_save_update_and_load_many(storage: SqlStorage) -> None:
    profile = Profile(
        "ana",
        headline="Data engineer",
        skills=("python", "sql"),
        timezone="Europe/Lisbon",
        languages=("pt", "en"),
        links=("https://ana.example",),
        updated_at=T0,
    )
    async with storage.transaction(ACME) as uow:
        await _join(uow, "Ana", "Bob")
        await uow.profiles.save(profile)
        await uow.profiles.save(dataclasses.replace(profile, headline="Data & ML engineer"))
        await uow.profiles.save(Profile("bob", working_on="a café", updated_at=T0 + timedelta(hours=1)))
    async with storage.transaction(ACME) as uow:
        loaded = await uow.profiles.get("ana")
        both = await uow.profiles.get_many(["ana", "bob", "nobody"])
    assert loaded == dataclasses.replace(profile, headline="Data & ML engineer")
    assert loaded is not None and loaded.updated_at is not None and loaded.updated_at.tzinfo is not None
    assert sorted(both) == ["ana", "bob"]
    assert both["bob"].working_on == "a café"
    assert both["bob"].updated_at == T0 + timedelta(hours=1)


async def test_posts_search_by_word_prefix_newest_first_with_pagination(storage: SqlStorage) -> None:
    async with storage.transaction(ACME) as uow:
        await _join(uow, "Ana", "Bob")
        first = await uow.posts.add(_post("ana", "python tutoring"), ["python", "tutoring"])
        second = await uow.posts.add(
            _post("bob", "pythonic reviews", at=T0 + timedelta(hours=1)), ["pythonic", "reviews"]
        )
        await uow.posts.add(_post("bob", "need a designer", PostKind.NEED), ["need", "designer"])
        await uow.posts.add(_post("ana", "pyramid schemes"), ["pyramid", "schemes"])
        await uow.posts.add(_post("ana", "über python"), ["über", "python"])
    async with storage.transaction(ACME) as uow:
        page, total = await uow.posts.search(
            kind=PostKind.OFFER, word_prefixes=["pyth"], visibility=None, now=T0, limit=1, offset=0
        )
        rest, _ = await uow.posts.search(
            kind=PostKind.OFFER, word_prefixes=["pyth"], visibility=None, now=T0, limit=5, offset=1
        )
        both_words, _ = await uow.posts.search(
            kind=None,
            word_prefixes=["pyth", "tut"],
            visibility=Visibility.EVERYONE,
            now=T0,
            limit=5,
            offset=0,
        )
        accented, _ = await uow.posts.search(
            kind=None, word_prefixes=["üb"], visibility=None, now=T0, limit=5, offset=0
        )
        needs, needs_total = await uow.posts.search(
            kind=PostKind.NEED, word_prefixes=[], visibility=None, now=T0, limit=5, offset=0
        )
    assert total == 3
    assert [p.post_id for p in page] == [second.post_id]
    assert [p.post_id for p in rest][-1] == first.post_id and len(rest) == 2
    assert [p.post_id for p in both_words] == [first.post_id]
    assert [p.text for p in accented] == ["über python"]
    assert needs_total == 1 and needs[0].kind is PostKind.NEED


async def test_posts_expire_remind_extend_and_close(storage: SqlStorage) -> None:
    async with storage.transaction(ACME) as uow:
        await _join(uow, "Ana")
        soon = await uow.posts.add(_post("ana", "soon", expires_at=T0 + timedelta(days=2)), ["soon"])
        later = await uow.posts.add(_post("ana", "later"), ["later"])
        gone = await uow.posts.add(_post("ana", "gone", expires_at=T0 + timedelta(hours=1)), ["gone"])
    async with storage.transaction(ACME) as uow:
        due = await uow.posts.due_for_reminder(T0 + timedelta(days=3), T0)
        assert {p.post_id for p in due} == {soon.post_id, gone.post_id}
        await uow.posts.mark_reminded(soon.post_id, T0)
        assert [p.post_id for p in await uow.posts.due_for_reminder(T0 + timedelta(days=3), T0)] == [
            gone.post_id
        ]
        assert await uow.posts.expire_overdue(T0 + timedelta(hours=2)) == 1
        expired = await uow.posts.get(gone.post_id)
        assert expired is not None and expired.status is PostStatus.EXPIRED
        await uow.posts.extend(soon.post_id, T0 + timedelta(days=40))
        extended = await uow.posts.get(soon.post_id)
        assert extended is not None and extended.reminded_at is None
        assert extended.expires_at == T0 + timedelta(days=40)
        await uow.posts.set_status(later.post_id, PostStatus.CLOSED, T0)
        closed = await uow.posts.get(later.post_id)
        assert closed is not None and closed.closed_at == T0
        visible, _ = await uow.posts.search(
            kind=None, word_prefixes=[], visibility=None, now=T0 + timedelta(days=3), limit=10, offset=0
        )
        assert [p.post_id for p in visible] == [soon.post_id]
        assert [p.post_id for p in await uow.posts.by_author("ana")] == [
            gone.post_id,
            later.post_id,
            soon.post_id,
        ]


async def test_outbox_enqueue_is_idempotent_per_key(storage: SqlStorage) -> None:
    async with storage.transaction(ACME) as uow:
        await _join(uow, "Ana")
        assert await uow.outbox.enqueue("round-1:g1:ana", ["ana"], {"text": "hi"}, T0) is True
        assert await uow.outbox.enqueue("round-1:g1:ana", ["ana"], {"text": "again"}, T0) is False
        assert await uow.outbox.enqueue("round-2:g1:ana", ["ana"], {"text": "hi"}, T0) is True
    async with storage.transaction(BETA) as uow:
        await _join(uow, "Ana")
        assert await uow.outbox.enqueue("round-1:g1:ana", ["ana"], {"text": "hi"}, T0) is True
    async with storage.transaction(ACME) as uow:
        assert await uow.outbox.progress("round-1:") == {"pending": 1}
        assert await uow.outbox.progress("round-") == {"pending": 2}
        assert await uow.outbox.failed_since(T0) == []


async def test_tenants_never_see_each_other(storage: SqlStorage) -> None:
    async with storage.transaction(ACME) as uow:
        await _join(uow, "Ana")
        await uow.profiles.save(Profile("ana", headline="acme ana", updated_at=T0))
        await uow.posts.add(_post("ana", "python at acme"), ["python"])
        await uow.communities.save_settings(
            dataclasses.replace(await uow.communities.settings(), post_expiry_days=3)
        )
    async with storage.transaction(BETA) as uow:
        await _join(uow, "Ana")
        await uow.profiles.save(Profile("ana", headline="beta ana", updated_at=T0))
        found, total = await uow.posts.search(
            kind=None, word_prefixes=["python"], visibility=None, now=T0, limit=10, offset=0
        )
        assert (found, total) == ([], 0)
        assert await uow.posts.by_author("ana") == []
        assert (await uow.communities.settings()).post_expiry_days == 30
        assert await uow.members.count() == 1
        await uow.forget_member("ana")
    async with storage.transaction(ACME) as uow:
        profile = await uow.profiles.get("ana")
        assert profile is not None and profile.headline == "acme ana"
        assert await uow.members.count() == 1


async def test_export_then_forget_removes_every_row_naming_the_member(storage: SqlStorage) -> None:
    async with storage.transaction(ACME) as uow:
        await _join(uow, "Ana", "Bob")
        await uow.profiles.save(Profile("ana", headline="Data", updated_at=T0))
        await uow.posts.add(_post("ana", "python help"), ["python", "help"])
        await uow.outbox.enqueue("intro:ana", ["ana"], {"text": "hello"}, T0)
        await uow.outbox.enqueue("pair:ana-bob", ["ana", "bob"], {"text": "meet"}, T0)
        await uow.outbox.enqueue("intro:bob", ["bob"], {"text": "hello"}, T0)
    async with storage.transaction(ACME) as uow:
        export = await uow.export_member("ana")
        assert [row["headline"] for row in export["profiles"]] == ["Data"]
        assert [row["text"] for row in export["posts"]] == ["python help"]
        assert export["members"][0]["joined_at"] == T0.isoformat()
        await uow.forget_member("ana")
    async with storage.transaction(ACME) as uow:
        export = await uow.export_member("ana")
        assert all(rows == [] for rows in export.values())
        found, _ = await uow.posts.search(
            kind=None, word_prefixes=["python"], visibility=None, now=T0, limit=10, offset=0
        )
        assert found == []
        # Bob's own message and the pairing, now addressed to Bob alone, are still to be sent.
        assert await uow.outbox.progress("") == {"pending": 2}
        assert [row["recipients"] for row in await uow.outbox.addressed_to("bob")] == [["bob"], ["bob"]]
        assert await uow.members.get("bob") is not None


async def test_members_get_many_and_the_list_of_communities(storage: SqlStorage) -> None:
    async with storage.transaction(BETA) as uow:
        await _join(uow, "Zoe")
    async with storage.transaction(ACME) as uow:
        await _join(uow, "Ana", "Bob")
        found = await uow.members.get_many(["ana", "bob", "ana", "zoe", "nobody"])
    assert sorted(found) == ["ana", "bob"]
    assert found["bob"] == Member("bob", "Bob", T0)
    assert await storage.communities() == [BETA, ACME]


async def test_search_counts_are_capped(storage: SqlStorage) -> None:
    async with storage.transaction(ACME) as uow:
        await _join(uow, "Ana")
        for i in range(7):
            await uow.posts.add(_post("ana", f"python {i}", at=T0 + timedelta(minutes=i)), ["python"])
    async with storage.transaction(ACME) as uow:
        page, total = await uow.posts.search(
            kind=None, word_prefixes=["py"], visibility=None, now=T0, limit=2, offset=0, count_cap=5
        )
        _, exact = await uow.posts.search(
            kind=None, word_prefixes=[], visibility=None, now=T0, limit=2, offset=0, count_cap=50
        )
    assert [p.text for p in page] == ["python 6", "python 5"]
    assert total == 6
    assert exact == 7

"""Property tests of member names in command arguments: quoted, mentioned, or as many words as fit."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.models import Member
from bot.services.member_refs import take_member

WORD = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll")), min_size=2, max_size=8)
NAME = st.lists(WORD, min_size=1, max_size=3).map(" ".join)
REASON = st.lists(st.text(alphabet="0123456789", min_size=1, max_size=5), max_size=4).map(" ".join)
JOINED = datetime(2026, 11, 2, tzinfo=UTC)


class FakeMembers:
    """The two MemberRepository reads take_member uses, with the SQL repository's rules."""

    def __init__(self, *names: str) -> None:
        self._by_id = {f"id-{i}": Member(f"id-{i}", name, JOINED) for i, name in enumerate(names)}

    async def get(self, member_id: str) -> Member | None:
        return self._by_id.get(member_id)

    async def find_by_name(self, name: str) -> list[Member]:
        folded = name.strip().casefold()
        found = [m for m in self._by_id.values() if m.display_name.casefold().startswith(folded)]
        exact = [m for m in found if m.display_name.casefold() == folded]
        return exact or found


class FakeUnitOfWork:
    def __init__(self, *names: str) -> None:
        self.members = FakeMembers(*names)


def parse(uow: FakeUnitOfWork, text: str) -> tuple[Member, str]:
    return asyncio.run(take_member(uow, text, "usage"))  # type: ignore[arg-type]


@given(NAME, NAME, REASON)
def test_quoted_names_resolve_exactly_and_leave_the_reason(a: str, b: str, reason: str) -> None:
    if a.casefold() == b.casefold():
        return
    uow = FakeUnitOfWork(a, b)
    first, rest = parse(uow, f'"{a}" “{b}” {reason}')
    second, why = parse(uow, rest)
    assert (first.display_name, second.display_name, why) == (a, b, reason)


@given(NAME, NAME, REASON)
def test_an_unquoted_full_name_is_read_before_the_reason(a: str, b: str, reason: str) -> None:
    if b.casefold().startswith(a.casefold()) or a.casefold().startswith(b.casefold()):
        return  # "Ana" and "Ana Lima": only quotes can tell which one is meant
    uow = FakeUnitOfWork(a, b)
    member, why = parse(uow, f"{a} {reason}")
    assert (member.display_name, why) == (a, reason)


@given(NAME, REASON)
def test_a_mention_names_the_member_by_id(a: str, reason: str) -> None:
    member, why = parse(FakeUnitOfWork(a), f"<@id-0> {reason}")
    assert (member.display_name, why) == (a, reason)

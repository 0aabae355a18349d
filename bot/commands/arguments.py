"""Small parsers for command arguments; each raises a UserError that says the right usage."""

from __future__ import annotations

from bot.domain.errors import UserError
from bot.domain.text import MAX_WHOLE_NUMBER, whole_number


def usage_error(usage: str, problem: str) -> UserError:
    return UserError(f"{problem} Usage: {usage}")


def parse_whole_number(
    raw: str, what: str, usage: str, maximum: int = MAX_WHOLE_NUMBER, minimum: int = 0
) -> int:
    """A number typed by a member or carried by a button, from ``minimum`` to ``maximum``."""
    value = whole_number(raw, maximum)
    if value is None or value < minimum:
        limits = f" ({minimum} to {maximum})" if maximum < MAX_WHOLE_NUMBER else ""
        raise usage_error(usage, f"“{raw.strip()}” is not {what}{limits}.")
    return value


def parse_post_id(raw: str, usage: str) -> int:
    text = raw.strip().lstrip("#")
    if not text:
        raise usage_error(usage, "Please give the number of the post.")
    return parse_whole_number(text, "a post number", usage, minimum=1)


def take_flag(args: str, *flags: str) -> tuple[bool, str]:
    """Whether ``args`` starts with one of ``flags``, and the rest."""
    first, _, rest = args.partition(" ")
    if first.lower() in flags:
        return True, rest.strip()
    return False, args


def no_more_arguments(args: str, usage: str) -> None:
    if args.strip():
        raise usage_error(usage, f"I did not expect “{args.strip()}” here.")


def parse_page(raw: str) -> tuple[int, str]:
    """A pagination button's value, as made by ``Page.value_for``: ``"<page> <query>"``."""
    number, _, query = raw.partition(" ")
    page = whole_number(number)
    if page is None:
        return 1, raw
    return max(1, page), query

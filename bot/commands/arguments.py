"""Small parsers for command arguments; each raises a UserError that says the right usage."""

from __future__ import annotations

from bot.domain.errors import UserError


def usage_error(usage: str, problem: str) -> UserError:
    return UserError(f"{problem} Usage: {usage}")


def parse_post_id(raw: str, usage: str) -> int:
    text = raw.strip().lstrip("#")
    if not text:
        raise usage_error(usage, "Please give the number of the post.")
    if not text.isdigit() or len(text) > 12:
        raise usage_error(usage, f"“{raw.strip()}” is not a post number.")
    return int(text)


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
    try:
        return max(1, int(number)), query
    except ValueError:
        return 1, raw

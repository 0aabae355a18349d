"""Rules for user text: limits, cleaning, tags, search words and inert mentions."""

from __future__ import annotations

import re
import unicodedata

from bot.domain.errors import UserError

POST_MAX_CHARS = 500
PROFILE_FIELD_MAX_CHARS = 2000
SHORT_FIELD_MAX_CHARS = 200
MAX_TAGS = 20
MAX_TAG_WORDS = 4

_WORD = re.compile(r"[^\W_]+(?:[.+#-][^\W_]+)*[+#]*", re.UNICODE)
# Mentions as each platform writes them: Discord @everyone/@here/<@id>/<@&role>/<#chan>,
# Slack <!channel>/<!here>/<!everyone>/<@U…>/<#C…>/<!subteam^…>.
_MENTION = re.compile(r"@(everyone|here|channel)\b|<([@#!])", re.IGNORECASE)
_ZERO_WIDTH_SPACE = "\u200b"
_HASHTAG = re.compile(r"(?<![\w&])#([^\W\d_][\w+.-]*)", re.UNICODE)


MAX_WHOLE_NUMBER = 1_000_000_000
"""The largest number any command takes: far below SQLite's INTEGER limit."""


def whole_number(raw: str, maximum: int = MAX_WHOLE_NUMBER) -> int | None:
    """``raw`` as a whole number of ASCII digits no larger than ``maximum``, else None.

    Not str.isdigit: it accepts "²" (which int() rejects) and any length (which overflows SQLite).
    """
    text = raw.strip()
    if not text or len(text) > len(str(maximum)) or not all("0" <= ch <= "9" for ch in text):
        return None
    value = int(text)
    return value if value <= maximum else None


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, at most ``limit`` characters, cut at a word with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:.") + "…"


def clean_text(raw: str, *, what: str, max_chars: int, required: bool = True) -> str:
    """Trim, refuse control characters and non-characters and enforce the length limit of one field."""
    text = raw.strip()
    if any(_is_control(ch) for ch in text):
        raise UserError(
            f"{what.capitalize()} contains control characters; please type plain text (line breaks are fine)."
        )
    refuse_non_characters(text, what=what)
    if required and not text:
        raise UserError(f"{what.capitalize()} is empty; please write a few words.")
    if len(text) > max_chars:
        raise UserError(
            f"{what.capitalize()} is {len(text)} characters long; the limit is {max_chars}. "
            "Please shorten it."
        )
    return text


def refuse_non_characters(text: str, *, what: str) -> None:
    """Lone surrogates cannot even be encoded for the database; refuse them before any lookup."""
    if any(_is_not_a_character(ch) for ch in text):
        raise UserError(f"{what.capitalize()} contains characters I cannot store; please retype it.")


def has_lone_surrogates(text: str) -> bool:
    """Text that cannot be encoded as UTF-8 at all (a platform decoded it badly)."""
    return any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)


def _is_not_a_character(ch: str) -> bool:
    """Lone surrogates (which cannot be encoded) and Unicode non-characters such as U+FFFF."""
    point = ord(ch)
    return 0xD800 <= point <= 0xDFFF or 0xFDD0 <= point <= 0xFDEF or point & 0xFFFE == 0xFFFE


def _is_control(ch: str) -> bool:
    return ch not in "\n\t" and unicodedata.category(ch) in {"Cc", "Cf"} and ch != "\u200d"


def normalise_tags(raw: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Comma-separated (or listed) tags: lower-case, trimmed, inner spaces folded, de-duplicated."""
    parts = raw.split(",") if isinstance(raw, str) else list(raw)
    tags: list[str] = []
    for part in parts:
        tag = " ".join(part.lower().lstrip().lstrip("#").split())
        if tag and tag not in tags:
            tags.append(tag[:SHORT_FIELD_MAX_CHARS])
    return tuple(tags[:MAX_TAGS])


def post_tags(text: str) -> tuple[str, ...]:
    """Tags of a post: its #hashtags, and its phrases when the post is a list of short phrases.

    "Python, python , data-pipelines" gives ("python", "data-pipelines"). A post that reads as
    a sentence ("need someone to build my website") adds no tag: its words stay searchable,
    but a tag such as "build my website" would only clutter the board.
    """
    hashtags = [m.group(1) for m in _HASHTAG.finditer(text)]
    phrases = [_strip_filler(p) for p in re.split(r"[,;\n]", _HASHTAG.sub(" ", text))]
    phrases = [p for p in phrases if search_words(p)]
    is_list = bool(phrases) and all(_is_tag_like(p) for p in phrases)
    return normalise_tags(hashtags + (phrases if is_list else []))


def _is_tag_like(phrase: str) -> bool:
    words = search_words(phrase)
    return len(words) <= MAX_TAG_WORDS and not any(w in STOPWORDS for w in words)


def _strip_filler(phrase: str) -> str:
    words = phrase.split()
    while words and words[0].casefold().strip(".:!") in STOPWORDS:
        words.pop(0)
    return " ".join(words).strip(" .:!?")


def search_words(text: str) -> list[str]:
    """Lower-case words of a text, as search and the board index them."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return [m.group(0) for m in _WORD.finditer(folded)]


def defuse_mentions(text: str) -> str:
    """Make every platform mention inert by breaking it with a zero-width space; text reads the same."""
    return _MENTION.sub(_defuse_one, text)


def _defuse_one(match: re.Match[str]) -> str:
    whole = match.group(0)
    return whole[0] + _ZERO_WIDTH_SPACE + whole[1:]


STOPWORDS = frozenset(
    """a about also an and any are as at be but by can do for from get have help i i'm in into
    is it just looking me my need needs not of offer offers on or our so some someone something
    than that the their them this to very want wants we who will with would you your""".split()
)

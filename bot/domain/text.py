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


def clean_text(raw: str, *, what: str, max_chars: int, required: bool = True) -> str:
    """Trim, refuse control characters and enforce the length limit of one field."""
    text = raw.strip()
    if any(_is_control(ch) for ch in text):
        raise UserError(
            f"{what.capitalize()} contains control characters; please type plain text (line breaks are fine)."
        )
    if required and not text:
        raise UserError(f"{what.capitalize()} is empty; please write a few words.")
    if len(text) > max_chars:
        raise UserError(
            f"{what.capitalize()} is {len(text)} characters long; the limit is {max_chars}. "
            "Please shorten it."
        )
    return text


def _is_control(ch: str) -> bool:
    return ch not in "\n\t" and unicodedata.category(ch) in {"Cc", "Cf"} and ch != "\u200d"


def normalise_tags(raw: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Comma-separated (or listed) tags: lower-case, trimmed, inner spaces folded, de-duplicated."""
    parts = raw.split(",") if isinstance(raw, str) else list(raw)
    tags: list[str] = []
    for part in parts:
        tag = " ".join(part.strip().lower().split()).lstrip("#")
        if tag and tag not in tags:
            tags.append(tag[:SHORT_FIELD_MAX_CHARS])
    return tuple(tags[:MAX_TAGS])


def post_tags(text: str) -> tuple[str, ...]:
    """Tags of a post: its #hashtags and its short comma- or semicolon-separated phrases.

    "Python, python , data-pipelines" gives ("python", "data-pipelines"). A phrase longer than
    a few words is a sentence, not a tag: its words stay searchable but it adds no tag.
    """
    hashtags = [m.group(1) for m in _HASHTAG.finditer(text)]
    phrases = [_strip_filler(p) for p in re.split(r"[,;\n]", _HASHTAG.sub(" ", text))]
    short = [p for p in phrases if 0 < len(search_words(p)) <= MAX_TAG_WORDS]
    return normalise_tags(hashtags + short)


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
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "can",
        "do",
        "for",
        "from",
        "have",
        "help",
        "i",
        "i'm",
        "in",
        "is",
        "it",
        "looking",
        "me",
        "my",
        "need",
        "needs",
        "of",
        "offer",
        "offers",
        "on",
        "or",
        "our",
        "someone",
        "something",
        "that",
        "the",
        "their",
        "them",
        "this",
        "to",
        "we",
        "who",
        "with",
        "you",
        "your",
        "will",
        "would",
        "want",
        "wants",
        "any",
        "some",
        "get",
    ]
)

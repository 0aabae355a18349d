"""Rendering-neutral results of every command; adapters turn them into embeds, Block Kit or text.

User-written text travels here exactly as typed; each renderer makes mentions inert its own way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Tone(StrEnum):
    INFO = "info"
    SUCCESS = "success"
    ERROR = "error"


class ButtonStyle(StrEnum):
    DEFAULT = "default"
    PRIMARY = "primary"
    DANGER = "danger"


@dataclass(frozen=True, slots=True)
class Button:
    """A choice the user can click; ``action`` names the core handler, ``value`` its argument.

    Adapters encode ``action`` and ``value`` into stable custom ids so clicks survive restarts.
    """

    label: str
    action: str
    value: str = ""
    style: ButtonStyle = ButtonStyle.DEFAULT


@dataclass(frozen=True, slots=True)
class Field:
    label: str
    value: str
    inline: bool = False


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of a list (a post on the board, a member found, a group of a round)."""

    title: str
    body: str = ""
    fields: tuple[Field, ...] = ()
    buttons: tuple[Button, ...] = ()
    footer: str = ""


@dataclass(frozen=True, slots=True)
class Page:
    """Where a paginated list stands; ``action`` re-runs the listing at another page."""

    number: int
    total_pages: int
    action: str
    query: str = ""

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.total_pages

    def value_for(self, number: int) -> str:
        """The button value that asks ``action`` for page ``number`` of the same listing."""
        return f"{number} {self.query}"


@dataclass(frozen=True, slots=True)
class FormField:
    key: str
    label: str
    value: str = ""
    placeholder: str = ""
    max_chars: int = 2000
    multiline: bool = False
    required: bool = False


@dataclass(frozen=True, slots=True)
class Form:
    """A form the adapter shows (Discord modal, Slack modal, console prompts) and submits back."""

    form_id: str
    title: str
    fields: tuple[FormField, ...]
    submit_action: str


@dataclass(frozen=True, slots=True)
class Reply:
    title: str = ""
    text: str = ""
    tone: Tone = Tone.INFO
    fields: tuple[Field, ...] = ()
    items_title: str = ""
    items: tuple[Item, ...] = ()
    buttons: tuple[Button, ...] = ()
    footer: str = ""
    page: Page | None = None
    form: Form | None = None
    attachment: Attachment | None = None
    ephemeral: bool = True

    @classmethod
    def error(cls, message: str) -> Reply:
        return cls(text=message, tone=Tone.ERROR, ephemeral=True)

    @classmethod
    def success(
        cls, message: str, *, fields: tuple[Field, ...] = (), buttons: tuple[Button, ...] = ()
    ) -> Reply:
        return cls(text=message, tone=Tone.SUCCESS, fields=fields, buttons=buttons)


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file to hand the user, such as their data export."""

    filename: str
    content: str
    media_type: str = "application/json"


@dataclass(frozen=True, slots=True)
class FormSubmission:
    form_id: str
    values: dict[str, str] = field(default_factory=dict)

"""Buttons that act once: after a click their message loses its buttons, on every platform."""

from __future__ import annotations

from bot.services.rounds_manage import RUN_NOW_ACTION

# The preview's "Send it now": a second click on the same message must not find a button to press.
ONE_SHOT_ACTIONS = frozenset({RUN_NOW_ACTION})

"""Errors a user caused and can fix: the message is shown to them as is."""


class UserError(Exception):
    """Bad input or a refused action; ``str(error)`` is one friendly sentence on how to do it right."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(UserError):
    """A member, post or round the user named does not exist in their community."""


class NotAllowed(UserError):
    """The user may not do this (not a manager, not the author, blocked)."""

"""Define the one exception hierarchy of DNND Drafter.

Everything we raise derives from :class:`DrafterError`. :class:`UserMessageError` and its
subclasses carry a Vietnamese message that is safe to show to a clerk as it is; anything
else is a bug and goes to the excepthook, which logs it and says where the log is.
"""

from __future__ import annotations


class DrafterError(Exception):
    """Root of every exception raised on purpose by DNND Drafter."""


class UserMessageError(DrafterError):
    """Carry a Vietnamese message that can be shown to the user unchanged.

    `field` names the draft field (dotted path, e.g. ``issuer.name``) the message is about,
    or ``None`` when it concerns no single field.
    """

    exit_code = 2

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class DraftError(UserMessageError):
    """Report a draft file or draft field that breaks the draft contract."""


class TemplateError(UserMessageError):
    """Report a letter template that cannot be loaded or rendered."""


class UserDataError(UserMessageError):
    """Report a problem with the user's stored data (database, import, export)."""


class OutputError(UserMessageError):
    """Report a file that could not be written (locked, read-only, disk full, folder gone)."""


class CatalogError(UserMessageError):
    """Report a directive catalog file or import that cannot be used."""

"""Typed errors of the core; the CLI and the UI turn each into one plain line or screen.

Every error carries its English line for logs and the CLI, and may carry a `code` and the
`params` that line was made from, so a screen can say the same thing in the customer's or the
cashier's language (ui/messages.py) instead of showing developer English. Parameters keep their
raw form (fen as int, grams as int, a path as text) so each language formats them its own way.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: `diandian footprint` starts without it
    from typing import Any, Self

_NONE: Mapping[str, Any] = MappingProxyType({})


class DiandianError(Exception):
    """Base for every error the user can cause and fix; never shown with a traceback."""

    code: str = ""  # a stable key a screen translates; "" when only the English line exists
    params: Mapping[str, Any] = _NONE

    def coded(self, code: str, **params: Any) -> Self:
        """Attach the translatable code and its parameters; returns self to raise it."""
        self.code, self.params = code, MappingProxyType(params)
        return self


class InputError(DiandianError, ValueError):
    """A value the user gave is wrong: names the field and what is allowed."""

    def __init__(self, field: str, message: str, code: str = "", **params: Any) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        if code:
            self.coded(code, **params)


class PrinterError(DiandianError):
    """The slip could not be printed; the message is one line a cashier can act on."""


class DataError(DiandianError):
    """A shipped or synced data file is malformed; names the file and the entry."""

"""Typed errors of the core; the CLI and the UI turn each into one plain line or screen."""

from __future__ import annotations


class DiandianError(Exception):
    """Base for every error the user can cause and fix; never shown with a traceback."""


class InputError(DiandianError, ValueError):
    """A value the user gave is wrong: names the field and what is allowed."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class PrinterError(DiandianError):
    """The slip could not be printed; the message is one line a cashier can act on."""


class DataError(DiandianError):
    """A shipped or synced data file is malformed; names the file and the entry."""

"""Errors storage raises with a message meant for the user (the CLI and UI show it as is)."""

from __future__ import annotations


class StorageError(Exception):
    """Base of the errors storage raises on purpose."""


class DatabaseError(StorageError):
    """The database file is missing, not ours, damaged or of an unknown schema."""


class NotFound(StorageError):
    """No row with that id (or it is in the trash when a live row was asked for)."""


class ValidationError(StorageError):
    """A value the user gave is not acceptable; `field` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

"""Errors storage raises with a message meant for the user (the CLI and UI show it as is).

Each message is one line naming the file and the reason. SQLite's own errors are turned into
these by `storage.sqlite_errors.translate` (locked, read-only, disk full, damaged, ...).
"""

from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    """Base of the errors storage raises on purpose."""


class DatabaseError(StorageError):
    """The database file is missing, not ours, damaged or of an unknown schema."""


class DamagedDatabase(DatabaseError):
    """SQLite found the file damaged (`PRAGMA quick_check`, or "disk image is malformed").

    `backup` is the newest backup that passed its own check (None when there is none): the UI
    offers it, and the message names it with the command that restores it."""

    def __init__(self, message: str, path: Path | None = None,
                 problems: tuple[str, ...] = (), backup: Path | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.problems = problems
        self.backup = backup


class ReadOnlyDatabase(DatabaseError):
    """The database can be read but not written (file or folder read-only, or damaged and
    opened read-only on purpose)."""


class DatabaseLocked(DatabaseError):
    """Another program held the write lock for longer than we wait."""


class DiskFull(StorageError):
    """The disk (or the database's size limit) is full; the transaction was rolled back."""


class NewerDatabase(DatabaseError):
    """The file has a schema revision this version's migrations do not know."""


class NotFound(StorageError):
    """No row with that id (or it is in the trash when a live row was asked for)."""


class ValidationError(StorageError):
    """A value the user gave is not acceptable; `field` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

"""Errors storage raises with a message meant for the user (the CLI and UI show it as is).

A validation message is an English template with `{0}`, `{1}` placeholders, marked for
translation with :func:`QT_TRANSLATE_NOOP` (context "errors"), and its values apart:

    raise ValidationError("amount", QT_TRANSLATE_NOOP("errors", "{0!r} is not an amount of money"),
                          typed)

`str(error)` and `error.message` are the English sentence (what the CLI prints and the logs
keep); the UI shows `translate("errors", error.template).format(*error.values)` (ui/errors.py),
so the sentence reads in the user's language with the values in place. No Qt here: the marker
is a plain function lupdate finds by its name.

Other messages are one line naming the file and the reason. SQLite's own errors are turned into
these by `storage.sqlite_errors.translate` (locked, read-only, disk full, damaged, ...).
"""

from __future__ import annotations

from pathlib import Path


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate reads
    """Marks `text` for translation in `context` (lupdate extracts it) and returns it."""
    return text


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
    """A value the user gave is not acceptable; `field` names it. `template` is the message
    with `{0}`... placeholders for `values` (translatable); `message` is it filled in, in
    English."""

    def __init__(self, field: str, template: str, *values: object) -> None:
        self.field = field
        self.template = template
        self.values = values
        self.message = template.format(*values) if values else template
        super().__init__(f"{field}: {self.message}")

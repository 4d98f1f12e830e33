"""The one translation of SQLite (DB-API) errors into `StorageError`s naming the file.

Only failures a user can cause are translated (another program writing, a read-only file or
folder, a full disk, a damaged file, a file that cannot be opened); anything else (a bug: a
missing table, bad SQL) passes through unchanged. The engine factory installs `translate` as
SQLAlchemy's `handle_error` hook, and the plain-sqlite3 paths (backup, bulk loads) call it, so
SQLAlchemy's two-line messages with their documentation link never reach a user.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from crm_desktop.storage.errors import (
    DatabaseError,
    DatabaseLocked,
    DiskFull,
    ReadOnlyDatabase,
    StorageError,
)

# SQLite's primary result codes (the low byte of an extended code).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26

# Error texts for errors raised without a code (older Python, or raised by the sqlite3 module).
_BY_TEXT = (
    ("database is locked", SQLITE_BUSY),
    ("database table is locked", SQLITE_LOCKED),
    ("readonly database", SQLITE_READONLY),
    ("database or disk is full", SQLITE_FULL),
    ("disk image is malformed", SQLITE_CORRUPT),
    ("file is not a database", SQLITE_NOTADB),
    ("unable to open database file", SQLITE_CANTOPEN),
    ("disk i/o error", SQLITE_IOERR),
)


def primary_code(error: sqlite3.Error) -> int | None:
    """SQLite's primary result code of `error` (from the exception, or its text)."""
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    text = str(error).lower()
    return next((value for needle, value in _BY_TEXT if needle in text), None)


def translate(error: BaseException, path: Path | str | None) -> StorageError | None:
    """The error to show for `error` (a sqlite3 error, or SQLAlchemy's wrapper of one) on the
    database `path`; None when it is not one a user can cause."""
    original = getattr(error, "orig", None) or error
    if isinstance(original, StorageError):
        return original
    if not isinstance(original, sqlite3.Error):
        return None
    name = str(path) if path is not None else "the database"
    code = primary_code(original)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return DatabaseLocked(f"{name} is locked: another program is writing to it; try again "
                              "when it has finished")
    if code == SQLITE_READONLY:
        return ReadOnlyDatabase(f"cannot write {name}: the file or its folder is read-only")
    if code == SQLITE_FULL:
        return DiskFull(f"cannot write {name}: the disk is full; nothing was saved")
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        from crm_desktop.storage.integrity import damaged

        return damaged(Path(path) if path is not None else None, (str(original),))
    if code in (SQLITE_CANTOPEN, SQLITE_PERM):
        return DatabaseError(f"cannot open {name}: the file or its folder cannot be read or "
                             "written (check that it exists and its permissions)")
    if code == SQLITE_IOERR:
        return DatabaseError(f"cannot read or write {name}: a disk input/output error (the "
                             "disk may be failing, full or removed)")
    return None


def one_line(error: BaseException, path: Path | str | None = None) -> str:
    """What to print for any error: the translation, or the first line of its message
    (SQLAlchemy adds the SQL and a documentation link on further lines)."""
    translated = translate(error, path)
    if translated is not None:
        return str(translated)
    original = getattr(error, "orig", None)
    text = str(original if isinstance(original, sqlite3.Error) else error).strip()
    first = text.splitlines()[0] if text else ""
    return first or type(error).__name__

"""Is the database file whole? `PRAGMA quick_check` before use, and the newest good backup.

`quick_check(path)` reads the whole file on a read-only connection (it never changes it) and
returns SQLite's list of problems; `damaged(path, problems)` is the error to raise for a damaged
file, naming the newest backup that passes the same check and the command that restores it.
`Database.verify()` runs the check once per opened database (the CLI before anything else, the
app in the background before the first write and the first backup). `checked(path)` is the check
that remembers a passed one (`storage.check_stamps`): the quick commands trust a stamp that still
matches the file instead of reading 5 GB again.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

from crm_desktop.storage.errors import DamagedDatabase, StorageError
from crm_desktop.storage.sqlite_errors import (
    SQLITE_CORRUPT,
    SQLITE_NOTADB,
    primary_code,
    translate,
)
from crm_desktop.storage.sqlite_functions import connect_read_only

log = logging.getLogger(__name__)

PROBLEM_LIMIT = 10  # quick_check stops after this many problems (one is enough to refuse)
# The check's report as bytes: it quotes the damaged file's contents, which need not be UTF-8.
CHECK_SQL = "SELECT CAST({pragma} AS BLOB) FROM pragma_{pragma}({limit})"
_SHOWN_CHARACTERS = 160


class CheckStopped(StorageError):
    """`cancelled()` said stop before the check was done (nothing is known yet)."""


def quick_check(path: Path | str, cancelled: Callable[[], bool] | None = None,
                passphrase: str | None = None) -> tuple[str, ...]:
    """What SQLite's `PRAGMA quick_check` finds wrong in the file (empty when it is whole).

    A file SQLite cannot even read as a database counts as one problem; a file that cannot be
    opened at all (permissions, locked) raises the translated error. `cancelled()` is asked
    now and then: when it says stop, `CheckStopped` is raised. An encrypted file is read with
    its `passphrase`.
    """
    if passphrase is not None:
        return _quick_check_encrypted(Path(path), passphrase)
    try:
        connection = connect_read_only(Path(path))
        try:
            if cancelled is not None:
                connection.set_progress_handler(lambda: 1 if cancelled() else 0, 100_000)
            rows = connection.execute(CHECK_SQL.format(pragma="quick_check",
                                                       limit=PROBLEM_LIMIT)).fetchall()
        finally:
            connection.close()
    except sqlite3.OperationalError as error:
        if cancelled is not None and cancelled() and "interrupted" in str(error):
            raise CheckStopped(f"the check of {path} was stopped") from None
        raise translate(error, path) or error from None
    except sqlite3.Error as error:
        if primary_code(error) in (SQLITE_CORRUPT, SQLITE_NOTADB):
            return (str(error),)
        raise translate(error, path) or error from None
    except UnicodeDecodeError:  # SQLite's own message quotes garbage from the damaged schema
        return ("database disk image is malformed (its schema is not readable)",)
    return tuple(problem for problem in (decoded(row[0]) for row in rows) if problem != "ok")


def checked(path: Path | str, cancelled: Callable[[], bool] | None = None,
            passphrase: str | None = None, *, trust_stamp: bool = False,
            trust_recent: bool = False) -> tuple[str, ...]:
    """`quick_check`, remembered: a file found whole is stamped (`check_stamps.record`), a
    damaged one loses its stamp. `trust_stamp`: a file whose stamp still matches is taken as
    whole without reading it (for read-only quick commands; see check_stamps for the trade-off).
    `trust_recent`: the same, but only when the file was last read whole at most
    `check_stamps.RECENT_READ` ago (the command line before it writes).
    """
    from crm_desktop.storage import check_stamps

    if trust_stamp and check_stamps.is_trusted(path):
        return ()
    if trust_recent and check_stamps.is_trusted(path, read_within=check_stamps.RECENT_READ):
        return ()
    before = check_stamps.state_of(path)
    problems = quick_check(path, cancelled, passphrase)
    if problems:
        check_stamps.forget(path)
    else:
        check_stamps.record(path, before)
    return problems


def _quick_check_encrypted(path: Path, passphrase: str) -> tuple[str, ...]:
    from crm_desktop.storage import encryption

    connection = encryption.connect(path, passphrase, read_only=True)
    try:
        # The plain PRAGMA: SQLCipher's newer SQLite reads pragma_quick_check(N)'s N as a table.
        rows = connection.execute(f"PRAGMA quick_check({PROBLEM_LIMIT})").fetchall()
    except encryption.cipher_errors() as error:
        return (str(error),)
    finally:
        connection.close()
    return tuple(problem for problem in (decoded(row[0]) for row in rows) if problem != "ok")


def decoded(report: bytes | str) -> str:
    return report if isinstance(report, str) else report.decode("utf-8", "replace")


def first_problem(problems: tuple[str, ...]) -> str:
    """One line of a problem list (quick_check's entries span lines)."""
    text = " ".join(problems[0].split()) if problems else "damaged"
    text = text.removeprefix("*** in database main *** ")
    return text if len(text) <= _SHOWN_CHARACTERS else text[:_SHOWN_CHARACTERS - 1] + "…"


def damaged(path: Path | None, problems: tuple[str, ...]) -> DamagedDatabase:
    """The error for a damaged database: one line with the reason, the newest good backup and
    the command that restores it."""
    import shlex

    reason = first_problem(problems)
    if path is None:
        return DamagedDatabase(f"the database is damaged ({reason})", None, problems)
    backup = newest_good_backup(path)
    if backup is None:
        from crm_desktop.storage.backup import default_folder

        message = (f"{path} is damaged ({reason}) and there is no good backup in "
                   f"{default_folder(path)}")
    else:
        message = (f"{path} is damaged ({reason}); the newest good backup is {backup}: restore "
                   f"it with: crm-desktop restore --db {shlex.quote(str(path))} --from "
                   f"{shlex.quote(str(backup))}")
    return DamagedDatabase(message, path, problems, backup)


def newest_good_backup(db_path: Path | str) -> Path | None:
    """The newest file in the database's backup folder that is an undamaged crm-desktop
    database of a schema this version knows (automatic, manual and safety copies alike)."""
    from crm_desktop.storage.backup import candidate_backups, inspect_backup

    for candidate in candidate_backups(db_path):
        try:
            inspect_backup(candidate)
        except StorageError as error:
            log.info("backup %s is not usable: %s", candidate, error)
            continue
        return candidate
    return None

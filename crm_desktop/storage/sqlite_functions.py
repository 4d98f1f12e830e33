"""SQLite-only pieces behind functions: connection pragmas and the SQL functions we register.

Everything that only SQLite understands stays in this package; a PostgreSQL backend will swap
these for its own equivalents.
"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path
from typing import Any

# How long a writer waits for another program's write to finish before giving up: long enough
# for a large import elsewhere (on a busy two-core laptop 40,000 rows take ~14 s, so this covers
# imports of several hundred thousand rows); a writer only waits while another one writes.
LOCK_WAIT_SECONDS = 300

# Runs of CJK characters and runs of letters/digits: the "words" that short-query grams are made of.
_WORD = re.compile(r"[\w]+", re.UNICODE)


def short_grams(*texts: str | None) -> str:
    """Every one- and two-character substring of every word, space separated and de-duplicated.

    FTS5's trigram tokenizer cannot answer queries shorter than three characters, and a
    two-character Chinese name has no trigram at all. Indexing these grams as whole tokens in a
    second FTS5 table answers "伟明" or "li" with one index lookup instead of a full scan.
    """
    grams: dict[str, None] = {}
    for text in texts:
        if not text:
            continue
        for word in _WORD.findall(text.lower()):
            for i, char in enumerate(word):
                grams[char] = None
                if i + 1 < len(word):
                    grams[word[i : i + 2]] = None
    return " ".join(grams)


def digits(text: str | None) -> str:
    """The digits of a phone number, which is what phone search matches."""
    return "".join(ch for ch in text or "" if ch.isdigit())


def configure_connection(dbapi_connection: Any, read_only: bool = False) -> None:
    """Pragmas for every connection, and the functions the search triggers call.

    A read-only connection gets `query_only` instead of the journal settings (which would
    write the file)."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        raw = dbapi_connection
    else:  # SQLAlchemy wraps the DBAPI connection in an adapter on some versions
        raw = getattr(dbapi_connection, "driver_connection", dbapi_connection)
    raw.create_function("crm_short_grams", -1, short_grams, deterministic=True)
    raw.create_function("crm_digits", 1, digits, deterministic=True)
    cursor = raw.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {LOCK_WAIT_SECONDS * 1000}")
    if read_only:
        cursor.execute("PRAGMA query_only = ON")
    else:
        cursor.execute("PRAGMA journal_mode = WAL")
        # NORMAL is durable across application crashes in WAL mode; only power loss can lose
        # the last transactions, never corrupt the file.
        cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def read_only_reason(path: Path) -> str | None:
    """Why the database at `path` can only be read (None when it can be written): SQLite needs
    to write the file, and to create its -wal and -shm files next to it."""
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return "its folder is read-only"
    return None


def read_only_uri(path: Path, immutable: bool = False) -> str:
    """A URI that opens `path` without ever writing it (`immutable`: nor its -shm file)."""
    uri = f"{Path(path).resolve().as_uri()}?mode=ro"
    return f"{uri}&immutable=1" if immutable else uri


def connect_read_only(path: Path, check_same_thread: bool = True) -> sqlite3.Connection:
    """A plain sqlite3 connection that never writes `path`.

    A WAL database needs its -shm file even to be read; in a folder where that cannot be
    created, the file is opened as immutable (nobody can write it there either: a writer would
    need the -wal file)."""
    from crm_desktop.storage.sqlite_errors import SQLITE_CANTOPEN, SQLITE_READONLY, primary_code

    connection = sqlite3.connect(read_only_uri(path), uri=True,
                                 check_same_thread=check_same_thread)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection
    except UnicodeDecodeError:  # SQLite's message quotes garbage from a damaged schema
        connection.close()
        raise sqlite3.DatabaseError(
            "database disk image is malformed (its schema is not readable)") from None
    except sqlite3.OperationalError as error:
        connection.close()
        folder_writable = os.access(Path(path).parent, os.W_OK | os.X_OK)
        if folder_writable or primary_code(error) not in (SQLITE_READONLY, SQLITE_CANTOPEN):
            raise
    return sqlite3.connect(read_only_uri(path, immutable=True), uri=True,
                           check_same_thread=check_same_thread)


def damage_found(connection: Any) -> list[str]:
    """What `PRAGMA integrity_check` finds wrong with the file (empty when it is whole; read
    as bytes: the report quotes the damaged contents, which need not be UTF-8)."""
    run = getattr(connection, "exec_driver_sql", None) or connection.execute
    rows = run("SELECT CAST(integrity_check AS BLOB) FROM pragma_integrity_check(100)").fetchall()
    problems = (bytes(row[0]).decode("utf-8", "replace") for row in rows)
    return [problem for problem in problems if problem != "ok"]


def foreign_key_problems(connection: Any) -> list[str]:
    """Rows whose reference points nowhere (`PRAGMA foreign_key_check`)."""
    run = getattr(connection, "exec_driver_sql", None) or connection.execute
    return [f"foreign key violation in {row[0]} row {row[1]} -> {row[2]}"
            for row in run("PRAGMA foreign_key_check").fetchall()]


def integrity_problems(connection: Any) -> list[str]:
    """`PRAGMA integrity_check` and `foreign_key_check`; an empty list means healthy.
    `connection`: a SQLAlchemy connection or a plain sqlite3 one."""
    return damage_found(connection) + foreign_key_problems(connection)


def is_sqlite_file(path: str) -> bool:
    """True when the file starts with SQLite's magic header (or is empty / new)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(16)
    except FileNotFoundError:
        return True
    return header == b"" or header == b"SQLite format 3\x00"

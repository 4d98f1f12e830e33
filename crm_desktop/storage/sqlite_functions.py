"""SQLite-only pieces behind functions: connection pragmas and the SQL functions we register.

Everything that only SQLite understands stays in this package; a PostgreSQL backend will swap
these for its own equivalents.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

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


def configure_connection(dbapi_connection: Any) -> None:
    """Pragmas for every connection, and the functions the search triggers call."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        raw = dbapi_connection
    else:  # SQLAlchemy wraps the DBAPI connection in an adapter on some versions
        raw = getattr(dbapi_connection, "driver_connection", dbapi_connection)
    raw.create_function("crm_short_grams", -1, short_grams, deterministic=True)
    raw.create_function("crm_digits", 1, digits, deterministic=True)
    cursor = raw.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.execute("PRAGMA journal_mode = WAL")
    # NORMAL is durable across application crashes in WAL mode; only power loss can lose the
    # last transactions, never corrupt the file.
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def integrity_problems(connection: Any) -> list[str]:
    """`PRAGMA integrity_check` and `foreign_key_check`; an empty list means healthy.
    `connection`: a SQLAlchemy connection or a plain sqlite3 one."""
    run = getattr(connection, "exec_driver_sql", None) or connection.execute
    problems = [row[0] for row in run("PRAGMA integrity_check").fetchall()]
    problems = [p for p in problems if p != "ok"]
    for row in run("PRAGMA foreign_key_check").fetchall():
        problems.append(f"foreign key violation in {row[0]} row {row[1]} -> {row[2]}")
    return problems


def is_sqlite_file(path: str) -> bool:
    """True when the file starts with SQLite's magic header (or is empty / new)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(16)
    except FileNotFoundError:
        return True
    return header == b"" or header == b"SQLite format 3\x00"

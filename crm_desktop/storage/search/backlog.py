"""Customers waiting for the search index: written by a bulk import, indexed after its commit.

A large import writes its customers and contact points in one transaction but not their rows of
the two search indexes (the trigram index alone costs about as much SQLite work as the rows
themselves). Instead it records the range of customer ids it added in
``customer_search_backlog`` in the SAME transaction, so a crash can never lose the record of
what is missing. Right after the commit, the same command or worker indexes the backlog
(`index_backlog`): one ``INSERT ... SELECT`` per chunk of ids into each index, each chunk in its
own short transaction that also moves the backlog past it. Whoever finds a backlog later (the
app's start-up, `check --repair`, the next import) finishes it the same way.

Until then the rows are still found: `backlog_hits` searches the waiting customers with LIKE
(storage.search.customers adds its hits to the index's), and `check` reports them as "N
customers waiting for the search index", not as a damaged index.

Rows in a range that got their index row meanwhile (an edit fires the search triggers, which
index the customer whole) are skipped, so indexing a range twice (a crash after the index rows
but before the commit is impossible: one transaction) or after an edit never duplicates a row.

Plain SQL on a DB-API connection (sqlite3, sqlcipher3 or SQLAlchemy's raw one); the short-gram
index needs the `crm_short_grams` function (storage.sqlite_functions.configure_connection).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from crm_desktop.storage.search.grams import grams
from crm_desktop.storage.search.schema import fill_statements
from crm_desktop.storage.sqlite_functions import short_grams

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

log = logging.getLogger(__name__)

TABLE = "customer_search_backlog"
CREATE = (f"CREATE TABLE IF NOT EXISTS {TABLE} ("
          "first_id INTEGER NOT NULL, last_id INTEGER NOT NULL, CHECK (first_id <= last_id))")
DROP = f"DROP TABLE IF EXISTS {TABLE}"
# Customer ids per indexing transaction: big enough that FTS5 writes few segments (its
# `hashsize` is raised for the chunk), small enough that a chunk commits in about a second.
CHUNK = 25_000
# FTS5 keeps new terms in memory up to this many bytes before writing a segment (default 1 MB)
_CHUNK_HASHSIZE = 64 * 1024 * 1024
_DEFAULT_HASHSIZE = 1024 * 1024
_INDEXES = ("customer_search", "customer_short")
Progress = Callable[[float, str], None]

# Not yet indexed: in the chunk's id range and without a row in that index.
_MISSING = ("c.id BETWEEN {low} AND {high} AND c.id NOT IN "
            "(SELECT rowid FROM {index} WHERE rowid BETWEEN {low} AND {high})")


def missing(low: int, high: int) -> str:
    """The condition (on `c`, the customers) of the customers `low`..`high` without a row in
    the trigram index."""
    return _MISSING.format(low=int(low), high=int(high), index="customer_search")


def add(cursor: Any, first_id: int, last_id: int) -> None:
    """Record that customers `first_id`..`last_id` are not indexed yet (in the caller's
    transaction: the one that wrote them)."""
    if first_id <= last_id:
        cursor.execute(f"INSERT INTO {TABLE} (first_id, last_id) VALUES (?, ?)",
                       (first_id, last_id))


def ranges(cursor: Any) -> list[tuple[int, int]]:
    """The id ranges waiting, oldest first (`cursor`: anything with `execute(sql)`)."""
    return [(int(a), int(b)) for a, b in cursor.execute(
        f"SELECT first_id, last_id FROM {TABLE} ORDER BY rowid").fetchall()]


def waiting(cursor: Any) -> int:
    """How many customers wait for the search index (read by id range: cheap).
    `cursor`: anything with `execute(sql)` (a DB-API cursor or connection)."""
    total = 0
    for low, high in ranges(cursor):
        total += int(cursor.execute(
            f"SELECT count(*) FROM customers c WHERE {missing(low, high)}").fetchone()[0])
    return total


def index_backlog(connection: Any, progress: Progress | None = None,
                  cancelled: Callable[[], bool] | None = None, chunk: int = CHUNK) -> int:
    """Index every waiting customer, a chunk per transaction; returns how many ranges' ids
    were covered. `connection`: a DB-API connection not in a transaction (sqlite3 with
    isolation_level None or in autocommit: each chunk is BEGIN IMMEDIATE ... COMMIT).
    `cancelled`: stop between chunks (what is left stays in the backlog, found by search)."""
    cursor = connection.cursor()
    # The short-gram rows through the cached grams (same text as the plain function).
    connection.create_function("crm_short_grams", 3, grams, deterministic=True)
    try:
        todo = ranges(cursor)
        total = sum(high - low + 1 for low, high in todo)
        done = 0
        started, cpu = time.perf_counter(), time.process_time()
        if todo and progress is not None:
            progress(0.0, "indexing for search")
        while todo:
            if cancelled is not None and cancelled():
                break
            low, high = todo[0]
            end = min(high, low + chunk - 1)
            _index_chunk(cursor, low, end)
            done += end - low + 1
            todo = ranges(cursor)
            if progress is not None:
                progress(min(1.0, done / max(1, total)), "indexing for search")
        if done:
            log.debug("indexed %s customer ids for search in %.2f s (CPU %.2f s)", done,
                      time.perf_counter() - started, time.process_time() - cpu)
        return done
    finally:
        # Back to the plain function: the caches stay out of the connection's later use.
        connection.create_function("crm_short_grams", 3, short_grams, deterministic=True)
        cursor.close()


def _index_chunk(cursor: Any, low: int, high: int) -> None:
    """Index customers `low`..`high` and move the backlog past them, in one transaction."""
    cursor.execute("BEGIN IMMEDIATE")
    try:
        for index in _INDEXES:
            cursor.execute(f"INSERT INTO {index}({index}, rank) VALUES ('hashsize', ?)",
                           (_CHUNK_HASHSIZE,))
        for number, index in enumerate(_INDEXES):
            cursor.execute(fill_statements(_MISSING.format(
                low=int(low), high=int(high), index=index))[number])
        for index in _INDEXES:
            cursor.execute(f"INSERT INTO {index}({index}, rank) VALUES ('hashsize', ?)",
                           (_DEFAULT_HASHSIZE,))
        # The range shrinks from its start (or goes): what is left is still waiting.
        cursor.execute(f"DELETE FROM {TABLE} WHERE first_id BETWEEN ? AND ? AND last_id <= ?",
                       (low, high, high))
        cursor.execute(f"UPDATE {TABLE} SET first_id = ? WHERE first_id BETWEEN ? AND ?",
                       (high + 1, low, high))
        cursor.execute("COMMIT")
    except BaseException:
        cursor.execute("ROLLBACK")
        raise


def clear(cursor: Any) -> None:
    """Forget the backlog (the whole index was rebuilt from the tables)."""
    cursor.execute(f"DELETE FROM {TABLE}")


def backlog_hits(run: Callable[[str, dict[str, Any]], Sequence[Sequence[Any]]],
                 words: Sequence[str], phone_digits: str | None, cap: int
                 ) -> list[Sequence[Any]]:
    """Customers in the backlog's ranges (indexed meanwhile or not: the caller drops the ids
    the index found too) matching every word (LIKE over what the index would hold: name,
    company, e-mail and phone keys, city, notes), or whose phone keys contain `phone_digits`:
    rows (id, name, company, emails, phones, city) as the index search gives them. Empty at
    once when nothing waits (one read of a small table)."""
    found = run(f"SELECT first_id, last_id FROM {TABLE}", {})
    if not found or (not words and not phone_digits):
        return []
    params: dict[str, Any] = {"cap": cap}
    spans = []
    for number, (low, high) in enumerate(found):
        params[f"low{number}"], params[f"high{number}"] = low, high
        spans.append(f"c.id BETWEEN :low{number} AND :high{number}")
    where, matching = like_conditions(words, phone_digits)
    params.update(matching)
    sql = (
        "SELECT id, name, company, emails, phones, city FROM (" + _AS_INDEXED +
        " WHERE (" + " OR ".join(spans) + ") AND c.deleted_at IS NULL"
        ") WHERE " + where + " LIMIT :cap")
    return list(run(sql, params))


# A customer's row as the search index holds it (storage.search.schema), from the tables.
_AS_INDEXED = (
    "SELECT c.id AS id, c.name AS name, c.city AS city, c.notes AS notes,"
    " (SELECT p.name FROM customers p WHERE p.id = c.company_id) AS company,"
    " (SELECT group_concat(e.normalized, ' ') FROM contact_points e"
    "   WHERE e.customer_id = c.id AND e.kind = 'email') AS emails,"
    " (SELECT group_concat(t.normalized, ' ') FROM contact_points t"
    "   WHERE t.customer_id = c.id AND t.kind = 'phone') AS phones"
    " FROM customers c")


def like_conditions(words: Sequence[str], phone_digits: str | None
                    ) -> tuple[str, dict[str, Any]]:
    """The LIKE conditions (on the columns of `_AS_INDEXED`) and their parameters: every word
    somewhere in the row, or the digits in its phone keys."""
    params: dict[str, Any] = {}
    conditions = []
    if phone_digits:
        params["backlog_phone"] = _like(phone_digits)
        conditions.append("phones LIKE :backlog_phone ESCAPE '\\'")
    for number, word in enumerate(words):
        params[f"backlog_w{number}"] = _like(word)
        conditions.append("(" + " OR ".join(
            f"coalesce({column}, '') LIKE :backlog_w{number} ESCAPE '\\'"
            for column in ("name", "company", "emails", "phones", "city", "notes")) + ")")
    return " AND ".join(conditions) or "0", params


def waiting_matches_sql(words: Sequence[str], phone_digits: str | None
                        ) -> tuple[str, dict[str, Any]]:
    """A SELECT of the ids of waiting customers matching the words (or phone digits), with
    its parameters: what the customers list's search box adds to the index's answer."""
    where, params = like_conditions(words, phone_digits)
    return ("SELECT id FROM (" + _AS_INDEXED + f" JOIN {TABLE} b ON c.id BETWEEN b.first_id"
            " AND b.last_id) WHERE " + where), params


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def finish(database: Database, progress: Progress | None = None,
           cancelled: Callable[[], bool] | None = None) -> int:
    """`index_backlog` on a connection of `database` (nothing on a read-only one: search
    finds the waiting rows anyway). Returns how many customer ids were covered."""
    from crm_desktop.storage.database import raw_connection

    if database.read_only is not None:
        return 0
    with raw_connection(database) as connection:
        if not connection.execute(f"SELECT 1 FROM {TABLE} LIMIT 1").fetchone():
            return 0
        return index_backlog(connection, progress, cancelled)

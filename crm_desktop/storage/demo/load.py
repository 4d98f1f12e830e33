"""How the demo generator's rows reach the file: in batches into a database in use, or all at
once into a new file that is moved into place when whole.

`InPlace` (a database that exists, perhaps open in the app): one transaction per batch of
customers, each one whole: the search triggers are dropped at its start, the batch's rows of
both search indexes are inserted with one `INSERT ... SELECT` at its end and the triggers are
back before it commits, with one audit entry for what it added. A passive checkpoint after each
commit lets the WAL be reused from its start, so it never grows past one batch (one
transaction over a million customers made a 5.6 GB WAL). A crash loses the batch under way
only; every batch before it is there, searchable and audited.

`NewFile` (the file does not exist yet): everything goes into a temporary file next to it,
written without a journal (a crash leaves only the temporary file, which the next database
created there removes), with the search, report and row-count triggers and the secondary
indexes dropped and the foreign keys unchecked (the generator hands out every id it refers to);
at the end the indexes are created from sorted data (the sorter on helper threads), both search
indexes are filled by one `INSERT ... SELECT` each with a large FTS5 `hashsize` (fewer, bigger
segments) and no merging until one 'optimize' at the end, the rows are counted once
(storage.row_counts), the file is switched to WAL, synced, and linked into place. The path holds nothing until then.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from typing import Any

import numpy as np

from crm_desktop.models import new_uuid, utcnow
from crm_desktop.storage import audit_chain, report_summary, row_counts
from crm_desktop.storage.demo.columns import micros, stamps
from crm_desktop.storage.importing.customer_load import grams
from crm_desktop.storage.search import schema as search_schema
from crm_desktop.storage.sqlite_functions import short_grams

# FTS5 keeps new terms in memory up to this many bytes before writing a segment (default 1 MB):
# bigger means fewer segments to write and merge while the index is filled.
LOAD_HASHSIZE = 64 * 1024 * 1024
DEFAULT_HASHSIZE = 1024 * 1024
# While a new file's indexes are filled in one go: no merging of the segments as they are
# written (FTS5 merges them again and again as they pile up: automerge, and crisismerge at 16
# on a level), one 'optimize' merges them all once at the end. At a million customers this
# cut the fill's CPU from 49 to 31 s (tests keep FTS5's defaults afterwards).
NO_MERGING = {"automerge": 0, "crisismerge": 2000}
DEFAULT_MERGING = {"automerge": 4, "crisismerge": 16}
SEARCH_TABLES = ("customer_search", "customer_short")
# Page cache of the loading connection (KiB): random keys touch index pages all over the file,
# and a small cache writes the same dirty pages out over and over.
BULK_CACHE_KIB = 256 * 1024
# Helper threads SQLite's sorter may use while the indexes of a new file are created.
SORT_THREADS = max(1, min(4, (os.cpu_count() or 1) - 1))


def _cached_grams(name: str | None, company: str | None, city: str | None) -> str:
    return grams(name or "", company, city)


def fast_grams(connection: Any, on: bool = True) -> None:
    """Let the short-gram index's SQL function cache the grams of words, companies and cities
    on this connection (the bulk import's `grams`: same result, a third of the time), or go
    back to the plain one."""
    function = _cached_grams if on else short_grams
    connection.create_function("crm_short_grams", 3, function, deterministic=True)


def _hashsize(cursor: Any, size: int) -> None:
    _configure(cursor, hashsize=size)


def _configure(cursor: Any, **options: int) -> None:
    """Set FTS5 options (kept in the index's config table) of both search indexes."""
    for table in SEARCH_TABLES:
        for option, value in options.items():
            cursor.execute(f"INSERT INTO {table}({table}, rank) VALUES (?, ?)", (option, value))


def fill_search(cursor: Any, first_id: int | None = None, last_id: int | None = None) -> None:
    """Insert the rows of both search indexes for the customers with ids in
    [first_id, last_id] (all customers when no range is given)."""
    where = "1" if first_id is None else f"c.id BETWEEN {int(first_id)} AND {int(last_id or 0)}"
    for statement in search_schema.fill_statements(where):
        cursor.execute(statement)


def optimize_search(cursor: Any) -> None:
    """Merge the segments of both indexes into one each (fewer to read per search term)."""
    for table in SEARCH_TABLES:
        cursor.execute(f"INSERT INTO {table}({table}) VALUES('optimize')")


def drop_triggers(cursor: Any) -> None:
    """The search and report-totals triggers: both fire once per row (a million customers'
    orders and lines are millions of rows); the loaders do their work once per batch instead."""
    for name in search_schema.TRIGGER_NAMES:
        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in report_summary.drop_triggers_sql():
        cursor.execute(statement)


def create_triggers(cursor: Any) -> None:
    for statement in (*search_schema.CREATE_TRIGGERS, *report_summary.create_triggers_sql()):
        cursor.execute(statement)


def drop_plain_indexes(cursor: Any, tables: tuple[str, ...]) -> list[str]:
    """Drop the indexes of `tables` that enforce nothing (not unique, made by CREATE INDEX);
    returns the statements that make them again."""
    dropped = []
    for table in tables:
        for _seq, name, unique, origin, _partial in cursor.execute(
                f"PRAGMA index_list({table})").fetchall():
            if unique or origin != "c":
                continue
            sql = cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND "
                                 "name = ?", (name,)).fetchone()[0]
            cursor.execute(f'DROP INDEX "{name}"')
            dropped.append(sql)
    return dropped


def audit(cursor: Any, actor: str, machine: str, counts: dict[str, int]) -> None:
    """One audit entry for rows added in bulk (they bypass the per-field session hook)."""
    at = stamps(np.array([micros(utcnow())]))[0]
    audit_chain.append(cursor, [(new_uuid(), at, at, "demo", 0, None, "create", None, None,
                                 json.dumps(counts), at, actor, machine)])


class InPlace:
    """Batches committed one by one into a database that exists (see the module docstring)."""

    def __init__(self, connection: Any, actor: str, machine: str) -> None:
        self.connection = connection
        self.cursor = connection.cursor()
        self.actor, self.machine = actor, machine
        self._batches = 0
        self._cache = self.cursor.execute("PRAGMA cache_size").fetchone()[0]
        self.cursor.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
        fast_grams(connection)

    def begin(self) -> None:
        self.cursor.execute("BEGIN")
        drop_triggers(self.cursor)
        _hashsize(self.cursor, LOAD_HASHSIZE)

    def commit(self, first_id: int, last_id: int, counts: dict[str, int], last: bool) -> None:
        """Index the batch's customers (ids first_id..last_id), restore the triggers, audit
        the batch's `counts`, commit and checkpoint."""
        cursor = self.cursor
        if last_id >= first_id:
            fill_search(cursor, first_id, last_id)
            report_summary.mark_customers(cursor, first_id, last_id)
        if last and self._batches == 0:
            # One batch: merge the index into one segment as a new file gets. After several
            # the merge would rewrite the whole index into the WAL at once; FTS5's automerge
            # has kept the segments few meanwhile.
            optimize_search(cursor)
        self._batches += 1
        _hashsize(cursor, DEFAULT_HASHSIZE)
        create_triggers(cursor)
        audit(cursor, self.actor, self.machine, counts)
        self.connection.commit()
        # PASSIVE never waits for readers (the app may be showing the database meanwhile).
        cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def rollback(self) -> None:
        self.connection.rollback()

    def close(self) -> None:
        self.cursor.execute(f"PRAGMA cache_size = {self._cache}")
        self.cursor.close()
        fast_grams(self.connection, on=False)


class NewFile:
    """Everything into a file nobody else uses, indexed once at the end (module docstring)."""

    def __init__(self, connection: Any, actor: str, machine: str, tables: tuple[str, ...]
                 ) -> None:
        self.connection = connection
        self.cursor = cursor = connection.cursor()
        self.actor, self.machine = actor, machine
        # No journal: a crash or a cancel throws the whole temporary file away.
        cursor.execute("PRAGMA journal_mode = OFF")
        cursor.execute("PRAGMA synchronous = OFF")
        cursor.execute("PRAGMA locking_mode = EXCLUSIVE")
        cursor.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
        # The generator hands out every id it refers to: checking each reference as its row
        # goes in (an index lookup per foreign key per row) would only find its own mistakes
        # (the tests run `foreign_key_check` on what it made). Off outside a transaction only.
        cursor.execute("PRAGMA foreign_keys = OFF")
        fast_grams(connection)
        cursor.execute("BEGIN")
        drop_triggers(cursor)
        # The row counts too (a trigger per row of every table): counted once in finish().
        for statement in row_counts.drop_triggers_sql():
            cursor.execute(statement)
        self._dropped = drop_plain_indexes(cursor, tables)
        connection.commit()

    def begin(self) -> None:
        self.cursor.execute("BEGIN")

    def commit(self, first_id: int, last_id: int, counts: dict[str, int], last: bool) -> None:
        self.connection.commit()

    def rollback(self) -> None:
        """Without a journal a rollback may leave the file half-written: it is thrown away."""
        with contextlib.suppress(sqlite3.Error):
            self.connection.rollback()

    def finish(self, counts: dict[str, int]) -> None:
        """Indexes, both search indexes, triggers and the audit entry; then back to WAL."""
        cursor = self.cursor
        # The sorter of CREATE INDEX may use helper threads (SQLite's default is none).
        cursor.execute(f"PRAGMA threads = {SORT_THREADS}")
        cursor.execute("BEGIN")
        for statement in self._dropped:
            cursor.execute(statement)
        _configure(cursor, hashsize=LOAD_HASHSIZE, **NO_MERGING)
        fill_search(cursor)
        optimize_search(cursor)
        _configure(cursor, hashsize=DEFAULT_HASHSIZE, **DEFAULT_MERGING)
        report_summary.mark_customers(cursor, 0)  # the first report adds up these days
        create_triggers(cursor)
        audit(cursor, self.actor, self.machine, counts)
        row_counts.recount(cursor)  # the audit entry just written included
        for statement in row_counts.create_triggers_sql():
            cursor.execute(statement)
        self.connection.commit()
        cursor.execute("PRAGMA threads = 0")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA locking_mode = NORMAL")
        cursor.execute("PRAGMA journal_mode = WAL")

    def close(self) -> None:
        self.cursor.close()

"""The bulk writer of new customers: parameter rows in Python, inserts in a helper thread.

Each chunk of new customers becomes two lists of parameter rows (customers, contact points;
their search index rows are written after the commit, storage.search.backlog). A helper thread
inserts them with multi-row `INSERT ... VALUES (...), (...)` statements of up to as many rows
as SQLite takes parameters (`_Statements`): binding is one C loop and the statement runs without
holding Python's GIL, so the next chunk is checked and prepared while the previous one is
written. (Measured against the alternatives: `executemany` in a thread takes the GIL back for
every row and waits behind the preparing thread; rows as JSON read through `json_each` cost
SQLite a parse of every row for every column.) This thread's SQLite work, not the checking,
bounds the import's stream (docs/data-in-out.md, "Where the time goes").

The search triggers and the row-counting triggers are dropped for the load and re-created at
the end, inside the transaction. When the load is as big as the tables (a first import), the
plain indexes whose keys come in any order are dropped too and built once at the end; those
whose new keys arrive in order or take a few values stay (`MAINTAINED`). For a load smaller
than the tables, keeping every index up to date costs less than building it again whole.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import time
from datetime import date, datetime
from itertools import compress, repeat
from typing import Any

from crm_desktop.models import Customer
from crm_desktop.models.uuids import UuidSource
from crm_desktop.storage import row_counts
from crm_desktop.storage.importing.customer_batch import CustomerBatch
from crm_desktop.storage.importing.customer_match import Placed
from crm_desktop.storage.search import schema as search_schema
from crm_desktop.storage.search.grams import grams as grams  # storage.demo.load imports it here

log = logging.getLogger(__name__)
FIXED = ("company_id", "id", "uuid")
COLUMNS = [c.name for c in Customer.__table__.columns
           if c.name not in ("deleted_at", "created_at", "updated_at", *FIXED)]
_CONTACT_COLUMNS = ("uuid", "customer_id", "kind", "label", "value", "normalized",
                    "is_primary")
_STAMPED = ("created_at", "updated_at")
# The triggers that count inserted rows (storage.row_counts): one UPDATE per row during a
# load; `finish` adds the load's rows at once instead.
_COUNTING_TRIGGERS = ("row_counts_customers_ai", "row_counts_contact_points_ai")


def _insert_head(table: str, columns: tuple[str, ...] | list[str],
                 stamped: tuple[str, ...] = ()) -> str:
    """`INSERT INTO table (columns) VALUES`: the rows follow (`_Statements`)."""
    return f"INSERT INTO {table} ({', '.join([*columns, *stamped])}) VALUES"


class _Statements:
    """Multi-row INSERT statements for a head and a row width, cached by row count (SQLite
    keeps the compiled ones in the connection's statement cache, `cached_statements`).

    Into a table the load outgrows (a first import: `BulkCustomerWriter.start` with
    `rebuild_indexes`), a chunk's rows go in as statements of a few sizes only (`sizes`): full
    statements of `block` rows, then the rest as powers of two (4,931 rows = 4,096 + 512 + 256
    + 64 + 2 + 1), each size compiled once per connection. One statement of each chunk's own
    row count was nearly always new, and SQLite parses and codes a VALUES list row by row:
    about a fifth of the writer's instructions at 100,000 rows into an empty database.
    Into a big table, `whole` keeps one statement per chunk (up to the limit), compiled anew:
    each statement journals the pages it changes that existed before it (to roll itself back
    alone), and there the rows' index entries land on pages all over big indexes, so more
    statements a chunk journal the same pages again (100,000 rows into the 1M-customer
    database: 217 MB of statement journal against 126 MB, the contact points' CPU +0.1-0.4 s).
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit  # parameters per statement
        self._texts: dict[tuple[str, int, int, str], str] = {}

    def block(self, width: int) -> int:
        """The rows of a full statement: the largest power of two within the limit."""
        return 1 << (max(1, self.limit // width).bit_length() - 1)

    def whole(self, rows: int, width: int) -> list[int]:
        """The row counts of as few statements as the limit allows for `rows` rows."""
        most = max(1, self.limit // width)
        return [min(most, rows - start) for start in range(0, rows, most)]

    def sizes(self, rows: int, width: int) -> list[int]:
        """The row counts of the statements that insert `rows` rows of `width` parameters,
        of a few sizes only."""
        block = self.block(width)
        full, rest = divmod(rows, block)
        return [block] * full + [1 << bit for bit in reversed(range(block.bit_length()))
                                 if rest >> bit & 1]

    def text(self, head: str, width: int, rows: int, stamp: str) -> str:
        key = (head, width, rows, stamp)
        if key not in self._texts:
            marks = ", ".join("?" * width)
            if stamp:
                marks += f", {stamp}, {stamp}"
            self._texts[key] = f"{head} {', '.join([f'({marks})'] * rows)}"
        return self._texts[key]


# Plain indexes kept up to date during a load instead of built again after it: the keys the
# load adds arrive in order or take a few values, so each new entry goes at the right end of
# its key's run (the rowid grows), which costs less than sorting them all afterwards: a
# contact's customer id (new ids ascend), deleted_at (NULL), status, owner, category (a few
# values), company_id (new companies' ids ascend; a few existing ones otherwise). Measured at
# 100,000 rows (CPU of the writer's inserts + the rebuild, 4 rounds each, a shared machine):
# all rebuilt 2.74-3.17 s (rebuild 0.98-1.11 s, alone at the end), these maintained 2.51-2.87 s
# (rebuild 0.47-0.69 s; the inserts, overlapped with the checking of the next chunk, +0.2 s).
# Names, cities, e-mails, phones and external ids come in any order: rebuilt. The companies'
# index (revision 0010) holds only the few companies a load creates: kept up to date.
MAINTAINED = frozenset({
    "ix_contact_points_customer_id", "ix_customers_deleted_at", "ix_customers_status",
    "ix_customers_owner", "ix_customers_category", "ix_customers_company_id",
    "ix_customers_companies",
})


def _drop_plain_indexes(cursor: Any, table: str) -> list[str]:
    """Drop the table's indexes that enforce nothing (not unique, not a constraint's) and
    are not cheaper to keep up to date (`MAINTAINED`); returns the statements that create
    them again."""
    dropped = []
    for _seq, name, unique, origin, _partial in cursor.execute(
            f"PRAGMA index_list({table})").fetchall():
        if unique or origin != "c" or name in MAINTAINED:
            continue
        sql = cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?",
                             (name,)).fetchone()[0]
        cursor.execute(f'DROP INDEX "{name}"')
        dropped.append(sql)
    return dropped


def _max_variables(raw: Any) -> int:
    """How many parameters one statement may have (the connection's limit, at most 65,536:
    bigger statements gain nothing)."""
    try:
        return int(min(raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER), 65536))
    except (AttributeError, sqlite3.Error):  # a DBAPI module without getlimit
        return 999


_DEFAULTS = {"status": "lead", "kind": "person"}
# Columns with a bind processor whose values can key a dict (dates; not the JSON column)
_HASHABLE = frozenset(c.name for c in Customer.__table__.columns
                      if c.type.python_type in (date, datetime))


def _bound(values: list[Any], process: Any, hashable: bool,
           done: dict[Any, Any] | None = None) -> list[Any]:
    """`values` as the column's bind processor gives them: dates repeat (birthdays, the
    import's own stamp), so each distinct one is processed once (once per import when the
    caller keeps `done`, the values bound so far, from chunk to chunk)."""
    if not hashable:
        return [None if v is None else process(v) for v in values]
    if done is None or len(done) > _BOUND_KEPT:
        done = {}
    done[None] = None
    for value in set(values) - done.keys():
        done[value] = process(value)
    return list(map(done.__getitem__, values))


_BOUND_KEPT = 100_000  # distinct dates a writer keeps bound from chunk to chunk


def _pick(values: list[Any] | None, rows: list[int], created: list[str], column: str,
          everyone: bool) -> list[Any]:
    """The column's values for the customers placed: the batch's rows, and for the companies
    created for a name (negative rows) their name and kind."""
    if values is not None and everyone:
        return values
    if not created:  # no company made for a name: every row is one of the batch
        return list(map(values.__getitem__, rows)) if values is not None else [None] * len(rows)
    if column in ("name", "kind"):
        made = created if column == "name" else ["company"] * len(created)
        if values is None:
            return [made[-row - 1] if row < 0 else None for row in rows]
        return [made[-row - 1] if row < 0 else values[row] for row in rows]
    if values is None:
        return [None] * len(rows)
    return [values[row] if row >= 0 else None for row in rows]


def _interleaved(columns: list[list[Any]], count: int) -> list[Any]:
    """The parameters of `count` rows one row after the other (column values interleaved):
    one slice assignment a column, where a tuple a row and flattening them again for the
    statements cost the two threads 0.1-0.2 s of GIL at 100,000 rows."""
    width = len(columns)
    values: list[Any] = [None] * (width * count)
    for index, column in enumerate(columns):
        values[index::width] = column  # ValueError unless the column has `count` values
    return values


class BulkCustomerWriter:
    """`start()`, then `add(batch, placed)` per chunk, then `finish()`.

    Between `start()` and `finish()` only the helper thread uses the connection.
    """

    def __init__(self, raw: Any, dialect: Any, stamp: str) -> None:
        self.raw = raw
        self.cursor = raw.cursor()
        self.stamp = "'" + stamp.replace("'", "''") + "'"  # a literal in the statements
        self.dialect = dialect
        self._processors: dict[str, Any] = {}
        self._bound: dict[str, dict[Any, Any]] = {}  # column -> values bound so far
        self._statements = _Statements(_max_variables(raw))
        self._few_sizes = False  # `start` with `rebuild_indexes`: _Statements.sizes
        self.uuids = UuidSource()
        self.sql = (_insert_head("contact_points", _CONTACT_COLUMNS, _STAMPED),)
        self.inserted = {"customers": 0, "contact_points": 0}  # rows, for row_counts
        # (statement head, row width, stamped, the rows' parameters one row after the other)
        # per table of a chunk
        self._queue: queue.Queue[list[tuple[str, int, bool, list[Any]]] | None] = \
            queue.Queue(maxsize=2)
        self._thread: threading.Thread | None = None
        self.error: BaseException | None = None
        self._dropped: list[str] = []  # CREATE INDEX statements to run again in finish()
        self.busy = 0.0  # seconds the helper thread spent inserting (the benchmark logs it)
        # CPU seconds per table the helper spent inserting: wall time on a shared machine
        # says little, these say where the work is (the benchmark logs them)
        self.cpu: dict[str, float] = {}

    def start(self, rebuild_indexes: bool = False) -> None:
        """Drop the search triggers and the row-counting triggers of customers and contact
        points (the counts are added once in `finish`; and, with `rebuild_indexes`, the
        non-unique indexes of customers and contact points whose keys come in any order: when
        the load is as big as the tables, building them once at the end costs less than
        keeping them up to date row by row; `MAINTAINED` ones stay), then start the helper
        thread."""
        cursor = self.cursor
        for name in (*search_schema.TRIGGER_NAMES, *_COUNTING_TRIGGERS):
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        self._few_sizes = rebuild_indexes
        if rebuild_indexes:
            for table in ("customers", "contact_points"):
                self._dropped += _drop_plain_indexes(cursor, table)
        self._thread = threading.Thread(target=self._run, name="import-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            if self.error is not None:
                continue
            try:
                started = time.perf_counter()
                for head, width, stamped, values in item:
                    cpu = time.thread_time()
                    self._insert(head, width, stamped, values)
                    table = head.split(" ", 3)[2]
                    self.cpu[table] = self.cpu.get(table, 0.0) + time.thread_time() - cpu
                self.busy += time.perf_counter() - started
            except BaseException as error:  # handed to the importing thread by `add`/`finish`
                self.error = error

    def _insert(self, head: str, width: int, stamped: bool, values: list[Any]) -> None:
        """Insert the rows whose parameters `values` holds one after the other (`width` a
        row): each statement binds a slice of it as it is."""
        stamp = self.stamp if stamped else ""
        start = 0
        cut = self._statements.sizes if self._few_sizes else self._statements.whole
        for rows in cut(len(values) // width, width):
            end = start + rows * width
            self.cursor.execute(self._statements.text(head, width, rows, stamp),
                                values[start:end])
            start = end

    def _processor(self, column: str) -> Any:
        """How SQLAlchemy binds the column's values (dates, JSON), or None: as they are."""
        if column not in self._processors:
            kind = Customer.__table__.c[column].type
            self._processors[column] = kind.dialect_impl(self.dialect).bind_processor(
                self.dialect)
        return self._processors[column]

    def add(self, batch: CustomerBatch, placed: Placed) -> None:
        """Queue the customers `placed` gives (rows of `batch` and companies created for
        names), their contact points and their rows of both search indexes."""
        if self.error is not None:
            raise self.error
        rows, ids = placed.rows, placed.ids
        if not rows:
            return
        created = placed.created_names
        # Only the columns the batch fills: every column costs a JSON lookup per row.
        used = tuple(c for c in COLUMNS if c in ("status", "kind", "name") or (
            c in batch.columns and any(v is not None for v in batch.columns[c])))
        everyone = not created and len(rows) == len(batch)  # rows 0..n-1, nothing between
        columns: list[list[Any]] = []
        for name in used:
            values = _pick(batch.columns.get(name), rows, created, name, everyone)
            default = _DEFAULTS.get(name)
            if default is not None:
                values = [default if v is None else v for v in values]
            process = self._processor(name)
            if process is not None:
                values = _bound(values, process, name in _HASHABLE,
                                self._bound.setdefault(name, {}))
            columns.append(values)
        contacts = batch.contacts
        # The customer id of each contact's row (0: the row adds no customer), by C loops.
        id_of_row = dict(zip(rows, ids, strict=True))
        owners = list(map(id_of_row.get, contacts.rows, repeat(0)))
        if 0 in owners:
            keep = list(compress(range(len(owners)), owners))
            kept, owners = contacts.taken(keep), list(map(owners.__getitem__, keep))
        else:
            kept = contacts
        uuids = self.uuids.take(len(rows) + len(kept))
        customer_values = _interleaved(
            [placed.company_ids, ids, uuids[:len(rows)], *columns], len(rows))
        contact_values = _interleaved(
            [uuids[len(rows):], owners, kept.kinds, kept.labels, kept.values, kept.keys,
             list(map(int, kept.primary))], len(kept))
        self.inserted["customers"] += len(rows)
        self.inserted["contact_points"] += len(kept)
        head = _insert_head("customers", [*FIXED, *used], _STAMPED)
        self._queue.put([(head, len(FIXED) + len(used), True, customer_values),
                         (self.sql[0], len(_CONTACT_COLUMNS), True, contact_values)])

    def finish(self) -> None:
        """Wait for the writes; put back the indexes dropped for the load and the triggers,
        and count the rows added (storage.row_counts). The search index rows are not written
        here: the caller records the new customers in the search backlog (search.backlog)."""
        self.stop()
        if self.error is not None:
            raise self.error
        log.debug("helper thread inserted for %.2f s (CPU per table: %s)", self.busy,
                  ", ".join(f"{table} {cpu:.2f} s" for table, cpu in self.cpu.items()))
        cursor = self.cursor
        started, cpu = time.perf_counter(), time.thread_time()
        for statement in self._dropped:
            cursor.execute(statement)
        self._dropped = []
        for table, count in self.inserted.items():
            cursor.execute(f"UPDATE {row_counts.TABLE} SET live = live + ? WHERE name = ?",
                           (count, table))
        for statement in (*search_schema.CREATE_TRIGGERS,
                          *(row_counts.TRIGGERS[name] for name in _COUNTING_TRIGGERS)):
            cursor.execute(statement)
        log.debug("indexes and triggers back in %.2f s (CPU %.2f s)",
                  time.perf_counter() - started, time.thread_time() - cpu)

    def stop(self) -> None:
        """End the helper thread (also on failure: it never outlives the import)."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None

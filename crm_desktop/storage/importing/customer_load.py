"""The bulk writer of new customers: parameter rows in Python, inserts in a helper thread.

Each chunk of new customers becomes four JSON arrays (customers, contact points, and the rows
of both search indexes, which the loader writes itself instead of firing a trigger per row).
A helper thread runs `INSERT ... SELECT ... FROM json_each(?)` for each: one statement per
chunk and table, which SQLite runs without holding Python's GIL, so the next chunk is checked
and prepared while the previous one is written. (`executemany` in a thread was measured and
is slower: it takes the GIL back for every row and waits behind the preparing thread.)

The search triggers are dropped for the load and re-created at the end, inside the
transaction. (Dropping the secondary indexes too and re-creating them at the end was measured:
the inserts get faster, but the re-creation runs alone at the end and costs more.)
"""

from __future__ import annotations

import json
import queue
import threading
from functools import lru_cache
from typing import Any

from crm_desktop.models import Customer
from crm_desktop.storage.importing.customer_batch import Contacts, CustomerBatch
from crm_desktop.storage.importing.customer_match import Placed
from crm_desktop.storage.importing.load import UuidSource
from crm_desktop.storage.search import schema as search_schema
from crm_desktop.storage.sqlite_functions import _WORD

FIXED = ("company_id", "id", "uuid")
COLUMNS = [c.name for c in Customer.__table__.columns
           if c.name not in ("deleted_at", "created_at", "updated_at", *FIXED)]
_CONTACT_COLUMNS = ("uuid", "customer_id", "kind", "label", "value", "normalized",
                    "is_primary")
_SEARCH_COLUMNS = ("rowid", "name", "company", "emails", "phones", "city", "notes")


def _json_insert(table: str, columns: tuple[str, ...] | list[str],
                 stamped: tuple[str, ...] = ()) -> str:
    """INSERT ... SELECT from a JSON array of rows (`?1`); `stamped` columns get `?2`."""
    names = [*columns, *stamped]
    values = [f"value ->> {i}" for i in range(len(columns))] + ["?2"] * len(stamped)
    return (f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(values)} "
            "FROM json_each(?1)")


@lru_cache(maxsize=262144)
def _word_grams(word: str) -> tuple[str, ...]:
    """The grams `short_grams` makes of one (lower-case) word, in its order."""
    grams: dict[str, None] = {}
    for i, char in enumerate(word):
        grams[char] = None
        if i + 1 < len(word):
            grams[word[i:i + 2]] = None
    return tuple(grams)


@lru_cache(maxsize=65536)
def _text_grams(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    words = _WORD.findall(text.lower())
    if len(words) == 1:
        return _word_grams(words[0])
    return tuple(dict.fromkeys(g for word in words for g in _word_grams(word)))


_DEFAULTS = {"status": "lead", "kind": "person"}


def _pick(values: list[Any] | None, rows: list[int], created: list[str], column: str,
          everyone: bool) -> list[Any]:
    """The column's values for the customers placed: the batch's rows, and for the companies
    created for a name (negative rows) their name and kind."""
    if values is not None and everyone:
        return values
    if column in ("name", "kind"):
        made = created if column == "name" else ["company"] * len(created)
        if values is None:
            return [made[-row - 1] if row < 0 else None for row in rows]
        return [made[-row - 1] if row < 0 else values[row] for row in rows]
    if values is None:
        return [None] * len(rows)
    return [values[row] if row >= 0 else None for row in rows]


def _joined_keys(contacts: Contacts) -> tuple[dict[int, str], dict[int, str]]:
    """Per row, the keys of its e-mails and of its phones joined by spaces (the search
    index's `emails` and `phones`)."""
    emails: dict[int, str] = {}
    phones: dict[int, str] = {}
    for row, kind, key in zip(contacts.rows, contacts.kinds, contacts.keys, strict=True):
        joined = emails if kind == "email" else phones
        have = joined.get(row)
        joined[row] = key if have is None else f"{have} {key}"
    return emails, phones


def grams(name: str, company: str | None, city: str | None) -> str:
    """`short_grams(name, company, city)`, with the grams of words, companies and cities
    cached (names are mostly unique, their words are not)."""
    own = _text_grams(name) if len(name) < 40 else _text_grams.__wrapped__(name)
    if not company and not city:
        return " ".join(own)
    return " ".join(dict.fromkeys(own + _text_grams(company) + _text_grams(city)))


class BulkCustomerWriter:
    """`start()`, then `add(batch, placed)` per chunk, then `finish()`.

    Between `start()` and `finish()` only the helper thread uses the connection.
    """

    def __init__(self, raw: Any, dialect: Any, stamp: str) -> None:
        self.raw = raw
        self.cursor = raw.cursor()
        self.stamp = stamp
        self.dialect = dialect
        self._processors: dict[str, Any] = {}
        self._customer_sqls: dict[tuple[str, ...], str] = {}
        self.uuids = UuidSource()
        self.sql = (
            _json_insert("contact_points", _CONTACT_COLUMNS, stamped=("created_at",
                                                                      "updated_at")),
            _json_insert("customer_search", _SEARCH_COLUMNS),
            _json_insert("customer_short", ("rowid", "grams")),
        )
        self._queue: queue.Queue[tuple[str, ...] | None] = queue.Queue(maxsize=2)
        self._thread: threading.Thread | None = None
        self.error: BaseException | None = None

    def start(self) -> None:
        cursor = self.cursor
        for name in search_schema.TRIGGER_NAMES:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
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
                for sql, data in zip(item[::2], item[1::2], strict=True):
                    if data != "[]":
                        params = (data, self.stamp) if "?2" in sql else (data,)
                        self.cursor.execute(sql, params)
            except BaseException as error:  # handed to the importing thread by `add`/`finish`
                self.error = error

    def _processor(self, column: str) -> Any:
        """How SQLAlchemy binds the column's values (dates, JSON), or None: as they are."""
        if column not in self._processors:
            kind = Customer.__table__.c[column].type
            self._processors[column] = kind.dialect_impl(self.dialect).bind_processor(
                self.dialect)
        return self._processors[column]

    def _customer_sql(self, used: tuple[str, ...]) -> str:
        if used not in self._customer_sqls:
            self._customer_sqls[used] = _json_insert(
                "customers", [*FIXED, *used], stamped=("created_at", "updated_at"))
        return self._customer_sqls[used]

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
                values = [None if v is None else process(v) for v in values]
            columns.append(values)
        contacts = batch.contacts
        id_of_row = [0] * len(batch)
        for row, customer_id in zip(rows, ids, strict=True):
            if row >= 0:
                id_of_row[row] = customer_id
        keep = [j for j, row in enumerate(contacts.rows) if id_of_row[row]]
        if len(keep) == len(contacts):
            kept = contacts
        else:
            kept = Contacts()
            for mine, theirs in zip(kept.lists(), contacts.lists(), strict=True):
                mine.extend(theirs[j] for j in keep)
        uuids = self.uuids.take(len(rows) + len(kept))
        customer_rows = list(zip(placed.company_ids, ids, uuids[:len(rows)], *columns,
                                 strict=True))
        contact_rows = list(zip(
            uuids[len(rows):], [id_of_row[row] for row in kept.rows], kept.kinds, kept.labels,
            kept.values, kept.keys, [1 if p else 0 for p in kept.primary], strict=True))
        emails, phones = _joined_keys(kept)
        names = columns[used.index("name")]
        cities = _pick(batch.columns.get("city"), rows, created, "city", everyone)
        notes = _pick(batch.columns.get("notes"), rows, created, "notes", everyone)
        search = list(zip(ids, names, placed.company_names,
                          [emails.get(row) for row in rows], [phones.get(row) for row in rows],
                          cities, notes, strict=True))
        short = list(zip(ids, map(grams, names, placed.company_names, cities), strict=True))
        dumps = json.JSONEncoder(ensure_ascii=False, check_circular=False,
                                 separators=(",", ":")).encode
        self._queue.put((self._customer_sql(used), dumps(customer_rows), self.sql[0],
                         dumps(contact_rows), self.sql[1], dumps(search), self.sql[2],
                         dumps(short)))

    def finish(self, links: list[tuple[int, int, str | None]]) -> None:
        """Wait for the writes, link people to companies created after them, restore the
        triggers. `links`: (company id, customer id, company name)."""
        self.stop()
        if self.error is not None:
            raise self.error
        cursor = self.cursor
        for company_id, customer_id, company in links:
            cursor.execute("UPDATE customers SET company_id = ? WHERE id = ?",
                           (company_id, customer_id))
            cursor.execute("UPDATE customer_search SET company = ? WHERE rowid = ?",
                           (company, customer_id))
            cursor.execute("UPDATE customer_short SET grams = crm_short_grams("
                           "(SELECT name FROM customers WHERE id = ?), ?, "
                           "(SELECT city FROM customers WHERE id = ?)) WHERE rowid = ?",
                           (customer_id, company, customer_id, customer_id))
        for statement in search_schema.CREATE_TRIGGERS:
            cursor.execute(statement)

    def stop(self) -> None:
        """End the helper thread (also on failure: it never outlives the import)."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None

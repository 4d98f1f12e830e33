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
from crm_desktop.storage.importing.load import Encoder, UuidSource
from crm_desktop.storage.importing.rows import CustomerRow
from crm_desktop.storage.search import schema as search_schema
from crm_desktop.storage.sqlite_functions import short_grams

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


@lru_cache(maxsize=65536)
def _text_grams(text: str | None) -> tuple[str, ...]:
    return tuple(short_grams(text).split()) if text else ()


def grams(name: str, company: str | None, city: str | None) -> str:
    """`short_grams(name, company, city)`, with the grams of companies and cities cached."""
    own = _text_grams(name) if len(name) < 40 else tuple(short_grams(name).split())
    return " ".join(dict.fromkeys(own + _text_grams(company) + _text_grams(city)))


class BulkCustomerWriter:
    """`start()`, then `add(rows, ids, company_ids, company_names)` per chunk, then `finish()`.

    Between `start()` and `finish()` only the helper thread uses the connection.
    """

    def __init__(self, raw: Any, dialect: Any, stamp: str) -> None:
        self.raw = raw
        self.cursor = raw.cursor()
        self.stamp = stamp
        self.dialect = dialect
        self._encoders: dict[tuple[str, ...], tuple[Encoder, str]] = {}
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

    def _encoder(self, rows: list[CustomerRow]) -> tuple[Encoder, str]:
        """Only the columns this chunk fills: every column costs a JSON lookup per row."""
        present = {"status", "kind"}.union(*(row.values.keys() for row in rows))
        used = tuple(c for c in COLUMNS if c in present)
        if used not in self._encoders:
            self._encoders[used] = (
                Encoder(Customer.__table__, list(used), self.dialect, FIXED),  # type: ignore[arg-type]
                _json_insert("customers", [*FIXED, *used], stamped=("created_at", "updated_at")),
            )
        return self._encoders[used]

    def add(self, rows: list[CustomerRow], ids: list[int], company_ids: list[int | None],
            company_names: list[str | None]) -> None:
        if self.error is not None:
            raise self.error
        keys = self.uuids.take(len(rows) + sum(len(r.contacts) for r in rows))
        encoder, customer_sql = self._encoder(rows)
        customers, contacts, search, short = [], [], [], []
        for row, customer_id, company_id, company in zip(rows, ids, company_ids, company_names,
                                                         strict=True):
            values = row.values
            if "status" not in values or "kind" not in values:
                values = {"status": "lead", "kind": "person", **values}
            customers.append(encoder.row(values, (company_id, customer_id, keys.pop())))
            emails: list[str] = []
            phones: list[str] = []
            for c in row.contacts:
                contacts.append((keys.pop(), customer_id, c.kind, c.label, c.value, c.key,
                                 1 if c.primary else 0))
                (emails if c.kind == "email" else phones).append(c.key)
            name, city = values["name"], values.get("city")
            search.append((customer_id, name, company, " ".join(emails) or None,
                           " ".join(phones) or None, city, values.get("notes")))
            short.append((customer_id, grams(name, company, city)))
        dumps = json.JSONEncoder(ensure_ascii=False, check_circular=False,
                                 separators=(",", ":")).encode
        self._queue.put((customer_sql, dumps(customers), self.sql[0], dumps(contacts),
                         self.sql[1], dumps(search), self.sql[2], dumps(short)))

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

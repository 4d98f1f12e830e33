"""What the import's writer costs SQLite per row, measured with bare sqlite3 (prints figures).

    python bench/import_writer.py --rows 100000 [--into /tmp/k100_head.db]

Writes `--rows` customers and two contact points each into our schema (an empty database, or
a copy of `--into`) the way `storage.importing.customer_load` does (multi-row INSERTs, search
and counting triggers dropped), with no Python checking at all, and prints the CPU seconds of
each variant beside the import's own way in the same run:
- time-ordered (version 7, `models.uuids.UuidSource`) against random (version 4) UUIDs, which land
  all over the two unique `uuid` indexes;
- each plain index alone (all others dropped) and none, so its share of the insert;
- the page cache as the import sets it (128 MiB) against SQLite's default (2 MiB);
- `executemany` of one row per call against the multi-row statements.
Each variant runs in its own transaction on its own copy, committed (the commit included).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from itertools import chain
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_desktop.models.uuids import UuidSource  # noqa: E402
from crm_desktop.storage.database import open_database  # noqa: E402

_CUSTOMER = ("uuid", "name", "kind", "status", "city", "tags", "notes", "birthday",
             "company_id", "created_at", "updated_at")
_CONTACT = ("uuid", "customer_id", "kind", "label", "value", "normalized", "is_primary",
            "created_at", "updated_at")
STAMP = "2026-12-07 12:00:00.000000"


def rows(count: int, first_id: int, make_uuids: Callable[[int], list[str]]
         ) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    rng = random.Random(1)
    names = [f"{rng.choice('ABCDEFGHIJ')}name{rng.randrange(10**6)} Surname{i}"
             for i in range(count)]
    ids = make_uuids(count)
    customers = [(ids[i], names[i], "person", "lead", f"City {i % 300}", "vip",
                  f"Imported customer {i}", f"19{50 + i % 50}-01-0{1 + i % 9}", None,
                  STAMP, STAMP) for i in range(count)]
    contact_ids = make_uuids(2 * count)
    contacts = []
    for i in range(count):
        email = f"user{rng.randrange(10**9)}@example{i % 50}.com"
        phone = f"+1415{rng.randrange(10**7):07d}"
        contacts.append((contact_ids[2 * i], first_id + i, "email", "work", email, email, 1,
                         STAMP, STAMP))
        contacts.append((contact_ids[2 * i + 1], first_id + i, "phone", "work", phone, phone,
                         1, STAMP, STAMP))
    return customers, contacts


def _uuid4(count: int) -> list[str]:
    return [str(uuid.uuid4()) for _ in range(count)]


def write(path: Path, customers: list[tuple[object, ...]], contacts: list[tuple[object, ...]],
          keep: set[str] | None, cache_kib: int | None, many: bool) -> float:
    """CPU seconds to insert and commit; `keep`: the plain indexes kept (None: all)."""
    connection = sqlite3.connect(path, isolation_level=None)
    cursor = connection.cursor()
    for (name,) in cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                                  "tbl_name IN ('customers', 'contact_points')").fetchall():
        cursor.execute(f'DROP TRIGGER "{name}"')
    if keep is not None:
        for table in ("customers", "contact_points"):
            for _seq, name, unique, origin, _partial in cursor.execute(
                    f"PRAGMA index_list({table})").fetchall():
                if not unique and origin == "c" and name not in keep:
                    cursor.execute(f'DROP INDEX "{name}"')
    if cache_kib:
        cursor.execute(f"PRAGMA cache_size = -{cache_kib}")
    start = time.process_time()
    cursor.execute("BEGIN IMMEDIATE")
    for table, columns, data in (("customers", _CUSTOMER, customers),
                                 ("contact_points", _CONTACT, contacts)):
        head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES"
        one = f"({', '.join('?' * len(columns))})"
        if many:
            cursor.executemany(f"{head} {one}", data)
            continue
        per = 32766 // len(columns)
        for begin in range(0, len(data), per):
            part = data[begin:begin + per]
            cursor.execute(f"{head} {', '.join([one] * len(part))}",
                           list(chain.from_iterable(part)))
    cursor.execute("COMMIT")
    seconds = time.process_time() - start
    connection.close()
    return seconds


def plain_indexes(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [name for table in ("customers", "contact_points")
                for _seq, name, unique, origin, _partial in connection.execute(
                    f"PRAGMA index_list({table})").fetchall() if not unique and origin == "c"]
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--into", type=Path, help="write into a copy of this database")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.into.parent if args.into else None) as tmp:
        folder = Path(tmp)
        template = folder / "template.db"
        if args.into:
            shutil.copyfile(args.into, template)
            open_database(template).close()  # upgraded to head as the app would
        else:
            open_database(template).close()
        connection = sqlite3.connect(template)
        first_id = int(connection.execute("SELECT coalesce(max(id), 0) + 1 FROM customers")
                       .fetchone()[0])
        connection.close()
        v7 = rows(args.rows, first_id, UuidSource().take)
        v4 = rows(args.rows, first_id, _uuid4)
        plain = plain_indexes(template)
        variants: list[tuple[str, tuple[object, ...]]] = [
            ("the import's way: UUIDv7, multi-row, 128 MiB cache, every index", (v7, None,
                                                                                 131072, False)),
            ("random UUIDv4 instead", (v4, None, 131072, False)),
            ("default 2 MiB page cache", (v7, None, None, False)),
            ("executemany, one row per call", (v7, None, 131072, True)),
            ("no plain index (only the unique ones)", (v7, set(), 131072, False)),
            *((f"only {name}", (v7, {name}, 131072, False)) for name in plain),
        ]
        print(f"{args.rows:,} customers + {2 * args.rows:,} contact points into "
              f"{'a copy of ' + str(args.into) if args.into else 'an empty database'} "
              f"({first_id - 1:,} customers before); CPU seconds of insert + commit")
        base = None
        none = None
        for label, (data, keep, cache, many) in variants:
            path = folder / "run.db"
            shutil.copyfile(template, path)
            seconds = write(path, data[0], data[1], keep, cache, many)  # type: ignore[index]
            path.unlink()
            for extra in ("-wal", "-shm"):
                Path(f"{path}{extra}").unlink(missing_ok=True)
            base = base or seconds
            if keep == set():
                none = seconds
            share = f"  (+{seconds - none:5.2f} s over none)" if none and keep else ""
            print(f"  {label:<64} {seconds:6.2f} s  {seconds / base:4.2f}x{share}")


if __name__ == "__main__":
    main()

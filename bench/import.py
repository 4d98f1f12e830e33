"""Benchmark of the customer import (prints figures, asserts nothing).

    python bench/import.py --rows 100000 [--repeat 2] [--cli] [--into BIG.db]

Generates a customer CSV (names, one email and one phone each in mixed spellings, company,
city, birthday, tags, notes; 1 % in-file duplicates and 0.5 % invalid rows), imports it into an
empty database with validation and de-duplication, and prints rows/s to the import's commit,
then the search index written after it (storage.search.backlog) apart, beside baselines
measured in the same run: a raw `sqlite3.executemany` of the same rows (CSV parsed, no
validation, one plain table) and the same rows put into our schema with no checking at all
(customers, contact points, with and without both search indexes), each `--repeat` times.
`--cli` also times `crm-desktop import` as a whole process (its search indexing included);
`--into` imports into a copy of an existing database instead of an empty one (matching
against its customers). `--before` also times, in the same round, the import as it was before
`customer_load.MAINTAINED` (every plain index dropped and built again after a first import),
and prints the ratio. `--whole-file` also times the import reading the whole file before
checking it (as before `importing.stream`). CPU figures include the CPU of child processes
that ended.
Budget: 50,000 rows/s or more.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import pstats
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_desktop.storage.database import open_database  # noqa: E402
from crm_desktop.storage.importing import customer_load, read_source, run_import  # noqa: E402
from crm_desktop.storage.search import backlog as search_backlog  # noqa: E402

FIRST = ["Ada", "Grace", "Alan", "Linus", "Margaret", "Wei", "Li", "Anna", "José", "Zoë",
         "Hiro", "Priya", "Omar", "Ingrid", "Chen", "Fatima", "Lars", "Mia", "Noah", "Yuki"]
LAST = ["Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Zhang", "Wang", "Müller",
        "García", "Smith", "Tanaka", "Patel", "Haddad", "Larsen", "Chen", "Khan", "Berg"]
CITIES = ["London", "Paris", "Berlin", "北京", "上海", "New York", "San Francisco", "Madrid"]
AREAS = [415, 212, 650, 312, 617, 206, 303, 512, 213, 305, 404, 503, 602, 702, 718, 801, 813,
         919, 202, 646]
HEADERS = ["First Name", "Last Name", "Email", "Phone", "Company", "City", "Birthday", "Tags",
           "Notes"]


def generate(path: Path, rows: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for i in range(rows):
            n = i if rng.random() > 0.01 else rng.randrange(max(1, i))  # in-file duplicates
            area, exchange, line = AREAS[n % 20], 201 + (n // 20) % 790, (n // 15800) % 10000
            phone = rng.choice([
                f"({area}) {exchange}-{line:04d}", f"+1 {area} {exchange} {line:04d}",
                f"{area}.{exchange}.{line:04d}",
            ]) if n % 7 else f"+86 138{n:08d}"
            email = f"user{n}@example{n % 50}.com"
            if rng.random() < 0.005:
                email = "not-an-email"
            writer.writerow([
                rng.choice(FIRST), rng.choice(LAST), email, phone, f"Company {n % 2000}",
                rng.choice(CITIES), f"{1950 + n % 50}-{1 + n % 12:02d}-{1 + n % 28:02d}",
                rng.choice(["vip", "wholesale; vip", "", "retail"]), f"Imported customer {n}",
            ])


def baseline(path: Path, folder: Path) -> tuple[float, float]:
    """Parse the CSV and executemany it into a plain table: the floor of any import.
    Returns (wall seconds, CPU seconds of this process)."""
    db = folder / "baseline.db"
    start, cpu = time.perf_counter(), time.process_time()
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute(f"CREATE TABLE t ({', '.join(f'c{i}' for i in range(len(HEADERS)))})")
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        connection.executemany(
            f"INSERT INTO t VALUES ({', '.join('?' for _ in HEADERS)})", reader
        )
    connection.commit()
    connection.close()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    for leftover in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        leftover.unlink(missing_ok=True)  # the next round creates its table again
    return seconds, cpu


def schema_floor(source: Path, folder: Path, search: bool = True) -> tuple[float, float]:
    """The same rows into our schema with no checking at all: CSV parsed, one customer, its
    e-mail and phone (as given) and (with `search`) both search index rows per line,
    executemany in one transaction with the search triggers dropped. What any import into
    this schema pays (without `search`: what it pays to its commit, the search index written
    after it, as ours is)."""
    from crm_desktop.models.uuids import UuidSource
    from crm_desktop.storage.importing.customer_load import grams
    from crm_desktop.storage.search import schema as search_schema
    from crm_desktop.storage.sqlite_functions import configure_connection

    path = folder / "floor.db"
    open_database(path).close()
    start, cpu = time.perf_counter(), time.process_time()
    connection = sqlite3.connect(path, isolation_level=None)
    configure_connection(connection)
    # The import's page cache (importing.load.big_cache): with the default 2 MB the indexes
    # kept up to date row by row (names, e-mails in any order) evict and re-read pages all
    # the time, and this "floor" took 14-40 s, 3-6 times the checked import itself.
    connection.execute("PRAGMA cache_size = -131072")
    connection.execute("BEGIN IMMEDIATE")
    for name in search_schema.TRIGGER_NAMES:
        connection.execute(f"DROP TRIGGER {name}")
    with open(source, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    uuids = UuidSource().take(3 * len(rows))
    stamp = "2024-01-01 00:00:00.000000"
    customers, contacts, indexed, short = [], [], [], []
    for i, (first, last, email, phone, company, city, birthday, tags, notes) in enumerate(rows):
        customer_id, name = i + 1, f"{first} {last}"
        customers.append((customer_id, uuids[3 * i], name, "person", "lead", city, birthday,
                          tags or None, notes, stamp, stamp))
        contacts.append((uuids[3 * i + 1], customer_id, "email", "work", email, email.lower(),
                         1, stamp, stamp))
        contacts.append((uuids[3 * i + 2], customer_id, "phone", "work", phone, phone, 1, stamp,
                         stamp))
        indexed.append((customer_id, name, company, email.lower(), phone, city, notes))
        if search:
            short.append((customer_id, grams(name, company, city)))
    connection.executemany("INSERT INTO customers (id, uuid, name, kind, status, city, "
                           "birthday, tags, notes, created_at, updated_at) VALUES "
                           "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", customers)
    connection.executemany("INSERT INTO contact_points (uuid, customer_id, kind, label, value, "
                           "normalized, is_primary, created_at, updated_at) VALUES "
                           "(?, ?, ?, ?, ?, ?, ?, ?, ?)", contacts)
    if search:
        connection.executemany("INSERT INTO customer_search (rowid, name, company, emails, "
                               "phones, city, notes) VALUES (?, ?, ?, ?, ?, ?, ?)", indexed)
        connection.executemany("INSERT INTO customer_short (rowid, grams) VALUES (?, ?)", short)
    for statement in search_schema.CREATE_TRIGGERS:
        connection.execute(statement)
    connection.execute("COMMIT")
    connection.close()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    path.unlink()
    return seconds, cpu


def cli_seconds(source: Path, db: Path) -> tuple[float, float]:
    """`crm-desktop import` as a whole process (start, imports, import, exit): wall seconds
    and the CPU seconds (user + system) the process used."""
    program = Path(sys.executable).with_name("crm-desktop")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([str(program), "import", str(source), "--db", str(db)], check=True,
                   stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _rebuilding_all(folder: Path, into: Path | None, source: Path, round_: int
                    ) -> tuple[float, float]:
    """The import to its commit as before `customer_load.MAINTAINED` (wall, CPU)."""
    path = fresh_database(folder, into, f"before{round_}.db")
    database = open_database(path)
    kept, customer_load.MAINTAINED = customer_load.MAINTAINED, frozenset()
    try:
        start, cpu = time.perf_counter(), _cpu()
        run_import(database, source, region="US", search_index=False)
        seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    finally:
        customer_load.MAINTAINED = kept
        database.close()
        path.unlink()
    return seconds, cpu


def _whole_file(folder: Path, into: Path | None, source: Path, round_: int
                ) -> tuple[float, float]:
    """The import to its commit with the file read whole before the first row is checked."""
    path = fresh_database(folder, into, f"whole{round_}.db")
    database = open_database(path)
    start, cpu = time.perf_counter(), _cpu()
    run_import(database, source, region="US", search_index=False, source=read_source(source))
    seconds, cpu_seconds = time.perf_counter() - start, _cpu() - cpu
    database.close()
    path.unlink()
    return seconds, cpu_seconds


def fresh_database(folder: Path, into: Path | None, name: str) -> Path:
    path = folder / name
    if into is not None:
        shutil.copyfile(into, path)
        open_database(path).close()  # upgraded to this version's schema before the timing
    else:
        open_database(path).close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--cli", action="store_true", help="also time crm-desktop import")
    parser.add_argument("--into", type=Path, help="import into a copy of this database")
    parser.add_argument("--profile", action="store_true", help="print the top of a profile")
    parser.add_argument("--before", action="store_true",
                        help="also time the import rebuilding every plain index (the old way)")
    parser.add_argument("--whole-file", action="store_true",
                        help="also time the import reading the whole file before checking "
                             "(as before the streamed reader)")
    parser.add_argument("--no-floor", action="store_true",
                        help="skip the 'same rows into our schema unchecked' baselines (they "
                             "take 40-50 s of CPU a round; the raw executemany one stays)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log the phases")
    args = parser.parse_args()
    if args.verbose:
        import logging

        logging.basicConfig(level=logging.DEBUG, format="%(relativeCreated)7.0f ms %(message)s")
        logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(dir=args.into.parent if args.into else None) as tmp:
        folder = Path(tmp)
        source = folder / "customers.csv"
        generate(source, args.rows)
        size = source.stat().st_size / 1e6
        where = f"a copy of {args.into}" if args.into else "an empty database"
        print(f"file: {args.rows:,} rows, {size:.1f} MB, into {where}")
        for round_ in range(1, args.repeat + 1):
            if args.before:
                old, old_cpu = _rebuilding_all(folder, args.into, source, round_)
            if args.whole_file:
                whole_file, whole_file_cpu = _whole_file(folder, args.into, source, round_)
            path = fresh_database(folder, args.into, f"crm{round_}.db")
            database = open_database(path)
            profiler = cProfile.Profile() if args.profile else None
            start, cpu = time.perf_counter(), _cpu()
            if profiler:
                profiler.enable()
            # To the import's commit; its search index rows are written after it (below).
            report = run_import(database, source, region="US", search_index=False)
            if profiler:
                profiler.disable()
            ours, ours_cpu = time.perf_counter() - start, _cpu() - cpu
            start, cpu = time.perf_counter(), _cpu()
            indexed = search_backlog.finish(database)
            index, index_cpu = time.perf_counter() - start, _cpu() - cpu
            database.close()
            path.unlink()
            raw, raw_cpu = baseline(source, folder)
            if args.no_floor:  # ratios against the raw baseline only
                floor, floor_cpu = bare, bare_cpu = raw, raw_cpu
            else:
                floor, floor_cpu = schema_floor(source, folder)
                bare, bare_cpu = schema_floor(source, folder, search=False)
            print(f"round {round_}: import {ours:6.2f} s {args.rows / ours:9,.0f} rows/s  "
                  f"raw sqlite3.executemany {raw:5.2f} s {args.rows / raw:9,.0f} rows/s  "
                  f"ratio {ours / raw:4.1f}x;  same rows into our schema unchecked "
                  f"{floor:5.2f} s {args.rows / floor:9,.0f} rows/s, ratio {ours / floor:4.1f}x"
                  f"  (imported {report.imported:,}, updated "
                  f"{report.updated:,}, invalid rows {report.invalid_rows:,}, in-file "
                  f"duplicates {len(report.duplicates):,}, companies "
                  f"{report.companies_created:,}; budget 50,000 rows/s: "
                  f"{'met' if args.rows / ours >= 50_000 else 'NOT met'})")
            print(f"         after the commit: search index of the {indexed:,} new customer "
                  f"ids {index:5.2f} s (CPU {index_cpu:5.2f} s); import + index {ours + index:6.2f}"
                  f" s {args.rows / (ours + index):9,.0f} rows/s;  same rows into our schema "
                  f"unchecked without the search index {bare:5.2f} s {args.rows / bare:9,.0f} "
                  f"rows/s (CPU {bare_cpu:5.2f} s), import / that {ours / bare:4.2f}x "
                  f"(CPU {ours_cpu / bare_cpu:4.2f}x)")
            if args.before:
                print(f"         before (every plain index rebuilt): {old:6.2f} s "
                      f"{args.rows / old:9,.0f} rows/s (CPU {old_cpu:5.2f} s);  now / before: "
                      f"wall {ours / old:4.2f}x, CPU {ours_cpu / old_cpu:4.2f}x")
            if args.whole_file:
                print(f"         whole file read first (no stream): {whole_file:6.2f} s "
                      f"{args.rows / whole_file:9,.0f} rows/s (CPU {whole_file_cpu:5.2f} s);"
                      f"  streamed / whole file: wall {ours / whole_file:4.2f}x, CPU "
                      f"{ours_cpu / whole_file_cpu:4.2f}x")
            # On a shared machine wall time depends on the neighbours; CPU time much less.
            print(f"         CPU seconds (all threads of this process): import {ours_cpu:5.2f}"
                  f"  raw {raw_cpu:5.2f}  schema unchecked {floor_cpu:5.2f};  import / raw "
                  f"{ours_cpu / raw_cpu:4.1f}x, import / schema unchecked "
                  f"{ours_cpu / floor_cpu:4.2f}x")
            if args.cli:
                path = fresh_database(folder, args.into, f"cli{round_}.db")
                whole, whole_cpu = cli_seconds(source, path)
                path.unlink()
                print(f"         crm-desktop import (whole process) {whole:6.2f} s "
                      f"{args.rows / whole:9,.0f} rows/s  ratio to raw {whole / raw:4.1f}x;"
                      f"  CPU {whole_cpu:5.2f} s, ratio to raw CPU {whole_cpu / raw_cpu:4.1f}x")
            if profiler:
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()

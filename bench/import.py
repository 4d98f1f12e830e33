"""Benchmark of the customer import (prints figures, asserts nothing).

    python bench/import.py --rows 100000

Generates a customer CSV (names, one email and one phone each in mixed spellings, company,
city, birthday, tags, notes; 1 % in-file duplicates and 0.5 % invalid rows), imports it into an
empty database with validation and de-duplication, and prints rows/s beside a raw
`sqlite3.executemany` of the same rows (CSV parsed, no validation, one plain table).
Budget: 20,000 rows/s or more.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import pstats
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_desktop.storage.database import open_database  # noqa: E402
from crm_desktop.storage.importing import run_import  # noqa: E402

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


def baseline(path: Path, folder: Path) -> float:
    """Parse the CSV and executemany it into a plain table: the floor of any import."""
    db = folder / "baseline.db"
    start = time.perf_counter()
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
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--profile", action="store_true", help="print the top of a profile")
    parser.add_argument("-v", "--verbose", action="store_true", help="log the phases")
    args = parser.parse_args()
    if args.verbose:
        import logging

        logging.basicConfig(level=logging.DEBUG, format="%(relativeCreated)7.0f ms %(message)s")
        logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "customers.csv"
        generate(source, args.rows)
        size = source.stat().st_size / 1e6
        database = open_database(folder / "crm.db")
        profiler = cProfile.Profile() if args.profile else None
        start = time.perf_counter()
        if profiler:
            profiler.enable()
        report = run_import(database, source, region="US")
        if profiler:
            profiler.disable()
        ours = time.perf_counter() - start
        database.close()
        raw = baseline(source, folder)
    print(f"file: {args.rows:,} rows, {size:.1f} MB")
    print(f"import: {ours:6.2f} s  {args.rows / ours:10,.0f} rows/s  "
          f"(imported {report.imported:,}, skipped {report.skipped:,}, "
          f"invalid rows {report.invalid_rows:,}, in-file duplicates {len(report.duplicates):,}, "
          f"companies {report.companies_created:,})")
    print(f"raw sqlite3.executemany: {raw:6.2f} s  {args.rows / raw:10,.0f} rows/s")
    print(f"ratio import / raw: {ours / raw:.1f}x slower  (budget: >= 20,000 rows/s: "
          f"{'met' if args.rows / ours >= 20_000 else 'NOT met'})")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()

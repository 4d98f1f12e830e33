"""Benchmark of duplicate finding (prints figures, asserts nothing).

    python bench/duplicates.py --customers 5000 50000

For each size, fills an empty database with people drawn from a few first and last names (so
many share a name) and a small share of shared emails, then times `find_duplicates` beside the
number of pairs an all-pairs comparison would score. Blocking keeps the time far below
all-pairs; at 5,000 customers it used to be checked by a test (< 10 s).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_desktop.services.duplicates import find_duplicates  # noqa: E402
from crm_desktop.storage.database import open_database  # noqa: E402

FIRST = ["Ada", "Alan", "Grace", "Linus", "Wei", "Anna", "Omar", "Mia", "Noah", "Yuki"]
LAST = ["Lovelace", "Turing", "Hopper", "Torvalds", "Zhang", "Berg", "Khan", "Tanaka"]


def fill(path: Path, customers: int) -> None:
    rng = random.Random(0)
    database = open_database(path)
    shared = max(10, customers // 500)
    with database.engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER customers_search_ai")
        connection.exec_driver_sql(
            "INSERT INTO customers (id, uuid, created_at, updated_at, kind, name, status) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(i, f"u{i}", "2024-01-01", "2024-01-01", "person",
              f"{rng.choice(FIRST)} {chr(65 + i % 26)}. {rng.choice(LAST)}", "lead")
             for i in range(1, customers + 1)])
        connection.exec_driver_sql(
            "INSERT INTO contact_points (uuid, created_at, updated_at, customer_id, kind, label,"
            " value, normalized, is_primary) VALUES (?, ?, ?, ?, 'email', 'work', ?, ?, 1)",
            [(f"c{i}", "2024-01-01", "2024-01-01", i, f"p{i % (customers - shared)}@x.com",
              f"p{i % (customers - shared)}@x.com") for i in range(1, customers + 1)])
    database.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, nargs="+", default=[5000])
    args = parser.parse_args()
    for customers in args.customers:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "dups.db"
            fill(path, customers)
            database = open_database(path)
            started = time.perf_counter()
            pairs = find_duplicates(database, threshold=0.3, limit=None)
            seconds = time.perf_counter() - started
            database.close()
        all_pairs = customers * (customers - 1) // 2
        print(f"{customers:>9,} customers: {seconds:6.2f} s, {len(pairs):,} pairs found "
              f"(all-pairs would score {all_pairs:,})")


if __name__ == "__main__":
    main()

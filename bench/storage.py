"""Benchmark of the storage bulk paths (prints figures, asserts nothing).

    python bench/storage.py --customers 100000 [--db PATH] [--seed S]
    python bench/storage.py --search-only PATH      (search timings on an existing database)

Demo generation (`crm_desktop.storage.demo.generate.generate`): wall time, rows inserted and rows/s,
beside a raw baseline: the very same rows, read back from the generated database, inserted with
plain `sqlite3.executemany` (WAL, synchronous=NORMAL, foreign keys on, one transaction) into a
fresh database with the same tables and indexes, table by table. The ratio demo/raw is what
generating the data (and the search index rebuild) costs on top of the inserts themselves.

Search (`bench/search_timings.py`): p50/p95 per query kind (prefix, substring, Chinese
two-character, email, phone) beside a raw FTS5 trigram query on the same database.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from crm_desktop.storage.database import open_database  # noqa: E402
from crm_desktop.storage.demo.generate import generate  # noqa: E402


@dataclass
class GenerationFigures:
    customers: int
    counts: dict[str, int]
    seconds: float  # the whole generate() call
    cpu_seconds: float  # CPU time of this process during generate() (other load excluded)
    rows_seconds: float  # up to the search index rebuild
    index_seconds: float  # search index rebuild, audit entry and commit
    baseline_seconds: float = 0.0
    baseline_tables: dict[str, float] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds

    @property
    def baseline_rows_per_second(self) -> float:
        return self.rows / self.baseline_seconds if self.baseline_seconds else 0.0


def bench_generation(n: int, path: Path | None = None, seed: int = 0,
                     baseline: bool = True) -> GenerationFigures:
    """Generate `n` demo customers into a new database at `path` and time it (and the baseline)."""
    with tempfile.TemporaryDirectory(prefix="crm-bench-") as folder:
        target = path or Path(folder) / "demo.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        database = open_database(target)
        marks: dict[str, float] = {}
        start, cpu = time.perf_counter(), time.process_time()

        def progress(_fraction: float, message: str) -> None:
            marks.setdefault(message, time.perf_counter() - start)

        counts = generate(database, n, seed=seed, progress=progress)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        database.close()
        rows_seconds = marks.get("Rebuilding the search index", seconds)
        figures = GenerationFigures(n, counts, seconds, cpu, rows_seconds,
                                    seconds - rows_seconds)
        if baseline:
            copy = Path(folder) / "baseline.db"
            figures.baseline_tables = raw_copy(target, copy, list(counts))
            figures.baseline_seconds = sum(figures.baseline_tables.values())
        return figures


def raw_copy(source: Path, target: Path, tables: list[str]) -> dict[str, float]:
    """Insert every row of `tables` (in that order) into a fresh same-shaped database; seconds
    per table, counting only `executemany` and the final commit (reading is not timed)."""
    src = sqlite3.connect(str(source))
    dst = sqlite3.connect(str(target), isolation_level=None)
    dst.execute("PRAGMA journal_mode = WAL")
    dst.execute("PRAGMA synchronous = NORMAL")
    dst.execute("PRAGMA foreign_keys = ON")
    ddl = src.execute(
        "SELECT type, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL "
        "AND type IN ('table', 'index') ORDER BY type DESC"
    ).fetchall()
    for _kind, table, sql in ddl:
        if table in tables:
            dst.execute(sql)
    seconds: dict[str, float] = {}
    dst.execute("BEGIN")
    for table in tables:
        columns = [row[1] for row in src.execute(f"PRAGMA table_info({table})")]
        # Companies before the persons who work there (a person may have the smaller id).
        order = "company_id IS NOT NULL, id" if table == "customers" else "id"
        rows = src.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}").fetchall()
        sql = (f"INSERT INTO {table} ({', '.join(columns)}) "
               f"VALUES ({', '.join('?' * len(columns))})")
        began = time.perf_counter()
        dst.executemany(sql, rows)
        seconds[table] = time.perf_counter() - began
        del rows
    began = time.perf_counter()
    dst.execute("COMMIT")
    seconds["(commit)"] = time.perf_counter() - began
    src.close()
    dst.close()
    return seconds


def print_generation(f: GenerationFigures) -> None:
    print(f"demo generation: {f.customers:,} customers, {f.rows:,} rows")
    width = max(len(name) for name in f.counts)
    for name, count in f.counts.items():
        raw = f.baseline_tables.get(name)
        rate = f"   raw {count / raw:>10,.0f} rows/s" if raw else ""
        print(f"  {name:<{width}}  {count:>12,}{rate}")
    print(f"  generate()              {f.seconds:8.1f} s   {f.rows_per_second:>10,.0f} rows/s"
          f"   (CPU {f.cpu_seconds:.1f} s)")
    print(f"    rows (to index start) {f.rows_seconds:8.1f} s   "
          f"{f.rows / f.rows_seconds:>10,.0f} rows/s")
    print(f"    search index + commit {f.index_seconds:8.1f} s")
    if f.baseline_seconds:
        print(f"  raw executemany baseline {f.baseline_seconds:7.1f} s   "
              f"{f.baseline_rows_per_second:>10,.0f} rows/s")
        print(f"  ratio demo / raw (rows/s): {f.rows_per_second / f.baseline_rows_per_second:.2f}")
    per_million = f.seconds * 1_000_000 / f.customers
    print(f"  extrapolated to 1,000,000 customers (linear): {per_million:,.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000, metavar="N")
    parser.add_argument("--db", type=Path, default=None, metavar="PATH",
                        help="database to create (replaced; default: a temporary file)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-baseline", action="store_true",
                        help="skip the raw sqlite3 baseline (it re-inserts every row)")
    parser.add_argument("--search-only", type=Path, default=None, metavar="PATH",
                        help="only time search, on an existing database")
    args = parser.parse_args(argv)
    from search_timings import bench_search

    if args.search_only:
        bench_search(args.search_only)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "demo.db"
        figures = bench_generation(args.customers, path, args.seed, not args.no_baseline)
        print_generation(figures)
        bench_search(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

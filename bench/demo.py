"""Benchmark of demo data generation (prints figures, asserts nothing).

    python bench/demo.py --customers 100000 [--repeat 2] [--before SRC] [--keep]

Each run, in a folder of its own (deleted at the end unless `--keep`):

- `cli`: `crm-desktop demo --db NEW.db --customers N` as a whole process (a new file: built
  in a temporary file and moved into place when whole);
- `existing`: the same customers added to an existing empty database (committed in batches,
  what the app's first-run offer does);
- `before` (with `--before SRC`, a source tree of an earlier version, e.g. made with
  `git archive <commit> crm_desktop | tar -x -C SRC`): the `cli` run with that code;
- `raw`: the baseline. Every row the `cli` run wrote (all tables the generator fills), read
  back and inserted with `executemany` into an empty database of the same schema without the
  search triggers, a commit per table: only the inserts are timed. It is the cost of storing
  these rows at all, with no generating, no search index and no audit.

For each: wall seconds, CPU seconds of the process, the ratio raw/wall (1.0 = as fast as the
baseline), the peak size of any -wal file in the folder and the database's size. The machine
may be shared: compare ratios within one run. Budget: 1M customers in under 5 minutes.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crm_desktop.storage.database import open_database  # noqa: E402
from crm_desktop.storage.demo.generate import TABLES  # noqa: E402
from crm_desktop.storage.search import schema as search_schema  # noqa: E402

# The `cli` command with the code of another source tree (the editable install's finder would
# otherwise import this tree's package whatever PYTHONPATH says).
BEFORE = """
import runpy, sys
sys.meta_path[:] = [f for f in sys.meta_path if "__editable__" not in getattr(f, "__module__", "")]
sys.path.insert(0, sys.argv.pop(1))
sys.argv[0] = "crm-desktop"
runpy.run_module("crm_desktop", run_name="__main__", alter_sys=True)
"""
EXISTING = """
import sys
from crm_desktop.storage.database import open_database
from crm_desktop.storage.demo.generate import generate
database = open_database(sys.argv[1])
generate(database, int(sys.argv[2]), seed=0)
database.close()
"""


class WalWatch:
    """Polls the folder for -wal files and keeps the largest size seen."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.peak, self._stop = folder, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for path in [*self.folder.glob("*-wal"), *self.folder.glob(".*-wal")]:
                with contextlib.suppress(OSError):
                    self.peak = max(self.peak, path.stat().st_size)
            self._stop.wait(0.1)

    def __enter__(self) -> WalWatch:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def timed_process(command: list[str], folder: Path) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, peak WAL bytes) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with WalWatch(folder) as watch:
        started = time.perf_counter()
        subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, watch.peak


def raw_baseline(source: Path, folder: Path) -> tuple[float, float]:
    """(seconds, CPU seconds) to executemany every generated row into an empty schema."""
    target = folder / "raw.db"
    open_database(target).close()
    connection = sqlite3.connect(target)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    for name in search_schema.TRIGGER_NAMES:
        connection.execute(f"DROP TRIGGER IF EXISTS {name}")
    connection.execute("DELETE FROM stages")  # the new database's default pipeline
    connection.execute("DELETE FROM pipelines")
    connection.commit()
    reader = sqlite3.connect(source)
    spent, cpu = 0.0, 0.0
    for table in TABLES:
        cursor = reader.execute(f"SELECT * FROM {table} ORDER BY id")
        columns = [d[0] for d in cursor.description]
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        while rows := cursor.fetchmany(200_000):
            started, cpu_started = time.perf_counter(), time.process_time()
            connection.executemany(sql, rows)
            spent += time.perf_counter() - started
            cpu += time.process_time() - cpu_started
        started, cpu_started = time.perf_counter(), time.process_time()
        connection.commit()
        spent += time.perf_counter() - started
        cpu += time.process_time() - cpu_started
    reader.close()
    connection.close()
    return spent, cpu


def run(customers: int, before: Path | None, keep: bool, cli_only: bool = False) -> None:
    folder = Path(tempfile.mkdtemp(prefix="demo-bench-", dir=os.environ.get("BENCH_DIR")))
    python = sys.executable
    figures: list[tuple[str, float, float, int, int]] = []
    try:
        made = folder / "cli.db"
        wall, cpu, wal = timed_process(
            [python, "-m", "crm_desktop", "demo", "--db", str(made), "--customers",
             str(customers)], folder)
        figures.append(("cli", wall, cpu, wal, made.stat().st_size))
        rows = sum(sqlite3.connect(made).execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                   for t in TABLES)
        raw, raw_cpu = raw_baseline(made, folder)
        (folder / "raw.db").unlink()
        existing = folder / "existing.db"
        if not cli_only:
            open_database(existing).close()
            wall, cpu, wal = timed_process(
                [python, "-c", EXISTING, str(existing), str(customers)], folder)
            figures.append(("existing", wall, cpu, wal, existing.stat().st_size))
            existing.unlink()
        if before is not None and not cli_only:
            old = folder / "before.db"
            wall, cpu, wal = timed_process(
                [python, "-c", BEFORE, str(before), "demo", "--db", str(old), "--customers",
                 str(customers)], folder)
            figures.append(("before", wall, cpu, wal, old.stat().st_size))
            old.unlink()
        print(f"{customers:,} customers, {rows:,} rows; raw executemany baseline "
              f"{raw:.1f} s ({raw_cpu:.1f} s CPU)")
        print(f"{'run':<9} {'wall s':>8} {'CPU s':>8} {'raw/wall':>9} {'rows/s':>10} "
              f"{'WAL peak MB':>12} {'file MB':>8}")
        for name, wall, cpu, wal, size in figures:
            print(f"{name:<9} {wall:8.1f} {cpu:8.1f} {raw / wall:9.2f} {rows / wall:10,.0f} "
                  f"{wal / 1e6:12.0f} {size / 1e6:8.0f}")
    finally:
        if keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--before", type=Path, help="source tree of an earlier version")
    parser.add_argument("--keep", action="store_true", help="keep the databases made")
    parser.add_argument("--cli-only", action="store_true",
                        help="only the `cli` run and its baseline (for 1M: the others double it)")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (shared machine)")
    for _ in range(args.repeat):
        run(args.customers, args.before, args.keep, args.cli_only)


if __name__ == "__main__":
    main()

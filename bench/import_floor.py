"""The import's SQLite work alone, beside the whole import, in the same run (prints figures).

    python bench/import_floor.py --rows 100000 [--repeat 2]

Imports the CSV of `bench/import.py` once for real, keeping every statement its writer thread
runs (`customer_load.BulkCustomerWriter`), then replays exactly those statements into a new
database with the writer's own `start` (triggers and plain indexes dropped), `finish`
(indexes built again, triggers back), a commit and a checkpoint, with no reading, checking,
matching or preparing at all, timing each part (each table's inserts, the rebuild, the commit,
the checkpoint that the import's commit runs): the SQLite work of this schema and this design,
which no speed-up of the Python side can go below. Then the whole import again, to its commit, in the same round.
Budget of the import: 50,000 rows/s; if SQLite alone is slower than that, no checking code
can reach it on this machine.
"""

from __future__ import annotations

import argparse
import importlib.util
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_desktop.storage.database import open_database  # noqa: E402
from crm_desktop.storage.importing import customer_load, run_import  # noqa: E402
from crm_desktop.storage.importing.load import big_cache  # noqa: E402
from crm_desktop.storage.sqlite_functions import configure_connection  # noqa: E402

Statement = tuple[str, int, bool, list[Any]]


def _generator() -> Any:
    """bench/import.py's CSV generator (the same file, so the same rows)."""
    spec = importlib.util.spec_from_file_location("bench_import", Path(__file__).with_name(
        "import.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate


def record(source: Path, folder: Path) -> tuple[list[Statement], float, float]:
    """Import `source` into a new database, keeping the writer's statements; returns them
    and the import's wall and CPU seconds (all threads) to its commit."""
    kept: list[Statement] = []
    insert = customer_load.BulkCustomerWriter._insert

    def keeping(self: Any, head: str, width: int, stamped: bool, values: list[Any]) -> None:
        kept.append((head, width, stamped, values))
        insert(self, head, width, stamped, values)

    path = folder / "recorded.db"
    database = open_database(path)
    customer_load.BulkCustomerWriter._insert = keeping  # type: ignore[method-assign]
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        run_import(database, source, region="US", search_index=False)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    finally:
        customer_load.BulkCustomerWriter._insert = insert  # type: ignore[method-assign]
        database.close()
        _remove(path)
    return kept, wall, cpu


def replay(statements: list[Statement], folder: Path) -> dict[str, float]:
    """The statements into a new database the way the writer runs them, on this thread:
    seconds (wall and CPU) of each table's inserts, the indexes built again, the commit (the
    WAL written) and the checkpoint (the WAL copied into the database file). The import's
    commit does both at once (SQLite's automatic checkpoint); here the checkpoint is run
    apart to show its share."""
    path = folder / "replayed.db"
    open_database(path).close()
    raw = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    configure_connection(raw)
    raw.execute("PRAGMA wal_autocheckpoint = 0")
    figures: dict[str, float] = {}

    def timed(part: str, started: tuple[float, float]) -> None:
        figures[part] = figures.get(part, 0.0) + time.perf_counter() - started[0]
        figures[part + " cpu"] = figures.get(part + " cpu", 0.0) + time.thread_time() - started[1]

    with big_cache(raw):
        raw.execute("BEGIN IMMEDIATE")
        writer = customer_load.BulkCustomerWriter(raw, None, "2026-12-07 12:00:00.000000")
        writer.start(rebuild_indexes=True)
        writer.stop()  # its helper thread: the statements run here instead
        for head, width, stamped, values in statements:
            started = time.perf_counter(), time.thread_time()
            writer._insert(head, width, stamped, values)
            timed(head.split(" ", 3)[2], started)
        started = time.perf_counter(), time.thread_time()
        writer.finish()
        timed("rebuild", started)
    started = time.perf_counter(), time.thread_time()  # the import commits after big_cache
    raw.execute("COMMIT")
    timed("commit", started)
    figures["wal mb"] = path.with_name(path.name + "-wal").stat().st_size / 1e6
    started = time.perf_counter(), time.thread_time()
    raw.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    timed("checkpoint", started)
    raw.close()
    _remove(path)
    return figures


def _remove(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "customers.csv"
        _generator()(source, args.rows)
        for round_ in range(1, args.repeat + 1):
            statements, ours, ours_cpu = record(source, folder)
            alone = replay(statements, folder)
            parts = ("customers", "contact_points", "rebuild", "commit", "checkpoint")
            wall = sum(alone[part] for part in parts)
            cpu = sum(alone[part + " cpu"] for part in parts)
            # each statement's parameters are its rows' one after the other (width s[1])
            rows = sum(len(s[3]) // s[1] for s in statements)
            print(f"round {round_}: {args.rows:,} CSV rows ({rows:,} rows written)\n"
                  f"  SQLite alone: {wall:5.2f} s, {args.rows / wall:9,.0f} rows/s (CPU "
                  f"{cpu:5.2f} s), of which\n" + "".join(
                      f"    {label:44s} {alone[part]:5.2f} s (CPU {alone[part + ' cpu']:5.2f})\n"
                      for part, label in zip(parts, (
                          "customers inserted", "contact points inserted",
                          "indexes built again, triggers back",
                          f"commit (a WAL of {alone['wal mb']:.0f} MB written)",
                          "checkpoint (the WAL into the database file)"), strict=True)) +
                  f"  the whole import to its commit: {ours:5.2f} s, {args.rows / ours:9,.0f} "
                  f"rows/s (CPU {ours_cpu:5.2f} s, all threads);  import / SQLite alone: wall "
                  f"{ours / wall:4.2f}x, CPU {ours_cpu / cpu:4.2f}x;  budget 50,000 rows/s: "
                  f"SQLite alone {'reaches' if args.rows / wall >= 50_000 else 'does NOT reach'}"
                  " it")


if __name__ == "__main__":
    main()

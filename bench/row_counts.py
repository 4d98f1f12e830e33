"""What keeping the row counts costs a write (revision 0008, storage.row_counts): prints
figures, asserts nothing.

    python bench/row_counts.py [--rows 50000] [--repeat 2] [--db BIG.db]

- import: `rows` customers (bench/import.py's CSV) imported into an empty database with the
  counting triggers, and without them (dropped, then `recount`: what the counts would cost
  if a loader did that), alternately, `repeat` times each: seconds and CPU seconds of both,
  and the difference per imported row (a customer and its contact points);
- demo: demo customers added in place (the triggers fire per row) with and without them;
- reading: `stats`' read of the kept counts beside `count(*)` of every table (`--db`: of that
  file, opened read-only; default: the import's database).

The machine may be shared: compare within one run (CPU seconds are steadier than wall).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_desktop.storage import row_counts  # noqa: E402
from crm_desktop.storage.database import open_database, raw_connection  # noqa: E402
from crm_desktop.storage.direct import ENTITY_TABLES  # noqa: E402


def _drop(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        for statement in row_counts.drop_triggers_sql():
            connection.execute(statement)


def _timed(work: object) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    work()  # type: ignore[operator]
    return time.perf_counter() - wall, time.process_time() - cpu


def _import(path: Path, source: Path, counting: bool) -> tuple[float, float]:
    from crm_desktop.storage.importing import run_import

    if not counting:
        _drop(path)
    database = open_database(path)

    def work() -> None:
        run_import(database, source, "customers")
        if not counting:
            with raw_connection(database) as connection:
                row_counts.recount(connection.cursor())
                connection.commit()

    try:
        return _timed(work)
    finally:
        database.close()


def _demo(path: Path, customers: int, counting: bool) -> tuple[float, float]:
    from crm_desktop.storage.demo.generate import generate

    if not counting:
        _drop(path)
    database = open_database(path)
    try:
        return _timed(lambda: generate(database, customers, seed=1))
    finally:
        database.close()


def _reads(path: Path, runs: int = 7) -> tuple[float, float]:
    """Median ms of reading the kept counts, and of count(*) of every table."""
    from crm_desktop.storage.sqlite_functions import connect_read_only

    connection = connect_read_only(path)
    kept, counted = [], []
    try:
        for _ in range(runs):
            start = time.perf_counter()
            assert row_counts.read(connection) is not None
            kept.append(time.perf_counter() - start)
            start = time.perf_counter()
            for table, soft in ENTITY_TABLES.values():
                connection.execute(row_counts.live_count_sql(table, soft)).fetchone()
            counted.append(time.perf_counter() - start)
    finally:
        connection.close()
    return statistics.median(kept) * 1e3, statistics.median(counted) * 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--demo", type=int, default=10_000, help="demo customers added")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--db", type=Path, help="a large database to time the reads on")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from importlib import import_module

    csv_of = import_module("import").generate  # bench/import.py's CSV
    folder = Path(tempfile.mkdtemp(prefix="row-counts-bench-"))
    try:
        source = folder / "people.csv"
        csv_of(source, args.rows)
        template = folder / "template.db"
        open_database(template).close()
        results: dict[tuple[str, bool], list[tuple[float, float]]] = {}
        last = template
        for _ in range(args.repeat):
            for counting in (True, False):
                for kind in ("import", "demo"):
                    path = folder / f"{kind}-{counting}.db"
                    path.unlink(missing_ok=True)
                    shutil.copyfile(template, path)
                    figure = (_import(path, source, counting) if kind == "import"
                              else _demo(path, args.demo, counting))
                    results.setdefault((kind, counting), []).append(figure)
                    if counting:
                        last = path
        print(f"{args.rows:,} rows imported, {args.demo:,} demo customers added in place; "
              f"{args.repeat} runs each (median); machine may be shared")
        for kind in ("import", "demo"):
            on = [statistics.median(x) for x in zip(*results[(kind, True)], strict=True)]
            off = [statistics.median(x) for x in zip(*results[(kind, False)], strict=True)]
            per = args.rows if kind == "import" else args.demo
            print(f"{kind:<7} with counting triggers {on[0]:7.2f} s ({on[1]:6.2f} s CPU), "
                  f"without {off[0]:7.2f} s ({off[1]:6.2f} s CPU): "
                  f"{(on[1] - off[1]) / per * 1e6:+.1f} us CPU per customer, "
                  f"x{on[1] / off[1]:.3f} CPU")
        kept, counted = _reads(args.db or last)
        print(f"reading the counts of {args.db or 'the demo database'}: kept {kept:.2f} ms, "
              f"count(*) of every table {counted:.1f} ms (x{counted / kept:.0f})")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

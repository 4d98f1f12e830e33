"""Benchmark of the sales reports from the open database (prints figures, asserts nothing).

    python bench/more_orders.py --from demo100k.db --to bench1m.db --orders 1000000
    python bench/reports.py --db bench1m.db

Opens the database as the app does (upgrading it to the current schema, which builds the
reports' monthly totals), then times `services.reports.sales_report` for each grouping over
all dates, over one year and over a range that starts and ends inside months (their partial
months are computed from the orders) (median of --repeat runs, after one warm-up run that
fills SQLite's page cache, as an open app has), beside two baselines measured in the same run:
one SQL pass over all orders (COUNT and SUM of the paid ones, the least any report over every
order must do), and loading the orders frame as the analyses do (what the pandas report would
start from). Unless --read-only: "after a change" times one report right after an order of the
latest month changed (its month is recomputed first, as in the app after an edit).
Budget (issue 14): each report under 1 s at 1,000,000 orders.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_desktop.services.reports import DIMENSIONS, sales_report  # noqa: E402
from crm_desktop.storage import frames  # noqa: E402
from crm_desktop.storage.database import Database, open_database  # noqa: E402


def timed(run, repeat: int) -> tuple[float, float, object]:  # type: ignore[no-untyped-def]
    """Median wall and CPU seconds of ``repeat`` runs after a warm-up run (the page cache of
    an app that has the database open); ``repeat`` 0: the one run itself. CPU time is this
    process' (SQLite runs in it): on a machine shared with other work it is the steadier
    figure."""
    if repeat == 0:
        started, started_cpu = time.perf_counter(), time.process_time()
        result = run()
        return time.perf_counter() - started, time.process_time() - started_cpu, result
    result = run()
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = run()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall), statistics.median(cpu), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="a database (see the docstring)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--read-only", action="store_true",
                        help="open without writing (a shared database already at the head "
                        "schema): no upgrade, no integrity check")
    parser.add_argument("--no-check", action="store_true",
                        help="skip the integrity check at opening (minutes on a 6 GB file)")
    parser.add_argument("--no-frame", action="store_true",
                        help="skip the pandas baseline (loading the orders frame)")
    parser.add_argument("--only", nargs="*", choices=DIMENSIONS, default=list(DIMENSIONS),
                        help="the groupings to time (default: all)")
    parser.add_argument("--year", type=int, default=None,
                        help="the one-year range (default: the year of the latest order)")
    args = parser.parse_args()
    started = time.perf_counter()
    database = (Database(None, args.db, read_only="opened read-only by the bench",
                         verified=True).open()
                if args.read_only else open_database(args.db, verify=not args.no_check))
    print(f"opened (and upgraded) in {time.perf_counter() - started:.1f} s")
    with database.engine.connect() as connection:
        orders, lines, deals, latest = connection.exec_driver_sql(
            "SELECT (SELECT COUNT(*) FROM orders), (SELECT COUNT(*) FROM order_lines), "
            "(SELECT COUNT(*) FROM opportunities), (SELECT MAX(ordered_at) FROM orders)").one()
    print(f"{orders:,} orders, {lines:,} order lines, {deals:,} opportunities")

    def scan() -> object:
        with database.engine.connect() as connection:
            return connection.exec_driver_sql(
                "SELECT COUNT(*), SUM(total) FROM orders NOT INDEXED "
                "WHERE status = 'paid' AND deleted_at IS NULL").one()

    print(f"{'':<46} {'wall':>7}   {'CPU':>7}")
    base, base_cpu, _ = timed(scan, args.repeat)
    print(f"{'baseline: one SQL pass over the orders table':<46} {base:7.3f} s {base_cpu:7.3f} s")
    if not args.no_frame:
        load, load_cpu, _ = timed(lambda: frames.orders(database), 1)
        print(f"{'baseline: load the orders frame (pandas)':<46} {load:7.3f} s "
              f"{load_cpu:7.3f} s")
    year = args.year or int(str(latest)[:4])
    ranges = ((None, None), (date(year, 1, 1), date(year, 12, 31)),
              (date(year, 2, 10), date(year, 11, 20)))
    for start, end in ranges:
        label = "all dates" if start is None else f"{start}..{end}"
        for by in args.only:
            seconds, cpu, report = timed(
                lambda by=by, start=start, end=end: sales_report(database, by, start, end),
                args.repeat)
            rows = len(report.rows)  # type: ignore[attr-defined]
            print(f"sales by {by:<9} {label:<27} {seconds:7.3f} s {cpu:7.3f} s  {rows:>4} rows"
                  f"  {cpu / base_cpu:5.2f}x scan (CPU)  {'ok' if cpu < 1 else 'OVER 1 s'}")
    if not args.read_only:
        for by in args.only:
            with database.engine.begin() as connection:  # the triggers mark its month stale
                connection.exec_driver_sql("UPDATE orders SET status = status WHERE id = "
                                           "(SELECT MAX(id) FROM orders)")
            seconds, cpu, report = timed(lambda by=by: sales_report(database, by), 0)
            rows = len(report.rows)  # type: ignore[attr-defined]
            print(f"sales by {by:<9} {'all dates, after a change':<27} {seconds:7.3f} s "
                  f"{cpu:7.3f} s  {rows:>4} rows  {cpu / base_cpu:5.2f}x scan (CPU)  "
                  f"{'ok' if cpu < 1 else 'OVER 1 s'}")
    database.close()


if __name__ == "__main__":
    main()

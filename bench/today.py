"""The Today list at 100,000 customers (issue 11 budget; prints figures, asserts nothing).

    python bench/today.py --db PATH [--runs 5] [--keep-results]

Copies the database to a temporary folder (the given file is only read), stores the analysis
results Today uses as the app does (churn, lifetime value, next products, satisfaction: each
run with its defaults and applied through services.analyses, skipped when results of that kind
are stored already), then:

1. builds the Today list through the service (``services.today.today_list``, as the page and
   ``crm-desktop today`` do) ``--runs`` times and prints the median and the slowest, beside a
   baseline in the same run: the list's largest single read alone (the due tasks, one SQL
   statement through the same engine). Budget: under 2 s.
2. opens the Today page in the app (bench/ui.py's first-switch child: a fresh app, a 5 ms
   heartbeat from the click until the list is shown and the jobs settled) and prints the longest
   GUI-thread gap and the p95, beside a bare page switched to in the same process; then logs a
   call with the first row and snoozes the next (``--writes``), each measured the same way
   until the list has reloaded. Budget: no gap over 50 ms.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KINDS = ("churn", "clv", "basket", "satisfaction")  # what the Today list reads
RESULT_KIND = {"churn": "churn", "clv": "clv", "basket": "next_products",
               "satisfaction": "satisfaction_risk"}


def store_results(database: object) -> None:
    from sqlalchemy import text

    from crm_desktop.services.analyses.apply import apply_outcome
    from crm_desktop.services.analyses.run import run_analysis
    from crm_desktop.storage.frame_cache import FrameCache

    frames = FrameCache(database)  # type: ignore[arg-type]
    for kind in KINDS:
        with database.engine.connect() as c:  # type: ignore[attr-defined]
            stored = c.execute(text("SELECT count(*) FROM analytics_results WHERE kind = :k"),
                               {"k": RESULT_KIND[kind]}).scalar()
        if stored:
            print(f"  {kind}: {stored:,} results stored already")
            continue
        started = time.perf_counter()
        try:
            outcome = run_analysis(database, kind, None, frames=frames)  # type: ignore[arg-type]
            apply_outcome(database, outcome)  # type: ignore[arg-type]
        except Exception as error:  # noqa: BLE001 - a bench reports and goes on
            print(f"  {kind}: not stored ({error})")
            continue
        print(f"  {kind}: run and stored in {time.perf_counter() - started:.1f} s")


def time_list(database: object, runs: int) -> None:
    from sqlalchemy import text

    from crm_desktop.services import today

    def baseline() -> float:
        started = time.perf_counter()
        with database.engine.connect() as c:  # type: ignore[attr-defined]
            c.execute(text(
                "SELECT i.id, i.customer_id, i.subject, i.due_at, i.outcome,"
                " c.touch_every_days FROM interactions i"
                " JOIN customers c ON c.id = i.customer_id AND c.deleted_at IS NULL"
                " WHERE i.kind = 'task' AND i.done = 0 AND i.deleted_at IS NULL"
                " AND i.due_at < :tomorrow"), {"tomorrow": date.today() + timedelta(days=1)}
            ).fetchall()
        return time.perf_counter() - started

    bases, lists, cpus = [], [], []
    found = None
    for _ in range(runs):
        bases.append(baseline())
        started, started_cpu = time.perf_counter(), time.thread_time()
        found = today.today_list(database, limit=100)  # type: ignore[arg-type]
        lists.append(time.perf_counter() - started)
        cpus.append(time.thread_time() - started_cpu)
    assert found is not None
    base = statistics.median(bases)
    median = statistics.median(lists)
    print(f"Today list ({found.total:,} customers with a reason, first {len(found.rows)} shown):"
          f" median {median * 1000:.0f} ms, slowest {max(lists) * 1000:.0f} ms over {runs} runs"
          f" (budget 2,000 ms: {'ok' if max(lists) < 2 else 'OVER'})")
    print(f"  CPU time of the list (this thread; steadier on a shared machine): median "
          f"{statistics.median(cpus) * 1000:.0f} ms")
    print(f"baseline, the due tasks read alone: median {base * 1000:.0f} ms "
          f"(the list takes {median / base:.1f}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from crm_desktop.storage.database import open_database

    with tempfile.TemporaryDirectory(dir=args.db.parent) as folder:
        copy = Path(folder) / "today.db"
        shutil.copyfile(args.db, copy)
        database = open_database(copy)
        with database.engine.connect() as c:
            count = c.exec_driver_sql("SELECT count(*) FROM customers").scalar()
        print(f"{count:,} customers; storing the analysis results Today uses:")
        store_results(database)
        time_list(database, args.runs)
        database.close()
        print("opening the Today page in the app:", flush=True)
        subprocess.run([sys.executable, str(ROOT / "bench" / "ui.py"), "--db", str(copy),
                        "--pages", "today", "--writes"], check=False, cwd=ROOT)
    print("(figures from a machine shared with other work: compare against the baselines)")


if __name__ == "__main__":
    main()

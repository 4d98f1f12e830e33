"""Where the background analysis process' memory goes, stage by stage (prints figures; asserts
nothing).

    python bench/memory_stages.py --db PATH [--keep-db] [--tracemalloc] [--live]

Runs in one process what the app's analysis process runs when the dashboard is opened and
the Analytics page shows its first analysis (bench/memory.py measures the whole app doing
that): the dashboard's figures, the analyses that fill its empty charts (churn, lifetime
value, influencers) and their storing, the dashboard again, the Analytics page's warm-up and
its first analysis (the key figures). Each call is followed by what the process does between
calls (``analysis_child.give_back_memory``).

A thread samples the resident memory (RSS) every 50 ms; every progress message starts a new
stage. Printed per stage: the RSS when it started, its peak, and the growth of the peak over
the stage's start; per call the RSS after it and after giving memory back. The baseline is the
process after importing pandas and scikit-learn. With --tracemalloc the largest Python
allocations alive at each call's end are listed too (slower; numpy and pandas buffers are
traced, the C libraries' own memory is not).

The database is copied first (the fill stores results) unless --keep-db.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

MB = 1024 * 1024
PAGE = os.sysconf("SC_PAGE_SIZE")


def rss() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * PAGE


class Stages:
    """Peak RSS between progress messages."""

    def __init__(self) -> None:
        self.rows: list[list[Any]] = []  # [call, stage, start rss, peak rss]
        self.call = ""
        self.live = False  # print each stage as it ends
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            if self.rows:
                row = self.rows[-1]
                row[3] = max(row[3], rss())
            self.stop.wait(0.05)

    def mark(self, stage: str) -> None:
        now = rss()
        if self.rows and self.rows[-1][0] == self.call and self.rows[-1][1] == stage:
            return
        if self.rows and self.live:  # the stage that ended, at once (a 1M run takes long)
            call, name, start, peak = self.rows[-1]
            print(f"  ended: {call:<16}{name[:43]:<44}{start / MB:9.0f}{peak / MB:9.0f}"
                  f"{(peak - start) / MB:7.0f}", flush=True)
        self.rows.append([self.call, stage, now, now])

    def progress(self, fraction: float, message: str = "") -> None:
        self.mark(message)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--live", action="store_true",
                        help="also print each stage as it ends (long runs)")
    args = parser.parse_args()

    from crm_desktop.analysis_child import give_back_memory, map_large_blocks

    map_large_blocks()  # as the analysis process does
    import warnings

    warnings.simplefilter("ignore")
    import pandas  # noqa: F401
    import sklearn.ensemble  # noqa: F401

    from crm_desktop.services.analyses.run import run_analysis, warm_up
    from crm_desktop.services.dashboard import dashboard_figures
    from crm_desktop.services.dashboard_fill import fill_missing
    from crm_desktop.storage.database import open_database
    from crm_desktop.storage.frame_cache import FrameCache

    baseline = rss()
    work = Path(tempfile.mkdtemp(prefix="memory-stages-", dir=args.db.parent))
    db = args.db if args.keep_db else work / args.db.name
    if not args.keep_db:
        shutil.copyfile(args.db, db)
    if args.tracemalloc:
        import tracemalloc

        tracemalloc.start(5)
    stages = Stages()
    stages.live = args.live
    after: list[tuple[str, int, int, int, float]] = []
    try:
        database = open_database(str(db), upgrade=False, verify=False)
        cache = FrameCache(database)
        calls: list[tuple[str, Any, tuple[Any, ...]]] = [
            ("dashboard", dashboard_figures, ({},)),
            ("fill", fill_missing, (["churn", "clv", "influencers"],)),
            ("dashboard again", dashboard_figures, ({},)),
            ("warm up", warm_up, ()),
            ("kpis", run_analysis, ("kpis", None)),
        ]
        for name, function, call_args in calls:
            stages.call = name
            stages.mark("start")
            started = time.perf_counter()
            result = function(database, *call_args, progress=stages.progress,
                              cancelled=lambda: False, frames=cache)
            import pickle

            size = len(pickle.dumps(result, pickle.HIGHEST_PROTOCOL))
            seconds = time.perf_counter() - started
            if args.tracemalloc:
                _top(name)
            del result
            held = rss()
            give_back_memory(cache)
            after.append((name, held, rss(), size, seconds))
        cache.close()
        database.close()
    finally:
        stages.stop.set()
        stages.thread.join()
        shutil.rmtree(work, ignore_errors=True)

    print(f"baseline (pandas and scikit-learn imported): {baseline / MB:.0f} MB; machine "
          f"shared with other engineers")
    print(f"{'call':<16}{'stage':<44}{'start MB':>9}{'peak MB':>9}{'+MB':>7}")
    for call, stage, start, peak in stages.rows:
        print(f"{call:<16}{stage[:43]:<44}{start / MB:9.0f}{peak / MB:9.0f}"
              f"{(peak - start) / MB:7.0f}")
    print(f"\n{'call':<16}{'s':>7}{'RSS after':>11}{'after trim':>11}{'result pickled':>16}")
    for name, held, trimmed, size, seconds in after:
        print(f"{name:<16}{seconds:7.1f}{held / MB:9.0f}MB{trimmed / MB:9.0f}MB"
              f"{size / 1024:13.0f} KB")
    peak = max(row[3] for row in stages.rows)
    print(f"\npeak of the process: {peak / MB:.0f} MB ({peak / max(baseline, 1):.1f}x the "
          f"baseline)")
    return 0


def _top(name: str, limit: int = 8) -> None:
    import tracemalloc

    snapshot = tracemalloc.take_snapshot()
    print(f"--- largest Python allocations alive after {name}")
    for stat in snapshot.statistics("traceback")[:limit]:
        frame = stat.traceback[-1]
        print(f"  {stat.size / MB:8.1f} MB  {frame.filename}:{frame.lineno}")


if __name__ == "__main__":
    raise SystemExit(main())

"""UI budgets, measured in fresh subprocesses (prints figures; never asserts).

    python bench/ui.py --db PATH            # a 1,000,000-customer database for the real budgets:
                                            # crm-desktop demo --db PATH --customers 1000000

1. Start-up: process start -> main window shown with the first customer rows painted, against
   a bare PySide6 script showing a QMainWindow with an empty QTableView (ratio; budget <= 3x and
   < 1.0 s). Heavy libraries (pandas, sklearn, matplotlib, networkx) imported by then are listed.
2. Customers page: switch to it -> first rows painted (budget 300 ms); scroll to the end ->
   last rows painted (reading 200 rows, not the table); resident memory (budget 500 MB).
3. Global search: search start -> customer results listed, p50/p95 over many queries (budget
   p95 50 ms, debounce not counted); the longest gap of a 5 ms QTimer heartbeat during all of
   the above (budget 50 ms).
4. First switch to each page (``--pages``): in a fresh app per page, a few seconds after start
   (as a user would click), the page is chosen in the navigation and a 5 ms QTimer heartbeat
   ticks until the page and its background jobs have settled; prints the longest gap and the
   p95 of the gaps per page (budget 50 ms), beside a baseline measured in the same process: a
   bare QWidget page added to the window's stack and switched to the same way.

    python bench/ui.py --db PATH --pages [dashboard today ...]   # only the page switches
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ui_common import HEAVY, _launch, _run, _wait  # bench/ is the script's folder
from ui_pages import PAGE_NAMES, child_page_switch, page_switches

BARE = r"""
import sys, time, json
t0 = float(sys.argv[1])
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication(sys.argv[:1])
window = QMainWindow(); table = QTableView(); window.setCentralWidget(table)
window.resize(1280, 800)
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(json.dumps({"shown": time.time() - t0}), flush=True)
            QTimer.singleShot(0, app.quit)
        return False
watcher = Painted(); table.viewport().installEventFilter(watcher)
window.show()
app.exec()
"""


def child_app(db: str, t0: float, start_page: str, queries: int) -> None:  # noqa: PLR0915
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    launched = time.time()
    window = _launch(db, "settings.ini", start_page)
    figures_early = {"imports_done": launched - t0, "launched": time.time() - t0}
    app = QApplication.instance()
    database = window.context.database
    figures: dict[str, object] = dict(figures_early)
    state = {"painted_rows": None}

    class Painted(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and state["painted_rows"] is None:
                model = self.model
                if model.rowCount() and model.row(0) is not None:
                    state["painted_rows"] = time.perf_counter()
            return False

    def wait(predicate: Callable[[], bool], timeout: float = 60.0) -> bool:
        return _wait(predicate, timeout, step_ms=1)

    watcher = Painted()

    def watch_customers() -> None:
        page = window.page("customers")
        watcher.model = page.model
        page.table.viewport().installEventFilter(watcher)

    if start_page == "customers":
        watch_customers()
    window.show()
    figures["heavy_modules_at_show"] = sorted(m for m in HEAVY if m in sys.modules)
    figures["sqlalchemy_at_show"] = "sqlalchemy" in sys.modules
    if start_page == "customers":
        wait(lambda: state["painted_rows"] is not None)
        figures["start_to_rows_painted"] = time.time() - t0 - (time.perf_counter()
                                                              - state["painted_rows"])
        print(json.dumps(figures), flush=True)
        window.close()
        database.close()
        return
    # Heartbeat from here on: the longest gap between 5 ms ticks.
    beats = {"last": time.perf_counter(), "gap": 0.0}

    def beat() -> None:
        now = time.perf_counter()
        beats["gap"] = max(beats["gap"], now - beats["last"])
        beats["last"] = now

    heart = QTimer()
    heart.setInterval(5)
    heart.timeout.connect(beat)
    if getattr(database, "is_open", True) is False:  # opened after the window showed
        database.open()
    # As a user would: a few seconds after start (the window imports page modules meanwhile).
    settle_until = time.perf_counter() + 3.0
    wait(lambda: time.perf_counter() > settle_until and window.runner.jobs() == [], 15)
    beats["last"] = time.perf_counter()
    heart.start()
    started = time.perf_counter()
    window.show_page("customers")
    watch_customers()
    page = window.page("customers")
    wait(lambda: state["painted_rows"] is not None)
    figures["page_first_rows_painted"] = state["painted_rows"] - started
    gaps = {"page switch": beats["gap"]}
    beats["gap"] = 0.0
    wait(lambda: page.model.total() is not None)
    figures["rows"] = page.model.total()
    # Scroll to the end.
    last = page.model.rowCount() - 1
    started = time.perf_counter()
    page.table.scrollToBottom()
    wait(lambda: page.model.row(last) is not None)
    app.processEvents()
    figures["scroll_to_end"] = time.perf_counter() - started
    figures["last_row"] = page.model.index(last, 0).data()
    gaps["scroll"] = beats["gap"]
    beats["gap"] = 0.0
    with open("/proc/self/status", encoding="ascii") as status:
        rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))
    figures["rss_mb"] = round(rss / 1024, 1)
    # Global search.
    with database.engine.connect() as connection:
        names = [row[0] for row in connection.exec_driver_sql(
            "SELECT name FROM customers WHERE id IN (SELECT abs(random()) % "
            "(SELECT max(id) FROM customers) FROM customers LIMIT ?)", (queries * 2,))]
    terms = []
    for name in names:
        short = name[:2] if not name.isascii() else name.split()[0][:4]
        terms.append(short)
    terms = terms[:queries]
    search = window.search
    search.setFocus()
    search.latencies_ms.clear()
    for term in terms:
        search.setText(term)
        count = len(search.latencies_ms)
        search.search_now()
        wait(lambda c=count: len(search.latencies_ms) > c, 10)
        wait(lambda: window.runner.jobs() == [], 10)
    latencies = sorted(search.latencies_ms)
    figures["search_queries"] = len(latencies)
    figures["search_p50_ms"] = round(statistics.median(latencies), 1)
    figures["search_p95_ms"] = round(latencies[int(len(latencies) * 0.95) - 1], 1)
    figures["search_max_ms"] = round(latencies[-1], 1)
    gaps["search"] = beats["gap"]
    figures["heartbeat_gaps_ms"] = {k: round(v * 1000, 1) for k, v in gaps.items()}
    figures["heavy_modules_at_end"] = sorted(m for m in HEAVY if m in sys.modules)
    heart.stop()
    print(json.dumps(figures), flush=True)
    window.close()
    database.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="a database (1,000,000 customers)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--child-app", choices=("start", "page"), help=argparse.SUPPRESS)
    parser.add_argument("--t0", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--pages", nargs="*", choices=PAGE_NAMES, metavar="PAGE",
                        help="only the first switch to these pages (all when none named)")
    parser.add_argument("--child-pages", help=argparse.SUPPRESS)
    parser.add_argument("--writes", action="store_true",
                        help="with --pages today: also log a call and snooze a row, each "
                             "measured the same way (WRITES to the database: give a copy)")
    parser.add_argument("--profile", type=Path, metavar="PATH",
                        help="with --pages: write what the GUI thread did while the heartbeat "
                             "was late (sampled stacks) to PATH/<page>.txt (a folder)")
    args = parser.parse_args()
    if args.child_pages:
        child_page_switch(args.db, args.child_pages, str(args.profile) if args.profile else None,
                          args.writes)
        return
    if args.pages is not None:
        if args.profile:
            args.profile.mkdir(parents=True, exist_ok=True)
        page_switches(args.db, args.pages or list(PAGE_NAMES), args.profile, args.writes)
        return
    if args.child_app:
        child_app(args.db, args.t0, "customers" if args.child_app == "start" else "dashboard",
                  args.queries)
        return
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        os.environ["BENCH_TMP"] = folder
        bare, app = [], []
        heavy: list[str] = []
        for _ in range(args.runs):
            bare.append(float(_run(["-c", BARE, str(time.time())])["shown"]))
            result = _run([__file__, "--db", args.db, "--child-app", "start",
                           "--t0", str(time.time())])
            app.append(float(result["start_to_rows_painted"]))  # type: ignore[arg-type]
            heavy = result["heavy_modules_at_show"]  # type: ignore[assignment]
            sqlalchemy_loaded = result["sqlalchemy_at_show"]
        bare_s, app_s = statistics.median(bare), statistics.median(app)
        print(f"bare PySide6 window + empty table shown: {bare_s:.3f} s (median of {args.runs})")
        print(f"crm-desktop window + first customer rows: {app_s:.3f} s "
              f"(ratio {app_s / bare_s:.2f}x; budget <= 3x and < 1.0 s)")
        print(f"heavy modules imported when the window showed: {heavy or 'none'} "
              f"(SQLAlchemy: {'yes' if sqlalchemy_loaded else 'not yet'})")
        page = _run([__file__, "--db", args.db, "--child-app", "page",
                     "--queries", str(args.queries), "--t0", str(time.time())])
        print(f"customers page: {page['rows']:,} rows; first rows painted "
              f"{float(page['page_first_rows_painted']) * 1000:.0f} ms (budget 300 ms)")
        print(f"scroll to the end: {float(page['scroll_to_end']) * 1000:.0f} ms "
              f"(last row {page['last_row']!r})")
        print(f"resident memory: {page['rss_mb']} MB (budget 500 MB)")
        print(f"global search, {page['search_queries']} queries: p50 {page['search_p50_ms']} ms,"
              f" p95 {page['search_p95_ms']} ms, max {page['search_max_ms']} ms "
              f"(budget p95 50 ms)")
        gaps = page["heartbeat_gaps_ms"]
        print("longest 5 ms heartbeat gap (budget 50 ms): "
              + ", ".join(f"{phase} {gap} ms" for phase, gap in gaps.items()))
        print(f"heavy modules imported by then: {page['heavy_modules_at_end'] or 'none'}")


if __name__ == "__main__":
    main()

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
from typing import Any

from ui_common import HEAVY, _launch, _run, _wait  # bench/ is the script's folder

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


# Child: the first switch to one page -----------------------------------------------------------
PAGE_NAMES = ("dashboard", "today", "customers", "pipeline", "sales", "reports", "campaigns",
              "tickets", "activities", "graph", "analytics")
SETTLE_S = 1.0  # after the page's jobs are done, the heartbeat goes on this long
MAX_WATCH_S = 30.0  # a page whose jobs run longer is measured for this long


def _gap_figures(gaps: list[float]) -> dict[str, float]:
    ordered = sorted(gaps) or [0.0]
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"max_ms": round(ordered[-1] * 1000, 1), "p95_ms": round(p95 * 1000, 1),
            "ticks": len(gaps)}


class GapSampler:
    """What the GUI thread is doing while the heartbeat is late: a thread looks every 2 ms and,
    once the last tick is over `late_s` old, records the GUI thread's stack and what the
    process' other threads are doing (their innermost frames). `report()` shows the longest
    late stretch sample by sample (what the GUI thread waited for, and who ran meanwhile),
    then the stacks seen most over all stretches. Only with --profile: sampling costs the GUI
    thread a little."""

    def __init__(self, ticks: list[float], late_s: float = 0.02) -> None:
        import collections
        import threading

        self._ticks, self._late = ticks, late_s
        self._main = threading.main_thread().ident
        self.samples: collections.Counter[str] = collections.Counter()
        # per late stretch (keyed by the tick it follows): (ms since that tick, GUI, others)
        self.stretches: dict[float, list[tuple[float, str, str]]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    @staticmethod
    def _frames(frame: Any, keep: int) -> list[str]:
        import traceback

        stack = traceback.extract_stack(frame)
        return [f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in stack
                if "bench" not in f.filename][-keep:]

    def _run(self) -> None:
        import threading

        while not self._stop.wait(0.002):
            if not self._ticks:
                continue
            last = self._ticks[-1]
            late = time.perf_counter() - last
            if late < self._late:
                continue
            frames = sys._current_frames()  # noqa: SLF001 - a profiler's tool
            frame = frames.get(self._main)
            if frame is None:
                continue
            ours = self._frames(frame, 14)
            others = " | ".join(
                " <- ".join(reversed(self._frames(other, 3)))
                for ident, other in frames.items()
                if ident not in (self._main, threading.get_ident()))
            if not ours:  # in Qt's C++ (layout, paint), or waiting for a worker's GIL
                ours = ["[Qt] workers: " + ", ".join(sorted(
                    f"{Path(other.f_code.co_filename).name}:{other.f_lineno}"
                    for ident, other in frames.items()
                    if ident not in (self._main, threading.get_ident())))]
            gui = " <- ".join(reversed(ours))
            self.samples[gui] += 1
            self.stretches.setdefault(last, []).append((late * 1000, gui, others))

    def report(self, top: int = 25) -> str:
        total = sum(self.samples.values()) or 1
        lines = [f"{count * 100 / total:5.1f}%  {stack}"
                 for stack, count in self.samples.most_common(top)]
        longest: list[str] = []
        if self.stretches:
            worst = max(self.stretches.values(), key=lambda s: s[-1][0])
            longest = [f"longest late stretch ({worst[-1][0]:.0f} ms at its last sample):"]
            for late, gui, others in worst:
                longest.append(f"  {late:6.1f} ms  GUI: {gui}")
                longest.append(f"             others: {others or '-'}")
            longest.append("")
        return "\n".join(longest) + (
            f"{total} samples (2 ms apart) while late\n" + "\n".join(lines))


def child_page_switch(db: str, name: str, profile: str | None = None,
                      writes: bool = False) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    start = "today" if name == "customers" else "customers"
    # no start-up copy of a shared database
    window = _launch(db, f"settings-{name}.ini", start, backup__auto="off")
    window.show()
    wait = _wait
    # As the app does once its window is up (app._after_start): the background process'
    # module imported and multiprocessing's helper started in a worker.
    from crm_desktop.ui.child_process import prepare

    window.runner.run(prepare, owner=window, key="prepare-child-processes",
                      on_finished=lambda _result: None)

    # As a user would: a few seconds after start (the window imports page modules meanwhile).
    settle_until = time.perf_counter() + 4.0
    wait(lambda: time.perf_counter() > settle_until and window.runner.jobs() == [], 30)
    ticks: list[float] = []
    heart = QTimer()
    heart.setInterval(5)
    cpu: list[float] = []  # the GUI thread's CPU time at each tick

    def tick() -> None:
        ticks.append(time.perf_counter())
        cpu.append(time.thread_time())

    heart.timeout.connect(tick)

    def measure(switch: object) -> dict[str, float]:
        ticks.clear()
        cpu.clear()
        tick()
        sampler = GapSampler(ticks) if profile and switch is not bare_switch else None
        if sampler:
            sampler.start()
        heart.start()
        started = time.perf_counter()
        switch()  # type: ignore[operator]
        call_ms = (time.perf_counter() - started) * 1000
        quiet = {"since": None}

        def settled() -> bool:
            if window.runner.jobs():
                quiet["since"] = None
                return False
            quiet["since"] = quiet["since"] or time.perf_counter()
            return time.perf_counter() - quiet["since"] >= SETTLE_S

        done = wait(settled, MAX_WATCH_S)
        heart.stop()
        if sampler:
            sampler.stop()
            Path(profile).write_text(sampler.report(), encoding="utf-8")  # type: ignore[arg-type]
        gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
        # The GUI thread's own CPU time between two ticks: the work it did in one stretch,
        # which a machine shared with other work stretches into a longer gap.
        busy = [b - a for a, b in zip(cpu, cpu[1:], strict=False)]
        return {**_gap_figures(gaps), "cpu_max_ms": round(max(busy, default=0.0) * 1000, 1),
                "call_ms": round(call_ms, 1),
                "watched_s": round(time.perf_counter() - started, 1), "settled": done}

    # Baseline: a bare QWidget page in the same stack, switched to the same way.
    bare = QWidget()
    QVBoxLayout(bare).addWidget(QLabel("bare page"))
    window.stack.addWidget(bare)

    def bare_switch() -> None:
        window.stack.setCurrentWidget(bare)

    baseline = measure(bare_switch)
    page = measure(lambda: window.navigation.setCurrentRow(PAGE_NAMES.index(name)))
    shown = window.page(name)
    figures = {"page": name, "baseline": baseline, "switch": page,
               "built": shown is not None and shown.isVisible(),
               "heavy_modules": sorted(m for m in HEAVY if m in sys.modules)}
    if writes and name == "today" and shown is not None:
        # What a user does next on Today: log a call with the first customer, then snooze the
        # next one; each write runs on the GUI thread and the list reloads after it.
        for action, act in (("log a call", lambda: shown.log_call()),  # type: ignore[attr-defined]
                            ("snooze", lambda: shown.snooze())):  # type: ignore[attr-defined]
            shown.table.selectRow(0)  # type: ignore[attr-defined]
            figures[action] = measure(act)
    print(json.dumps(figures), flush=True)
    # No orderly close: at 1M the integrity check of the file may still run, and waiting for it
    # (or a thread destroyed while running) is not what is measured.
    os._exit(0)


def page_switches(db: str, names: list[str], profile: Path | None = None,
                  writes: bool = False) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        os.environ["BENCH_TMP"] = folder
        print("first switch to each page, fresh app each (5 ms heartbeat gaps; budget 50 ms):")
        print("  (GUI CPU: the GUI thread's own CPU time in its longest stretch between two "
              "ticks, which load from other processes does not stretch)")
        print(f"  {'page':<11} {'max':>7} {'p95':>6} {'GUI CPU':>8} {'switch call':>11}   "
              f"{'baseline max':>12} {'p95':>5} {'GUI CPU':>8}   watched")
        for name in names:
            extra = ["--profile", str(profile / f"{name}.txt")] if profile else []
            extra += ["--writes"] if writes else []
            result = _run([__file__, "--db", db, "--child-pages", name, *extra], timeout=600)
            base, page = result["baseline"], result["switch"]
            verdict = "ok" if page["max_ms"] <= 50 else "OVER"
            note = "" if page["settled"] else " (jobs still running)"
            print(f"  {name:<11} {page['max_ms']:5.1f} ms {page['p95_ms']:4.1f} "
                  f"{page['cpu_max_ms']:5.1f} ms {page['call_ms']:8.1f} ms   "
                  f"{base['max_ms']:9.1f} ms {base['p95_ms']:5.1f} {base['cpu_max_ms']:5.1f} ms"
                  f"   {page['watched_s']} s{note}  {verdict}"
                  + ("" if result["built"] else "  PAGE NOT SHOWN"), flush=True)
            for action in ("log a call", "snooze"):
                if action in result:
                    after = result[action]
                    print(f"    then {action}: {after['max_ms']:5.1f} ms {after['p95_ms']:4.1f} "
                          f"{after['cpu_max_ms']:5.1f} ms {after['call_ms']:8.1f} ms "
                          "(the write and the list's reload)   "
                          f"{after['watched_s']} s  "
                          + ("ok" if after["max_ms"] <= 50 else "OVER"), flush=True)


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

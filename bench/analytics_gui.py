"""GUI responsiveness while the Analytics page runs analyses (prints figures; asserts nothing).

    python bench/analytics_gui.py --db PATH [--names kpis rfm segments churn clv] [--rounds 2]

Builds the Analytics page as the app does, presses Run for each analysis and waits until its
quality figures, table and chart are on screen, while a 5 ms QTimer heartbeat ticks on the GUI
thread. Prints each analysis' time (press to chart drawn), the longest gap between heartbeats
(budget: 50 ms), and how many frames the background process loaded from the database. The
analyses run in the page's background process (ui/child_process.py), which keeps the frames it
loaded between analyses, so a second round shows the time without loading.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--names", nargs="+", default=["kpis", "rfm", "segments", "churn", "clv"])
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from crm_desktop.storage.database import open_database
    from crm_desktop.ui.child_process import prepare
    from crm_desktop.ui.context import AppContext

    app = QApplication.instance() or QApplication([])
    database = open_database(args.db)
    context = AppContext(database)
    started = time.perf_counter()
    from crm_desktop.ui.pages.analytics_page import AnalyticsPage

    page = AnalyticsPage(context)
    page.resize(1400, 900)
    page.show()
    app.processEvents()
    print(f"page built and shown in {(time.perf_counter() - started) * 1000:.0f} ms "
          "(GUI thread, once per session)")
    prepare()  # as the app does in a worker once its window is up

    # A gap is counted as "running" when the result had not reached the page at the beat
    # before it, and as "showing" once it had (filling the table, building, laying out and
    # painting the chart: separate steps of the GUI thread).
    beats = {"last": time.perf_counter(), "run": 0.0, "show": 0.0}
    shown = {"before": None, "seen": False}

    def beat() -> None:
        now = time.perf_counter()
        phase = "show" if shown["seen"] else "run"
        beats[phase] = max(beats[phase], now - beats["last"])
        beats["last"] = now
        shown["seen"] = page.outcome() is not shown["before"]

    heart = QTimer()
    heart.setInterval(5)
    heart.timeout.connect(beat)
    worst = 0.0
    for round_ in range(1, args.rounds + 1):
        total = 0.0
        for name in args.names:
            page.combo.setCurrentIndex(page.combo.findData(name))
            loop = QEventLoop()
            done = {"outcome": page.outcome()}

            def check(loop: QEventLoop = loop, done: dict[str, object] = done) -> None:
                if page.run_button.isEnabled():  # finished, failed or cancelled
                    QTimer.singleShot(200, loop.quit)  # let the chart's draw_idle happen

            poll = QTimer()
            poll.setInterval(20)
            poll.timeout.connect(check)
            beats["last"], beats["run"], beats["show"] = time.perf_counter(), 0.0, 0.0
            shown["before"], shown["seen"] = page.outcome(), False
            heart.start()
            start = time.perf_counter()
            page.run_analysis()
            poll.start()
            loop.exec()
            poll.stop()
            elapsed = time.perf_counter() - start - 0.2
            heart.stop()
            total += elapsed
            worst = max(worst, beats["run"], beats["show"])
            status = "ok" if page.outcome() is not done["outcome"] else page.status.text()
            print(f"round {round_} {name:<10} {elapsed:7.2f} s   longest heartbeat gap: "
                  f"running {beats['run'] * 1000:5.1f} ms, showing the result "
                  f"{beats['show'] * 1000:5.1f} ms   {status}", flush=True)
        service = context.background
        print(f"round {round_} {'total':<10} {total:7.2f} s   (budget 20 s; background "
              f"process started {service.starts if service else 0} time(s))", flush=True)
    print(f"worst heartbeat gap {worst * 1000:.1f} ms (budget 50 ms)")
    context.runner.shutdown()
    context.close_background()
    database.close()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

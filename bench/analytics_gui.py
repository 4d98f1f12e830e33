"""GUI responsiveness while the Analytics page runs analyses (prints figures; asserts nothing).

    python bench/analytics_gui.py --db PATH [--names kpis rfm segments churn clv] [--rounds 2]
                                  [--think SECONDS]

Opens the Analytics page from the main window's navigation (its libraries load in a worker;
prints the longest GUI gap while it opens), presses Run for each analysis and waits until its
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
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--names", nargs="+", default=["kpis", "rfm", "segments", "churn", "clv"])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--think", type=float, default=0.0,
                        help="seconds between opening the page and the first Run (a user "
                             "choosing an analysis: the page prepares the background process "
                             "meanwhile); 0 measures a cold start")
    args = parser.parse_args()

    import tempfile

    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from crm_desktop.storage.database import open_database
    from crm_desktop.ui.child_process import prepare
    from crm_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    database = open_database(args.db)
    folder = tempfile.TemporaryDirectory()
    settings = QSettings(str(Path(folder.name) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(database, settings, start_page="customers")
    window.resize(1400, 900)
    window.show()
    prepare()  # as the app does in a worker once its window is up
    _wait(app, 2.5)  # the window settles and imports the page modules in the background
    opening = {"last": time.perf_counter(), "gap": 0.0}

    def opening_beat() -> None:
        now = time.perf_counter()
        opening["gap"] = max(opening["gap"], now - opening["last"])
        opening["last"] = now

    opener = QTimer()
    opener.setInterval(5)
    opener.timeout.connect(opening_beat)
    opener.start()
    started = time.perf_counter()
    window.navigate("analytics")
    while window.page("analytics") is None:
        app.processEvents()
    built = time.perf_counter() - started
    _wait(app, 0.3)
    opener.stop()
    if args.think > 0.3:
        _wait(app, args.think - 0.3)
    print(f"Analytics page opened from the navigation in {built * 1000:.0f} ms; longest "
          f"heartbeat gap meanwhile {opening['gap'] * 1000:.1f} ms")
    page: Any = window.page("analytics")
    context = window.context

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
                # finished, failed or cancelled, and the chart built and painted
                if page.run_button.isEnabled() and page.outcome() is not done["outcome"] \
                        and not page.chart.busy() and not done.get("quit"):
                    done["quit"] = True
                    QTimer.singleShot(200, loop.quit)  # a margin for late paint events
                elif page.run_button.isEnabled() and page.outcome() is done["outcome"]:
                    QTimer.singleShot(200, loop.quit)  # failed or cancelled

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
    window.close()
    database.close()
    folder.cleanup()
    del app
    return 0


def _wait(app: Any, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.002)


if __name__ == "__main__":
    raise SystemExit(main())

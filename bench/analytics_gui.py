"""GUI responsiveness while analyses run in the app's worker (prints figures; asserts nothing).

    python bench/analytics_gui.py --db PATH [--names kpis rfm segments churn clv]

Runs each analysis as the Analytics page does (`run_job` in the Runner; the fit itself in a
child process, see ui/child_process.py) while a
5 ms QTimer heartbeat ticks on the GUI thread, and prints each analysis' time and the longest
gap between heartbeats (budget: 50 ms).
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
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from crm_desktop.storage.database import open_database
    from crm_desktop.ui.pages.analytics_page import run_job
    from crm_desktop.ui.workers import Runner

    app = QApplication.instance() or QApplication([])
    owner = QWidget()
    runner = Runner(owner, parent=owner)
    database = open_database(args.db)
    from crm_desktop.ui.child_process import prepare

    prepare()  # as the app does in a worker after start-up
    beats = {"last": time.perf_counter(), "gap": 0.0}

    def beat() -> None:
        now = time.perf_counter()
        beats["gap"] = max(beats["gap"], now - beats["last"])
        beats["last"] = now

    heart = QTimer()
    heart.setInterval(5)
    heart.timeout.connect(beat)
    total = 0.0
    worst = 0.0
    for name in args.names:
        loop = QEventLoop()
        outcome: dict[str, object] = {}

        def done(result: object, box: dict[str, object] = outcome, loop: QEventLoop = loop) -> None:
            box["result"] = result
            loop.quit()

        def failed(error: BaseException, box: dict[str, object] = outcome,
                   loop: QEventLoop = loop) -> None:
            box["error"] = error
            loop.quit()

        beats["last"], beats["gap"] = time.perf_counter(), 0.0
        heart.start()
        start = time.perf_counter()
        runner.run(run_job, database, name, {}, owner=owner, key=name,
                   on_finished=done, on_failed=failed)
        loop.exec()
        elapsed = time.perf_counter() - start
        heart.stop()
        total += elapsed
        worst = max(worst, beats["gap"])
        status = "ok" if "result" in outcome else f"failed: {outcome.get('error')}"
        print(f"{name:<10} {elapsed:7.2f} s   longest heartbeat gap {beats['gap'] * 1000:7.1f} ms"
              f"   {status}", flush=True)
    print(f"{'total':<10} {total:7.2f} s   worst gap {worst * 1000:.1f} ms (budget 50 ms)")
    runner.shutdown()
    database.close()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

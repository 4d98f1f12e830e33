"""bench/ui.py's first switch to each page (``--pages``): the child that switches to one page in
a fresh app and times the 5 ms heartbeat's gaps (with ``--profile``, what the GUI thread and
the others did while it was late), and the parent that runs one child per page and prints the
table. Run through bench/ui.py."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from ui_common import HEAVY, _launch, _run, _wait  # bench/ is the script's folder

UI_SCRIPT = Path(__file__).with_name("ui.py")  # the children run through it


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

    def busiest(self, cpu: list[float], count: int = 3) -> str:
        """The `count` stretches in which the GUI thread itself ran longest (its CPU time
        between two ticks, `cpu` per tick), sample by sample: the work to cut, whatever the
        machine's load did to the wall time."""
        busy = sorted(((b - a, i) for i, (a, b) in enumerate(zip(cpu, cpu[1:], strict=False))),
                      reverse=True)[:count]
        lines: list[str] = []
        for used, i in busy:
            samples = self.stretches.get(self._ticks[i], []) if i < len(self._ticks) else []
            wall = (self._ticks[i + 1] - self._ticks[i]) * 1000 if i + 1 < len(self._ticks) else 0
            lines.append(f"stretch with {used * 1000:.1f} ms of GUI CPU ({wall:.0f} ms wall, "
                         f"{len(samples)} samples):")
            lines += [f"  {late:6.1f} ms  GUI: {gui}" for late, gui, _others in samples]
        return "\n".join(lines) + "\n\n"

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
    # As the app does once its window is up (ui/window_lifecycle.after_start): the background process'
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
        # late after 7 ms: the whole of a long stretch is sampled, not only its end
        sampler = GapSampler(ticks, late_s=0.007) if profile and switch is not bare_switch else None
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
            Path(profile).write_text(sampler.busiest(cpu) + sampler.report(),
                                     encoding="utf-8")  # type: ignore[arg-type]
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
            result = _run([str(UI_SCRIPT), "--db", db, "--child-pages", name, *extra], timeout=600)
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

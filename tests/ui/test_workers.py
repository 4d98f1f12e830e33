"""The generic runner: results, failures, progress, cancel, replacing a keyed job, shutdown."""

from __future__ import annotations

import sys
import threading

import pytest

from crm_desktop.ui import errors
from crm_desktop.ui.workers import Runner


def test_finished_with_progress(qtbot):
    runner = Runner()
    seen = []

    def work(a, b, progress, cancelled):
        progress(0.5, "half")
        assert not cancelled()
        return a + b

    with qtbot.waitSignal(runner.jobsChanged, check_params_cb=lambda n: n == 0, timeout=5000):
        job = runner.run(work, 2, 3, on_progress=lambda f, m: seen.append((f, m)))
        with qtbot.waitSignal(job.finished, timeout=5000) as blocker:
            pass
    assert blocker.args == [5]
    assert seen == [(0.5, "half")]
    assert runner.jobs() == []


def test_failure_reaches_callback_and_the_log(qtbot, caplog):
    runner = Runner()
    failures = []

    def boom():
        raise ValueError("bad thing")

    job = runner.run(boom, on_failed=failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert isinstance(failures[0], ValueError) and job.error is failures[0]
    assert "bad thing" in caplog.text
    assert runner.shutdown()


def test_failure_without_handler_shows_error(qtbot):
    runner = Runner()
    runner.run(lambda: 1 / 0)
    qtbot.waitUntil(lambda: bool(errors.open_error_boxes()), timeout=5000)
    box = errors.open_error_boxes()[-1]
    assert "division by zero" in box.text()
    box.close()
    assert runner.shutdown()


def test_new_job_with_same_key_cancels_previous(qtbot):
    runner = Runner()
    owner = object()
    release = threading.Event()
    results = []

    def slow(value, cancelled):
        release.wait(5)
        return value

    first = runner.run(slow, "first", owner=owner, key="k", on_finished=results.append)
    second = runner.run(slow, "second", owner=owner, key="k", on_finished=results.append)
    assert first.is_cancelled() and not second.is_cancelled()
    release.set()
    qtbot.waitUntil(lambda: results == ["second"], timeout=5000)
    qtbot.waitUntil(lambda: not runner.jobs(), timeout=5000)
    assert results == ["second"]


def test_cancel_stops_a_job_through_progress_and_shutdown_waits(qtbot):
    runner = Runner()
    started = threading.Event()
    outcome = []

    def loop(progress):
        started.set()
        for i in range(1000):
            progress(i / 1000)
            threading.Event().wait(0.005)
        return "done"

    job = runner.run(loop, on_finished=outcome.append, on_cancelled=lambda: outcome.append("x"))
    started.wait(5)
    job.cancel()
    qtbot.waitUntil(lambda: outcome == ["x"], timeout=5000)
    assert runner.shutdown(timeout_ms=5000)
    assert runner.jobs() == []
    # After shutdown nothing new starts.
    late = runner.run(lambda: 1)
    assert late.is_cancelled()


def test_dropping_a_runner_while_its_job_runs_is_safe(qtbot):
    import gc

    from crm_desktop.ui.workers import _Reaper

    release = threading.Event()
    runner = Runner()
    runner.run(lambda: release.wait(5))
    del runner
    gc.collect()  # the thread must survive its runner (a QThread destroyed running aborts)
    release.set()
    qtbot.waitUntil(lambda: not _Reaper.live, timeout=5000)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="thread niceness is Linux's")
def test_a_job_runs_below_the_gui_threads_priority(qtbot):
    """With as many runnable workers as cores the GUI thread must still get the CPU first."""
    import os

    from crm_desktop.ui.workers import WORKER_NICENESS

    runner = Runner()
    gui = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    job = runner.run(lambda: os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
    with qtbot.waitSignal(job.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == [min(19, gui + WORKER_NICENESS)]
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == gui  # unchanged
    assert runner.shutdown()

"""Run plain functions off the GUI thread: one small generic runner.

    runner = Runner(parent_widget)
    job = runner.run(fn, arg1, arg2, owner=self, key="search",
                     on_finished=self._show, on_progress=bar.update)

`fn(*args, progress=..., cancelled=...)` is plain Python (no Qt): `progress(fraction, message)`
reports how far it got and raises `Cancelled` once the job was cancelled; `cancelled()` tells
whether to stop. Each keyword is passed only when `fn` accepts it, so ordinary query functions
work as they are. Results return over queued signals (`Signal(object)`), so callbacks run on the
GUI thread. Starting a job with the same `(owner, key)` cancels the previous one (its result is
dropped). Failures are logged with their traceback and reach `on_failed`, or `show_error` when
no handler was given. `shutdown()` cancels and waits, so no thread outlives its view.
"""

from __future__ import annotations

import inspect
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QWidget

from crm_desktop.analytics import Cancelled as AnalysisCancelled

log = logging.getLogger(__name__)

# Progress is forwarded at most this often (a tight loop must not flood the GUI thread).
_PROGRESS_INTERVAL = 0.05


class Cancelled(AnalysisCancelled):
    """Raised inside a job by `progress()` after the job was cancelled.

    A subclass of the analytics' own `Cancelled`, so a job stops the same way whichever of the
    two its function raises."""


class Job(QObject):
    """One run of a function. Signals arrive on the GUI thread, and never after `cancel()`."""

    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(float, str)
    cancelledSignal = Signal()  # noqa: N815 - Qt naming
    done = Signal()  # after finished, failed or cancelled

    def __init__(self, description: str, owner_id: int | None, key: Hashable | None) -> None:
        super().__init__()
        self.description = description
        self.owner_id = owner_id
        self.key = key
        self.result: Any = None
        self.error: BaseException | None = None
        self._cancel = threading.Event()
        self._ended = False

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    # Slots run on the GUI thread (queued from the worker thread).
    def _deliver(self, kind: str, payload: Any) -> None:
        if self._ended:
            return
        if kind == "progress":
            if not self.is_cancelled():
                self.progressed.emit(*payload)
            return
        self._ended = True
        if self.is_cancelled():
            self.cancelledSignal.emit()
        elif kind == "finished":
            self.result = payload
            self.finished.emit(payload)
        else:
            self.error = payload
            self.failed.emit(payload)
        self.done.emit()


class _Thread(QThread):
    message = Signal(str, object)

    def __init__(self, job: Job, fn: Callable[..., Any], args: tuple[Any, ...],
                 kwargs: dict[str, Any]) -> None:
        super().__init__()
        self.job = job
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._last_progress = 0.0

    def _progress(self, fraction: float, message: str = "") -> None:
        if self.job.is_cancelled():
            raise Cancelled()
        now = time.monotonic()
        if now - self._last_progress >= _PROGRESS_INTERVAL or fraction >= 1.0:
            self._last_progress = now
            self.message.emit("progress", (float(fraction), str(message)))

    def run(self) -> None:
        _yield_to_gui_thread()
        kwargs = dict(self._kwargs)
        accepted = _accepted_keywords(self._fn)
        if "progress" in accepted:
            kwargs["progress"] = self._progress
        if "cancelled" in accepted:
            kwargs["cancelled"] = self.job.is_cancelled
        try:
            result = self._fn(*self._args, **kwargs)
        except AnalysisCancelled:
            self.job.cancel()
            self.message.emit("cancelled", None)
        except BaseException as error:  # noqa: BLE001 - every failure must reach the GUI
            if not self.job.is_cancelled():
                log.error("job %r failed", self.job.description, exc_info=True)
            self.message.emit("failed", error)
        else:
            self.message.emit("finished", result)


# How much lower than the GUI thread a worker runs on Linux (a nice value): a page's first
# switch starts several reads at once, and with as many runnable threads as cores the GUI
# thread got a share of the CPU too small to repaint within 50 ms.
WORKER_NICENESS = 5


def _yield_to_gui_thread() -> None:
    """Lower this worker thread's scheduling priority below the GUI thread's. QThread's
    LowPriority does that on Windows and macOS; on Linux it has no effect for ordinary
    threads, so the thread (a task of its own there) is made nicer."""
    if not sys.platform.startswith("linux"):
        return
    try:
        own = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(),
                       min(19, max(own, os.getpriority(os.PRIO_PROCESS, 0)) + WORKER_NICENESS))
    except OSError:  # not allowed here: the worker runs as it is
        log.debug("worker priority unchanged", exc_info=True)


class _Reaper(QObject):
    """Keeps every started thread referenced until it has finished, whatever happens to its
    Runner: a QThread destroyed while running aborts the process."""

    live: set[_Thread] = set()

    def reap(self) -> None:
        thread = self.sender()
        if isinstance(thread, _Thread):
            _Reaper.live.discard(thread)
            thread.deleteLater()


_reaper: _Reaper | None = None


def _keep_alive(thread: _Thread) -> None:
    global _reaper
    if _reaper is None or not shiboken6.isValid(_reaper):
        _reaper = _Reaper()  # created on the GUI thread (runners are used from there)
    _Reaper.live.add(thread)
    thread.finished.connect(_reaper.reap)


def _accepted_keywords(fn: Callable[..., Any]) -> set[str]:
    try:
        parameters = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return set()
    names = {p.name for p in parameters if p.kind is not inspect.Parameter.POSITIONAL_ONLY}
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
        names |= {"progress", "cancelled"}
    return names


class Runner(QObject):
    """Starts jobs, each in its own QThread; tracks what runs for the status bar."""

    jobsChanged = Signal(int)  # noqa: N815 - number of jobs running

    def __init__(self, error_parent: QWidget | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._error_parent = error_parent
        self._threads: list[_Thread] = []
        self._closed = False

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        owner: object | None = None,
        key: Hashable | None = None,
        description: str = "",
        on_finished: Callable[[Any], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[float, str], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        **kwargs: Any,
    ) -> Job:
        """Start `fn(*args, **kwargs)` in a thread; the previous (owner, key) job is cancelled."""
        owner_id = id(owner) if owner is not None else None
        if key is not None:
            self.cancel(owner, key)
        job = Job(description or getattr(fn, "__name__", "job"), owner_id, key)
        if self._closed:
            log.debug("runner is shut down; %s not started", job.description)
            job.cancel()
            return job
        if isinstance(owner, QObject):
            owner.destroyed.connect(job.cancel)
        if on_finished is not None:
            job.finished.connect(_guarded(owner, on_finished))
        if on_progress is not None:
            job.progressed.connect(_guarded(owner, on_progress))
        if on_cancelled is not None:
            job.cancelledSignal.connect(_guarded(owner, lambda *_: on_cancelled()))
        if on_failed is not None:
            job.failed.connect(_guarded(owner, on_failed))
        else:
            job.failed.connect(self._show_failure)
        thread = _Thread(job, fn, args, kwargs)
        thread.message.connect(job._deliver)
        thread.finished.connect(self._thread_finished)
        _keep_alive(thread)
        self._threads.append(thread)
        thread.start(QThread.Priority.LowPriority)
        self.jobsChanged.emit(len(self._threads))
        return job

    def jobs(self) -> list[Job]:
        """Jobs whose thread is still running (cancelled ones included until they stop)."""
        return [t.job for t in self._threads if not t.isFinished()]

    def descriptions(self) -> list[str]:
        return [j.description for j in self.jobs() if not j.is_cancelled()]

    def cancel(self, owner: object | None = None, key: Hashable | None = None) -> None:
        """Cancel the jobs of `owner` (all of them, or the one with `key`)."""
        owner_id = id(owner) if owner is not None else None
        for thread in self._threads:
            job = thread.job
            if owner is not None and job.owner_id != owner_id:
                continue
            if key is not None and job.key != key:
                continue
            job.cancel()

    def wait(self, owner: object | None = None, timeout_ms: int = 10_000) -> bool:
        """Block until the jobs of `owner` (or all) have stopped; True when they all did."""
        owner_id = id(owner) if owner is not None else None
        deadline = time.monotonic() + timeout_ms / 1000
        ok = True
        for thread in list(self._threads):
            if owner is not None and thread.job.owner_id != owner_id:
                continue
            remaining = max(0, int((deadline - time.monotonic()) * 1000))
            if not thread.wait(remaining):
                log.warning("job %r still running after %d ms", thread.job.description,
                            timeout_ms)
                ok = False
        return ok

    def shutdown(self, owner: object | None = None, timeout_ms: int = 10_000) -> bool:
        """Cancel and wait; without an owner the runner also refuses new jobs afterwards."""
        self.cancel(owner)
        if owner is None:
            self._closed = True
        ok = self.wait(owner, timeout_ms)
        for thread in list(self._threads):
            if thread.isFinished():
                self._forget(thread)
        return ok

    def _thread_finished(self) -> None:
        thread = self.sender()
        if isinstance(thread, _Thread):
            self._forget(thread)

    def _forget(self, thread: _Thread) -> None:
        if thread in self._threads:
            self._threads.remove(thread)  # the reaper deletes it once it has finished
            if shiboken6.isValid(self):
                self.jobsChanged.emit(len(self._threads))

    def _show_failure(self, error: BaseException) -> None:
        from crm_desktop.ui.errors import show_error

        parent = self._error_parent if shiboken6.isValid(self._error_parent) else None
        show_error(parent, error)


def _guarded(owner: object | None, callback: Callable[..., Any]) -> Callable[..., Any]:
    """Call back only while the owner's C++ object exists (a closed page never gets results)."""
    if not isinstance(owner, QObject):
        return callback

    def call(*args: Any) -> Any:
        if shiboken6.isValid(owner):
            return callback(*args)
        return None

    return call

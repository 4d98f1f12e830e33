"""Run heavy plain functions in a long-lived spawned child process, from inside worker threads.

pandas and scikit-learn hold the GIL for long stretches: run in a thread of the app, a fit on
100,000 customers stalls the GUI thread for half a second at a time, and the memory it touched
stays with the app afterwards. In a child process the window stays responsive.

The child lives on between calls so that it keeps the analytics frames it loaded (a
:class:`~crm_desktop.storage.frame_cache.FrameCache`; any write to the database empties it), and
exits after a few idle minutes so its memory goes back. Calls run one at a time; progress
comes back over a queue; Cancel asks the function to stop at its next progress point and
terminates the child if it does not within a moment. What runs in the child is
:mod:`crm_desktop.analysis_child`, outside this package, so that the child imports no Qt.

Functions are passed by reference (``service.call(run_analysis, name, params)``): a top-level
function pickles as its module and name, and the child imports it from there. Lambdas, nested
functions and bound methods cannot cross and are refused by ``call`` at once.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import pickle
import queue as queue_module
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from crm_desktop.analysis_child import serve
from crm_desktop.analytics import Cancelled

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

log = logging.getLogger(__name__)

IDLE_SECONDS = 300.0  # an idle child exits after this long; the next call starts a new one
CANCEL_GRACE_SECONDS = 2.0  # how long a cancelled call may take to stop before it is killed
_POLL = 0.1


def prepare() -> None:
    """Get the app ready for background work (called in a worker once the window is up).

    Starts multiprocessing's helper process ahead of time: its first start forks while holding
    the GIL, a visible stall. And freezes the objects made so far out of the cyclic garbage
    collector: they live as long as the app, and with them in view a full collection set off by
    a worker (unpickling a large result imports pandas and allocates a lot) held the GIL for
    60 ms on a 100,000-customer database; frozen, the longest GUI gap was 20 ms.
    """
    import gc
    from multiprocessing import resource_tracker

    if hasattr(resource_tracker, "ensure_running"):  # POSIX only
        resource_tracker.ensure_running()
    queue = multiprocessing.get_context("spawn").Queue()
    queue.close()
    gc.freeze()


def run_in(service: ChildService | None, database: Database, function: Callable[..., Any],
           *args: Any, progress: Callable[[float, str], None] | None = None,
           cancelled: Callable[[], bool] | None = None) -> Any:
    """Worker: ``function(database, *args)`` in the background process when there is one (an
    in-memory database has none), else here: pandas work in a thread of the window's process
    holds its GIL for long stretches, which the GUI thread waits for."""
    if service is not None:
        return service.call(function, *args, progress=progress, cancelled=cancelled)
    return function(database, *args, progress=progress, cancelled=cancelled)


class ChildService:
    """One child process for one database file: `service.call(function, *args)` runs
    `function(database, *args, progress=, cancelled=, frames=)` there and returns its result
    (`function`: a top-level function of a module the child can import)."""

    def __init__(self, database_path: str, idle_seconds: float = IDLE_SECONDS, *,
                 passphrase: str | None = None) -> None:
        self.database_path = database_path
        # An encrypted database's passphrase goes to the child through the requests pipe (the
        # first message), never in its command line or environment, which other users of the
        # machine can read.
        self._passphrase = passphrase
        self.idle_seconds = idle_seconds
        self._lock = threading.Lock()
        self._context = multiprocessing.get_context("spawn")
        self._process: Any = None
        self._requests: Any = None
        self._replies: Any = None
        self._cancel: Any = None
        self._idle_timer: threading.Timer | None = None
        self._ids = itertools.count(1)
        self.starts = 0  # children started so far (tests and the bench read it)

    # ------------------------------------------------------------------------------ calling
    def call(self, function: Callable[..., Any], *args: Any,
             progress: Callable[[float, str], None] | None = None,
             cancelled: Callable[[], bool] | None = None) -> Any:
        """Run `function` in the child; blocks the calling (worker) thread until it is done.

        The function and its arguments are pickled here, so one that cannot cross to the
        child (a lambda, a nested function) raises in the caller instead of never answering.
        """
        request = pickle.dumps((function, args), pickle.HIGHEST_PROTOCOL)
        while not self._lock.acquire(timeout=_POLL):  # another call is running: wait our turn
            if cancelled is not None and cancelled():
                raise Cancelled()
        try:
            self._stop_idle_timer()
            self._ensure_running()
            call_id = next(self._ids)
            self._cancel.clear()
            self._requests.put((call_id, request))
            return self._await(call_id, progress, cancelled)
        finally:
            self._start_idle_timer()
            self._lock.release()

    def _await(self, call_id: int, progress: Callable[[float, str], None] | None,
               cancelled: Callable[[], bool] | None) -> Any:
        deadline: float | None = None  # set once cancellation was asked for
        while True:
            if deadline is None and cancelled is not None and cancelled():
                self._cancel.set()
                deadline = time.monotonic() + CANCEL_GRACE_SECONDS
            if deadline is not None and time.monotonic() > deadline:
                log.info("a cancelled background call did not stop; ending its process")
                self._terminate()
                raise Cancelled()
            try:
                reply_id, kind, *payload = self._replies.get(timeout=_POLL)
            except queue_module.Empty:
                if not self._process.is_alive():
                    code = self._process.exitcode
                    self._terminate()
                    if deadline is not None:
                        raise Cancelled() from None
                    raise RuntimeError(f"the background process stopped unexpectedly (exit "
                                       f"code {code})") from None
                continue
            if reply_id != call_id:
                continue  # left over from an earlier call
            if kind == "progress":
                if progress is not None and deadline is None:
                    progress(*payload)
            elif kind == "result":
                if deadline is not None:
                    raise Cancelled()
                return pickle.loads(payload[0])
            elif kind == "cancelled":
                raise Cancelled()
            else:
                raise payload[0]

    # ------------------------------------------------------------------------------ lifetime
    @property
    def running(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def _ensure_running(self) -> None:
        if self.running:
            return
        self._terminate()
        self._requests = self._context.Queue()
        self._replies = self._context.Queue()
        self._cancel = self._context.Event()
        self._process = self._context.Process(
            target=serve, args=(self._requests, self._replies, self._cancel,
                                 self.database_path),
            name="crm-desktop-analysis", daemon=True)
        self._process.start()
        self._requests.put(self._passphrase)
        self.starts += 1

    def close(self) -> None:
        """Stop the child (waits briefly for a running call to notice)."""
        self._stop_idle_timer()
        if self._cancel is not None:
            self._cancel.set()
        if not self._lock.acquire(timeout=CANCEL_GRACE_SECONDS + 1):
            self._terminate()
            return
        try:
            self._stop_child()
        finally:
            self._lock.release()

    def _stop_child(self) -> None:
        if self.running:
            try:
                self._requests.put(None)
                self._process.join(2)
            except (OSError, ValueError):
                pass
        self._terminate()

    def _terminate(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            if process.is_alive():
                process.terminate()
            process.join(2)
        for channel in (self._requests, self._replies):
            if channel is not None:
                channel.close()
                channel.cancel_join_thread()
        self._requests = self._replies = None

    def _idle_stop(self) -> None:
        if self._lock.acquire(blocking=False):  # a call in progress keeps the child
            try:
                self._stop_child()
            finally:
                self._lock.release()

    def _start_idle_timer(self) -> None:
        self._stop_idle_timer()
        if self.running:
            self._idle_timer = threading.Timer(self.idle_seconds, self._idle_stop)
            self._idle_timer.daemon = True
            self._idle_timer.start()

    def _stop_idle_timer(self) -> None:
        timer, self._idle_timer = self._idle_timer, None
        if timer is not None:
            timer.cancel()

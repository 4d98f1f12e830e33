"""Run heavy plain functions in a long-lived spawned child process, from inside worker threads.

pandas and scikit-learn hold the GIL for long stretches: run in a thread of the app, a fit on
100,000 customers stalls the GUI thread for half a second at a time, and the memory it touched
stays with the app afterwards. In a child process the window stays responsive.

The child lives on between calls so that it keeps the analytics frames it loaded (a
:class:`~crm_desktop.storage.frame_cache.FrameCache`; any write to the database empties it), and
exits after a few idle minutes so its memory goes back. Calls run one at a time; progress comes
back over a queue; Cancel asks the function to stop at its next progress point and terminates
the child if it does not within a moment.

Functions are passed by reference (``service.call(run_analysis, name, params)``): a top-level
function pickles as its module and name, and the child imports it from there. Lambdas, nested
functions and bound methods cannot cross and are refused by ``call`` at once.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import multiprocessing
import os
import pickle
import queue as queue_module
import sys
import threading
import time
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from crm_desktop.analytics import Cancelled

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database
    from crm_desktop.storage.frame_cache import FrameCache

log = logging.getLogger(__name__)

IDLE_SECONDS = 300.0  # an idle child exits after this long; the next call starts a new one
CANCEL_GRACE_SECONDS = 2.0  # how long a cancelled call may take to stop before it is killed
_POLL = 0.1
CHILD_NICENESS = 10  # scheduling priority of the child, below the app's (POSIX)
# After a call the child keeps its cached frames while it stays under this resident size: at a
# million customers the dashboard's and the churn model's columns keep it near 600 MB, and the
# GUI takes 200-300 MB more (bench/memory.py).
KEEP_BYTES = 640 * 1024 * 1024


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
            target=_serve, args=(self._requests, self._replies, self._cancel,
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


def _serve(requests: Any, replies: Any, cancel: Any, database_path: str) -> None:
    """The child: open the database once, then run calls until told to stop (None)."""
    from crm_desktop.parent_watch import end_with_parent

    end_with_parent()
    _map_large_blocks()
    warnings.simplefilter("ignore")
    # Background work yields the CPU to the window: on two cores a fit that keeps both busy
    # (numpy's threads) otherwise delays the GUI thread's timers and repaints.
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(CHILD_NICENESS)
    from crm_desktop.storage.database import open_database
    from crm_desktop.storage.frame_cache import FrameCache

    passphrase = requests.get()  # the first message: None for a plain database
    database = open_database(database_path, upgrade=False, verify=False,  # the app checks it
                             passphrase=passphrase)
    cache = FrameCache(database)
    try:
        while (request := requests.get()) is not None:
            call_id, payload = request
            _run_one(replies, cancel, database, cache, call_id, payload)
            give_back_memory(cache)
    finally:
        cache.close()
        database.close()


def give_back_memory(cache: FrameCache, budget: int = KEEP_BYTES) -> bool:
    """After a call (its reply sent): return the memory it freed to the system, and forget the
    cached frames when the process is still above `budget` bytes; True when it forgot them.

    A dashboard or a model fit at a million customers frees hundreds of MB of temporary
    frames, which glibc's allocator keeps for the process (its arenas shrink only from the
    top): `malloc_trim` hands the free pages back. The frames themselves are worth keeping
    for the next analysis only while the whole app stays laptop-sized.
    """
    import gc

    gc.collect()
    _trim()
    if resident_bytes() <= budget:
        return False
    cache.release()
    gc.collect()
    _trim()
    return True


def _map_large_blocks() -> None:
    """Allocate every block over 128 KB with its own mmap (glibc), returned to the system when
    freed. By default glibc raises that threshold after the first large free (up to 32 MB), and
    pandas' temporaries then fill its heap, where they fragment and stay: the churn fit at
    100,000 customers peaked at 531 MB, with this at 479 MB."""
    if sys.platform.startswith("linux"):
        import ctypes

        m_mmap_threshold = -3
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").mallopt(m_mmap_threshold, 128 * 1024)


def _trim() -> None:
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)


def resident_bytes() -> int:
    """This process' resident memory (Linux; 0 elsewhere, where the frames are kept)."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return 0


def _run_one(replies: Any, cancel: Any, database: Database, cache: FrameCache, call_id: int,
             payload: bytes) -> None:
    try:
        function, args = pickle.loads(payload)  # imports the function's module if need be
        result = function(
            database, *args,
            progress=lambda fraction, message="": replies.put(
                (call_id, "progress", float(fraction), str(message))),
            cancelled=cancel.is_set, frames=cache,
        )
        # Pickled here, not in the queue's feeder thread: a result that cannot be pickled
        # then becomes an error for the caller instead of a reply that never comes.
        replies.put((call_id, "result", pickle.dumps(result, pickle.HIGHEST_PROTOCOL)))
    except Cancelled:
        replies.put((call_id, "cancelled"))
    except BaseException as error:  # noqa: BLE001 - the parent shows every failure
        try:
            pickle.dumps(error)
        except Exception:
            error = RuntimeError(f"{type(error).__name__}: {error}")
        replies.put((call_id, "error", error))

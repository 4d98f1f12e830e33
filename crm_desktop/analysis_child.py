"""The background analysis process' own side: what runs in the child that
:class:`crm_desktop.ui.child_process.ChildService` starts (open the database, run the calls it
is sent, give memory back after each).

It lives outside ``crm_desktop.ui`` so that the child imports no Qt: a spawned child imports
the module of its target function, and importing anything of ``crm_desktop.ui`` imports
PySide6.QtCore (ui/__init__.py installs its fixes), 14 MB of resident memory and 0.3 s of the
child's start that none of its work uses. An import-linter contract keeps Qt out of here.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import warnings
from typing import TYPE_CHECKING, Any

from crm_desktop.analytics import Cancelled

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database
    from crm_desktop.storage.frame_cache import FrameCache

CHILD_NICENESS = 10  # scheduling priority of the child, below the app's (POSIX)
# After a call the child keeps its cached frames while it stays under this resident size: at a
# million customers the dashboard's and the churn model's columns keep it near 600 MB, and the
# GUI takes 200-300 MB more (bench/memory.py).
KEEP_BYTES = 640 * 1024 * 1024


def serve(requests: Any, replies: Any, cancel: Any, database_path: str) -> None:
    """The child: open the database once, then run calls until told to stop (None)."""
    from crm_desktop.parent_watch import end_with_parent

    end_with_parent()
    map_large_blocks()
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


def map_large_blocks() -> None:
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

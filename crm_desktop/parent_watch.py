"""A spawned child process that ends with its parent, however the parent ended (closed,
SIGTERM, kill -9, crash): multiprocessing gives a spawned child a handle on its parent that
becomes ready when the parent exits (a pipe at end-of-file on POSIX, the process handle on
Windows). The app's analysis process and the demo's helper process watch it; without this an
orphaned child kept its memory until an idle timeout, or for ever while blocked."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable


def end_with_parent(cleanup: Callable[[], None] | None = None) -> None:
    """Exit this process (after ``cleanup``) as soon as its parent is gone; nothing when it
    has no multiprocessing parent."""
    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return
    sentinel = parent.sentinel

    def watch() -> None:
        from multiprocessing.connection import wait

        wait([sentinel])
        if cleanup is not None:
            cleanup()
        os._exit(0)  # nothing of ours to flush; SQLite rolls back on its own

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()

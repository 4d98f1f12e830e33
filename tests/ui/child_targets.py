"""Functions the child-process tests run in the background process (passed by reference: the
child imports them from this module)."""

from __future__ import annotations

import os
import time
from typing import Any


def frame_loads(database: Any, progress: Any, cancelled: Any, frames: Any) -> tuple[int, int]:
    """(orders seen, frames loaded from the database so far by this child)."""
    orders = frames.get("orders")
    return len(orders), frames.loads


def until_cancelled(database: Any, progress: Any, cancelled: Any, frames: Any) -> str:
    from crm_desktop.analytics import Cancelled

    progress(0.1, "started")
    for _ in range(600):
        if cancelled():
            raise Cancelled()
        time.sleep(0.05)
    return "not cancelled"


def ignores_cancel(database: Any, progress: Any, cancelled: Any, frames: Any) -> str:
    progress(0.1, "started")
    time.sleep(60)
    return "too late"


def dies(database: Any, progress: Any, cancelled: Any, frames: Any) -> None:
    os._exit(3)


def unpicklable(database: Any, progress: Any, cancelled: Any, frames: Any) -> Any:
    return lambda: None


def fails(database: Any, progress: Any, cancelled: Any, frames: Any) -> None:
    raise ValueError("no data for this")


def echo(database: Any, value: Any, progress: Any, cancelled: Any, frames: Any) -> Any:
    return value


def child_pid(database: Any, progress: Any, cancelled: Any, frames: Any) -> int:
    return os.getpid()


def qt_imported(database: Any, progress: Any, cancelled: Any, frames: Any) -> bool:
    """Whether the child imported Qt (it has no use for it)."""
    import sys

    return any(name == "PySide6" or name.startswith("PySide6.") for name in sys.modules)

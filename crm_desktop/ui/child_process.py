"""Run a heavy plain function in a spawned child process, from inside a worker thread.

pandas and scikit-learn hold the GIL for long stretches: run in a thread of the app, a fit on
100,000 customers stalls the GUI thread for half a second at a time, and the memory it touched
stays with the app afterwards. In a child process the window stays responsive and the memory
goes back when the child exits. Progress comes back over a queue; cancelling terminates it.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import pickle
import queue as queue_module
import warnings
from collections.abc import Callable
from typing import Any

from crm_desktop.analytics import Cancelled

log = logging.getLogger(__name__)


def prepare() -> None:
    """Start multiprocessing's helper process ahead of time (the app calls this in a worker
    after start-up): its first start forks while holding the GIL, a visible stall."""
    from multiprocessing import resource_tracker

    if hasattr(resource_tracker, "ensure_running"):  # POSIX only
        resource_tracker.ensure_running()
    queue = multiprocessing.get_context("spawn").Queue()
    queue.close()


def call_in_child(target: str, database_path: str, *args: Any,
                  progress: Callable[[float, str], None] | None = None,
                  cancelled: Callable[[], bool] | None = None) -> Any:
    """`module:function(database, *args, progress=..., cancelled=...)` in a child process
    that opens its own connection to `database_path`; returns what the function returns."""
    context = multiprocessing.get_context("spawn")
    messages: Any = context.Queue()
    process = context.Process(target=_child_main, args=(messages, target, database_path, args),
                              daemon=True)
    process.start()
    try:
        while True:
            if cancelled is not None and cancelled():
                raise Cancelled()
            try:
                kind, *payload = messages.get(timeout=0.1)
            except queue_module.Empty:
                if not process.is_alive():
                    raise RuntimeError(
                        f"the background process stopped unexpectedly (exit code "
                        f"{process.exitcode})") from None
                continue
            if kind == "progress":
                if progress is not None:
                    progress(*payload)
            elif kind == "result":
                return payload[0]
            else:
                raise payload[0]
    finally:
        if process.is_alive():
            process.terminate()
        process.join(2)


def _child_main(messages: Any, target: str, database_path: str, args: tuple[Any, ...]) -> None:
    warnings.simplefilter("ignore")
    try:
        from crm_desktop.storage.database import open_database

        module_name, _, name = target.partition(":")
        function = getattr(importlib.import_module(module_name), name)
        database = open_database(database_path)
        try:
            result = function(
                database, *args,
                progress=lambda fraction, message="": messages.put(
                    ("progress", float(fraction), str(message))),
                cancelled=lambda: False,
            )
        finally:
            database.close()
        messages.put(("result", result))
    except BaseException as error:  # noqa: BLE001 - the parent shows every failure
        try:
            pickle.dumps(error)
        except Exception:
            error = RuntimeError(f"{type(error).__name__}: {error}")
        messages.put(("error", error))

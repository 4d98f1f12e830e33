"""Checking customer rows in a second process while this one matches and writes them.

The customer import's work per chunk of rows is in two parts: checking the cells and building
the batch's columns (`cells.BatchReader`, `customer_batch.CustomerBatch`: pure functions of the
chunk's text), then matching, placing and writing (`customer_match`, `customer_load`: in order,
against the database and the rows before). The first part is most of the Python and holds the
GIL, so threads cannot share it; a second process can. `CheckedChunks` starts one (spawn, as
the app's background process: safe beside Qt and on every platform) and hands it chunks of
rows; it gives back each chunk's `CustomerBatch`, problems and warnings, pickled (the batch is
columns: one list per field, not an object per row). Meanwhile this process checks chunks too
whenever the next one it needs is not back yet, so neither process waits while there is work:
`chunks()` yields every chunk exactly once and in file order, whoever checked it, and what it
yields is what checking it here gives (the checks are pure; the caches only save time), so the
import's report and database are the same as the serial path's (tests/storage/
test_import_parallel.py).

Failures: a helper that cannot start (or fails before it is ready) only leaves the work to this
process; a helper that fails or dies with chunks in hand (killed, out of memory) ends the
import with one `ImportError_` naming the file, and the caller's transaction rolls back. The
helper ends with the import (`close`), and on its own when this process dies (kill -9).
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from crm_desktop.storage.importing.cells import BatchReader
from crm_desktop.storage.importing.customer_batch import CustomerBatch
from crm_desktop.storage.importing.errors import ImportCancelled, ImportError_
from crm_desktop.storage.importing.validate import Checker, InvalidValue

log = logging.getLogger(__name__)

Rows = Sequence[tuple[int, list[str]]]
Checked = tuple[CustomerBatch, list[InvalidValue], list[InvalidValue]]
# Chunks handed to the helper and not back yet: one it checks, one waiting (so it never idles
# between two), and no more (what it holds, this process cannot check meanwhile).
DEPTH = 2
# Chunks checked here ahead of the one the import needs next (memory bound).
AHEAD = 4
# Files with fewer rows are checked here alone: starting the helper (a Python process that
# imports the checking modules, about 0.2-0.5 s) would cost more than it saves.
MIN_ROWS = 20_000
_POLL = 0.1  # seconds between looks at cancel and at the helper's health while waiting


def check_chunk(reader: BatchReader, rows: Rows) -> Checked:
    """One chunk checked and built: what both processes do with a chunk."""
    cells, problems, warnings = reader.read(rows)
    return CustomerBatch.build(cells), problems, warnings


def serve(requests: Any, replies: Any, region: str, headers: list[str],
          mapping: dict[str, str | None]) -> None:
    """The helper process: check the chunks `requests` brings ((index, rows); None ends),
    answering ("done", index, Checked) on `replies`; ("ready", -1, None) first, ("error",
    index, text) on a failure (then it ends)."""
    index = -1
    try:
        reader = BatchReader(Checker("customers", region), headers, mapping)
        replies.put(("ready", -1, None))
        parent = multiprocessing.parent_process()
        while True:
            try:
                item = requests.get(timeout=1.0)
            except queue.Empty:
                if parent is not None and not parent.is_alive():
                    return  # the import's process is gone (kill -9): nothing to answer
                continue
            if item is None:
                return
            index, rows = item
            replies.put(("done", index, check_chunk(reader, rows)))
    except BaseException:  # reported to the import, which ends with it
        replies.put(("error", index, traceback.format_exc(limit=8)))


# The helper's entry point (tests replace it with one that fails on purpose).
SERVE: Callable[..., None] = serve


class CheckedChunks:
    """`chunks()`: the checked chunks of `rows` in order, checked here and in a helper process.
    Use as a context manager (the helper is stopped on leaving, whatever happened)."""

    def __init__(self, rows: Sequence[tuple[int, list[str]]], chunk: int, reader: BatchReader,
                 region: str, headers: list[str], mapping: dict[str, str | None], file: str,
                 cancelled: Callable[[], bool] | None = None) -> None:
        self.rows = rows
        self.chunk = chunk
        self.reader = reader
        self.file = file
        self.cancelled = cancelled
        self.count = (len(rows) + chunk - 1) // chunk
        self._args = (region, headers, mapping)
        self._process: Any = None
        self._requests: Any = None
        self._replies: Any = None
        self.ready = False
        self.failed = False  # the helper failed before taking any chunk: work on alone
        self._sent: set[int] = set()
        self._results: dict[int, Checked] = {}
        self.by_helper = 0  # chunks the helper checked (the benchmark logs it)
        self.waited = 0.0  # seconds this process waited for the helper

    def __enter__(self) -> CheckedChunks:
        context = multiprocessing.get_context("spawn")
        try:
            self._requests, self._replies = context.Queue(), context.Queue()
            self._process = context.Process(
                target=SERVE, args=(self._requests, self._replies, *self._args),
                name="import-checker", daemon=True)
            self._process.start()
        except (OSError, RuntimeError) as error:  # no process to be had: check alone
            log.warning("checking the rows in this process only: %s", error)
            self.failed = True
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        try:
            if process.is_alive():
                self._requests.put(None)
                process.join(timeout=2.0)
            if process.is_alive():
                process.terminate()
                process.join(timeout=2.0)
        finally:
            for channel in (self._requests, self._replies):
                if channel is not None:
                    channel.cancel_join_thread()  # never wait to flush to a helper gone
                    channel.close()

    def chunks(self) -> Iterator[tuple[int, Checked]]:
        """(first row's position in `rows`, (batch, problems, warnings)) per chunk, in order."""
        results = self._results
        next_free = 0  # the first chunk nobody has taken
        for i in range(self.count):
            while i not in results:
                next_free = self._hand_out(next_free)
                self._collect(block=False)
                if i in results:
                    break
                if i not in self._sent:  # nobody took it: check it here, now
                    results[i] = self._check_here(i)
                    next_free = max(next_free, i + 1)
                elif next_free < self.count and len(results) < AHEAD:
                    results[next_free] = self._check_here(next_free)  # a later one meanwhile
                    next_free += 1
                else:
                    self._collect(block=True)
            yield i * self.chunk, results.pop(i)

    def _check_here(self, i: int) -> Checked:
        return check_chunk(self.reader, self.rows[i * self.chunk:(i + 1) * self.chunk])

    def _hand_out(self, next_free: int) -> int:
        """Give the helper chunks up to DEPTH in hand; returns the first chunk left."""
        if not self.ready or self.failed:
            return next_free
        while len(self._sent) - self.by_helper < DEPTH and next_free < self.count:
            start = next_free * self.chunk
            self._requests.put((next_free, list(self.rows[start:start + self.chunk])))
            self._sent.add(next_free)
            next_free += 1
        return next_free

    def _collect(self, block: bool) -> None:
        """Take what the helper has answered (with `block`: wait for one answer, looking at
        cancel and at the helper's health meanwhile)."""
        if self._process is None or self.failed:
            return
        started = time.perf_counter()
        while True:
            try:
                kind, index, payload = (self._replies.get(timeout=_POLL) if block
                                        else self._replies.get_nowait())
            except queue.Empty:
                if not block:
                    return
                if self.cancelled is not None and self.cancelled():
                    raise ImportCancelled() from None
                if not self._process.is_alive():
                    self._lost(f"stopped unexpectedly (exit code {self._process.exitcode})")
                    return
                continue
            if kind == "ready":
                self.ready = True
            elif kind == "done":
                self._results[index] = payload
                self.by_helper += 1
            else:
                self._lost(f"failed:\n{payload}")
                return
            if block:
                self.waited += time.perf_counter() - started
            block = False  # one answer was enough: take the others already there

    def _lost(self, what: str) -> None:
        """The helper is gone: alone from here if it held nothing, else the import fails."""
        if not self._sent:
            log.warning("the import's checking process %s; checking here only", what)
            self.failed = True
            return
        raise ImportError_(f"{self.file}: the process checking the rows {what}; "
                           "nothing was imported")

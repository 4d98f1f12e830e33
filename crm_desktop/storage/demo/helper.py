"""The demo's rows made in a second process while this one writes them (the second core).

Generating a chunk (numpy, and the per-row Python that turns columns into SQL parameters) and
inserting it (SQLite, in this process) took about the same time, one after the other. Now a
helper process runs the generator (`people`, `network`, `sales`, `service`) and this process
runs each multi-row INSERT as it arrives, so both cores work at once. The helper starts from
this process's state after the reference rows (the context, the writer's random generator and
next ids) and runs the same code with the same generators in the same order: the rows are the
ones the one-process run makes, byte for byte. Its writer sends each statement's values instead
of running it (`Writer.execute_rows`), a few dozen ahead at most (a bounded queue keeps the
memory of both processes small), then the chunk's end: its row counts and customer ids.

The helper is spawned (a fork of the app, with Qt's threads, is not safe), exits when this
process ends however it ended (kill -9 included), and is stopped when the run stops (done,
cancelled or failed). Below `PARALLEL_FROM` customers the one-process way is as quick.
"""

from __future__ import annotations

import marshal
import multiprocessing
import os
import queue
import threading
import traceback
from collections.abc import Generator
from typing import Any

import numpy as np

from crm_desktop.storage.demo.columns import Context, Writer
from crm_desktop.storage.errors import StorageError

PARALLEL_FROM = 20_000  # customers; below, starting a process costs more than it saves
AHEAD = 48  # statements the helper may have made that this process has not run yet
_POLL_SECONDS = 0.5


class HelperFailed(StorageError):
    """The helper process failed or vanished (its traceback, when it could send one)."""


class _SendingWriter(Writer):
    """The helper's writer: its "cursor" is the queue, statements go there to be run."""

    def execute_rows(self, head: str, width: int, rows: int, values: list[Any]) -> None:
        try:  # marshal: 4x quicker than pickle for lists of str, int, float and None
            packed: bytes | list[Any] = marshal.dumps(values)
        except ValueError:  # something else among them (a numpy scalar): pickled as it is
            packed = values
        self.cursor.put(("rows", head, width, rows, packed))


def chunks(ctx: Context, chunk_seeds: list[np.random.SeedSequence], customers: int,
           size: int, tables: tuple[str, ...]) -> Generator[tuple[int, int, int], None, None]:
    """Generate the chunks in a helper process and run their INSERTs on `ctx.writer` here;
    yields (first customer id, last customer id, customers) after each chunk's rows."""
    writer = ctx.writer
    for table in tables:  # every id the helper hands out continues from here
        writer.ids(table, 0)
    state = {key: value for key, value in vars(ctx).items() if key != "writer"}
    setup = (state, writer.rng.bit_generator.state, dict(writer._next), dict(writer.counts),
             writer._max_variables, chunk_seeds, customers, size)
    context = multiprocessing.get_context("spawn")
    out = context.Queue(maxsize=AHEAD)
    process = context.Process(target=_helper, args=(out, setup), name="demo-rows", daemon=True)
    process.start()
    try:
        while True:
            message = _get(out, process)
            kind = message[0]
            if kind == "rows":
                _, head, width, rows, packed = message
                values = marshal.loads(packed) if isinstance(packed, bytes) else packed
                writer.execute_rows(head, width, rows, values)
            elif kind == "chunk":
                writer.counts = message[1]
                yield message[2], message[3], message[4]
            elif kind == "done":
                return
            else:
                raise HelperFailed(f"demo data generation failed in its helper process:\n"
                                   f"{message[1]}")
    finally:
        if process.is_alive():
            process.terminate()
        process.join(5)
        out.close()
        out.cancel_join_thread()


def _get(out: Any, process: Any) -> Any:
    while True:
        try:
            return out.get(timeout=_POLL_SECONDS)
        except queue.Empty:
            if not process.is_alive():
                raise HelperFailed("the demo data helper process ended unexpectedly "
                                   f"(exit code {process.exitcode})") from None


def _helper(out: Any, setup: tuple[Any, ...]) -> None:
    """The helper process: rebuild the context and generate every chunk in order."""
    _end_with_parent()
    try:
        _generate(out, *setup)
    except BaseException:
        out.put(("failed", traceback.format_exc()))
    out.close()
    out.join_thread()  # everything sent before this process ends


def _generate(out: Any, state: dict[str, Any], rng_state: dict[str, Any],
              next_ids: dict[str, int], counts: dict[str, int], max_variables: int,
              chunk_seeds: list[np.random.SeedSequence], customers: int, size: int) -> None:
    from crm_desktop.storage.demo.network import add_relationships
    from crm_desktop.storage.demo.people import add_people
    from crm_desktop.storage.demo.sales import add_sales
    from crm_desktop.storage.demo.service import add_service

    rng = np.random.default_rng()
    rng.bit_generator.state = rng_state
    writer = _SendingWriter(out, rng, max_variables)
    writer._next, writer.counts = next_ids, counts
    ctx = Context.__new__(Context)
    vars(ctx).update(state)
    ctx.writer = writer
    done = 0
    for chunk_seed in chunk_seeds:
        n = min(size, customers - done)
        chunk_rng = np.random.default_rng(chunk_seed)
        people = add_people(ctx, chunk_rng, n)
        add_relationships(ctx, chunk_rng, people)
        orders, deals = add_sales(ctx, chunk_rng, people)
        add_service(ctx, chunk_rng, people, orders, deals)
        done += n
        out.put(("chunk", dict(writer.counts), int(people.ids[0]), int(people.ids[-1]), n))
    out.put(("done",))


def _end_with_parent() -> None:
    """Exit as soon as the process that runs the inserts is gone (closed, killed, crashed):
    a spawned child's handle on its parent becomes ready when the parent exits."""
    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return
    sentinel = parent.sentinel

    def watch() -> None:
        from multiprocessing.connection import wait

        wait([sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()

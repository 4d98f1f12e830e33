"""The demo's rows made in a second process while this one writes them (the second core).

Generating a chunk (numpy, and the per-row Python that turns columns into SQL parameters) and
inserting it (SQLite, in this process) took about the same time, one after the other. Now a
helper process runs the generator (`people`, `network`, `sales`, `service`) and this process
runs each multi-row INSERT as it arrives, so both cores work at once. The helper starts from
this process's state after the reference rows (the context, the writer's random generator and
next ids) and runs the same code with the same generators in the same order: the rows are the
ones the one-process run makes, byte for byte. Its writer gathers the statements' values into
batches (`_Batches`: marshalled into files in a temporary folder, a few ahead at most, their
names sent through a queue), then sends the chunk's end: its row counts and customer ids.

The helper is spawned (a fork of the app, with Qt's threads, is not safe), exits when this
process ends however it ended (kill -9 included), and is stopped when the run stops (done,
cancelled or failed). Below `PARALLEL_FROM` customers the one-process way is as quick, and
on a machine whose cores are all busy already the helper is not started (`worth_it`).
Measured on a quiet 2-core machine: 1,000,000 customers (3.2 million orders, the search index
included) in 251 s and 229 s of wall time; 100,000 in 21 s.
"""

from __future__ import annotations

import marshal
import multiprocessing
import os
import queue
import shutil
import tempfile
import traceback
from collections.abc import Generator
from typing import Any

import numpy as np

from crm_desktop.parent_watch import end_with_parent
from crm_desktop.storage.demo.columns import Context, Writer
from crm_desktop.storage.errors import StorageError

PARALLEL_FROM = 20_000  # customers; below, starting a process costs more than it saves
AHEAD = 4  # batches the helper may have made that this process has not run yet
BATCH_VALUES = 1_000_000  # values per batch (about 10 MB marshalled)
_POLL_SECONDS = 0.5


def worth_it(customers: int, parallel_from: int = PARALLEL_FROM) -> bool:
    """Whether to generate in a helper process: enough customers, and cores not all busy now
    (load average below their number). Measured at 100,000 customers on 2 cores: at a load of
    1.4-1.8 the helper made it 8-18% quicker; at 4-5 slower (it adds 10-20% CPU)."""
    cores = os.cpu_count() or 1
    if customers < parallel_from or cores < 2:
        return False
    if parallel_from == 0:  # asked for (tests, benchmarks)
        return True
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # Windows: no load average
        return True
    return load < cores


class HelperFailed(StorageError):
    """The helper process failed or vanished (its traceback, when it could send one)."""


class _SendingWriter(Writer):
    """The helper's writer: statements are gathered into batches written to files in
    `folder`, whose names go to the queue `out` (see `_Batches`)."""

    def __init__(self, out: Any, folder: str, rng: np.random.Generator,
                 max_variables: int) -> None:
        super().__init__(None, rng, max_variables)
        self.batches = _Batches(out, folder)

    def execute_rows(self, head: str, width: int, rows: int, values: list[Any]) -> None:
        self.batches.add((head, width, rows, values))


class _Batches:
    """Statements of the helper, `BATCH_VALUES` values at a time, marshalled (4x quicker than
    pickle for lists of str, int, float and None) into a file whose name goes to the queue.
    A pipe hands data over 64 KB at a time, each time waiting for the other process to run:
    on a busy machine that waiting cost more than the second core gave."""

    def __init__(self, out: Any, folder: str) -> None:
        self.out, self.folder = out, folder
        self.pending: list[tuple[str, int, int, list[Any]]] = []
        self.values = 0
        self.number = 0

    def add(self, statement: tuple[str, int, int, list[Any]]) -> None:
        self.pending.append(statement)
        self.values += len(statement[3])
        if self.values >= BATCH_VALUES:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        self.number += 1
        path = os.path.join(self.folder, f"batch-{self.number}")
        with open(path, "wb") as handle:
            handle.write(marshal.dumps(self.pending))
        self.out.put(("rows", path))
        self.pending, self.values = [], 0


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
    folder = tempfile.mkdtemp(prefix="crm-demo-rows-")
    out = context.Queue(maxsize=AHEAD)
    process = context.Process(target=_helper, args=(out, folder, setup), name="demo-rows",
                              daemon=True)
    process.start()
    try:
        while True:
            message = _get(out, process)
            kind = message[0]
            if kind == "rows":
                with open(message[1], "rb") as handle:  # marshal.load(file): per object
                    statements = marshal.loads(handle.read())
                os.unlink(message[1])
                for statement in statements:
                    writer.execute_rows(*statement)
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
        shutil.rmtree(folder, ignore_errors=True)


def _get(out: Any, process: Any) -> Any:
    while True:
        try:
            return out.get(timeout=_POLL_SECONDS)
        except queue.Empty:
            if not process.is_alive():
                raise HelperFailed("the demo data helper process ended unexpectedly "
                                   f"(exit code {process.exitcode})") from None


def _helper(out: Any, folder: str, setup: tuple[Any, ...]) -> None:
    """The helper process: rebuild the context and generate every chunk in order."""
    # exit with the process that runs the inserts (closed, killed, crashed), removing the
    # batches' folder
    end_with_parent(lambda: shutil.rmtree(folder, ignore_errors=True))
    try:
        _generate(out, folder, *setup)
    except BaseException:
        out.put(("failed", traceback.format_exc()))
    out.close()
    out.join_thread()  # everything sent before this process ends


def _generate(out: Any, folder: str, state: dict[str, Any], rng_state: dict[str, Any],
              next_ids: dict[str, int], counts: dict[str, int], max_variables: int,
              chunk_seeds: list[np.random.SeedSequence], customers: int, size: int) -> None:
    from crm_desktop.storage.demo.chunk import make_chunk

    rng = np.random.default_rng()
    rng.bit_generator.state = rng_state
    writer = _SendingWriter(out, folder, rng, max_variables)
    writer._next, writer.counts = next_ids, counts
    ctx = Context.__new__(Context)
    vars(ctx).update(state)
    ctx.writer = writer
    done = 0
    for chunk_seed in chunk_seeds:
        n = min(size, customers - done)
        people = make_chunk(ctx, chunk_seed, n)
        done += n
        writer.batches.flush()
        out.put(("chunk", dict(writer.counts), int(people.ids[0]), int(people.ids[-1]), n))
    out.put(("done",))

"""Demo rows generated in a helper process while this one inserts them (storage.demo.helper):
the very same rows as the one-process run, batch by batch, and the helper never outlives the
run (done, cancelled, or the writer killed)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from crm_desktop.storage.database import open_database
from crm_desktop.storage.demo import generate as demo
from crm_desktop.storage.demo.generate import TABLES, Cancelled, generate, generate_new
from tests.reliability.faults import environment, needs_sigkill

NOW = datetime(2025, 6, 1)
ROOT = Path(__file__).resolve().parents[2]


def _tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(path) as connection:
        tables = {table: connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
                  for table in TABLES}
        for table in ("customer_search", "customer_short"):
            tables[table] = connection.execute(
                f"SELECT rowid, * FROM {table} ORDER BY rowid").fetchall()
    connection.close()
    return tables


@pytest.fixture
def three_batches(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(demo, "CHUNK", 120)
    return 300  # customers: batches of 120, 120 and 60


def test_the_helper_makes_the_rows_one_process_makes(tmp_path, three_batches):
    here = generate_new(tmp_path / "here.db", three_batches, seed=9, now=NOW,
                        parallel_from=10**9)
    helped = generate_new(tmp_path / "helped.db", three_batches, seed=9, now=NOW,
                          parallel_from=0)
    assert helped == here
    assert _tables(tmp_path / "helped.db") == _tables(tmp_path / "here.db")
    assert multiprocessing.active_children() == []


def test_in_place_batches_with_the_helper_are_the_same_and_audited(tmp_path, three_batches):
    paths = []
    for name, parallel_from in (("here", 10**9), ("helped", 0)):
        path = tmp_path / f"{name}.db"
        database = open_database(path)
        try:
            generate(database, three_batches, seed=2, now=NOW, parallel_from=parallel_from)
        finally:
            database.close()
        paths.append(path)
    assert _tables(paths[1]) == _tables(paths[0])
    with sqlite3.connect(paths[1]) as connection:
        batches = connection.execute(
            "SELECT count(*) FROM audit_log WHERE entity = 'demo'").fetchone()[0]
    connection.close()
    assert batches == 3


def test_cancelling_stops_the_helper(tmp_path, three_batches):
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 1  # once the first batch is in

    database = open_database(tmp_path / "crm.db")
    try:
        with pytest.raises(Cancelled, match="120 customers were added"):
            generate(database, three_batches, seed=2, now=NOW, cancelled=cancelled,
                     parallel_from=0)
    finally:
        database.close()
    assert multiprocessing.active_children() == []


_WRITER = textwrap.dedent("""
    import sys
    from crm_desktop.storage.demo import generate as demo
    from crm_desktop.storage.demo import helper

    real = helper.chunks

    def announced(*args, **kwargs):
        for step, made in enumerate(real(*args, **kwargs)):
            import multiprocessing
            print("helper", multiprocessing.active_children()[0].pid, flush=True)
            yield made

    helper.chunks = announced
    demo.CHUNK = 100
    if __name__ == "__main__":
        demo.generate_new(sys.argv[1], 100_000, seed=1, parallel_from=0)
""")


@needs_sigkill
def test_the_helper_ends_when_the_writer_is_killed(tmp_path):
    script = tmp_path / "writer.py"
    script.write_text(_WRITER, encoding="utf-8")
    temporary = tmp_path / "tmp"  # where the helper's batches go
    temporary.mkdir()
    process = subprocess.Popen([sys.executable, str(script), str(tmp_path / "new.db")],
                               stdout=subprocess.PIPE, text=True, cwd=ROOT,
                               env={**environment(), "TMPDIR": str(temporary)})
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.startswith("helper "), line
    helper_pid = int(line.split()[1])
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    for _ in range(100):
        if not _running(helper_pid):
            break
        time.sleep(0.1)
    else:
        os.kill(helper_pid, signal.SIGKILL)
        pytest.fail("the helper outlived the process it wrote for")
    assert not (tmp_path / "new.db").exists()  # nothing but the temporary file was written
    assert list(temporary.iterdir()) == []  # the helper took its batches with it


def _running(pid: int) -> bool:
    """Whether `pid` is a live process (an exited one not yet reaped is not)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    state = next((line for line in status.splitlines() if line.startswith("State:")), "")
    return "Z" not in state.split()[1:2]

"""What the fault tests share: how many seeds, killing a process at a random moment of its
write, and a snapshot of a database's committed content to compare with.

The normal suite runs a few seeds per test (`DEFAULT_SEEDS`); `CRM_FAULT_TRIALS=50` (or its
older name `CRM_RELIABILITY_SEEDS`) runs 50 of each, e.g.
`CRM_FAULT_TRIALS=50 ./dev test tests/reliability -q`.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

DRIVER = Path(__file__).with_name("driver.py")
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SEEDS = 3
# Columns whose values differ between two runs of the same write (times, random keys).
VOLATILE = {"uuid", "created_at", "updated_at", "at", "computed_at", "old_value", "new_value"}
# The audit hook writes the entries of one flush in no fixed order: their ids differ too; the
# seals of the hash chain cover the times, so they differ with them (the chain itself is
# checked by `integrity`, which runs `check`'s audit verification).
VOLATILE_IN = {"audit_log": {"id", "hash", "prev_hash"}, "audit_chain": {"last_id", "last_hash"}}

needs_sigkill = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def seeds(default: int = DEFAULT_SEEDS) -> list[int]:
    """The seeds to run: `CRM_FAULT_TRIALS` (or `CRM_RELIABILITY_SEEDS`) of them, or `default`."""
    trials = os.environ.get("CRM_FAULT_TRIALS") or os.environ.get("CRM_RELIABILITY_SEEDS")
    return list(range(int(trials or default)))


def environment() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    env.pop("CRM_RELIABILITY_SEEDS", None)
    env.pop("CRM_FAULT_TRIALS", None)
    return env


def run_driver(*args: str | Path, timeout: float = 300) -> float:
    """Run a write to the end; returns how long the write itself took."""
    result = subprocess.run([sys.executable, str(DRIVER), *map(str, args)], capture_output=True,
                            text=True, timeout=timeout, env=environment(), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    done = [line for line in result.stdout.splitlines() if line.startswith("done ")]
    return float(done[-1].split()[1])


def kill_during(delay: float, *args: str | Path, timeout: float = 300) -> bool:
    """Start a write, kill -9 its process `delay` seconds into the write itself; True when it
    was killed (False: it had finished first)."""
    process = subprocess.Popen([sys.executable, str(DRIVER), *map(str, args)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=environment(), cwd=ROOT)
    assert process.stdout is not None
    line = process.stdout.readline()
    if line.strip() != "ready":
        process.kill()
        _, err = process.communicate(timeout=timeout)
        raise AssertionError(f"the driver did not start: {line!r} {err}")
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=timeout)
    return process.returncode == -signal.SIGKILL


def random_delay(seed: int, duration: float) -> float:
    """A moment of a write that takes `duration`: anywhere in it, a little past its end too
    (the commit and closing)."""
    return random.Random(seed).uniform(0, duration * 1.15)


def snapshot(path: Path, tables: tuple[str, ...] | None = None) -> dict[str, Any]:
    """The committed content of a database: every row of every table (or of `tables`), without
    the columns that differ between two runs of the same write; deletion times become flags."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = tables or tuple(row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'customer_search%' "
            "AND name NOT LIKE 'customer_short%' ORDER BY name"))
        state: dict[str, Any] = {}
        for name in names:
            cursor = connection.execute(f'SELECT * FROM "{name}"')
            columns = [d[0] for d in cursor.description]
            rows = []
            for row in cursor:
                values = dict(zip(columns, row, strict=True))
                skip = VOLATILE | VOLATILE_IN.get(name, set())
                kept = tuple((k, v is not None if k == "deleted_at" else v)
                             for k, v in values.items() if k not in skip)
                rows.append(kept)
            state[name] = sorted(rows, key=repr)
        # Customers search can find: indexed, or waiting for the index after an import's
        # commit (storage.search.backlog; a kill may land between the two, nothing is lost).
        state["search rows"] = connection.execute(
            "SELECT count(*) FROM customer_search").fetchone()[0] + _waiting(connection)
    finally:
        connection.close()
    return state


def _waiting(connection: sqlite3.Connection) -> int:
    if not connection.execute("SELECT 1 FROM sqlite_master WHERE name = "
                              "'customer_search_backlog'").fetchone():
        return 0
    from crm_desktop.storage.search import backlog

    return backlog.waiting(connection)


def integrity(path: Path) -> list[str]:
    """`PRAGMA integrity_check`, `foreign_key_check` and audit hash chain problems (empty:
    whole; a file SQLite cannot read as a database at all is one problem)."""
    connection = sqlite3.connect(path)
    connection.text_factory = lambda data: data.decode("utf-8", "replace")
    try:
        problems = [r[0] for r in connection.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [repr(r) for r in connection.execute("PRAGMA foreign_key_check")]
        if not problems and connection.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'audit_chain'").fetchone():
            from crm_desktop.storage import audit_chain

            problems += audit_chain.verify(connection.cursor())  # no entry lost or half-sealed
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:  # the message may quote garbage
        problems = [str(error)]
    finally:
        connection.close()
    return problems


def corrupt(path: Path, offset: int, length: int = 4096, seed: int = 0) -> None:
    """Flip bytes of the file: `length` bytes from `offset` get random other values."""
    rng = random.Random(seed)
    with open(path, "r+b") as handle:
        handle.seek(offset)
        original = handle.read(length)
        handle.seek(offset)
        handle.write(bytes(b ^ rng.randint(1, 255) for b in original))

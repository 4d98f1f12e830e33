"""Killing the importing process in the middle leaves the database exactly as it was."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crm_desktop.storage.importing import run_import

TABLES = ("customers", "contact_points", "audit_log", "customer_search", "customer_short")


def _snapshot(path: Path) -> dict[str, object]:
    connection = sqlite3.connect(path)
    try:
        state: dict[str, object] = {
            t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES
        }
        state["integrity"] = connection.execute("PRAGMA integrity_check").fetchone()[0]
        state["triggers"] = connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").fetchone()[0]
        state["max_id"] = connection.execute("SELECT max(id) FROM customers").fetchone()[0]
    finally:
        connection.close()
    return state


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_9_during_import_changes_nothing(db, db_path, tmp_path):
    small = tmp_path / "small.csv"
    small.write_text("Name,Email\nAda,ada@example.com\nAlan,alan@example.org\n", "utf-8")
    run_import(db, small)
    db.close()
    before = _snapshot(db_path)
    big = tmp_path / "big.csv"
    with open(big, "w", encoding="utf-8") as handle:
        handle.write("Name,Email,Phone,City,Notes\n")
        for i in range(40_000):
            handle.write(f"Customer {i},c{i}@example.com,+1 415 {200 + i % 700} {i % 10000:04d},"
                         f"City {i % 50},note {i}\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "crm_desktop", "import", str(big), "--db", str(db_path),
         "--progress"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    killed_at = None
    deadline = time.monotonic() + 120
    assert process.stderr is not None
    for line in process.stderr:
        parts = line.split(maxsplit=2)
        if parts[:1] == ["progress"] and float(parts[1]) >= 0.6 and "importing" in line:
            os.kill(process.pid, signal.SIGKILL)
            killed_at = float(parts[1])
            break
        assert time.monotonic() < deadline, "the import never got half-way"
    process.wait(timeout=30)
    assert killed_at is not None, "the import finished before it could be killed"
    assert process.returncode == -signal.SIGKILL
    assert Path(f"{db_path}-wal").exists()  # the uncommitted pages were in the log
    after = _snapshot(db_path)
    assert after == before and after["integrity"] == "ok"

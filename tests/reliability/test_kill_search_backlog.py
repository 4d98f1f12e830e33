"""kill -9 between an import's commit and the end of its search indexing (storage.search.backlog):
nothing committed is lost, search finds every imported customer before and after the backlog
is finished, `check --full` passes (reporting the waiting customers) and `check --repair`
finishes the index."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crm_desktop.cli import main as cli
from crm_desktop.storage import direct
from tests.reliability.faults import environment, integrity, needs_sigkill

pytestmark = [pytest.mark.reliability, needs_sigkill]
ROWS = 30_000  # two chunks of the backlog's indexing (search.backlog.CHUNK)
SAMPLE = range(7, ROWS, 1999)


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("backlog") / "customers.csv"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("Name,Email,Phone,City,Notes\n")
        for i in range(ROWS):
            handle.write(f"Kunde {i} Zeile,k{i}@example.com,+1 415 {200 + i % 700} "
                         f"{i % 10000:04d},City {i % 50},note {i}\n")
    return path


def _findable(path: Path) -> list[int]:
    """The sampled rows that `search` (by name, and by e-mail address) does not find."""
    connection = direct.open_current(path)
    assert connection is not None
    try:
        missing = []
        for i in SAMPLE:
            names = [hit.name for hit in direct.search(connection, f"Kunde {i} Zeile")]
            emails = [hit.name for hit in direct.search(connection, f"k{i}@example.com")]
            if f"Kunde {i} Zeile" not in names or emails != [f"Kunde {i} Zeile"]:
                missing.append(i)
        return missing
    finally:
        connection.close()


def _counts(path: Path) -> tuple[int, int, int]:
    connection = sqlite3.connect(path)
    try:
        return tuple(connection.execute(sql).fetchone()[0] for sql in (  # type: ignore[return-value]
            "SELECT count(*) FROM customers", "SELECT count(*) FROM customer_search_docsize",
            "SELECT count(*) FROM customer_search_backlog"))
    finally:
        connection.close()


@pytest.mark.parametrize("indexing_line", [1, 2])
def test_kill_between_commit_and_search_index(db_path, source, capsys, indexing_line):
    """Killed at the first "indexing for search" progress line (just after the commit) or
    the second (one chunk indexed, the next being written)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "crm_desktop", "import", str(source), "--db", str(db_path),
         "--progress"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env=environment())
    assert process.stderr is not None
    seen = 0
    deadline = time.monotonic() + 240
    for line in process.stderr:
        if line.startswith("progress") and "indexing for search" in line:
            seen += 1
            if seen == indexing_line:
                os.kill(process.pid, signal.SIGKILL)
                break
        assert time.monotonic() < deadline, "the import never reached its search indexing"
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, "the import finished before the kill"
    assert integrity(db_path) == []
    customers, indexed, ranges = _counts(db_path)
    assert customers == ROWS  # the import was committed whole
    assert indexed < customers and ranges == 1  # and its index is not finished
    assert _findable(db_path) == []  # found anyway (LIKE over the waiting customers)
    capsys.readouterr()
    assert cli(["check", "--db", str(db_path), "--full"]) == 0
    out = capsys.readouterr().out
    assert f"note: {customers - indexed:,} customers waiting for the search index" in out
    assert cli(["check", "--db", str(db_path), "--repair"]) == 0
    assert _counts(db_path) == (ROWS, ROWS, 0)
    assert _findable(db_path) == []
    assert cli(["check", "--db", str(db_path), "--full"]) == 0
    assert "waiting" not in capsys.readouterr().out

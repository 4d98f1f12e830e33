"""kill -9 at random moments while a new database is being created (finding 2): afterwards the
path holds nothing, or a database that opens and passes `check`. Before the fix some tables
were made one by one outside a transaction, and every later open said "is a SQLite database but
not a crm-desktop one"."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crm_desktop.storage.database import open_database
from crm_desktop.storage.maintenance import check
from tests.reliability.faults import ROOT, environment, kill_during, needs_sigkill, seeds

pytestmark = [pytest.mark.reliability, needs_sigkill]


def _appeared(path: Path) -> bool:
    """The database file, or the temporary file it is built in, exists."""
    return path.exists() or any(p.name.startswith(f".{path.name}.") for p in
                                path.parent.iterdir())


def _nothing_or_whole(path: Path) -> None:
    if path.exists():
        database = open_database(path)
        try:
            report = check(database)
        finally:
            database.close()
        assert report.ok, report
    else:  # nothing there: creating it now works, and cleans what the killed process left
        open_database(path).close()
    leftovers = [p.name for p in path.parent.iterdir() if ".creating-" in p.name]
    assert leftovers == []


def _demo_command(path: Path) -> list[str]:
    return [sys.executable, "-m", "crm_desktop", "demo", "--db", str(path), "--customers", "2000"]


@pytest.fixture(scope="module")
def demo_duration(tmp_path_factory: pytest.TempPathFactory) -> float:
    """How long `demo` into a new file runs once its file appears (measured on this machine)."""
    path = tmp_path_factory.mktemp("calibrate") / "new.db"
    process = subprocess.Popen(_demo_command(path), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=environment(), cwd=ROOT)
    while not _appeared(path) and process.poll() is None:
        time.sleep(0.001)
    started = time.perf_counter()
    assert process.wait(timeout=300) == 0
    return time.perf_counter() - started


@pytest.mark.parametrize("seed", seeds(4))
def test_kill_during_demo_into_a_new_file(tmp_path, demo_duration, seed):
    """`crm-desktop demo --db NEW --customers 2000`, killed once the file appeared: half the
    seeds within the first 0.6 s (creating the schema), the others anywhere in the run."""
    rng = random.Random(seed)
    window = min(demo_duration, 0.6) if seed % 2 == 0 else demo_duration
    delay = rng.uniform(0, window)
    path = tmp_path / "new.db"
    process = subprocess.Popen(_demo_command(path), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=environment(), cwd=ROOT)
    while not _appeared(path) and process.poll() is None:
        time.sleep(0.0005)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    _nothing_or_whole(path)


@pytest.fixture(scope="module")
def create_duration(tmp_path_factory: pytest.TempPathFactory) -> float:
    from tests.reliability.faults import run_driver

    return run_driver("create", tmp_path_factory.mktemp("calibrate") / "new.db")


@pytest.mark.parametrize("seed", seeds(3))
def test_kill_while_opening_a_new_database(tmp_path, create_duration, seed):
    path = tmp_path / "new.db"
    kill_during(random.Random(seed).uniform(0, create_duration * 1.2), "create", path)
    _nothing_or_whole(path)


@pytest.fixture(scope="module")
def first_start_duration(tmp_path_factory: pytest.TempPathFactory) -> float:
    from tests.reliability.faults import run_driver

    folder = tmp_path_factory.mktemp("calibrate")
    return run_driver("gui", folder / "new.db", folder / "settings.ini")


@pytest.mark.parametrize("seed", seeds(3))
def test_kill_during_the_apps_first_start(tmp_path, first_start_duration, seed):
    """The app's first start (`launch` on a database that does not exist yet)."""
    path = tmp_path / "new.db"
    delay = random.Random(seed).uniform(0, first_start_duration * 1.2)
    kill_during(delay, "gui", path, tmp_path / "settings.ini")
    _nothing_or_whole(path)
    assert os.listdir(tmp_path)  # something ran

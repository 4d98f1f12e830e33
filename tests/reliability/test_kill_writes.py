"""kill -9 at random moments of an import, a merge, a restore and a backup: the database always
passes `integrity_check` and holds exactly the committed transactions (all of the write, or
none of it); no good backup is lost, and what a killed backup left behind is cleaned up by the
next one."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from crm_desktop.storage.backup import backup, default_folder, inspect_backup
from crm_desktop.storage.database import open_database
from crm_desktop.storage.maintenance import check
from tests.conftest import demo_database_file
from tests.reliability.faults import (
    integrity,
    kill_during,
    needs_sigkill,
    random_delay,
    run_driver,
    seeds,
    snapshot,
)

pytestmark = [pytest.mark.reliability, needs_sigkill]


@pytest.fixture(scope="module")
def start(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Path:
    """A small demo database every trial starts from (a copy of it)."""
    return demo_database_file(tmp_path_factory, template_db, "kill-writes", 300, seed=5)


def _copy(source: Path, folder: Path, name: str = "crm.db") -> Path:
    target = folder / name
    shutil.copyfile(source, target)
    return target


def _all_or_nothing(path: Path, before: dict, after: dict) -> None:
    assert integrity(path) == []
    state = snapshot(path)
    assert state in (before, after), (
        "neither before nor after the write; differing tables: "
        f"{sorted(t for t in state if state[t] != before.get(t))} from before, "
        f"{sorted(t for t in state if state[t] != after.get(t))} from after")


def _temporary_files(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if ".partial-" in p.name or ".creating-" in p.name]


# Import ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def import_case(tmp_path_factory, start):
    folder = tmp_path_factory.mktemp("import-case")
    source = folder / "customers.csv"
    with open(source, "w", encoding="utf-8") as handle:
        handle.write("Name,Email,Phone,City,Notes\n")
        for i in range(8000):
            handle.write(f"Kunde {i},k{i}@example.com,+1 415 {200 + i % 700} {i % 10000:04d},"
                         f"City {i % 50},note {i}\n")
    done = _copy(start, folder, "done.db")
    duration = run_driver("import", done, source)
    return source, snapshot(start), snapshot(done), duration


@pytest.mark.parametrize("seed", seeds())
def test_kill_during_import(tmp_path, start, import_case, seed):
    source, before, after, duration = import_case
    path = _copy(start, tmp_path)
    kill_during(random_delay(seed, duration), "import", path, source)
    _all_or_nothing(path, before, after)


# Merge -------------------------------------------------------------------------------------------
def _busiest_customers(path: Path) -> tuple[int, int]:
    """The two customers with the most orders (a merge that moves many rows)."""
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(
            "SELECT customer_id FROM orders GROUP BY customer_id ORDER BY count(*) DESC, "
            "customer_id LIMIT 2").fetchall()
    finally:
        connection.close()
    return rows[0][0], rows[1][0]


@pytest.fixture(scope="module")
def merge_case(tmp_path_factory, start):
    folder = tmp_path_factory.mktemp("merge-case")
    survivor, loser = _busiest_customers(start)
    done = _copy(start, folder, "done.db")
    duration = run_driver("merge", done, survivor, loser)
    return (survivor, loser), snapshot(start), snapshot(done), duration


@pytest.mark.parametrize("seed", seeds())
def test_kill_during_merge(tmp_path, start, merge_case, seed):
    (survivor, loser), before, after, duration = merge_case
    path = _copy(start, tmp_path)
    kill_during(random_delay(seed, duration), "merge", path, survivor, loser)
    _all_or_nothing(path, before, after)


# Restore -----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def restore_case(tmp_path_factory, start):
    """A backup of the demo database, and a database with more since: restoring goes back."""
    folder = tmp_path_factory.mktemp("restore-case")
    saved = _copy(start, folder, "saved.db")
    changed = _copy(start, folder, "changed.db")
    source = folder / "more.csv"
    source.write_text("Name,Email\n" + "".join(f"Neu {i},n{i}@example.de\n" for i in range(500)),
                      encoding="utf-8")
    run_driver("import", changed, source)
    done_folder = folder / "done"
    done_folder.mkdir()
    done = _copy(changed, done_folder)
    duration = run_driver("restore", done, saved)
    return saved, changed, snapshot(changed), snapshot(done), duration


@pytest.mark.parametrize("seed", seeds())
def test_kill_during_restore(tmp_path, restore_case, seed):
    saved, changed, before, after, duration = restore_case
    path = _copy(changed, tmp_path)
    kept = backup(path)  # a good backup that must survive
    kill_during(random_delay(seed, duration), "restore", path, saved)
    _all_or_nothing(path, before, after)
    assert inspect_backup(kept).customers > 0 and inspect_backup(saved).customers > 0
    backup(path)  # the next backup cleans what the killed one left
    assert _temporary_files(default_folder(path)) == []


# Backup ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def backup_duration(tmp_path_factory, start):
    folder = tmp_path_factory.mktemp("backup-case")
    path = _copy(start, folder)
    return run_driver("backup", path, folder / "out.db")


@pytest.mark.parametrize("seed", seeds())
def test_kill_during_backup(tmp_path, start, backup_duration, seed):
    path = _copy(start, tmp_path)
    before = snapshot(path)
    good = [backup(path), backup(path)]
    target = default_folder(path) / "crm-backup-killed.db"
    kill_during(random_delay(seed, backup_duration), "backup", path, target)
    assert integrity(path) == [] and snapshot(path) == before
    for made in good:
        assert inspect_backup(made).customers == 300
    if target.exists():  # only ever a whole, checked copy under the backup's name
        assert inspect_backup(target).customers == 300
    backup(path)
    assert _temporary_files(default_folder(path)) == []


# Demo data into a database that exists ---------------------------------------------------------
DEMO_CUSTOMERS, DEMO_BATCH = 600, 100


@pytest.fixture(scope="module")
def demo_duration(tmp_path_factory, template_db):
    folder = tmp_path_factory.mktemp("demo-case")
    path = _copy(template_db, folder)
    return run_driver("demo", path, DEMO_CUSTOMERS, DEMO_BATCH)


@pytest.mark.parametrize("seed", seeds(3))
def test_kill_during_demo_data_in_batches(tmp_path, template_db, demo_duration, seed):
    """Demo data committed in batches: killed at any moment, the database holds whole batches
    only, each searchable (its index rows and the triggers committed with it) and audited."""
    path = _copy(template_db, tmp_path)
    with sqlite3.connect(path) as connection:  # the search and report-totals triggers
        fresh_triggers = connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").fetchone()[0]
    kill_during(random_delay(seed, demo_duration), "demo", path, DEMO_CUSTOMERS, DEMO_BATCH)
    assert integrity(path) == []
    with sqlite3.connect(path) as connection:
        customers, indexed, triggers, entries = connection.execute(
            "SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM customer_search),"
            " (SELECT count(*) FROM sqlite_master WHERE type = 'trigger'),"
            " (SELECT count(*) FROM audit_log WHERE entity = 'demo')").fetchone()
    assert customers % DEMO_BATCH == 0 and indexed == customers
    assert triggers == fresh_triggers > 6
    assert entries == customers // DEMO_BATCH
    database = open_database(path)
    try:
        assert check(database).ok
        assert check(database, full=True).ok  # the kept row counts equal the tables'
    finally:
        database.close()

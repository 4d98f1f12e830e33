"""Our own writes keep a trusted file trusted (storage.check_stamps: taken/refresh/settle): a
write through a service, then a quick command, reads no more than the stamp; a write by anyone
else (a plain sqlite3 connection) still makes the next quick command read the whole file; and a
kill -9 between the commit and the stamp's refresh leaves the file untrusted, never trusted
with content nobody checked."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from crm_desktop.cli import main
from crm_desktop.services.customers import CustomerForm, save_customer
from crm_desktop.storage import check_stamps
from crm_desktop.storage.database import open_database
from tests.conftest import demo_database_file
from tests.reliability.faults import environment, needs_sigkill

AN_HOUR_AGO = time.time() - 3600
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Path:
    return demo_database_file(tmp_path_factory, template_db, "keeping", 200, seed=7)


@pytest.fixture
def trusted(tmp_path, demo, stamps, full_checks, capsys) -> Path:
    """A copy of the demo database, last written an hour ago and stamped by a quick command
    (owner-only, as the app makes its files: opening it does not change its mode)."""
    path = tmp_path / "crm.db"
    shutil.copyfile(demo, path)
    path.chmod(0o600)
    os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    assert main(["stats", "--db", str(path)]) == 0
    assert check_stamps.is_trusted(path) and full_checks == [path]
    full_checks.clear()
    capsys.readouterr()
    return path


def _add_customer(path: Path, name: str) -> None:
    database = open_database(path)
    try:
        save_customer(database, None, CustomerForm({"name": name}, emails=[f"{name}@example.com"]))
    finally:
        database.close()


def _names(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        names = {row[0] for row in connection.execute("SELECT name FROM customers")}
    connection.close()
    return names


@pytest.mark.parametrize("command", [["stats"], ["search", "Zed"], ["check"]])
def test_after_a_service_write_a_quick_command_reads_no_more(capsys, trusted, full_checks,
                                                            command):
    _add_customer(trusted, "Zed")  # opening verifies: one full check of the trusted file
    assert full_checks == [trusted]
    assert check_stamps.is_trusted(trusted)
    for _ in range(2):
        assert main([*command, "--db", str(trusted)]) == 0
    assert full_checks == [trusted]  # the quick commands trusted the refreshed stamp
    if command[0] == "search":
        assert "Zed" in capsys.readouterr().out


def test_a_write_while_the_app_keeps_the_file_open_keeps_it_trusted(capsys, trusted,
                                                                     full_checks):
    """The app's engine stays open (its -wal too): each commit refreshes the stamp."""
    database = open_database(trusted)
    try:
        for name in ("Ann", "Bob"):
            save_customer(database, None, CustomerForm({"name": name}))
            assert Path(f"{trusted}-wal").stat().st_size > 0
            assert check_stamps.is_trusted(trusted)
            assert main(["search", name, "--db", str(trusted)]) == 0
            assert name in capsys.readouterr().out
    finally:
        database.close()
    assert full_checks == [trusted]  # the open's own check only
    assert check_stamps.is_trusted(trusted)  # closing folded the -wal in and stamped that


def test_a_foreign_write_is_checked_again(capsys, trusted, full_checks):
    _add_customer(trusted, "Zed")
    full_checks.clear()
    with sqlite3.connect(trusted) as connection:  # not ours: no stamp refresh
        connection.execute("UPDATE products SET name = 'Foreign' WHERE id = 1")
    connection.close()
    assert not check_stamps.is_trusted(trusted)
    assert main(["search", "Zed", "--db", str(trusted)]) == 0
    assert full_checks == [trusted]


def test_a_foreign_write_while_we_write_is_not_covered(trusted, full_checks):
    """Another connection commits between our connection's checkout and its write: the
    refresh sees SQLite's data_version move and leaves the file untrusted."""
    database = open_database(trusted)
    try:
        with database.session() as session:
            from sqlalchemy import text

            from crm_desktop.storage.customers import create_customer

            session.execute(text("SELECT 1"))  # the connection is taken (state noted) now
            with sqlite3.connect(trusted) as foreign:
                foreign.execute("UPDATE products SET name = name || ' (foreign)' WHERE id = 1")
            foreign.close()
            create_customer(session, {"name": "Ours"}, [], [], "US")
        assert not check_stamps.is_trusted(trusted)
    finally:
        database.close()
    assert not check_stamps.is_trusted(trusted)


def test_a_file_nobody_checked_stays_untrusted_after_our_write(trusted, full_checks):
    check_stamps.forget(trusted)
    database = open_database(trusted, verify=False)  # the caller vouches, nobody checked
    try:
        save_customer(database, None, CustomerForm({"name": "Nobody checked"}))
    finally:
        database.close()
    assert full_checks == []
    assert not check_stamps.is_trusted(trusted)


def test_a_write_to_a_never_checked_file_does_not_stamp_it(tmp_path, demo, stamps):
    path = tmp_path / "crm.db"
    shutil.copyfile(demo, path)  # written just now: "racy", the check does not stamp it
    _add_customer(path, "Racy")
    assert not check_stamps.is_trusted(path)


_KILLED_WRITE = textwrap.dedent("""
    import os, signal, sys
    from crm_desktop.services.customers import CustomerForm, save_customer
    from crm_desktop.storage import check_stamps
    from crm_desktop.storage.database import open_database

    path, where = sys.argv[1], sys.argv[2]
    real = getattr(check_stamps, where)

    def killed(*args, **kwargs):
        # refresh: right after the commit, when the connection comes back having written;
        # _write: under the write lock, the new state read, the stamp not yet written.
        if where == "_write" or args[0].total_changes != args[2].changes:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)

    database = open_database(path)  # (a first open may write: the app's user as a setting)
    setattr(check_stamps, where, killed)
    save_customer(database, None, CustomerForm({"name": "Killed after commit"}))
    print("not killed")
""")


@needs_sigkill
@pytest.mark.parametrize("where", ["refresh", "_write"])
def test_kill_between_commit_and_refresh_leaves_the_file_untrusted(capsys, trusted, full_checks,
                                                                   where):
    done = subprocess.run([sys.executable, "-c", _KILLED_WRITE, str(trusted), where],
                          capture_output=True, text=True, env=environment(), cwd=ROOT,
                          timeout=120, check=False)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert "Killed after commit" in _names(trusted)  # committed...
    assert not check_stamps.is_trusted(trusted)  # ...but not vouched for
    assert main(["search", "Killed", "--db", str(trusted)]) == 0
    assert full_checks == [trusted]  # so the next quick command reads the file
    assert "Killed after commit" in capsys.readouterr().out


def test_the_app_start_check_and_check_full_still_read_everything(capsys, trusted,
                                                                  full_checks):
    from crm_desktop.storage.database import Database

    _add_customer(trusted, "Zed")
    full_checks.clear()
    Database(None, trusted).verify()  # what the app runs in the background at start
    assert full_checks == [trusted]
    assert main(["check", "--full", "--db", str(trusted)]) == 0


def test_a_new_demo_file_is_trusted_as_made(capsys, tmp_path, stamps, full_checks):
    from crm_desktop.storage.demo.generate import generate_new

    path = tmp_path / "demo.db"
    generate_new(path, 60, seed=3)
    assert check_stamps.is_trusted(path)
    assert main(["search", "a", "--db", str(path)]) == 0
    assert full_checks == []


def test_a_restored_backup_is_trusted(capsys, trusted, tmp_path, full_checks):
    from crm_desktop.storage.backup import backup, restore

    copy = backup(trusted, tmp_path / "saved.crmbak")
    _add_customer(trusted, "Later")
    full_checks.clear()
    restore(trusted, copy)
    assert check_stamps.is_trusted(trusted)
    checks = len(full_checks)  # the backups' own checks (the copy made before restoring...)
    assert main(["search", "Later", "--db", str(trusted)]) == 0
    assert "Later" not in capsys.readouterr().out
    assert len(full_checks) == checks  # ...but the restored file is not read again

"""Every failure a user can cause is one line naming the file and the reason (finding 6 and the
"clear errors" list): an empty file, another program's database, one from a newer version, a
lock held by another program (and a wait long enough for a large import), a read-only file or
folder (which now open read-only); never SQLAlchemy's two lines with a documentation link."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from crm_desktop.cli import main
from crm_desktop.services.customers import CustomerForm, save_customer
from crm_desktop.storage import sqlite_functions
from crm_desktop.storage.database import open_database
from crm_desktop.storage.errors import (
    DatabaseError,
    DatabaseLocked,
    NewerDatabase,
    ReadOnlyDatabase,
)
from tests.reliability.faults import ROOT, environment

pytestmark = pytest.mark.reliability


def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _one_line(err: str, *words: str) -> None:
    assert err.count("\n") == 1 and err.startswith("crm-desktop: error: "), err
    assert "sqlalche.me" not in err and "Traceback" not in err
    for word in words:
        assert word in err, err


def test_an_empty_file_is_not_a_database(capsys, tmp_path):
    """Before, a 0-byte file was silently made into a new database."""
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(DatabaseError, match="empty file, not a database"):
        open_database(empty)
    code, _, err = _cli(capsys, "import", str(tmp_path / "x.csv"), "--db", str(empty))
    assert code == 1
    _one_line(err, str(empty), "empty file")
    code, _, err = _cli(capsys, "demo", "--db", str(empty), "--customers", "5")
    assert code == 1 and empty.stat().st_size == 0


def test_another_programs_database(capsys, tmp_path):
    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.execute("INSERT INTO notes VALUES ('mine')")
    connection.commit()
    connection.close()
    code, _, err = _cli(capsys, "stats", "--db", str(other))
    assert code == 1
    _one_line(err, str(other), "not a crm-desktop one")


def test_a_database_from_a_newer_version(capsys, db_path):
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    connection.commit()
    connection.close()
    with pytest.raises(NewerDatabase):
        open_database(db_path)
    code, _, err = _cli(capsys, "stats", "--db", str(db_path))
    assert code == 1
    _one_line(err, str(db_path), "newer version", "0099_from_the_future")


@pytest.fixture
def write_lock(db_path: Path) -> Iterator[sqlite3.Connection]:
    """Another program in the middle of a write transaction on the database."""
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO settings (key, value, id, uuid, created_at, updated_at) "
                  "SELECT 'other', '1', 999, 'u', '2024-01-01', '2024-01-01'")
    yield other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()


def test_a_lock_held_too_long_says_another_program_is_writing(db, db_path, write_lock,
                                                               monkeypatch):
    monkeypatch.setattr(sqlite_functions, "LOCK_WAIT_SECONDS", 1)
    db.engine.dispose()  # new connections with the short wait
    with pytest.raises(DatabaseLocked) as caught:
        save_customer(db, None, CustomerForm({"name": "Waiting"}))
    message = str(caught.value)
    assert "\n" not in message and str(db_path) in message
    assert "another program is writing" in message
    write_lock.execute("ROLLBACK")
    assert save_customer(db, None, CustomerForm({"name": "Later"})).value.id > 0


def test_an_import_waits_for_another_programs_long_write(db, db_path, tmp_path, write_lock):
    """The other program writes for 7 s (more than the 5 s an import used to wait before it
    failed with the raw "database is locked"); the import waits and lands whole."""
    db.close()
    source = tmp_path / "in.csv"
    source.write_text("Name,Email\n" + "".join(f"W{i},w{i}@example.com\n" for i in range(300)),
                      encoding="utf-8")
    threading.Timer(7.0, lambda: write_lock.execute("COMMIT")).start()
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "crm_desktop", "import", str(source),
                             "--db", str(db_path), "--json"], capture_output=True, text=True,
                            env=environment(), cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["imported"] == 300 and time.monotonic() - started > 6


# Read-only files and folders. Root may write anything: as root the commands run without the
# capabilities that let it ignore file permissions (setpriv), as anyone else they just run.
CANNOT_OVERRIDE_PERMISSIONS = ["setpriv", "--bounding-set=-dac_override,-dac_read_search",
                               "--inh-caps=-dac_override,-dac_read_search"]


@pytest.fixture
def shared_folder(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: root ignores file permissions")
    yield tmp_path
    for path in (tmp_path, *tmp_path.rglob("*")):  # writable again, so it can be removed
        path.chmod(0o755 if path.is_dir() else 0o644)


def _make_read_only(path: Path) -> None:
    path.chmod(0o555 if path.is_dir() else 0o444)


def _as_a_user_who_cannot_write(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = environment()
    env["HOME"] = str(home)
    prefix = CANNOT_OVERRIDE_PERMISSIONS if os.geteuid() == 0 else []
    return subprocess.run([*prefix, sys.executable, *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)


def _prepare(template_db: Path, folder: Path, read_only_folder: bool) -> tuple[Path, Path]:
    home = folder / "home"
    home.mkdir()
    data = folder / "data"
    data.mkdir()
    path = data / "crm.db"
    shutil.copyfile(template_db, path)
    database = open_database(path)
    save_customer(database, None, CustomerForm({"name": "Nur Lesen"}))
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    (data / "in.csv").write_text("Name\nNew One\n", encoding="utf-8")
    _make_read_only(path)
    if read_only_folder:
        _make_read_only(data)
    return path, home


@pytest.mark.parametrize("read_only_folder", [False, True], ids=["file", "folder"])
def test_a_read_only_database_can_be_read_and_refuses_writes(template_db, shared_folder,
                                                             read_only_folder):
    """Before: a read-only file failed at the first write with "attempt to write a readonly
    database", and one in a read-only folder could not even be read."""
    path, home = _prepare(template_db, shared_folder, read_only_folder)
    stats = _as_a_user_who_cannot_write(["-m", "crm_desktop", "stats", "--db", str(path),
                                         "--json"], home)
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["customers"] == 1
    found = _as_a_user_who_cannot_write(["-m", "crm_desktop", "search", "Lesen", "--db",
                                         str(path)], home)
    assert found.returncode == 0 and "Nur Lesen" in found.stdout, found.stderr
    imported = _as_a_user_who_cannot_write(["-m", "crm_desktop", "import",
                                            str(path.parent / "in.csv"), "--db", str(path)], home)
    assert imported.returncode == 1
    _one_line(imported.stderr, str(path), "read-only")


GUI_SCRIPT = r"""
import json, sys
from PySide6.QtCore import QSettings
from crm_desktop.app import launch
from crm_desktop.services.customers import CustomerForm, save_customer
from crm_desktop.storage.errors import ReadOnlyDatabase
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
window = launch(sys.argv[1], settings=settings, offer_demo=False)
from crm_desktop.ui import read_only_banner
bar = read_only_banner.banner(window)
label = bar.findChild(__import__("PySide6.QtWidgets").QtWidgets.QLabel, "readOnlyMessage")
try:
    save_customer(window.context.database, None, CustomerForm({"name": "x"}))
    refused = None
except ReadOnlyDatabase as error:
    refused = str(error)
print(json.dumps({"banner": bar.isVisible(), "text": label.text(), "refused": refused}))
window.close()
"""


def test_the_app_opens_a_read_only_database_with_a_banner(template_db, shared_folder):
    path, home = _prepare(template_db, shared_folder, read_only_folder=False)
    result = _as_a_user_who_cannot_write(["-c", GUI_SCRIPT, str(path),
                                          str(home / "settings.ini")], home)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.splitlines()[-1])
    assert shown["banner"] and "Read-only" in shown["text"]
    assert shown["refused"] is not None and "read-only" in shown["refused"]
    assert "\n" not in shown["refused"]


def test_writes_to_a_read_only_database_are_refused_before_sqlite(db, db_path):
    """The gate refuses the write (a damaged database opened anyway) with a clear message."""
    db.refuse_writes("it is damaged")
    with pytest.raises(ReadOnlyDatabase, match="open read-only"):
        save_customer(db, None, CustomerForm({"name": "No"}))
    # and SQLite itself would refuse it too
    with db.engine.connect() as connection, pytest.raises(ReadOnlyDatabase):
        connection.exec_driver_sql("DELETE FROM customers")

"""Backup (online API, rotation) and restore (checks, safety copy, upgrade)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from crm_desktop.storage.backup import (
    auto_backup,
    backup,
    backups,
    default_folder,
    inspect_backup,
    restore,
    rotate,
)
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.database import SCHEMA_HEAD, open_database
from crm_desktop.storage.errors import DatabaseError

OLD_SCHEMA = Path(__file__).parent / "data" / "schema_0001.db"


def _names(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [r[0] for r in connection.execute("SELECT name FROM customers ORDER BY id")]
    finally:
        connection.close()


def test_backup_while_the_database_is_open_and_written(db, db_path, tmp_path):
    with db.session() as s:
        create_customer(s, {"name": "Ada"})
    with db.session() as s:  # an open write transaction elsewhere does not block the backup
        create_customer(s, {"name": "Uncommitted"})
        s.flush()
        made = backup(db_path, tmp_path / "copy.db")
    assert _names(made) == ["Ada"]
    info = inspect_backup(made)
    assert info.schema_version == SCHEMA_HEAD and info.customers == 1
    assert not Path(f"{made}-wal").exists()


def test_auto_backup_rotates(db, db_path, tmp_path):
    folder = tmp_path / "backups"
    made = [auto_backup(db_path, keep=3, folder=folder) for _ in range(5)]
    assert all(made) and backups(folder) == sorted(made)[-3:]
    assert auto_backup(tmp_path / "missing.db", keep=3) is None
    assert rotate(folder, keep=1) == sorted(made)[-3:-1]
    assert default_folder(db_path) == db_path.parent / "backups"


def test_restore_keeps_a_safety_copy(db, db_path, tmp_path):
    with db.session() as s:
        create_customer(s, {"name": "Before"})
    saved = backup(db_path, tmp_path / "saved.db")
    with db.session() as s:
        create_customer(s, {"name": "After"})
    db.close()
    safety = restore(db_path, saved)
    assert _names(db_path) == ["Before"]
    assert safety is not None and _names(safety) == ["Before", "After"]
    reopened = open_database(db_path)
    assert reopened.schema_version() == SCHEMA_HEAD
    reopened.close()


def test_restore_upgrades_an_older_schema(db_path, tmp_path):
    old = tmp_path / "old.db"
    shutil.copyfile(OLD_SCHEMA, old)
    assert inspect_backup(old).schema_version == "0001_initial"
    restore(db_path, old)
    connection = sqlite3.connect(db_path)
    version = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    connection.close()
    assert version == SCHEMA_HEAD


@pytest.mark.parametrize("kind", ["text", "foreign", "future", "empty"])
def test_restore_refuses_what_is_not_ours(db, db_path, tmp_path, kind):
    with db.session() as s:
        create_customer(s, {"name": "Keep me"})
    db.close()
    bad = tmp_path / "bad.db"
    if kind == "text":
        bad.write_text("hello")
    elif kind == "empty":
        bad.write_bytes(b"")
    else:
        connection = sqlite3.connect(bad)
        if kind == "foreign":
            connection.execute("CREATE TABLE notes (body TEXT)")
        else:
            shutil.copyfile(db_path, bad)
            connection.close()
            connection = sqlite3.connect(bad)
            connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
        connection.commit()
        connection.close()
    with pytest.raises(DatabaseError):
        restore(db_path, bad)
    assert _names(db_path) == ["Keep me"]
    assert not default_folder(db_path).exists()

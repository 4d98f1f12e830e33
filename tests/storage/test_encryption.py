"""Encryption at rest (storage/encryption.py): no customer name in the bytes of the database,
its WAL or its backups; plain sqlite3 cannot read it; wrong/missing passphrases say so in one
line; change of passphrase, encrypt and decrypt keep every row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from crm_desktop.storage import backup, encryption
from crm_desktop.storage.database import create_sqlite_engine, open_database
from crm_desktop.storage.demo.generate import generate
from crm_desktop.storage.errors import DatabaseError
from crm_desktop.storage.export.files import PlaintextRefused, export

PASSPHRASE = "correct horse 'battery' staple"
CUSTOMERS = 40


def _names(database) -> list[str]:
    with database.engine.connect() as connection:
        return [row[0] for row in connection.exec_driver_sql("SELECT name FROM customers")]


def _dump(database) -> dict[str, list[tuple]]:
    """Every row of every table (FTS shadow tables included), in rowid order."""
    with database.engine.connect() as connection:
        tables = [row[0] for row in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
            "'CREATE VIRTUAL TABLE%' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {table: connection.exec_driver_sql(f'SELECT * FROM "{table}"').all()
                for table in tables}


def _assert_not_in_bytes(path: Path, names: list[str]) -> None:
    data = path.read_bytes()
    assert data, path
    leaked = [name for name in names if name.encode("utf-8") in data]
    assert leaked == [], f"{path.name} holds {leaked[:3]}"


@pytest.fixture
def encrypted(tmp_path):
    path = tmp_path / "secret.db"
    database = open_database(path, passphrase=PASSPHRASE)
    generate(database, CUSTOMERS, seed=5)
    yield path, database
    database.close()


def test_no_customer_name_in_the_file_or_its_wal(encrypted):
    path, database = encrypted
    names = _names(database)
    assert len(names) == CUSTOMERS
    wal = Path(f"{path}-wal")
    assert wal.stat().st_size > 0  # the open database has its recent pages in the WAL
    _assert_not_in_bytes(wal, names)
    _assert_not_in_bytes(path, names)
    assert encryption.is_encrypted(path)


def test_a_plain_database_does_show_names(db, db_path):
    """The check above can fail: the same data unencrypted has the names in its bytes."""
    generate(db, 5, seed=5)
    names = _names(db)
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert any(name.encode() in db_path.read_bytes() for name in names)


def test_plain_sqlite3_cannot_read_it(encrypted):
    path, database = encrypted
    database.close()
    connection = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        connection.execute("SELECT count(*) FROM customers").fetchone()
    connection.close()


def test_wrong_or_missing_passphrase_is_one_clear_line(encrypted):
    path, database = encrypted
    database.close()
    with pytest.raises(encryption.WrongPassphrase) as wrong:
        open_database(path, passphrase="not it")
    assert str(wrong.value) == f"{path}: wrong passphrase (or the file is not a crm-desktop " \
                               "database)"
    with pytest.raises(encryption.PassphraseNeeded, match="is encrypted: a passphrase is needed"):
        open_database(path)
    reopened = open_database(path, passphrase=PASSPHRASE)
    assert len(_names(reopened)) == CUSTOMERS
    reopened.close()


def test_a_plain_database_given_a_passphrase_is_refused(db, db_path):
    db.close()
    with pytest.raises(DatabaseError, match="is not encrypted"):
        open_database(db_path, passphrase="x")


def test_a_stray_file_is_not_taken_for_an_encrypted_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("just some text\n")
    assert not encryption.is_encrypted(path)
    with pytest.raises(DatabaseError, match="not a SQLite database"):
        open_database(path)


def test_change_passphrase_keeps_every_row(encrypted):
    path, database = encrypted
    before = _dump(database)
    database.close()
    encryption.change_passphrase(path, PASSPHRASE, "new one")
    with pytest.raises(encryption.WrongPassphrase):
        open_database(path, passphrase=PASSPHRASE)
    with pytest.raises(encryption.WrongPassphrase):
        encryption.change_passphrase(path, PASSPHRASE, "third")
    reopened = open_database(path, passphrase="new one")
    assert _dump(reopened) == before
    reopened.close()


def test_decrypt_then_encrypt_round_trip_keeps_every_row(encrypted):
    from crm_desktop.storage.search.customers import find_customers

    path, database = encrypted
    before = _dump(database)
    name = _names(database)[0]
    database.close()

    encryption.decrypt(path, PASSPHRASE)
    assert not encryption.is_encrypted(path)
    plain = sqlite3.connect(path)
    assert plain.execute("SELECT count(*) FROM customers").fetchone()[0] == CUSTOMERS
    assert plain.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    plain.close()
    with pytest.raises(DatabaseError, match="not encrypted"):
        encryption.decrypt(path, PASSPHRASE)

    encryption.encrypt(path, "again")
    with pytest.raises(DatabaseError, match="already encrypted"):
        encryption.encrypt(path, "again")
    _assert_not_in_bytes(path, [name])
    reopened = open_database(path, passphrase="again")
    assert _dump(reopened) == before
    assert name in [hit.name for hit in find_customers(reopened, name)]  # search index copied
    with reopened.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    reopened.close()


def test_backup_is_encrypted_with_the_same_passphrase_and_restores(encrypted, tmp_path):
    path, database = encrypted
    names = _names(database)
    made = backup.backup(path, tmp_path / "copy.db", passphrase=PASSPHRASE)
    _assert_not_in_bytes(made, names)
    info = backup.inspect_backup(made, PASSPHRASE)
    assert info.customers == CUSTOMERS
    with pytest.raises(DatabaseError):
        backup.inspect_backup(made, "wrong")
    with pytest.raises(DatabaseError, match="is encrypted"):
        backup.inspect_backup(made)

    with database.session() as session:
        from sqlalchemy import text

        session.execute(text("DELETE FROM interactions"))
    database.close()
    safety = backup.restore(path, made, passphrase=PASSPHRASE)
    assert safety is not None and encryption.is_encrypted(safety)
    _assert_not_in_bytes(safety, names)
    restored = open_database(path, passphrase=PASSPHRASE)
    assert sorted(_names(restored)) == sorted(names)
    restored.close()


def test_a_plain_backup_is_not_restored_into_an_encrypted_database(encrypted, db, db_path):
    path, database = encrypted
    database.close()
    db.close()
    with pytest.raises(DatabaseError, match="is not encrypted"):
        backup.restore(path, db_path, passphrase=PASSPHRASE)


def test_export_of_an_encrypted_database_needs_confirmation(encrypted, tmp_path):
    _path, database = encrypted
    out = tmp_path / "customers.csv"
    with pytest.raises(PlaintextRefused, match="encrypted"):
        export(database, "customers", "csv", out)
    assert not out.exists()
    assert export(database, "customers", "csv", out, allow_plaintext=True) == CUSTOMERS


def test_migrations_upgrade_an_encrypted_database(tmp_path):
    from crm_desktop.storage.database import SCHEMA_HEAD
    from crm_desktop.storage.migrate import upgrade

    path = tmp_path / "old.db"
    engine = create_sqlite_engine(path, PASSPHRASE)
    upgrade(engine, "0001_initial")
    engine.dispose()
    assert encryption.is_encrypted(path)
    database = open_database(path, passphrase=PASSPHRASE)
    assert database.schema_version() == SCHEMA_HEAD
    database.close()


def count_customers(database, progress=None, cancelled=None, frames=None) -> int:
    """Run in the background process (a top-level function it can import)."""
    with database.engine.connect() as connection:
        return int(connection.exec_driver_sql("SELECT count(*) FROM customers").scalar())


def test_the_background_process_opens_an_encrypted_database(encrypted):
    from crm_desktop.ui.child_process import ChildService

    path, database = encrypted
    service = ChildService(str(path), passphrase=PASSPHRASE)
    try:
        assert service.call(count_customers) == CUSTOMERS
    finally:
        service.close()

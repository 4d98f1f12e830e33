"""Creating and opening database files: what `open_database` does before a `Database` is used.

`open_database` refuses what is not a database of ours (a folder, an empty file, another
program's database, one from a newer version), verifies the file (`Database.verify`), and
upgrades it through Alembic; `create_new` builds a new database in a temporary file and moves it
into place when whole (`storage.leftovers`), so a crash leaves either nothing or a working
database; `is_current` tells, without importing SQLAlchemy, whether a file can be opened later
as it is (the app's fast start).

`storage.database` re-exports these; the engine comes from its `create_sqlite_engine`, looked up
when called (one factory; tests replace it there).
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from crm_desktop.storage.errors import (
    DatabaseError,
    NewerDatabase,
    ReadOnlyDatabase,
    StorageError,
)
from crm_desktop.storage.paths import default_database_path
from crm_desktop.storage.sqlite_errors import one_line, translate
from crm_desktop.storage.sqlite_functions import (
    connect_read_only,
    is_sqlite_file,
    read_only_reason,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from crm_desktop.storage.database import Database

log = logging.getLogger(__name__)

def is_current(path: Path) -> bool:
    """True for an existing crm-desktop database at the current schema (nothing to migrate),
    found with plain sqlite3 (no SQLAlchemy import): such a database can be opened later."""
    from crm_desktop.storage import database

    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        return False
    try:
        connection = connect_read_only(path)
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == database.SCHEMA_HEAD


def open_database(path: Path | str | None = None, *, upgrade: bool = True,
                  verify: bool = True, passphrase: str | None = None,
                  trust_recent_check: bool = False) -> Database:
    """Open (creating or upgrading through Alembic) the database at `path`.

    With no path, the default database in the user data folder. A new database is created
    whole or not at all. `verify` runs `PRAGMA quick_check` first (False: the caller vouches
    for the file, e.g. the app's background process, or `check`, which checks more). A
    read-only file opens read-only (`Database.read_only` says why). Raises `DatabaseError` (or
    a subclass: damaged, read-only, newer version) with one line for the user when the file
    cannot be used. With a `passphrase` the database is encrypted (a new one is created
    encrypted; `encryption.PassphraseNeeded` / `WrongPassphrase` for a missing or wrong one).
    `trust_recent_check`: the check may trust the stamp of a full check made lately that still
    matches the file (the command line; see `check_stamps.RECENT_READ`).
    """
    from crm_desktop.storage import database

    db_path = Path(path) if path is not None else default_database_path()
    _refuse_unusable(db_path, passphrase)
    created = False
    if not db_path.exists():
        if not upgrade:
            raise DatabaseError(f"{db_path} does not exist")
        created = create_new(db_path, passphrase=passphrase)
    reason = read_only_reason(db_path)
    opened = database.Database(None, db_path, passphrase=passphrase, read_only=reason,
                        verified=created or not verify,
                        trust_recent_check=trust_recent_check)
    opened.verify()
    opened._attach(connect_engine(db_path, upgrade=upgrade, read_only=reason,
                                  passphrase=passphrase))
    return opened


def create_new(db_path: Path, *, replace: bool = False, passphrase: str | None = None) -> bool:
    """Build a database at the current schema in a temporary file next to `db_path` and move
    it into place when whole; False when another program created `db_path` meanwhile (its file
    is kept). `replace`: put it in place of an existing file (an unfinished one of ours)."""
    from crm_desktop.storage import database, leftovers
    from crm_desktop.storage.migrate import upgrade_to_head

    leftovers.clean_leftovers(db_path.parent, "creating")
    temporary = leftovers.temporary_path(db_path, "creating")
    leftovers.remove_with_companions(temporary)
    try:
        engine = database.create_sqlite_engine(temporary, passphrase)
        try:
            upgrade_to_head(engine)
            with engine.connect() as connection:  # everything into the main file
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            engine.dispose()
        leftovers.sync_file(temporary)
        placed = leftovers.place(temporary, db_path, replace=replace)
    except StorageError:
        raise
    except Exception as error:
        raise translate(error, db_path) or DatabaseError(
            f"cannot create {db_path}: {one_line(error)}") from error
    finally:
        leftovers.remove_with_companions(temporary)
    if placed:
        log.info("created %s", db_path)
    return placed


def _refuse_unusable(db_path: Path, passphrase: str | None = None) -> None:
    """One line for what can never be opened as a database (or not with this passphrase)."""
    if db_path.is_dir():
        raise DatabaseError(f"{db_path} is a folder, not a database file")
    if not db_path.parent.is_dir():
        raise DatabaseError(f"folder {db_path.parent} does not exist")
    if db_path.exists():
        if db_path.stat().st_size == 0:
            raise DatabaseError(f"{db_path} is an empty file, not a database (delete it, or "
                                "choose another name for a new database)")
        from crm_desktop.storage import encryption

        encryption.check_file(db_path, passphrase, verify=False)
        if passphrase is None and not is_sqlite_file(str(db_path)):
            raise DatabaseError(f"{db_path} is not a SQLite database")


def connect_engine(db_path: Path, *, upgrade: bool = True, read_only: str | None = None,
             passphrase: str | None = None) -> Engine:
    """A checked engine on `db_path`, upgraded to the current schema."""
    from crm_desktop.storage import database, private_files

    _refuse_unusable(db_path, passphrase)
    if not db_path.exists():
        raise DatabaseError(f"{db_path} does not exist")
    engine = database.create_sqlite_engine(db_path, passphrase, read_only=read_only is not None)
    try:
        with engine.connect() as connection:
            revision = current_revision(connection)
            unfinished = revision is None and _is_unfinished(connection)
            if revision is None and not unfinished and _has_foreign_tables(connection):
                raise DatabaseError(f"{db_path} is a SQLite database but not a crm-desktop one")
        if revision is not None and revision not in database.SCHEMA_REVISIONS:
            raise NewerDatabase(
                f"{db_path} was made by a newer version of crm-desktop (schema {revision}); "
                f"this version knows schemas up to {database.SCHEMA_HEAD}: install the newer "
                "version")
        if revision != database.SCHEMA_HEAD:
            if not upgrade:
                raise DatabaseError(
                    f"{db_path} has schema {revision}, expected {database.SCHEMA_HEAD}")
            if read_only is not None:
                raise ReadOnlyDatabase(
                    f"{db_path} must be upgraded to this version's format but {read_only}: "
                    "copy it to a folder you can write to")
            if unfinished:  # an empty database an earlier version was killed creating
                engine.dispose()
                log.warning("%s is an unfinished empty database: creating it again", db_path)
                create_new(db_path, replace=True, passphrase=passphrase)
            else:
                from crm_desktop.storage.migrate import upgrade_to_head

                upgrade_to_head(engine)
    except StorageError:
        engine.dispose()
        raise
    except Exception as error:
        engine.dispose()
        raise translate(error, db_path) or DatabaseError(
            f"cannot open {db_path}: {one_line(error)}") from error
    if read_only is None:
        private_files.restrict(db_path)
    return engine


def current_revision(connection: Connection) -> str | None:
    from sqlalchemy import text

    exists = connection.execute(
        text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
    ).first()
    if not exists:
        return None
    row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return row[0] if row else None


def _has_foreign_tables(connection: Connection) -> bool:
    from sqlalchemy import text

    rows = connection.execute(
        text("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
    ).all()
    return bool(rows)


def _is_unfinished(connection: Connection) -> bool:
    """Tables of ours only, all empty, and no schema version: what an earlier version left
    when it was killed while creating a database (its tables were made one by one)."""
    from crm_desktop.models import Base
    from crm_desktop.storage.migrations_filter import UNMANAGED_PREFIXES

    names = [row[0] for row in connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    ours = set(Base.metadata.tables)
    if not names or any(n not in ours and not n.startswith(UNMANAGED_PREFIXES) for n in names):
        return False
    return all(connection.exec_driver_sql(f'SELECT 1 FROM "{name}" LIMIT 1').first() is None
               for name in names)


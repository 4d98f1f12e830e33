"""The one place that creates a database engine; `open_database` is the entry to storage.

`Database` is the type every layer is given. It is either open, or deferred
(`Database.deferred(path)`): at start-up the window shows before SQLAlchemy and the models are
imported (that costs more than starting Qt), so this module imports SQLAlchemy only when a
database is really opened, and a deferred database opens on first use of `engine` or
`session()` from any thread (or in a worker right after the window shows: `open()`).
"""

from __future__ import annotations

import getpass
import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_desktop.storage.changes import ChangeCollector, Changes
from crm_desktop.storage.errors import DatabaseError
from crm_desktop.storage.paths import default_database_path
from crm_desktop.storage.sqlite_functions import configure_connection, is_sqlite_file

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

# The newest migration. Checked against Alembic's own head by a test; knowing it here lets an
# up-to-date database open without importing Alembic at all (it costs start-up time).
SCHEMA_HEAD = "0005_audit_chain"


class Database:
    """A database the rest of the code is given: `.engine`, `.session()`, `.path`, `.actor`.

    `actor` is the name the audit log records: the one given (the CLI's ``--actor``), else the
    app's user stored in the database's settings (`ACTOR_SETTING`, the OS account when the
    database was created, changed with `services.audit.set_actor`). `machine` is this computer.
    """

    def __init__(self, engine: Engine | None, path: Path | None, actor: str | None = None,
                 passphrase: str | None = None) -> None:
        self.path = path
        self._actor: str | None = actor or None
        self.machine = _machine_name()
        # The SQLCipher passphrase of an encrypted database (None: plain); backups, the
        # analysis process and re-opening need it (see storage/encryption.py).
        self.passphrase = passphrase
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._lock = threading.Lock()
        if engine is not None:
            self._attach(engine)

    @classmethod
    def deferred(cls, path: Path) -> Database:
        """A database at the current schema that opens on first use (see `is_current`)."""
        return cls(None, Path(path))

    def _attach(self, engine: Engine) -> None:
        from sqlalchemy.orm import sessionmaker

        from crm_desktop.storage import audit

        self._sessions = sessionmaker(engine, expire_on_commit=False)
        audit.install(self._sessions)
        self._engine = engine

    @property
    def actor(self) -> str:
        if self._actor is None:
            self._actor = _stored_actor(self.engine) or _default_actor()
        return self._actor

    @actor.setter
    def actor(self, name: str) -> None:
        self._actor = name

    @property
    def is_open(self) -> bool:
        return self._engine is not None

    def open(self) -> Database:
        """Open a deferred database now (thread-safe; nothing to do when it is open)."""
        if self._engine is None:
            with self._lock:
                if self._engine is None:
                    assert self.path is not None
                    self._attach(_connect(self.path, passphrase=self.passphrase))
                    log.debug("database %s opened", self.path)
        return self

    @property
    def engine(self) -> Engine:
        self.open()
        assert self._engine is not None
        return self._engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed when the block ends, rolled back on error.

        After the block, `changes_of(session)` tells what it changed (see storage/changes.py).
        """
        self.open()
        assert self._sessions is not None
        session = self._sessions()
        session.info["actor"] = self.actor
        session.info["machine"] = self.machine
        session.info[ChangeCollector.KEY] = ChangeCollector()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def schema_version(self) -> str | None:
        with self.engine.connect() as connection:
            return _current_revision(connection)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def changes_of(session: Session) -> Changes:
    """What a session of `Database.session()` has changed so far (or, after it, in all)."""
    collector = session.info.get(ChangeCollector.KEY)
    return collector.changes() if isinstance(collector, ChangeCollector) else Changes()


def record_changes(session: Session, changes: Changes) -> None:
    """Report rows a bulk Core statement changed (the session hook does not see those)."""
    collector = session.info.get(ChangeCollector.KEY)
    if isinstance(collector, ChangeCollector):
        collector.add_all(changes)


def _stored_actor(engine: Engine) -> str | None:
    """The app's user as stored in the settings (None before revision 0005 or when unset)."""
    import json

    from sqlalchemy import text

    from crm_desktop.models.audit import ACTOR_SETTING

    try:
        with engine.connect() as connection:
            value = connection.execute(
                text("SELECT value FROM settings WHERE key = :key"), {"key": ACTOR_SETTING}
            ).scalar()
    except Exception:  # no settings table: not a current database
        return None
    if value is None:
        return None
    name = json.loads(value) if isinstance(value, str) else value
    return str(name) if name else None


def _machine_name() -> str:
    import socket

    try:
        return socket.gethostname() or "unknown"
    except OSError:
        return "unknown"


def _default_actor() -> str:
    """The OS account: only when the database stores no user (see revision 0005)."""
    try:
        return getpass.getuser()
    except Exception:  # no login name in some sandboxes and services
        return os.environ.get("USER", "unknown")


def create_sqlite_engine(path: Path | str, passphrase: str | None = None) -> Engine:
    """The engine factory: the only `create_engine` call in the project."""
    from sqlalchemy import create_engine, event

    from crm_desktop.storage import encryption

    engine = create_engine(f"sqlite:///{path}", **encryption.engine_options(path, passphrase))
    event.listen(engine, "connect", lambda dbapi, _record: configure_connection(dbapi))
    return engine


def is_current(path: Path) -> bool:
    """True for an existing crm-desktop database at the current schema (nothing to migrate),
    found with plain sqlite3 (no SQLAlchemy import): such a database can be opened later."""
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        return False
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == SCHEMA_HEAD


def open_database(path: Path | str | None = None, *, upgrade: bool = True,
                  passphrase: str | None = None) -> Database:
    """Open (creating or upgrading through Alembic) the database at `path`.

    With no path, the default database in the user data folder. With a `passphrase` the
    database is encrypted (a new one is created encrypted). Raises `DatabaseError` with a
    message for the user when the file is not a crm-desktop database or cannot be opened
    (`encryption.PassphraseNeeded` / `WrongPassphrase` for an encrypted one).
    """
    db_path = Path(path) if path is not None else default_database_path()
    engine = _connect(db_path, upgrade=upgrade, passphrase=passphrase)
    return Database(engine, db_path, passphrase=passphrase)


def _connect(db_path: Path, *, upgrade: bool = True, passphrase: str | None = None) -> Engine:
    """A checked engine on `db_path`, created or upgraded to the current schema."""
    if db_path.is_dir():
        raise DatabaseError(f"{db_path} is a folder, not a database file")
    if not db_path.parent.exists():
        raise DatabaseError(f"folder {db_path.parent} does not exist")
    from crm_desktop.storage import encryption, private_files

    encryption.check_file(db_path, passphrase, verify=False)
    if passphrase is None and not is_sqlite_file(str(db_path)):
        raise DatabaseError(f"{db_path} is not a SQLite database")
    engine = create_sqlite_engine(db_path, passphrase)
    try:
        with engine.connect() as connection:
            revision = _current_revision(connection)
            if revision is None and _has_foreign_tables(connection):
                raise DatabaseError(f"{db_path} is a SQLite database but not a crm-desktop one")
        if revision != SCHEMA_HEAD:
            if not upgrade:
                raise DatabaseError(f"{db_path} has schema {revision}, expected {SCHEMA_HEAD}")
            from crm_desktop.storage.migrate import upgrade_to_head

            upgrade_to_head(engine)
    except DatabaseError:
        engine.dispose()
        raise
    except Exception as error:
        engine.dispose()
        raise DatabaseError(f"cannot open {db_path}: {error}") from error
    private_files.restrict(db_path)
    return engine


def _current_revision(connection: Connection) -> str | None:
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


@contextmanager
def raw_connection(database: Database) -> Iterator[Any]:
    """The DBAPI connection, for bulk paths that are measured against raw sqlite3."""
    connection = database.engine.raw_connection()
    try:
        yield connection
    finally:
        connection.close()

"""The one place that creates a database engine; `open_database` is the entry to storage.

`Database` is the type every layer is given. It is either open, or deferred
(`Database.deferred(path)`): at start-up the window shows before SQLAlchemy and the models are
imported (that costs more than starting Qt), so this module imports SQLAlchemy only when a
database is really opened, and a deferred database opens on first use of `engine` or
`session()` from any thread (or in a worker right after the window shows: `open()`).

Safety before use: `open_database` refuses what is not a database of ours (a folder, an empty
file, another program's database, one from a newer version) and, unless told not to, runs
`PRAGMA quick_check` first (`Database.verify`; the app runs it in the background instead).
Every write waits for that check and is refused on a damaged or read-only database
(`require_writable`: hooked into the session's flush, SQLAlchemy's statement execution, the
bulk import's write lock and the demo loader). A read-only file or folder opens read-only. A
new database is built in a temporary file and moved into place when whole
(`storage.leftovers`), so a crash leaves either nothing or a working database.
"""

from __future__ import annotations

import getpass
import logging
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_desktop.storage.changes import ChangeCollector, Changes
from crm_desktop.storage.errors import (
    DamagedDatabase,
    DatabaseError,
    NewerDatabase,
    ReadOnlyDatabase,
    StorageError,
)
from crm_desktop.storage.paths import default_database_path
from crm_desktop.storage.sqlite_errors import one_line, translate
from crm_desktop.storage.sqlite_functions import (
    configure_connection,
    connect_read_only,
    is_sqlite_file,
    read_only_reason,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

# The newest migration. Checked against Alembic's own head by a test; knowing it here lets an
# up-to-date database open without importing Alembic at all (it costs start-up time).
SCHEMA_HEAD = "0006_report_indexes"
# Every revision of our migrations, oldest first (a test checks them against Alembic's): a
# file at any other revision was made by a newer version of the app.
SCHEMA_REVISIONS = ("0001_initial", "0002_graph_layout", "0003_search_indexes",
                    "0004_sales_targets_holdout", "0005_audit_chain", "0006_report_indexes")
# Statements that change the file (the write gate looks at the first word only).
_WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.IGNORECASE)


class Database:
    """A database the rest of the code is given: `.engine`, `.session()`, `.path`, `.actor`.

    `actor` is the name the audit log records: the one given (the CLI's ``--actor``), else the
    app's user stored in the database's settings (`ACTOR_SETTING`, the OS account when the
    database was created, changed with `services.audit.set_actor`). `machine` is this computer.
    `read_only` is the reason writes are refused (None when they are allowed); `verify()` runs
    the integrity check once (writes run it first if nobody has). `passphrase` is the SQLCipher
    passphrase of an encrypted database (None: plain); backups, the analysis process and
    re-opening need it (see storage/encryption.py)."""

    def __init__(self, engine: Engine | None, path: Path | None, actor: str | None = None,
                 passphrase: str | None = None, *, read_only: str | None = None,
                 verified: bool = False) -> None:
        self.path = path
        self._actor: str | None = actor or None
        self.machine = _machine_name()
        self.passphrase = passphrase
        self.read_only = read_only
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._lock = threading.Lock()
        self._verify_lock = threading.Lock()
        self._problems: tuple[str, ...] | None = () if verified or path is None else None
        self._damage: DamagedDatabase | None = None
        if engine is not None:
            self._attach(engine)

    @classmethod
    def deferred(cls, path: Path, passphrase: str | None = None) -> Database:
        """A database at the current schema that opens on first use (see `is_current`); not
        verified yet: call `verify()` (in a worker) before anything writes."""
        path = Path(path)
        return cls(None, path, passphrase=passphrase, read_only=read_only_reason(path))

    def _attach(self, engine: Engine) -> None:
        from sqlalchemy import event
        from sqlalchemy.orm import sessionmaker

        from crm_desktop.storage import audit

        self._sessions = sessionmaker(engine, expire_on_commit=False)
        audit.install(self._sessions)
        event.listen(self._sessions, "before_flush", self._before_flush)
        event.listen(engine, "before_cursor_execute", self._before_execute)
        event.listen(engine, "checkout", self._on_checkout)
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
                    self._attach(_connect(self.path, read_only=self.read_only,
                                         passphrase=self.passphrase))
                    log.debug("database %s opened", self.path)
        return self

    @property
    def engine(self) -> Engine:
        self.open()
        assert self._engine is not None
        return self._engine

    # Integrity and the write gate ---------------------------------------------------------------
    @property
    def is_verified(self) -> bool:
        return self._problems is not None

    def verify(self, cancelled: Callable[[], bool] | None = None) -> None:
        """Check the file is whole (`PRAGMA quick_check`), once: later calls return at once,
        and a call while the check runs in another thread waits for it. Raises
        `DamagedDatabase` (naming the newest good backup) when it is not, and
        `integrity.CheckStopped` when `cancelled()` stopped it (a later call checks again)."""
        if self._problems is None:
            with self._verify_lock:
                if self._problems is None:
                    from crm_desktop.storage.integrity import quick_check

                    assert self.path is not None
                    self._problems = quick_check(self.path, cancelled, self.passphrase)
        if self._problems:
            if self._damage is None:
                from crm_desktop.storage.integrity import damaged

                self._damage = damaged(self.path, self._problems)
            raise self._damage

    def require_writable(self) -> None:
        """Raise unless a write may go ahead: not read-only, and verified whole (waits for a
        check in progress, or runs it)."""
        if self.read_only is not None:
            raise ReadOnlyDatabase(f"{self.path} is open read-only ({self.read_only}): "
                                   "changes cannot be saved")
        self.verify()

    def refuse_writes(self, reason: str) -> None:
        """Keep reading but refuse every write from now on (a damaged database the user chose
        to open anyway); connections are set `query_only` as they are next used."""
        self.read_only = reason

    def _before_flush(self, _session: Session, _context: Any, _instances: Any) -> None:
        self.require_writable()

    def _before_execute(self, _connection: Any, _cursor: Any, statement: str, _parameters: Any,
                        _context: Any, _executemany: bool) -> None:
        if _WRITE.match(statement):
            self.require_writable()

    def _on_checkout(self, dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        wanted = self.read_only is not None
        if record.info.get("query_only", False) != wanted:
            dbapi_connection.execute(f"PRAGMA query_only = {'ON' if wanted else 'OFF'}")
            record.info["query_only"] = wanted

    # Sessions ----------------------------------------------------------------------------------
    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed when the block ends, rolled back on error.

        After the block, `changes_of(session)` tells what it changed (see storage/changes.py).
        SQLite failures a user can cause leave as one-line `StorageError`s naming the file.
        """
        self.open()
        assert self._sessions is not None
        session = self._sessions()
        session.info["actor"] = self.actor
        session.info["machine"] = self.machine
        session.info["database"] = self
        session.info[ChangeCollector.KEY] = ChangeCollector()
        try:
            yield session
            session.commit()
        except BaseException as error:
            session.rollback()
            translated = translate(error, self.path) if isinstance(error, Exception) else None
            if translated is not None and translated is not error:
                raise translated from error
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


def require_writable(session: Session) -> None:
    """The write gate for code that takes the write lock itself on a session's connection."""
    database = session.info.get("database")
    if isinstance(database, Database):
        database.require_writable()


def create_sqlite_engine(path: Path | str, passphrase: str | None = None, *,
                         read_only: bool = False) -> Engine:
    """The engine factory: the only `create_engine` call in the project.

    Every connection gets our pragmas and SQL functions; SQLite errors a user can cause are
    raised as one-line `StorageError`s naming the file (`sqlite_errors.translate`). A read-only
    engine never writes the file (nor its -shm where that cannot be created)."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import QueuePool

    path = Path(path)
    if passphrase is not None:  # every pooled connection a keyed sqlcipher3 one
        from crm_desktop.storage import encryption

        options = encryption.engine_options(path, passphrase, read_only=read_only)
        engine = create_engine(f"sqlite:///{path}", **options)
    elif read_only:
        engine = create_engine("sqlite://", poolclass=QueuePool,
                               creator=lambda: connect_read_only(path, check_same_thread=False))
    else:
        engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect",
                 lambda dbapi, _record: configure_connection(dbapi, read_only=read_only))

    def translate_error(context: Any) -> None:
        translated = translate(context.original_exception, path)
        if translated is not None:
            raise translated

    event.listen(engine, "handle_error", translate_error)
    return engine


def is_current(path: Path) -> bool:
    """True for an existing crm-desktop database at the current schema (nothing to migrate),
    found with plain sqlite3 (no SQLAlchemy import): such a database can be opened later."""
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
    return row is not None and row[0] == SCHEMA_HEAD


def open_database(path: Path | str | None = None, *, upgrade: bool = True,
                  verify: bool = True, passphrase: str | None = None) -> Database:
    """Open (creating or upgrading through Alembic) the database at `path`.

    With no path, the default database in the user data folder. A new database is created
    whole or not at all. `verify` runs `PRAGMA quick_check` first (False: the caller vouches
    for the file, e.g. the app's background process, or `check`, which checks more). A
    read-only file opens read-only (`Database.read_only` says why). Raises `DatabaseError` (or
    a subclass: damaged, read-only, newer version) with one line for the user when the file
    cannot be used. With a `passphrase` the database is encrypted (a new one is created
    encrypted; `encryption.PassphraseNeeded` / `WrongPassphrase` for a missing or wrong one).
    """
    db_path = Path(path) if path is not None else default_database_path()
    _refuse_unusable(db_path, passphrase)
    created = False
    if not db_path.exists():
        if not upgrade:
            raise DatabaseError(f"{db_path} does not exist")
        created = create_new(db_path, passphrase=passphrase)
    reason = read_only_reason(db_path)
    database = Database(None, db_path, passphrase=passphrase, read_only=reason,
                        verified=created or not verify)
    database.verify()
    database._attach(_connect(db_path, upgrade=upgrade, read_only=reason, passphrase=passphrase))
    return database


def create_new(db_path: Path, *, replace: bool = False, passphrase: str | None = None) -> bool:
    """Build a database at the current schema in a temporary file next to `db_path` and move
    it into place when whole; False when another program created `db_path` meanwhile (its file
    is kept). `replace`: put it in place of an existing file (an unfinished one of ours)."""
    from crm_desktop.storage import leftovers
    from crm_desktop.storage.migrate import upgrade_to_head

    leftovers.clean_leftovers(db_path.parent, "creating")
    temporary = leftovers.temporary_path(db_path, "creating")
    leftovers.remove_with_companions(temporary)
    try:
        engine = create_sqlite_engine(temporary, passphrase)
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


def _connect(db_path: Path, *, upgrade: bool = True, read_only: str | None = None,
             passphrase: str | None = None) -> Engine:
    """A checked engine on `db_path`, upgraded to the current schema."""
    from crm_desktop.storage import private_files

    _refuse_unusable(db_path, passphrase)
    if not db_path.exists():
        raise DatabaseError(f"{db_path} does not exist")
    engine = create_sqlite_engine(db_path, passphrase, read_only=read_only is not None)
    try:
        with engine.connect() as connection:
            revision = _current_revision(connection)
            unfinished = revision is None and _is_unfinished(connection)
            if revision is None and not unfinished and _has_foreign_tables(connection):
                raise DatabaseError(f"{db_path} is a SQLite database but not a crm-desktop one")
        if revision is not None and revision not in SCHEMA_REVISIONS:
            raise NewerDatabase(
                f"{db_path} was made by a newer version of crm-desktop (schema {revision}); "
                f"this version knows schemas up to {SCHEMA_HEAD}: install the newer version")
        if revision != SCHEMA_HEAD:
            if not upgrade:
                raise DatabaseError(f"{db_path} has schema {revision}, expected {SCHEMA_HEAD}")
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


@contextmanager
def raw_connection(database: Database) -> Iterator[Any]:
    """The DBAPI connection, for bulk paths that are measured against raw sqlite3."""
    connection = database.engine.raw_connection()
    try:
        yield connection
    except sqlite3.Error as error:
        raise translate(error, database.path) or error from error
    finally:
        connection.close()

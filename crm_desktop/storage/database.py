"""The one place that creates a database engine, and `Database`, the type every layer is given.

`Database` is either open, or deferred (`Database.deferred(path)`): at start-up the window
shows before SQLAlchemy and the models are imported (that costs more than starting Qt), so this
module imports SQLAlchemy only when a database is really opened, and a deferred database opens
on first use of `engine` or `session()` from any thread (or in a worker right after the window
shows: `open()`).

`open_database` (storage.opening, re-exported here: the entry to storage) refuses what is not a
database of ours and, unless told not to, runs `PRAGMA quick_check` first (`Database.verify`;
the app runs it in the background instead). Every write waits for that check and is refused on a
damaged or read-only database (`require_writable`: hooked into the session's flush,
SQLAlchemy's statement execution, the bulk import's write lock and the demo loader). A read-only
file or folder opens read-only. Who the audit log names: storage.actors.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_desktop.storage.actors import default_actor, machine_name, stored_actor
from crm_desktop.storage.changes import ChangeCollector, Changes
from crm_desktop.storage.errors import DamagedDatabase, ReadOnlyDatabase
from crm_desktop.storage.opening import create_new, is_current, open_database
from crm_desktop.storage.sqlite_errors import translate
from crm_desktop.storage.sqlite_functions import (
    configure_connection,
    connect_read_only,
    read_only_reason,
)

__all__ = ["SCHEMA_HEAD", "SCHEMA_REVISIONS", "Database", "changes_of", "create_new",
           "create_sqlite_engine", "is_current", "open_database", "raw_connection",
           "record_changes", "require_writable"]

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

# The newest migration. Checked against Alembic's own head by a test; knowing it here lets an
# up-to-date database open without importing Alembic at all (it costs start-up time).
SCHEMA_HEAD = "0010_import7"
# Every revision of our migrations, oldest first (a test checks them against Alembic's): a
# file at any other revision was made by a newer version of the app.
SCHEMA_REVISIONS = ("0001_initial", "0002_graph_layout", "0003_search_indexes",
                    "0004_sales_targets_holdout", "0005_audit_chain", "0006_email_index",
                    "0007_report_indexes", "0008_row_counts", "0009_import_speed",
                    "0010_import7")
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
                 verified: bool = False, trust_recent_check: bool = False) -> None:
        self.path = path
        # verify() may trust a stamp of a full check made lately (check_stamps.RECENT_READ)
        self.trust_recent_check = trust_recent_check
        self._actor: str | None = actor or None
        self.machine = machine_name()
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
        if self._keeps_stamp():
            event.listen(engine, "checkin", self._on_checkin)
        self._engine = engine

    def _keeps_stamp(self) -> bool:
        """Whether our writes keep the file's integrity stamp (storage.check_stamps): a plain
        file we may write (an encrypted one is checked again after a write)."""
        return self.path is not None and self.passphrase is None and self.read_only is None

    @property
    def actor(self) -> str:
        if self._actor is None:
            self._actor = stored_actor(self.engine) or default_actor()
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
                    from crm_desktop.storage.opening import connect_engine

                    assert self.path is not None
                    self._attach(connect_engine(self.path, read_only=self.read_only,
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
        """Check the file is whole (`PRAGMA quick_check`, or with `trust_recent_check` a
        stamp of a recent full check that still matches), once: later calls return at once,
        and a call while the check runs in another thread waits for it. Raises
        `DamagedDatabase` (naming the newest good backup) when it is not, and
        `integrity.CheckStopped` when `cancelled()` stopped it (a later call checks again)."""
        if self._problems is None:
            with self._verify_lock:
                if self._problems is None:
                    from crm_desktop.storage.integrity import checked

                    assert self.path is not None
                    self._problems = checked(self.path, cancelled, self.passphrase,
                                             trust_recent=self.trust_recent_check)
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
        if not wanted and isinstance(dbapi_connection, sqlite3.Connection) and \
                self.path is not None and self._keeps_stamp():
            from crm_desktop.storage import check_stamps

            record.info["stamp"] = check_stamps.taken(dbapi_connection, self.path)

    def _on_checkin(self, dbapi_connection: Any, record: Any) -> None:
        """A connection back in the pool: if it wrote to a trusted file, the file stays
        trusted (storage.check_stamps.refresh). Never fails the caller's work."""
        before = record.info.pop("stamp", None)
        if before is None or self.path is None or \
                not isinstance(dbapi_connection, sqlite3.Connection):
            return
        from crm_desktop.storage import check_stamps

        try:
            check_stamps.refresh(dbapi_connection, self.path, before)
        except Exception:  # an optimisation: the next quick command checks the file instead
            log.exception("could not refresh the integrity stamp of %s", self.path)

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
        from crm_desktop.storage.opening import current_revision

        with self.engine.connect() as connection:
            return current_revision(connection)

    def close(self) -> None:
        if self._engine is not None:
            if self._keeps_stamp():
                self._settle_stamp()
            self._engine.dispose()

    def _settle_stamp(self) -> None:
        """Closing the last connection copies the -wal into the file (changing its state):
        do it now and stamp the result, when the file is trusted (check_stamps.settle)."""
        from crm_desktop.storage import check_stamps

        if self._engine is None or self.path is None:
            return
        try:
            connection = self._engine.raw_connection()
        except Exception:  # nothing to settle on: the next quick command checks the file
            return
        try:
            raw = connection.driver_connection
            if isinstance(raw, sqlite3.Connection):
                check_stamps.settle(raw, self.path)
        except Exception:
            log.exception("could not settle the integrity stamp of %s", self.path)
        finally:
            connection.close()

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

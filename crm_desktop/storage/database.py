"""The one place that creates a database engine; `open_database` is the entry to storage."""

from __future__ import annotations

import getpass
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from crm_desktop.storage import audit
from crm_desktop.storage.errors import DatabaseError
from crm_desktop.storage.paths import default_database_path
from crm_desktop.storage.sqlite_functions import configure_connection, is_sqlite_file

log = logging.getLogger(__name__)

# The newest migration. Checked against Alembic's own head by a test; knowing it here lets an
# up-to-date database open without importing Alembic at all (it costs start-up time).
SCHEMA_HEAD = "0003_search_indexes"


class Database:
    """A database the rest of the code is given: `.engine`, `.session()`, `.path`."""

    def __init__(self, engine: Engine, path: Path | None, actor: str | None = None) -> None:
        self.engine = engine
        self.path = path
        self.actor = actor or _default_actor()
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed when the block ends, rolled back on error."""
        session = self._sessions()
        session.info["actor"] = self.actor
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
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some sandboxes and services
        return os.environ.get("USER", "unknown")


def create_sqlite_engine(path: Path | str) -> Engine:
    """The engine factory: the only `create_engine` call in the project."""
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", lambda dbapi, _record: configure_connection(dbapi))
    return engine


def open_database(path: Path | str | None = None, *, upgrade: bool = True) -> Database:
    """Open (creating or upgrading through Alembic) the database at `path`.

    With no path, the default database in the user data folder. Raises `DatabaseError` with a
    message for the user when the file is not a crm-desktop database or cannot be opened.
    """
    db_path = Path(path) if path is not None else default_database_path()
    if db_path.is_dir():
        raise DatabaseError(f"{db_path} is a folder, not a database file")
    if not db_path.parent.exists():
        raise DatabaseError(f"folder {db_path.parent} does not exist")
    if not is_sqlite_file(str(db_path)):
        raise DatabaseError(f"{db_path} is not a SQLite database")
    engine = create_sqlite_engine(db_path)
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
    database = Database(engine, db_path)
    audit.install(database)
    return database


def _current_revision(connection: object) -> str | None:
    from sqlalchemy import Connection

    assert isinstance(connection, Connection)
    exists = connection.execute(
        text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
    ).first()
    if not exists:
        return None
    row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return row[0] if row else None


def _has_foreign_tables(connection: object) -> bool:
    from sqlalchemy import Connection

    assert isinstance(connection, Connection)
    rows = connection.execute(
        text("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
    ).all()
    return bool(rows)


@contextmanager
def raw_connection(database: Database) -> Iterator[object]:
    """The DBAPI connection, for bulk paths that are measured against raw sqlite3."""
    connection = database.engine.raw_connection()
    try:
        yield connection
    finally:
        connection.close()

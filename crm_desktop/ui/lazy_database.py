"""Open the database after the window is on screen: a stand-in that opens it on first use.

Importing SQLAlchemy and the models takes longer than starting Qt and showing the window. At
start-up the app wraps an existing, up-to-date database file in a `LazyDatabase`: the window is
built and the first customer rows are read with plain sqlite3 (`TableSpec.fast_page`), and the
real `storage.database.Database` is opened in a worker right after (or by whichever code needs
it first, in any thread: `engine`, `session()`, ... wait for it).
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_HEAD = re.compile(r'^SCHEMA_HEAD = "([^"]+)"', re.MULTILINE)


def expected_schema() -> str | None:
    """SCHEMA_HEAD of storage/database.py, read from its source (importing it would import
    SQLAlchemy, which is what we are avoiding). None when the source is not available."""
    import crm_desktop.storage as storage

    try:
        text = (Path(storage.__file__).parent / "database.py").read_text(encoding="utf-8")
    except OSError:
        return None
    found = _HEAD.search(text)
    return found.group(1) if found else None


def ready_to_open_later(path: Path) -> bool:
    """True for an existing crm-desktop database at the current schema (nothing to migrate)."""
    expected = expected_schema()
    if expected is None or not path.is_file() or path.stat().st_size == 0:
        return False
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == expected


class LazyDatabase:
    """Stands in for `storage.database.Database`; `is_open` tells whether it is opened yet."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._database: Any = None
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        return self._database is not None

    def open(self) -> Any:
        """The real Database (opened now when needed; thread-safe)."""
        if self._database is None:
            with self._lock:
                if self._database is None:
                    from crm_desktop.storage.database import open_database

                    self._database = open_database(self.path)
                    log.debug("database %s opened", self.path)
        return self._database

    def __getattr__(self, name: str) -> Any:
        # Only called for attributes not found here: engine, session, actor, close, ...
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.open(), name)

    def close(self) -> None:
        if self._database is not None:
            self._database.close()

"""Analytics frames kept between analyses while the database has not changed.

Loading the frames is most of an analysis' time on a large database (100,000 customers: about
2 s of SQL and pandas for the frames a churn model needs, against seconds of fitting), and one
session runs several analyses on the same data. The long-lived analysis process (ui/
child_process.py) keeps one cache; a write by any other connection (the app, an import, another
program) empties it before the next frame is handed out.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.storage.database import Database


class FrameCache:
    """`cache.get("orders")` is `frames.orders(database)`, loaded once per database version.

    Callers get a shallow copy: with pandas' copy-on-write, adding or changing a column on it
    never reaches the cached frame.
    """

    def __init__(self, database: Database) -> None:
        self._database = database
        self._frames: dict[str, pd.DataFrame] = {}
        self._watch: Any = None
        self._version: int | None = None
        self._lock = threading.Lock()
        self.loads = 0  # frames loaded from the database (tests and the bench read it)

    def get(self, name: str) -> pd.DataFrame:
        from crm_desktop.storage import frames

        with self._lock:
            version = self._current_version()
            if version != self._version:
                self._frames.clear()
                self._version = version
            frame = self._frames.get(name)
            if frame is None:
                frame = getattr(frames, name)(self._database)
                self._frames[name] = frame
                self.loads += 1
            return frame.copy(deep=False)

    def clear(self) -> None:
        with self._lock:
            self._frames.clear()

    def close(self) -> None:
        with self._lock:
            self._frames.clear()
            if self._watch is not None:
                self._watch.close()
                self._watch = None

    def _current_version(self) -> int:
        if self._watch is None:
            self._watch = self._database.engine.raw_connection()
        return change_counter(self._watch)


def change_counter(connection: Any) -> int:
    """A number that changes whenever another connection commits to the database.

    SQLite's `PRAGMA data_version` does exactly that, per connection, at no cost; on a server
    database this becomes a query on the server's commit counter.
    """
    cursor = connection.cursor()
    try:
        cursor.execute("PRAGMA data_version")
        return int(cursor.fetchone()[0])
    finally:
        cursor.close()

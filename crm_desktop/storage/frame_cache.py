"""Analytics frames kept between analyses while the database has not changed.

Loading the frames is most of an analysis' time on a large database (100,000 customers: about
2 s of SQL and pandas for the frames a churn model needs, against seconds of fitting), and one
session runs several analyses on the same data. The long-lived analysis process (ui/
child_process.py) keeps one cache; a write by any other connection (the app, an import, another
program) empties it before the next frame is handed out.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.storage.database import Database


class FrameCache:
    """`cache.get("orders")` is `frames.orders(database)`, loaded once per database version;
    `cache.get("orders", ["customer_id", "amount"])` loads (and keeps) only those columns.

    A frame is kept with the columns asked for so far: a request for columns it lacks loads the
    frame again with those added (all of them when a caller asks for the whole frame), so the
    process holds what its analyses read, not every column of every frame. Callers get a shallow
    copy: with pandas' copy-on-write, adding or changing a column on it never reaches the cached
    frame.
    """

    def __init__(self, database: Database) -> None:
        self._database = database
        self._frames: dict[str, pd.DataFrame] = {}
        self._whole: set[str] = set()  # frames held with all their columns
        self._watch: Any = None
        self._version: int | None = None
        self._lock = threading.Lock()
        self.loads = 0  # frames loaded from the database (tests and the bench read it)

    def get(self, name: str, columns: Sequence[str] | None = None) -> pd.DataFrame:
        from crm_desktop.storage import frames

        with self._lock:
            version = self._current_version()
            if version != self._version:
                self._clear()
                self._version = version
            frame = self._frames.get(name)
            if frame is None or not self._holds(name, frame, columns):
                wanted = None if columns is None or name in self._whole else _union(
                    [] if frame is None else list(frame.columns), columns)
                self._frames.pop(name, None)  # the old one goes before the new one comes
                del frame
                frame = getattr(frames, name)(self._database, wanted)
                self._frames[name] = frame
                if wanted is None:
                    self._whole.add(name)
                self.loads += 1
            if columns is not None:
                return frame[list(columns)]  # a new frame: with copy-on-write, no copy
            return frame.copy(deep=False)

    def _holds(self, name: str, frame: pd.DataFrame, columns: Sequence[str] | None) -> bool:
        if name in self._whole:
            return True
        return columns is not None and set(columns) <= set(frame.columns)

    def cached_rows(self, name: str, columns: Sequence[str]) -> int | None:
        """How many rows the frame ``name`` has when it is held, current, with ``columns``
        (None otherwise): whether an analysis can read it without loading anything."""
        with self._lock:
            frame = self._frames.get(name)
            if frame is None or self._current_version() != self._version:
                return None
            return len(frame) if self._holds(name, frame, columns) else None

    def release(self) -> int:
        """Forget every frame (the memory goes back once callers dropped theirs); returns how
        many there were."""
        with self._lock:
            count = len(self._frames)
            self._clear()
            return count

    def retain(self, names: Sequence[str]) -> list[str]:
        """Forget every frame but the named ones (what the next calls read); returns the
        names of those forgotten."""
        with self._lock:
            dropped = [name for name in self._frames if name not in names]
            for name in dropped:
                del self._frames[name]
                self._whole.discard(name)
            return dropped

    def _clear(self) -> None:
        self._frames.clear()
        self._whole.clear()

    def clear(self) -> None:
        with self._lock:
            self._clear()

    def close(self) -> None:
        with self._lock:
            self._clear()
            if self._watch is not None:
                self._watch.close()
                self._watch = None

    def _current_version(self) -> int:
        if self._watch is None:
            self._watch = self._database.engine.raw_connection()
        return change_counter(self._watch)


def _union(have: list[str], wanted: Sequence[str]) -> list[str]:
    return have + [name for name in wanted if name not in have]


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

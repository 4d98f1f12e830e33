"""Which database files passed a full integrity check, and in what state they were then.

`PRAGMA quick_check` reads the whole file: about 11 s at a million customers, against a few
milliseconds for what `stats`, `search` and `check` then ask. So whoever runs the check and finds
the file whole (`Database.verify`: the app's background check at start, `open_database`, the
command line; the quick commands; `check`) records a stamp: the file's identity and state (path,
device, inode, size, mtime and ctime in nanoseconds; of its -wal the inode, size, mtime and the
header's checkpoint sequence and salts; the change counter in SQLite's header). A read-only quick command trusts a stamp that still matches and checks again
when anything changed (then stamps the new state).

Our own writes keep a trusted file trusted: a connection of storage's engine notes the file's
state and SQLite's `data_version` when it leaves the pool (`taken`); when it comes back having
written, and the stamp matched the state it noted, it takes the write lock, makes sure no other
connection committed meanwhile (`data_version` unchanged) and stamps the new state (`refresh`).
Closing the engine first copies the -wal into the file, under the same rules, and stamps what
stays once closed (`settle`); a new demo file and a restored backup are stamped when made
(`adopt`). A stamp is written only after the commit, so a crash (even kill -9) between the two
leaves the old stamp, which no longer matches: the file is checked in full before its next use.
Anyone else's write, a file that had no stamp, and every check the app runs at start or
`check --full` asks for, still read the whole file.

A command that writes (an import, a restore, adding a customer) trusts a matching stamp only
while the file's last full read is recent (`RECENT_READ`, a day; `read_at` in the stamp, which a
refresh after our own write keeps as it was): at a million customers the full read takes 11 s
and the write a fraction of one, and the app still reads the whole file at every start.

The trade-off, in two sentences: damage that changes none of the recorded state (a bad sector
under an unchanged file), and damage our own SQLite writes could make (a bug in SQLite or
memory gone bad in our process), are not seen by a quick command trusting its stamp; they are
caught by the next full check, which the app runs in the background at every start and
`check --full` always runs. Any write by another program changes the size, the times or the
-wal's header, and the next quick command reads the whole file again.

A state is stamped after a full check only when the file and its -wal were last modified at
least `RACY_SECONDS` before (as git treats "racily clean" files): a write in the same tick of the
file system's clock as the last one could leave the times unchanged; coarse clocks (FAT) tick
every 2 s. A refresh after our write needs no such wait while the file has a -wal: every later
commit by anyone grows the -wal or starts it over with new salts (both in the state); without a
-wal it holds the write lock until the clock has ticked past the file's times, on a file system
that keeps times finer than seconds (none is stamped on one that does not).

The stamps are one small JSON file in the user's cache folder (`CHECK_STAMPS_ENV` names another
folder: the benchmarks and tests use it), written atomically and readable by the user only. A
lost or unreadable stamp file only costs one more check.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

log = logging.getLogger(__name__)

CHECK_STAMPS_ENV = "CRM_DESKTOP_CHECK_STAMPS"
FILE_NAME = "integrity-stamps.json"
FORMAT = 2  # 2: the -wal's header (checkpoint sequence, salts) is part of the state
RACY_SECONDS = 2.0
# A command that writes trusts a matching stamp only when the file was read (or made) whole at
# most this long ago: damage a stamp cannot see (a sector gone bad under an unchanged file) is
# then at most a day old, and writing into a damaged file can spread the damage.
RECENT_READ = 24 * 3600.0
KEEP = 50  # stamps kept (the most recent); a database not used for a while is checked again
_HEADER_COUNTERS = slice(24, 28), slice(92, 100)  # file change counter, version-valid-for
_WAL_HEADER = 32


def folder() -> Path:
    """Where the stamp file lives (created when a stamp is first written)."""
    chosen = os.environ.get(CHECK_STAMPS_ENV)
    if chosen:
        return Path(chosen)
    from platformdirs import user_cache_path

    return user_cache_path("crm-desktop", appauthor=False)


def state_of(path: Path | str) -> dict[str, Any] | None:
    """What the stamp records of the database at `path` (None when it cannot be read)."""
    path = os.fspath(path)  # plain os calls: every connection taken from the pool asks
    try:
        with open(path, "rb", buffering=0) as handle:
            info = os.fstat(handle.fileno())
            header = handle.read(100)
    except OSError:
        return None
    state: dict[str, Any] = {
        "device": info.st_dev, "inode": info.st_ino, "size": info.st_size,
        "mtime_ns": info.st_mtime_ns, "ctime_ns": info.st_ctime_ns,
        "header": "".join(header[part].hex() for part in _HEADER_COUNTERS),
    }
    try:
        wal: os.stat_result | None = os.stat(f"{path}-wal")
    except FileNotFoundError:
        wal = None
    except OSError:
        return None
    # An empty -wal holds nothing (a read-only reader creates one): the same as none.
    if wal is None or wal.st_size == 0:
        state["wal"] = None
        return state
    try:
        with open(f"{path}-wal", "rb", buffering=0) as handle:
            wal_header = handle.read(_WAL_HEADER)
    except OSError:
        return None
    # The checkpoint sequence and salts change whenever a writer starts the -wal over (which
    # can keep its size): with its size, any commit by anyone shows, whatever the clock says.
    # Not its change time: SQLite running as root chowns the -wal to the file's owner each
    # time a connection opens it (a reader too).
    state["wal"] = [wal.st_ino, wal.st_size, wal.st_mtime_ns, wal_header[12:24].hex()]
    return state


def _key(path: Path | str) -> str:
    return str(Path(path).resolve())


def _load() -> dict[str, Any]:
    try:
        data = json.loads((folder() / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    stamps = data.get("stamps")
    return stamps if isinstance(stamps, dict) else {}


def _save(stamps: dict[str, Any]) -> None:
    """Write the stamp file atomically (a temporary file renamed over it), owner-only."""
    import tempfile  # only when writing: a quick command that trusts its stamp never is

    target = folder()
    try:
        target.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".stamps-", dir=target)  # mode 0600
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"format": FORMAT, "stamps": stamps}, out)
            os.replace(temporary, target / FILE_NAME)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError as error:  # a stamp is an optimisation: never fail a command for it
        log.info("cannot record the integrity stamp in %s: %s", target, error)


def is_trusted(path: Path | str, read_within: float | None = None) -> bool:
    """True when the file is in the state a passed full check recorded; with `read_within`,
    only when that check (or our making the file whole) is at most that many seconds old."""
    stamp = _load().get(_key(path))
    if not isinstance(stamp, dict):
        return False
    if read_within is not None:
        read_at = stamp.get("read_at")
        if not isinstance(read_at, (int, float)) or time.time() - read_at > read_within:
            return False
    state = state_of(path)
    return state is not None and bool(stamp.get("state") == state)


def _racy(state: dict[str, Any]) -> bool:
    newest = int(state["mtime_ns"])
    if state["wal"] is not None:
        newest = max(newest, int(state["wal"][2]))
    return time.time_ns() - newest < RACY_SECONDS * 1e9


def record(path: Path | str, before: dict[str, Any] | None) -> bool:
    """Stamp the file at `path` as checked whole, given its state `before` the check began:
    only when it is still the same (nothing wrote during the check) and not racy. True when
    stamped."""
    if before is None or state_of(path) != before or _racy(before):
        return False
    _write(path, before, read_whole=True)
    return True


def _write(path: Path | str, state: dict[str, Any], *, read_whole: bool) -> None:
    """Stamp `state`. `read_whole`: the content was just read (or made) whole, so the stamp's
    `read_at` is now; otherwise (a refresh after our own write) it keeps the earlier one."""
    stamps = _load()
    now = time.time()
    earlier = stamps.get(_key(path))
    read_at = now if read_whole else (
        earlier.get("read_at") if isinstance(earlier, dict) else None)
    stamps[_key(path)] = {"state": state, "checked_at": now, "read_at": read_at}
    if len(stamps) > KEEP:
        newest = sorted(stamps.items(), key=lambda item: item[1].get("checked_at", 0))[-KEEP:]
        stamps = dict(newest)
    _save(stamps)


def forget(path: Path | str) -> None:
    """Drop the stamp of `path` (a check found it damaged)."""
    stamps = _load()
    if stamps.pop(_key(path), None) is not None:
        _save(stamps)


# Keeping the trust across our own writes ------------------------------------------------------
# storage.database calls `taken` when a connection leaves its pool and `refresh` when it comes
# back; `settle` before the engine closes; `adopt` for a file we just made or restored whole.

LOCK_WAIT_MS = 250  # how long a refresh waits for the write lock (another writer: no refresh)
_TICK_NS = 20_000_000  # file times tick with the kernel's coarse clock (4-10 ms): two ticks


class Taken(NamedTuple):
    """What a pooled connection saw when it was taken: SQLite's `data_version` (changes when
    another connection commits), the file's state, and the rows it had changed so far."""

    version: int
    state: dict[str, Any] | None
    changes: int


def taken(connection: sqlite3.Connection, path: Path | str) -> Taken | None:
    """Note the file's state before `connection` is used (None when it cannot be read)."""
    try:
        version = data_version(connection)
    except sqlite3.Error:
        return None
    return Taken(version, state_of(path), connection.total_changes)


def refresh(connection: sqlite3.Connection, path: Path | str, before: Taken) -> bool:
    """After our writes on `connection` committed (it is back from its user, outside any
    transaction): stamp the file's new state when its stamp matched the state `before` the
    connection was used and no other connection committed since. True when stamped."""
    if connection.total_changes == before.changes or connection.in_transaction:
        return False
    stamp = _load().get(_key(path))
    if before.state is None or not isinstance(stamp, dict) or stamp.get("state") != before.state:
        return False
    return _stamp_locked(connection, path, before.version)


def settle(connection: sqlite3.Connection, path: Path | str) -> bool:
    """Before our last connection to a trusted file closes (closing copies the -wal into the
    file and deletes it, which changes the state): copy it now, and stamp the state the file
    keeps once closed. True when stamped."""
    try:
        version = data_version(connection)
        if not is_trusted(path):
            return False
        with _short_wait(connection):  # a reader in the middle of a long read: no stamp
            busy = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    except sqlite3.Error:
        return False
    return not busy and _stamp_locked(connection, path, version)


def adopt(connection: sqlite3.Connection, path: Path | str, version: int) -> bool:
    """Stamp a file whose whole content we just wrote on `connection` from checked data (a
    restored backup), when no other connection committed since `data_version` read `version`
    on it. True when stamped."""
    return _stamp_locked(connection, path, version, read_whole=True)


def adopt_new(path: Path | str, made: dict[str, Any] | None) -> bool:
    """Stamp a new file we made whole (a demo database), `made` its state when our last
    connection to it closed (under another name: moving it into place changes its change
    time only): stamped when it is still that state. True when stamped."""
    if made is None:
        return False
    connection = sqlite3.connect(path)
    try:
        version = data_version(connection)
        now = state_of(path)
        if now is None or _without_ctime(now) != _without_ctime(made):
            return False
        return _stamp_locked(connection, path, version, expected=now, read_whole=True)
    except sqlite3.Error:
        return False
    finally:
        connection.close()


def _without_ctime(state: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in state.items() if key != "ctime_ns"}


def data_version(connection: sqlite3.Connection) -> int:
    """Changes whenever another connection (of any process) commits to the file."""
    return int(connection.execute("PRAGMA data_version").fetchone()[0])


def _stamp_locked(connection: sqlite3.Connection, path: Path | str, version: int,
                  expected: dict[str, Any] | None = None, *, read_whole: bool = False) -> bool:
    """Under the write lock (no SQLite writer can change the file meanwhile), stamp the file's
    state when nobody else committed since `version`; a file without a -wal waits for the
    clock to tick first (see the module docstring). `expected`: stamp only that state."""
    try:
        with _short_wait(connection):
            connection.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        log.debug("no stamp refresh for %s: %s", path, error)
        return False
    try:
        if data_version(connection) != version:
            return False
        state = state_of(path)
        if state is None or (expected is not None and state != expected):
            return False
        if state["wal"] is None and not (_wait_for_tick(state) and state_of(path) == state):
            return False
        _write(path, state, read_whole=read_whole)
        return True
    except sqlite3.Error as error:
        log.debug("no stamp refresh for %s: %s", path, error)
        return False
    finally:
        with contextlib.suppress(sqlite3.Error):
            connection.rollback()


@contextlib.contextmanager
def _short_wait(connection: sqlite3.Connection) -> Iterator[None]:
    """Wait at most `LOCK_WAIT_MS` for a lock (another writer or reader at work: no stamp)."""
    timeout = int(connection.execute("PRAGMA busy_timeout").fetchone()[0])
    connection.execute(f"PRAGMA busy_timeout = {LOCK_WAIT_MS}")
    try:
        yield
    finally:
        connection.execute(f"PRAGMA busy_timeout = {timeout}")


def _wait_for_tick(state: dict[str, Any]) -> bool:
    """Wait until a change to the file would get later times than `state`'s; False on a file
    system that keeps whole seconds only (FAT's clock ticks every 2 s: no stamp then)."""
    newest = max(int(state["mtime_ns"]), int(state["ctime_ns"]))
    if newest % 1_000_000_000 == 0:
        return False
    delay = newest + _TICK_NS - time.time_ns()
    if delay > 0:
        time.sleep(delay / 1e9)
    return True

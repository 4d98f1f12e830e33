"""Which database files passed a full integrity check, and in what state they were then.

`PRAGMA quick_check` reads the whole file: about 11 s at a million customers, against a few
milliseconds for what `stats`, `search` and `check` then ask. So whoever runs the check and finds
the file whole (`Database.verify`: the app's background check at start, `open_database`, the
command line; the quick commands; `check`) records a stamp: the file's identity and state (path,
device, inode, size, mtime and ctime in nanoseconds, the same of its -wal, and the change counter
in SQLite's header). A read-only quick command trusts a stamp that still matches and checks again
when anything changed (then stamps the new state).

The trade-off: damage that changes none of these (a bad sector under an unchanged file) is not
seen by a quick command trusting its stamp; it is caught by the next full check, which the app
runs in the background at every start, and `check --full` always runs. Any write through SQLite
changes the size or times (and so the stamp no longer matches): after the app or an import
wrote, the next quick command checks once more.

A state is stamped only when the file and its -wal were last modified at least `RACY_SECONDS`
before (as git treats "racily clean" files): a write in the same tick of the file system's clock
as the last one could leave the times unchanged; coarse clocks (FAT) tick every 2 s.

The stamps are one small JSON file in the user's cache folder (`CHECK_STAMPS_ENV` names another
folder: the benchmarks and tests use it), written atomically and readable by the user only. A
lost or unreadable stamp file only costs one more check.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CHECK_STAMPS_ENV = "CRM_DESKTOP_CHECK_STAMPS"
FILE_NAME = "integrity-stamps.json"
FORMAT = 1
RACY_SECONDS = 2.0
KEEP = 50  # stamps kept (the most recent); a database not used for a while is checked again
_HEADER_COUNTERS = slice(24, 28), slice(92, 100)  # file change counter, version-valid-for


def folder() -> Path:
    """Where the stamp file lives (created when a stamp is first written)."""
    chosen = os.environ.get(CHECK_STAMPS_ENV)
    if chosen:
        return Path(chosen)
    from platformdirs import user_cache_path

    return user_cache_path("crm-desktop", appauthor=False)


def state_of(path: Path | str) -> dict[str, Any] | None:
    """What the stamp records of the database at `path` (None when it cannot be read)."""
    path = Path(path)
    try:
        info = path.stat()
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError:
        return None
    state: dict[str, Any] = {
        "device": info.st_dev, "inode": info.st_ino, "size": info.st_size,
        "mtime_ns": info.st_mtime_ns, "ctime_ns": info.st_ctime_ns,
        "header": "".join(header[part].hex() for part in _HEADER_COUNTERS),
    }
    try:
        wal = Path(f"{path}-wal").stat()
    except FileNotFoundError:
        wal = None
    except OSError:
        return None
    # An empty -wal holds nothing (a read-only reader creates one): the same as none.
    state["wal"] = ([wal.st_ino, wal.st_size, wal.st_mtime_ns, wal.st_ctime_ns]
                    if wal is not None and wal.st_size > 0 else None)
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


def is_trusted(path: Path | str) -> bool:
    """True when the file is in the state a passed full check recorded."""
    stamp = _load().get(_key(path))
    if not isinstance(stamp, dict):
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
    stamps = _load()
    stamps[_key(path)] = {"state": before, "checked_at": time.time()}
    if len(stamps) > KEEP:
        newest = sorted(stamps.items(), key=lambda item: item[1].get("checked_at", 0))[-KEEP:]
        stamps = dict(newest)
    _save(stamps)
    return True


def forget(path: Path | str) -> None:
    """Drop the stamp of `path` (a check found it damaged)."""
    stamps = _load()
    if stamps.pop(_key(path), None) is not None:
        _save(stamps)

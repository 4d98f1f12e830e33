"""Temporary files that are renamed into place when whole, and the clean-up of those a crash
left behind (a new database being created, a backup being written).

A temporary file is named after its target, what it is for and the process writing it
(`.crm.db.creating-4711`), so a later run can tell a leftover (its process is gone) from a file
another running process is still writing. SQLite's own -journal, -wal and -shm files of a
temporary file go with it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import time
from pathlib import Path

log = logging.getLogger(__name__)

SQLITE_COMPANIONS = ("", "-journal", "-wal", "-shm")
# Where a process cannot be asked whether it is alive (Windows), a temporary file untouched
# for this long is a leftover.
STALE_SECONDS = 600.0


def temporary_path(target: Path, purpose: str) -> Path:
    """The temporary file this process writes `target` to before moving it into place."""
    return target.with_name(f".{target.name}.{purpose}-{os.getpid()}")


def remove_with_companions(path: Path) -> None:
    """Delete a SQLite file together with its -journal, -wal and -shm files."""
    for suffix in SQLITE_COMPANIONS:
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


def clean_leftovers(folder: Path, purpose: str) -> list[Path]:
    """Delete the temporary files for `purpose` in `folder` whose writer is gone; returns them."""
    pattern = re.compile(rf"^\..+\.{re.escape(purpose)}-(\d+)(-journal|-wal|-shm)?$")
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = pattern.match(entry.name)
        if match is None or not _is_leftover(entry, int(match.group(1))):
            continue
        try:
            entry.unlink()
        except OSError as error:
            log.info("cannot remove the leftover %s: %s", entry, error)
            continue
        removed.append(entry)
        log.info("removed the leftover %s", entry)
    return removed


def _is_leftover(path: Path, pid: int) -> bool:
    if pid == os.getpid():
        return False  # another thread of ours may be writing it (we restart our own anyway)
    if os.name == "posix":
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False  # alive, someone else's
        return False
    try:
        return time.time() - path.stat().st_mtime > STALE_SECONDS
    except OSError:
        return False


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows has no directory handles for this)."""
    if os.name != "posix":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def sync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def place(temporary: Path, target: Path, *, replace: bool = False) -> bool:
    """Move a finished temporary file to `target`, durably; False (nothing moved) when
    `target` appeared meanwhile, unless `replace`.

    Without `replace` a hard link makes the file appear whole under its name and never over a
    file another program created in the meantime; where the file system has no hard links
    (FAT, some network drives) it is renamed when the name is still free."""
    if replace:
        os.replace(temporary, target)
    else:
        try:
            os.link(temporary, target)
        except FileExistsError:
            return False
        except OSError:
            if target.exists():
                return False
            os.replace(temporary, target)
    sync_folder(target.parent)
    return True

"""Files the app writes are readable by the user only: the database, its -wal/-shm, backups,
settings and logs hold customer data.

`restrict_umask()` (called once at start-up, by the command line and so the app) makes every
file the process creates from then on 0600 and every folder 0700, whoever creates it: SQLite
(which gives -wal/-shm the main file's mode), Qt's settings, the logging module, exports.
`restrict(path)` takes group and other permissions away from an existing file we own that was
made before (by an older version, or copied in).
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

PRIVATE_UMASK = 0o077


def restrict_umask() -> int:
    """Files and folders created by this process from now on: owner only. Returns the old mask."""
    return os.umask(PRIVATE_UMASK)


def restrict(path: Path | str) -> None:
    """Owner-only permissions on `path` and its -wal/-shm when they exist (POSIX; a file of
    another owner, or a file system without modes, is left as it is)."""
    if os.name != "posix":
        return
    for candidate in (Path(path), Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(OSError):
            info = candidate.stat()
            if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & 0o077:
                os.chmod(candidate, stat.S_IMODE(info.st_mode) & 0o700)
                log.info("made %s readable by its owner only", candidate)

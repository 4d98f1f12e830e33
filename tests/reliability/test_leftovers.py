"""Finding 6 of issue 13: interrupted backups left `.partial` and `-journal` files that nothing
cleaned. Deterministic (the kill -9 tests reach this only when a kill lands mid-backup): the
files a dead process left are removed by the next backup, with their -journal; those of a live
process are kept."""

from __future__ import annotations

import subprocess
import sys

from crm_desktop.storage.backup import backup, default_folder


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_next_backup_cleans_what_a_killed_backup_left(db, db_path):
    folder = default_folder(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    dead = _dead_pid()
    left = [folder / f".crm-backup-1.db.partial-{dead}",
            folder / f".crm-backup-1.db.partial-{dead}-journal"]
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as alive:
        try:
            busy = [folder / f".crm-backup-2.db.partial-{alive.pid}",
                    folder / f".crm-backup-2.db.partial-{alive.pid}-journal"]
            for path in left + busy:
                path.write_bytes(b"half a backup")
            made = backup(db_path)
            assert made.parent == folder and made.is_file()
            assert [p for p in left if p.exists()] == []
            assert all(p.exists() for p in busy)  # another process is still writing them
        finally:
            alive.kill()

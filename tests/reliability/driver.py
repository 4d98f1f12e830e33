"""Runs one write in a process of its own, for the kill -9 tests (`python driver.py OP DB ...`).

Prints "ready" once everything but the write itself is done (modules imported, database
opened), then does the write and prints "done SECONDS" (how long the write took), so a test can
kill the process at a random moment of the write itself.

    create DB                 open (so: create) a new database
    gui DB SETTINGS           the app's first start on a new database (`launch`, offscreen)
    import DB FILE            import a customers file (one transaction)
    merge DB SURVIVOR LOSER   merge two customers
    unmerge DB MERGE_ID       undo a merge
    restore DB BACKUP         restore a backup over the database
    backup DB OUT             back up the database to OUT
    demo DB CUSTOMERS         fill the database with demo data
    demo DB CUSTOMERS BATCH   the same, committed in batches of BATCH customers
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def main(op: str, db: str, *args: str) -> None:
    from crm_desktop.services import customers, data
    from crm_desktop.storage.database import open_database

    path = Path(db)
    database = None
    if op in ("import", "merge", "unmerge", "demo"):
        database = open_database(path)
    if op == "gui":
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import QSettings

        from crm_desktop.app import launch, make_application
        from crm_desktop.ui import main_window  # noqa: F401 - imported before the clock starts

        make_application()
        settings = QSettings(args[0], QSettings.Format.IniFormat)
    ready()
    started = time.perf_counter()
    if op == "create":
        open_database(path).close()
    elif op == "gui":
        window = launch(path, settings=settings, offer_demo=False)
        assert window is not None
        window.close()
        window.context.database.close()
    elif op == "import":
        assert database is not None
        data.import_file(database, args[0])
    elif op == "merge":
        assert database is not None
        customers.merge_customers(database, int(args[0]), int(args[1]))
    elif op == "unmerge":
        assert database is not None
        customers.unmerge(database, int(args[0]))
    elif op == "restore":
        data.restore_backup(path, args[0])
    elif op == "backup":
        data.backup_database(path, args[0])
    elif op == "demo":
        assert database is not None
        if len(args) > 1:
            from crm_desktop.storage.demo import generate

            generate.CHUNK = int(args[1])
        data.load_demo(database, int(args[0]))
    else:
        raise SystemExit(f"unknown operation {op}")
    print(f"done {time.perf_counter() - started:.6f}", flush=True)
    if database is not None:
        database.close()


def ready() -> None:
    print("ready", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])

"""The main window's life after `app.launch` shows it: the database opened and checked in
workers (`open_soon`), the start-up jobs (`after_start`: reminders, the background process, the
start-up backup, the search index's backlog), SIGTERM closing the window as the user would, the
exit backup, and the "shown" report bench/startup.py times.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database
    from crm_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def open_soon(window: MainWindow, database: Database) -> None:
    """Open the real database and check it is whole, in workers, once the first rows are on
    screen (the check reads the whole file: seconds for a large one)."""
    from PySide6.QtCore import QCoreApplication, QTimer

    started = False

    def start() -> None:
        nonlocal started
        if not started:
            started = True
            if not database.is_open:
                window.runner.run(database.open, owner=window, key="open-database",
                                  description=QCoreApplication.translate("app",
                                                                         "Opening database"),
                                  on_finished=lambda _db: None)
            window.runner.run(database.verify, owner=window, key="verify-database",
                              description=QCoreApplication.translate("app",
                                                                     "Checking the database"),
                              on_finished=lambda _none: None,
                              on_failed=lambda error: _verify_failed(window, error))

    page = window.current_page()
    model = getattr(page, "model", None)
    if model is not None and hasattr(model, "loaded"):
        model.loaded.connect(lambda: QTimer.singleShot(30, start))
    QTimer.singleShot(1000, start)


def _verify_failed(window: MainWindow, error: BaseException) -> None:
    from crm_desktop.storage.errors import DamagedDatabase

    if isinstance(error, DamagedDatabase):
        from crm_desktop.ui.dialogs.damaged_database import offer_choices

        offer_choices(window, error)
    else:
        from crm_desktop.ui.errors import show_error

        show_error(window, error)


def report_shown_and_quit(window: MainWindow) -> None:
    """For bench/startup.py (QUIT_WHEN_SHOWN set): say when the window is on screen and when
    its first rows are, then quit (the bench times the lines from the process start)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()  # the first paint
    print("crm-desktop: window shown", flush=True)
    model = getattr(window.current_page(), "model", None)
    loaded = getattr(model, "loaded", None)
    if model is None or loaded is None:
        QApplication.quit()
        return
    if model.rowCount() and not model.isLoading():
        print("crm-desktop: rows shown", flush=True)
        QApplication.quit()
        return

    def rows_shown() -> None:
        QApplication.processEvents()
        print("crm-desktop: rows shown", flush=True)
        QApplication.quit()

    loaded.connect(lambda: QTimer.singleShot(0, rows_shown))
    QTimer.singleShot(30_000, QApplication.quit)


def after_start(window: MainWindow) -> None:
    """Once the window is up: remind of tasks due, and take the start-up backup (in workers)."""
    from crm_desktop.ui.activities.activities_page import startup_reminder

    startup_reminder(window.context, window)
    from crm_desktop.ui.child_process import prepare

    window.runner.run(prepare, owner=window, key="prepare-child-processes",
                      on_finished=lambda _result: None)
    database = window.context.database
    if database.path is not None:
        window.runner.run(_startup_backup, database, owner=window, key="auto-backup",
                          on_finished=lambda _path: None, on_failed=lambda _error: None)
        window.runner.run(_finish_search_index, database, owner=window, key="search-backlog",
                          on_finished=lambda _count: None,
                          on_failed=lambda error: log.warning("search backlog: %s", error))


def _finish_search_index(database: Database) -> int:
    """Index what an interrupted import left waiting for the search index (once the check
    found the database whole; found by search meanwhile)."""
    from crm_desktop.services.data import finish_search_index

    database.verify()
    return finish_search_index(database)


def _startup_backup(database: Database) -> Path | None:
    """The start-up backup, once the check found the database whole (waits for it; a damaged
    database raises here and is never backed up: its dialog comes from the check's job)."""
    from crm_desktop.ui.backup_actions import auto_backup_if_due

    database.verify()
    assert database.path is not None
    return auto_backup_if_due(database.path, "startup", passphrase=database.passphrase)


def close_on_termination(window: MainWindow) -> None:
    """SIGTERM (and SIGHUP: the session ends) close the window as the user would: state
    saved, jobs and the background process stopped, the exit backup taken, the database
    closed. Python runs signal handlers only between bytecodes, so a timer lets it in while
    Qt's event loop waits."""
    import signal

    from PySide6.QtCore import QTimer

    def close(_signum: int, _frame: object) -> None:
        QTimer.singleShot(0, window.close)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), close)
    ticker = QTimer(window)
    ticker.setObjectName("signalTicker")
    ticker.timeout.connect(lambda: None)
    ticker.start(200)


def backup_at(window: MainWindow, moment: str) -> None:
    path = window.context.database.path
    if path is not None:
        from crm_desktop.ui.backup_actions import auto_backup_if_due

        auto_backup_if_due(path, moment, passphrase=window.context.database.passphrase)

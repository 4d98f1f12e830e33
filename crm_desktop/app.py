"""Start the desktop app: QApplication, settings, translations, theme, database, main window.

The window with the first customer rows appears before SQLAlchemy and the models are even
imported (`Database.deferred`; they load in a worker right after); pandas, scikit-learn,
matplotlib and networkx load when a page first needs them. The database's integrity check
(`Database.verify`, a full read of the file) runs in a worker meanwhile: the first write and
the start-up backup wait for it, and a damaged file gets the choice of the newest good backup
(ui/dialogs/damaged_database.py). SIGTERM closes the window as the user would.

The language is chosen and installed by ui/language.py; what runs once the window is shown
(opening and checking the database, the start-up jobs, the exit backup) is in
ui/window_lifecycle.py.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from crm_desktop.storage.database import Database
    from crm_desktop.ui.main_window import MainWindow
    from crm_desktop.ui.welcome import Start

log = logging.getLogger(__name__)

ORGANIZATION = "crm-desktop"
APPLICATION = "crm-desktop"
# Set (to anything) to make `run` print when the window and its first rows are shown, then quit.
QUIT_WHEN_SHOWN = "CRM_DESKTOP_QUIT_WHEN_SHOWN"


def resources_dir() -> Path:
    """resources/ of a source checkout, or of a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    candidates = [Path(bundle) / "resources"] if bundle else []
    candidates += [Path(__file__).resolve().parent / "resources",
                   Path(__file__).resolve().parent.parent / "resources"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


# How long a thread may hold the GIL while another waits for it (Python's default: 5 ms). Every
# call from Qt into Python on the GUI thread (an event filter, a slot, a paint) takes the GIL
# again; while a worker runs Python, each such call waited up to 5 ms, and the hundreds a page
# makes as it is built and painted added up to stalls of 100-400 ms. The worker only yields more
# often while the GUI thread asks for the GIL, so its own speed hardly changes.
GUI_SWITCH_INTERVAL_S = 0.0005


def make_application(argv: list[str] | None = None) -> QApplication:
    from PySide6.QtWidgets import QApplication

    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(
        argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("crm-desktop")
    from crm_desktop import __version__

    app.setApplicationVersion(__version__)
    icon = resources_dir() / "icons" / "app.svg"
    if icon.is_file():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    return app


def launch(db_path: str | Path | None = None, *, settings: QSettings | None = None,
           start_page: str | None = None, offer_demo: bool = True,
           passphrase: str | None = None) -> MainWindow | None:
    """Everything up to the shown main window (None when the database cannot be opened).

    An existing database at the current schema is opened after the window shows (deferred):
    the first customer rows come from plain sqlite3, SQLAlchemy loads in a worker meanwhile.
    A new or older database is created/upgraded first, as that must happen before anything.
    An encrypted database is opened with `passphrase`, or the passphrase the user types.
    """
    from PySide6.QtCore import QSettings, QTimer

    from crm_desktop.storage.database import Database, is_current
    from crm_desktop.storage.encryption import is_encrypted
    from crm_desktop.ui import theme
    from crm_desktop.ui.language import use_language
    from crm_desktop.ui.main_window import MainWindow
    from crm_desktop.ui.window_lifecycle import open_soon

    app = make_application()
    settings = settings if settings is not None else QSettings()
    translators = use_language(app, settings, [])
    theme.apply_theme(app, str(settings.value(theme.SETTINGS_KEY, "system")))
    path = Path(db_path) if db_path is not None else start_database(settings)
    start = None
    if db_path is None and not os.environ.get(QUIT_WHEN_SHOWN):
        from crm_desktop.ui.welcome import should_welcome

        if should_welcome(settings, path):
            start = _welcome(settings, path)
            if start is None:
                global welcome_cancelled
                welcome_cancelled = True
                return None
            path = start.path
            use_language(app, settings, translators)  # the language chosen in the welcome
    database: Database | None
    if passphrase is None and is_encrypted(path):
        from crm_desktop.ui.security.passphrase_dialog import ask_to_open

        passphrase = ask_to_open(path)
        if passphrase is None:
            return None
    if passphrase is None and is_current(path):
        database = Database.deferred(path)
    else:
        database = _open_now(path, passphrase)
        if database is None:
            return None
    window = MainWindow(database, settings, start_page=start_page)
    from crm_desktop.ui.security.app_lock import install_app_lock

    install_app_lock(window)
    from crm_desktop.ui import read_only_banner

    read_only_banner.attach(window)
    window.show()
    if not database.is_open or not database.is_verified:
        open_soon(window, database)
    if start is not None:
        _first_start(window, start)
    elif offer_demo:
        from crm_desktop.ui.demo_offer import offer_demo as offer

        QTimer.singleShot(300, lambda: offer(window))
    return window


def start_database(settings: QSettings) -> Path:
    """The database opened without --db: the file chosen in the first run's welcome (while it
    exists), else the default database."""
    from crm_desktop.storage.paths import default_database_path
    from crm_desktop.ui.welcome import START_DATABASE_KEY

    chosen = str(settings.value(START_DATABASE_KEY, "") or "")
    return Path(chosen) if chosen and Path(chosen).is_file() else default_database_path()


# True when the user closed the first run's welcome (the app quits without an error).
welcome_cancelled = False


def _welcome(settings: QSettings, path: Path) -> Start | None:
    from crm_desktop.ui.welcome import WelcomeDialog

    dialog = WelcomeDialog(settings, path)
    return dialog.start() if dialog.exec() else None


def _first_start(window: MainWindow, start: Start) -> None:
    """After the welcome: the new database's currency, and the demo data when asked for."""
    from PySide6.QtCore import QTimer

    database = window.context.database
    if start.currency and database.is_open:
        from crm_desktop.services.money import set_default_currency

        try:
            set_default_currency(database, start.currency)
        except Exception:  # noqa: BLE001 - a bad code typed must not stop the first start
            log.warning("default currency %r not stored", start.currency, exc_info=True)
    if start.demo:
        from crm_desktop.ui.demo_offer import load_demo

        QTimer.singleShot(300, lambda: load_demo(window))


def _open_now(path: Path, passphrase: str | None = None) -> Database | None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from crm_desktop.storage.database import open_database
    from crm_desktop.storage.errors import DamagedDatabase, StorageError

    try:
        return open_database(path, passphrase=passphrase)
    except DamagedDatabase as error:
        log.error("the database is damaged: %s", error)
        from crm_desktop.storage.backup import restore
        from crm_desktop.ui.dialogs.damaged_database import choose_before_start

        return _open_now(path, passphrase) if choose_before_start(error, restore) else None
    except StorageError as error:
        log.error("cannot open the database: %s", error)
        QMessageBox.critical(None, QCoreApplication.translate("app", "crm-desktop"),
                             QCoreApplication.translate("app", "Cannot open the database:\n{0}")
                             .format(error))
        return None


def run(db_path: str | Path | None = None, *, start_page: str | None = None,
        offer_demo: bool = True, passphrase: str | None = None) -> int:
    """Run the app on `db_path` (default: the user's database); returns the exit code."""
    window = launch(db_path, start_page=start_page, offer_demo=offer_demo,
                    passphrase=passphrase)
    if window is None:
        return 0 if welcome_cancelled else 1
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from crm_desktop.ui.window_lifecycle import (
        after_start,
        backup_at,
        close_on_termination,
        report_shown_and_quit,
    )

    close_on_termination(window)
    QTimer.singleShot(1500, lambda: after_start(window))
    if os.environ.get(QUIT_WHEN_SHOWN):
        QTimer.singleShot(0, lambda: report_shown_and_quit(window))
    try:
        return int(QApplication.exec())
    finally:
        backup_at(window, "exit")
        window.context.database.close()

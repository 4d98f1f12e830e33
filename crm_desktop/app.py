"""Start the desktop app: QApplication, settings, translations, theme, database, main window.

The window with the first customer rows appears before SQLAlchemy and the models are even
imported (`Database.deferred`; they load in a worker right after); pandas, scikit-learn,
matplotlib and networkx load when a page first needs them. The database's integrity check
(`Database.verify`, a full read of the file) runs in a worker meanwhile: the first write and
the start-up backup wait for it, and a damaged file gets the choice of the newest good backup
(ui/dialogs/damaged_database.py). SIGTERM closes the window as the user would.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator
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


# The user's language: QSettings key and values (the settings dialog and the welcome store one
# of these, see ui/preferences.py; "" or "system" follow the system's), and an environment
# variable that overrides the setting (tests, screenshots): "system", "en", "zh_CN".
LANGUAGE_KEY = "general/language"
LANGUAGE_ENV = "CRM_LANG"
LANGUAGES = ("", "en", "zh_CN")


def chosen_locale(settings: QSettings | None = None) -> QLocale:
    """The locale the interface speaks and formats in: $CRM_LANG, else the `general/language`
    setting, else the system's. "en" keeps the system's region when the system speaks English
    (British dates stay British), else it is US English."""
    from PySide6.QtCore import QLocale

    choice = os.environ.get(LANGUAGE_ENV, "").strip()
    if not choice and settings is not None:
        choice = str(settings.value(LANGUAGE_KEY, "") or "").strip()
    system = QLocale.system()
    if not choice or choice == "system":
        return system
    if choice == "en":
        english = QLocale.Language.English
        return system if system.language() == english else QLocale("en_US")
    locale = QLocale(choice)
    if locale.language() == QLocale.Language.C:
        log.warning("unknown language %r: using the system's", choice)
        return system
    return locale


def install_translations(app: QCoreApplication, locale: QLocale | None = None,
                         settings: QSettings | None = None) -> list[QTranslator]:
    """Speak `locale` (default: :func:`chosen_locale`): it becomes the default QLocale (so
    dates, numbers and money are formatted for it), and our translation
    (resources/translations/crm_desktop_<locale>.qm) and Qt's own (qtbase_<locale>.qm: the
    standard dialogs and buttons) are installed when there are any. Translators installed by
    an earlier call are removed first. English needs none (the source texts are English)."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    locale = locale or chosen_locale(settings)
    QLocale.setDefault(locale)
    for old in app.findChildren(QTranslator, "crm_desktop_translator"):
        app.removeTranslator(old)
        old.deleteLater()
    installed: list[QTranslator] = []
    if locale.language() in (QLocale.Language.English, QLocale.Language.C):
        return installed
    folders = [("crm_desktop", str(resources_dir() / "translations")),
               ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    for name, folder in folders:
        translator = QTranslator(app)
        translator.setObjectName("crm_desktop_translator")
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.info("no %s translation for %s in %s", name, locale.name(), folder)
            translator.deleteLater()
    return installed


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
    from crm_desktop.ui.main_window import MainWindow

    app = make_application()
    settings = settings if settings is not None else QSettings()
    translators = _use_language(app, settings, [])
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
            _use_language(app, settings, translators)  # the language chosen in the welcome
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
        _open_soon(window, database)
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


def _use_language(app: QCoreApplication, settings: QSettings,
                  installed: list[QTranslator]) -> list[QTranslator]:
    """Install the translations of the chosen language (replacing `installed`); dates, numbers
    and country names follow it too."""
    from PySide6.QtCore import QLocale

    for translator in installed:
        app.removeTranslator(translator)
    locale = chosen_locale(settings)
    QLocale.setDefault(locale)
    installed[:] = install_translations(app, locale)
    return installed


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


def _open_soon(window: MainWindow, database: Database) -> None:
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


def run(db_path: str | Path | None = None, *, start_page: str | None = None,
        offer_demo: bool = True, passphrase: str | None = None) -> int:
    """Run the app on `db_path` (default: the user's database); returns the exit code."""
    window = launch(db_path, start_page=start_page, offer_demo=offer_demo,
                    passphrase=passphrase)
    if window is None:
        return 0 if welcome_cancelled else 1
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    close_on_termination(window)
    QTimer.singleShot(1500, lambda: _after_start(window))
    if os.environ.get(QUIT_WHEN_SHOWN):
        QTimer.singleShot(0, lambda: _report_shown_and_quit(window))
    try:
        return int(QApplication.exec())
    finally:
        _backup_at(window, "exit")
        window.context.database.close()


def _report_shown_and_quit(window: MainWindow) -> None:
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


def _after_start(window: MainWindow) -> None:
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


def _backup_at(window: MainWindow, moment: str) -> None:
    path = window.context.database.path
    if path is not None:
        from crm_desktop.ui.backup_actions import auto_backup_if_due

        auto_backup_if_due(path, moment, passphrase=window.context.database.passphrase)

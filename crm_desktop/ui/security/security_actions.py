"""File > Security: encrypt the open database, change its passphrase, decrypt it, lock now, and
the idle time before the app locks itself.

Encrypting, decrypting and changing the passphrase rewrite the file (storage/encryption.py):
the window closes the database and its background process first, the work runs in a worker,
then the database is opened again with its new passphrase.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox

from crm_desktop.storage import encryption
from crm_desktop.ui.security.app_lock import LOCK_MINUTES_KEY, lock_minutes
from crm_desktop.ui.security.passphrase_dialog import PassphraseDialog, ask_new

if TYPE_CHECKING:
    from crm_desktop.ui.main_window import MainWindow

AddAction = Callable[..., QAction]


def _tr(text: str) -> str:
    return QCoreApplication.translate("Security", text)


def add_menu(window: MainWindow, file_menu: QMenu, add: AddAction) -> QMenu:
    """The Security submenu of the File menu."""
    menu = file_menu.addMenu(_tr("&Security"))
    menu.setObjectName("securityMenu")
    menu.addAction(add("encrypt_database", _tr("&Encrypt database…"),
                       lambda: encrypt_database(window)))
    menu.addAction(add("change_passphrase", _tr("&Change passphrase…"),
                       lambda: change_passphrase(window)))
    menu.addAction(add("decrypt_database", _tr("&Decrypt database…"),
                       lambda: decrypt_database(window)))
    menu.addSeparator()
    menu.addAction(add("lock_now", _tr("&Lock now"), lambda: lock_now(window), "Ctrl+L"))
    menu.addAction(add("lock_after", _tr("Lock &after idle time…"),
                       lambda: ask_lock_minutes(window)))

    def refresh() -> None:
        encrypted = window.context.database.passphrase is not None
        has_file = window.context.database.path is not None
        for name, enabled in (("encrypt_database", has_file and not encrypted),
                              ("change_passphrase", encrypted), ("decrypt_database", encrypted),
                              ("lock_now", encrypted)):
            action = window.findChild(QAction, f"action_{name}")
            if action is not None:
                action.setEnabled(enabled)

    menu.aboutToShow.connect(refresh)
    return menu


def encrypt_database(window: MainWindow) -> None:
    path = window.context.database.path
    if path is None or window.context.database.passphrase is not None:
        return
    new = ask_new(window, _tr("Encrypt database"), _tr(
        "Choose a passphrase for {0}. It is needed every time the database is opened: without "
        "it nobody, you included, can read the data again.").format(Path(path).name))
    if new:
        _rewrite(window, Path(path), encryption.encrypt, (new,), new,
                 _tr("Encrypting the database"))


def change_passphrase(window: MainWindow) -> None:
    database = window.context.database
    if database.path is None or database.passphrase is None:
        return
    old = database.passphrase
    if not _confirm_current(window, old):
        return
    new = ask_new(window, _tr("Change passphrase"), _tr(
        "Type the new passphrase. Backups made before keep the old one."))
    if new:
        _rewrite(window, Path(database.path), encryption.change_passphrase, (old, new), new,
                 _tr("Changing the passphrase"))


def decrypt_database(window: MainWindow) -> None:
    database = window.context.database
    if database.path is None or database.passphrase is None:
        return
    answer = QMessageBox.question(window, _tr("Decrypt database"), _tr(
        "After this anyone who can read {0} can read its records. Decrypt it?").format(
        Path(database.path).name))
    if answer != QMessageBox.StandardButton.Yes or not _confirm_current(window,
                                                                          database.passphrase):
        return
    _rewrite(window, Path(database.path), encryption.decrypt, (database.passphrase,), None,
             _tr("Decrypting the database"))


def _confirm_current(window: MainWindow, current: str) -> bool:
    """The current passphrase again, so a passer-by at an unlocked screen cannot change it."""

    def check(typed: str) -> str | None:
        return None if typed == current else _tr("Wrong passphrase.")

    dialog = PassphraseDialog(window, _tr("Current passphrase"),
                              _tr("Type the current passphrase of the database."), check=check)
    return bool(dialog.exec())


def _rewrite(window: MainWindow, path: Path, work: Callable[..., None], args: tuple[Any, ...],
             passphrase_after: str | None, description: str) -> None:
    """Close the database, run `work(path, *args)` in a worker, open the database again."""
    from crm_desktop.ui.errors import show_error

    database = window.context.database
    passphrase_before = database.passphrase
    window.setEnabled(False)
    window.context.close_background()
    database.close()

    def finished(_result: object) -> None:
        window.setEnabled(True)
        window.switch_database(path, passphrase_after)

    def failed(error: BaseException) -> None:
        window.setEnabled(True)
        show_error(window, error)
        window.switch_database(path, passphrase_before)

    window.runner.run(work, path, *args, owner=window, key="rewrite-database",
                      description=description, on_finished=finished, on_failed=failed)


def lock_now(window: MainWindow) -> None:
    lock = getattr(window, "app_lock", None)
    if lock is not None:
        lock.lock()


def ask_lock_minutes(window: MainWindow) -> None:
    minutes, ok = QInputDialog.getInt(
        window, _tr("Lock after idle time"),
        _tr("Lock an encrypted database after this many idle minutes (0: never):"),
        lock_minutes(window.settings), 0, 24 * 60)
    if not ok:
        return
    window.settings.setValue(LOCK_MINUTES_KEY, minutes)
    lock = getattr(window, "app_lock", None)
    if lock is not None:
        lock.set_minutes(minutes)

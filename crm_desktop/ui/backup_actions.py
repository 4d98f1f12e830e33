"""Backups from the UI: manual backup, restore with confirmation, automatic backup with rotation.

    backup_now(database, parent)          File > Back up now… (runs in a worker)
    restore_from(database_path, parent)   File > Restore from backup… (asks first; `apply`
                                          gets what the restore changed: everything)
    auto_backup(database_path, keep)      at start-up or exit; keep N from QSettings

Settings (QSettings): `backup/keep` (default 10), `backup/folder` (empty: a `backups` folder
next to the database) and `backup/auto` ("startup", "exit", "both" or "off"; default
"startup"); the Settings dialog edits the folder and how many to keep.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from crm_desktop.services import data
from crm_desktop.storage import backup as storage_backup
from crm_desktop.storage.database import Database
from crm_desktop.storage.errors import StorageError

if TYPE_CHECKING:
    from crm_desktop.storage.changes import Changes
    from crm_desktop.ui.context import AppContext

log = logging.getLogger(__name__)
KEEP_KEY = "backup/keep"
FOLDER_KEY = "backup/folder"
AUTO_KEY = "backup/auto"
DEFAULT_KEEP = storage_backup.DEFAULT_KEEP
AUTO_CHOICES = ("startup", "exit", "both", "off")
_runners: list[Any] = []  # runners of backups started without a window to own them


def _tr(text: str) -> str:
    return QCoreApplication.translate("Backup", text)


def _path_of(database: Database | AppContext) -> Path:
    path = database.path if isinstance(database, Database) else database.database.path
    if path is None:
        raise StorageError(_tr("This database is not a file and cannot be backed up."))
    return Path(path)


def keep_setting(settings: QSettings | None = None) -> int:
    settings = settings if settings is not None else QSettings()
    try:
        return max(1, int(str(settings.value(KEEP_KEY, DEFAULT_KEEP))))
    except (TypeError, ValueError):
        return DEFAULT_KEEP


def backup_folder(database_path: Path | str, settings: QSettings | None = None) -> Path:
    """The folder chosen in the settings, else the `backups` folder next to the database."""
    settings = settings if settings is not None else QSettings()
    chosen = str(settings.value(FOLDER_KEY, "") or "").strip()
    return Path(chosen).expanduser() if chosen else storage_backup.default_folder(database_path)


def auto_setting(settings: QSettings | None = None) -> str:
    settings = settings if settings is not None else QSettings()
    value = str(settings.value(AUTO_KEY, "startup"))
    return value if value in AUTO_CHOICES else "startup"


def auto_backup(database_path: Path | str, keep: int = DEFAULT_KEEP,
                folder: Path | str | None = None, *, passphrase: str | None = None
                ) -> Path | None:
    """A timestamped backup in `folder` (default: next to the database), keeping the newest
    `keep` (encrypted with the database's `passphrase` when it has one); never raises (a failed
    automatic backup is logged, it must not stop the app starting or closing)."""
    try:
        return storage_backup.auto_backup(database_path, keep, folder, passphrase=passphrase)
    except Exception:
        log.warning("automatic backup of %s failed", database_path, exc_info=True)
        return None


def auto_backup_if_due(database_path: Path | str, moment: str,
                       settings: QSettings | None = None, *,
                       passphrase: str | None = None) -> Path | None:
    """`auto_backup` when the settings ask for one at this `moment` ("startup" or "exit")."""
    choice = auto_setting(settings)
    if choice == "off" or (choice != "both" and choice != moment):
        return None
    return auto_backup(database_path, keep_setting(settings),
                       backup_folder(database_path, settings), passphrase=passphrase)


def backup_now(database: Database | AppContext, parent: QWidget | None,
               wait: bool = False) -> Path | None:
    """Ask where, then copy the database there (in a worker unless `wait`)."""
    source = _path_of(database)
    passphrase = (database if isinstance(database, Database) else database.database).passphrase
    suggested = backup_folder(source) / storage_backup.timestamped_name()
    suggested.parent.mkdir(parents=True, exist_ok=True)
    chosen, _ = QFileDialog.getSaveFileName(parent, _tr("Back up the database"), str(suggested),
                                            _tr("Databases (*.db);;All files (*)"))
    if not chosen:
        return None
    target = Path(chosen)
    if wait:
        return data.backup_database(source, target, passphrase=passphrase)
    runner = None if isinstance(database, Database) else database.runner
    if runner is None:
        from crm_desktop.ui.workers import Runner

        runner = Runner(parent, parent=parent)
        if parent is None:
            _runners.append(runner)

    def finished(made: Path) -> None:
        QMessageBox.information(parent, _tr("Backup"),
                                _tr("The database was backed up to {0}.").format(made))

    runner.run(data.backup_database, source, target, owner=parent, key="backup",
               passphrase=passphrase,
               description=_tr("Backup"), on_finished=finished)
    return target


def restore_from(database_path: Path | str, parent: QWidget | None,
                 apply: Callable[[Changes], None] | None = None, *,
                 passphrase: str | None = None) -> Path | None:
    """Pick a backup, check it, confirm, restore; returns the safety copy (None if cancelled).

    The open database is rewritten in place (SQLite's backup API), so open connections see the
    restored data; `apply` is given what changed (every kind of record) to refresh the views.
    """
    target = Path(database_path)
    chosen, _ = QFileDialog.getOpenFileName(
        parent, _tr("Restore from backup"), str(backup_folder(target)),
        _tr("Databases (*.db *.sqlite);;All files (*)"))
    if not chosen:
        return None
    from crm_desktop.ui.errors import show_error

    try:
        info = storage_backup.inspect_backup(chosen, passphrase)
    except StorageError as error:
        show_error(parent, error)
        return None
    answer = QMessageBox.question(
        parent, _tr("Restore from backup"),
        _tr("Replace the current database with this backup ({0} customers, schema {1})?\n"
            "A safety copy of the current database is kept in the backups folder.").format(
            info.customers, info.schema_version))
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        outcome = data.restore_backup(target, chosen, passphrase=passphrase)
    except StorageError as error:
        show_error(parent, error)
        return None
    safety = outcome.value
    if apply is not None:
        apply(outcome.changes)
    QMessageBox.information(parent, _tr("Restore from backup"), _tr(
        "The backup was restored. The previous database is kept in {0}.").format(safety))
    reload = getattr(parent, "switch_database", None)
    if callable(reload):
        reload(str(target), passphrase)
    return safety

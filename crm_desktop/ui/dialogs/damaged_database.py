"""The database turned out damaged: offer the newest good backup, reading it anyway, or quitting.

    offer_choices(window, error)      the check in the background found damage (window shown)
    choose_before_start(error, path)  the database could not even be opened (no window yet)

"Restore newest good backup" replaces the damaged file with the newest backup that passed its
own check (a plain copy of the damaged file is kept in the backups folder) and reopens it;
"Open anyway read-only" keeps reading what can be read while every write is refused, with a
banner saying so; "Quit" closes the app.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget

from crm_desktop.storage.errors import DamagedDatabase, StorageError

if TYPE_CHECKING:
    from crm_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

RESTORE, READ_ONLY, QUIT = "restore", "read-only", "quit"


def _tr(text: str) -> str:
    return QCoreApplication.translate("DamagedDatabase", text)


def damaged_box(parent: QWidget | None, error: DamagedDatabase,
                allow_read_only: bool = True) -> QMessageBox:
    """The question, with one button per choice (`box.property("choice")` after a click)."""
    box = QMessageBox(parent)
    box.setObjectName("damagedDatabase")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_tr("The database is damaged"))
    name = error.path.name if error.path is not None else ""
    box.setText(_tr("The database {0} is damaged: part of the file can no longer be read "
                    "correctly (a failing disk, or the computer stopped while writing).")
                .format(name))
    if error.backup is not None:
        made = datetime.fromtimestamp(error.backup.stat().st_mtime)
        box.setInformativeText(_tr(
            "The newest good backup is {0}, from {1}. Restoring it replaces the damaged file "
            "(a copy of the damaged file is kept in the backups folder); changes made after "
            "that backup are lost.").format(error.backup.name, made.strftime("%Y-%m-%d %H:%M")))
    else:
        box.setInformativeText(_tr(
            "There is no good backup of it. You can open it read-only and export what can "
            "still be read."))
    box.setDetailedText("\n".join(error.problems) or str(error))
    choices: dict[QAbstractButton, str] = {}
    if error.backup is not None:
        restore = box.addButton(_tr("Restore newest good backup"),
                                QMessageBox.ButtonRole.AcceptRole)
        choices[restore] = RESTORE
        box.setDefaultButton(restore)
    if allow_read_only:
        choices[box.addButton(_tr("Open anyway read-only"),
                              QMessageBox.ButtonRole.ActionRole)] = READ_ONLY
    quit_button = box.addButton(_tr("Quit"), QMessageBox.ButtonRole.RejectRole)
    choices[quit_button] = QUIT
    box.setEscapeButton(quit_button)
    box.buttonClicked.connect(lambda button: box.setProperty("choice", choices.get(button, QUIT)))
    return box


def offer_choices(window: MainWindow, error: DamagedDatabase) -> QMessageBox:
    """Ask (window-modal, not blocking) and carry out the choice."""
    box = damaged_box(window, error)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.finished.connect(lambda _result: _carry_out(window, error, str(box.property("choice")
                                                                          or QUIT)))
    box.open()
    return box


def _carry_out(window: MainWindow, error: DamagedDatabase, choice: str) -> None:
    from crm_desktop.ui import read_only_banner

    database = window.context.database
    if choice == RESTORE and error.backup is not None and database.path is not None:
        restore_in_background(window, database.path, error.backup)
    elif choice == READ_ONLY:
        database.refuse_writes(read_only_banner.DAMAGED)
        read_only_banner.refresh(window)
    else:
        window.close()


def restore_in_background(window: MainWindow, path: Path, backup: Path) -> None:
    """Stop using the damaged file, restore the backup over it in a worker, and reopen it."""
    from crm_desktop.services.data import restore_backup
    from crm_desktop.ui.errors import show_error

    window.context.close_background()

    def restored(_outcome: object) -> None:
        window.switch_database(path)
        # Window-modal, not blocking: the window keeps working while the notice shows.
        notice = QMessageBox(QMessageBox.Icon.Information, _tr("Backup restored"), _tr(
            "{0} was restored from {1}.").format(path.name, backup.name),
            QMessageBox.StandardButton.Ok, window)
        notice.setObjectName("backupRestored")
        notice.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        notice.open()

    window.runner.run(restore_backup, path, backup, owner=window, key="restore-damaged",
                      description=_tr("Restoring the backup"), on_finished=restored,
                      on_failed=lambda failure: show_error(window, failure))


def choose_before_start(error: DamagedDatabase,
                        restore: Callable[[Path, Path], object]) -> bool:
    """Before the window exists: ask whether to restore the newest good backup (True once it
    is restored) or quit (False). Reading it anyway needs it opened, which just failed."""
    box = damaged_box(None, error, allow_read_only=False)
    box.exec()
    if box.property("choice") != RESTORE or error.backup is None or error.path is None:
        return False
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        restore(error.path, error.backup)
    except StorageError as failure:
        log.error("restoring %s failed: %s", error.backup, failure)
        QMessageBox.critical(None, _tr("The database is damaged"), str(failure))
        return False
    finally:
        QApplication.restoreOverrideCursor()
    return True

"""A banner under the toolbar while the database is open read-only (`Database.read_only`).

    attach(window)    once, at start: shows or hides the banner for each database opened
    refresh(window)   after the database became read-only (a damaged one opened anyway)

Writes are refused by storage with a clear message (`ReadOnlyDatabase`); the banner says so
before anyone tries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QToolBar

if TYPE_CHECKING:
    from crm_desktop.ui.main_window import MainWindow

OBJECT_NAME = "readOnlyBanner"
DAMAGED = "it is damaged"  # the reason given to `Database.refuse_writes` by the damaged dialog


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReadOnlyBanner", text)


def _reason_text(reason: str) -> str:
    """Storage's reasons, in the user's language."""
    known = {
        "the file is read-only": _tr("the file is read-only"),
        "its folder is read-only": _tr("its folder is read-only"),
        DAMAGED: _tr("it is damaged; restore a backup (File > Restore from backup…) to make "
                     "changes"),
    }
    return known.get(reason, reason)


def banner(window: MainWindow) -> QToolBar | None:
    return window.findChild(QToolBar, OBJECT_NAME)


def attach(window: MainWindow) -> QToolBar:
    """The (hidden unless needed) banner, kept in step with the database the window shows."""
    bar = banner(window)
    if bar is None:
        bar = QToolBar(window)
        bar.setObjectName(OBJECT_NAME)
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.toggleViewAction().setVisible(False)
        label = QLabel(bar)
        label.setObjectName("readOnlyMessage")
        label.setWordWrap(True)
        label.setStyleSheet("QLabel { background: #fff3cd; color: #664d03; padding: 6px; }")
        bar.addWidget(label)
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        window.databaseChanged.connect(lambda _database: refresh(window))
    refresh(window)
    return bar


def refresh(window: MainWindow) -> None:
    bar = banner(window)
    if bar is None:
        return
    reason = window.context.database.read_only
    label = bar.findChild(QLabel, "readOnlyMessage")
    if reason is None or label is None:
        bar.hide()
        return
    label.setText(_tr("Read-only: {0}. You can look at everything, but changes cannot be "
                      "saved.").format(_reason_text(reason)))
    bar.show()

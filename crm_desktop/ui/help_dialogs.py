"""The Help menu's dialogs: About (version, database, schema version, data folder), the keyboard
shortcuts (read from the window's actions, so the list is never out of date) and the user guide
(docs/user-guide.md, or its translation user-guide.<language>.md when there is one).

    about_dialog(window); shortcuts_dialog(window); user_guide_dialog(window)
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.ui.qt_typed import named, translate
from crm_desktop.ui.theme import style_item_view

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database



def _dialog(parent: QWidget | None, name: str, title: str, body: QWidget) -> QDialog:
    dialog = QDialog(parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(body, 1)
    layout.addWidget(buttons)
    return dialog


# About -----------------------------------------------------------------------------------------
def about_facts(database: Database) -> list[tuple[str, str]]:
    """(label, value): the version, the database file, its schema version, the data folder."""
    from crm_desktop import __version__
    from crm_desktop.storage.paths import data_dir

    try:
        schema = database.schema_version() or translate("Help", "none")
    except Exception:  # noqa: BLE001 - About must open even when the database cannot answer
        schema = translate("Help", "unknown")
    path = str(database.path) if database.path is not None else translate("Help", "in memory")
    return [(translate("Help", "Version"), __version__), (translate("Help", "Database"), path),
            (translate("Help", "Schema version"), schema), (translate("Help", "Data folder"), str(data_dir()))]


def about_dialog(parent: QWidget | None, database: Database) -> QDialog:
    rows = "".join(f"<tr><td style='padding-right:12px'><b>{html.escape(label)}</b></td>"
                   f"<td>{html.escape(value)}</td></tr>"
                   for label, value in about_facts(database))
    text = named(QLabel(), "aboutText")
    text.setTextFormat(Qt.TextFormat.RichText)
    text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    text.setWordWrap(True)
    text.setText("<p><span style='font-size:14pt; font-weight:600'>crm-desktop</span><br>"  # notr
                 + html.escape(translate("Help", "An offline-first customer relationship manager. Your data "
                                   "stays in one file on this computer."))
                 + f"</p><table>{rows}</table>")
    dialog = _dialog(parent, "aboutDialog", translate("Help", "About crm-desktop"), text)
    dialog.open()
    return dialog


# Keyboard shortcuts ------------------------------------------------------------------------------
def shortcut_rows(actions: dict[str, QAction]) -> list[tuple[str, str]]:
    """(what, keys) for every action that has a shortcut, in the menus' order, keys as this
    platform writes them ("Ctrl+Z", "⌘Z")."""
    rows = []
    for action in actions.values():
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
                if not k.isEmpty()]
        if keys:
            rows.append((action.text().replace("&", "").rstrip("…"), ", ".join(keys)))
    return rows


def shortcuts_dialog(parent: QWidget | None, actions: dict[str, QAction]) -> QDialog:
    rows = shortcut_rows(actions)
    table = named(QTableWidget(len(rows), 2), "shortcutsTable")
    style_item_view(table)
    table.setHorizontalHeaderLabels([translate("Help", "Action"), translate("Help", "Keys")])
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    for row, (what, keys) in enumerate(rows):
        table.setItem(row, 0, QTableWidgetItem(what))
        table.setItem(row, 1, QTableWidgetItem(keys))
    dialog = _dialog(parent, "shortcutsDialog", translate("Help", "Keyboard shortcuts"), table)
    dialog.resize(460, 480)
    dialog.open()
    return dialog


# User guide --------------------------------------------------------------------------------------
def guide_path(locale: QLocale | None = None) -> Path | None:
    """docs/user-guide.<language>.md when translated, else docs/user-guide.md (in a source
    checkout beside resources/, in a bundle copied beside it by build.spec's data files)."""
    from crm_desktop.app import resources_dir

    folder = resources_dir().parent / "docs"
    name = (locale or QLocale()).name()
    for candidate in (f"user-guide.{name}.md", f"user-guide.{name.split('_')[0]}.md",
                      "user-guide.md"):
        if (folder / candidate).is_file():
            return folder / candidate
    return None


def user_guide_dialog(parent: QWidget | None) -> QDialog:
    browser = named(QTextBrowser(), "userGuide")
    browser.setOpenExternalLinks(True)
    path = guide_path()
    if path is None:
        browser.setPlainText(translate("Help", "The user guide is missing from this installation."))
    else:
        browser.setMarkdown(path.read_text(encoding="utf-8"))
    dialog = _dialog(parent, "userGuideDialog", translate("Help", "User guide"), browser)
    dialog.resize(640, 560)
    dialog.open()
    return dialog

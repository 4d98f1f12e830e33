"""Menus, toolbar and shortcuts of the main window (File, Edit, View, Help).

Shortcuts go to the current page: Ctrl+N `new_record()`, Delete `delete_selected()`,
Ctrl+Z/Ctrl+Shift+Z the shared undo stack, Ctrl+K the global search, F5 `refresh()`.
Import/Export/Backup/Find duplicates open the dialogs of the data in/out feature (their modules
are imported when the action is first used).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMenu, QToolBar, QWidget

from crm_desktop.ui import recent_databases, theme
from crm_desktop.ui.qt_typed import translate

if TYPE_CHECKING:
    from crm_desktop.ui.context import AppContext
    from crm_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


# The data in/out dialogs, each opened (non-blocking) with (context, parent). The imports are
# inside so that start-up imports none of them.
def _open_import(context: AppContext, parent: QWidget) -> QWidget:
    from crm_desktop.ui.data.import_wizard import open_dialog

    return open_dialog(context, parent)


def _open_export(context: AppContext, parent: QWidget) -> QWidget:
    from crm_desktop.ui.data.export_dialog import open_dialog

    return open_dialog(context, parent)


def _open_backup(context: AppContext, parent: QWidget) -> QWidget:
    from crm_desktop.ui.data.backup_dialog import open_dialog

    return open_dialog(context, parent)


def _open_duplicates(context: AppContext, parent: QWidget) -> QWidget:
    from crm_desktop.ui.data.duplicates_dialog import open_dialog

    return open_dialog(context, parent)


DataDialog = Callable[["AppContext", QWidget], QWidget]
DATA_DIALOGS: tuple[tuple[str, DataDialog], ...] = (
    ("import", _open_import), ("export", _open_export), ("backup", _open_backup),
    ("duplicates", _open_duplicates),
)


def _db_filter() -> str:
    return translate("MainWindow", "crm-desktop databases (*.db *.sqlite);;All files (*)")


def build(window: MainWindow) -> dict[str, QAction]:
    """Create the actions, menus and toolbar; returns the actions by name."""
    actions: dict[str, QAction] = {}

    def add(name: str, text: str, slot: Any = None, shortcut: Any = None,
            tip: str = "") -> QAction:
        action = QAction(text, window)
        action.setObjectName(f"action_{name}")
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        actions[name] = action
        return action

    menu_bar = window.menuBar()
    file_menu = menu_bar.addMenu(translate("MainWindow", "&File"))
    file_menu.addAction(add("new_database", translate("MainWindow", "&New database…"), lambda: new_database(window)))
    file_menu.addAction(add("open_database", translate("MainWindow", "&Open database…"),
                            lambda: open_database(window), QKeySequence.StandardKey.Open))
    recent = file_menu.addMenu(translate("MainWindow", "Recent databases"))
    recent.setObjectName("recentMenu")
    recent.aboutToShow.connect(lambda: fill_recent(window, recent))
    file_menu.addSeparator()
    labels = {"import": translate("MainWindow", "&Import…"), "export": translate("MainWindow", "&Export…"), "backup": translate("MainWindow", "&Backup…"),
              "duplicates": translate("MainWindow", "Find &duplicates…")}
    for name, opener in DATA_DIALOGS:
        file_menu.addAction(add(name, labels[name],
                                lambda o=opener: open_data_dialog(window, o)))
    file_menu.addSeparator()
    from crm_desktop.ui.security.security_actions import add_menu as add_security_menu

    add_security_menu(window, file_menu, add)
    file_menu.addSeparator()
    file_menu.addAction(add("quit", translate("MainWindow", "&Quit"), window.close, QKeySequence.StandardKey.Quit))

    edit_menu = menu_bar.addMenu(translate("MainWindow", "&Edit"))
    undo = window.undo_stack.createUndoAction(window, translate("MainWindow", "&Undo"))
    undo.setShortcuts(QKeySequence.StandardKey.Undo)
    undo.setObjectName("action_undo")
    redo = window.undo_stack.createRedoAction(window, translate("MainWindow", "&Redo"))
    redo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")])
    redo.setObjectName("action_redo")
    actions["undo"], actions["redo"] = undo, redo
    edit_menu.addAction(undo)
    edit_menu.addAction(redo)
    edit_menu.addSeparator()
    edit_menu.addAction(add("new", translate("MainWindow", "&New record"), lambda: window.call_page("new_record"),
                            QKeySequence.StandardKey.New, translate("MainWindow", "Create a record on this page")))
    edit_menu.addAction(add("open", translate("MainWindow", "&Open record"),
                            lambda: window.call_page("open_selected")))
    edit_menu.addAction(add("delete", translate("MainWindow", "&Delete"), lambda: window.call_page("delete_selected"),
                            QKeySequence.StandardKey.Delete,
                            translate("MainWindow", "Move the selected records to the trash")))
    edit_menu.addSeparator()
    edit_menu.addAction(add("find", translate("MainWindow", "&Find…"), window.focus_search,
                            [QKeySequence("Ctrl+K"), QKeySequence(QKeySequence.StandardKey.Find)],
                            translate("MainWindow", "Search customers, opportunities and tickets")))
    edit_menu.addSeparator()
    edit_menu.addAction(add("scoring_rules", translate("MainWindow", "Scoring &rules…"),
                            lambda: open_scoring_rules(window), None,
                            translate("MainWindow", "The rules and weights of the rule-based scoring analysis")))
    settings = add("settings", translate("MainWindow", "&Settings…"), lambda: open_settings(window),
                   QKeySequence.StandardKey.Preferences,
                   translate("MainWindow", "Language, theme, default country and currency, backups, rules"))
    settings.setMenuRole(QAction.MenuRole.PreferencesRole)
    if settings.shortcut().isEmpty():
        settings.setShortcut(QKeySequence("Ctrl+,"))
    edit_menu.addAction(settings)

    view_menu = menu_bar.addMenu(translate("MainWindow", "&View"))
    theme_menu = view_menu.addMenu(translate("MainWindow", "&Theme"))
    group = QActionGroup(window)
    current = str(window.settings.value(theme.SETTINGS_KEY, "system"))
    for name, text in (("system", translate("MainWindow", "Follow the system")), ("light", translate("MainWindow", "Light")),
                       ("dark", translate("MainWindow", "Dark"))):
        action = add(f"theme_{name}", text, lambda n=name: set_theme(window, n))
        action.setCheckable(True)
        action.setChecked(name == current)
        group.addAction(action)
        theme_menu.addAction(action)
    trash = add("show_trash", translate("MainWindow", "Show &trash"), shortcut="Ctrl+Shift+T",
                tip=translate("MainWindow", "Show deleted records of this page to restore them"))
    trash.setCheckable(True)
    trash.toggled.connect(window.set_trash_mode)
    view_menu.addAction(trash)
    view_menu.addAction(add("record_history", translate("MainWindow", "Record &history…"),
                            lambda: window.call_page("show_history"), "Ctrl+Shift+H",
                            translate("MainWindow", "Who changed the selected record, what and when")))
    view_menu.addAction(add("audit_log", translate("MainWindow", "&Audit log…"), lambda: open_audit_log(window),
                            tip=translate("MainWindow", "Every recorded change: who changed what, and when")))
    view_menu.addAction(add("refresh", translate("MainWindow", "&Refresh"), lambda: window.call_page("refresh"),
                            QKeySequence.StandardKey.Refresh))

    help_menu = menu_bar.addMenu(translate("MainWindow", "&Help"))
    help_menu.addAction(add("user_guide", translate("MainWindow", "&User guide"), lambda: user_guide(window),
                            QKeySequence.StandardKey.HelpContents))
    help_menu.addAction(add("shortcuts", translate("MainWindow", "&Keyboard shortcuts"),
                            lambda: keyboard_shortcuts(window), "Ctrl+/"))
    help_menu.addSeparator()
    about_action = add("about", translate("MainWindow", "&About crm-desktop"), lambda: about(window))
    about_action.setMenuRole(QAction.MenuRole.AboutRole)
    help_menu.addAction(about_action)

    toolbar = QToolBar(translate("MainWindow", "Main toolbar"), window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for name in ("new", "delete", "undo", "redo", "refresh"):  # icons: MainWindow.apply_icons
        toolbar.addAction(actions[name])
    toolbar.addSeparator()
    toolbar.addWidget(window.search)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    return actions


# Slots -----------------------------------------------------------------------------------------
def new_database(window: MainWindow) -> None:
    path, _ = QFileDialog.getSaveFileName(window, translate("MainWindow", "New database"), "crm.db", _db_filter())
    if path:
        window.switch_database(path)


def open_database(window: MainWindow) -> None:
    path, _ = QFileDialog.getOpenFileName(window, translate("MainWindow", "Open database"), "", _db_filter())
    if path:
        window.switch_database(path)


def fill_recent(window: MainWindow, menu: QMenu) -> None:
    menu.clear()
    paths = recent_databases.listed(window.settings)
    for path in paths:
        action = menu.addAction(path)
        action.triggered.connect(lambda _checked=False, p=path: window.switch_database(p))
    if not paths:
        menu.addAction(translate("MainWindow", "(none yet)")).setEnabled(False)


def open_data_dialog(window: MainWindow, opener: DataDialog) -> None:
    from crm_desktop.ui.errors import show_error

    try:
        opener(window.context, window)
    except Exception as error:
        show_error(window, error)


def set_theme(window: MainWindow, name: str) -> None:
    window.settings.setValue(theme.SETTINGS_KEY, name)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        theme.apply_theme(app, name)


def about(window: MainWindow) -> QDialog:
    from crm_desktop.ui.help_dialogs import about_dialog

    return about_dialog(window, window.context.database)


def keyboard_shortcuts(window: MainWindow) -> QDialog:
    from crm_desktop.ui.help_dialogs import shortcuts_dialog

    # The menus' actions in their order, then any other the window or a page defines.
    actions = dict(window.actions_by_name)
    known = set(actions.values())
    for action in window.findChildren(QAction):
        if action not in known and not action.shortcut().isEmpty():
            actions[action.objectName() or action.text()] = action
            known.add(action)
    return shortcuts_dialog(window, actions)


def user_guide(window: MainWindow) -> QDialog:
    from crm_desktop.ui.help_dialogs import user_guide_dialog

    return user_guide_dialog(window)


def open_settings(window: MainWindow) -> QDialog:
    from crm_desktop.ui.settings_dialog import open_settings as open_dialog

    dialog = open_dialog(window.context, window)
    dialog.accepted.connect(lambda: _check_theme(window))
    return dialog


def _check_theme(window: MainWindow) -> None:
    """The View > Theme menu shows the theme chosen in the settings."""
    current = str(window.settings.value(theme.SETTINGS_KEY, "system"))
    action = window.actions_by_name.get(f"theme_{current}")
    if action is not None:
        action.setChecked(True)


def open_audit_log(window: MainWindow) -> QWidget:
    from crm_desktop.ui.audit.audit_log_dialog import open_audit_log as open_dialog

    return open_dialog(window.context, window)


def open_scoring_rules(window: MainWindow) -> bool:
    """Edit the scoring rules and weights (the "rules" analysis); True when saved."""
    from crm_desktop.ui.analytics.rules_dialog import edit_rules

    return edit_rules(window.context, window)

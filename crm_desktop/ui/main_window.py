"""The main window: navigation on the left, the pages (created when first shown), menus,
toolbar with the global search, status bar. Owns the undo stack, the job runner and the
AppContext every page is given. Geometry, splitter and the last page persist in QSettings.

Making and showing the pages is its base class's job (ui/window_pages.py); the navigation
list is made by ui/navigation.py, the menus and toolbar by ui/main_actions.py.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent, QUndoStack
from PySide6.QtWidgets import QSplitter, QToolBar, QWidget

from crm_desktop.ui import icons, main_actions, recent_databases
from crm_desktop.ui.context import AppContext
from crm_desktop.ui.navigation import make_navigation, set_page_icons, show_compact
from crm_desktop.ui.pages import ENTITY_PAGES, PAGES
from crm_desktop.ui.status_bar import StatusBar
from crm_desktop.ui.widgets import display
from crm_desktop.ui.widgets.global_search import GlobalSearch
from crm_desktop.ui.window_pages import PagesWindow
from crm_desktop.ui.window_state import restore_window_state, save_window_state
from crm_desktop.ui.workers import Runner

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

log = logging.getLogger(__name__)

DEFAULT_PAGE = "customers"
# Below this window width the navigation shows icons only (their names in tooltips) and the
# toolbar's buttons lose their text, so a 1024-pixel screen keeps room for the page.
COMPACT_WIDTH = 1200
WARM_UP_DELAY_MS = 2000


class MainWindow(PagesWindow):
    databaseChanged = Signal(object)  # noqa: N815 - the new Database

    def __init__(self, database: Database, settings: QSettings | None = None,
                 start_page: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setAccessibleName("mainWindow")
        self.settings = settings if settings is not None else QSettings()
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(200)
        self.runner = Runner(error_parent=self, parent=self)
        self.context = self._make_context(database)
        self.search = GlobalSearch(self.context, self)
        self._build()
        self.actions_by_name = main_actions.build(self)
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.status.attach(self.context)
        self._compact = False
        restore_window_state(self, self.splitter, self.settings)
        recent_databases.remember(self.settings, database.path)
        self._update_title()
        name = start_page or str(self.settings.value("window/page", DEFAULT_PAGE))
        self.navigate(name if name in self._holders else DEFAULT_PAGE)
        # Import the other pages' modules in the background once the window has settled, so
        # switching to a page only has to build its widgets.
        QTimer.singleShot(WARM_UP_DELAY_MS, self, self._warm_up)
        # The icon font loads once the window is up and its first rows are painted: the window
        # shows at once with text, the icons follow (icons.load_when_shown).
        model = getattr(self.current_page(), "model", None)
        icons.load_when_shown(self, getattr(model, "loaded", None), self.apply_icons)

    def _make_context(self, database: Database) -> AppContext:
        context = AppContext(database, self.undo_stack, self.runner, self.settings, self)
        context.set_navigation(self.open_customer, self.open_record)
        display.set_home_region(context.phone_region)  # phone numbers: national format here
        return context

    # Layout ------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.navigation = make_navigation(self)
        self._make_stack()
        self.navigation.currentRowChanged.connect(
            lambda row: self.navigate(PAGES[row].name, stepped=True)
            if 0 <= row < len(PAGES) else None)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([215, 1065])
        self.setCentralWidget(self.splitter)

    # Icons and a narrow window ----------------------------------------------------------------
    def apply_icons(self) -> None:
        """The navigation's and the toolbar's icons in the palette's colours (again after a
        theme switch); nothing until the icon font is loaded."""
        if not icons.ready():
            return
        palette = self.palette()
        set_page_icons(self.navigation, palette)
        for name, glyph in icons.ACTION_ICONS.items():
            action = self.actions_by_name.get(name)
            if action is not None:
                action.setIcon(icons.icon(glyph, palette))
        self.set_compact(self._compact, force=True)

    def is_compact(self) -> bool:
        return self._compact

    def set_compact(self, compact: bool, force: bool = False) -> None:
        """Navigation as icons only (names in tooltips) and toolbar buttons without text, or
        back. Without icons yet, the names stay."""
        if compact == self._compact and not force:
            return
        self._compact = compact
        icons_only = compact and icons.ready()
        show_compact(self.navigation, self.splitter, compact, icons_only)
        toolbar = self.findChild(QToolBar, "mainToolbar")
        if toolbar is not None:
            toolbar.setToolButtonStyle(
                Qt.ToolButtonStyle.ToolButtonIconOnly if icons_only
                else Qt.ToolButtonStyle.ToolButtonTextBesideIcon)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.set_compact(event.size().width() < COMPACT_WIDTH)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_icons()

    # Navigation: the global search (Ctrl+K) and the AppContext's callbacks ----------------------
    def focus_search(self) -> None:
        self.search.focus()

    def open_customer(self, customer_id: int) -> None:
        self.show_page("customers").show_record(customer_id)

    def open_record(self, entity: str, record_id: int) -> None:
        name = ENTITY_PAGES.get(entity)
        if name is None:
            log.warning("no page shows %s", entity)
            return
        page = self.show_page(name)
        if name == "sales":  # one page, four record kinds: tell it which tab
            page.show_record(record_id, entity)  # type: ignore[call-arg]
        else:
            page.show_record(record_id)

    # Databases ---------------------------------------------------------------------------------
    def switch_database(self, path: str | Path, passphrase: str | None = None) -> None:
        """Open (or create) another database in the background, then show it (an encrypted
        one with `passphrase`, or the one the user types)."""
        from crm_desktop.storage.database import open_database
        from crm_desktop.ui.security.passphrase_dialog import passphrase_to_open

        passphrase = passphrase_to_open(Path(path), passphrase, self)
        if passphrase == "":  # cancelled
            return
        self.runner.run(open_database, Path(path), owner=self, key="open-database",
                        passphrase=passphrase or None,
                        description=self.tr("Opening {0}").format(Path(path).name),
                        on_finished=self._swap_database)

    def _swap_database(self, database: Database) -> None:
        old_context = self.context
        self._drop_pages()
        self.runner.cancel()
        self.runner.wait()
        old_context.database.close()
        self.undo_stack.clear()
        self.context = self._make_context(database)
        self.search.context = self.context
        self.status.attach(self.context)
        old_context.deleteLater()
        recent_databases.remember(self.settings, database.path)
        self._update_title()
        self.show_page(DEFAULT_PAGE)
        self.databaseChanged.emit(database)

    def _update_title(self) -> None:
        path = self.context.database.path
        name = Path(path).name if path else self.tr("(in memory)")
        self.setWindowTitle(self.tr("{0} — crm-desktop").format(name))

    # State -------------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Save state, stop every background job (waits), so the database can be closed."""
        save_window_state(self, self.splitter, self.settings)
        self._shutdown_pages()
        self.runner.shutdown()
        self.context.close_background()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.shutdown()
        super().closeEvent(event)


"""The main window: navigation on the left, the pages (created when first shown), menus,
toolbar with the global search, status bar. Owns the undo stack, the job runner and the
AppContext every page is given. Geometry, splitter and the last page persist in QSettings.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QResizeEvent, QUndoStack
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.ui import icons, main_actions, recent_databases, theme
from crm_desktop.ui.context import AppContext
from crm_desktop.ui.pages import ENTITY_PAGES, PAGES, PageEntry, error_page, warm_up
from crm_desktop.ui.pages import loading as page_loading
from crm_desktop.ui.pages.base import Page
from crm_desktop.ui.status_bar import StatusBar
from crm_desktop.ui.steps import next_step
from crm_desktop.ui.widgets import display
from crm_desktop.ui.widgets.global_search import GlobalSearch
from crm_desktop.ui.workers import Runner

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

log = logging.getLogger(__name__)

DEFAULT_PAGE = "customers"
# Below this window width the navigation shows icons only (their names in tooltips) and the
# toolbar's buttons lose their text, so a 1024-pixel screen keeps room for the page.
COMPACT_WIDTH = 1200
COMPACT_NAVIGATION_WIDTH = 52
WARM_UP_DELAY_MS = 2000


class MainWindow(QMainWindow):
    pageShown = Signal(str)  # noqa: N815 - name of the page now shown
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
        self._pages: dict[str, Page] = {}
        # `prepare` steps of pages done in this session
        self._prepared: set[Callable[[], None]] = set()
        self._holders: dict[str, QWidget] = {}
        self._holder_layouts: dict[str, QVBoxLayout] = {}
        self.search = GlobalSearch(self.context, self)
        self._build()
        self.actions_by_name = main_actions.build(self)
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.status.attach(self.context)
        self._compact = False
        self._restore_state()
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
        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setStyleSheet(theme.NAVIGATION_STYLE)
        self.navigation.setAccessibleName("navigation")
        self.navigation.setIconSize(QSize(18, 18))
        self.navigation.setMinimumWidth(200)
        self.navigation.setMaximumWidth(260)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("pages")
        for entry in PAGES:
            title = QCoreApplication.translate("pages", entry.title)
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, entry.name)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
            self.navigation.addItem(item)
            holder = QWidget(self.stack)
            holder.setObjectName(f"{entry.name}Holder")
            layout = QVBoxLayout(holder)
            layout.setContentsMargins(0, 0, 0, 0)
            self.stack.addWidget(holder)
            self._holders[entry.name] = holder
            self._holder_layouts[entry.name] = layout
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
        for row, entry in enumerate(PAGES):
            self.navigation.item(row).setIcon(icons.icon(icons.PAGE_ICONS[entry.name], palette))
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
        for row, entry in enumerate(PAGES):
            item = self.navigation.item(row)
            title = QCoreApplication.translate("pages", entry.title)
            item.setText("" if icons_only else title)
            item.setToolTip(title if icons_only else "")
        if icons_only:
            self.navigation.setMinimumWidth(COMPACT_NAVIGATION_WIDTH)
            self.navigation.setMaximumWidth(COMPACT_NAVIGATION_WIDTH)
        else:
            self.navigation.setMaximumWidth(260)
            self.navigation.setMinimumWidth(150 if compact else 200)
        # the splitter keeps its sizes: give the room the navigation left to the page
        total = sum(self.splitter.sizes())
        width = min(max(self.splitter.sizes()[0], self.navigation.minimumWidth()),
                    self.navigation.maximumWidth())
        self.splitter.setSizes([width, max(total - width, 0)])
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

    # Pages -------------------------------------------------------------------------------------
    def page(self, name: str) -> Page | None:
        """The page if it was created already (pages are created when first shown)."""
        return self._pages.get(name)

    def current_page(self) -> Page | None:
        row = self.navigation.currentRow()
        return self._pages.get(PAGES[row].name) if 0 <= row < len(PAGES) else None

    def navigate(self, name: str, stepped: bool = False) -> None:
        """Show page `name` as the user asked for it: a page whose entry names a `prepare`
        step gets it run in a worker first, showing "Loading…" meanwhile (show_page builds
        the page at once, for code that needs it now).

        `stepped` (a click in the navigation): a page not built yet is built in steps of the
        event loop, so the window repaints between them: "Loading…" shown first, then the
        page's widgets made, then shown (polished and laid out), then painted. Done at once,
        the first switch to a list page kept the window from repainting for 100-300 ms."""
        entry = next(e for e in PAGES if e.name == name)
        prepare = entry.prepare
        ready = prepare is None or prepare in self._prepared
        if name in self._pages or (ready and not stepped):
            self.show_page(name)
            return
        holder = self._show_loading(name)

        def build() -> None:
            if self.stack.currentWidget() is not holder or name in self._pages:
                return  # the user went elsewhere meanwhile (built when next shown)
            page_loading.remove(holder)
            page = self._create_page(entry, show=False)
            next_step(self, lambda: self._show_built(name, page))

        if ready:
            next_step(self, build)
            return
        assert prepare is not None

        def prepared(_result: object) -> None:
            self._prepared.add(prepare)
            if stepped:
                build()
                return
            page_loading.remove(holder)
            if self.stack.currentWidget() is holder:
                self.show_page(name)

        self.runner.run(prepare, owner=self, key=f"prepare-{name}",
                        description=self.tr("Preparing the page"), on_finished=prepared,
                        on_failed=lambda _error: prepared(None))

    def _show_loading(self, name: str) -> QWidget:
        holder = page_loading.show(self._holders[name], self._holder_layouts[name])
        self.stack.setCurrentWidget(holder)
        self._select_row(name)
        return holder

    def _show_built(self, name: str, page: Page) -> None:
        """The last step of a stepped build: the page shown, if it is still the one asked for
        (else it shows when next chosen)."""
        if self.stack.currentWidget() is self._holders[name]:
            page.show()
            self.show_page(name)

    def _select_row(self, name: str) -> None:
        row = [e.name for e in PAGES].index(name)
        if self.navigation.currentRow() != row:
            self.navigation.blockSignals(True)
            self.navigation.setCurrentRow(row)
            self.navigation.blockSignals(False)

    def show_page(self, name: str) -> Page:
        entry = next(e for e in PAGES if e.name == name)
        page = self._pages.get(name) or self._create_page(entry)
        holder = self._holders[name]
        self.stack.setCurrentWidget(holder)
        if page.isHidden():  # built in steps, and not shown yet (navigate)
            page_loading.remove(holder)
            page.show()
        self._select_row(name)
        self.settings.setValue("window/page", name)
        trash = self.actions_by_name.get("show_trash") if hasattr(self, "actions_by_name") \
            else None
        if trash is not None:
            trash.blockSignals(True)
            trash.setEnabled(page.has_trash)
            trash.setChecked(page.trash_mode())
            trash.blockSignals(False)
        self.pageShown.emit(name)
        return page

    def _create_page(self, entry: PageEntry, show: bool = True) -> Page:
        page = self._instantiate(entry, self._holders[entry.name])
        page.setObjectName(f"{entry.name}Page")
        page.setAccessibleName(f"{entry.name}Page")  # notr: the name tests find a page by
        self._holder_layouts[entry.name].addWidget(page)
        # A widget added to a visible holder (a page that was "Loading…") is otherwise only
        # shown by a queued event, so it would still be hidden when this returns.
        if show:
            page.show()
        else:  # shown in a later step (navigate), which polishes and lays it out
            page.hide()
        self._pages[entry.name] = page
        return page

    def _instantiate(self, entry: PageEntry, holder: QWidget) -> Page:
        """The page, made inside its holder: a widget tree made elsewhere and then moved into
        the window has its fonts, palette and style sheet resolved again for every widget,
        which took as long as building the page."""
        title = QCoreApplication.translate("pages", entry.title)
        try:
            cls = entry.load()
        except Exception as error:
            log.exception("page %s could not be imported", entry.name)
            return error_page.for_error(self.context, title, error)
        try:
            return cls(self.context, holder)
        except Exception as error:
            log.exception("page %s could not be created", entry.name)
            for partial in holder.findChildren(Page, options=Qt.FindChildOption.FindDirectChildrenOnly):
                partial.setParent(None)  # half built: not shown beside the error
                partial.deleteLater()
            return error_page.for_error(self.context, title, error)

    def _warm_up(self) -> None:
        loaders = [e.load for e in PAGES if e.name not in self._pages]
        prepares = list(dict.fromkeys(e.prepare for e in PAGES if e.prepare is not None
                                      and e.prepare not in self._prepared))
        reads = [e.warm_read for e in PAGES if e.warm_read and e.name not in self._pages]
        self.runner.run(warm_up.load_pages, loaders, prepares, reads, self.context.database,
                        owner=self, key="warm-up",
                        description=self.tr("Preparing pages"),
                        on_finished=lambda done: self._prepared.update(done),
                        on_failed=lambda _e: None)

    def call_page(self, method: str, *args: Any) -> Any:
        page = self.current_page()
        return getattr(page, method)(*args) if page is not None else None

    def set_trash_mode(self, trash: bool) -> None:
        page = self.current_page()
        if page is not None and page.has_trash:
            page.set_trash_mode(trash)

    def focus_search(self) -> None:
        self.search.focus()

    # Navigation callbacks (AppContext) ---------------------------------------------------------
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
        self._shutdown_pages()
        for name, page in list(self._pages.items()):
            page.setParent(None)
            page.deleteLater()
            del self._pages[name]
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
    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes) and geometry:
            self.restoreGeometry(QByteArray(geometry))
        else:
            self.resize(1280, 800)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray | bytes) and state:
            self.restoreState(QByteArray(state))
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray | bytes) and splitter:
            self.splitter.restoreState(QByteArray(splitter))

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())

    def _shutdown_pages(self) -> None:
        for page in self._pages.values():
            try:
                page.shutdown()
            except Exception:
                log.exception("page %s did not shut down cleanly", page.objectName())

    def shutdown(self) -> None:
        """Save state, stop every background job (waits), so the database can be closed."""
        self.save_state()
        self._shutdown_pages()
        self.runner.shutdown()
        self.context.close_background()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.shutdown()
        super().closeEvent(event)


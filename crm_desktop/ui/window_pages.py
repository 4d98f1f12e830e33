"""The pages of the main window: each made inside a holder of its own in the page stack the
first time it is shown (its `prepare` step run in a worker first, "Loading…" meanwhile), the
other pages' modules warmed up in the background, the page shown, called and shut down.

`PagesWindow` is the base of `MainWindow` (ui/main_window.py), which builds the navigation,
the stack and the actions this class uses, and gives the AppContext and the runner. Its texts
keep their translation context "MainWindow".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QListWidget, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from crm_desktop.ui.pages import PAGES, PageEntry, warm_up
from crm_desktop.ui.pages import loading as page_loading
from crm_desktop.ui.pages.base import Page
from crm_desktop.ui.pages.error_page import page_or_error, part_or_error
from crm_desktop.ui.qt_typed import translate
from crm_desktop.ui.steps import next_step

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from crm_desktop.ui.context import AppContext
    from crm_desktop.ui.workers import Runner

log = logging.getLogger(__name__)


class PagesWindow(QMainWindow):
    """A main window that makes its pages when first shown and switches between them."""

    pageShown = Signal(str)  # noqa: N815 - name of the page now shown

    # Made by MainWindow.
    settings: QSettings
    runner: Runner
    context: AppContext
    navigation: QListWidget
    actions_by_name: dict[str, QAction]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pages: dict[str, Page] = {}
        # `prepare` steps of pages done in this session
        self._prepared: set[Callable[[], None]] = set()
        self._holders: dict[str, QWidget] = {}
        self._holder_layouts: dict[str, QVBoxLayout] = {}

    def _make_stack(self) -> QStackedWidget:
        """The page stack: a holder per page, where the page is made when first shown."""
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("pages")
        for entry in PAGES:
            holder = QWidget(self.stack)
            holder.setObjectName(f"{entry.name}Holder")
            layout = QVBoxLayout(holder)
            layout.setContentsMargins(0, 0, 0, 0)
            self.stack.addWidget(holder)
            self._holders[entry.name] = holder
            self._holder_layouts[entry.name] = layout
        return self.stack

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
            next_step(self, lambda: self._build_part(entry, page))

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
                        description=translate("MainWindow", "Preparing the page"),
                        on_finished=prepared, on_failed=lambda _error: prepared(None))

    def _show_loading(self, name: str) -> QWidget:
        holder = page_loading.show(self._holders[name], self._holder_layouts[name])
        self.stack.setCurrentWidget(holder)
        self._select_row(name)
        return holder

    def _build_part(self, entry: PageEntry, page: Page) -> None:
        """A step of a stepped build after the page's constructor: its next part (see
        Page.build_later), or once they are made, the page shown."""
        if self._pages.get(entry.name) is not page or not self.isVisible():
            # finished at once meanwhile (show_page), replaced by the error card, or the window
            # closed (its parts still to make are made if it is shown again: show_page)
            return
        if not page.parts_left():
            self._show_built(entry.name, page)
            return
        built = part_or_error(entry, self.context, page)
        if built is not page:
            self._install(entry, built, show=False)
        next_step(self, lambda: self._build_part(entry, built))

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
        if page.parts_left():  # being built in steps (navigate): wanted now
            built = part_or_error(entry, self.context, page, every=True)
            if built is not page:
                page = self._install(entry, built, show=False)
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
        page = page_or_error(entry, self.context, self._holders[entry.name], stepped=not show)
        return self._install(entry, page, show)

    def _install(self, entry: PageEntry, page: Page, show: bool) -> Page:
        """`page` (or its error card) in its holder, as the page of `entry`."""
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

    def _warm_up(self) -> None:
        loaders = [e.load for e in PAGES if e.name not in self._pages]
        prepares = list(dict.fromkeys(e.prepare for e in PAGES if e.prepare is not None
                                      and e.prepare not in self._prepared))
        reads = [e.warm_read for e in PAGES if e.warm_read and e.name not in self._pages]
        self.runner.run(warm_up.load_pages, loaders, prepares, reads, self.context.database,
                        owner=self, key="warm-up",
                        description=translate("MainWindow", "Preparing pages"),
                        on_finished=lambda done: self._prepared.update(done),
                        on_failed=lambda _e: None)

    def call_page(self, method: str, *args: Any) -> Any:
        page = self.current_page()
        return getattr(page, method)(*args) if page is not None else None

    def set_trash_mode(self, trash: bool) -> None:
        page = self.current_page()
        if page is not None and page.has_trash:
            page.set_trash_mode(trash)

    def _shutdown_pages(self) -> None:
        for page in self._pages.values():
            try:
                if page.parts_left():  # closed mid-build: its shutdown expects it whole
                    Page.shutdown(page)
                else:
                    page.shutdown()
            except Exception:
                log.exception("page %s did not shut down cleanly", page.objectName())

    def _drop_pages(self) -> None:
        """Shut every page down and delete it (they are made again when next shown)."""
        self._shutdown_pages()
        for name, page in list(self._pages.items()):
            page.setParent(None)
            page.deleteLater()
            del self._pages[name]

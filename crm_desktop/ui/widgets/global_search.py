"""The global search box (Ctrl+K, objectName `globalSearch`): type-ahead over customers,
opportunities and tickets.

Typing waits ~150 ms for a pause, then searches in a worker (a newer search cancels the older
one); customers (FTS5) come back first and opportunities/tickets are added when their query
returns, so the window never waits on SQL. Up/Down pick a result, Enter opens it (the first one
when none is picked), Esc closes the list.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from crm_desktop.ui import icons, theme

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database
    from crm_desktop.storage.search.everything import GlobalHit
    from crm_desktop.ui.context import AppContext

log = logging.getLogger(__name__)

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
DEBOUNCE_MS = 150


def _customer_hits(database: Database, text: str) -> list[GlobalHit]:
    from crm_desktop.storage.search.everything import customer_hits

    with database.engine.connect() as connection:
        return customer_hits(connection, text, limit=8)


def _other_hits(database: Database, text: str) -> list[GlobalHit]:
    from crm_desktop.storage.search.everything import opportunity_hits, ticket_hits

    with database.engine.connect() as connection:
        return opportunity_hits(connection, text) + ticket_hits(connection, text)


class GlobalSearch(QLineEdit):
    resultsShown = Signal(object)  # noqa: N815 - the hits now listed
    opened = Signal(str, object)  # entity, id

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("globalSearch")
        self.setStyleSheet(theme.SEARCH_STYLE)
        self.setAccessibleName("globalSearch")
        self.setAccessibleDescription(self.tr("Search customers, opportunities and tickets"))
        self.setPlaceholderText(self.tr("Search customers, opportunities, tickets…  Ctrl+K"))
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(320)
        self.results = QStandardItemModel(self)
        self.results_completer = QCompleter(self.results, self)
        self.results_completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.results_completer.setMaxVisibleItems(14)
        self.results_completer.setWidget(self)
        popup = self.results_completer.popup()
        assert popup is not None  # QCompleter makes its list view on the first call
        self.results_popup = popup
        popup.setObjectName("globalSearchResults")
        # the QModelIndex overload of the signal (the stubs do not index signals)
        self.results_completer.activated[QModelIndex].connect(  # type: ignore[index]
            self._chosen)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)
        self.textEdited.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self.open_first)
        self._customers: list[GlobalHit] = []
        self._others: list[GlobalHit] = []
        self._customers_in = False
        self._query = ""
        self._started = 0.0
        self._open_when_ready = False
        self.latencies_ms: list[float] = []  # search start -> results listed (for the bench)

    # Searching ---------------------------------------------------------------------------------
    def search_now(self) -> None:
        """Search for the current text at once (the debounce timer calls this)."""
        self._timer.stop()
        text = self.text().strip()
        self._query = text
        self._customers, self._others = [], []
        self._customers_in = False
        if not text:
            self.context.runner.cancel(self)
            self.results.clear()
            self.results_popup.hide()
            return
        self._started = time.perf_counter()
        database = self.context.database
        self.context.runner.run(
            _customer_hits, database, text, owner=self, key="customers",
            description=self.tr("Searching"),
            on_finished=lambda hits: self._arrived(text, "customers", hits))
        self.context.runner.run(
            _other_hits, database, text, owner=self, key="others",
            description=self.tr("Searching"),
            on_finished=lambda hits: self._arrived(text, "others", hits))

    def _arrived(self, text: str, group: str, hits: list[GlobalHit]) -> None:
        if text != self._query:
            return
        if group == "customers":
            self._customers = hits
            self._customers_in = True
            self.latencies_ms.append((time.perf_counter() - self._started) * 1000)
        else:
            self._others = hits
            if not self._customers_in:
                return  # customers (the main group) are listed first, these join them
        self._show(self._customers + self._others)

    def _show(self, hits: list[GlobalHit]) -> None:
        self.results.clear()
        palette = self.palette()
        for hit in hits:
            text = hit.title + (f"   —   {hit.subtitle}" if hit.subtitle else "")
            item = QStandardItem(text)
            glyph = icons.ENTITY_ICONS.get(hit.entity)
            if glyph:
                item.setIcon(icons.icon(glyph, palette))
            item.setData(hit, HIT_ROLE)
            item.setEditable(False)
            self.results.appendRow(item)
        if not hits:
            item = QStandardItem(self.tr("No matches for “{0}”").format(self._query))
            item.setEnabled(False)
            item.setSelectable(False)
            self.results.appendRow(item)
        if self.hasFocus() or self._open_when_ready:
            self.results_popup.setMinimumWidth(max(self.width(), 480))
            self.results_completer.complete(self.rect())
        self.resultsShown.emit(hits)
        if self._open_when_ready and hits:
            self._open_when_ready = False
            self._open(hits[0])

    def hits(self) -> list[GlobalHit]:
        return self._customers + self._others

    # Opening -----------------------------------------------------------------------------------
    def open_first(self) -> None:
        """Enter: open the first result (or as soon as results arrive)."""
        if self._timer.isActive() or not self.hits():
            self._open_when_ready = True
            if self._timer.isActive():
                self.search_now()
            return
        self._open(self.hits()[0])

    def _chosen(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit is not None:
            self._open(hit)

    def _open(self, hit: GlobalHit) -> None:
        self.results_popup.hide()
        self.opened.emit(hit.entity, hit.id)
        if hit.entity == "customers":
            self.context.open_customer(hit.id)
        else:
            self.context.open_record(hit.entity, hit.id)
        QTimer.singleShot(0, self.clear)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.results_popup.hide()
            self.clear()
            return
        if event.key() == Qt.Key.Key_Down and self.results.rowCount():
            self.results_completer.complete(self.rect())
            popup = self.results_popup
            popup.setCurrentIndex(self.results_completer.completionModel().index(0, 0))
            return
        super().keyPressEvent(event)

    def focus(self) -> None:
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

"""A record list: filter bar + lazy table + detail pane, with a trash view. Reused by every page.

    self.list = RecordList(context, spec, filter_fields, detail=MyDetail(), table_name="orderTable",
                           filter_name="orderFilter")
    self.list.currentChanged.connect(detail.show_record)   # id or None
    self.list.activated.connect(self.open_record)          # Enter / double click

Column widths, sort and the splitter persist in QSettings under `lists/<entity>/...`.
Deleting/restoring goes through the app's undo stack (`delete_selected`, `restore_selected`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.ui.item_models import ID_ROLE, SqlTableModel, TableSpec
from crm_desktop.ui.steps import next_step
from crm_desktop.ui.theme import style_gridless_table
from crm_desktop.ui.widgets.filter_bar import FilterBar, FilterField
from crm_desktop.ui.widgets.table_delegate import ElidingDelegate

if TYPE_CHECKING:
    from crm_desktop.ui.context import AppContext

log = logging.getLogger(__name__)


def list_table_look(table: QTableView) -> None:
    """How every list of records behaves: whole rows selected (several with Ctrl/Shift), read
    only, alternating rows without a grid, one line per row, no row numbers, Tab leaves; a cut
    cell shows its full text in a tooltip (ElidingDelegate)."""
    style_gridless_table(table)  # (no grid: setShowGrid below)
    if type(table.itemDelegate()) is QStyledItemDelegate:  # the view's own, not a page's
        table.setItemDelegate(ElidingDelegate(table))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setShowGrid(False)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)


class RecordList(QWidget):
    currentChanged = Signal(object)  # noqa: N815 - id of the current record, or None
    activated = Signal(object)  # id of the record the user opened (Enter / double click)

    def __init__(self, context: AppContext, spec: TableSpec,
                 filter_fields: Sequence[FilterField] = (), detail: QWidget | None = None,
                 table_name: str | None = None, filter_name: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.spec = spec
        self._settings_key = f"lists/{spec.entity}"
        self.model = SqlTableModel(context.database, spec, context.runner, self)
        self.model.hold_until_start()  # the sort and filters set while it is built: no query yet
        self.filter_bar = FilterBar(context, spec.entity, filter_fields, filter_name, self)
        self.table = QTableView(self)
        name = table_name or f"{spec.entity}Table"
        self.table.setObjectName(name)
        self.table.setAccessibleName(name)
        self.table.setModel(self.model)
        self._setup_table()
        self._trash_bar: QWidget | None = None  # made when the trash is first shown
        self.detail = detail
        self.split_sizes = [600, 500]  # list and detail, until the user moves the splitter
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName(f"{spec.entity}Splitter")
        self.splitter.addWidget(self.table)
        if detail is not None:
            self.splitter.addWidget(detail)
            self.splitter.setStretchFactor(0, 3)
            self.splitter.setStretchFactor(1, 2)
            self.splitter.setSizes(self.split_sizes)
            # Shown in an event-loop step of its own after the list (showEvent): polishing
            # and laying out a detail pane with the list made one step of 30-45 ms of the GUI
            # thread on first opening a page.
            detail.hide()
            self._detail_pending = True
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(500)
        self._save_timer.timeout.connect(self.save_state)
        self._current: int | None = None
        self._detail_pending = getattr(self, "_detail_pending", False)
        self._wire()
        self.restore_state()
        self.table.setSortingEnabled(True)
        # The first rows are asked for once the list is shown, in a step after the one that
        # shows (polishes and lays out) the page: starting the queries' threads while the page
        # was built made its first steps compete with them for the GIL. A list made on its own
        # (outside a shown window) loads in the next step; a list of a page being built in
        # steps (main_window.navigate), in the step after the page is shown, even when the
        # list itself is not (the table view behind the pipeline's board).
        next_step(self, lambda: self._start_when_shown(again=True))

    def _start_when_shown(self, again: bool) -> None:
        if again and not self.isVisible() and self.window().isVisible():
            next_step(self, lambda: self._start_when_shown(again=False))
            return
        self.model.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        next_step(self, self.model.start)
        if self._detail_pending:
            next_step(self, self._show_detail)

    def _show_detail(self) -> None:
        """The detail pane, once the list has been shown and painted (see __init__)."""
        if self._detail_pending and self.detail is not None:
            self._detail_pending = False
            self.detail.show()
            # the splitter's sizes, now that both sides are shown
            saved = _bytes(self.context.settings.value(f"{self._settings_key}/splitter"))
            if saved is None or not self.splitter.restoreState(saved):
                self.splitter.setSizes(self.split_sizes)

    # Setup -----------------------------------------------------------------------------------
    def _setup_table(self) -> None:
        table = self.table
        list_table_look(table)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionsMovable(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for i, column in enumerate(self.spec.columns):
            if column.width:
                header.resizeSection(i, column.width)
        key, descending = self.model.sortKey()
        if key is not None:
            header.setSortIndicator(
                self.spec.column_index(key),
                Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)

    @property
    def trash_bar(self) -> QWidget:
        """The bar above the list in the trash view (made the first time it is asked for: its
        style sheet and buttons are a few ms of every page's first opening otherwise)."""
        if self._trash_bar is None:
            self._trash_bar = self._make_trash_bar()
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(1, self._trash_bar)
        return self._trash_bar

    @property
    def restore_button(self) -> QPushButton:
        button = self.trash_bar.findChild(QPushButton, "restoreButton")
        assert button is not None
        return button

    @property
    def empty_button(self) -> QPushButton:
        button = self.trash_bar.findChild(QPushButton, "emptyTrashButton")
        assert button is not None
        return button

    def _make_trash_bar(self) -> QWidget:
        bar = QWidget(self)
        bar.setObjectName(f"{self.spec.entity}TrashBar")
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(6, 4, 6, 4)
        label = QLabel(self.tr("Trash: restore records, or empty the trash to remove them "
                               "for good."), bar)
        label.setWordWrap(True)
        layout.addWidget(label, 1)
        restore = QPushButton(self.tr("Restore"), bar)
        restore.setObjectName("restoreButton")
        restore.clicked.connect(self.restore_selected)
        layout.addWidget(restore)
        empty = QPushButton(self.tr("Empty trash"), bar)
        empty.setObjectName("emptyTrashButton")
        empty.clicked.connect(self.empty_trash)
        layout.addWidget(empty)
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        bar.setStyleSheet(f"QWidget#{bar.objectName()} {{ background: palette(alternate-base);"
                          " border-radius: 4px; }")
        bar.setVisible(False)
        return bar

    def _wire(self) -> None:
        self.filter_bar.changed.connect(self._apply_filter)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.model.modelReset.connect(lambda: self._set_current(None))
        self.model.loadingChanged.connect(lambda _loading: self._update_count())
        self.model.totalChanged.connect(lambda _total: self._update_count())
        self.model.dataChanged.connect(self._data_changed)
        self.model.failed.connect(self._failed)
        header = self.table.horizontalHeader()
        header.sectionResized.connect(lambda *_: self._save_timer.start())
        header.sectionMoved.connect(lambda *_: self._save_timer.start())
        header.sortIndicatorChanged.connect(lambda *_: self._save_timer.start())
        self.splitter.splitterMoved.connect(lambda *_: self._save_timer.start())
        self.context.changed.connect(self._entity_changed)

    # Selection -------------------------------------------------------------------------------
    def current_id(self) -> int | None:
        return self._current

    def selected_ids(self) -> list[int]:
        ids = []
        for index in self.table.selectionModel().selectedRows():
            record_id = self.model.row_id(index.row())
            if record_id is not None:
                ids.append(record_id)
        if not ids and self._current is not None:
            ids.append(self._current)
        return ids

    def select_id(self, record_id: int) -> bool:
        """Select a record when it is in the loaded window of rows; True when it was."""
        row = self.model.row_of_id(record_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._set_current(current.data(ID_ROLE) if current.isValid() else None)

    def _data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        # A page arrived under the current row (selected while it was still loading).
        current = self.table.currentIndex()
        if current.isValid() and top_left.row() <= current.row() <= bottom_right.row():
            self._set_current(current.data(ID_ROLE))

    def _set_current(self, record_id: int | None) -> None:
        if record_id != self._current:
            self._current = record_id
            self.currentChanged.emit(record_id)

    def _activated(self, index: QModelIndex) -> None:
        record_id = index.data(ID_ROLE)
        if record_id is not None:
            self.activated.emit(record_id)

    # Filtering, trash, refresh ---------------------------------------------------------------
    def _apply_filter(self) -> None:
        self.model.setQuery(self.filter_bar.filters(), self.filter_bar.text())

    def refresh(self) -> None:
        self.model.refresh()

    def set_trash_mode(self, trash: bool) -> None:
        if trash or self._trash_bar is not None:
            self.trash_bar.setVisible(trash)
        self.model.setTrash(trash)

    def trash_mode(self) -> bool:
        return self.model.trash()

    def delete_selected(self) -> None:
        from crm_desktop.ui.undo import push_trash

        ids = self.selected_ids()
        if not ids or self.model.trash():
            return
        push_trash(self.context, self.spec.entity, ids,
                   self.tr("Delete %n record(s)", "", len(ids)))

    def restore_selected(self) -> None:
        from crm_desktop.ui.undo import push_restore

        ids = self.selected_ids()
        if ids:
            push_restore(self.context, self.spec.entity, ids)

    def empty_trash(self) -> None:
        """Remove the trash for good (not undoable), in the background."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Empty trash"),
                          self.tr("Remove every record in this trash for good? This cannot be "
                                  "undone."),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self)
        box.setObjectName("emptyTrashDialog")
        box.button(QMessageBox.StandardButton.Yes).clicked.connect(self._empty_trash_confirmed)
        box.open()

    def _empty_trash_confirmed(self) -> None:
        from crm_desktop.services import records

        self.context.runner.run(
            records.empty_trash, self.context.database, self.spec.entity, owner=self,
            key="empty-trash", description=self.tr("Emptying trash"),
            on_finished=lambda outcome: self.context.apply(outcome.changes))

    def _entity_changed(self, entity: str) -> None:
        if entity == self.spec.entity:
            self.model.refresh()

    def _update_count(self) -> None:
        total = self.model.total()
        if total is None or self.model.isLoading():
            text = self.tr("Loading…")
        else:
            plural = self.tr("%n record(s)", "", min(total, 2**31 - 1))
            text = plural.replace(str(min(total, 2**31 - 1)), f"{total:,}")
        self.filter_bar.set_count_text(text)

    def _failed(self, error: BaseException) -> None:
        from crm_desktop.ui.errors import show_error

        self.filter_bar.set_count_text(self.tr("Could not load"))
        show_error(self, error)

    # Persistence -----------------------------------------------------------------------------
    def save_state(self) -> None:
        settings = self.context.settings
        settings.setValue(f"{self._settings_key}/header",
                          self.table.horizontalHeader().saveState())
        # (a detail pane still waiting to be shown keeps the size it was given)
        settings.setValue(f"{self._settings_key}/splitter", self.splitter.saveState())

    def restore_state(self) -> None:
        settings = self.context.settings
        header = _bytes(settings.value(f"{self._settings_key}/header"))
        if header is not None:
            self.table.horizontalHeader().restoreState(header)
            section = self.table.horizontalHeader().sortIndicatorSection()
            if not (0 <= section < len(self.spec.columns)
                    and self.spec.sortable(section)):
                self._setup_table()  # saved sort column no longer sortable: back to default
        splitter = _bytes(settings.value(f"{self._settings_key}/splitter"))
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def shutdown(self) -> None:
        self.save_state()
        self.model.shutdown()
        self.context.runner.shutdown(owner=self)


def _bytes(value: Any) -> QByteArray | None:
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, bytes | bytearray) and value:
        return QByteArray(value)
    return None

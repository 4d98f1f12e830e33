"""A lazy table model over one SQL table: the adapter every record list uses.

`SqlTableModel(database, TableSpec(...), runner)`; examples in docs/ui.md.

- Rows are frozen dataclasses (`spec.row_type`: `id` plus one field per column), never ORM objects.
- The row count is the SQL count, so the scroll bar is true from the start; rows are fetched in
  pages of `spec.page_size` into a windowed LRU cache when the view first asks for them (`data()`
  returns a placeholder and queues the page). Pages past the middle are read with the order
  reversed, so jumping to the end of a million rows reads 200 rows, not a million.
- SQL is built and run in worker threads (`ui.workers.Runner`); sorting, filtering
  (`setFilters([Filter])`, `setQuery(filters, text)`) and the trash are SQL conditions.
"""

from __future__ import annotations

import functools
import logging
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush

from crm_desktop.storage.lists import core as lists
from crm_desktop.storage.lists.core import ListQuery
from crm_desktop.storage.query_filter import Filter, parse_filters
from crm_desktop.ui.table_spec import ColumnSpec, TableSpec, fetch_warm
from crm_desktop.ui.workers import Runner

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's id (int)
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the row dataclass (or None while loading)
VALUE_ROLE = Qt.ItemDataRole.UserRole + 3  # the raw (unformatted) value of the cell
# Asked for each cell painted, so made once: every cell's flags, the roles data() answers.
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable \
    | Qt.ItemFlag.ItemNeverHasChildren
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_ANSWERED = frozenset(int(getattr(role, "value", role)) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole,
    ID_ROLE, ROW_ROLE, VALUE_ROLE, _BACKGROUND, _FOREGROUND))


class RowColours(Protocol):
    """What colours whole rows (pages.page_tools.RowHighlighter)."""

    def colours(self, row: Any) -> tuple[QBrush, QBrush] | None: ...

_CACHE_PAGES = 40
_MAX_WANTED = 6
_MAX_IN_FLIGHT = 2
_Index = QModelIndex | QPersistentModelIndex

__all__ = ["ID_ROLE", "ROW_ROLE", "VALUE_ROLE", "ColumnSpec", "SqlTableModel", "TableSpec"]


class SqlTableModel(QAbstractTableModel):
    loadingChanged = Signal(bool)  # noqa: N815
    loaded = Signal()  # the first page after a reset arrived
    totalChanged = Signal(object)  # noqa: N815 - the SQL count (Signal(int) is 32-bit)
    failed = Signal(object)

    def __init__(self, database: Database, spec: TableSpec, runner: Runner | None = None,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.database = database
        self.spec = spec
        self._runner = runner if runner is not None else Runner(parent=self)
        self._q = ListQuery.default(spec.source)
        self._total = 0
        self._count_known = False
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        self._wanted: OrderedDict[int, None] = OrderedDict()
        self._in_flight: set[int] = set()
        self._generation = 0
        self._loading = False
        self._pump_timer = QTimer(self)
        self._pump_timer.setSingleShot(True)
        self._pump_timer.setInterval(0)
        self._pump_timer.timeout.connect(self._pump)
        self._placeholder = QCoreApplication.translate("SqlTableModel", "Loading…")
        self._started = False
        self._held = False  # hold_until_start(): loads wait for start()
        self._first_loaded = False
        # Whole rows coloured by what they are (overdue tickets): every cell's background and
        # text colours (pages.page_tools.highlight_rows).
        self.row_colours: RowColours | None = None

    # Qt model API --------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.spec.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # a delegate asks each cell for eight roles, five of which no cell has: answered first
        if role not in _ANSWERED or not index.isValid() or index.row() >= self._total:
            return None
        if role in (_BACKGROUND, _FOREGROUND):
            return self._row_colour(index.row(), role)
        column = self.spec.columns[index.column()]
        if role == _ALIGNMENT:
            return column.alignment if column.alignment is not None else None
        row = self._row_at(index.row())
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return self._placeholder
            return None
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        value = getattr(row, column.key)
        if role == VALUE_ROLE:
            return value
        if value is None:
            return None if role == Qt.ItemDataRole.ToolTipRole else ""
        text = column.text(row, value)
        if role == Qt.ItemDataRole.ToolTipRole:  # shown when the cell is cut (ElidingDelegate)
            return text or None
        return text

    def _row_colour(self, number: int, role: int) -> QBrush | None:
        if self.row_colours is None:
            return None
        row = self._row_at(number)
        found = self.row_colours.colours(row) if row is not None else None
        if found is None:
            return None
        return found[0] if role == _BACKGROUND else found[1]

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.spec.columns[section].title if 0 <= section < len(self.spec.columns) \
                else None
        return str(section + 1)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not self.spec.sortable(column):
            return
        key = self.spec.columns[column].key
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self._q.sort_key and descending == self._q.descending and self._started:
            return
        self._q.sort_key, self._q.descending = key, descending
        self.reload()

    # Public API ------------------------------------------------------------------------------
    def start(self) -> None:
        """Load the first page (views call this when shown; also done by the first change,
        unless `hold_until_start()` was called)."""
        self._held = False
        if not self._started:
            self.reload()

    def hold_until_start(self) -> None:
        """Changes of sort, filter or trash before `start()` only set the query; `start()`
        loads it. A list being built sets its sort and filters in the same step: each used to
        start the query threads there, which then competed with the build for the GIL."""
        if not self._started:
            self._held = True

    def setFilters(self, filters: Sequence[Filter | Sequence[Any]]) -> None:  # noqa: N802
        self._q.filters = parse_filters(filters)
        self.reload()

    def filters(self) -> list[Filter]:
        return list(self._q.filters)

    def setQuery(self, filters: Sequence[Filter | Sequence[Any]], text: str) -> None:  # noqa: N802
        """Filters and search text at once (one reload)."""
        self._q.filters = parse_filters(filters)
        self._q.search = text.strip()
        self.reload()

    def setTrash(self, trash: bool) -> None:  # noqa: N802
        if trash != self._q.trash or not self._started:
            self._q.trash = trash
            self.reload()

    def trash(self) -> bool:
        return self._q.trash

    def sortKey(self) -> tuple[str | None, bool]:  # noqa: N802
        return self._q.sort_key, self._q.descending

    def total(self) -> int | None:
        """The SQL count, or None while it is being computed."""
        return self._total if self._count_known else None

    def isLoading(self) -> bool:  # noqa: N802
        return self._loading

    def row(self, row: int) -> Any | None:
        """The row dataclass at `row`, or None while its page is loading."""
        return self._row_at(row) if 0 <= row < self._total else None

    def row_id(self, row: int) -> int | None:
        found = self.row(row)
        return found.id if found is not None else None

    def row_of_id(self, record_id: int) -> int | None:
        """The row number of a loaded record (None when it is not in the cached window)."""
        size = self.spec.page_size
        for number, rows in self._pages.items():
            for offset, item in enumerate(rows):
                if item.id == record_id:
                    return number * size + offset
        return None

    def reload(self) -> None:
        """Forget everything and load again (after a change of sort, filter or trash)."""
        if self._held:
            return  # start() loads the query as it is then
        self._started = True
        self._generation += 1
        self._runner.cancel(self)
        self.beginResetModel()
        self._total = 0
        self._count_known = False
        self._first_loaded = False
        self._pages.clear()
        self._wanted.clear()
        # Page 0 is the first page's job: a count that arrives first makes the view ask for
        # the top rows, which must not read page 0 again (a second query, and a second paint
        # of the whole list when it lands).
        self._in_flight = {0}
        self.endResetModel()
        self._set_loading(True)
        generation = self._generation
        query = self._q.snapshot()
        fast = self._q.fast_path(self.database)
        source = self.spec.source
        self._runner.run(
            fetch_warm,
            *((lists.fast_page, self.spec.columns, self.database.path, source,
               self.spec.page_size) if fast
              else (lists.fetch_page, self.spec.columns, self.database, query,
                    (0, self.spec.page_size, False))),
            owner=self, key="first", description=self.tr("Loading {0}").format(self.spec.entity),
            on_finished=lambda rows: self._first_page(generation, rows),
            on_failed=self._failed,
        )
        self._runner.run(
            *((lists.fast_count, self.database.path, source) if fast
              else (lists.count, self.database, query)),
            owner=self, key="count", description=self.tr("Counting {0}").format(self.spec.entity),
            on_finished=lambda total: self._counted(generation, total),
            on_failed=self._failed,
        )

    def refresh(self) -> None:
        """Re-read count and the cached pages in place (after a write), keeping the view."""
        if not self._started:
            self.reload()
            return
        self._generation += 1
        generation = self._generation
        self._runner.cancel(self)
        self._wanted.clear()
        self._in_flight.clear()
        numbers = list(self._pages)[-3:]
        self._pages = OrderedDict((n, self._pages[n]) for n in numbers)
        pages = [(n, self._page_query(n)) for n in numbers]
        self._set_loading(True)
        self._runner.run(
            lists.refresh, self.database, self._q.snapshot(), pages, owner=self, key="refresh",
            description=self.tr("Refreshing {0}").format(self.spec.entity),
            on_finished=lambda result: self._refreshed(generation, *result),
            on_failed=self._failed,
        )

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Cancel this model's queries and wait for their threads."""
        self._generation += 1
        self._runner.shutdown(owner=self, timeout_ms=timeout_ms)

    # SQL ---------------------------------------------------------------------------------------
    def _page_query(self, number: int) -> tuple[int, int, bool]:
        """(offset, limit, reverse) of page `number`: read backwards from the end when that is
        shorter (jumping to the end of a million rows reads 200 rows)."""
        size = self.spec.page_size
        start = number * size
        end = start + size
        if self._count_known and start > self._total // 2:
            end = min(end, self._total)
            return self._total - end, end - start, True
        return start, size, False

    # Cache -------------------------------------------------------------------------------------
    def _row_at(self, row: int) -> Any | None:
        number, offset = divmod(row, self.spec.page_size)
        rows = self._pages.get(number)
        if rows is None:
            self._want(number)
            return None
        self._pages.move_to_end(number)
        return rows[offset] if offset < len(rows) else None

    def _want(self, number: int) -> None:
        if number in self._in_flight or not self._count_known:
            return
        self._wanted[number] = None
        self._wanted.move_to_end(number)
        while len(self._wanted) > _MAX_WANTED:
            self._wanted.popitem(last=False)
        if not self._pump_timer.isActive():
            self._pump_timer.start()

    def _pump(self) -> None:
        while self._wanted and len(self._in_flight) < _MAX_IN_FLIGHT:
            number, _ = self._wanted.popitem(last=True)
            if number in self._pages:
                continue
            self._in_flight.add(number)
            request = self._page_query(number)
            generation = self._generation
            self._set_loading(True)
            self._runner.run(
                fetch_warm, lists.fetch_page, self.spec.columns, self.database,
                self._q.snapshot(), request, owner=self,
                key=("page", number),
                description=self.tr("Loading {0}").format(self.spec.entity),
                on_finished=functools.partial(self._page_arrived, generation, number),
                on_failed=self._failed,
            )

    def _store(self, number: int, rows: list[Any]) -> None:
        self._pages[number] = rows
        self._pages.move_to_end(number)
        while len(self._pages) > _CACHE_PAGES:
            self._pages.popitem(last=False)

    def _page_arrived(self, generation: int, number: int, rows: list[Any]) -> None:
        if generation != self._generation:
            return
        self._in_flight.discard(number)
        self._store(number, rows)
        first = number * self.spec.page_size
        last = min(first + self.spec.page_size, self._total) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0),
                                  self.index(last, len(self.spec.columns) - 1))
        self._update_loading()
        if self._wanted:
            self._pump_timer.start()

    def _first_page(self, generation: int, rows: list[Any]) -> None:
        if generation != self._generation:
            return
        self._in_flight.discard(0)
        self._store(0, rows)
        self._first_loaded = True
        if not self._count_known and rows:
            self.beginInsertRows(QModelIndex(), 0, len(rows) - 1)
            self._total = len(rows)
            self.endInsertRows()
        elif rows:
            last = min(len(rows), self._total) - 1
            self.dataChanged.emit(self.index(0, 0), self.index(last, len(self.spec.columns) - 1))
        self._update_loading()
        self.loaded.emit()

    def _counted(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return
        self._count_known = True
        self._resize(total)
        self.totalChanged.emit(total)
        self._update_loading()

    def _refreshed(self, generation: int, total: int, pages: dict[int, list[Any]]) -> None:
        if generation != self._generation:
            return
        self._count_known = True
        self._first_loaded = True
        self._pages.clear()
        for number, rows in pages.items():
            self._store(number, rows)
        self._resize(total)
        if self._total:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self._total - 1, len(self.spec.columns) - 1))
        self.totalChanged.emit(total)
        self._update_loading()
        self.loaded.emit()

    def _resize(self, total: int) -> None:
        if total > self._total:
            self.beginInsertRows(QModelIndex(), self._total, total - 1)
            self._total = total
            self.endInsertRows()
        elif total < self._total:
            self.beginRemoveRows(QModelIndex(), total, self._total - 1)
            self._total = total
            self.endRemoveRows()

    def _failed(self, error: BaseException) -> None:
        self._in_flight.clear()
        self._set_loading(False)
        self.failed.emit(error)

    def _update_loading(self) -> None:
        self._set_loading(bool(self._in_flight) or not self._count_known or
                          not self._first_loaded)

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loadingChanged.emit(loading)

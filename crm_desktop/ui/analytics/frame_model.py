"""A read-only Qt table model over a pandas DataFrame, and column widths measured cheaply.

Imported with pandas, when a page that shows analysis results is first built.
"""

from __future__ import annotations

import contextlib
from typing import Any

import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QTableView

from crm_desktop.ui.analytics.label_columns import LABEL_COLUMNS

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
SIZED_ROWS = 50  # column widths come from the header and this many first rows
MAX_COLUMN_WIDTH = 320


def format_value(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 10_000 else f"{value:,.4g}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    return str(value)


def analysis_text(text: str) -> str:
    """A text an analysis produced (a figure's name, a column, a title, a label), translated
    in the context "analysis". The analyses (crm_desktop/services/analyses) run without Qt, in
    the background process, so their English source texts are translated where they are
    shown."""
    return QCoreApplication.translate("analysis", text) if text else text


class FrameModel(QAbstractTableModel):
    """A read-only table over a pandas DataFrame (sortable by column).

    Cells are read from one numpy array per column: `frame.iat[row, column]` costs about ten
    times more, and a view asks for thousands of cells when it sizes its columns.
    """

    def __init__(self, frame: pd.DataFrame | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._frame = pd.DataFrame()
        self._columns: list[Any] = []
        # How each column is shown (AnalysisOutcome.columns: money, probability, band,
        # reasons, ...) and the formats of those cells (insight_text.LocaleFormats).
        self._kinds: dict[str, str] = {}
        self._formats: Any = None
        self._names: dict[str, str] = {}  # segment names the user gave (key -> name)
        self._reasons: Any = None  # the book the reasons column points into
        self._set(frame if frame is not None else pd.DataFrame())

    def set_kinds(self, kinds: dict[str, str] | None, currency: str = "USD",
                  names: dict[str, str] | None = None, reasons: Any = None) -> None:
        """Show the columns by their kinds (call before set_frame); ``names``: the segment
        names the user gave; ``reasons``: the book the reasons column points into
        (AnalysisOutcome.reasons)."""
        from crm_desktop.ui.analytics.insight_text import LocaleFormats

        self._kinds = dict(kinds or {})
        self._formats = LocaleFormats(currency)
        self._names = dict(names or {})
        self._reasons = reasons

    def set_names(self, names: dict[str, str] | None) -> None:
        """Show segments by these names now (a segment was renamed)."""
        self._names = dict(names or {})
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))

    def kind(self, column: int) -> str | None:
        return self._column_kinds[column] if column < len(self._column_kinds) else None

    def hidden_columns(self) -> list[int]:
        """Columns a person does not read: hidden kinds, and ids with a name beside them."""
        names = [str(c) for c in self._frame.columns]
        named = "customer" in names
        return [i for i, name in enumerate(names) if self._kinds.get(name) == "hidden"
                or (named and name == "customer_id")]

    def frame(self) -> pd.DataFrame:
        return self._frame

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        self._set(frame)
        self.endResetModel()

    def _set(self, frame: pd.DataFrame) -> None:
        from crm_desktop.services.insights.cells import NUMERIC_KINDS

        self._frame = frame.reset_index(drop=True)
        self._columns = [self._frame[name].to_numpy() for name in self._frame.columns]
        self._column_kinds = [self._kinds.get(str(name)) for name in self._frame.columns]
        # Identifiers are shown as they are (no thousands separators).
        self._plain = [str(name) == "id" or str(name).endswith("_id")
                       for name in self._frame.columns]
        # Labels the analysis wrote (segment names, risk bands): shown translated.
        self._labels = [str(name) in LABEL_COLUMNS for name in self._frame.columns]
        # Numbers right-aligned (by column: a view asks each cell's alignment as it paints).
        self._align = [_RIGHT if (kind in NUMERIC_KINDS or kind is None
                                  and pd.api.types.is_numeric_dtype(self._frame[name])
                                  and not pd.api.types.is_bool_dtype(self._frame[name]))
                       else None
                       for name, kind in zip(self._frame.columns, self._column_kinds,
                                             strict=True)]

    def _text(self, column: int, value: Any) -> str:
        kind = self._column_kinds[column]
        if kind is not None and kind not in ("text", "customer", "opportunity", "name"):
            from crm_desktop.ui.analytics.insight_text import cell

            return cell(kind, value, self._formats, self._names, self._reasons)
        if self._plain[column] and value is not None and value == value:
            return str(value)
        if self._labels[column] and isinstance(value, str):
            return analysis_text(value)
        return format_value(value)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._frame)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def texts(self, column: int, rows: int) -> list[str]:
        """The shown texts of the first ``rows`` cells of ``column``."""
        return [self._text(column, v.item() if hasattr(v, "item") else v)
                for v in self._columns[column][:rows]]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks for a dozen roles per cell it paints: answer the others first, cheaply.
        if role == _DISPLAY:
            column = index.column()
            value = self._columns[column][index.row()]
            return self._text(column, value.item() if hasattr(value, "item") else value)
        if role == _ALIGNMENT:
            return self._align[index.column()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            name = str(self._frame.columns[section])
            if self._column_kinds[section] == "segment" and name == "label":
                name = "segment"  # the segments' label column holds their names
            return analysis_text(name.replace("_", " "))
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not len(self._frame.columns):
            return
        self.layoutAboutToBeChanged.emit()
        name = self._frame.columns[column]
        with contextlib.suppress(TypeError):
            self._set(self._frame.sort_values(
                name, ascending=order == Qt.SortOrder.AscendingOrder, kind="mergesort",
                na_position="last"))
        self.layoutChanged.emit()


def fit_columns(view: QTableView, rows: int = SIZED_ROWS) -> None:
    """Size each column of a view over a :class:`FrameModel` to its header and the texts of
    its first ``rows`` rows. Qt's ``resizeColumnsToContents`` asks the model for every role of
    every cell it measures, one Python call each: 20-60 ms for a result table on a 2-core
    laptop, against 2-5 ms for this."""
    model = view.model()
    if not isinstance(model, FrameModel):
        view.resizeColumnsToContents()
        return
    cells = QFontMetrics(view.font())
    header = view.horizontalHeader()
    heads = QFontMetrics(header.font())
    padding = 2 * view.style().pixelMetric(view.style().PixelMetric.PM_FocusFrameHMargin) + 12
    for column in range(model.columnCount()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        widest = heads.horizontalAdvance(title) + 24  # room for the sort indicator
        for text in model.texts(column, rows):
            widest = max(widest, cells.horizontalAdvance(text) + padding)
        header.resizeSection(column, min(widest, MAX_COLUMN_WIDTH))


NAME_WIDTH = 220  # widest customer-name column: long "name (company)" texts leave the reasons room


def hide_columns(view: QTableView, model: Any) -> None:
    """Hide the columns a person does not read (ids beside names, PCA coordinates)."""
    hidden = set(model.hidden_columns())
    for column in range(model.columnCount()):
        view.setColumnHidden(column, column in hidden)
        if model.kind(column) == "name":
            view.setColumnWidth(column, min(view.columnWidth(column), NAME_WIDTH))

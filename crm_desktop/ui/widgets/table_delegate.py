"""Cells that are cut show their full text in a tooltip, and only those.

A table model gives a cell's full text as its `ToolTipRole` (item_models.SqlTableModel does for
every cell); `ElidingDelegate` shows that tooltip only when the cell's text is elided ("Pioneer
Electronics Gr…"), or when the tooltip says more than the cell. Every record list installs it
(`widgets.record_list.list_table_look`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)


def text_is_elided(option: QStyleOptionViewItem) -> bool:
    """The option's text (initStyleOption done) is wider than the room its cell gives it."""
    text = option.text
    if not text:
        return False
    widget = option.widget
    style = widget.style() if widget is not None else None
    if style is None:
        return False
    rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
    return option.fontMetrics.horizontalAdvance(text) > rect.width() - 2 * margin


class ElidingDelegate(QStyledItemDelegate):
    """Shows a cell's tooltip only when the cell is cut (or the tooltip adds to it)."""

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView,  # noqa: N802
                  option: QStyleOptionViewItem,
                  index: QModelIndex | QPersistentModelIndex) -> bool:
        if event is None or event.type() != QEvent.Type.ToolTip or not index.isValid():
            return super().helpEvent(event, view, option, index)
        tip = index.data(Qt.ItemDataRole.ToolTipRole)
        if not tip:
            QToolTip.hideText()
            return True
        filled = QStyleOptionViewItem(option)
        self.initStyleOption(filled, index)
        if str(tip) == filled.text and not text_is_elided(filled):
            QToolTip.hideText()
            return True
        QToolTip.showText(event.globalPos(), str(tip), view.viewport(),
                          view.visualRect(index))
        return True

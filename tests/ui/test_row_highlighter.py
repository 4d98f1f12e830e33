"""RowHighlighter (ui/pages/page_tools.py): whole rows coloured by what they are, with the
row's meaning worked out once per row (not per cell painted) until it may have changed, and
colours that follow the palette of the view."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QStyleOptionViewItem

from crm_desktop.ui import item_models
from crm_desktop.ui.pages import page_tools
from crm_desktop.ui.pages.page_tools import OVERDUE, RowHighlighter
from crm_desktop.ui.theme import dark_palette, light_palette, tones


@dataclass(frozen=True)
class Ticket:
    id: int
    late: bool


class Tickets(QAbstractTableModel):
    def __init__(self, rows: list[Ticket]) -> None:
        super().__init__()
        self.rows = rows

    def rowCount(self, parent=QModelIndex()):  # noqa: B008, N802
        return len(self.rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: B008, N802
        return 4

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.rows[index.row()]
        if role == item_models.ROW_ROLE:
            return row
        return f"#{row.id}" if role == Qt.ItemDataRole.DisplayRole else None


def _paint_all(delegate: RowHighlighter, model: Tickets, palette=None) -> list[QColor]:
    """What initStyleOption makes of every cell (as a paint asks), background colours."""
    colours = []
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            option = QStyleOptionViewItem()
            if palette is not None:
                option.palette = palette
            delegate.initStyleOption(option, model.index(r, c))
            colours.append(option.backgroundBrush.color())
    return colours


def test_a_rows_meaning_is_asked_once_until_it_may_have_changed(qapp, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(page_tools.time, "monotonic", lambda: clock[0])
    asked: list[int] = []
    late = {1: True, 2: False, 3: True}

    def style(row: Ticket) -> str | None:
        asked.append(row.id)
        return OVERDUE if late[row.id] else None

    model = Tickets([Ticket(1, True), Ticket(2, False), Ticket(3, True)])
    delegate = RowHighlighter(style)
    first = _paint_all(delegate, model)
    _paint_all(delegate, model)  # a second paint, 12 cells each
    assert sorted(asked) == [1, 2, 3]
    danger = QColor(tones().danger_bg)
    assert [c == danger for c in first[::4]] == [True, False, True]
    late[2] = True  # the second ticket passed its due time...
    clock[0] += RowHighlighter.RECHECK_S + 1  # ...and is painted red once it may have
    assert [c == danger for c in _paint_all(delegate, model)[::4]] == [True, True, True]
    assert sorted(asked) == [1, 1, 2, 2, 3, 3]


def test_colours_follow_the_views_palette(qapp):
    model = Tickets([Ticket(1, True)])
    delegate = RowHighlighter(lambda row: OVERDUE)
    dark, light = dark_palette(), light_palette()
    assert _paint_all(delegate, model, dark)[0] == QColor(tones(dark).danger_bg)
    assert _paint_all(delegate, model, light)[0] == QColor(tones(light).danger_bg)
    assert QColor(tones(dark).danger_bg) != QColor(tones(light).danger_bg)

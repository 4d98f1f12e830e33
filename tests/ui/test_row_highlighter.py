"""RowHighlighter (ui/pages/page_tools.py): whole rows coloured by what they are, with the
row's meaning worked out once per row (not per cell painted) until it may have changed, and
colours that follow the application's palette; a list's model gives them as every cell's
background and text colours (no delegate of our own runs per cell)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from crm_desktop.storage.customers import create_customer
from crm_desktop.ui.item_models import SqlTableModel
from crm_desktop.ui.pages import page_tools
from crm_desktop.ui.pages.page_tools import OVERDUE, RowHighlighter
from crm_desktop.ui.theme import dark_palette, light_palette, tones
from tests.ui.test_item_models import _loaded, _spec


@dataclass(frozen=True)
class Ticket:
    id: int
    late: bool


def _backgrounds(highlighter: RowHighlighter, rows: list[Ticket], cells: int = 4) -> list:
    """A paint asks each cell of a row: the background colour each cell gets (None: none)."""
    found = []
    for row in rows:
        for _ in range(cells):
            colours = highlighter.colours(row)
            found.append(None if colours is None else colours[0].color())
    return found


def test_a_rows_meaning_is_asked_once_until_it_may_have_changed(qapp, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(page_tools.time, "monotonic", lambda: clock[0])
    asked: list[int] = []
    late = {1: True, 2: False, 3: True}

    def style(row: Ticket) -> str | None:
        asked.append(row.id)
        return OVERDUE if late[row.id] else None

    rows = [Ticket(1, True), Ticket(2, False), Ticket(3, True)]
    highlighter = RowHighlighter(style)
    first = _backgrounds(highlighter, rows)
    _backgrounds(highlighter, rows)  # a second paint, 12 cells each
    assert sorted(asked) == [1, 2, 3]
    danger = QColor(tones().danger_bg)
    assert [c == danger for c in first[::4]] == [True, False, True]
    late[2] = True  # the second ticket passed its due time...
    clock[0] += RowHighlighter.RECHECK_S + 1  # ...and is painted red once it may have
    assert [c == danger for c in _backgrounds(highlighter, rows)[::4]] == [True, True, True]
    assert sorted(asked) == [1, 1, 2, 2, 3, 3]


def test_colours_follow_the_applications_palette(qapp):
    highlighter = RowHighlighter(lambda row: OVERDUE)
    before = QGuiApplication.palette()
    dark, light = dark_palette(), light_palette()
    try:
        QGuiApplication.setPalette(dark)
        assert _backgrounds(highlighter, [Ticket(1, True)])[0] == QColor(tones(dark).danger_bg)
        QGuiApplication.setPalette(light)
        assert _backgrounds(highlighter, [Ticket(1, True)])[0] == QColor(tones(light).danger_bg)
    finally:
        QGuiApplication.setPalette(before)
    assert QColor(tones(dark).danger_bg) != QColor(tones(light).danger_bg)


def test_a_lists_model_colours_its_cells_with_the_rows_meaning(qtbot, db):
    """The model answers the background and text colour of every cell of a highlighted row,
    so Qt's own delegate paints them (as the former per-cell delegate did)."""
    with db.session() as session:
        for i in range(3):
            create_customer(session, {"name": f"Customer {i}", "city": "Paris", "rating": i})
    model = SqlTableModel(db, _spec())
    model.start()
    _loaded(qtbot, model)
    index = model.index(1, 2)
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is None  # none set
    model.row_colours = RowHighlighter(lambda row: OVERDUE if row.rating == 1 else None)
    t = tones()
    for column in range(3):
        cell = model.index(1, column)
        assert model.data(cell, Qt.ItemDataRole.BackgroundRole).color() == QColor(t.danger_bg)
        assert model.data(cell, Qt.ItemDataRole.ForegroundRole).color() == QColor(t.danger)
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    option = QStyleOptionViewItem()
    QStyledItemDelegate().initStyleOption(option, index)  # what a paint of the cell gets
    assert option.backgroundBrush.color() == QColor(t.danger_bg)
    assert option.palette.color(option.palette.ColorRole.Text) == QColor(t.danger)
    model.shutdown()

"""The board makes its first column at once, then the other columns one per step of the event
loop (each with its first cards), then the rest of the cards in steps, in order, before the
"more" button; asking for a card or a column makes the rest at once."""

from __future__ import annotations

from decimal import Decimal

from crm_desktop.storage.board import Board, Card, ColumnSummary
from crm_desktop.ui.pipeline.kanban import FIRST_CARDS, KanbanBoard, KanbanCard


def _board(per_column: int, more: int) -> Board:
    columns = tuple(ColumnSummary(stage, f"Stage {stage}", "open", 50, per_column + more, {}, {})
                    for stage in (1, 2))
    cards = {stage: tuple(Card(stage * 1000 + i, stage, f"Deal {stage}-{i}", 1, "Acme",
                               Decimal(100 + i), "USD", None, None, 50, "open")
                          for i in range(per_column)) for stage in (1, 2)}
    return Board(1, columns, cards)


def _made(board: KanbanBoard) -> list[int]:  # without finishing the pending cards
    return sorted(card.card.id for card in board.findChildren(KanbanCard))


def test_cards_are_made_in_steps_in_order_before_the_more_button(qtbot):
    board = KanbanBoard()
    qtbot.addWidget(board)
    board.set_board(_board(per_column=40, more=5))
    assert len(_made(board)) == FIRST_CARDS and len(board._columns) == 1  # the first column
    qtbot.waitUntil(lambda: len(board._columns) == 2, timeout=5000)
    qtbot.waitUntil(lambda: len(_made(board)) == 80, timeout=5000)
    for column in board._columns:
        layout = column.cards_layout
        widgets = [layout.itemAt(i).widget() for i in range(layout.count())]
        ids = [w.card.id for w in widgets if isinstance(w, KanbanCard)]
        assert ids == sorted(ids) and len(ids) == 40
        assert widgets[-2] is column.more_button  # then the stretch


def test_looking_for_a_card_makes_the_pending_ones(qtbot):
    board = KanbanBoard()
    qtbot.addWidget(board)
    board.set_board(_board(per_column=30, more=0))
    assert board.card_widget(2029) is not None
    assert len(_made(board)) == 60
    board.set_board(_board(per_column=12, more=0))  # a new board drops what was pending
    qtbot.waitUntil(lambda: len(_made(board)) == 24, timeout=5000)
    board.set_board(_board(per_column=3, more=0))
    assert board.column_widget(2) is not None  # made at once for whoever asks
    qtbot.waitUntil(lambda: len(_made(board)) == 6, timeout=5000)  # the old ones deleted
    assert [c.stage_id for c in board.columns()] == [1, 2]


def _stages(count: int) -> Board:
    columns = tuple(ColumnSummary(stage, f"Stage {stage}", "open", 50, 3, {}, {})
                    for stage in range(1, count + 1))
    cards = {stage: tuple(Card(stage * 1000 + i, stage, f"Deal {stage}-{i}", 1, "Acme",
                               Decimal(100 + i), "USD", None, None, 50, "open")
                          for i in range(3)) for stage in range(1, count + 1)}
    return Board(1, columns, cards)


def test_the_board_has_its_whole_width_while_its_columns_are_made(qtbot):
    """Columns made a step at a time go into room kept for them: the board is not resized
    (and painted whole) at every step, only the new column is painted."""
    board = KanbanBoard()
    qtbot.addWidget(board)
    board.resize(600, 400)
    board.show()
    board.set_board(_stages(6))
    assert len(board._columns) == 1
    inner = board.widget()
    widths = []
    steps = board._more_cards

    def step():
        inner.layout().activate()
        widths.append(inner.width())
        steps()

    board._more_cards = step
    board.set_board(_stages(6))  # the next steps call the spy
    inner.layout().activate()
    widths.append(inner.width())
    qtbot.waitUntil(lambda: len(board._columns) == 6, timeout=5000)
    inner.layout().activate()
    widths.append(inner.width())
    assert len(widths) >= 6 and len(set(widths)) == 1, widths
    assert widths[-1] >= 6 * 190  # every column fits, none squeezed
    assert [column.x() for column in board._columns] == sorted(
        column.x() for column in board._columns)

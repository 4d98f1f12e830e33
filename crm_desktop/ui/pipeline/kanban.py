"""A kanban board: one column per pipeline stage, cards dragged between columns.

The widget is a view only: it draws a `storage.board.Board` (column figures from SQL aggregates
and the top N cards of each stage) and reports what the user asked for through signals. The
page decides what a move means (a reason for won/lost, the undoable storage call).

Every way of moving a card ends in `KanbanBoard.request_move`: a drop on a column (the real
drag and drop and the tests send the same `QDropEvent`), the card's context menu, and
Ctrl+Left / Ctrl+Right on a focused card. The cards are in kanban_card.py.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.storage.board import Board, Card, ColumnSummary
from crm_desktop.ui.pipeline.kanban_card import KanbanCard, mime_card_id
from crm_desktop.ui.qt_typed import named
from crm_desktop.ui.steps import next_step
from crm_desktop.ui.theme import tones
from crm_desktop.ui.widgets.display import money_parts
from crm_desktop.ui.widgets.elided_label import ElidedLabel

log = logging.getLogger(__name__)

COLUMN_WIDTH = 190
COLUMN_SPACING = 8
FIRST_CARDS = 8  # per column, made with the board: what a window shows before scrolling
CARDS_PER_STEP = 10  # the others, this many per step of the event loop


def _kind_colour(kind: str) -> str:
    """The rule under a stage's title: open stages in the accent, won good, lost danger."""
    t = tones()
    return {"won": t.good, "lost": t.danger}.get(kind, t.accent)


def _fill(widget: QWidget, colour: str) -> None:
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(colour))
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)


class KanbanColumn(QWidget):
    """A stage: header with count, total and weighted total; its cards; 'N more…'."""

    def __init__(self, summary: ColumnSummary, board: KanbanBoard,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = summary
        self._board = board
        self.setObjectName("kanbanColumn")
        self.setAccessibleName(self.tr("Stage %1").replace("%1", summary.name))
        self.setAcceptDrops(True)
        self.setFixedWidth(COLUMN_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        self._drop_target = False
        title = named(ElidedLabel(f"{summary.name}  ·  {summary.probability}%"), "columnTitle")
        title.setStyleSheet("font-weight: bold;")
        layout.addWidget(title)
        rule = named(QWidget(), "columnRule")
        rule.setFixedHeight(3)
        _fill(rule, _kind_colour(summary.kind))
        layout.addWidget(rule)
        self.figures = named(QLabel(), "columnFigures")
        self.figures.setWordWrap(True)  # several currencies wrap within the column
        self.figures.setText(
            self.tr("%1 · %2<br>weighted %3")
            .replace("%1", self.tr("1 deal") if summary.count == 1
                     else self.tr("%1 deals").replace("%1", f"{summary.count:,}"))
            .replace("%2", money_parts(summary.total, short=True))
            .replace("%3", money_parts(summary.weighted, short=True))
        )
        self.figures.setToolTip(
            self.tr("%1 opportunities, total %2, weighted total %3")
            .replace("%1", str(summary.count)).replace("%2", money_parts(summary.total))
            .replace("%3", money_parts(summary.weighted))
        )
        layout.addWidget(self.figures)
        self.cards_scroll = QScrollArea(self)
        self.cards_scroll.setObjectName("columnCards")
        self.cards_scroll.setWidgetResizable(True)
        self.cards_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.cards_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cards_scroll.setAutoFillBackground(False)
        self.cards_scroll.viewport().setAutoFillBackground(False)
        holder = QWidget()
        holder.setObjectName("columnCardHolder")
        holder.setAutoFillBackground(False)
        self.cards_layout = QVBoxLayout(holder)
        self.cards_layout.setContentsMargins(0, 0, 2, 0)
        self.cards_layout.setSpacing(6)
        self.cards_layout.addStretch(1)
        self.cards_scroll.setWidget(holder)
        layout.addWidget(self.cards_scroll, 1)
        self.more_button: QPushButton | None = None

    def add_card(self, card: KanbanCard) -> None:
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        at = self.cards_layout.count() - 1  # before the stretch, and before "more…" if any
        if self.more_button is not None:
            at = self.cards_layout.indexOf(self.more_button)
        self.cards_layout.insertWidget(at, card)

    def set_more(self, count: int) -> None:
        if count <= 0:
            return
        self.more_button = QPushButton(self.tr("%1 more…").replace("%1", f"{count:,}"), self)
        self.more_button.setObjectName("moreCards")
        self.more_button.setFlat(True)
        self.more_button.setToolTip(self.tr("Show every opportunity of this stage in the table"))
        self.more_button.clicked.connect(
            lambda: self._board.moreRequested.emit(self.summary.stage_id)
        )
        self.cards_layout.insertWidget(self.cards_layout.count() - 1, self.more_button)

    def cards(self) -> list[KanbanCard]:
        self._board.finish_cards()
        return self.findChildren(KanbanCard)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        t = tones(self.palette())
        if self._drop_target:
            pen = QPen(QColor(t.accent), 2, Qt.PenStyle.DashLine)
            painter.setBrush(QColor(t.info_bg))
        else:
            pen = QPen(QColor(t.border), 1)
            painter.setBrush(QColor(t.raised))
        painter.setPen(pen)
        painter.drawRoundedRect(rect, 6, 6)
        painter.end()

    def _highlight(self, on: bool) -> None:
        self._drop_target = on
        self.update()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if mime_card_id(event.mimeData()) is not None:
            event.acceptProposedAction()
            self._highlight(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if mime_card_id(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dragLeaveEvent(self, event: object) -> None:
        self._highlight(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self._highlight(False)
        card_id = mime_card_id(event.mimeData())
        if card_id is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self._board.request_move(card_id, self.summary.stage_id)


class KanbanBoard(QScrollArea):
    """The board: columns side by side in a horizontal scroll area."""

    moveRequested = Signal(int, int)  # opportunity id, target stage id
    cardActivated = Signal(int)
    cardSelected = Signal(int)
    deleteRequested = Signal(int)
    moreRequested = Signal(int)  # stage id
    allShown = Signal()  # noqa: N815 - the last step of a board's columns and cards is made

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pipelineBoard")
        self.setAccessibleName(self.tr("Pipeline board"))
        self.setWidgetResizable(True)
        self._inner = QWidget()
        self._inner.setAutoFillBackground(True)  # the palette's window colour, in either theme
        self._row = QHBoxLayout(self._inner)
        self._row.setContentsMargins(6, 6, 6, 6)
        self._row.setSpacing(COLUMN_SPACING)
        # The room of the columns still to make (the board is built a column per step): the
        # board has its whole width from the first step, so adding a column paints only that
        # column. Growing a step at a time, the board was resized and painted whole at every
        # step, the last paint every card of every column (60 ms of the GUI thread at 100k).
        self._room = QSpacerItem(0, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)
        self._row.addItem(self._room)
        self._row.addStretch(1)
        # Never squeeze columns below their width: scroll sideways instead.
        self._row.setSizeConstraint(QHBoxLayout.SizeConstraint.SetMinimumSize)
        self._inner.setObjectName("kanbanInner")
        self.setWidget(self._inner)
        self._columns: list[KanbanColumn] = []
        self.current_card: int | None = None
        self.board: Board | None = None
        # Cards still to make, per column: the first ones of each column are made at once,
        # the rest a step at a time (hundreds of card widgets in one step kept the window
        # from repainting for a quarter of a second).
        self._pending: list[tuple[KanbanColumn, list[Card]]] = []
        self._pending_columns: list[ColumnSummary] = []  # columns still to make, in order

    def set_board(self, board: Board) -> None:
        """Replace what is shown (keeps the focused card focused when it is still there)."""
        focused = self.current_card
        for column in self._columns:
            self._row.removeWidget(column)
            column.deleteLater()
        self._columns = []
        self._pending = []
        self.board = board
        # The first column now, the others one per step of the event loop (each a header
        # and its first cards: seven of them in one step took the GUI thread 80 ms).
        self._pending_columns = list(board.columns)
        self._add_column()
        self._keep_room()  # (a board without columns: none)
        if self._pending_columns or self._pending:
            next_step(self, self._more_cards)
        else:
            self.allShown.emit()
        if focused is not None:
            card_widget = self.card_widget(focused)
            if card_widget is not None:
                card_widget.setFocus()
        log.debug("board shows %d columns", len(self._columns))

    def _add_column(self) -> None:
        """Make the next column of the board (with its first cards)."""
        if not self._pending_columns or self.board is None:
            return
        summary = self._pending_columns.pop(0)
        column = KanbanColumn(summary, self, self._inner)
        cards = list(self.board.cards.get(summary.stage_id, ()))
        for card in cards[:FIRST_CARDS]:
            column.add_card(KanbanCard(card, self, column))
        if cards[FIRST_CARDS:]:
            self._pending.append((column, cards[FIRST_CARDS:]))
        column.set_more(self.board.more(summary.stage_id))
        self._keep_room()  # (first: showing the column lays the board out)
        self._row.insertWidget(len(self._columns), column)  # (before the room kept)
        column.show()  # now, not by a queued event that would lay the board out again
        self._columns.append(column)

    def _keep_room(self) -> None:
        """Keep the room of the columns still to make (none once all are made)."""
        width = len(self._pending_columns) * (COLUMN_WIDTH + COLUMN_SPACING)
        if self._room.sizeHint().width() != width:
            self._room.changeSize(width, 0, QSizePolicy.Policy.Fixed,
                                  QSizePolicy.Policy.Minimum)
            self._row.invalidate()

    def _finish_columns(self) -> None:
        while self._pending_columns:
            self._add_column()

    def _more_cards(self) -> None:
        """One step of the columns, then the cards, left to make; the next step is queued
        after it."""
        if self._pending_columns:
            self._add_column()
            next_step(self, self._more_cards)
            return
        made = 0
        while self._pending and made < CARDS_PER_STEP:
            column, cards = self._pending[0]
            take, rest = cards[:CARDS_PER_STEP - made], cards[CARDS_PER_STEP - made:]
            for card in take:
                column.add_card(KanbanCard(card, self, column))
            made += len(take)
            if rest:
                self._pending[0] = (column, rest)
            else:
                self._pending.pop(0)
        if self._pending:
            next_step(self, self._more_cards)
        else:
            self.allShown.emit()

    def finish_cards(self) -> None:
        """Make the columns and cards still pending now (for whoever looks for a card)."""
        self._finish_columns()
        while self._pending:
            column, cards = self._pending.pop(0)
            for card in cards:
                column.add_card(KanbanCard(card, self, column))

    def columns(self) -> list[ColumnSummary]:
        return list(self.board.columns) if self.board is not None else []

    def column_widget(self, stage_id: int) -> KanbanColumn | None:
        self._finish_columns()
        return next((c for c in self._columns if c.summary.stage_id == stage_id), None)

    def card_widget(self, opportunity_id: int) -> KanbanCard | None:
        self.finish_cards()
        for column in self._columns:
            for card in column.cards():
                if card.card.id == opportunity_id:
                    return card
        return None

    def neighbour_stage(self, stage_id: int, step: int) -> int | None:
        ids = [c.stage_id for c in self.columns()]
        if stage_id not in ids:
            return None
        index = ids.index(stage_id) + step
        return ids[index] if 0 <= index < len(ids) else None

    def request_move(self, opportunity_id: int, stage_id: int) -> None:
        """The single path of every move (drop, menu, keyboard)."""
        card = self.card_widget(opportunity_id)
        if card is not None and card.card.stage_id == stage_id:
            return
        self.moveRequested.emit(opportunity_id, stage_id)

"""A card of the kanban board (one opportunity) and the drag-and-drop payload.

Cards are painted directly (no child widgets, no style sheet): a board rebuilds a few hundred
of them after every change. Everything a card is asked to do (open, move, delete) goes to its
board, so moves from drag and drop, the menu and the keyboard share one path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QMimeData, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDrag,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QApplication, QMenu, QSizePolicy, QWidget

from crm_desktop.storage.board import Card
from crm_desktop.ui.theme import tones
from crm_desktop.ui.widgets.display import day, money

if TYPE_CHECKING:
    from crm_desktop.ui.pipeline.kanban import KanbanBoard

MIME_TYPE = "application/x-crm-opportunity"
CARD_WIDTH = 160


def card_mime(opportunity_id: int) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME_TYPE, QByteArray(str(opportunity_id).encode("ascii")))
    return mime


def mime_card_id(mime: QMimeData | None) -> int | None:
    if mime is None or not mime.hasFormat(MIME_TYPE):
        return None
    try:
        return int(bytes(mime.data(MIME_TYPE).data()).decode("ascii"))
    except ValueError:
        return None


class KanbanCard(QWidget):
    """One opportunity: name, customer, amount and probability, close date and owner.

    Painted directly (no child widgets, no style sheet): a board rebuilds a few hundred cards
    after every change and this keeps that to a few milliseconds."""

    PADDING = 8

    def __init__(self, card: Card, board: KanbanBoard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = card
        self._board = board
        self._press: QPoint | None = None
        self.setObjectName("kanbanCard")
        self.setAccessibleName(card.name)
        meta = " · ".join(part for part in (day(card.expected_close), card.owner or "") if part)
        figures = f"{money(card.amount, card.currency)}  ·  {card.probability}%"
        if card.win_probability is not None:
            # The win-probability model's estimate, beside the stage's probability.
            figures += "  ·  " + self.tr("win %1%").replace(
                "%1", f"{100 * card.win_probability:.0f}")
        self.lines = (card.name, card.customer_name, figures, meta)
        self.setAccessibleDescription(
            self.tr("%1, %2, closes %3").replace("%1", card.customer_name)
            .replace("%2", money(card.amount, card.currency)).replace("%3", day(card.expected_close))
        )
        # (name, customer and owner are cut on the card: whole here)
        self.setToolTip("\n".join(part for part in (card.name, self.accessibleDescription(),
                                                     card.owner or "") if part))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        line = self.fontMetrics().lineSpacing()
        self.setFixedHeight(4 * line + 2 * self.PADDING + 2)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(CARD_WIDTH, self.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        focused = self.hasFocus()
        t = tones(self.palette())
        painter.setPen(QPen(QColor(t.accent if focused else t.border), 2 if focused else 1))
        painter.setBrush(QColor(t.surface))
        painter.drawRoundedRect(rect, 5, 5)
        metrics = self.fontMetrics()
        width = self.width() - 2 * self.PADDING
        y = self.PADDING + metrics.ascent()
        bold = QFont(self.font())
        bold.setBold(True)
        for i, text in enumerate(self.lines):
            painter.setFont(bold if i == 0 else self.font())
            painter.setPen(QColor(t.muted if i in (1, 3) else t.text))
            elided = QFontMetrics(painter.font()).elidedText(text, Qt.TextElideMode.ElideRight,
                                                             width)
            painter.drawText(self.PADDING, y, elided)
            y += metrics.lineSpacing()
        painter.end()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self.update()
        super().focusOutEvent(event)

    # Dragging ------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
            self.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        distance = (event.position().toPoint() - self._press).manhattanLength()
        if distance < QApplication.startDragDistance():
            return
        self._press = None
        drag = QDrag(self)
        drag.setMimeData(card_mime(self.card.id))
        drag.setPixmap(self.grab())
        drag.setHotSpot(event.position().toPoint())
        drag.exec(Qt.DropAction.MoveAction)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._board.cardActivated.emit(self.card.id)

    # Keyboard and menu ---------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._board.cardActivated.emit(self.card.id)
        elif mods & Qt.KeyboardModifier.ControlModifier and key in (Qt.Key.Key_Left,
                                                                    Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            target = self._board.neighbour_stage(self.card.stage_id, step)
            if target is not None:
                self._board.request_move(self.card.id, target)
        elif key == Qt.Key.Key_Delete:
            self._board.deleteRequested.emit(self.card.id)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self._board.current_card = self.card.id
        self._board.cardSelected.emit(self.card.id)
        self.update()
        super().focusInEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), lambda: self._board.cardActivated.emit(self.card.id))
        move = menu.addMenu(self.tr("Move to"))
        for summary in self._board.columns():
            action = move.addAction(summary.name)
            action.setEnabled(summary.stage_id != self.card.stage_id)
            action.triggered.connect(
                lambda _=False, sid=summary.stage_id: self._board.request_move(self.card.id, sid)
            )
        menu.addAction(self.tr("Move to trash"),
                       lambda: self._board.deleteRequested.emit(self.card.id))
        menu.exec(event.globalPos())

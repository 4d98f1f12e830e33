"""The relationship graph view: ``GraphCanvas`` plus the mouse, the wheel and the keyboard.

Mouse (documented in the page's hint line too):

* left click on a customer: ``nodeClicked`` (after the double-click interval, so a double click
  does not also count as a click); double click: ``nodeDoubleClicked``; double click on the
  background: fit the whole graph;
* left drag on the background: pan; wheel: zoom around the cursor; keys + - 0;
* **right-button drag** from one customer to another, or **Shift + left drag**:
  ``linkRequested(source, target)``; a right click without dragging: ``nodeMenuRequested``.

The view never touches the database: the page gives it ``NodeSpec``/``EdgeSpec`` rows.
Hover shows ``tooltip_for(node)`` (computed only when asked).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QLineF, QObject, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QHelpEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QGraphicsView, QToolTip, QWidget

from crm_desktop.ui.graph.graph_canvas import GraphCanvas
from crm_desktop.ui.graph.graph_specs import EdgeSpec, distance_to_segment

_PICK_PX = 5  # a node within this many pixels of the cursor counts as hit
EDGE_PICK_PX = 4.0  # an edge within this many pixels of the cursor gets the edge tooltip
_DRAG_PX = 4  # movement below this is still a click


class GraphView(GraphCanvas):
    nodeClicked = Signal(int)  # noqa: N815 - Qt naming
    nodeDoubleClicked = Signal(int)  # noqa: N815
    nodeMenuRequested = Signal(int, QPoint)  # noqa: N815 - node, global position
    linkRequested = Signal(int, int)  # noqa: N815 - source, target

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("graphView")
        self.setAccessibleName(self.tr("Relationship graph"))
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        self.tooltip_for: Callable[[int], str] | None = None
        self._press: tuple[str, int | None, QPoint] | None = None  # (mode, node, where)
        self._last: QPoint = QPoint()
        self._moved = False
        self._click_timer = QTimer(self, singleShot=True)
        self._click_timer.timeout.connect(self._emit_click)
        self._pending_click: int | None = None

    # Mouse and keys --------------------------------------------------------------------------
    def node_at(self, pos: QPoint) -> int | None:
        """The customer under (or within a few pixels of) a viewport position."""
        area = self.mapToScene(pos.x() - _PICK_PX, pos.y() - _PICK_PX,
                               2 * _PICK_PX, 2 * _PICK_PX).boundingRect()
        centre = self.mapToScene(pos)
        best, best_d = None, float("inf")
        for item in self.nodes_in(area):
            d = QLineF(item.pos(), centre).length() - item.radius
            if d < best_d:
                best, best_d = item.node_id, d
        return best

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        pos = event.position().toPoint()
        node = self.node_at(pos)
        button, shift = event.button(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        self._last, self._moved = pos, False
        if node is not None and (button == Qt.MouseButton.RightButton
                                 or (button == Qt.MouseButton.LeftButton and shift)):
            self._press = ("link", node, pos)
            start = self._nodes[node].pos()
            self._rubber.setLine(QLineF(start, start))
            self._rubber.show()
        elif button == Qt.MouseButton.LeftButton:
            self._press = ("click" if node is not None else "pan", node, pos)
            if node is None:
                self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        else:
            self._press = None
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._press is None:
            return super().mouseMoveEvent(event)
        mode, _node, origin = self._press
        pos = event.position().toPoint()
        if (pos - origin).manhattanLength() >= _DRAG_PX:
            self._moved = True
        if mode == "pan":
            delta = pos - self._last
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
        elif mode == "link":
            line = self._rubber.line()
            self._rubber.setLine(QLineF(line.p1(), self.mapToScene(pos)))
        self._last = pos
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        press, self._press = self._press, None
        self.viewport().unsetCursor()
        self._rubber.hide()
        if press is None:
            return super().mouseReleaseEvent(event)
        mode, node, origin = press
        pos = event.position().toPoint()
        moved = self._moved or (pos - origin).manhattanLength() >= _DRAG_PX
        target = self.node_at(pos)
        if mode == "link" and node is not None:
            if target is not None and target != node:
                self.linkRequested.emit(node, target)
            elif not moved and event.button() == Qt.MouseButton.RightButton:
                self.nodeMenuRequested.emit(node, event.globalPosition().toPoint())
        elif mode == "click" and node is not None and target == node and not moved:
            self._pending_click = node
            self._click_timer.start(QApplication.doubleClickInterval())
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self._click_timer.stop()
        self._pending_click = None
        node = self.node_at(event.position().toPoint())
        if node is not None:
            self.nodeDoubleClicked.emit(node)
        else:
            self.fit()
        event.accept()

    def _emit_click(self) -> None:
        node, self._pending_click = self._pending_click, None
        if node is not None:
            self.nodeClicked.emit(node)

    def wheelEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        steps = event.angleDelta().y() / 120.0  # type: ignore[attr-defined]
        if steps:
            self.zoom(1.2**steps)
        event.accept()  # type: ignore[attr-defined]

    def keyPressEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        key = event.key()  # type: ignore[attr-defined]
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.25)
        elif key == Qt.Key.Key_Minus:
            self.zoom(0.8)
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Home):
            self.fit()
        else:
            super().keyPressEvent(event)  # type: ignore[arg-type]

    def edge_at(self, pos: QPoint, pick_px: float = EDGE_PICK_PX) -> EdgeSpec | None:
        """The visible edge nearest a viewport position (within ``pick_px``), recorded ones
        first when two are equally near. Linear in the edges: only for tooltips."""
        scale = max(self.transform().m11(), 1e-9)
        reach = pick_px / scale
        at = self.mapToScene(pos)
        area = QRectF(at.x() - reach, at.y() - reach, 2 * reach, 2 * reach)
        best, best_d = None, reach
        for edge in self.visible_edges():
            a, b = self._nodes[edge.source].pos(), self._nodes[edge.target].pos()
            if not area.intersects(QRectF(a, b).normalized().adjusted(-1, -1, 1, 1)):
                continue
            d = distance_to_segment(at, a, b) + (1e-6 if edge.inferred else 0.0)
            if d <= best_d:
                best, best_d = edge, d
        return best

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (watched is self.viewport() and event.type() == QEvent.Type.ToolTip
                and isinstance(event, QHelpEvent) and self.edge_tooltip_for is not None):
            pos = event.pos()
            near = self.mapToScene(pos.x() - 5, pos.y() - 5, 10, 10).boundingRect()
            if not self.nodes_in(near):  # a customer under the cursor has its own tooltip
                edge = self.edge_at(pos)
                if edge is not None:
                    QToolTip.showText(event.globalPos(), self.edge_tooltip_for(edge),
                                      self.viewport())
                    return True
        return super().eventFilter(watched, event)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            node = self.node_at(event.pos())
            if node is not None and self.tooltip_for is not None:
                QToolTip.showText(event.globalPos(), self.tooltip_for(node), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

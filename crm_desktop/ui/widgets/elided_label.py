"""Text that does not fit is cut with "…" and shown whole in a tooltip.

- `ElidedLabel`: a one-line plain-text label (a detail pane's title, an owner's name) that never
  asks for more width than it gets: it elides, and its tooltip is the full text when cut.
- `elide(text, metrics, width)`: the same for painted text (kanban cards).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStyleOption, QWidget


def elide(text: str, metrics: QFontMetrics, width: int) -> str:
    """`text` cut to `width` pixels with "…" (unchanged when it fits)."""
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(0, width))


class ElidedLabel(QLabel):
    """One line of plain text, elided to the width it gets; the full text is its tooltip
    when cut (`is_elided()`)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self._elided = False
        self._own_tip = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802
        self._full = text or ""
        super().setText(self._full)
        self._update_tip()
        self.update()

    def text(self) -> str:
        return self._full

    def setToolTip(self, tip: str) -> None:  # noqa: N802
        """A tooltip of its own (shown whether cut or not; the full text is added when cut)."""
        self._own_tip = tip
        self._update_tip()

    def is_elided(self) -> bool:
        return self._elided

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().horizontalAdvance("…") * 4),
                     hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_tip()

    def _available(self) -> int:
        return self.contentsRect().width() - 2 * self.margin()

    def _update_tip(self) -> None:
        width = self._available()
        self._elided = width > 0 and self.fontMetrics().horizontalAdvance(self._full) > width
        tips = [t for t in (self._full if self._elided else "", self._own_tip) if t]
        super().setToolTip("\n".join(tips))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        rect = self.contentsRect().adjusted(self.margin(), self.margin(), -self.margin(),
                                            -self.margin())
        text = elide(self._full, self.fontMetrics(), rect.width())
        self.style().drawItemText(painter, rect, int(self.alignment()), option.palette,
                                  self.isEnabled(), text, self.foregroundRole())
        painter.end()


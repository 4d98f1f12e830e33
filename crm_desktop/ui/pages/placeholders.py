"""Pages whose feature is still being built: a styled explanation instead of an empty screen.

The main window shows one of these while `PAGES` names a module that does not exist yet; the
engineer who writes the real page only adds the module (nothing to change here).
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from crm_desktop.ui.context import AppContext
from crm_desktop.ui.pages.base import Page

_CONTEXT = "placeholders"


class InfoPage(Page):
    """A card with a title, a sentence and what the page will offer."""

    heading: ClassVar[str] = QT_TRANSLATE_NOOP("placeholders", "Coming soon")
    summary: ClassVar[str] = QT_TRANSLATE_NOOP(
        "placeholders", "This part of crm-desktop is being built.")
    points: ClassVar[tuple[str, ...]] = ()

    def __init__(self, context: AppContext, parent: QWidget | None = None,
                 title: str | None = None, summary: str | None = None) -> None:
        super().__init__(context, parent)
        heading = title or QCoreApplication.translate(_CONTEXT, self.heading)
        card = QFrame(self)
        card.setObjectName("infoCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setStyleSheet(
            "QFrame#infoCard { border: 1px solid palette(mid); border-radius: 10px;"
            " background: palette(base); }")
        card.setFixedWidth(600)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(12)
        head = QLabel(heading, card)
        head.setObjectName("infoHeading")
        head.setStyleSheet("font-size: 18pt; font-weight: 600;")
        inner.addWidget(head)
        body = QLabel(summary or QCoreApplication.translate(_CONTEXT, self.summary), card)
        body.setWordWrap(True)
        body.setStyleSheet("font-size: 11pt;")
        inner.addWidget(body)
        for point in self.points:
            bullet = QLabel("•  " + QCoreApplication.translate(_CONTEXT, point), card)
            bullet.setWordWrap(True)
            bullet.setContentsMargins(12, 0, 0, 0)
            inner.addWidget(bullet)
        note = QLabel(QCoreApplication.translate(
            _CONTEXT, "Everything you enter elsewhere is already stored and will show up here."),
            card)
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        inner.addWidget(note)
        # Stretches around the card (not an alignment flag): then the layout asks the card for
        # its height at its width, and the wrapped lines get the room they need.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)


class ComingSoonPage(InfoPage):
    pass

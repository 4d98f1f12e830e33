"""What the main window shows in place of a page that could not be imported or built: a card
with the page's title and one line saying why (the log has the traceback); `page_or_error`
makes a page, or this card when making it fails."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from crm_desktop.ui.context import AppContext
from crm_desktop.ui.pages.base import Page, parts_in_steps

if TYPE_CHECKING:
    from crm_desktop.ui.pages import PageEntry

log = logging.getLogger(__name__)


class ErrorPage(Page):
    def __init__(self, context: AppContext, title: str, message: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        card = QFrame(self)
        card.setObjectName("errorCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setStyleSheet(
            "QFrame#errorCard { border: 1px solid palette(mid); border-radius: 10px;"
            " background: palette(base); }")
        card.setFixedWidth(600)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(12)
        head = QLabel(title, card)
        head.setObjectName("errorHeading")
        head.setStyleSheet("font-size: 18pt; font-weight: 600;")
        inner.addWidget(head)
        body = QLabel(message, card)
        body.setObjectName("errorMessage")
        body.setWordWrap(True)
        body.setStyleSheet("font-size: 11pt;")
        inner.addWidget(body)
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


def for_error(context: AppContext, title: str, error: BaseException) -> Page:
    """The page shown for a page that `error` kept from being imported or built."""
    from crm_desktop.ui.errors import describe

    message = QCoreApplication.translate(
        "MainWindow", "This page could not be opened: {0}").format(describe(error))
    return ErrorPage(context, title, message)


def page_or_error(entry: PageEntry, context: AppContext, holder: QWidget,
                  stepped: bool = False) -> Page:
    """The page, made inside its holder: a widget tree made elsewhere and then moved into
    the window has its fonts, palette and style sheet resolved again for every widget,
    which took as long as building the page. A page that cannot be imported or built is
    replaced by the error card. `stepped`: the page keeps the parts it builds later
    (Page.build_later) for the window's next steps."""
    title = QCoreApplication.translate("pages", entry.title)
    try:
        cls = entry.load()
    except Exception as error:
        log.exception("page %s could not be imported", entry.name)
        return for_error(context, title, error)
    try:
        if stepped:  # its parts (Page.build_later) made in later steps by the window
            with parts_in_steps():
                return cls(context, holder)
        return cls(context, holder)
    except Exception as error:
        log.exception("page %s could not be created", entry.name)
        for partial in holder.findChildren(Page, options=Qt.FindChildOption.FindDirectChildrenOnly):
            _discard(partial)
        return for_error(context, title, error)


def _discard(partial: Page) -> None:
    """A half-built page, taken out of the window (not shown beside the error) and deleted."""
    partial.hide()
    partial.setParent(None)
    partial.deleteLater()


def part_or_error(entry: PageEntry, context: AppContext, page: Page, every: bool = False) -> Page:
    """Make the next part of `page` still to make (every part with `every`, see
    Page.build_later); the error card instead when one fails (the half-built page deleted)."""
    try:
        if every:
            page.finish_build()
        else:
            page.build_next_part()
    except Exception as error:
        log.exception("page %s could not be built", entry.name)
        _discard(page)
        return for_error(context, QCoreApplication.translate("pages", entry.title), error)
    return page

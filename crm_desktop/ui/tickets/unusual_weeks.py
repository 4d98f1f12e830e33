"""Unusual ticket weeks per theme on the tickets page: a button runs
`services.ticket_weeks.unusual_ticket_weeks` in a worker (it groups every ticket's text into
themes: seconds on many tickets) and a line under the toolbar names the newest weeks in which a
theme had far more tickets than usual."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from crm_desktop.services.ticket_weeks import TicketWeeks, unusual_ticket_weeks
from crm_desktop.ui.errors import show_error
from crm_desktop.ui.qt_typed import named
from crm_desktop.ui.widgets.display import day

if TYPE_CHECKING:
    from crm_desktop.ui.context import AppContext

SHOWN = 3


class UnusualWeeks(QLabel):
    """The result line; ``button`` (placed by the page) starts the search."""

    found = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unusualTicketWeeks")
        self.setAccessibleName(self.tr("Unusual ticket weeks per theme"))
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.context = context
        self.result: TicketWeeks | None = None
        self.button = named(QPushButton(self.tr("Unusual &weeks"), parent),
                            "unusualWeeksButton")
        self.button.setToolTip(self.tr(
            "Group the tickets into themes and find the weeks in which a theme had far more "
            "tickets than in its previous 12 weeks"))
        self.button.clicked.connect(self.search)
        self.hide()

    def search(self) -> None:
        self.button.setEnabled(False)
        self.setText(html.escape(self.tr("Looking for unusual weeks…")))
        self.show()
        self.context.runner.run(
            unusual_ticket_weeks, self.context.database, owner=self, key="weeks",
            description=self.tr("Looking for unusual ticket weeks"),
            on_progress=lambda f, _m: self.setText(html.escape(
                self.tr("Looking for unusual weeks… %1%").replace("%1", f"{100 * f:.0f}"))),
            on_finished=self._show, on_failed=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.button.setEnabled(True)
        self.hide()
        show_error(self, error)

    def _show(self, result: TicketWeeks) -> None:
        self.button.setEnabled(True)
        self.result = result
        if result.note is not None:
            text = self.tr("Too few tickets to group into themes (%1).").replace(
                "%1", result.note)
        elif not result.weeks:
            text = self.tr("No unusual week: over %1 weeks, no theme of %2 had far more "
                           "tickets than usual.").replace("%1", f"{result.weeks_tested:,}") \
                .replace("%2", f"{result.themes}")
        else:
            items = [self.tr("week of %1: “%2” %3 tickets (usually %4)")
                     .replace("%1", day(w.week)).replace("%2", w.name)
                     .replace("%3", f"{w.tickets:,}").replace("%4", f"{w.expected:,.0f}")
                     for w in result.weeks[:SHOWN]]
            text = self.tr("Unusual weeks (%n):", "", len(result.weeks)) + " " + \
                " · ".join(items)
        self.setText(f"<span style='color:#b35c00'>{html.escape(text)}</span>"
                     if result.weeks else html.escape(text))
        self.show()
        self.found.emit()

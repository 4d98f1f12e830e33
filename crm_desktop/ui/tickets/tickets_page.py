"""Customer service: the ticket queue (status, priority, SLA due; overdue in red), the
conversation with a reply box, resolving with a satisfaction rating, and new tickets."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from crm_desktop.services import service
from crm_desktop.storage.errors import StorageError
from crm_desktop.ui.context import AppContext
from crm_desktop.ui.errors import show_error
from crm_desktop.ui.pages.list_page import ListPage
from crm_desktop.ui.pages.page_tools import highlight_rows, open_form
from crm_desktop.ui.theme import ThemedLabel
from crm_desktop.ui.tickets.resolve_dialog import ResolveDialog
from crm_desktop.ui.tickets.ticket_dialog import TicketDialog
from crm_desktop.ui.tickets.ticket_views import (
    TicketDetail,
    filter_fields,
    row_colours,
    ticket_spec,
)
from crm_desktop.ui.tickets.unusual_weeks import UnusualWeeks

log = logging.getLogger(__name__)


class TicketsPage(ListPage):
    entities = ("tickets", "ticket_messages", "customers")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("ticketsPage")
        self.setAccessibleName("ticketsPage")
        self.detail = TicketDetail(self)
        # The list and the bar above it in a step of their own when the page is opened from
        # the navigation (Page.build_later): with the detail, 27-31 ms of the GUI thread in
        # one step at 1M customers (polishing the table's scroll bars, the filter's menus).
        self.build_later(self._build_list)

    def _build_list(self) -> None:
        context = self.context
        self.make_list(ticket_spec(), filter_fields(), detail=self.detail,
                       table_name="ticketQueue", filter_name="ticketFilter", split=[820, 460])
        self.table = self.list.table
        highlight_rows(self.list, row_colours)
        self.table.setColumnHidden(ticket_spec().column_index("queue"), True)
        self.detail.replyRequested.connect(self.send_reply)
        self.detail.resolveRequested.connect(self.resolve)
        self.detail.editRequested.connect(self.edit)
        self.detail.customerRequested.connect(self.context.open_customer)
        status = self.list.filter_bar.combos["status"]
        status.setCurrentIndex(1)  # open or pending: the work queue
        top = QHBoxLayout()
        top.addWidget(self.new_button(self.tr("&New ticket"), "newTicketButton",
                                      self.tr("Open a ticket for a customer (Ctrl+N)")))
        self.overdue_label = ThemedLabel("", self)
        self.overdue_label.setObjectName("overdueCount")
        top.addWidget(self.overdue_label)
        top.addStretch(1)
        self.weeks = UnusualWeeks(context, self)
        top.addWidget(self.weeks.button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.weeks)
        layout.addWidget(self.list, 1)
        self.update_overdue()

    # Page API --------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.list.refresh()
        self.update_overdue()
        self.show_detail(self.list.current_id())

    def make_dialog(self, record_id: int | None, **options: Any) -> TicketDialog:
        return TicketDialog(self.context.database, record_id, parent=self)

    def undo_text(self, record_id: int | None) -> str:
        return self.tr("New ticket") if record_id is None else self.tr("Edit ticket")

    def show_record(self, record_id: int) -> None:
        if not self.list.select_id(record_id):
            self.list.filter_bar.set_state([], "")
        self.show_detail(record_id)

    # Detail and actions ----------------------------------------------------------------------
    def update_overdue(self) -> None:
        """The count of overdue tickets, read in the background (a count over every open
        ticket: seconds' worth of stall at 1M customers if read on the GUI thread)."""
        self.context.runner.run(service.count_overdue, self.context.database, owner=self,
                                key="overdue", description=self.tr("Counting overdue tickets"),
                                on_finished=self._show_overdue)

    def _show_overdue(self, count: int) -> None:
        overdue = self.tr("%1 overdue").replace("%1", f"{count:,}")
        self.overdue_label.setText(f"<span class='danger'>{overdue}</span>" if count
                                   else self.tr("Nothing overdue"))

    def show_detail(self, ticket_id: Any) -> None:
        if not ticket_id:
            self.detail.show_ticket(None, [])
            return
        self.detail.show_ticket(*service.ticket_view(self.context.database, ticket_id,
                                                     trash=self.list.trash_mode()))

    def send_reply(self, ticket_id: int, text: str) -> None:
        """Replies are sent messages: recorded (and audited), not undoable."""
        database = self.context.database
        try:
            outcome = service.reply(database, ticket_id, text, author=database.actor)
        except StorageError as error:
            show_error(self, error)
            return
        self.detail.reply.clear()
        self.context.apply(outcome.changes)
        self.show_detail(ticket_id)

    def resolve(self, ticket_id: int) -> None:
        try:
            dialog = ResolveDialog(self.context.database, ticket_id, parent=self)
        except StorageError as error:  # gone or in the trash since it was shown
            show_error(self, error)
            return
        open_form(self, dialog, lambda _d: self._resolved(dialog))

    def _resolved(self, dialog: ResolveDialog) -> None:
        dialog.push_undo(self.context, self.tr("Resolve ticket"))
        self.show_detail(dialog.ticket_id)

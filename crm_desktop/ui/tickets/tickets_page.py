"""Customer service: the ticket queue (status, priority, SLA due; overdue in red), the
conversation with a reply box, resolving with a satisfaction rating, and new tickets."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from crm_desktop.services import service
from crm_desktop.storage.errors import StorageError
from crm_desktop.ui.context import AppContext
from crm_desktop.ui.errors import show_error
from crm_desktop.ui.pages.base import Page
from crm_desktop.ui.pages.page_tools import RowHighlighter, default_split, open_form
from crm_desktop.ui.tickets.resolve_dialog import ResolveDialog
from crm_desktop.ui.tickets.ticket_dialog import TicketDialog
from crm_desktop.ui.tickets.ticket_views import (
    TicketDetail,
    filter_fields,
    row_colours,
    ticket_spec,
)
from crm_desktop.ui.widgets.record_list import RecordList

log = logging.getLogger(__name__)


class TicketsPage(Page):
    entities = ("tickets", "ticket_messages", "customers")
    has_trash = True

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("ticketsPage")
        self.setAccessibleName("ticketsPage")
        self.detail = TicketDetail()
        self.list = RecordList(context, ticket_spec(), filter_fields(), detail=self.detail,
                               table_name="ticketQueue", filter_name="ticketFilter")
        self.table = self.list.table
        self.table.setItemDelegate(RowHighlighter(row_colours, self.table))
        self.table.setColumnHidden(ticket_spec().column_index("queue"), True)
        default_split(self.list, [820, 460])
        self.list.currentChanged.connect(self.show_detail)
        self.list.activated.connect(self.edit)
        self.detail.replyRequested.connect(self.send_reply)
        self.detail.resolveRequested.connect(self.resolve)
        self.detail.editRequested.connect(self.edit)
        self.detail.customerRequested.connect(self.context.open_customer)
        status = self.list.filter_bar.combos["status"]
        status.setCurrentIndex(1)  # open or pending: the work queue
        top = QHBoxLayout()
        new = QPushButton(self.tr("&New ticket"), objectName="newTicketButton")
        new.setToolTip(self.tr("Open a ticket for a customer (Ctrl+N)"))
        new.clicked.connect(self.new_record)
        top.addWidget(new)
        self.overdue_label = QLabel(objectName="overdueCount")
        top.addWidget(self.overdue_label)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        self.update_overdue()

    # Page API --------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.list.refresh()
        self.update_overdue()
        self.show_detail(self.list.current_id())

    def new_record(self) -> None:
        dialog = TicketDialog(self.context.database, parent=self)
        open_form(self, dialog, lambda _d: dialog.push_undo(self.context, self.tr("New ticket")))

    def open_selected(self) -> None:
        self.edit(self.list.current_id())

    def delete_selected(self) -> None:
        self.list.delete_selected()

    def set_trash_mode(self, trash: bool) -> None:
        self.list.set_trash_mode(trash)

    def trash_mode(self) -> bool:
        return self.list.trash_mode()

    def focus_filter(self) -> None:
        self.list.filter_bar.search_edit.setFocus()

    def show_record(self, record_id: int) -> None:
        if not self.list.select_id(record_id):
            self.list.filter_bar.set_state([], "")
        self.show_detail(record_id)

    def shutdown(self) -> None:
        self.list.shutdown()
        super().shutdown()

    # Detail and actions ----------------------------------------------------------------------
    def update_overdue(self) -> None:
        count = service.count_overdue(self.context.database)
        self.overdue_label.setText(
            f"<span style='color:#a61b0f'>{self.tr('%1 overdue').replace('%1', str(count))}"
            "</span>" if count else self.tr("Nothing overdue"))

    def show_detail(self, ticket_id: Any) -> None:
        if not ticket_id:
            self.detail.show_ticket(None, [])
            return
        self.detail.show_ticket(*service.ticket_view(self.context.database, ticket_id,
                                                     trash=self.list.trash_mode()))

    def edit(self, ticket_id: Any = None) -> None:
        ticket_id = ticket_id or self.list.current_id()
        if not ticket_id or self.trash_mode():
            return
        dialog = TicketDialog(self.context.database, ticket_id, parent=self)
        open_form(self, dialog, lambda _d: dialog.push_undo(self.context, self.tr("Edit ticket")))

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

"""Open a new ticket (SLA due from the priority) or edit one's details."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from crm_desktop.models import TICKET_PRIORITIES, TICKET_TYPES
from crm_desktop.models.service import TICKET_CHANNELS
from crm_desktop.services import service
from crm_desktop.services.editing import customer_name
from crm_desktop.storage.database import Database
from crm_desktop.storage.errors import ValidationError
from crm_desktop.ui.dialogs.choices import items
from crm_desktop.ui.dialogs.form import combo, line, notes
from crm_desktop.ui.dialogs.record_dialog import RecordDialog
from crm_desktop.ui.widgets.choice_boxes import OwnerBox
from crm_desktop.ui.widgets.customer_picker import CustomerPicker


class TicketDialog(RecordDialog):
    entity = "tickets"
    field_aliases = {"customer": "customer_id", "message": "body"}

    def __init__(self, database: Database, ticket_id: int | None = None,
                 parent: QWidget | None = None, *, customer_id: int | None = None) -> None:
        title = self.tr("New ticket") if ticket_id is None else self.tr("Edit ticket")
        super().__init__(database, title, "ticketDialog", parent)
        self.ticket_id = ticket_id
        t = service.form(database, ticket_id) if ticket_id else None
        picker = CustomerPicker(database)
        if t is not None:
            picker.set_customer(t.customer_id, t.customer_name)
        elif customer_id:
            picker.set_customer(customer_id, customer_name(database, customer_id))
        picker.setEnabled(t is None)
        self.add_field("customer_id", self.tr("Customer"), picker, required=True)
        self.add_field("subject", self.tr("Subject"), line(t.subject if t else None),
                       required=True)
        self.add_field("type", self.tr("Type"),
                       combo(items(TICKET_TYPES), t.type if t else "consultation"))
        self.add_field("priority", self.tr("Priority"),
                       combo(items(TICKET_PRIORITIES), t.priority if t else "normal"))
        self.add_field("channel", self.tr("Channel"),
                       combo(items(TICKET_CHANNELS), t.channel if t else "email"))
        self.add_field("category", self.tr("Category"), line(t.category if t else None))
        self.add_field("owner", self.tr("Owner"), OwnerBox(database, t.owner if t else None))
        if t is None:
            self.add_field("body", self.tr("Message"), notes())
        self.resize(460, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        picker = self.field("customer_id")
        assert isinstance(picker, CustomerPicker)
        if picker.customer_id is None:
            message = (self.tr("pick a customer from the suggestions") if picker.text().strip()
                       else self.tr("a ticket needs a customer"))
            raise ValidationError("customer_id", message)
        values = {
            "subject": self.text("subject", required=True), "type": self.choice("type"),
            "priority": self.choice("priority"), "channel": self.choice("channel"),
            "category": self.text("category"), "owner": self.text("owner"),
        }
        if self.ticket_id is None:
            values["customer_id"] = picker.customer_id
            values["body"] = self.text("body")
        return values

    def save(self) -> None:
        values = self.values()
        if self.ticket_id is None:
            self.saved_new(service.open_ticket(self.database, values))
        else:
            self.saved_edit(service.update_ticket(self.database, self.ticket_id, values),
                            service.update_ticket)
